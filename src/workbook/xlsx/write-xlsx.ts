/**
 * Writes a `Report` as an .xlsx workbook with exceljs's in-memory `Workbook` (the streaming writer has no tables;
 * a report grows with customers, not ledger rows, so memory is not the limit).
 *
 * What lands in the file, per block (positions are the Report's 0-based row/col):
 * - table: an Excel table (`addTable`) with the header at (row, col), body below; column number formats on every
 *   body cell; an empty table gets one blank body row (Excel tables need one);
 * - keyValue: optional bold title row, then label | value | note (value in col + 1, note in col + 2);
 * - text: one cell, styled title / heading / note;
 * - matrix: optional bold title row, a header row (corner cell blank, column headers from col + 1),
 *   then one row per row header;
 * - chart: not drawn (exceljs cannot write charts); its title is returned in `skippedCharts`.
 * Cells: a plain string is always text (never parsed as a formula, whatever it starts with); a formula cell is
 * `{ formula, result }` with the engine's value cached; NaN/±Infinity are written blank (a file cannot hold them).
 * The workbook asks Excel to recalculate fully on load (`fullCalcOnLoad`), so Excel's own results replace the cache.
 */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { isKaProblem, problem } from "../../engine/problems";
import { absoluteA1, columnLetters } from "../../engine/report/refs";
import type { Block, Cell, ConditionalFormat, KeyValueBlock, MatrixBlock, Report, SheetSpec, TableBlock, TextBlock } from "../../engine/report/types";
import { isFormulaCell } from "../../engine/report/types";
import type { ReportWriter, SheetRole, WriteOptions, WrittenSheets } from "../port";
import { conditionToA1 } from "../conditions";
import type { TablePlace } from "../conditions";
import { namesInFormula } from "./formula-names";

/** Excel's limits and reserved characters (Excel "Rename sheet"; ECMA-376 §18.2.19 `sheet`). */
const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;
/** Longest text a cell holds (Excel specifications and limits). */
const MAX_CELL_TEXT = 32767;
const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

const STYLE = {
  title: { bold: true, size: 14 } as Partial<ExcelJS.Font>,
  heading: { bold: true, size: 12 } as Partial<ExcelJS.Font>,
  note: { italic: true, color: { argb: "FF595959" } } as Partial<ExcelJS.Font>,
  bold: { bold: true } as Partial<ExcelJS.Font>,
};

/**
 * Checks a sheet name against Excel's rules: 1–31 characters, none of `[ ] : * ? / \`, no leading or trailing
 * apostrophe, not `History` (reserved by Excel).
 * @returns undefined when valid, else the reason
 * @example sheetNameProblem("KA Summary") // undefined
 * @example sheetNameProblem("Q1/Q2") // "contains one of [ ] : * ? / \\"
 */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.length > MAX_SHEET_NAME) return `is longer than ${MAX_SHEET_NAME} characters`;
  if (BAD_SHEET_CHARS.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "begins or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "is reserved by Excel";
  return undefined;
}

/** Excel table and defined names: a letter, `_` or `\` first, then letters, digits, `_`, `.`; not a cell address. */
function nameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return "must start with a letter or _ and hold only letters, digits, _ and .";
  if (name.length > 255) return "is longer than 255 characters";
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr]([0-9]*)([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name)) return "looks like a cell reference";
  return undefined;
}

/** Titles of the report's charts: the xlsx writer draws none, so About can list them before the file is written. */
export function chartsSkippedByXlsx(report: Report): string[] {
  return report.sheets.flatMap((s) => s.blocks.filter((b) => b.kind === "chart").map((b) => (b as { title: string }).title));
}

/** A built workbook, before it is serialised. */
export interface BuiltWorkbook {
  workbook: ExcelJS.Workbook;
  written: WrittenSheets;
}

/**
 * Builds the exceljs workbook of a report (no I/O).
 * @throws KaProblem "badArgument" for an invalid or duplicate sheet/table/defined name, a table header that is blank
 *   or repeated, a row wider than its table, a formula with a leading `=`, or a formula using a name the report
 *   does not define (Excel would show #NAME?)
 * @throws KaProblem "cancelled" when `opts.signal` is aborted
 * @example
 * const { workbook, written } = buildXlsxWorkbook(report);
 * await workbook.xlsx.writeFile("report.xlsx");
 */
