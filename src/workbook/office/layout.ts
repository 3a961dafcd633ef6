/**
 * Where every cell of a tab goes: a SheetSpec's blocks flattened into rectangles of cells, number formats, styles,
 * tables, conditional formats and charts, with 0-based positions. Pure (no Office.js): the Office writer sends these
 * rectangles to Excel, the in-memory workbook stores them, so both lay a tab out identically.
 */
import type { Cell, ChartBlock, ConditionalFormat, ColumnSpec, LinkTarget, Report, SheetSpec } from "../../engine/report/types";
import { isFormulaCell } from "../../engine/report/types";
import { columnLetters } from "../../engine/report/refs";
import { renameTables } from "./plan";
import { cellAt, ReportRanges } from "../report-ranges";
import { fitCellText, needsTextGuard } from "../text-guard";

export { needsTextGuard };
import type { PlacedSeries } from "../report-ranges";

/** A rectangle of cells written in one go (values and formulas mixed), top-left at (row, col). */
export interface CellRect {
  row: number;
  col: number;
  cells: Cell[][];
}

/** A rectangle sharing one number format. */
export interface FormatRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
  numberFormat: string;
}

export type CellStyle = "title" | "heading" | "note" | "matrixHeader" | "link" | "wrap";

export interface StyleRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: CellStyle;
}

export interface TablePlacement {
  name: string;
  /** Header row. */
  row: number;
  col: number;
  /** Body rows (an Excel table needs at least one; an empty table gets one blank row). */
  bodyRows: number;
  columns: ColumnSpec[];
  style?: string;
}

export interface ConditionalPlacement {
  row: number;
  col: number;
  rows: number;
  cols: number;
  format: ConditionalFormat;
}

/** A chart with its series resolved to rectangles (possibly on another tab, by role). */
export interface ChartPlacement {
  block: ChartBlock;
  series: PlacedSeries[];
}

/** An internal link on a cell: where it goes and the text the cell shows. */
export interface LinkPlacement {
  row: number;
  col: number;
  to: LinkTarget;
  text: string;
  tooltip?: string;
}

export interface SheetLayout {
  rects: CellRect[];
  /** Cells merged into one (a finding spanning columns). */
  merges: { row: number; col: number; rows: number; cols: number }[];
  links: LinkPlacement[];
  formats: FormatRect[];
  styles: StyleRect[];
  tables: TablePlacement[];
  conditional: ConditionalPlacement[];
  charts: ChartPlacement[];
  /** Column widths in characters, 0-based from column A (spec widths, then table column widths). */
  widths: (number | undefined)[];
  /** Rows × columns of the written area. */
  rows: number;
  cols: number;
}

