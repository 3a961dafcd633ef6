import type { RawCell } from "./types";

/**
 * What a cell that should hold a value holds instead. `errorCell`: an Excel error value (`#N/A`, `#VALUE!`, …);
 * `invalid`: something that is neither blank nor readable as the wanted kind (the text is kept for messages).
 * Parsers return `undefined` for a blank cell and a plain number for a value, so the common path allocates nothing.
 */
export type ParseError = { kind: "errorCell"; code: string } | { kind: "invalid"; text: string; why?: string };

/** Excel's error values (Excel 365 list). Compared upper-case after trimming. */
export const EXCEL_ERRORS: readonly string[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
];

const ERROR_CELLS = new Map<string, ParseError>(EXCEL_ERRORS.map((code) => [code, { kind: "errorCell", code }]));

/**
 * The Excel error a cell holds, or undefined. Only the known error values count: a customer named
 * `#1 Shop` is a name, `#N/A` is an error.
 * @example excelError("#N/A") // { kind: "errorCell", code: "#N/A" }
 */
export function excelError(cell: RawCell): ParseError | undefined {
  if (typeof cell !== "string" || cell.length < 4 || cell.length > 20) return undefined;
  const c0 = cell.charCodeAt(0);
  // Fast exit for the common case: text that does not start with '#' or white space.
  if (c0 !== 35 /* # */ && c0 > 32 && c0 !== 0xa0 && c0 !== 0x3000 && c0 !== 0xfeff) return undefined;
  const s = c0 === 35 ? cell : cell.trim();
  if (s.charCodeAt(0) !== 35) return undefined;
  return ERROR_CELLS.get(s.trim().toUpperCase());
}

/**
 * True for an empty cell: null, undefined, `""`, or text of white space only (NBSP and the full-width
 * space U+3000 included, as `String.prototype.trim` defines white space).
 */
export function isBlankCell(cell: RawCell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== "string") return false;
  if (cell.length === 0) return true;
  return cell.trim().length === 0;
}

/** A short quoted rendering of a cell for messages: `'abc'`, `TRUE`, `12.5`; long text is cut at 40 characters. */
export function describeCell(cell: RawCell): string {
  if (cell === null || cell === undefined) return "blank";
  if (typeof cell === "string") {
    const t = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
    return `'${t}'`;
  }
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

/** A header cell as text: trimmed; numbers and booleans as Excel shows them; blank → "". */
export function headerText(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell).trim();
}