export function buildXlsxWorkbook(report: Report, opts: WriteOptions = {}): BuiltWorkbook {
  validateReport(report);
  const wb = new ExcelJS.Workbook();
  wb.creator = "KA Risk";
  wb.calcProperties.fullCalcOnLoad = true;
  const written: WrittenSheets = { sheets: {}, skippedCharts: chartsSkippedByXlsx(report) };

  const total = report.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + blockCells(b), 0), 0);
  let done = 0;
  const progress = (cells: number) => {
    done += cells;
    opts.onProgress?.(done, total);
  };
  const checkCancel = () => {
    if (opts.signal?.aborted) throw problem("cancelled", "writing the workbook was cancelled.");
  };

  const tables = tablePlaces(report);
  for (const spec of report.sheets) {
    checkCancel();
    const ws = wb.addWorksheet(spec.name, sheetOptions(spec));
    written.sheets[spec.role] = spec.name;
    applyColumnWidths(ws, spec);
    for (const block of spec.blocks) {
      checkCancel();
      writeBlock(ws, spec, block, tables, checkCancel, progress);
    }
  }
  for (const [name, target] of Object.entries(report.names ?? {})) {
    const sheet = written.sheets[target.sheet] as string;
    wb.definedNames.add(`'${sheet.replace(/'/g, "''")}'!${absoluteA1(target.row, target.col)}`, name);
  }
  if (total === 0) opts.onProgress?.(0, 0);
  return { workbook: wb, written };
}

/**
 * Writes a report to an .xlsx file (replacing it). Written to a temporary file first and renamed, so an error or a
 * cancel leaves no half-written file.
 * @example const { sheets, skippedCharts } = await writeXlsxFile(report, "ka-report.xlsx");
 */
