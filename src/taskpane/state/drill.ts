/**
 * The Results page's drill-down: one analysed customer's ledger rows (the engine's `rowsOfCustomer`, so the total is
 * KA Accounts' Revenue), the first of them to show, and the multi-area address that selects them in the ledger's sheet.
 */
import { isoFromDay } from "../../engine/day";
import { rowsOfCustomer, type CustomerRows } from "../../engine/metrics/dependence/rows";
import { a1, parseA1 } from "../../workbook/office/layout";
import type { DrillSource } from "./run";

/**
 * Excel refuses a multi-area address past a length it does not document (refusals are reported from about 8,000
 * characters on, and some shorter ones fail): the selection stays well below, and the pane says when it selects
 * only the first rows.
 */
export const MAX_SELECTION_ADDRESS = 2000;

/** Rows of the customer the Results page lists. */
export const SHOWN_ROWS = 10;

/** One row as the Results page lists it. */
export interface ShownRow {
  sheetRow: number;
  /** yyyy-mm-dd. */
  date: string;
  invoice?: string;
  amount: number;
}

export interface PickedCustomer {
  code: number;
  name: string;
  rows: CustomerRows;
  /** Net revenue on KA Accounts (the analysis' own figure; `rows.total` adds the rows up). */
  revenue: number;
  first: ShownRow[];
  /** The address selected in the ledger's sheet and how many of the rows it covers. */
  selection: { sheet: string; address: string; rows: number };
}

/** The customers for the picker: name and code, largest net revenue first (KA Accounts' order). */
export function pickerCustomers(d: DrillSource): { code: number; name: string; revenue: number }[] {
  return Array.from(d.byRevenue, (code) => ({ code, name: d.customers.names[code], revenue: d.customers.revenue[code] }));
}

/**
 * The ledger's columns at the given runs of sheet rows, as one multi-area address (`A2:L4,A9:L9`), as many runs as
 * fit in `maxLength` characters (at least the first run).
 */
export function selectionAddress(ledgerAddress: string, runs: readonly (readonly [number, number])[], maxLength = MAX_SELECTION_ADDRESS): { address: string; rows: number } {
  const { col, cols } = parseA1(ledgerAddress);
  let address = "";
  let rows = 0;
  for (const [from, to] of runs) {
    const area = a1(from - 1, col, to - from + 1, cols);
    if (address !== "" && address.length + 1 + area.length > maxLength) break;
    address = address === "" ? area : `${address},${area}`;
    rows += to - from + 1;
  }
  return { address, rows };
}

/** Customer `code`'s rows, the first few to list, and the address that selects them. */
export function pickCustomer(d: DrillSource, code: number): PickedCustomer {
  const { ledger, customers } = d;
  const rows = rowsOfCustomer(ledger, customers, code);
  const first: ShownRow[] = [];
  for (let k = customers.start[code]; k < customers.start[code + 1] && first.length < SHOWN_ROWS; k++) {
    const i = customers.order[k];
    first.push({ sheetRow: ledger.sourceRow[i], date: isoFromDay(ledger.day[i]), invoice: ledger.invoice?.[i] || undefined, amount: ledger.amount[i] });
  }
  const sel = selectionAddress(d.address, rows.runs);
  return { code, name: customers.names[code], rows, revenue: customers.revenue[code], first, selection: { sheet: d.sheet, ...sel } };
}
