import type { Day } from "../../day";
import { DISCLOSURE_SHARE } from "../concentration";
import type { Ledger } from "../../ledger/types";
import { yearsBefore } from "../stability";

export interface ShareShiftOptions {
  asOf: Day;
  /** A rise in share of at least this much (a fraction: 0.05 = 5 percentage points) raises the alert. */
  threshold?: number;
  /** The disclosure line a share can cross (default 10 %, the SEC / ASC 280 major-customer line). */
  line?: number;
  /** First day the ledger covers (default: its earliest row in scope). */
  ledgerStart?: Day;
}

/** Days into the earlier window the ledger may start and still cover it (its first month). */
export const COVERAGE_SLACK_DAYS = 31;

/** A customer whose dependence is rising: its share grew by the threshold or more, or crossed the disclosure line. */
export interface RisingDependence {
  customer: number;
  shareThen: number;
  shareNow: number;
  /** shareNow − shareThen (a fraction; × 100 for percentage points). A customer with no share before counts 0. */
  change: number;
  rise: boolean;
  crossed: boolean;
}

export interface ShareShifts {
  /** The two windows, (from, to]: the last 12 calendar months to the as-of date, and the 12 before. */
  now: { from: Day; to: Day };
  then: { from: Day; to: Day };
  /**
   * The ledger reaches back to the earlier window's first month. When it does not, the earlier shares, changes and
   * alerts are blank: a year compared with the few months of it the ledger holds would be a silent wrong number.
   */
  covered: boolean;
  threshold: number;
  line: number;
  /** Per customer (by code): net revenue of each window, share of the window's positive revenue (NaN when the
   *  customer's net revenue in the window is ≤ 0), 1-based rank among positive customers (0 = no share). */
  revenueNow: Float64Array;
  revenueThen: Float64Array;
  shareNow: Float64Array;
  shareThen: Float64Array;
  rankNow: Int32Array;
  rankThen: Int32Array;
  /** shareNow − shareThen, a missing share counting 0; NaN when the customer has a share in neither window. */
  change: Float64Array;
  /** The alerts, largest rise first. */
  rising: RisingDependence[];
}

/**
 * Share shifts: each customer's share of the last 12 calendar months against the 12 before — the same calendar-exact
 * windows as YoY growth, (asOf − 1 year, asOf] and (asOf − 2 years, asOf − 1 year] — with its rank then and now and
 * the change in percentage points. "Rising dependence" is raised when the share grows by at least `threshold`
 * (default 5 pp) or crosses the disclosure line (default 10 %) from below. Shares use the snapshot's rule within each
 * window: customers with positive net revenue there. O(rows + customers log customers).
 *
 * @example shareShifts(ledger, ledger.customers.length, { asOf: ledger.asOf }).rising
 */
export function shareShifts(rows: Pick<Ledger, "customer" | "day" | "amount" | "used">, customerCount: number, opts: ShareShiftOptions): ShareShifts {
  const threshold = opts.threshold ?? 0.05;
  const line = opts.line ?? DISCLOSURE_SHARE;
  const asOf = opts.asOf;
  const oneYearBack = yearsBefore(asOf, 1);
  const twoYearsBack = yearsBefore(asOf, 2);
  const n = customerCount;
  const revenueNow = new Float64Array(n);
  const revenueThen = new Float64Array(n);
  const compNow = new Float64Array(n);
  const compThen = new Float64Array(n);
  let ledgerStart = opts.ledgerStart ?? Infinity;
  const { customer, day, amount } = rows;
  for (let i = 0; i < rows.used; i++) {
    const d = day[i];
    if (d > asOf) continue;
    if (opts.ledgerStart === undefined && d < ledgerStart) ledgerStart = d;
    if (d <= twoYearsBack) continue;
    const c = customer[i];
    const v = amount[i];
    const [sum, comp] = d > oneYearBack ? [revenueNow, compNow] : [revenueThen, compThen];
    const s = sum[c];
    const t = s + v;
    comp[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s; // Neumaier: a year of lines keeps its cents
    sum[c] = t;
  }
  for (let c = 0; c < n; c++) {
    revenueNow[c] += compNow[c];
    revenueThen[c] += compThen[c];
  }
  // The earlier window starts the day after twoYearsBack. A ledger whose first row falls in that window's first
  // month covers it (a ledger that starts on the first working day of January is a whole year, not a part).
  const covered = ledgerStart <= twoYearsBack + COVERAGE_SLACK_DAYS;
  const now = sharesAndRanks(revenueNow);
  const then = covered ? sharesAndRanks(revenueThen) : { share: new Float64Array(n).fill(NaN), rank: new Int32Array(n) };
  const change = new Float64Array(n).fill(NaN);
  const rising: RisingDependence[] = [];
  if (covered) {
    for (let c = 0; c < n; c++) {
      const a = then.share[c];
      const b = now.share[c];
      if (Number.isNaN(a) && Number.isNaN(b)) continue;
      change[c] = (Number.isNaN(b) ? 0 : b) - (Number.isNaN(a) ? 0 : a);
      // 1e-12: a rise of exactly 5 pp in decimal (0.15 − 0.10) must count although it is 0.04999… in binary.
      const rise = change[c] >= threshold - 1e-12;
      const crossed = b >= line - 1e-12 && !(a >= line - 1e-12);
      if (rise || crossed) rising.push({ customer: c, shareThen: a, shareNow: b, change: change[c], rise, crossed });
    }
    rising.sort((x, y) => y.change - x.change || x.customer - y.customer);
  }
  return {
    now: { from: oneYearBack, to: asOf },
    then: { from: twoYearsBack, to: oneYearBack },
    covered,
    threshold,
    line,
    revenueNow,
    revenueThen: covered ? revenueThen : revenueThen.fill(NaN),
    shareNow: now.share,
    shareThen: then.share,
    rankNow: now.rank,
    rankThen: then.rank,
    change,
    rising,
  };
}

/** Shares of positive revenue and 1-based ranks (largest first, ties by code); NaN and 0 for customers ≤ 0. */
function sharesAndRanks(revenue: Float64Array): { share: Float64Array; rank: Int32Array } {
  const n = revenue.length;
  const share = new Float64Array(n).fill(NaN);
  const rank = new Int32Array(n);
  const positive: number[] = [];
  let total = 0;
  let comp = 0;
  for (let c = 0; c < n; c++) {
    const v = revenue[c];
    if (!(v > 0)) continue;
    positive.push(c);
    const t = total + v;
    comp += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  total += comp;
  positive.sort((a, b) => revenue[b] - revenue[a] || a - b);
  positive.forEach((c, k) => {
    share[c] = revenue[c] / total;
    rank[c] = k + 1;
  });
  return { share, rank };
}
