/**
 * Checks a Report before anything is written, so a bad report fails with one clear message instead of a file Excel
 * must repair or a workbook half-written. Pure and shared: the xlsx writer and the Office writer run the same checks.
 */
import { problem } from "../engine/problems";
import { columnLetters } from "../engine/report/refs";
import type { Block, Cell, HeaderFooterParts, OutlineGroup, Report, SheetRole, SheetSpec } from "../engine/report/types";
import { bodyRowCount, isFormulaCell } from "../engine/report/types";
import { ReportRanges } from "./report-ranges";
import { namesInFormula } from "./xlsx/formula-names";
import { englishNumber } from "../engine/i18n/format";

/** Excel's grid (specifications and limits). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

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
export function nameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return "must start with a letter or _ and hold only letters, digits, _ and .";
  if (name.length > 255) return "is longer than 255 characters";
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr]([0-9]*)([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name)) return "looks like a cell reference";
  return undefined;
}

/** Hex RGB colour (`1F4E79`, optionally with `#`); returns the six upper-case digits. */
export function hexColour(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  if (/^[0-9A-F]{6}$/.test(h)) return h;
  if (/^[0-9A-F]{8}$/.test(h)) return h.slice(2);
  return bad(`colour '${hex}' is not a hex RGB colour like 1F4E79.`, "color");
}

/** The rectangle of cells a block writes (a chart writes none: it floats over cells). */
export function blockRect(b: Block): { row: number; col: number; rows: number; cols: number } | undefined {
  switch (b.kind) {
    case "table":
      return { row: b.row, col: b.col, rows: 1 + Math.max(1, bodyRowCount(b)), cols: b.columns.length };
    case "keyValue":
      return { row: b.row, col: b.col, rows: (b.title ? 1 : 0) + b.items.length, cols: b.items.some((i) => i.note) ? 3 : b.items.length > 0 ? 2 : 1 };
    case "text":
      return { row: b.row, col: b.col, rows: 1, cols: Math.max(1, b.mergeCols ?? 1) };
    case "matrix":
      return { row: b.row, col: b.col, rows: (b.title ? 1 : 0) + 1 + b.rowHeaders.length, cols: 1 + b.columnHeaders.length };
    case "chart":
      return undefined;
  }
}

function bad(message: string, where: string): never {
  throw problem("badArgument", message, { path: where });
}

function blockLabel(b: Block): string {
  return b.kind === "table" ? `table '${b.name}'` : b.kind === "chart" ? `chart '${b.title}'` : `a ${b.kind} block`;
}

/** Refuses a rectangle beyond Excel's grid (a report too large for a sheet), naming what and where. */
function checkGrid(sheet: string, what: string, row: number, col: number, rows: number, cols: number): void {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0) bad(`${what} on '${sheet}' has an invalid position (${row}, ${col}).`, sheet);
  if (row + rows > MAX_ROWS) {
    throw problem("outOfRange", `${what} on '${sheet}' needs rows up to ${englishNumber(row + rows)}, beyond Excel's limit of 1,048,576 rows a sheet; it cannot be written as one sheet.`, { path: sheet });
  }
  if (col + cols > MAX_COLS) {
    throw problem("outOfRange", `${what} on '${sheet}' needs columns up to ${englishNumber(col + cols)}, beyond Excel's limit of 16,384 columns.`, { path: sheet });
  }
}

/**
 * Validates a report: names (sheets, tables, defined names), table shapes, positions inside Excel's grid (a table
 * longer than 1,048,576 rows is refused with "outOfRange"), blocks that would overwrite each other, formulas using
 * names the report does not define, and every range a chart, link or drop-down list reads.
 * @throws KaProblem "badArgument" (a report bug or bad name) or "outOfRange" (too large for a sheet)
 */
