import { chooseCurrency } from "../../currency";
import type { Lang } from "../../i18n";
import type { Ledger } from "../../ledger/types";

/** What of an analysis tells which ledger it analysed. */
export interface AnalysedLedgerOf {
  ledger: { used: number };
  customers: { n: number };
  params: { currency?: string; lang: Lang };
}

/**
 * The ledger as an analysis saw it: the one given, or — when the analysis kept one currency of several — its rows in
 * that currency, renumbered as the analysis numbered them (customer codes and row indices are the analysis' own).
 * Throws when `given` is not the ledger the analysis was run on.
 */
export function analysedLedger(given: Ledger, a: AnalysedLedgerOf): Ledger {
  const l = given.used === a.ledger.used ? given : chooseCurrency(given, a.params.currency, a.params.lang).ledger;
  if (l.used !== a.ledger.used || l.customers.length !== a.customers.n) throw new Error(`the ledger given (${given.used} rows) is not the one analysed (${a.ledger.used} rows)`);
  return l;
}

/** One customer's ledger rows (drill-down from an account). */
export interface CustomerRows {
  /** 1-based sheet/file rows, in ledger order, and the amount of each. */
  sheetRows: number[];
  amounts: number[];
  /** Σ amounts: the customer's net revenue (KA Accounts' Revenue). */
  total: number;
  /** The sheet rows as runs of consecutive rows, [first, last]: the fewest areas to select in the ledger's sheet. */
  runs: [number, number][];
}

/**
 * The used rows of customer `c` (a code of the analysis; `ledger` from `analysedLedger`), with `customers.order` /
 * `customers.start` as the analysis grouped them.
 *
 * @example rowsOfCustomer(l, a.customers, a.concentration.order[0]).runs // [[2, 4], [9, 9]]: rows 2–4 and 9
 */
export function rowsOfCustomer(ledger: Pick<Ledger, "sourceRow" | "amount">, customers: { order: Int32Array; start: Int32Array }, c: number): CustomerRows {
  if (!Number.isInteger(c) || c < 0 || c + 1 >= customers.start.length) throw new RangeError(`no customer with code ${c}`);
  const sheetRows: number[] = [];
  const amounts: number[] = [];
  let total = 0;
  for (let k = customers.start[c]; k < customers.start[c + 1]; k++) {
    const i = customers.order[k];
    sheetRows.push(ledger.sourceRow[i]);
    amounts.push(ledger.amount[i]);
    total += ledger.amount[i];
  }
  // Rows of a customer are in ledger order, and a ledger's rows in sheet order, so runs need no sort.
  const runs: [number, number][] = [];
  for (const r of sheetRows) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return { sheetRows, amounts, total, runs };
}
