import type { Day } from "../day";
import type { ExcludedRow, ExclusionReason, Field, TextFileReading } from "../ledger/types";
import type { CustomerBase } from "../customers";
import type { AbcClass, HhiBand } from "../metrics/concentration";
import type { AccountCreditScores, ReceivableRows, Receivables, ReceivablesOptions, RowGroups } from "../metrics/credit";
import type { RfmColumns } from "../metrics/rfm";
import type { Alert, AlertReason, RiskScoreColumns, Tier } from "../metrics/risk";
import type { ConcentrationTrend, GroupDependence, GroupKind, ShareShifts, StressTests } from "../metrics/dependence";
import type { StabilityColumns } from "../metrics/stability";
import type { CohortMatrix, RetentionPeriod, RetentionStep } from "../metrics/retention";
import type { BgNbdFit, BgNbdParams, CustomerSummary, GammaGammaFit, GammaGammaParams, NbdFit, NbdParams, ParameterUncertainty, ParetoNbdFit, ParetoNbdParams, RepeatModel, SummaryRows, TimeUnit } from "../models";
import type { Backtest, BacktestOptions, ModelChoice, RecencyChurn } from "../forecast";
import type { Params } from "./params";
import type { Finding } from "../findings/types";

/*
 * The Analysis record and the shape of every section. Shapes live here, below the stages that fill them
 * (src/engine/analysis/<area>.ts import this file, never the reverse), so the layer has no import cycle.
 * A new area adds its section's interface here and an optional field to Analysis, then its stage to STAGES.
 */

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
  /** Key findings (src/engine/findings), in `params.lang`: filled after every stage. */
  findings?: Finding[];
  /** Concentration over time, share shifts, stress tests, dependence by group. */
  dependence?: DependenceSection;
  warnings: Warning[];
}

/** Concentration of net revenue across customers, summary and per customer (docs/metrics.md#concentration). */
export interface ConcentrationSection {
  totalPositive: number;
  positiveCustomers: number;
  /** Customers with net revenue ≤ 0: counted, never in shares. */
  nonPositiveCustomers: number;
  nonPositiveRevenue: number;
  hhi: number;
  band: HhiBand;
  cr1: number;
  cr5: number;
  cr10: number;
  gini: number;
  effectiveCustomers: number;
  pareto: { threshold: number; customers: number; fraction: number };
  revenueAtRisk: { k: number; share: number }[];
  lorenz: { x: Float64Array; y: Float64Array };
  /** Per customer (by code). Share and cumulative share are NaN for customers with revenue ≤ 0. */
  share: Float64Array;
  cumShare: Float64Array;
  /** 1-based rank by net revenue, largest first (all customers; ≤ 0 at the end). */
  rank: Int32Array;
  abc: AbcClass[];
  disclosure: Uint8Array;
  /** Customer codes in rank order: the row order of the Accounts tab. */
  order: Int32Array;
  abcCounts: Record<"A" | "B" | "C", number>;
}

/** The main value of the `segmentBy` column per customer (for the Segments tab's cross-table). */
export interface SegmentBy {
  /** Header of the mapped column (Region, Sales Rep, …). */
  header: string;
  values: string[];
  /** Per customer: code into `values` of the value with the largest gross sales (first seen on a tie); −1 none. */
  main: Int32Array;
}

export interface RfmSection extends RfmColumns {
  /** RFM code per customer ("545"; "" when unscored). */
  codes: string[];
  segmentBy?: SegmentBy;
}

export interface RetentionSection {
  period: RetentionPeriod;
  steps: RetentionStep[];
  /** The step into the last complete period: what the Summary and the JSON report. */
  last?: RetentionStep;
}

/**
 * Probabilistic CLV per customer (docs/metrics.md#customer-lifetime-value): BG/NBD, Pareto/NBD (and the NBD when
 * neither identifies dropout) and Gamma-Gamma fitted on the ledger at as-of, the model chosen for the forecasts and
 * why, and each customer's P(alive), expected purchases (next 90 days, next 12 months), expected average spend and
 * predicted CLV over `clvMonths` months, with 90 % intervals from parameter draws; the hold-out backtest when one ran;
 * churn by recency. Without any usable model the predictions are blank (NaN) and warnings say why.
 */
