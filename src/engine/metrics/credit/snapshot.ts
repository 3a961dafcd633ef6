import { NO_DAY } from "../../ledger/types";
import { agingBucket } from "./aging";
import { neumaierAdd } from "./sums";

/** Rows grouped by customer: rows of customer c are `order[start[c] .. start[c+1])` (a CustomerBase has these). */
export interface RowGroups {
  n: number;
  order: Int32Array;
  start: Int32Array;
}

export interface SnapshotOptions {
  /** Aging bounds (checked by the caller). */
  bounds: readonly number[];
  /** Days past due above which a balance is "seriously" overdue (alerts). */
  seriousOverdueDays: number;
  /** Write off (derecognise) what is still owed more than this many days past due; Infinity: never. */
  writeOffDays: number;
  /** Day each row was flagged written off (NO_DAY: not flagged). */
  writeOffDay?: ArrayLike<number>;
}

/**
 * Receivables at one date. Two views of the same open items:
 * - **owed** (what the customers owe, the collection view): per customer and bucket, credit notes applied;
 * - **gross carrying amount** (the IFRS 9 view): the owed items less those written off (derecognised), without
 *   customers' credit balances (those are liabilities, not receivables).
 * Per bucket: `agingTotals[b] = gross[b] + writtenOffByBucket[b] + (b = 0 ? creditBalances : 0)`.
 */
export interface ReceivableSnapshot {
  day: number;
  /** Per row: days past due at `day` (day − effective due), the bucket, and the open amount after credits. */
  rowDaysPastDue: Float64Array;
  rowBucket: Uint8Array;
  rowOpenNet: Float64Array;
  /** Per row: 1 when the item is written off at `day` (its net open amount is then not in `gross`). */
  rowWrittenOff: Uint8Array;
  /** Per customer (owed view). */
  openBalance: Float64Array;
  overdue: Float64Array;
  overdueSerious: Float64Array;
  /** aging[b][c]: customer c's owed amount in bucket b (credit balances in bucket 0). */
  aging: Float64Array[];
  /** Per customer: credit left after all its open items (≤ 0), and the amount written off (≥ 0). */
  creditBalance: Float64Array;
  writtenOff: Float64Array;
  /** Portfolio. */
  agingTotals: number[];
  gross: number[];
  writtenOffByBucket: number[];
  creditBalances: number;
  creditsApplied: number;
}

/**
 * Receivables at `day` from each row's own open amount at that day (`ownOpen`: 0 for a row not issued yet;
 * negative for an unapplied credit note or an overpayment) and its effective due day.
 *
 * Credit notes and overpayments: the customer's credits are applied to its own open items, most overdue first
 * (ties: ledger order), as cash application matches them; credit left after every open item is the customer's
 * credit balance, shown in the first bucket of the owed view. So a customer's open balance is the plain sum of
 * its rows' open amounts, and no bucket holds a negative figure from an old credit note.
 *
 * Write-offs: an item flagged written off on or before `day`, or still owed more than `writeOffDays` past due,
 * is derecognised — it stays in the owed view (the customer still owes it) and leaves the gross carrying amount.
 */
export function receivableSnapshot(
  groups: RowGroups,
  ownOpen: ArrayLike<number>,
  effDue: ArrayLike<number>,
  day: number,
  opts: SnapshotOptions,
): ReceivableSnapshot {
  const { bounds } = opts;
  const B = bounds.length + 1;
  const n = groups.n;
  const rows = ownOpen.length;
  const rowDpd = new Float64Array(rows);
  const rowBucket = new Uint8Array(rows);
  const rowNet = new Float64Array(rows);
  const rowWrittenOff = new Uint8Array(rows);
  const openSum = new Float64Array(n);
  const openComp = new Float64Array(n);
  const overdue = new Float64Array(n);
  const overdueComp = new Float64Array(n);
  const overdueSerious = new Float64Array(n);
  const aging = Array.from({ length: B }, () => new Float64Array(n));
  const agingComp = Array.from({ length: B }, () => new Float64Array(n));
  const creditBalance = new Float64Array(n);
  const writtenOff = new Float64Array(n);
  const totals = new Float64Array(B);
  const totalsComp = new Float64Array(B);
  const gross = new Float64Array(B);
  const grossComp = new Float64Array(B);
  const woBucket = new Float64Array(B);
  const woComp = new Float64Array(B);
  let creditBalances = 0;
  let creditsApplied = 0;
  const flagged = opts.writeOffDay;
  const debits: number[] = [];
  for (let c = 0; c < n; c++) {
    debits.length = 0;
    let credit = 0;
    for (let k = groups.start[c]; k < groups.start[c + 1]; k++) {
      const i = groups.order[k];
      const o = ownOpen[i];
      rowDpd[i] = day - effDue[i];
      rowBucket[i] = agingBucket(rowDpd[i], bounds);
      if (o > 0) debits.push(i);
      else if (o < 0) credit += o;
    }
    debits.sort((x, y) => rowDpd[y] - rowDpd[x] || x - y);
    let left = -credit;
    for (const i of debits) {
      const take = Math.min(ownOpen[i], left);
      left -= take;
      creditsApplied += take;
      const net = ownOpen[i] - take;
      rowNet[i] = net;
      if (net === 0) continue;
      const dpd = rowDpd[i];
      const b = rowBucket[i];
      neumaierAdd(openSum, openComp, c, net);
      neumaierAdd(aging[b], agingComp[b], c, net);
      neumaierAdd(totals, totalsComp, b, net);
      if (dpd > 0) neumaierAdd(overdue, overdueComp, c, net);
      if (dpd > opts.seriousOverdueDays) overdueSerious[c] += net;
      const wo = (flagged !== undefined && flagged[i] !== NO_DAY && flagged[i] <= day) || dpd > opts.writeOffDays;
      if (wo) {
        rowWrittenOff[i] = 1;
        writtenOff[c] += net;
        neumaierAdd(woBucket, woComp, b, net);
      } else neumaierAdd(gross, grossComp, b, net);
    }
    if (left > 0) {
      // The customer is in credit: not past due, so in the first (least aged) bucket of the owed view.
      creditBalance[c] = -left;
      neumaierAdd(openSum, openComp, c, -left);
      neumaierAdd(aging[0], agingComp[0], c, -left);
      neumaierAdd(totals, totalsComp, 0, -left);
      creditBalances -= left;
    }
  }
  for (let c = 0; c < n; c++) {
    openSum[c] += openComp[c];
    overdue[c] += overdueComp[c];
    for (let b = 0; b < B; b++) aging[b][c] += agingComp[b][c];
  }
  return {
    day,
    rowDaysPastDue: rowDpd,
    rowBucket,
    rowOpenNet: rowNet,
    rowWrittenOff,
    openBalance: openSum,
    overdue,
    overdueSerious,
    aging,
    creditBalance,
    writtenOff,
    agingTotals: Array.from(totals, (t, b) => t + totalsComp[b]),
    gross: Array.from(gross, (t, b) => t + grossComp[b]),
    writtenOffByBucket: Array.from(woBucket, (t, b) => t + woComp[b]),
    creditBalances,
    creditsApplied,
  };
}