export function validateReport(report: Report): void {
  const sheetNames = new Set<string>();
  const roles = new Set<SheetRole>();
  const names = new Set<string>();
  if (report.sheets.length === 0) bad("the report has no sheets.", "report");
  if (report.sheets.every((s) => s.hidden)) bad("every sheet of the report is hidden; Excel needs one visible sheet.", "report");
  for (const s of report.sheets) {
    const why = sheetNameProblem(s.name);
    if (why) bad(`sheet name '${s.name}' ${why}.`, s.name);
    if (sheetNames.has(s.name.toLowerCase())) bad(`two sheets are named '${s.name}' (Excel compares names ignoring case).`, s.name);
    sheetNames.add(s.name.toLowerCase());
    if (roles.has(s.role)) bad(`two sheets have the role '${s.role}'.`, s.name);
    roles.add(s.role);
    if (s.tabColor !== undefined) hexColour(s.tabColor);
    for (const b of s.blocks) {
      const rect = blockRect(b);
      if (rect) checkGrid(s.name, blockLabel(b), rect.row, rect.col, rect.rows, rect.cols);
      else if (b.kind === "chart") checkGrid(s.name, blockLabel(b), b.row, b.col, b.heightRows ?? 15, b.widthCols ?? 6);
      if (b.kind !== "table") continue;
      const tw = nameProblem(b.name);
      if (tw) bad(`table name '${b.name}' ${tw}.`, b.name);
      if (names.has(b.name.toLowerCase())) bad(`the table name '${b.name}' is used twice.`, b.name);
      names.add(b.name.toLowerCase());
      if (b.columns.length === 0) bad(`table '${b.name}' has no columns.`, b.name);
      const headers = new Set<string>();
      for (const c of b.columns) {
        if (c.header.trim() === "") bad(`table '${b.name}' has a blank column header.`, b.name);
        if (c.header.length > 255) bad(`table '${b.name}' has a column header longer than 255 characters.`, b.name);
        if (headers.has(c.header.toLowerCase())) bad(`table '${b.name}' has the column header '${c.header}' twice.`, b.name);
        headers.add(c.header.toLowerCase());
      }
      if (b.body) {
        if (b.body.columns.length > b.columns.length) bad(`table '${b.name}' has ${b.body.columns.length} body columns for ${b.columns.length} columns.`, b.name);
        b.body.columns.forEach((c, j) => {
          if (c.values.length !== b.body?.length) bad(`column ${j + 1} of table '${b.name}' has ${c.values.length} values for ${b.body?.length} rows.`, b.name);
        });
      } else
        b.rows.forEach((r, i) => {
          if (r.length > b.columns.length) bad(`row ${i + 1} of table '${b.name}' has ${r.length} cells for ${b.columns.length} columns.`, b.name);
        });
      for (const cf of b.conditionalFormats ?? []) {
        if (cf.column !== undefined && !b.columns.some((c) => c.header === cf.column)) bad(`conditional format on table '${b.name}' names column '${cf.column}', which the table does not have.`, b.name);
      }
    }
    checkOverlaps(s);
  }
  for (const [name, target] of Object.entries(report.names ?? {})) {
    const why = nameProblem(name);
    if (why) bad(`defined name '${name}' ${why}.`, name);
    if (names.has(name.toLowerCase())) bad(`the name '${name}' is used by a table or defined twice.`, name);
    names.add(name.toLowerCase());
    if (!roles.has(target.sheet)) bad(`defined name '${name}' points at a '${target.sheet}' sheet that the report does not have.`, name);
    checkGrid(target.sheet, `defined name '${name}'`, target.row, target.col, target.rows ?? 1, target.cols ?? 1);
  }
  for (const s of report.sheets) {
    for (const b of s.blocks) {
      for (const cf of "conditionalFormats" in b ? (b.conditionalFormats ?? []) : []) {
        if (cf.kind === "highlight" && !cf.condition) bad(`a highlight format on '${s.name}' has no condition.`, s.name);
        if (cf.color !== undefined) hexColour(cf.color);
      }
    }
  }
  checkFormulaNames(report, names);
  checkSheetFeatures(report, roles);
}

/** Two blocks writing the same cell would overwrite each other (a builder bug). */
function checkOverlaps(s: SheetSpec): void {
  const rects = s.blocks.flatMap((b) => {
    const r = blockRect(b);
    return r ? [{ b, ...r }] : [];
  });
  rects.sort((x, y) => x.row - y.row);
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i];
    for (let j = i + 1; j < rects.length && rects[j].row < a.row + a.rows; j++) {
      const c = rects[j];
      if (c.col < a.col + a.cols && a.col < c.col + c.cols) {
        bad(`${blockLabel(a.b)} and ${blockLabel(c.b)} on '${s.name}' overlap at ${columnLetters(Math.max(a.col, c.col))}${c.row + 1}.`, s.name);
      }
    }
  }
}

