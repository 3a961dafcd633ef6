/**
 * Per-customer summary for the probabilistic models (docs/metrics.md#customer-lifetime-value): from ledger rows to the
 * columns (x, t_x, T, monetary) in a time unit.
 *
 * - A purchase occasion is a calendar day on which the customer's net amount is positive. Same-day invoices
 *   are one occasion; a same-day credit note reduces that day's amount. Days with a negative net are credit
 *   notes, not occasions.
 * - `x` = occasions − 1 (repeat purchases), `tx` = last − first occasion day, `T` = asOf − first occasion
 *   day, both divided by the unit's length in days (day 1, week 7, month 365.25/12 = 30.4375).
 * - `monetary` = mean net amount of the repeat occasions (the first one excluded, as in Fader, Hardie & Lee
 *   (2005) "RFM and CLV", and in the Gamma-Gamma note); 0 when x = 0.
 * - Rows dated after `asOf` are ignored (the calibration cut). A customer without any occasion up to `asOf`
 *   gets NaN in every column: the models leave them out.
 *
 * `zeroIsPurchase` reconciles the ledger rule with data sets that record free orders: with it, a day whose net
 * amount is exactly zero (e.g. a $0.00 order) is also an occasion. The published CDNOW summary (Fader, Hardie
 * & Lee 2005) counts its eight $0.00 orders as purchases, so reproducing it needs this option; the ledger rule
 * (positive amounts only) is the default.
 */
import { DAYS_PER_MONTH, type Day } from "../day";
import { problem } from "../problems";

export type TimeUnit = "day" | "week" | "month";

/**
 * Length of a model time unit in days: week = 7, month = 365.25/12 = 30.4375 (docs/metrics.md#customer-lifetime-value).
 */
export function daysPerUnit(unit: TimeUnit): number {
  switch (unit) {
    case "day":
      return 1;
    case "week":
      return 7;
    case "month":
      return DAYS_PER_MONTH;
    default:
      throw problem("badArgument", `unit: '${String(unit)}' is not day, week or month`, { path: "unit" });
  }
}

/** One month (30.4375 days) in a model's time unit: 30.4375 days, 4.348 weeks, 1 month. */
export function unitsPerMonth(unit: TimeUnit): number {
  return DAYS_PER_MONTH / daysPerUnit(unit);
}

/** Ledger rows as the analysis holds them (columnar). Customers are codes 0..nCustomers−1. */
export interface SummaryRows {
  customer: Int32Array | ArrayLike<number>;
  day: Int32Array | ArrayLike<number>;
  amount: Float64Array | ArrayLike<number>;
  nCustomers: number;
}

export interface SummaryOptions {
  /** Analysis day: T is measured to it, later rows are ignored. */
  asOf: Day;
  unit: TimeUnit;
  /** Count a day with net amount exactly 0 as a purchase occasion (default false). */
  zeroIsPurchase?: boolean;
}

/** Model inputs per customer code; NaN where the customer has no purchase occasion up to asOf. */
export interface CustomerSummary {
  readonly unit: TimeUnit;
  readonly asOf: Day;
  /** Repeat purchase occasions. */
  readonly x: Float64Array;
  /** Last − first occasion, in units. */
  readonly tx: Float64Array;
  /** asOf − first occasion, in units. */
  readonly T: Float64Array;
  /** Mean net amount of the repeat occasions (0 when x = 0). */
  readonly monetary: Float64Array;
  /** Customers with at least one occasion (the others are NaN). */
  readonly customersWithPurchases: number;
}

/** Purchase occasions per customer (CSR): customer c's occasion days are day[start[c] .. start[c+1]), ascending. */
export interface Occasions {
  readonly start: Int32Array;
  /** Occasion days, ascending within each customer. */
  readonly day: Int32Array;
  /** Net amount of each occasion day (compensated sum of the day's rows). */
  readonly net: Float64Array;
}

/**
 * Every customer's purchase occasions up to and including `through`: the days on which the customer's net amount
 * is positive (or, with `zeroIsPurchase`, zero). Rows after `through` are ignored. Running time O(n + C +
 * Σ_c n_c log n_c): rows bucketed by customer (counting sort), each customer's rows sorted by day.
 * @throws KaProblem as customerSummary (bad row, size mismatch).
 */
