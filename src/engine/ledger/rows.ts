/**
 * The used rows of a ledger as a whole: choosing and reordering them keeps every per-row column in step.
 */
import type { Ledger } from "./types";

/** The columns with one entry per used row (the groups' codes are per row too). */
export const PER_ROW_COLUMNS = ["customer", "day", "amount", "sourceRow", "invoice", "invoiceHash", "dueDay", "paidDay", "paidAmount", "balance", "cost", "segment", "currency"] as const satisfies readonly (keyof Ledger)[];

/**
 * The ledger made of the rows at `index` (positions in `ledger`, in the order given); per-customer columns, names
 * and counts are left as they are for the caller to adjust.
 */
export function selectRows(ledger: Ledger, rows: ArrayLike<number>): Ledger {
  const index = rows instanceof Int32Array ? rows : Int32Array.from(rows);
  return { ...withRowColumns(ledger, (column) => pick(column, index)), used: index.length };
}

/** The ledger with `move` applied to each per-row column, the groups' codes included. */
function withRowColumns(ledger: Ledger, move: <T extends ArrayLike<unknown>>(column: T) => T): Ledger {
  const out: Ledger = { ...ledger };
  const put = out as unknown as Record<string, ArrayLike<unknown> | undefined>;
  for (const key of PER_ROW_COLUMNS) {
    const column = ledger[key];
    if (column !== undefined) put[key] = move(column);
  }
  if (ledger.groups) out.groups = ledger.groups.map((g) => ({ ...g, codes: move(g.codes) }));
  return out;
}

/**
 * The ledger with its rows grouped by customer, customers in code order, each customer's rows in the order they had
 * (a stable counting sort); the same ledger when they already are. The engine works on any order; this one puts a
 * customer's rows side by side in memory, so the per-customer passes read the columns straight through instead of
 * jumping across them. `ka analyze` at 100,000 customers and 2 M rows: credit 2.6–3.3 → 1.7–2.2 s, retention
 * 0.64–0.75 → 0.12–0.18 s, stability 0.36–0.48 → 0.11–0.18 s, for 0.3–0.5 s of reordering; on Online Retail the
 * reordering costs ~25 ms.
 */
export function inCustomerOrder(ledger: Ledger): Ledger {
  const { customer, used } = ledger;
  let grouped = true;
  for (let i = 1; i < used && grouped; i++) grouped = customer[i] >= customer[i - 1];
  if (grouped) return ledger;
  const cursor = new Int32Array(ledger.customers.length + 1);
  for (let i = 0; i < used; i++) cursor[customer[i] + 1]++;
  for (let c = 0; c < ledger.customers.length; c++) cursor[c + 1] += cursor[c];
  // Where each row goes. Rows are then moved by scattering (reading each column straight through, writing at
  // `to[i]`), which measured 2–3.5× faster than gathering (reading at random) on 2 M rows.
  const to = new Int32Array(used);
  for (let i = 0; i < used; i++) to[i] = cursor[customer[i]]++;
  return withRowColumns(ledger, (column) => scatter(column, to));
}

/** `list` with entry i moved to position `to[i]` (`to` a permutation), in the same kind of container. */
function scatter<T extends ArrayLike<unknown>>(list: T, to: Int32Array): T {
  if (list instanceof Float64Array) {
    const out = new Float64Array(to.length);
    for (let i = 0; i < to.length; i++) out[to[i]] = list[i];
    return out as unknown as T;
  }
  if (list instanceof Int32Array) {
    const out = new Int32Array(to.length);
    for (let i = 0; i < to.length; i++) out[to[i]] = list[i];
    return out as unknown as T;
  }
  if (Array.isArray(list)) {
    const out = new Array<unknown>(to.length).fill(undefined);
    for (let i = 0; i < to.length; i++) out[to[i]] = list[i];
    return out as unknown as T;
  }
  const back = new Int32Array(to.length);
  for (let i = 0; i < to.length; i++) back[to[i]] = i;
  return pick(list, back);
}

/** The entries at `index` of a typed array or array, in the same kind of container. */
export function pick<T extends ArrayLike<unknown>>(list: T, index: ArrayLike<number>): T {
  const at = index instanceof Int32Array ? index : Int32Array.from(index);
  // One loop per kind of column: a loop shared by all of them runs ~3× slower (its element access is generic).
  if (list instanceof Float64Array) return gatherFloat64(list, at) as unknown as T;
  if (list instanceof Int32Array) return gatherInt32(list, at) as unknown as T;
  if (Array.isArray(list)) return gatherArray(list, at) as unknown as T;
  const Ctor = (list as unknown as { constructor: new (n: number) => { [i: number]: unknown } }).constructor;
  const out = new Ctor(at.length);
  for (let k = 0; k < at.length; k++) out[k] = list[at[k]];
  return out as unknown as T;
}

function gatherFloat64(list: Float64Array, at: Int32Array): Float64Array {
  const out = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = list[at[k]];
  return out;
}

function gatherInt32(list: Int32Array, at: Int32Array): Int32Array {
  const out = new Int32Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = list[at[k]];
  return out;
}

function gatherArray<E>(list: E[], at: Int32Array): E[] {
  const out = new Array<E>(at.length);
  for (let k = 0; k < at.length; k++) out[k] = list[at[k]];
  return out;
}
