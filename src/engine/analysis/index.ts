import type { Ledger } from "../ledger/types";
import { problem } from "../problems";
import { compensatedSum } from "../metrics/concentration";
import { aggregateCustomers, GRID_MONTHS_AFTER_DATA } from "../customers";
import { isoFromDay, monthLabel, monthOfDay } from "../day";
import { analyzeConcentration } from "./concentration";
import { analyzeClv } from "./clv";
import { analyzeCredit, receivablesOptions } from "./credit";
import { analyzeRisk } from "./risk";
import { analyzeDependence } from "./dependence";
import { analyzeCohorts, analyzeRetention, analyzeRfm, analyzeStability } from "./behaviour";
import { DEFAULT_PARAMS, resolveParams } from "./params";
import { chooseCurrency } from "../currency";
import { messages } from "../i18n";
import { keyFindings } from "../findings";
import type { Params } from "./params";
import type { IntervalRunner } from "../forecast";
import type { Receivables } from "../metrics/credit";
import type { Analysis, BacktestRunner, LedgerInfo, ReceivablesRunner } from "./types";

export type { Analysis, BacktestRunner, ReceivablesRunner, LedgerInfo, Warning, ConcentrationSection, ClvSection, CreditSection, RiskSection, RfmSection, RetentionSection, SegmentBy, DependenceSection, GroupBlock } from "./types";
export type { Params } from "./params";
export { DEFAULT_PARAMS, resolveParams } from "./params";
export type { CustomerBase } from "../customers";

export interface AnalyzeOptions {
  /** Called at each stage with a fraction done in [0, 1]. */
  onProgress?(stage: string, done: number): void;
  signal?: AbortSignal;
  /**
   * Runs the forecast backtest elsewhere (the CLI: on a worker thread) while the models are fitted to the whole
   * ledger here; it must give what `backtest(rows, options)` gives. Without it the backtest runs first, in line.
   */
  runBacktest?: BacktestRunner;
  /** Draws part of the forecast intervals elsewhere (the CLI: on a worker thread) while the rest are drawn here. */
  runIntervals?: IntervalRunner;
  /**
   * Works out the receivables elsewhere (the CLI: on a worker thread), started once the customers are known and
   * awaited by the credit stage: the stages between run here meanwhile.
   */
  runReceivables?: ReceivablesRunner;
}

/** Receivables being worked out elsewhere for an analysis under way (see `AnalyzeOptions.runReceivables`). */
const receivablesElsewhere = new WeakMap<Analysis, Promise<Receivables>>();


/**
 * A stage of the analysis: reads the ledger and what earlier stages filled, fills its own section.
 * Later issues add stages here (RFM, stability, CLV models, credit, risk), in dependency order.
 */
export interface Stage {
  name: string;
  run(analysis: Analysis, ledger: Ledger, opts: AnalyzeOptions): void | Promise<void>;
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
    async run(a, ledger, opts) {
      a.clv = await analyzeClv(a, ledger, opts);
    },
  },
  {
    name: "credit",
    async run(a, ledger) {
      a.credit = analyzeCredit(a, ledger, await receivablesElsewhere.get(a));
    },
  },
  // After credit: stress tests and groups read open balances, aging and overdue rows; before risk, whose
  // rising-dependence alert reads the share shifts.
  {
    name: "dependence",
    run(a, ledger) {
      a.dependence = analyzeDependence(a, ledger);
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

export async function analyze(input: Ledger, params: Partial<Params> = {}, opts: AnalyzeOptions = {}): Promise<Analysis> {
  // Amounts in different currencies are never added: one currency is chosen (or the ledger is refused) first.
  const currency = chooseCurrency(input, params.currency, params.lang ?? DEFAULT_PARAMS.lang);
  const ledger = currency.ledger;
  const resolved = resolveParams({ ...params, asOf: params.asOf ?? ledger.asOf, currency: currency.code });
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
  if (currency.totals) analysis.ledger.currencyTotals = currency.totals;
  if (currency.excluded > 0 && currency.code) {
    analysis.warnings.push({ code: "otherCurrencies", message: messages(resolved.lang).currency.excluded({ rows: currency.excluded, code: currency.code }) });
  }
  for (const w of ledger.warnings ?? []) analysis.warnings.push({ ...w });
  if (monthOfDay(customers.asOf) > customers.throughMonth) {
    analysis.warnings.push({
      code: "asOfAfterData",
      message: `The as-of date ${isoFromDay(customers.asOf)} is more than ${GRID_MONTHS_AFTER_DATA} months after the ledger's last row: monthly series, retention and cohorts stop at ${monthLabel(customers.throughMonth)}.`,
    });
  }
  const recOptions = opts.runReceivables ? receivablesOptions(analysis, ledger) : undefined;
  const elsewhere = recOptions && opts.runReceivables?.(ledger, customers, recOptions);
  if (elsewhere) {
    // The open items' invoice numbers and sheet rows are filled in here, from their rows (the runner is sent neither).
    const filled = elsewhere.then((rec) => {
      const items = rec.openItems;
      for (let k = 0; k < items.row.length; k++) {
        const i = items.row[k];
        if (i < 0) continue;
        if (ledger.invoice) items.invoice[k] = ledger.invoice[i];
        items.sourceRow[k] = ledger.sourceRow[i];
      }
      return rec;
    });
    filled.catch(() => undefined); // (awaited by the credit stage; a stage failing before it must not leave it unhandled)
    receivablesElsewhere.set(analysis, filled);
  }
  for (let s = 0; s < STAGES.length; s++) {
    await checkpoint(opts.signal);
    opts.onProgress?.(STAGES[s].name, (s + 1) / stages);
    await STAGES[s].run(analysis, ledger, opts);
  }
  // Findings read every section, so they come after the last stage, whatever areas append to STAGES.
  analysis.findings = keyFindings(analysis, ledger);
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
  return info;
}
