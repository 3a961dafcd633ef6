import { NO_DAY } from "../../ledger/types";
import { problem } from "../../problems";
import type { ReceivableRows } from "./open-balance";

/**
 * The day from which a row's open amount at as-of (`openNow`) holds: its payment day when the ledger dates the
 * payment on or before as-of, else as-of itself — a payment recorded without a date (a paid amount or balance
 * below the amount, no paid date) cannot be placed and is taken to have happened on the as-of date, so past
 * receivables never look smaller than they were.
 */
export function settledFrom(rows: Pick<ReceivableRows, "paidDay">, i: number, asOf: number): number {
  const p = rows.paidDay ? rows.paidDay[i] : NO_DAY;
  return p !== NO_DAY && p <= asOf ? p : asOf;
}

/**
 * Each row's own open amount at the end of `day` (≤ as-of), rebuilt from the ledger's dates: 0 before the row's
 * date; the whole amount until its payment day; from then on what is open at as-of (the remainder of a partial
 * payment, 0 when paid in full). Credit notes follow the same rule (unapplied until their applied date).
 * Needs paid dates: without them the past cannot be told from the present.
 * @throws KaProblem notEnoughData without a paid-date column (for a day before as-of).
 */
export function ownOpenAt(rows: Pick<ReceivableRows, "used" | "day" | "amount" | "paidDay">, openNow: ArrayLike<number>, day: number, asOf: number): Float64Array {
  const n = rows.used;
  const out = new Float64Array(n);
  if (day >= asOf) {
    for (let i = 0; i < n; i++) out[i] = openNow[i];
    return out;
  }
  if (!rows.paidDay) throw problem("notEnoughData", "Receivables at an earlier date need the paid-date column: without it the ledger cannot say what was open then.", { path: "paidDate" });
  for (let i = 0; i < n; i++) {
    if (rows.day[i] > day) continue;
    out[i] = day >= settledFrom(rows, i, asOf) ? openNow[i] : rows.amount[i];
  }
  return out;
}

/** Rows whose payment has no date although the ledger says something was paid: placed on the as-of date. */
export function undatedPayments(rows: Pick<ReceivableRows, "used" | "amount" | "paidDay">, openNow: ArrayLike<number>): number {
  if (!rows.paidDay) return 0;
  let k = 0;
  for (let i = 0; i < rows.used; i++) if (rows.paidDay[i] === NO_DAY && openNow[i] !== rows.amount[i]) k++;
  return k;
}