/** Lays out one tab; `report` resolves charts over tables on other tabs. */
export function layoutSheet(spec: SheetSpec, report: Report, ranges: ReportRanges = new ReportRanges(report)): SheetLayout {
  const out: SheetLayout = { rects: [], merges: [], links: [], formats: [], styles: [], tables: [], conditional: [], charts: [], widths: [...(spec.columnWidths ?? [])], rows: 0, cols: 0 };
  const grow = (row: number, col: number, rows: number, cols: number) => {
    out.rows = Math.max(out.rows, row + rows);
    out.cols = Math.max(out.cols, col + cols);
  };
  for (const b of spec.blocks) {
    switch (b.kind) {
      case "text": {
        const span = Math.max(1, b.mergeCols ?? 1);
        out.rects.push({ row: b.row, col: b.col, cells: [[b.text]] });
        if (b.style) out.styles.push({ row: b.row, col: b.col, rows: 1, cols: 1, style: b.style });
        if (span > 1) out.merges.push({ row: b.row, col: b.col, rows: 1, cols: span });
        if (b.wrap) out.styles.push({ row: b.row, col: b.col, rows: 1, cols: span, style: "wrap" });
        if (b.link) {
          out.links.push({ row: b.row, col: b.col, to: b.link, text: b.text });
          out.styles.push({ row: b.row, col: b.col, rows: 1, cols: 1, style: "link" });
        }
        grow(b.row, b.col, 1, span);
        break;
      }
      case "keyValue": {
        let r = b.row;
        if (b.title) {
          out.rects.push({ row: r, col: b.col, cells: [[b.title]] });
          out.styles.push({ row: r, col: b.col, rows: 1, cols: 1, style: "heading" });
          r++;
        }
        const hasNotes = b.items.some((i) => i.note);
        const cells = b.items.map((i) => (hasNotes ? [i.label, i.value, i.note ?? ""] : [i.label, i.value]));
        if (cells.length > 0) out.rects.push({ row: r, col: b.col, cells });
        b.items.forEach((item, k) => {
          if (item.numberFormat) out.formats.push({ row: r + k, col: b.col + 1, rows: 1, cols: 1, numberFormat: item.numberFormat });
        });
        if (hasNotes && b.items.length > 0) out.styles.push({ row: r, col: b.col + 2, rows: b.items.length, cols: 1, style: "note" });
        if (b.wrap && b.items.length > 0) out.styles.push({ row: r, col: b.col, rows: b.items.length, cols: 2, style: "wrap" });
        b.items.forEach((item, k) => {
          if (!item.link) return;
          out.links.push({ row: r + k, col: b.col, to: item.link, text: item.label });
          out.styles.push({ row: r + k, col: b.col, rows: 1, cols: 1, style: "link" });
        });
        grow(b.row, b.col, r - b.row + b.items.length, hasNotes ? 3 : 2);
        break;
      }
      case "table": {
        const body = b.rows.length > 0 ? b.rows : [b.columns.map(() => null as Cell)];
        out.rects.push({ row: b.row, col: b.col, cells: [b.columns.map((c) => c.header), ...body] });
        b.columns.forEach((c, j) => {
          if (c.numberFormat) out.formats.push({ row: b.row + 1, col: b.col + j, rows: body.length, cols: 1, numberFormat: c.numberFormat });
          if (c.width !== undefined && out.widths[b.col + j] === undefined) out.widths[b.col + j] = c.width;
        });
        out.tables.push({ name: b.name, row: b.row, col: b.col, bodyRows: body.length, columns: b.columns, style: b.style });
        for (const cf of b.conditionalFormats ?? []) {
          const j = cf.column === undefined ? -1 : b.columns.findIndex((c) => c.header === cf.column);
          if (cf.column !== undefined && j < 0) continue;
          out.conditional.push(
            j < 0
              ? { row: b.row + 1, col: b.col, rows: body.length, cols: b.columns.length, format: cf }
              : { row: b.row + 1, col: b.col + j, rows: body.length, cols: 1, format: cf },
          );
        }
        if (b.wrapHeader) out.styles.push({ row: b.row, col: b.col, rows: 1, cols: b.columns.length, style: "wrap" });
        grow(b.row, b.col, 1 + body.length, b.columns.length);
        break;
      }
      case "matrix": {
        let r = b.row;
        if (b.title) {
          out.rects.push({ row: r, col: b.col, cells: [[b.title]] });
          out.styles.push({ row: r, col: b.col, rows: 1, cols: 1, style: "heading" });
          r++;
        }
        const width = 1 + b.columnHeaders.length;
        out.rects.push({ row: r, col: b.col, cells: [["", ...b.columnHeaders], ...b.rowHeaders.map((h, i) => [h, ...(b.cells[i] ?? [])])] });
        out.styles.push({ row: r, col: b.col, rows: 1, cols: width, style: "matrixHeader" });
        if (b.rowHeaders.length > 0) out.styles.push({ row: r + 1, col: b.col, rows: b.rowHeaders.length, cols: 1, style: "matrixHeader" });
        if (b.numberFormat && b.rowHeaders.length > 0 && b.columnHeaders.length > 0) {
          out.formats.push({ row: r + 1, col: b.col + 1, rows: b.rowHeaders.length, cols: b.columnHeaders.length, numberFormat: b.numberFormat });
        }
        for (const cf of b.conditionalFormats ?? []) {
          if (b.rowHeaders.length > 0 && b.columnHeaders.length > 0) {
            out.conditional.push({ row: r + 1, col: b.col + 1, rows: b.rowHeaders.length, cols: b.columnHeaders.length, format: cf });
          }
        }
        grow(b.row, b.col, r - b.row + 1 + b.rowHeaders.length, width);
        break;
      }
      case "chart":
        out.charts.push(resolveChart(b, ranges));
        break;
    }
  }
  for (const h of spec.hyperlinks ?? []) {
    const shown = cachedValue(cellAt(spec, h.row, h.col).value ?? null);
    out.links.push({ row: h.row, col: h.col, to: h.to, text: shown === null ? "" : String(shown), tooltip: h.tooltip });
    out.styles.push({ row: h.row, col: h.col, rows: 1, cols: 1, style: "link" });
  }
  return out;
}

