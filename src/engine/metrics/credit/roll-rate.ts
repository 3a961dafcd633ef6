import { dayOfMonthStart, monthLabel, monthOfDay } from "../../day";
import { NO_DAY } from "../../ledger/types";
import { agingBucket, checkAgingBounds } from "./aging";

/** Options of the roll-rate estimate. */
export interface RollRateOptions {
  /** Fewest monthly transitions (pairs of consecutive month-end snapshots with balances) needed; default 6. */
  minMonths?: number;
  /** Average over the most recent this many transitions (trailing window); default 12. */
  windowMonths?: number;
  /** Share of a balance that reaches the last bucket that is finally lost (loss given default); default 1. */
  lossGivenDefault?: number;
  /**
   * Fewest invoices leaving each bucket (rolled or cured) over the window; default 30 — below that a rate is
   * mostly noise (a binomial proportion from 30 cases still has a standard error near 0.09 at 50 %).
   */
  minInvoicesPerBucket?: number;
}

/** A roll-rate estimate of provision-matrix loss rates, or why there is none. */
export type RollRateEstimate =
  | {
      available: true;
      /** ρ_b for b = 0 .. buckets−2: share of bucket b's balance that rolls into a later bucket a month on. */
      rollRates: number[];
      /** Loss rate per bucket (buckets of them): LGD × Π_{k=b}^{last−1} ρ_k; the last bucket's is the LGD. */
      lossRates: number[];
      /** Month-end label (`yyyy-mm`) of each transition's start used in the average. */
      months: string[];
      /** Per transition and bucket: the monthly rate (NaN when the bucket held nothing that month). */
      monthly: number[][];
      lossGivenDefault: number;
    }
  | { available: false; reason: string };

/** Outstanding amount of row i at the end of day s, from its issue, paid day and paid amount. */
function outstandingAt(amount: number, day: number, paidDay: number, paidAmount: number, s: number): number {
  if (day > s) return 0;
  if (paidDay !== NO_DAY && paidDay <= s) return Number.isFinite(paidAmount) ? Math.max(0, amount - paidAmount) : 0;
  return amount;
}

/**
 * Loss rates per aging bucket estimated by the roll-rate (flow-rate) method, from the ledger's own payment history.
 *
 * Method:
 * 1. Month-end aging snapshots are reconstructed from invoice, due and paid dates: at each month end `s` up to
 *    `asOf`, an invoice (positive amount) issued by `s` and not paid by `s` is outstanding, aged `s − due` days
 *    past due. A partial payment (paid amount < amount) leaves the remainder outstanding.
 * 2. For each pair of consecutive month ends and each bucket b below the last: of the balance in bucket b at the
 *    first month end, the part that moved on to a later bucket unpaid is "rolled"; the part paid is "cured"; an
 *    invoice still unpaid in the same bucket (not yet due on long terms, or a short month) has not left the bucket
 *    and is left out of that month. Monthly roll rate ρ_b = rolled / (rolled + cured).
 * 3. ρ_b is the simple average of the monthly rates over the trailing `windowMonths` transitions (months where
 *    bucket b held nothing are skipped), as roll-rate tables are usually averaged.
 * 4. Reaching the last bucket (> 90 days by default) is default — IFRS 9 B5.5.37's rebuttable 90-days-past-due
 *    presumption — so the loss rate of bucket b is `LGD × Π_{k=b}^{last−1} ρ_k` and the last bucket's is `LGD`.
 *
 * Needs paid dates (a balance column alone says nothing about the past), at least `minMonths` transitions with
 * balances, and at least `minInvoicesPerBucket` invoices leaving every bucket below the last in the window;
 * otherwise `available: false` with why.
 *
 * @example 4 buckets with ρ = 0.3, 0.4, 0.5 and LGD 1 → loss rates 0.06, 0.2, 0.5, 1
 */
