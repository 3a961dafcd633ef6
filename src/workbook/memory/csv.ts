/**
 * Loads a CSV ledger into the in-memory workbook, roughly as Excel opens a CSV: one sheet, text as text, plain
 * decimal numbers as numbers (only when the number prints back the same, so `00123` stays text and no customer key
 * changes), empty fields blank. Dates stay text; the ledger reader parses them as it parses a CSV in the CLI.
 */
import Papa from "papaparse";
import type { Scalar } from "../../engine/report/types";
import type { MemorySheet, MemoryWorkbook } from "./workbook";

/** A CSV field as the demo workbook stores it. */
export function csvCell(text: string): Scalar {
  if (text === "") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const x = Number(text);
    if (Number.isFinite(x) && String(x) === text) return x;
  }
  return text;
}

/** Parses `text` (RFC 4180, delimiter sniffed) into a new sheet named `sheetName`, selected at A1. */
export function loadCsv(wb: MemoryWorkbook, sheetName: string, text: string): MemorySheet {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const values = parsed.data.map((row) => row.map(csvCell));
  const sheet = wb.addSheet(sheetName, values);
  wb.active = sheet.name;
  wb.selection = { sheet: sheet.name, row: 0, col: 0, rows: 1, cols: 1 };
  wb.changed();
  return sheet;
}
