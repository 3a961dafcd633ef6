import type { Day } from "../../day";
import { monthOfDay } from "../../day";
import type { Ledger } from "../../ledger/types";
import { compensatedSum, concentrationRatioOf, giniOf, hhi, hhiBand, sortedShares } from "../concentration";
import type { HhiBand } from "../concentration";
import type { TrendBasis, TrendPeriod } from "./periods";
import { monthFirstDay, monthLastDay, monthsOfPeriod, periodLabel, periodOfMonth } from "./periods";

/** The rows the trend reads: customer code, day and net amount of each used row. */
export type TrendRows = Pick<Ledger, "customer" | "day" | "amount" | "used">;

export interface TrendOptions {
  /** Last day in scope: the as-of date. Rows after it are ignored; the last period runs to it. */
  asOf: Day;
  /** Calendar months or quarters (default quarter). */
  period?: TrendPeriod;
  /** Each period on its own (default), or the 12 calendar months ending with the period. */
  basis?: TrendBasis;
  /** HHI band yardsticks (default 2023: 1000/1800). */
  guidelines?: 2023 | 2010;
  /** How many largest customers are followed per period (default 10). */
  top?: number;
  /** Month index (months since 1970-01) of each row, when the caller already has it (CustomerBase.rowMonth). */
  rowMonth?: ArrayLike<number>;
  /** At most this many periods, the latest kept (default 1,200: a century of months). */
  maxPeriods?: number;
}

/**
 * Why a trend row is not a plain full period. Codes, not sentences: the report words them in each language.
 * - `noPositiveRevenue`: no customer has positive net revenue in the period — listed with blank metrics.
 * - `partialStart`: the ledger's first row falls inside the period (or rolling window), so it starts `from`.
 * - `partialEnd`: the as-of date falls before the period's end, so it runs `through` that day.
 */
export type TrendNote = { code: "noPositiveRevenue" } | { code: "partialStart"; from: Day } | { code: "partialEnd"; through: Day };

export interface TrendRow {
  /** `2011-03` or `2011-Q1`: for a rolling basis, the period whose end closes the window. */
  period: string;
  /** Calendar days the row measures: the period, or the 12-month window ending with it. */
  start: Day;
  end: Day;
  /** Net revenue of every row in the period (credit notes included), as the snapshot's `revenue`. */
  revenue: number;
  /** Customers with at least one row in the period, and those with positive net revenue (the ones with a share). */
  customers: number;
  positiveCustomers: number;
  /**
   * Concentration on positive net revenue per customer (docs/metrics.md#concentration); NaN / "" when no customer is
   * positive.
   */
  hhi: number;
  band: HhiBand | "";
  cr1: number;
  cr5: number;
  cr10: number;
  effectiveCustomers: number;
  gini: number;
  /** The largest customers (codes), largest first, and their shares of the period's positive revenue. */
  top: Int32Array;
  topShare: Float64Array;
  /** Changes in the top list against the row before (empty on the first row: `compared` is false). */
  compared: boolean;
  entered: Int32Array;
  left: Int32Array;
  /** Customers in both lists whose rank changed (1-based ranks). */
  moved: { customer: number; from: number; to: number }[];
  notes: TrendNote[];
}

export interface ConcentrationTrend {
  period: TrendPeriod;
  basis: TrendBasis;
  /** How many customers each row's top list follows. */
  top: number;
  rows: TrendRow[];
  /** Earliest periods left out by `maxPeriods` (0 normally). */
  droppedPeriods: number;
}

/** Net amount per customer over a set of months: touched customer codes and their sums (sparse). */
interface Bucket {
  codes: Int32Array;
  net: Float64Array;
  revenue: number;
}

/**
 * Concentration over time (issue: dependence over time): for each calendar month or quarter from the ledger's first
 * row to the as-of date, the net revenue, customers, HHI and band, CR1/CR5/CR10, effective customers, Gini and the
 * top customers, with who entered, left or moved in the top list. Each period uses the snapshot's rule: shares over
 * customers whose net revenue *in that period* is positive. A period with no positive revenue stays in the list with
 * blank (NaN) metrics and a `noPositiveRevenue` note — never dropped, so the time axis has no gaps.
 *
 * One pass over the rows buckets them by month (counting sort) and sums each customer's month; periods and rolling
 * windows are then merged from those monthly sums, so the cost is O(rows + Σ customers active per window).
 *
 * @example concentrationTrend(ledger, { asOf: ledger.asOf, period: "quarter" }).rows.map((r) => r.hhi)
 */
