import { NO_DAY } from "../../ledger/types";

/** How late a customer pays, amount-weighted (docs/metrics.md#credit; see `paymentBehaviour`). */
export interface PaymentBehaviour {
  /** Σ weight × days late / Σ weight, in days; NaN when there is nothing to weigh (no invoice). */
  avgDaysLate: number;
  /** Σ weight of late amounts / Σ weight (0..1): the share of the money that was or is late; NaN as above. */
  lateShare: number;
  /** Invoices with a dated payment on or before `asOf` (fully or partly paid). */
  paidInvoices: number;
  /** Money paid on or before `asOf` with a payment date, and the part of it paid after the due date. */
  paidAmount: number;
  /** Money still owed past its due date at `asOf` (weighed with its days past due so far). */
  owedPastDue: number;
  /** Money recorded as paid (paid amount or balance below the amount) without a payment date: left out, counted. */
  undatedPaid: number;
}

/** The columns `paymentBehaviour` reads; `dueDay` is the effective due day (assumed where blank). */
export interface PaymentRows {
  amount: ArrayLike<number>;
  dueDay: ArrayLike<number>;
  paidDay: ArrayLike<number>;
  /** Each row's own open amount at `asOf` (see `openAmount`), before credit notes are applied. */
  open: ArrayLike<number>;
}

/**
 * Payment behaviour of the rows `indices` (all rows when omitted) at `asOf` (docs/metrics.md#credit). Every invoice
 * amount (positive amount, due day known) counts once, split by what happened to it:
 * - the part paid on or before `asOf` (amount − open amount, at most the amount) is weighed at its payment
 *   date: days late `max(0, paid − due)` — paying early counts as on time, so early payers cannot hide late ones;
 * - the part still open is weighed at its days past due so far, `max(0, asOf − due)`: an unpaid invoice past due
 *   is late, never missing, and a partly paid invoice is not a paid one (the remainder is still late);
 * - a part open but not yet due counts as on time so far (0 days), so an invoice falling due can only worsen the
 *   figures.
 * Days late = Σ w·days / Σ w and late share = Σ w over late parts / Σ w, w the money of each part. A payment
 * recorded without a date cannot be placed and is left out (counted in `undatedPaid`). Credit notes are not
 * invoices and do not enter.
 *
 * @example invoice 4000 due 07-01, 1000 paid 07-31, as-of 09-29 → (1000×30 + 3000×90) / 4000 = 75 days, all late
 */
export function paymentBehaviour(rows: PaymentRows, asOf: number, indices?: ArrayLike<number>): PaymentBehaviour {
  const m = indices ? indices.length : rows.amount.length;
  let weighted = 0;
  let weight = 0;
  let lateWeight = 0;
  let paidInvoices = 0;
  let paidAmount = 0;
  let owedPastDue = 0;
  let undatedPaid = 0;
  for (let k = 0; k < m; k++) {
    const i = indices ? indices[k] : k;
    const v = rows.amount[i];
    const due = rows.dueDay[i];
    if (!(v > 0) || due === NO_DAY) continue;
    const open = Math.max(0, rows.open[i]);
    const settled = Math.max(0, v - open);
    if (settled > 0) {
      const p = rows.paidDay[i];
      if (p !== NO_DAY && p <= asOf) {
        const late = Math.max(0, p - due);
        weighted += settled * late;
        weight += settled;
        if (late > 0) lateWeight += settled;
        paidInvoices++;
        paidAmount += settled;
      } else undatedPaid += settled;
    }
    if (open > 0) {
      const late = Math.max(0, asOf - due);
      weighted += open * late;
      weight += open;
      if (late > 0) {
        lateWeight += open;
        owedPastDue += open;
      }
    }
  }
  if (!(weight > 0)) return { avgDaysLate: NaN, lateShare: NaN, paidInvoices, paidAmount, owedPastDue, undatedPaid };
  return { avgDaysLate: weighted / weight, lateShare: lateWeight / weight, paidInvoices, paidAmount, owedPastDue, undatedPaid };
}

/**
 * Payment terms in days: the median of `dueDay − day` over invoices (positive amount, due day known) among
 * `indices`; NaN when none has a due day. Negative gaps (due before invoiced: a data error) are clamped to 0.
 * @example due 30, 30 and 60 days after invoicing → 30
 */
export function medianTermsDays(amount: ArrayLike<number>, day: ArrayLike<number>, dueDay: ArrayLike<number>, indices?: ArrayLike<number>): number {
  const m = indices ? indices.length : amount.length;
  const gaps: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = indices ? indices[k] : k;
    if (amount[i] > 0 && dueDay[i] !== NO_DAY) gaps.push(Math.max(0, dueDay[i] - day[i]));
  }
  if (gaps.length === 0) return NaN;
  gaps.sort((a, b) => a - b);
  const h = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[h] : (gaps[h - 1] + gaps[h]) / 2;
}
