import type { ReceivableSnapshot, RowGroups } from "./snapshot";

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
}

/**
 * The open items of `snap`, sorted by days past due (most overdue first), then customer code, then ledger row;
 * credit balances come last. O(items log items).
 */
export function openItems(snap: ReceivableSnapshot, groups: RowGroups): OpenItems {
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
  };
  idx.forEach((i, k) => {
    out.row[k] = i;
    out.customer[k] = customerOf[i];
    out.daysPastDue[k] = dpd[i];
    out.open[k] = snap.rowOpenNet[i];
    out.bucket[k] = snap.rowBucket[i];
    out.writtenOff[k] = snap.rowWrittenOff[i];
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
