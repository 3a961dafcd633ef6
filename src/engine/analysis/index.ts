import type { Ledger } from "../ledger/types";
import { problem } from "../problems";
import { compensatedSum } from "../metrics/concentration";
import { aggregateCustomers } from "../customers";
import { analyzeConcentration } from "./concentration";
import { analyzeClv } from "./clv";
import { analyzeCredit } from "./credit";
import { analyzeRisk } from "./risk";
import { analyzeCohorts, analyzeRetention, analyzeRfm, analyzeStability } from "./behaviour";
import { resolveParams } from "./params";
import type { Params } from "./params";
import type { Analysis, LedgerInfo } from "./types";

export type { Analysis, LedgerInfo, Warning, ConcentrationSection, ClvSection, CreditSection, RiskSection, RfmSection, RetentionSection, SegmentBy } from "./types";
export type { Params } from "./params";
export { DEFAULT_PARAMS, resolveParams } from "./params";
export type { CustomerBase } from "../customers";

export interface AnalyzeOptions {
  /** Called at each stage with a fraction done in [0, 1]. */
  onProgress?(stage: string, done: number): void;
  signal?: AbortSignal;
}

/**
 * A stage of the analysis: reads the ledger and what earlier stages filled, fills its own section.
 * Later issues add stages here (RFM, stability, CLV models, credit, risk), in dependency order.
 */
export interface Stage {
  name: string;
  run(analysis: Analysis, ledger: Ledger): void;
}

export const STAGES: Stage[] = [
  {
    name: "concentration",
    run(a) {
      a.concentration = analyzeConcentration(a.customers, a.params);
      if (!a.concentration) {
        a.warnings.push({
          code: "noPositiveRevenue",
          message:
            "There is no positive revenue to share out: every customer's net revenue is zero or negative (credit notes cancel or exceed the sales), so shares, HHI, concentration ratios, Gini, Pareto and ABC classes are not measured. Row accounting, credit and retention are still reported.",
        });
      }
    },
  },
  {
    name: "rfm",
    run(a, ledger) {
      a.rfm = analyzeRfm(a, ledger);
    },
  },
  {
    name: "stability",
    run(a, ledger) {
      a.stability = analyzeStability(a, ledger);
    },
  },
  {
    name: "retention",
    run(a, ledger) {
      a.retention = analyzeRetention(a, ledger);
      a.cohorts = analyzeCohorts(a, ledger);
    },
  },
  // Credit and risk stay last: the scorecard reads trend, the risk score P(alive), volatility and trend (the CLV
  // model stage goes before these two).
  {
    name: "clv models",
    run(a, ledger) {
      a.clv = analyzeClv(a, ledger);
    },
  },
  {
    name: "credit",
    run(a, ledger) {
      a.credit = analyzeCredit(a, ledger);
    },
  },
  {
    name: "risk",
    run(a, ledger) {
      a.risk = analyzeRisk(a, ledger);
    },
  },
];

/** Lets the UI thread breathe between stages (the pane stays responsive) and honours cancellation. */
async function checkpoint(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw problem("cancelled", "The analysis was cancelled.");
}

export async function analyze(ledger: Ledger, params: Partial<Params> = {}, opts: AnalyzeOptions = {}): Promise<Analysis> {
  const resolved = resolveParams({ ...params, asOf: params.asOf ?? ledger.asOf });
  if (ledger.used === 0) {
    const why = Object.entries(ledger.excludedCounts).map(([r, n]) => `${n} × ${r}`).join(", ");
    throw problem("noRows", ledger.read === 0 ? "The ledger has no data rows." : `No row of the ledger can be used (${ledger.read} read, all excluded: ${why}).`);
  }
  const stages = STAGES.length + 1;
  opts.onProgress?.("customers", 0);
  const customers = aggregateCustomers(ledger);
  const analysis: Analysis = {
    params: resolved,
    asOf: resolved.asOf ?? ledger.asOf,
    ledger: ledgerInfo(ledger),
    customers,
    revenue: compensatedSum(ledger.amount.subarray(0, ledger.used)),
    warnings: [],
  };
  if (analysis.ledger.currencyTotals) {
    analysis.warnings.push({
      code: "mixedCurrencies",
      message: `The ledger holds ${analysis.ledger.currencyTotals.length} currencies (${analysis.ledger.currencyTotals.map((c) => c.currency).join(", ")}); amounts are not converted, so totals mix currencies. Per-currency totals are on the About tab.`,
    });
  }
  for (let s = 0; s < STAGES.length; s++) {
    await checkpoint(opts.signal);
    opts.onProgress?.(STAGES[s].name, (s + 1) / stages);
    STAGES[s].run(analysis, ledger);
  }
  opts.onProgress?.("done", 1);
  return analysis;
}

function ledgerInfo(ledger: Ledger): LedgerInfo {
  const info: LedgerInfo = {
    read: ledger.read,
    used: ledger.used,
    excludedCounts: ledger.excludedCounts,
    excluded: ledger.excluded,
    mapping: ledger.mapping,
    notes: ledger.notes,
  };
  if (ledger.textFile) info.textFile = ledger.textFile;
  if (ledger.currency && ledger.currencies && ledger.currencies.length > 1) {
    const totals = new Float64Array(ledger.currencies.length);
    for (let i = 0; i < ledger.used; i++) totals[ledger.currency[i]] += ledger.amount[i];
    info.currencyTotals = ledger.currencies.map((currency, k) => ({ currency, revenue: totals[k] }));
  }
  return info;
}
