import type { CustomerBase } from "../../customers";
import type { Day } from "../../day";
import { dayFromYmd, monthOfDay, ymdFromDay } from "../../day";
import type { Ledger } from "../../ledger/types";
import { NO_DAY } from "../../ledger/types";
import { coefficientOfVariation, relativeTrend, yoyGrowth } from "./series";

/** The fields of the customer base the stability metrics read. */
export type StabilityBase = Pick<CustomerBase, "n" | "firstPurchase" | "firstSeen" | "order" | "start" | "rowMonth" | "asOf">;

export interface StabilityOptions {
  /**
   * Last month of the series (month index, months since 1970-01). Default: the as-of month
   * (docs/metrics.md#demand-stability-and-growth), which is partial unless as-of is a month end.
   */
  throughMonth?: number;
  /** First day the ledger covers. Default: its earliest row (the smallest `firstSeen`). */
  ledgerStart?: Day;
}

export interface StabilityColumns {
  /** Coefficient of variation of monthly revenue; NaN when < 3 months or mean ≤ 0. */
  volatility: Float64Array;
  /** Least-squares slope ÷ mean monthly revenue (per month); NaN when < 3 months or mean ≤ 0. */
  trend: Float64Array;
  /** Last 12 months over the 12 before, minus 1; NaN when the earlier 12 months' revenue is ≤ 0. */
  yoy: Float64Array;
  /** Months in each customer's series (0 for a customer who never bought). */
  months: Int32Array;
  throughMonth: number;
  /**
   * The ledger covers both 12-month windows of YoY. When it starts later, every YoY is NaN: a year compared with
   * the few months of it the ledger holds would be a silent wrong number (callers warn).
   */
  yoyCovered: boolean;
}

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
export function yearsBefore(day: Day, years: number): Day {
  const { y, m, d } = ymdFromDay(day);
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return dayFromYmd(y - years, m, Math.min(d, last));
}

/**
 * Monthly net revenue series of customer `c`: one value per calendar month from the month of the first purchase to
 * `throughMonth`, months without rows counting 0 (docs/metrics.md#demand-stability-and-growth). Credit notes count in
 * their month; rows before the first purchase month are not part of the series. Written into `out` (length ≥ months),
 * returns the length.
 */
export function monthlySeries(base: StabilityBase, amount: ArrayLike<number>, c: number, throughMonth: number, out: Float64Array, comp: Float64Array): number {
  const first = base.firstPurchase[c];
  if (first === NO_DAY) return 0;
  const m0 = monthOfDay(first);
  const len = throughMonth - m0 + 1;
  if (len <= 0) return 0;
  out.fill(0, 0, len);
  comp.fill(0, 0, len);
  for (let k = base.start[c]; k < base.start[c + 1]; k++) {
    const i = base.order[k];
    const j = base.rowMonth[i] - m0;
    if (j < 0 || j >= len) continue;
    const s = out[j];
    const v = amount[i];
    const t = s + v;
    comp[j] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s; // Neumaier: a month of many lines keeps its cents
    out[j] = t;
  }
  for (let j = 0; j < len; j++) out[j] += comp[j];
  return len;
}

/**
 * Demand stability and growth for every customer (docs/metrics.md#demand-stability-and-growth): volatility (CV) and
 * relative trend of the monthly series, and YoY growth. YoY compares calendar-exact windows — revenue in (asOf − 1
 * year, asOf] against (asOf − 2 years, asOf − 1 year] — so a partial as-of month is compared with the same days a year
 * earlier, not with a whole month. YoY needs the ledger to reach back two years (see `yoyCovered`). O(rows + customers
 * × months).
 */
export function stabilityColumns(base: StabilityBase, ledger: Pick<Ledger, "day" | "amount">, opts: StabilityOptions = {}): StabilityColumns {
  const { n, asOf } = base;
  const throughMonth = opts.throughMonth ?? monthOfDay(asOf);
  const volatility = new Float64Array(n).fill(NaN);
  const trend = new Float64Array(n).fill(NaN);
  const yoy = new Float64Array(n).fill(NaN);
  const months = new Int32Array(n);
  let span = 1;
  for (let c = 0; c < n; c++) {
    if (base.firstPurchase[c] !== NO_DAY) span = Math.max(span, throughMonth - monthOfDay(base.firstPurchase[c]) + 1);
  }
  const series = new Float64Array(span);
  const comp = new Float64Array(span);
  const oneYearBack = yearsBefore(asOf, 1);
  const twoYearsBack = yearsBefore(asOf, 2);
  let ledgerStart = opts.ledgerStart;
  if (ledgerStart === undefined) {
    ledgerStart = Infinity;
    for (let c = 0; c < n; c++) if (base.firstSeen[c] < ledgerStart) ledgerStart = base.firstSeen[c];
  }
  const yoyCovered = ledgerStart <= twoYearsBack + 1;
  const { day, amount } = ledger;
  for (let c = 0; c < n; c++) {
    const len = monthlySeries(base, amount, c, throughMonth, series, comp);
    months[c] = len;
    if (len > 0) {
      const view = series.subarray(0, len);
      volatility[c] = coefficientOfVariation(view);
      trend[c] = relativeTrend(view);
    }
    if (!yoyCovered) continue;
    // Two money totals over a year of lines each: Neumaier-compensated (sum, correction) pairs.
    let last = 0;
    let lastC = 0;
    let prior = 0;
    let priorC = 0;
    for (let k = base.start[c]; k < base.start[c + 1]; k++) {
      const i = base.order[k];
      const d = day[i];
      if (d > asOf || d <= twoYearsBack) continue;
      const v = amount[i];
      if (d > oneYearBack) {
        const t = last + v;
        lastC += Math.abs(last) >= Math.abs(v) ? last - t + v : v - t + last;
        last = t;
      } else {
        const t = prior + v;
        priorC += Math.abs(prior) >= Math.abs(v) ? prior - t + v : v - t + prior;
        prior = t;
      }
    }
    yoy[c] = yoyGrowth(last + lastC, prior + priorC);
  }
  return { volatility, trend, yoy, months, throughMonth, yoyCovered };
}
