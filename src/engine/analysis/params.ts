import type { Day } from "../day";

/** The few parameters that matter, with their defaults (SPEC §2–§8). Saved with the workbook and shown on KA About. */
export interface Params {
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
  /** Aging bucket upper bounds in days past due: Current ≤ 0, 1–30, 31–60, 61–90, > 90. */
  agingBounds: number[];
  /** Loss rate per aging bucket (bounds.length + 1 of them). Illustrative default; the user's own belong here. */
  lossRates: number[];
}

export const DEFAULT_PARAMS: Params = {
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
  agingBounds: [0, 30, 60, 90],
  // The IFRS 9 illustrative provision matrix (IFRS 9 IE, example 12): clearly a placeholder for the user's rates.
  lossRates: [0.003, 0.016, 0.036, 0.066, 0.106],
};

export function resolveParams(p: Partial<Params> = {}): Params {
  return { ...DEFAULT_PARAMS, ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) } as Params;
}
