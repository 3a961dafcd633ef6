import type { Day } from "../day";
import { monthOfDay } from "../day";
import type { Ledger } from "../ledger/types";
import { NO_DAY } from "../ledger/types";

/**
 * Per-customer aggregates: the base of every metric (SPEC §1). This is the only step whose cost grows with
 * ledger rows; everything after it grows with customers. One pass over the rows, plus a sort-free distinct-day
 * count (rows are grouped by customer through a counting sort).
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
  /** Distinct calendar days with a positive amount: purchase occasions (same-day invoices are one). */
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
}

export function aggregateCustomers(ledger: Ledger): CustomerBase {
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

  // Purchase occasions: distinct days with a positive amount (credit notes are never occasions, SPEC §1).
  // Ledgers are usually in date order, so the per-customer sort is skipped when rows already are.
  const purchaseDays = new Int32Array(n);
  const firstPurchase = new Int32Array(n).fill(NO_DAY);
  const lastPurchase = new Int32Array(n).fill(NO_DAY);
  const scratch: number[] = [];
  for (let c = 0; c < n; c++) {
    scratch.length = 0;
    let sorted = true;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      if (amount[i] > 0) {
        if (scratch.length > 0 && day[i] < scratch[scratch.length - 1]) sorted = false;
        scratch.push(day[i]);
      }
    }
    if (scratch.length === 0) continue;
    if (!sorted) scratch.sort((x, y) => x - y);
    let distinct = 1;
    for (let k = 1; k < scratch.length; k++) if (scratch[k] !== scratch[k - 1]) distinct++;
    purchaseDays[c] = distinct;
    firstPurchase[c] = scratch[0];
    lastPurchase[c] = scratch[scratch.length - 1];
  }

  // Invoices: distinct invoice numbers with a positive amount when the ledger has them, else positive rows.
  if (ledger.invoice) {
    const inv = ledger.invoice;
    const seen = new Set<string>();
    for (let c = 0; c < n; c++) {
      seen.clear();
      for (let k = start[c]; k < start[c + 1]; k++) {
        const i = order[k];
        if (amount[i] > 0) seen.add(inv[i] || `#row${ledger.sourceRow[i]}`);
      }
      invoices[c] = seen.size;
    }
  }

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
  };
}