export interface ClvSection {
  unit: TimeUnit;
  /** Model inputs per customer code, in `unit` (NaN for customers without a purchase occasion). */
  summary: CustomerSummary;
  bgnbd?: BgNbdFit;
  paretoNbd?: ParetoNbdFit;
  /** Fitted only when the forecasts use the NBD limit. */
  nbd?: NbdFit;
  gammaGamma?: GammaGammaFit;
  /** Standard errors (observed information) of each converged fit. */
  uncertainty: {
    bgnbd?: ParameterUncertainty<BgNbdParams>;
    paretoNbd?: ParameterUncertainty<ParetoNbdParams>;
    nbd?: ParameterUncertainty<NbdParams>;
    gammaGamma?: ParameterUncertainty<GammaGammaParams>;
  };
  /** The model behind the per-customer columns and the facts of the choice. */
  choice: ModelChoice;
  /** Its parameters; undefined when no model could be fitted. */
  model?: RepeatModel;
  /** P(alive) is the chosen model's estimate; false under the NBD limit (P(alive) = 1 by assumption) or without a model. */
  pAliveEstimated: boolean;
  pAlive: Float64Array;
  pAliveLow: Float64Array;
  pAliveHigh: Float64Array;
  expectedPurchases90d: Float64Array;
  expectedPurchases12m: Float64Array;
  expectedPurchases12mLow: Float64Array;
  expectedPurchases12mHigh: Float64Array;
  expectedSpend: Float64Array;
  clv12m: Float64Array;
  clv12mLow: Float64Array;
  clv12mHigh: Float64Array;
  /** Σ predicted CLV over the horizon (discounted monthly): the expected revenue of the next `clvMonths` months. */
  predicted12m: number;
  /** Parameter draws behind the intervals (0: none), their seed and level (0.9). */
  intervals: { draws: number; seed: number; level: number };
  /** The calibration / hold-out backtest, when one ran. */
  backtest?: Backtest;
  /** Churn by recency for every customer (the churn alert's signal when P(alive) is not estimated). */
  recency: RecencyChurn;
}

/**
 * Credit risk per customer and in total (docs/metrics.md#credit): receivables, aging, DSO, lateness, ECL, scorecard,
 * limits.
 */
export interface CreditSection extends Receivables {
  scores: AccountCreditScores;
  /** Whether the scorecard had the trend component (from the stability analysis). */
  trendUsed: boolean;
}

/** Key-account tiering, the account risk score with its components, and alerts (docs/metrics.md#account-risk). */
export interface RiskSection extends RiskScoreColumns {
  tier: Tier[];
  tierCounts: Record<Tier, number>;
  alerts: Alert[];
  alertCounts: Record<AlertReason, number>;
  /** Which inputs the score and alerts had (a missing one drops out / raises no alert). */
  inputs: { pAlive: boolean; creditScore: boolean; share: boolean; volatility: boolean; trend: boolean; yoy: boolean; contractEnd: boolean; utilisation: boolean };
}

/** Concentration over time, share shifts, stress tests and dependence by group (src/engine/metrics/dependence). */
export interface GroupBlock {
  header: string;
  kind: GroupKind;
  groups: GroupDependence[];
}

export interface DependenceSection {
  trend: ConcentrationTrend;
  shifts: ShareShifts;
  stress: StressTests;
  /** Per customer (by code): gross margin (revenue − cost) when the ledger has a cost column. */
  margin?: Float64Array;
  /** Rows whose cost is blank or unreadable (their margin is unknown and left out). */
  rowsWithoutCost: number;
  /** Per customer: expected credit loss by the provision matrix, when credit fields exist. */
  ecl?: Float64Array;
  /** Customers the user picked for a stress test that the ledger does not have (names as given). */
  unknownPicks: string[];
  groups: GroupBlock[];
}

/**
 * Runs the forecast backtest elsewhere (the CLI: on a worker thread) while the repeat-purchase models are fitted to
 * the whole ledger; it must give what `backtest(rows, options)` gives.
 */
export type BacktestRunner = (rows: SummaryRows, options: BacktestOptions) => Promise<Backtest>;

/**
 * Runs `analyzeReceivables(rows, groups, options)` elsewhere (the CLI: on a worker thread, beside the stages before
 * the credit stage), or answers undefined to have it run in line. It must give what that call gives, but for the
 * open items' invoice numbers and sheet rows, which the caller fills in from their rows (`rows` may leave out
 * `invoice` and `sourceRow`).
 */
export type ReceivablesRunner = (rows: ReceivableRows, groups: RowGroups, options: ReceivablesOptions) => Promise<Receivables> | undefined;
