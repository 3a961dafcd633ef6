import { NO_DAY } from "../../ledger/types";

/** Lateness of paid invoices: amount-weighted average days late and share of invoices paid late (SPEC §7). */
export interface PaymentBehaviour {
  /** Σ amount × max(0, paid − due) / Σ amount over paid invoices, in days; NaN when none was paid. */
  avgDaysLate: number;
  /** Paid invoices with paid day > due day, divided by paid invoices (0..1); NaN when none was paid. */
  lateShare: number;
  /** Invoices counted: positive amount, a due day and a paid day on or before `asOf`. */
  paidInvoices: number;
}

/**
 * Payment behaviour of the rows `indices` (all rows when omitted) at `asOf` (SPEC §7). A paid invoice is a row
 * with a positive amount, a due day and a paid day ≤ `asOf` (a payment after `asOf` has not happened yet).
 * Days late = `max(0, paidDay − dueDay)`: paying early counts as on time, not as negative lateness, so early
 * payers cannot hide late ones in the average. Credit notes are not invoices and are skipped.
 *
 * @example amounts 1000 and 3000, paid 10 days late and on time → avg (1000×10 + 3000×0) / 4000 = 2.5 days, lateShare 1/2
 */
export function paymentBehaviour(
  amount: ArrayLike<number>,
  dueDay: ArrayLike<number>,
  paidDay: ArrayLike<number>,
  asOf: number,
  indices?: ArrayLike<number>,
): PaymentBehaviour {
  const m = indices ? indices.length : amount.length;
  let weighted = 0;
  let weight = 0;
  let paid = 0;
  let late = 0;
  for (let k = 0; k < m; k++) {
    const i = indices ? indices[k] : k;
    const v = amount[i];
    const p = paidDay[i];
    const d = dueDay[i];
    if (!(v > 0) || p === NO_DAY || d === NO_DAY || p > asOf) continue;
    const daysLate = Math.max(0, p - d);
    weighted += v * daysLate;
    weight += v;
    paid++;
    if (daysLate > 0) late++;
  }
  if (paid === 0) return { avgDaysLate: NaN, lateShare: NaN, paidInvoices: 0 };
  return { avgDaysLate: weighted / weight, lateShare: late / paid, paidInvoices: paid };
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
