import type { CustomerBase } from "../../customers";
import { dayOfMonthStart, monthLabel, monthOfDay } from "../../day";
import { NO_DAY } from "../../ledger/types";

/** The fields of the customer base cohorts read. */
export type CohortBase = Pick<CustomerBase, "n" | "firstPurchase" | "order" | "start" | "rowMonth" | "asOf"> & Partial<Pick<CustomerBase, "throughMonth">>;

/**
 * Monthly cohort matrix (docs/metrics.md#retention-and-cohorts). Row = cohort (month of first purchase), column k =
 * months after it (k = 0 is the first month); rows are as long as the cohort has been observed (through the as-of
 * month).
 */
export interface CohortMatrix {
  /** Cohort month indices (months since 1970-01), ascending; only months in which someone first bought. */
  cohorts: number[];
  labels: string[];
  /** Customers per cohort. */
  size: Int32Array;
  /** Customers of the cohort with a purchase in month k. */
  active: Int32Array[];
  /** active / size: k = 0 is 1 by construction. */
  share: Float64Array[];
  /** Net revenue of the cohort in month k (credit notes included). */
  revenue: Float64Array[];
  /** revenue[k] / revenue[0]; NaN when the first month's net revenue is ≤ 0. */
  revenueShare: Float64Array[];
  /** As-of month; the last column of every row is this month. */
  lastMonth: number;
  /** The as-of month is not over, so its cells are partial. */
  lastMonthPartial: boolean;
}

/**
 * Cohort retention and revenue matrices from the customer base: cohort = month of the first purchase; a cell is
 * the share of the cohort that bought (positive amount) in month k after, and the cohort's net revenue that month.
 * Rows before the first purchase month (early credit notes) are outside the matrix. O(rows + cohorts²).
 *
 * @example cohortMatrix(base, ledger.amount).share[0][1] // share of the first cohort that came back a month later
 */
export function cohortMatrix(base: CohortBase, amount: ArrayLike<number>): CohortMatrix {
  const { n, order, start, rowMonth } = base;
  const lastMonth = base.throughMonth ?? monthOfDay(base.asOf); // bounded by the ledger's span (CustomerBase.throughMonth)
  const cohortOf = new Int32Array(n);
  let minCohort = Infinity;
  for (let c = 0; c < n; c++) {
    const f = base.firstPurchase[c];
    cohortOf[c] = f === NO_DAY ? NO_DAY : monthOfDay(f);
    if (f !== NO_DAY && cohortOf[c] < minCohort) minCohort = cohortOf[c];
  }
  const empty: CohortMatrix = { cohorts: [], labels: [], size: new Int32Array(0), active: [], share: [], revenue: [], revenueShare: [], lastMonth, lastMonthPartial: false };
  if (minCohort === Infinity) return empty;
  const span = lastMonth - minCohort + 1;
  const size = new Int32Array(span);
  const active: Int32Array[] = [];
  const revenue: Float64Array[] = [];
  const revenueC: Float64Array[] = [];
  for (let j = 0; j < span; j++) {
    const len = span - j;
    active.push(new Int32Array(len));
    revenue.push(new Float64Array(len));
    revenueC.push(new Float64Array(len));
  }
  const stamp = new Int32Array(span).fill(-1);
  for (let c = 0; c < n; c++) {
    const m0 = cohortOf[c];
    if (m0 === NO_DAY || m0 > lastMonth) continue;
    const j = m0 - minCohort;
    size[j]++;
    const act = active[j];
    const rev = revenue[j];
    const comp = revenueC[j];
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      const col = rowMonth[i] - m0;
      if (col < 0 || col >= rev.length) continue;
      const v = amount[i];
      const s = rev[col];
      const t = s + v;
      comp[col] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s; // Neumaier: cohort totals keep their cents
      rev[col] = t;
      if (v > 0 && stamp[col] !== c) {
        stamp[col] = c;
        act[col]++;
      }
    }
  }
  const out: CohortMatrix = { ...empty, lastMonthPartial: base.asOf < dayOfMonthStart(lastMonth + 1) - 1 };
  const sizes: number[] = [];
  for (let j = 0; j < span; j++) {
    if (size[j] === 0) continue;
    const rev = revenue[j].map((v, k) => v + revenueC[j][k]);
    out.cohorts.push(minCohort + j);
    out.labels.push(monthLabel(minCohort + j));
    sizes.push(size[j]);
    out.active.push(active[j]);
    out.share.push(Float64Array.from(active[j], (a) => a / size[j]));
    out.revenue.push(rev);
    out.revenueShare.push(rev.map((v) => (rev[0] > 0 ? v / rev[0] : NaN)));
  }
  out.size = Int32Array.from(sizes);
  return out;
}