export async function writeXlsxFile(report: Report, file: string, opts: WriteOptions = {}): Promise<WrittenSheets> {
  const { workbook, written } = buildXlsxWorkbook(report, opts);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await workbook.xlsx.writeFile(tmp);
    if (opts.signal?.aborted) throw problem("cancelled", "writing the workbook was cancelled.");
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot write ${file}: ${(e as Error).message}`, { path: file });
  }
  return written;
}

/** Writes a report to an in-memory .xlsx file. */
export async function writeXlsxBuffer(report: Report, opts: WriteOptions = {}): Promise<{ buffer: Buffer; written: WrittenSheets }> {
  const { workbook, written } = buildXlsxWorkbook(report, opts);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, written };
}

/** The xlsx `ReportWriter`: each `write` creates (or replaces) the file at `file`. */
export class XlsxFileWriter implements ReportWriter {
  constructor(readonly file: string) {}
  write(report: Report, opts?: WriteOptions): Promise<WrittenSheets> {
    return writeXlsxFile(report, this.file, opts);
  }
}

function bad(message: string, where: string): never {
  throw problem("badArgument", message, { path: where });
}

/** Names and shapes checked before anything is built, so a bad report fails with one clear message. */
function validateReport(report: Report): void {
  const sheetNames = new Set<string>();
  const roles = new Set<SheetRole>();
  const names = new Set<string>();
  for (const s of report.sheets) {
    const why = sheetNameProblem(s.name);
    if (why) bad(`sheet name '${s.name}' ${why}.`, s.name);
    if (sheetNames.has(s.name.toLowerCase())) bad(`two sheets are named '${s.name}' (Excel compares names ignoring case).`, s.name);
    sheetNames.add(s.name.toLowerCase());
    if (roles.has(s.role)) bad(`two sheets have the role '${s.role}'.`, s.name);
    roles.add(s.role);
    for (const b of s.blocks) {
      if (b.row < 0 || b.col < 0 || !Number.isInteger(b.row) || !Number.isInteger(b.col)) bad(`a ${b.kind} block on '${s.name}' has an invalid position (${b.row}, ${b.col}).`, s.name);
      if (b.kind !== "table") continue;
      const tw = nameProblem(b.name);
      if (tw) bad(`table name '${b.name}' ${tw}.`, b.name);
      if (names.has(b.name.toLowerCase())) bad(`the table name '${b.name}' is used twice.`, b.name);
      names.add(b.name.toLowerCase());
      if (b.columns.length === 0) bad(`table '${b.name}' has no columns.`, b.name);
      const headers = new Set<string>();
      for (const c of b.columns) {
        if (c.header.trim() === "") bad(`table '${b.name}' has a blank column header.`, b.name);
        if (headers.has(c.header.toLowerCase())) bad(`table '${b.name}' has the column header '${c.header}' twice.`, b.name);
        headers.add(c.header.toLowerCase());
      }
      b.rows.forEach((r, i) => {
        if (r.length > b.columns.length) bad(`row ${i + 1} of table '${b.name}' has ${r.length} cells for ${b.columns.length} columns.`, b.name);
      });
    }
  }
  for (const [name, target] of Object.entries(report.names ?? {})) {
    const why = nameProblem(name);
    if (why) bad(`defined name '${name}' ${why}.`, name);
    if (names.has(name.toLowerCase())) bad(`the name '${name}' is used by a table or defined twice.`, name);
    names.add(name.toLowerCase());
    if (!roles.has(target.sheet)) bad(`defined name '${name}' points at a '${target.sheet}' sheet that the report does not have.`, name);
  }
  checkFormulaNames(report, names);
}

/** Every bare name in every formula must be a defined name or a table of the report (checked once per formula text). */
function checkFormulaNames(report: Report, defined: Set<string>): void {
  const checked = new Set<string>();
  const check = (c: Cell | undefined, sheet: string, row: number, col: number) => {
    if (c === undefined || !isFormulaCell(c) || checked.has(c.formula)) return;
    checked.add(c.formula);
    const unknown = [...new Set(namesInFormula(c.formula).filter((n) => !defined.has(n.toLowerCase())))];
    if (unknown.length > 0) {
      const where = `'${sheet}'!${columnLetters(col)}${row + 1}`;
      bad(`the formula at ${where} uses ${unknown.join(", ")}, which the report does not define (Excel would show #NAME?): ${c.formula}`, where);
    }
  };
  for (const s of report.sheets) {
    for (const b of s.blocks) {
      if (b.kind === "table") b.rows.forEach((r, i) => r.forEach((c, j) => check(c, s.name, b.row + 1 + i, b.col + j)));
      else if (b.kind === "keyValue") b.items.forEach((it, i) => check(it.value, s.name, b.row + (b.title ? 1 : 0) + i, b.col + 1));
      else if (b.kind === "matrix") {
        const top = b.row + (b.title ? 1 : 0) + 1;
        b.cells.forEach((r, i) => r.forEach((c, j) => check(c, s.name, top + i, b.col + 1 + j)));
      }
    }
  }
}

function tablePlaces(report: Report): Map<string, TablePlace> {
  const out = new Map<string, TablePlace>();
  for (const s of report.sheets)
    for (const b of s.blocks)
      if (b.kind === "table") out.set(b.name.toLowerCase(), { name: b.name, sheet: s.name, row: b.row, col: b.col, headers: b.columns.map((c) => c.header), bodyRows: Math.max(1, b.rows.length) });
  return out;
}

function argb(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{6}$/.test(h)) return `FF${h}`;
  if (/^[0-9A-F]{8}$/.test(h)) return h;
  return bad(`colour '${hex}' is not a hex RGB colour like 1F4E79.`, "color");
}

function sheetOptions(spec: SheetSpec): Partial<ExcelJS.AddWorksheetOptions> {
  const opts: Partial<ExcelJS.AddWorksheetOptions> = {};
  if (spec.tabColor) opts.properties = { tabColor: { argb: argb(spec.tabColor) } } as Partial<ExcelJS.WorksheetProperties>;
  const f = spec.freeze;
  if (f && (f.rows > 0 || f.cols > 0)) {
    opts.views = [{ state: "frozen", xSplit: f.cols, ySplit: f.rows, topLeftCell: `${columnLetters(f.cols)}${f.rows + 1}` }];
  }
  return opts;
}