export function rollRateLossRates(
  rows: {
    used: number;
    day: ArrayLike<number>;
    amount: ArrayLike<number>;
    paidDay?: ArrayLike<number>;
    paidAmount?: ArrayLike<number>;
  },
  effectiveDueDay: ArrayLike<number>,
  asOf: number,
  bounds: ArrayLike<number>,
  opts: RollRateOptions = {},
): RollRateEstimate {
  checkAgingBounds(bounds);
  const minMonths = opts.minMonths ?? 6;
  const windowMonths = opts.windowMonths ?? 12;
  const lgd = opts.lossGivenDefault ?? 1;
  const minInvoices = opts.minInvoicesPerBucket ?? 30;
  if (!(lgd >= 0 && lgd <= 1)) return { available: false, reason: `loss given default ${lgd} is outside 0–1` };
  const paidDay = rows.paidDay;
  if (!paidDay) return { available: false, reason: "the ledger has no paid dates, so past aging cannot be reconstructed" };
  const buckets = bounds.length + 1;
  const last = buckets - 1;

  let firstDay = Infinity;
  for (let i = 0; i < rows.used; i++) if (rows.amount[i] > 0 && rows.day[i] < firstDay) firstDay = rows.day[i];
  if (!Number.isFinite(firstDay)) return { available: false, reason: "the ledger has no invoices" };
  // Month-end snapshots from the first invoice's month to the last month end on or before asOf.
  const ends: number[] = [];
  for (let m = monthOfDay(firstDay); ; m++) {
    const end = dayOfMonthStart(m + 1) - 1;
    if (end > asOf) break;
    ends.push(end);
  }
  const transitions = ends.length - 1;
  if (transitions < 1) return { available: false, reason: "the ledger spans less than two month ends" };
  const rolled = Array.from({ length: transitions }, () => new Float64Array(last));
  const base = Array.from({ length: transitions }, () => new Float64Array(last));
  const cases = Array.from({ length: transitions }, () => new Int32Array(last));

  const paidAmount = rows.paidAmount;
  for (let i = 0; i < rows.used; i++) {
    const amount = rows.amount[i];
    const due = effectiveDueDay[i];
    if (!(amount > 0) || due === NO_DAY) continue;
    const day = rows.day[i];
    const pd = paidDay[i];
    const pa = paidAmount ? paidAmount[i] : NaN;
    // First snapshot at or after the invoice day (binary search would save little: ends has tens of entries).
    let k = 0;
    while (k < ends.length && ends[k] < day) k++;
    let out = k < ends.length ? outstandingAt(amount, day, pd, pa, ends[k]) : 0;
    for (; k < transitions && out > 0; k++) {
      const b = agingBucket(ends[k] - due, bounds);
      if (b === last) break; // defaulted: nothing rolls further
      const next = outstandingAt(amount, day, pd, pa, ends[k + 1]);
      const nb = agingBucket(ends[k + 1] - due, bounds);
      if (next > 0 && nb === b) {
        // Still in the bucket: only a partial payment this month counts (as cured).
        base[k][b] += out - next;
        if (next < out) cases[k][b]++;
      } else {
        base[k][b] += out;
        cases[k][b]++;
        if (next > 0) rolled[k][b] += next;
      }
      out = next;
    }
  }

  const active: number[] = [];
  for (let k = 0; k < transitions; k++) if (base[k].some((v) => v > 0)) active.push(k);
  if (active.length < minMonths) {
    return { available: false, reason: `only ${active.length} month${active.length === 1 ? "" : "s"} of payment history (at least ${minMonths} needed)` };
  }
  const used = active.slice(-windowMonths);
  const monthly = used.map((k) => Array.from({ length: last }, (_, b) => (base[k][b] > 0 ? rolled[k][b] / base[k][b] : NaN)));
  const rollRates: number[] = [];
  for (let b = 0; b < last; b++) {
    let s = 0;
    let n = 0;
    let invoices = 0;
    for (const k of used) invoices += cases[k][b];
    if (invoices < minInvoices) {
      return { available: false, reason: `only ${invoices} invoice${invoices === 1 ? "" : "s"} left aging bucket ${b + 1} in the window (at least ${minInvoices} needed)` };
    }
    for (const row of monthly) {
      if (!Number.isNaN(row[b])) {
        s += row[b];
        n++;
      }
    }
    if (n === 0) return { available: false, reason: `bucket ${b + 1} never held a balance at a month end in the window` };
    rollRates.push(s / n);
  }
  const lossRates = new Array<number>(buckets);
  lossRates[last] = lgd;
  for (let b = last - 1; b >= 0; b--) lossRates[b] = lossRates[b + 1] * rollRates[b];
  return {
    available: true,
    rollRates,
    lossRates,
    months: used.map((k) => monthLabel(monthOfDay(ends[k]))),
    monthly,
    lossGivenDefault: lgd,
  };
}
