import type { Day } from "../day";
import { monthOfDay } from "../day";
import type { Ledger } from "../ledger/types";
import { NO_DAY } from "../ledger/types";
import { textHash } from "../ledger/customer-key";

export { textHash } from "../ledger/customer-key";

/**
 * The rows the per-customer aggregation reads. A Ledger has them; so does a bare list of transactions (`KA.RFM`),
 * which builds only these instead of a whole Ledger.
 */
export type CustomerRows = Pick<Ledger, "customer" | "customers" | "day" | "amount" | "used" | "asOf" | "sourceRow" | "invoice" | "invoiceHash">;

/**
 * Per-customer aggregates: the base of every metric (docs/metrics.md#per-customer-aggregates). This is the only step
 * whose cost grows with ledger rows; everything after it grows with customers. One pass over the rows, plus a sort-free
 * distinct-day count (rows are grouped by customer through a counting sort).
 */
export interface CustomerBase {
  n: number;
  names: string[];
  /** Net revenue: all amounts, credit notes included. */
  revenue: Float64Array;
  /** Gross sales: positive amounts only. */
  gross: Float64Array;
  /** Credit notes: sum of negative amounts (≤ 0). */
  credits: Float64Array;
  /** Distinct invoices with a positive amount (rows with a positive amount when the ledger has no invoice column). */
  invoices: Int32Array;
  /** Purchase occasions: distinct calendar days with a positive net amount (same-day invoices are one). */
  purchaseDays: Int32Array;
  /** First and last purchase day (NO_DAY when the customer never had a positive day). */
  firstPurchase: Int32Array;
  lastPurchase: Int32Array;
  /** First and last day with any row. */
  firstSeen: Int32Array;
  lastSeen: Int32Array;
  /** Rows grouped by customer: rows of customer c are order[start[c] .. start[c+1]), in ledger order. */
  order: Int32Array;
  start: Int32Array;
  /** Month index (months since 1970-01) of each used row; shared by monthly series and cohorts. */
  rowMonth: Int32Array;
  asOf: Day;
  /**
   * Last month of every monthly grid (series, retention periods, cohorts): the as-of month, but at most 12 months
   * after the ledger's last row — an as-of date far after the data (9999-12-31) must not grow them with it.
   */
  throughMonth: number;
}

/** Months a monthly grid may run past the ledger's last row towards the as-of date. */
export const GRID_MONTHS_AFTER_DATA = 12;

