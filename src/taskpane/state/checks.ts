/**
 * The Columns page's checks of a mapping against the preview rows, before anything is read: a column that holds
 * no number mapped to a number field (the amount to "Sales Rep"), no date to a date field (the date to "Region"),
 * and one column mapped to two fields. Each names the column and an example cell, so the user fixes it where it
 * happens instead of learning after Run that no row could be used. A column counts as wrong only when none of
 * its non-blank preview cells reads as the field's kind: a few bad cells are the run's business (excluded rows
 * with their reason), not a wrong mapping.
 */
import { FIELD_DEF, FIELD_DEFS, isParseError, parseNumber, scanDate } from "../../engine/ledger";
import type { Field, RawCell } from "../../engine/ledger/types";
import type { ColumnMapping } from "../../engine/ledger";
import { columnLetters } from "../../engine/report/refs";
import type { Preview } from "../../workbook/port";

/** A cell of the sheet, by its address and what it holds (as text). */
export interface ExampleCell {
  address: string;
  text: string;
}

export type MappingIssue =
  | { kind: "notNumber" | "notDate"; field: Field; column: string; header: string; example: ExampleCell }
  | { kind: "clash"; fields: Field[]; column: string; header: string };

/** Top-left cell of an A1 address (`$B$3:$H$20`, `B3`) as 0-based row and column; A1 when it cannot tell. */
function origin(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)/i.exec(address.replace(/^.*!/, ""));
  if (!m) return { row: 0, col: 0 };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function readsAsNumber(cell: RawCell): boolean {
  // Either decimal mark: which one the ledger uses is settled over the whole column when it is read.
  const dot = parseNumber(cell, ".");
  if (typeof dot === "number") return true;
  return typeof parseNumber(cell, ",") === "number";
}

function readsAsDate(cell: RawCell, date1904: boolean): boolean {
  const s = scanDate(cell, date1904);
  return s !== undefined && !isParseError(s);
}

const blank = (c: RawCell) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/** What is wrong with `mapping` on this preview (empty when nothing is): clashes first, then by field. */
export function mappingIssues(mapping: ColumnMapping, preview: Preview, headers: readonly string[]): MappingIssue[] {
  const at = origin(preview.location.address);
  const column = (c: number) => columnLetters(at.col + c);
  const issues: MappingIssue[] = [];
  const byColumn = new Map<number, Field[]>();
  for (const [f, c] of Object.entries(mapping) as [Field, number | undefined][]) {
    if (c === undefined) continue;
    byColumn.set(c, [...(byColumn.get(c) ?? []), f]);
  }
  const order = (f: Field) => FIELD_DEFS.findIndex((d) => d.field === f);
  for (const [c, fields] of byColumn) if (fields.length > 1) issues.push({ kind: "clash", fields: fields.sort((a, b) => order(a) - order(b)), column: column(c), header: headers[c] ?? "" });
  for (const [f, c] of Object.entries(mapping) as [Field, number | undefined][]) {
    if (c === undefined) continue;
    const kind = FIELD_DEF[f].kind;
    if (kind !== "number" && kind !== "date") continue;
    const fits = kind === "number" ? readsAsNumber : (x: RawCell) => readsAsDate(x, preview.date1904);
    let example: ExampleCell | undefined;
    let anyFits = false;
    preview.rows.forEach((row, r) => {
      const cell = row[c];
      if (blank(cell) || anyFits) return;
      if (fits(cell)) anyFits = true;
      else example ??= { address: `${column(c)}${at.row + 2 + r}`, text: String(cell) };
    });
    if (!anyFits && example) issues.push({ kind: kind === "number" ? "notNumber" : "notDate", field: f, column: column(c), header: headers[c] ?? "", example });
  }
  return issues;
}
