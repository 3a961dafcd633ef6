import { isoFromDay } from "../../day";
import { compensatedSum } from "../concentration/positive";
import type { ReceivableSnapshot } from "./snapshot";

/**
 * The loss-allowance movement between two dates (IFRS 7 §35H–35I reconciliation), item by item. Each open item
 * carries an allowance `A = net open amount × the effective loss rate of its bucket` on each date (0 when it is not
 * carried: not issued yet, settled, written off, or a credit balance), so opening = Σ A at the first date and
 * closing = Σ A at the second, equal to the disclosure totals. For an item with net open `o0` at the opening date
 * (rate `r0`), `o1` at the closing date (rate `r1`) and `w` written off in between:
 * - **new receivables**: the closing allowance of items dated after the opening date (`o1 × r1`);
 * - **collected or derecognised**: the opening allowance released on what was paid or credited,
 *   `−(o0 − o1 − w) × r0`, for items that existed at the opening date;
 * - **write-offs**: `−w`, the gross amount written off — the allowance is used for the whole amount (what it held
 *   less is topped up in remeasurement);
 * - **remeasurement**: the rest — for items carried on both dates `o1 × (r1 − r0)` (ageing into another bucket,
 *   changed rates, overlay or scenarios), plus the top-up `w × (1 − r0)` of items written off (`w` for items
 *   issued and written off within the period).
 * The lines reconcile exactly: opening + new + collected + write-offs + remeasurement = closing.
 */
export interface AllowanceMovement {
  from: string;
  to: string;
  opening: number;
  newReceivables: number;
  collected: number;
  writeOffs: number;
  remeasurement: number;
  closing: number;
  /** Gross carrying amounts on both dates and the gross amount written off in the period. */
  openingGross: number;
  closingGross: number;
  writtenOffGross: number;
  /** How many items each line moved. */
  counts: { newItems: number; collectedItems: number; writtenOffItems: number; carriedItems: number };
  /** The effective loss rates used on each date, per bucket. */
  openingRates: number[];
  closingRates: number[];
}

/** Allowance of an item in a snapshot: net open × rate of its bucket when carried (not written off), else 0. */
function carried(s: ReceivableSnapshot, i: number): number {
  return s.rowWrittenOff[i] === 0 && s.rowOpenNet[i] > 0 ? s.rowOpenNet[i] : 0;
}

/**
 * The movement schedule between snapshots `open` (opening date) and `close` (closing date) of the same rows, with
 * the effective loss rates in force on each date. `day` is each row's date (new = dated after the opening date).
 */
export function allowanceMovement(
  open: ReceivableSnapshot,
  close: ReceivableSnapshot,
  day: ArrayLike<number>,
  openingRates: readonly number[],
  closingRates: readonly number[],
): AllowanceMovement {
  const rows = day.length;
  const newL: number[] = [];
  const collected: number[] = [];
  const writeOffs: number[] = [];
  const remeasure: number[] = [];
  const counts = { newItems: 0, collectedItems: 0, writtenOffItems: 0, carriedItems: 0 };
  for (let i = 0; i < rows; i++) {
    const o0 = carried(open, i);
    const o1 = carried(close, i);
    // Written off in the period: written off (and still owed) at the close, not at the opening.
    const w = close.rowWrittenOff[i] === 1 && open.rowWrittenOff[i] === 0 && close.rowOpenNet[i] > 0 ? close.rowOpenNet[i] : 0;
    if (o0 === 0 && o1 === 0 && w === 0) continue;
    const r1 = closingRates[close.rowBucket[i]];
    if (w > 0) {
      writeOffs.push(-w);
      counts.writtenOffItems++;
    }
    if (day[i] > open.day) {
      if (o1 > 0) {
        newL.push(o1 * r1);
        counts.newItems++;
      }
      if (w > 0) remeasure.push(w);
      continue;
    }
    const r0 = openingRates[open.rowBucket[i]];
    const paid = o0 - o1 - w;
    if (paid !== 0) {
      collected.push(-paid * r0);
      if (paid > 0) counts.collectedItems++;
    }
    if (o1 > 0) {
      remeasure.push(o1 * (r1 - r0));
      counts.carriedItems++;
    }
    if (w > 0) remeasure.push(w * (1 - r0));
  }
  const opening = compensatedSum(open.gross.map((g, b) => g * openingRates[b]));
  const closing = compensatedSum(close.gross.map((g, b) => g * closingRates[b]));
  return {
    from: isoFromDay(open.day),
    to: isoFromDay(close.day),
    opening,
    newReceivables: compensatedSum(newL),
    collected: compensatedSum(collected),
    writeOffs: compensatedSum(writeOffs),
    remeasurement: compensatedSum(remeasure),
    closing,
    openingGross: compensatedSum(open.gross),
    closingGross: compensatedSum(close.gross),
    writtenOffGross: -compensatedSum(writeOffs),
    counts,
    openingRates: openingRates.slice(),
    closingRates: closingRates.slice(),
  };
}