export function aggregateCustomers(ledger: CustomerRows): CustomerBase {
  const n = ledger.customers.length;
  const rows = ledger.used;
  const { customer, day, amount } = ledger;
  const revenue = new Float64Array(n);
  const revenueComp = new Float64Array(n); // Neumaier compensation: cents survive 10^6 additions
  const gross = new Float64Array(n);
  const credits = new Float64Array(n);
  const invoices = new Int32Array(n);
  const firstSeen = new Int32Array(n).fill(2147483647);
  const lastSeen = new Int32Array(n).fill(NO_DAY);
  const count = new Int32Array(n + 1);
  const rowMonth = new Int32Array(rows);
  let monthCacheDay = NO_DAY;
  let monthCache = 0;
  let lastDay = NO_DAY;

  for (let i = 0; i < rows; i++) {
    const c = customer[i];
    const v = amount[i];
    const s = revenue[c];
    const t = s + v;
    revenueComp[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    revenue[c] = t;
    if (v > 0) {
      gross[c] += v;
      invoices[c]++;
    } else if (v < 0) credits[c] += v;
    const d = day[i];
    if (d < firstSeen[c]) firstSeen[c] = d;
    if (d > lastSeen[c]) lastSeen[c] = d;
    count[c + 1]++;
    if (d !== monthCacheDay) {
      monthCacheDay = d;
      monthCache = monthOfDay(d);
      if (d > lastDay) lastDay = d;
    }
    rowMonth[i] = monthCache;
  }
  for (let c = 0; c < n; c++) revenue[c] += revenueComp[c];

  // Counting sort of rows by customer (stable: ledger order within a customer).
  const start = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) start[c + 1] = start[c] + count[c + 1];
  const cursor = start.slice(0, n);
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[cursor[customer[i]]++] = i;

  // Purchase occasions: days on which the customer's net amount is positive — same-day invoices are one occasion,
  // a credit note never is one, and an order cancelled the same day leaves no occasion (the models' rule too,
  // src/engine/models/summary.ts). Rows of a customer are sorted by day only when the ledger is not in date order.
  const purchaseDays = new Int32Array(n);
  const firstPurchase = new Int32Array(n).fill(NO_DAY);
  const lastPurchase = new Int32Array(n).fill(NO_DAY);
  const rowsOf: number[] = [];
  for (let c = 0; c < n; c++) {
    rowsOf.length = 0;
    let sorted = true;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      if (rowsOf.length > 0 && day[i] < day[rowsOf[rowsOf.length - 1]]) sorted = false;
      rowsOf.push(i);
    }
    if (!sorted) rowsOf.sort((x, y) => day[x] - day[y]);
    let k = 0;
    while (k < rowsOf.length) {
      const d = day[rowsOf[k]];
      let net = 0;
      let gross = 0;
      for (; k < rowsOf.length && day[rowsOf[k]] === d; k++) {
        const v = amount[rowsOf[k]];
        net += v;
        if (v > 0) gross += v;
      }
      if (net > 1e-9 * gross) {
        // relative tolerance: a day whose credits cancel its sales to rounding is not a purchase
        purchaseDays[c]++;
        if (firstPurchase[c] === NO_DAY) firstPurchase[c] = d;
        lastPurchase[c] = d;
      }
    }
  }

  // Invoices: distinct invoice numbers with a positive amount when the ledger has them, else positive rows.
  if (ledger.invoice) countDistinctInvoices(ledger.invoice, ledger.invoiceHash, amount, order, start, invoices);

  return {
    n,
    names: ledger.customers,
    revenue,
    gross,
    credits,
    invoices,
    purchaseDays,
    firstPurchase,
    lastPurchase,
    firstSeen,
    lastSeen,
    order,
    start,
    rowMonth,
    asOf: ledger.asOf,
    throughMonth: lastDay === NO_DAY ? monthOfDay(ledger.asOf) : Math.min(monthOfDay(ledger.asOf), monthOfDay(lastDay) + GRID_MONTHS_AFTER_DATA),
  };
}

/**
 * Distinct invoice texts among each customer's rows with a positive amount (a blank invoice counts once per row),
 * into `out`. Exact, without a Set of strings: each text's hash (taken by the reader, `Ledger.invoiceHash`, else here
 * in one pass in ledger order), then each customer's rows go into
 * an open-addressing table of row numbers, where texts are compared only when their hashes are equal. With 2 million
 * invoices a Set per customer spent most of its time fetching strings scattered in memory (0.9 s of 1.4 s).
 */
function countDistinctInvoices(inv: string[], hashes: Int32Array | undefined, amount: Float64Array, order: Int32Array, start: Int32Array, out: Int32Array): void {
  const rows = amount.length < inv.length ? amount.length : inv.length;
  const hash: Int32Array = hashes !== undefined && hashes.length >= rows ? hashes : new Int32Array(rows);
  if (hash !== hashes) {
    // Not taken by the reader (a ledger made another way): hashed here.
    let last = "";
    let lastHash = 0;
    for (let i = 0; i < rows; i++) {
      const text = inv[i];
      if (text !== last) {
        last = text;
        lastHash = text ? textHash(text) || 1 : 0; // 0: blank (so blankness is known without fetching the string)
      }
      hash[i] = lastHash;
    }
  }
  let table = new Int32Array(16); // row + 1 per slot, 0 = free
  for (let c = 0; c + 1 < start.length; c++) {
    const size = start[c + 1] - start[c];
    if (size === 0) continue;
    let cap = 16;
    while (cap < 2 * size) cap *= 2;
    if (cap > table.length) table = new Int32Array(cap);
    else table.fill(0, 0, cap);
    const mask = cap - 1;
    let count = 0;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      if (!(amount[i] > 0)) continue;
      const h = hash[i];
      if (h === 0) {
        count++; // a blank invoice: this row is its own invoice
        continue;
      }
      let slot = h & mask;
      for (;;) {
        const j = table[slot] - 1;
        if (j < 0) {
          table[slot] = i + 1;
          count++;
          break;
        }
        if (hash[j] === h && inv[j] === inv[i]) break; // seen
        slot = (slot + 1) & mask;
      }
    }
    out[c] = count;
  }
}
