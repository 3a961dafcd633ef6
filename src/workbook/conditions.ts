/**
 * Conditional-format formulas in A1 form. Excel refuses structured references (`KAAccounts[Revenue]`) inside a
 * conditional format, while the report writes every other formula with them; so a `highlight` condition may use
 * them and the writer rewrites them against the table's actual position. Pure and shared: both the xlsx and the Office writer use it.
 */
import { absoluteA1, columnLetters } from "../engine/report/refs";

/** Where a table sits: what a structured reference resolves to. */
export interface TablePlace {
  name: string;
  /** Final name of the sheet holding it. */
  sheet: string;
  /** 0-based header row and first column. */
  row: number;
  col: number;
  headers: string[];
  /** Body rows (at least 1: an empty table is written with one blank row). */
  bodyRows: number;
}

/** `Col` from the inside of `[...]`, undoing the `'` escapes of refs.ts. */
function unescapeColumn(s: string): string {
  return s.replace(/'(.)/g, "$1");
}

function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Rewrites a highlight condition for one anchor cell (the first body cell of the formatted column or matrix):
 * - `{cell}` → that cell, relative (`F2`), so the rule moves with each formatted cell;
 * - `T[[#This Row],[Col]]` → column Col of T in the anchor's row, relative row (`C2`);
 * - `T[Col]` → the whole body of column Col, absolute (`$C$2:$C$40`, sheet-qualified when on another sheet).
 *
 * @throws Error naming the reference when a table or column is unknown (a report bug, caught by tests)
 * @example
 * conditionToA1("KAAccounts[[#This Row],[Overdue]]>0", { row: 1, col: 0, sheet: "KA Accounts" }, places) // "E2>0"
 */
export function conditionToA1(condition: string, anchor: { row: number; col: number; sheet: string }, tables: Map<string, TablePlace>): string {
  const relative = (row: number, col: number) => `${columnLetters(col)}${row + 1}`;
  const find = (table: string, column: string): { t: TablePlace; c: number } => {
    const t = tables.get(table.toLowerCase());
    if (!t) throw new Error(`conditional format refers to unknown table ${table}`);
    const name = unescapeColumn(column);
    const i = t.headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`conditional format refers to unknown column ${table}[${name}]`);
    return { t, c: t.col + i };
  };
  let out = condition.replace(/\{cell\}/g, relative(anchor.row, anchor.col));
  out = out.replace(/([A-Za-z_\\][A-Za-z0-9_.\\]*)\[\[#This Row\],\[((?:[^\]']|'.)*)\]\]/g, (_m, table: string, column: string) => {
    const { c } = find(table, column);
    return relative(anchor.row, c);
  });
  out = out.replace(/([A-Za-z_\\][A-Za-z0-9_.\\]*)\[((?:[^\]'[#]|'.)+)\]/g, (_m, table: string, column: string) => {
    const { t, c } = find(table, column);
    const range = `${absoluteA1(t.row + 1, c)}:${absoluteA1(t.row + t.bodyRows, c)}`;
    return t.sheet === anchor.sheet ? range : `${quoteSheet(t.sheet)}!${range}`;
  });
  return out;
}
