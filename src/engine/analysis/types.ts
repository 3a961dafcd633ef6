import type { Day } from "../day";
import type { ExcludedRow, ExclusionReason, Field, TextFileReading } from "../ledger/types";
import type { CustomerBase } from "./customers";
import type { ConcentrationSection } from "./concentration";
import type { ClvSection } from "./clv";
import type { CreditSection } from "./credit";
import type { RiskSection } from "./risk";
import type { RfmSection, RetentionSection } from "./behaviour";
import type { StabilityColumns } from "../metrics/stability";
import type { CohortMatrix } from "../metrics/retention";
import type { Params } from "./params";

/** A non-fatal finding shown on the Summary/About tabs, in the pane and on stderr. */
export interface Warning {
  code: string;
  message: string;
}

/** What was read, for the About tab and the JSON `rows` block. */
export interface LedgerInfo {
  read: number;
  used: number;
  excludedCounts: Partial<Record<ExclusionReason, number>>;
  excluded: ExcludedRow[];
  mapping: Partial<Record<Field, string>>;
  notes: string[];
  /** How a CSV/TSV file was read (encoding, delimiter); absent for sheets. */
  textFile?: TextFileReading;
  /** Net revenue per currency when the ledger has more than one currency (never summed silently). */
  currencyTotals?: { currency: string; revenue: number }[];
}

/**
 * Everything the faces show, from one pass over a Ledger. Sections are filled by the analysis stages
 * (src/engine/analysis/index.ts); an area whose inputs are missing leaves its section undefined and says why
 * in `warnings`.
 */
export interface Analysis {
  params: Params;
  asOf: Day;
  ledger: LedgerInfo;
  customers: CustomerBase;
  /** Net revenue of all used rows (compensated sum). */
  revenue: number;
  concentration?: ConcentrationSection;
  clv?: ClvSection;
  credit?: CreditSection;
  risk?: RiskSection;
  rfm?: RfmSection;
  stability?: StabilityColumns;
  retention?: RetentionSection;
  cohorts?: CohortMatrix;
  warnings: Warning[];
}
