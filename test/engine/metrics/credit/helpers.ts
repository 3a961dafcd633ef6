/** Test builder: a ledger's credit columns and customer groups from hand-written rows. */
import { NO_DAY } from "../../../../src/engine/ledger/types";
import type { ReceivableRows, RowGroups } from "../../../../src/engine/metrics/credit";

export interface Row {
  c: number;
  day: number;
  amount: number;
  due?: number;
  paid?: number;
  paidAmount?: number;
  balance?: number;
}

/** A ledger's credit columns from rows; `cols` says which optional columns exist. */
export function makeRows(rows: Row[], cols: { due?: boolean; paid?: boolean; paidAmount?: boolean; balance?: boolean }): { r: ReceivableRows; g: RowGroups } {
  const n = rows.length;
  const r: ReceivableRows = {
    used: n,
    day: Int32Array.from(rows, (x) => x.day),
    amount: Float64Array.from(rows, (x) => x.amount),
  };
  if (cols.due) r.dueDay = Int32Array.from(rows, (x) => x.due ?? NO_DAY);
  if (cols.paid) r.paidDay = Int32Array.from(rows, (x) => x.paid ?? NO_DAY);
  if (cols.paidAmount) r.paidAmount = Float64Array.from(rows, (x) => x.paidAmount ?? NaN);
  if (cols.balance) r.balance = Float64Array.from(rows, (x) => x.balance ?? NaN);
  const customers = Math.max(...rows.map((x) => x.c)) + 1;
  const start = new Int32Array(customers + 1);
  for (const x of rows) start[x.c + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const cursor = start.slice(0, customers);
  const order = new Int32Array(n);
  rows.forEach((x, i) => (order[cursor[x.c]++] = i));
  return { r, g: { n: customers, order, start } };
}