/** Every bare name in every formula must be a defined name or a table of the report (checked once per formula text). */
function checkFormulaNames(report: Report, defined: Set<string>): void {
  const checked = new Set<string>();
  let last: string | undefined;
  const check = (c: Cell | undefined, sheet: string, row: number, col: number) => {
    if (c === undefined || c === null || typeof c !== "object" || !isFormulaCell(c) || c.formula === last || checked.has(c.formula)) return;
    last = c.formula;
    const f = c.formula.trim();
    const where = `'${sheet}'!${columnLetters(col)}${row + 1}`;
    if (f === "" || f.startsWith("=")) bad(`formula at ${where} must be non-empty and have no leading '=': ${c.formula}`, where);
    checked.add(c.formula);
    const unknown = [...new Set(namesInFormula(c.formula).filter((n) => !defined.has(n.toLowerCase())))];
    if (unknown.length > 0) {
      bad(`the formula at ${where} uses ${unknown.join(", ")}, which the report does not define (Excel would show #NAME?): ${c.formula}`, where);
    }
  };
  for (const s of report.sheets) {
    for (const b of s.blocks) {
      if (b.kind === "table" && b.body) {
        // A body column holds one formula.
        b.body.columns.forEach((c, j) => {
          if (c.formula !== undefined && b.body?.length) check({ formula: c.formula, value: null }, s.name, b.row + 1, b.col + j);
        });
      } else if (b.kind === "table") {
        // Row by row (the rows are arrays: reading down a column would jump between them), each column remembering
        // its last formula: a calculated column repeats one formula, checked once.
        const lastOf: unknown[] = [];
        for (let i = 0; i < b.rows.length; i++) {
          const row = b.rows[i];
          for (let j = 0; j < row.length; j++) {
            const c = row[j];
            if (c === null || typeof c !== "object" || !isFormulaCell(c) || c.formula === lastOf[j]) continue;
            lastOf[j] = c.formula;
            check(c, s.name, b.row + 1 + i, b.col + j);
          }
        }
      }
      else if (b.kind === "keyValue") b.items.forEach((it, i) => check(it.value, s.name, b.row + (b.title ? 1 : 0) + i, b.col + 1));
      else if (b.kind === "matrix") {
        const top = b.row + (b.title ? 1 : 0) + 1;
        b.cells.forEach((r, i) => r.forEach((c, j) => check(c, s.name, top + i, b.col + 1 + j)));
      }
    }
  }
}

function checkGroups(sheet: string, what: string, groups: OutlineGroup[] | undefined, rows: boolean): void {
  // Excel's outline is a level per row/column: groups of one level that touch become one group.
  const byStart = [...(groups ?? [])].sort((x, y) => x.from - y.from);
  for (let i = 0; i < byStart.length; i++) {
    for (let j = i + 1; j < byStart.length; j++) {
      const a = byStart[i];
      const c = byStart[j];
      if ((a.level ?? 1) === (c.level ?? 1) && c.from <= a.to + 1) {
        bad(`${what} groups ${a.from}–${a.to} and ${c.from}–${c.to} on '${sheet}' have the same level and touch, so Excel would make them one group; leave a ${what} between them (where the +/- button goes).`, sheet);
      }
    }
  }
  for (const g of groups ?? []) {
    const level = g.level ?? 1;
    if (!Number.isInteger(level) || level < 1 || level > 7) bad(`${what} group ${g.from}–${g.to} on '${sheet}' has level ${level}; Excel allows 1 to 7.`, sheet);
    if (g.to < g.from) bad(`${what} group on '${sheet}' ends (${g.to}) before it starts (${g.from}).`, sheet);
    if (rows) checkGrid(sheet, `${what} group`, g.from, 0, g.to - g.from + 1, 1);
    else checkGrid(sheet, `${what} group`, 0, g.from, 1, g.to - g.from + 1);
  }
}

/** A header or footer as Excel stores it: `&L…&C…&R…`, fields as codes, `&` doubled. */
export function headerFooterCode(parts: HeaderFooterParts): string {
  const field = (s: string) =>
    s.replace(/&/g, "&&").replace(/\{(sheet|page|pages|date|time|file)\}/g, (_m, f: string) => ({ sheet: "&A", page: "&P", pages: "&N", date: "&D", time: "&T", file: "&F" })[f] as string);
  let out = "";
  if (parts.left) out += `&L${field(parts.left)}`;
  if (parts.center) out += `&C${field(parts.center)}`;
  if (parts.right) out += `&R${field(parts.right)}`;
  return out;
}