function resolveChart(block: ChartBlock, ranges: ReportRanges): ChartPlacement {
  return { block, series: ranges.chartSeries(block) };
}

/**
 * The text as written into a cell through `Range.formulas`/`values`: guarded with an apostrophe when needed (Excel
 * stores it as the cell's quote prefix, not as content) and cut to Excel's 32,767 characters.
 */
export function textForCell(text: string): string {
  const t = fitCellText(text);
  return needsTextGuard(t) ? `'${t}` : t;
}

const NO_RENAMES: Record<string, string> = {};
/** Formulas as typed, per table-name mapping (one object per write, never changed after it is made). */
const typedFormulas = new WeakMap<Record<string, string>, Map<string, string>>();

/**
 * A report cell as `Range.formulas` takes it: `=formula` (table names mapped to the names written), numbers and
 * booleans as they are, text guarded, blanks and non-finite numbers as "".
 */
export function formulaInput(cell: Cell, tableNames: Record<string, string> = NO_RENAMES): string | number | boolean {
  if (cell === null || cell === undefined) return "";
  if (isFormulaCell(cell)) {
    // A calculated column repeats one formula in every row (10,000 customers: 250,000 formula cells, ~100 texts).
    let typed = typedFormulas.get(tableNames);
    if (!typed) typedFormulas.set(tableNames, (typed = new Map()));
    let f = typed.get(cell.formula);
    if (f === undefined) {
      f = `=${withoutFilePrefixes(renameTables(cell.formula, tableNames))}`;
      if (typed.size < 10_000) typed.set(cell.formula, f);
    }
    return f;
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "boolean") return cell;
  return textForCell(cell);
}

/**
 * A formula as typed into Excel: without the file format's `_xlfn.`/`_xlws.` prefixes (the report keeps them for
 * .xlsx files; typed through Office.js they would read as unknown functions). String literals are left alone.
 * @example withoutFilePrefixes('_xlfn.XLOOKUP(A1,B:B,C:C,"_xlfn.")') // 'XLOOKUP(A1,B:B,C:C,"_xlfn.")'
 */
export function withoutFilePrefixes(formula: string): string {
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.replace(/_xl(fn|ws)\./gi, "") : part))
    .join('"');
}

/** The value a cell shows without recalculation: a formula's cached value, or the value. */
export function cachedValue(cell: Cell): string | number | boolean | null {
  if (cell === null || cell === undefined) return null;
  if (isFormulaCell(cell)) return cell.value;
  if (typeof cell === "number" && !Number.isFinite(cell)) return null;
  return cell;
}


/** A1 address of a 0-based rectangle (`B3:D10`, or `B3` for one cell). */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const tl = `${columnLetters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? tl : `${tl}:${columnLetters(col + cols - 1)}${row + rows}`;
}

/** 0-based rectangle of an A1 address (`Sheet1!$B$3:$D$10` or `B3`). Whole columns/rows are not accepted. */
export function parseA1(address: string): { sheet?: string; row: number; col: number; rows: number; cols: number } {
  let sheet: string | undefined;
  let ref = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const p = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(x);
    if (!m) throw new Error(`not a cell address: ${address}`);
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const s = p(a);
  const e = p(b);
  return { sheet, row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}