export function concentrationTrend(rows: TrendRows, customerCount: number, opts: TrendOptions): ConcentrationTrend {
  const period = opts.period ?? "quarter";
  const basis = opts.basis ?? "period";
  const topN = opts.top ?? 10;
  const guidelines = opts.guidelines ?? 2023;
  const maxPeriods = opts.maxPeriods ?? 1200;
  const { customer, day, amount } = rows;
  const asOf = opts.asOf;
  const n = rows.used;

  // Months of the rows (in scope: day ≤ as-of), first day of the ledger.
  const rowMonth = new Int32Array(n);
  let m0 = Infinity;
  let firstDay = Infinity;
  let cacheDay = NaN;
  let cacheMonth = 0;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d > asOf) continue;
    if (opts.rowMonth) rowMonth[i] = opts.rowMonth[i];
    else {
      if (d !== cacheDay) {
        cacheDay = d;
        cacheMonth = monthOfDay(d);
      }
      rowMonth[i] = cacheMonth;
    }
    if (rowMonth[i] < m0) m0 = rowMonth[i];
    if (d < firstDay) firstDay = d;
  }
  const result: ConcentrationTrend = { period, basis, top: topN, rows: [], droppedPeriods: 0 };
  if (!Number.isFinite(m0)) return result; // no row in scope
  const m1 = Math.max(monthOfDay(asOf), m0);

  // Periods shown, the latest `maxPeriods` of them; the months they need (rolling windows reach 11 months back).
  let pFirst = periodOfMonth(m0, period);
  const pLast = periodOfMonth(m1, period);
  if (pLast - pFirst + 1 > maxPeriods) {
    result.droppedPeriods = pLast - pFirst + 1 - maxPeriods;
    pFirst = pLast - maxPeriods + 1;
  }
  const needFrom = Math.max(m0, basis === "rolling12" ? monthsOfPeriod(pFirst, period).last - 11 : monthsOfPeriod(pFirst, period).first);
  const months = m1 - needFrom + 1;

  // Counting sort of the rows by month, then one sparse bucket per month.
  const count = new Int32Array(months + 1);
  for (let i = 0; i < n; i++) {
    if (day[i] > asOf) continue;
    const j = rowMonth[i] - needFrom;
    if (j >= 0) count[j + 1]++;
  }
  for (let j = 0; j < months; j++) count[j + 1] += count[j];
  const order = new Int32Array(count[months]);
  const cursor = count.slice(0, months);
  for (let i = 0; i < n; i++) {
    if (day[i] > asOf) continue;
    const j = rowMonth[i] - needFrom;
    if (j >= 0) order[cursor[j]++] = i;
  }
  const acc = new Accumulator(customerCount);
  const monthly: Bucket[] = new Array(months);
  for (let j = 0; j < months; j++) {
    for (let k = count[j]; k < count[j + 1]; k++) {
      const i = order[k];
      acc.add(customer[i], amount[i]);
    }
    monthly[j] = acc.drain();
  }

  let previous: Int32Array | undefined;
  for (let p = pFirst; p <= pLast; p++) {
    const { first: calFirst, last } = monthsOfPeriod(p, period);
    const windowFirst = basis === "rolling12" ? last - 11 : calFirst;
    for (let m = Math.max(windowFirst, needFrom); m <= Math.min(last, m1); m++) {
      const b = monthly[m - needFrom];
      for (let k = 0; k < b.codes.length; k++) acc.add(b.codes[k], b.net[k]);
    }
    const bucket = acc.drain();
    const start = monthFirstDay(windowFirst);
    const end = monthLastDay(last);
    const row = measure(bucket, topN, guidelines);
    row.period = periodLabel(p, period);
    row.start = start;
    row.end = end;
    if (row.positiveCustomers === 0) row.notes.push({ code: "noPositiveRevenue" });
    if (firstDay > start) row.notes.push({ code: "partialStart", from: firstDay });
    if (asOf < end) row.notes.push({ code: "partialEnd", through: asOf });
    if (previous) compareTop(previous, row);
    previous = row.top;
    result.rows.push(row);
  }
  return result;
}

/**
 * Dense per-customer sums with a list of the customers touched, reset after each drain: summing a window costs what
 * the window holds, not the number of customers. Neumaier compensation per customer keeps the cents of long months.
 */
