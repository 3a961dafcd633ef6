import type { Day } from "../day";
import type { Lang } from "../i18n/lang";
import type { GradeCutoffs, LimitMultipliers, Scenario, ScorecardWeights } from "../metrics/credit";
import type { AlertThresholds, RiskWeights, TierRules } from "../metrics/risk";

/**
 * The few parameters that matter, with their defaults (docs/metrics.md). Saved with the workbook and shown on KA About.
 */
export interface Params {
  /** Language of every written string: tabs, labels, findings, warnings (JSON keys and codes never change with it). */
  lang: Lang;
  /**
   * The report's currency (ISO 4217 code): amounts are written with its symbol. Given by the user, or found in the
   * ledger's currency column; a ledger holding several currencies is refused until one is chosen (src/engine/currency.ts).
   */
  currency?: string;
  /** Analysis date; default the ledger's latest date (never the clock). */
  asOf?: Day;
  /** Time unit of the probabilistic models. */
  unit: "day" | "week" | "month";
  /** RFM score bins (2..10). */
  bins: number;
  /** RFM frequency: distinct purchase days (default) or invoices. */
  frequencyBy: "days" | "invoices";
  /** RFM monetary: net revenue (default) or average order value. */
  monetaryBy: "net" | "average";
  /** Retention, churn and NRR compare consecutive calendar months (default), quarters or years. */
  retentionPeriod: "month" | "quarter" | "year";
  /** ABC thresholds on cumulative share before the customer. */
  abcA: number;
  abcB: number;
  /** Pareto threshold. */
  paretoThreshold: number;
  /** HHI band yardsticks: 2023 (1000/1800, default) or 2010 (1500/2500). */
  hhiGuidelines: 2023 | 2010;
  /** Predicted CLV horizon (months) and monthly discount rate. */
  clvMonths: number;
  monthlyDiscount: number;
  /** L2 penalizer of the model fits. */
  penalizer: number;
  /**
   * Forecast backtest (docs/metrics.md#forecast-backtest): the models are also fitted on the ledger up to
   * `calibrationEnd` and compared with what happened after it. `calibrationEnd` wins; else `holdoutMonths` months
   * before as-of (0: no backtest); else, when the ledger spans at least 18 months, the last third of it, at most 12
   * months.
   */
  calibrationEnd?: Day;
  holdoutMonths?: number;
  /** The repeat-purchase model of the forecasts: the user's choice, or (undefined) the better one by the backtest or BIC. */
  model?: "bgnbd" | "paretonbd";
  /** Parameter draws behind the forecasts' 90 % intervals (0: no intervals), from a fixed seed. */
  forecastDraws: number;
  /** Churn by recency (when no model gives P(alive)): silent for more than this many times the customer's typical gap. */
  churnGapMultiple: number;
  /** Aging bucket upper bounds in days past due: Current ≤ 0, 1–30, 31–60, 61–90, > 90. */
  agingBounds: number[];
  /**
   * Loss rate per aging bucket (bounds.length + 1 of them). Illustrative default (IFRS 9 IE Example 12); with other
   * buckets the illustrative rates are mapped onto them (`illustrativeLossRates`). The user's own belong here.
   */
  lossRates: number[];
  /** IFRS 9 forward-looking adjustment: one factor on every loss rate, and optional per-bucket multipliers. */
  lossRateOverlay: number;
  lossRateMultipliers?: number[];
  /** Probability-weighted scenarios (weights sum to 1), each a multiplier on the loss rates. */
  scenarios: Scenario[];
  /** Write off what is still owed more than this many days past due (none by default). */
  writeOffDays?: number;
  /** Opening date of the loss-allowance movement schedule (none by default). */
  compareAsOf?: Day;
  /** "auto": roll-rate loss rates when ≥ 6 months of payment history allow, else `lossRates`; "given": always `lossRates`. */
  lossRateMethod: "auto" | "given";
  /** Roll-rate method: share of a balance reaching the last aging bucket that is finally lost (loss given default). */
  lossGivenDefault: number;
  /** Credit scorecard weights, grade cut-offs and suggested-limit multipliers (docs/metrics.md#credit). */
  scorecardWeights: ScorecardWeights;
  gradeCutoffs: GradeCutoffs;
  limitMultipliers: LimitMultipliers;
  /** Tiering rules, account risk score weights and alert thresholds (docs/metrics.md#account-risk). */
  tierRules: TierRules;
  riskWeights: RiskWeights;
  alertThresholds: AlertThresholds;
  /** Concentration trend: calendar months or quarters, each on its own or as the 12 months ending with it. */
  trendPeriod: "month" | "quarter";
  trendBasis: "period" | "rolling12";
  /** Rising dependence: a share rise of at least this much (0.05 = 5 percentage points) over a year. */
  risingShare: number;
  /** Stress tests: "lose this customer" for every customer with at least this share, and for the ones named here. */
  stressShare: number;
  stressCustomers: string[];
  /** Dependence by group: a group whose largest customer holds at least this share hangs on one customer. */
  groupOneCustomerShare: number;
  /** The report carries the used rows (KA Rows) and a drill-down to them (KA Drill): the CLI's `--with-rows`. */
  withRows: boolean;
}

export const DEFAULT_PARAMS: Params = {
  lang: "en",
  unit: "week",
  bins: 5,
  frequencyBy: "days",
  monetaryBy: "net",
  retentionPeriod: "month",
  abcA: 0.8,
  abcB: 0.95,
  paretoThreshold: 0.8,
  hhiGuidelines: 2023,
  clvMonths: 12,
  monthlyDiscount: 0.01,
  penalizer: 0,
  forecastDraws: 200,
  churnGapMultiple: 3,
  agingBounds: [0, 30, 60, 90],
  // The IFRS 9 illustrative provision matrix (IFRS 9 IE, example 12): clearly a placeholder for the user's rates.
  lossRates: [0.003, 0.016, 0.036, 0.066, 0.106],
  lossRateOverlay: 1,
  scenarios: [{ name: "Base", weight: 1, multiplier: 1 }],
  lossRateMethod: "auto",
  lossGivenDefault: 1,
  scorecardWeights: { payment: 0.35, overdue: 0.25, utilisation: 0.15, tenure: 0.1, trend: 0.15 },
  gradeCutoffs: { A: 80, B: 65, C: 50, D: 35 },
  limitMultipliers: { A: 1.5, B: 1.2, C: 1.0, D: 0.5, E: 0 },
  tierRules: { strategicShare: 0.05, strategicMinYoy: 0 },
  riskWeights: { churn: 0.3, credit: 0.25, dependence: 0.2, volatility: 0.15, decline: 0.1 },
  alertThresholds: { pAlive: 0.5, pAliveMinShare: 0.01, overdueShare: 0.1, overdueDays: 90, majorShare: 0.1, yoyDecline: 0.3, contractDays: 90, utilisation: 0.9 },
  trendPeriod: "quarter",
  trendBasis: "period",
  risingShare: 0.05,
  stressShare: 0.05,
  stressCustomers: [],
  groupOneCustomerShare: 0.5,
  withRows: false,
};

export function resolveParams(p: Partial<Params> = {}): Params {
  return { ...DEFAULT_PARAMS, ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) } as Params;
}