/** Sheet-level widths win; a table column's own width fills columns the sheet leaves unset. */
function applyColumnWidths(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const widths = new Map<number, number>();
  for (const b of spec.blocks) if (b.kind === "table") b.columns.forEach((c, i) => c.width !== undefined && widths.set(b.col + i, c.width));
  (spec.columnWidths ?? []).forEach((w, i) => widths.set(i, w));
  for (const [i, w] of widths) if (w > 0) ws.getColumn(i + 1).width = w;
}

function blockCells(b: Block): number {
  switch (b.kind) {
    case "table":
      return b.columns.length * (1 + Math.max(1, b.rows.length));
    case "keyValue":
      return (b.title ? 1 : 0) + b.items.length * 3;
    case "text":
      return 1;
    case "matrix":
      return (b.title ? 1 : 0) + (1 + b.rowHeaders.length) * (1 + b.columnHeaders.length);
    case "chart":
      return 0;
  }
}

/** A report cell as an exceljs value. `where` names the cell in error messages. */
function excelValue(c: Cell | undefined, where: string): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c === "boolean") return c;
  if (typeof c === "string") return c.length > MAX_CELL_TEXT ? c.slice(0, MAX_CELL_TEXT) : c;
  if (isFormulaCell(c)) {
    const f = c.formula.trim();
    if (f === "" || f.startsWith("=")) bad(`formula at ${where} must be non-empty and have no leading '=': ${c.formula}`, where);
    const v = c.value;
    let result: ExcelJS.CellFormulaValue["result"];
    if (typeof v === "number") result = Number.isFinite(v) ? v : undefined;
    else if (typeof v === "string") result = EXCEL_ERRORS.has(v) ? { error: v as ExcelJS.CellErrorValue["error"] } : v;
    else if (typeof v === "boolean") result = v;
    return result === undefined ? ({ formula: f } as ExcelJS.CellFormulaValue) : { formula: f, result };
  }
  return bad(`cell at ${where} is neither a value nor a formula.`, where);
}

/** Sets a value; text is assigned as a string value, which exceljs stores as a (shared) string, never a formula. */
function put(ws: ExcelJS.Worksheet, row: number, col: number, c: Cell | undefined, numFmt?: string, font?: Partial<ExcelJS.Font>): void {
  const v = excelValue(c, `'${ws.name}'!${columnLetters(col)}${row + 1}`);
  if (v === null && !numFmt && !font) return;
  const cell = ws.getCell(row + 1, col + 1);
  cell.value = v;
  if (numFmt) cell.numFmt = numFmt;
  if (font) cell.font = font;
}

function writeBlock(ws: ExcelJS.Worksheet, spec: SheetSpec, b: Block, tables: Map<string, TablePlace>, checkCancel: () => void, progress: (cells: number) => void): void {
  switch (b.kind) {
    case "text":
      writeText(ws, b);
      break;
    case "keyValue":
      writeKeyValue(ws, b);
      break;
    case "matrix":
      writeMatrix(ws, spec, b, tables);
      break;
    case "table":
      writeTable(ws, spec, b, tables, checkCancel, progress);
      return; // reports its own progress
    case "chart":
      break;
  }
  progress(blockCells(b));
}

function writeText(ws: ExcelJS.Worksheet, b: TextBlock): void {
  put(ws, b.row, b.col, b.text, undefined, b.style ? STYLE[b.style] : undefined);
}

function writeKeyValue(ws: ExcelJS.Worksheet, b: KeyValueBlock): void {
  let r = b.row;
  if (b.title) put(ws, r++, b.col, b.title, undefined, STYLE.heading);
  for (const item of b.items) {
    put(ws, r, b.col, item.label);
    put(ws, r, b.col + 1, item.value, item.numberFormat);
    if (item.note) put(ws, r, b.col + 2, item.note, undefined, STYLE.note);
    r++;
  }
}

