/**
 * Building blocks of native Excel formulas. Formulas are written in the file's own syntax (English names,
 * comma separators, structured references spelled out as `Table[[#This Row],[Col]]`, which Excel shows as
 * `[@Col]`), so the same string works in an .xlsx file and through Office.js `Range.formulas`.
 */

/** Escapes a table column name inside a structured reference (`[`, `]`, `#`, `'` take a `'` before them). */
function escapeColumn(name: string): string {
  return name.replace(/['#[\]]/g, "'$&");
}

/** The whole data column of a table: `KAAccounts[Revenue]`. */
export function column(table: string, name: string): string {
  return `${table}[${escapeColumn(name)}]`;
}

/** This row's cell of a column, for formulas inside the table: `KAAccounts[[#This Row],[Revenue]]`. */
export function thisRow(table: string, name: string): string {
  return `${table}[[#This Row],[${escapeColumn(name)}]]`;
}

/** A string literal inside a formula. */
export function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A number literal inside a formula, exact for doubles. */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`formula literal must be finite, got ${x}`);
  return String(x);
}

/** `0`-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let s = "";
  let c = col + 1;
  while (c > 0) {
    const r = (c - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

/** Absolute A1 address of a 0-based cell, e.g. `$B$3`. */
export function absoluteA1(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** Sheet name quoted for use in a reference: `'KA About'!$B$3`. */
export function sheetRef(sheet: string, row: number, col: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${absoluteA1(row, col)}`;
}
