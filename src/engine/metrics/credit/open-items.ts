import { NO_DAY } from "../../ledger/types";
import type { ReceivableSnapshot, RowGroups } from "./snapshot";

/** What the open items show of each ledger row besides amounts: its dates, invoice number and sheet row. */
export interface OpenItemDetails {
  day: ArrayLike<number>;
  /** Effective due day, and whether it was assumed (blank in the ledger). */
  due: ArrayLike<number>;
  dueAssumed?: ArrayLike<number>;
  invoice?: readonly string[];
  sourceRow?: ArrayLike<number>;
}

/**
 * Open items at a snapshot's date, most overdue first: every item still owed after the customer's credits were
 * applied, and one line per customer in credit (its credit balance, `row` −1, in the first bucket). Their amounts
 * add up to the aging totals, bucket by bucket.
 */
export interface OpenItems {
  /** Ledger row (index into the used rows), −1 for a customer's credit balance. */
  row: Int32Array;
  customer: Int32Array;
  /** Days past due (NaN for a credit balance). */
  daysPastDue: Float64Array;
  /** Open amount after credits (negative for a credit balance). */
  open: Float64Array;
  bucket: Uint8Array;
  /** 1 when the item is written off (owed, but no longer in the gross carrying amount). */
  writtenOff: Uint8Array;
  /** Invoice date and effective due day (NO_DAY for a credit balance), 1 when the due day was assumed. */
  day: Int32Array;
  due: Int32Array;
  dueAssumed: Uint8Array;
  /** Invoice number ("" when the ledger has none or for a credit balance) and 1-based sheet row (0: none). */
  invoice: string[];
  sourceRow: Int32Array;
}

/**
 * The open items of `snap`, sorted by days past due (most overdue first), then customer code, then ledger row;
 * credit balances come last. O(items log items).
 */
export function openItems(snap: ReceivableSnapshot, groups: RowGroups, details: OpenItemDetails): OpenItems {
  const idx: number[] = [];
  for (let i = 0; i < snap.rowOpenNet.length; i++) if (snap.rowOpenNet[i] !== 0) idx.push(i);
  const customerOf = new Int32Array(snap.rowOpenNet.length);
  for (let c = 0; c < groups.n; c++) for (let k = groups.start[c]; k < groups.start[c + 1]; k++) customerOf[groups.order[k]] = c;
  const dpd = snap.rowDaysPastDue;
  idx.sort((x, y) => dpd[y] - dpd[x] || customerOf[x] - customerOf[y] || x - y);
  const credits: number[] = [];
  for (let c = 0; c < groups.n; c++) if (snap.creditBalance[c] < 0) credits.push(c);
  const m = idx.length + credits.length;
  const out: OpenItems = {
    row: new Int32Array(m),
    customer: new Int32Array(m),
    daysPastDue: new Float64Array(m),
    open: new Float64Array(m),
    bucket: new Uint8Array(m),
    writtenOff: new Uint8Array(m),
    day: new Int32Array(m).fill(NO_DAY),
    due: new Int32Array(m).fill(NO_DAY),
    dueAssumed: new Uint8Array(m),
    invoice: new Array<string>(m).fill(""),
    sourceRow: new Int32Array(m),
  };
  idx.forEach((i, k) => {
    out.row[k] = i;
    out.customer[k] = customerOf[i];
    out.daysPastDue[k] = dpd[i];
    out.open[k] = snap.rowOpenNet[i];
    out.bucket[k] = snap.rowBucket[i];
    out.writtenOff[k] = snap.rowWrittenOff[i];
    out.day[k] = details.day[i];
    out.due[k] = details.due[i];
    out.dueAssumed[k] = details.dueAssumed ? details.dueAssumed[i] : 0;
    out.invoice[k] = details.invoice ? details.invoice[i] : "";
    out.sourceRow[k] = details.sourceRow ? details.sourceRow[i] : 0;
  });
  credits.forEach((c, j) => {
    const k = idx.length + j;
    out.row[k] = -1;
    out.customer[k] = c;
    out.daysPastDue[k] = NaN;
    out.open[k] = snap.creditBalance[c];
    out.bucket[k] = 0;
  });
  return out;
}