function writeMatrix(ws: ExcelJS.Worksheet, spec: SheetSpec, b: MatrixBlock, tables: Map<string, TablePlace>): void {
  let r = b.row;
  if (b.title) put(ws, r++, b.col, b.title, undefined, STYLE.heading);
  b.columnHeaders.forEach((h, j) => put(ws, r, b.col + 1 + j, h, undefined, STYLE.bold));
  const top = r + 1;
  b.rowHeaders.forEach((h, i) => {
    put(ws, top + i, b.col, h, undefined, STYLE.bold);
    const row = b.cells[i] ?? [];
    for (let j = 0; j < b.columnHeaders.length; j++) put(ws, top + i, b.col + 1 + j, row[j] ?? null, b.numberFormat);
  });
  if (b.rowHeaders.length > 0 && b.columnHeaders.length > 0) {
    for (const cf of b.conditionalFormats ?? []) {
      const ref = `${columnLetters(b.col + 1)}${top + 1}:${columnLetters(b.col + b.columnHeaders.length)}${top + b.rowHeaders.length}`;
      addConditionalFormat(ws, ref, cf, { row: top, col: b.col + 1, sheet: spec.name }, tables);
    }
  }
}

function writeTable(ws: ExcelJS.Worksheet, spec: SheetSpec, b: TableBlock, tables: Map<string, TablePlace>, checkCancel: () => void, progress: (cells: number) => void): void {
  const width = b.columns.length;
  const rows: ExcelJS.CellValue[][] = [];
  const CHUNK = 1000;
  for (let i = 0; i < b.rows.length; i++) {
    const src = b.rows[i];
    const row: ExcelJS.CellValue[] = new Array(width);
    for (let j = 0; j < width; j++) row[j] = excelValue(src[j], `'${spec.name}'!${columnLetters(b.col + j)}${b.row + 2 + i} (table ${b.name})`);
    rows.push(row);
    if ((i + 1) % CHUNK === 0) {
      checkCancel();
      progress(CHUNK * width);
    }
  }
  if (rows.length === 0) rows.push(new Array(width).fill(null)); // Excel tables need one body row
  ws.addTable({
    name: b.name,
    ref: `${columnLetters(b.col)}${b.row + 1}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: (b.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: b.columns.map((c) => ({ name: c.header, filterButton: true, style: c.numberFormat ? { numFmt: c.numberFormat } : undefined })),
    rows,
  });
  for (const cf of b.conditionalFormats ?? []) {
    const j = cf.column === undefined ? -1 : b.columns.findIndex((c) => c.header === cf.column);
    if (j < 0) bad(`conditional format on table '${b.name}' names column '${cf.column ?? ""}', which the table does not have.`, b.name);
    const c = columnLetters(b.col + j);
    addConditionalFormat(ws, `${c}${b.row + 2}:${c}${b.row + 1 + rows.length}`, cf, { row: b.row + 1, col: b.col + j, sheet: spec.name }, tables);
  }
  progress(blockCells(b) - Math.floor(b.rows.length / CHUNK) * CHUNK * width);
}

/**
 * One conditional format over `ref`:
 * - colorScale: two colours, white at the minimum to `color` (default 5B9BD5) at the maximum;
 * - dataBar: solid bars from 0 length at the minimum, in `color` (default 5B9BD5);
 * - highlight: fill `color` (default FFC7CE, Excel's light red) where `condition` holds, rewritten to A1 by
 *   `conditionToA1` (structured references and `{cell}` allowed).
 */
function addConditionalFormat(ws: ExcelJS.Worksheet, ref: string, cf: ConditionalFormat, anchor: { row: number; col: number; sheet: string }, tables: Map<string, TablePlace>): void {
  let rule: ExcelJS.ConditionalFormattingRule;
  switch (cf.kind) {
    case "colorScale":
      rule = { type: "colorScale", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: [{ argb: "FFFFFFFF" }, { argb: argb(cf.color ?? "5B9BD5") }] };
      break;
    case "dataBar":
      rule = { type: "dataBar", priority: 1, gradient: false, minLength: 0, maxLength: 100, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: argb(cf.color ?? "5B9BD5") } } as ExcelJS.DataBarRuleType;
      break;
    case "highlight": {
      if (!cf.condition) bad(`a highlight format on '${anchor.sheet}' has no condition.`, anchor.sheet);
      const formula = conditionToA1(cf.condition.replace(/^=/, ""), anchor, tables);
      rule = { type: "expression", priority: 1, formulae: [formula], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.color ?? "FFC7CE") } } } };
      break;
    }
  }
  ws.addConditionalFormatting({ ref, rules: [rule] });
}