class Accumulator {
  private readonly sum: Float64Array;
  private readonly comp: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  private count = 0;
  private total = 0;
  private totalComp = 0;

  constructor(n: number) {
    this.sum = new Float64Array(n);
    this.comp = new Float64Array(n);
    this.seen = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }

  add(c: number, v: number): void {
    if (!this.seen[c]) {
      this.seen[c] = 1;
      this.touched[this.count++] = c;
    }
    const s = this.sum[c];
    const t = s + v;
    this.comp[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    this.sum[c] = t;
    const S = this.total;
    const T = S + v;
    this.totalComp += Math.abs(S) >= Math.abs(v) ? S - T + v : v - T + S;
    this.total = T;
  }

  drain(): Bucket {
    const codes = this.touched.slice(0, this.count);
    const net = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) {
      const c = codes[k];
      net[k] = this.sum[c] + this.comp[c];
      this.sum[c] = 0;
      this.comp[c] = 0;
      this.seen[c] = 0;
    }
    const revenue = this.total + this.totalComp;
    this.count = 0;
    this.total = 0;
    this.totalComp = 0;
    return { codes, net, revenue };
  }
}

/** True when customer a (revenue ra) ranks before b: larger revenue first, then the smaller code (ledger order). */
function before(ra: number, a: number, rb: number, b: number): boolean {
  return ra > rb || (ra === rb && a < b);
}

/** The concentration metrics of one period's customer sums (positive ones take part, docs/metrics.md#concentration). */
function measure(b: Bucket, topN: number, guidelines: 2023 | 2010): TrendRow {
  let positives = 0;
  for (let k = 0; k < b.net.length; k++) if (b.net[k] > 0) positives++;
  const pos = new Float64Array(positives);
  const topCodes: number[] = [];
  const topRev: number[] = [];
  for (let k = 0, j = 0; k < b.net.length; k++) {
    const v = b.net[k];
    if (!(v > 0)) continue;
    pos[j++] = v;
    const c = b.codes[k];
    // Insertion into the short top list (O(positives × top)); no full sort of codes is needed.
    if (topCodes.length === topN && !before(v, c, topRev[topN - 1], topCodes[topN - 1])) continue;
    let at = topCodes.length;
    while (at > 0 && before(v, c, topRev[at - 1], topCodes[at - 1])) at--;
    topCodes.splice(at, 0, c);
    topRev.splice(at, 0, v);
    if (topCodes.length > topN) {
      topCodes.pop();
      topRev.pop();
    }
  }
  const row: TrendRow = {
    period: "",
    start: 0,
    end: 0,
    revenue: b.revenue,
    customers: b.codes.length,
    positiveCustomers: positives,
    hhi: NaN,
    band: "",
    cr1: NaN,
    cr5: NaN,
    cr10: NaN,
    effectiveCustomers: NaN,
    gini: NaN,
    top: Int32Array.from(topCodes),
    topShare: new Float64Array(topCodes.length),
    compared: false,
    entered: new Int32Array(0),
    left: new Int32Array(0),
    moved: [],
    notes: [],
  };
  if (positives === 0) return row;
  // The snapshot's own metric functions, so a period is measured exactly as the whole ledger is (sorted once).
  row.hhi = hhi(pos);
  row.band = hhiBand(row.hhi, guidelines);
  const shares = sortedShares(pos);
  row.cr1 = concentrationRatioOf(shares, 1);
  row.cr5 = concentrationRatioOf(shares, 5);
  row.cr10 = concentrationRatioOf(shares, 10);
  row.effectiveCustomers = 10000 / row.hhi;
  row.gini = giniOf(shares);
  const total = compensatedSum(pos);
  for (let k = 0; k < topRev.length; k++) row.topShare[k] = topRev[k] / total;
  return row;
}

/** Entered, left and moved customers of `row.top` against the previous row's top list. */
function compareTop(previous: Int32Array, row: TrendRow): void {
  const was = new Map<number, number>();
  previous.forEach((c, k) => was.set(c, k + 1));
  const now = new Map<number, number>();
  row.top.forEach((c, k) => now.set(c, k + 1));
  row.compared = true;
  row.entered = row.top.filter((c) => !was.has(c));
  row.left = previous.filter((c) => !now.has(c));
  for (const [c, to] of now) {
    const from = was.get(c);
    if (from !== undefined && from !== to) row.moved.push({ customer: c, from, to });
  }
}
