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

/** Why a file given to "Open a CSV ledger…" is not read: a spreadsheet file, or not text at all. */
export type NotCsv = { refused: "workbook"; kind: string } | { refused: "binary" };

const WORKBOOK_EXTENSIONS: Record<string, string> = { xlsx: "Excel", xlsm: "Excel", xlsb: "Excel", xls: "Excel", ods: "OpenDocument", numbers: "Numbers" };

/**
 * The text of a file opened as a CSV ledger, or why it is refused: a workbook (by its extension, or its bytes: a
 * ZIP package as .xlsx/.ods are, or an OLE compound file as .xls is) or a binary file (NUL bytes), which read as
 * text would fill the sheet with garbage. UTF-8 (with or without BOM) is read as such; text that is not valid
 * UTF-8 is read as GB18030 (what Excel writes for "CSV" on a Chinese Windows).
 */
export function csvTextOf(fileName: string, bytes: Uint8Array): { text: string } | NotCsv {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (WORKBOOK_EXTENSIONS[ext] || zip || ole) return { refused: "workbook", kind: WORKBOOK_EXTENSIONS[ext] ?? "Excel" };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { refused: "binary" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes) };
  }
}