export function purchaseOccasions(rows: SummaryRows, opts: { through: Day; zeroIsPurchase?: boolean }): Occasions {
  const { customer, day, amount, nCustomers } = rows;
  const n = customer.length;
  if (day.length !== n || amount.length !== n) {
    throw problem("sizeMismatch", `customer, day and amount must have the same length (${n}, ${day.length}, ${amount.length})`, { path: "rows" });
  }
  if (!Number.isInteger(nCustomers) || nCustomers < 0) throw problem("badArgument", `nCustomers: ${nCustomers} is not a count`, { path: "nCustomers" });
  if (!Number.isInteger(opts.through)) throw problem("badArgument", `asOf: ${opts.through} is not a day number`, { path: "asOf" });
  const zeroIsPurchase = opts.zeroIsPurchase ?? false;
  const through = opts.through;

  // Counting sort of in-scope rows by customer.
  const rowStart = new Int32Array(nCustomers + 1);
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (!Number.isInteger(c) || c < 0 || c >= nCustomers) throw problem("badArgument", `customer code ${c} at row ${i + 1} is outside 0..${nCustomers - 1}`, { path: "customer", row: i + 1 });
    if (!Number.isInteger(day[i])) throw problem("badArgument", `day ${day[i]} at row ${i + 1} is not a whole day number`, { path: "day", row: i + 1 });
    if (!Number.isFinite(amount[i])) throw problem("badArgument", `amount ${amount[i]} at row ${i + 1} is not a finite number`, { path: "amount", row: i + 1 });
    if (day[i] <= through) rowStart[c + 1]++;
  }
  for (let c = 0; c < nCustomers; c++) rowStart[c + 1] += rowStart[c];
  const fill = rowStart.slice(0, nCustomers);
  const rowOf = new Int32Array(rowStart[nCustomers]);
  for (let i = 0; i < n; i++) if (day[i] <= through) rowOf[fill[customer[i]]++] = i;

  const start = new Int32Array(nCustomers + 1);
  // At most one occasion per in-scope row.
  const occDay = new Int32Array(rowOf.length);
  const occNet = new Float64Array(rowOf.length);
  let count = 0;
  let keys = new Float64Array(16);
  for (let c = 0; c < nCustomers; c++) {
    start[c] = count;
    const lo = rowStart[c];
    const m = rowStart[c + 1] - lo;
    if (m === 0) continue;
    // Sort the customer's rows by day: pack (day − minDay)·m + local index into one float and sort natively
    // (exact while (dayRange + 1)·m < 2^53).
    let minDay = Infinity;
    for (let j = 0; j < m; j++) minDay = Math.min(minDay, day[rowOf[lo + j]]);
    if (keys.length < m) keys = new Float64Array(Math.max(m, 2 * keys.length));
    const k = keys.subarray(0, m);
    for (let j = 0; j < m; j++) k[j] = (day[rowOf[lo + j]] - minDay) * m + j;
    k.sort();
    let j = 0;
    while (j < m) {
      const d = Math.floor(k[j] / m) + minDay;
      // Neumaier sum of the day's rows.
      let net = 0;
      let comp = 0;
      let gross = 0;
      while (j < m && Math.floor(k[j] / m) + minDay === d) {
        const v = amount[rowOf[lo + (k[j] % m)]];
        const t = net + v;
        comp += Math.abs(net) >= Math.abs(v) ? net - t + v : v - t + net;
        net = t;
        gross += Math.abs(v);
        j++;
      }
      net += comp;
      // A net within rounding of zero (e.g. 0.1 + 0.2 − 0.3) is zero, not a tiny purchase.
      if (Math.abs(net) <= 1e-9 * gross) net = 0;
      if (!(net > 0 || (zeroIsPurchase && net === 0))) continue;
      occDay[count] = d;
      occNet[count] = net;
      count++;
    }
  }
  start[nCustomers] = count;
  return { start, day: occDay.slice(0, count), net: occNet.slice(0, count) };
}

/**
 * Builds the model summary from ledger rows (from `purchaseOccasions` up to asOf).
 *
 * @example
 * customerSummary({ customer: [0, 0, 0], day: [0, 0, 14], amount: [10, 5, 20], nCustomers: 1 },
 *                 { asOf: 21, unit: "week" })
 * // x [1], tx [2], T [3], monetary [20]: the two day-0 invoices are one occasion
 * @throws KaProblem sizeMismatch when the columns differ in length; badArgument for a customer code out of
 *   range, a non-integer day or a non-finite amount (naming the row, 1-based).
 */
export function customerSummary(rows: SummaryRows, opts: SummaryOptions): CustomerSummary {
  const unitDays = daysPerUnit(opts.unit);
  const asOf = opts.asOf;
  const occ = purchaseOccasions(rows, { through: asOf, zeroIsPurchase: opts.zeroIsPurchase });
  const nCustomers = rows.nCustomers;
  const x = new Float64Array(nCustomers).fill(NaN);
  const tx = new Float64Array(nCustomers).fill(NaN);
  const T = new Float64Array(nCustomers).fill(NaN);
  const monetary = new Float64Array(nCustomers).fill(NaN);
  let customersWithPurchases = 0;
  for (let c = 0; c < nCustomers; c++) {
    const lo = occ.start[c];
    const occasions = occ.start[c + 1] - lo;
    if (occasions === 0) continue;
    customersWithPurchases++;
    // Neumaier sum of the repeat occasions' nets (the money total).
    let repeatSum = 0;
    let repeatComp = 0;
    for (let j = lo + 1; j < lo + occasions; j++) {
      const v = occ.net[j];
      const t = repeatSum + v;
      repeatComp += Math.abs(repeatSum) >= Math.abs(v) ? repeatSum - t + v : v - t + repeatSum;
      repeatSum = t;
    }
    const firstDay = occ.day[lo];
    x[c] = occasions - 1;
    tx[c] = (occ.day[lo + occasions - 1] - firstDay) / unitDays;
    T[c] = (asOf - firstDay) / unitDays;
    monetary[c] = occasions > 1 ? (repeatSum + repeatComp) / (occasions - 1) : 0;
  }
  return Object.freeze({ unit: opts.unit, asOf, x, tx, T, monetary, customersWithPurchases });
}