function checkSheetFeatures(report: Report, roles: Set<SheetRole>): void {
  const ranges = new ReportRanges(report);
  const resolve = (sheet: string, what: string, f: () => unknown) => {
    try {
      f();
    } catch (e) {
      bad(`${what} on '${sheet}': ${(e as Error).message}.`, sheet);
    }
  };
  for (const s of report.sheets) {
    for (const b of s.blocks) {
      if (b.kind === "chart") {
        resolve(s.name, `chart '${b.title}'`, () => {
          const series = ranges.chartSeries(b);
          if (series.length === 0) throw new Error("it has no series");
          if (b.type === "pie" && series.length !== 1) throw new Error("a pie chart has exactly one series");
          for (const x of series) if (x.spec.style?.color !== undefined) hexColour(x.spec.style.color);
        });
      }
      if (b.kind === "text" && b.link) checkLink(s.name, b.link, roles, report);
      if (b.kind === "keyValue") for (const it of b.items) if (it.link) checkLink(s.name, it.link, roles, report);
    }
    for (const h of s.hyperlinks ?? []) {
      checkGrid(s.name, "a hyperlink", h.row, h.col, 1, 1);
      checkLink(s.name, h.to, roles, report);
    }
    for (const v of s.validations ?? []) {
      checkGrid(s.name, "a drop-down list", v.row, v.col, v.rows ?? 1, v.cols ?? 1);
      if (Array.isArray(v.source)) {
        if (v.source.some((x) => x.includes(",") || x.includes('"'))) bad(`a drop-down list on '${s.name}' has a choice with a comma or quote; list it in cells instead.`, s.name);
        if (v.source.join(",").length > 255) bad(`a drop-down list on '${s.name}' is longer than Excel's 255 characters; list the choices in cells instead.`, s.name);
      } else {
        const src = v.source;
        resolve(s.name, "a drop-down list", () => ranges.place(src));
      }
    }
    checkGroups(s.name, "column", s.columnGroups, false);
    checkGroups(s.name, "row", s.rowGroups, true);
    for (const h of s.hiddenColumns ?? []) checkGrid(s.name, "hidden columns", 0, h.from, 1, h.to - h.from + 1);
    for (const h of s.hiddenRows ?? []) checkGrid(s.name, "hidden rows", h.from, 0, h.to - h.from + 1, 1);
    for (const h of s.rowHeights ?? []) {
      checkGrid(s.name, "a row height", h.row, 0, 1, 1);
      if (!(h.height > 0 && h.height <= 409)) bad(`row ${h.row + 1} on '${s.name}' has height ${h.height}; Excel allows up to 409 points.`, s.name);
    }
    const ps = s.pageSetup;
    if (ps) {
      for (const k of ["fitToWidth", "fitToHeight"] as const) {
        const v = ps[k];
        if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 32767)) bad(`${k} on '${s.name}' must be a whole number of pages (0 = as many as needed).`, s.name);
      }
      if (ps.printArea) checkGrid(s.name, "the print area", ps.printArea.row, ps.printArea.col, ps.printArea.rows, ps.printArea.cols);
      if (ps.titleRows) checkGrid(s.name, "print title rows", ps.titleRows.from, 0, ps.titleRows.to - ps.titleRows.from + 1, 1);
      if (ps.titleCols) checkGrid(s.name, "print title columns", 0, ps.titleCols.from, 1, ps.titleCols.to - ps.titleCols.from + 1);
    }
    for (const part of [s.headerFooter?.header, s.headerFooter?.footer]) {
      if (part && headerFooterCode(part).length > 255) bad(`a page header or footer on '${s.name}' is longer than Excel's 255 characters.`, s.name);
    }
  }
}

function checkLink(sheet: string, to: { sheet: SheetRole; row?: number; col?: number } | { name: string }, roles: Set<SheetRole>, report: Report): void {
  if ("name" in to) {
    const known = report.names?.[to.name] !== undefined || report.sheets.some((s) => s.blocks.some((b) => b.kind === "table" && b.name.toLowerCase() === to.name.toLowerCase()));
    if (!known) bad(`a link on '${sheet}' goes to '${to.name}', which the report does not define.`, sheet);
    return;
  }
  if (!roles.has(to.sheet)) bad(`a link on '${sheet}' goes to a '${to.sheet}' sheet that the report does not have.`, sheet);
  checkGrid(sheet, "a link target", to.row ?? 0, to.col ?? 0, 1, 1);
}
