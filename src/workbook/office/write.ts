/**
 * Writing a Report into Excel through Office.js: sheets, cells (values and native formulas through
 * `Range.formulas`, English names, never `formulasLocal`), number formats, Excel tables, conditional formats,
 * native charts and defined names.
 *
 * Safety: every tab is first written under a temporary hidden name (./plan.ts); the add-in's previous tabs are
 * deleted and the new ones renamed into place only in the last sync (the commit). A cancel or an error before the
 * commit deletes the temporary tabs and leaves the workbook as it was.
 *
 * Speed: operations are queued until about 4 MB of payload is waiting (Excel on the web takes 5 MB a request),
 * then synced; calculation is suspended for each of those syncs and screen updating once, and each new tab is
 * calculated once at the commit.
 */
import { problem } from "../../engine/problems";
import type { ChartAxis, ChartType, OutlineGroup, RangeRef, Report } from "../../engine/report/types";
import { ReportRanges } from "../report-ranges";
import type { PlacedSeries } from "../report-ranges";
import { headerFooterCode, hexColour, validateReport } from "../validate-report";
import type { ProgressOptions, WrittenSheet } from "../port";
import { supportsExcelApi } from "./requirements";
import { a1, formulaInput, layoutSheet } from "./layout";
import { conditionToA1 } from "../conditions";
import type { TablePlace } from "../conditions";
import type { ConditionalPlacement, SheetLayout, StyleRect } from "./layout";
import type { Place } from "../report-ranges";
import { newRunTag, OWNED_NAME_PREFIX, ownedSheets, planWrite, quotedSheet, sameSheetName, sheetOfReference } from "./plan";
import type { Role, WritePlan } from "./plan";

export interface WriteLimits {
  /** Payload queued before a sync (Excel on the web: 5 MB a request); default 4 MB. */
  syncBytes: number;
  /** Largest single `formulas` write; default 1 MB. */
  rectBytes: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = { syncBytes: 4_000_000, rectBytes: 1_000_000 };

/** Rough payload of an operation that carries no cell data (a format, a table, a name). */
const OP_BYTES = 200;

const CHART_TYPES: Record<ChartType, Excel.ChartType | string> = {
  line: "Line",
  scatter: "XYScatter",
  scatterLines: "XYScatterLinesNoMarkers",
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  barClustered: "BarClustered",
  barStacked: "BarStacked",
  pie: "Pie",
};

/** Queues operations and syncs when the payload would pass the budget. Counts syncs. */
class Batcher {
  bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limits: WriteLimits,
    private readonly signal: AbortSignal | undefined,
  ) {
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
  }
  /** Call before queueing an operation of `bytes`: syncs first when the batch would grow past the budget. */
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.limits.syncBytes) await this.flush();
    this.bytes += bytes;
  }
  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
    if (this.signal?.aborted) throw problem("cancelled", "Writing the tabs was cancelled; the workbook is as it was.");
    this.context.application.suspendApiCalculationUntilNextSync();
  }
}

/** Column width in points for a width in characters (Calibri 11: 7 px a character plus 5 px padding, 0.75 pt/px). */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Rows of a rectangle split into pieces of at most `maxBytes` of JSON each. */
function pieces(cells: (string | number | boolean)[][], maxBytes: number): { start: number; rows: number; bytes: number }[] {
  const out: { start: number; rows: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < cells.length; i++) {
    const b = JSON.stringify(cells[i]).length + 1;
    if (i > start && bytes + b > maxBytes) {
      out.push({ start, rows: i - start, bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (cells.length > start) out.push({ start, rows: cells.length - start, bytes });
  return out;
}

function applyStyle(range: Excel.Range, s: StyleRect["style"]): void {
  const font = range.format.font;
  switch (s) {
    case "title":
      font.bold = true;
      font.size = 14;
      font.color = "#1F4E79";
      break;
    case "heading":
      font.bold = true;
      font.size = 12;
      font.color = "#1F4E79";
      break;
    case "note":
      font.italic = true;
      font.color = "#595959";
      break;
    case "matrixHeader":
      font.bold = true;
      range.format.fill.color = "#F2F2F2";
      break;
    case "link":
      font.underline = "Single";
      font.color = "#0563C1";
      break;
    case "wrap":
      range.format.wrapText = true;
      range.format.verticalAlignment = "Top";
      break;
  }
}

function applyConditional(range: Excel.Range, c: ConditionalPlacement, sheet: string, places: Map<string, TablePlace>): void {
  const color = c.format.color ? `#${c.format.color}` : undefined;
  switch (c.format.kind) {
    case "dataBar": {
      const cf = range.conditionalFormats.add("DataBar");
      cf.dataBar.positiveFormat.fillColor = color ?? "#5B9BD5";
      break;
    }
    case "colorScale": {
      const cf = range.conditionalFormats.add("ColorScale");
      cf.colorScale.criteria = {
        minimum: { formula: null as unknown as string, type: "LowestValue", color: "#FFFFFF" },
        maximum: { formula: null as unknown as string, type: "HighestValue", color: color ?? "#5B9BD5" },
      };
      break;
    }
    case "highlight": {
      if (!c.format.condition) break;
      const cf = range.conditionalFormats.add("Custom");
      // Excel refuses structured references in conditional formats: rewritten to A1 against the tables' places.
      cf.custom.rule.formula = `=${conditionToA1(c.format.condition, { row: c.row, col: c.col, sheet }, places)}`;
      cf.custom.format.fill.color = color ?? "#FFC7CE";
      break;
    }
  }
}

/**
 * Queues a tab's Excel tables: header row, then the table over header + body. Done for every tab before any cell
 * content, because Excel rejects a formula whose structured reference names a table that does not exist yet
 * (unlike a defined name, which may come later).
 */
async function writeTables(ws: Excel.Worksheet, layout: SheetLayout, temp: Record<string, string>, b: Batcher): Promise<void> {
  for (const t of layout.tables) {
    const header = t.columns.map((c) => formulaInput(c.header));
    await b.reserve(OP_BYTES + JSON.stringify(header).length);
    ws.getRange(a1(t.row, t.col, 1, t.columns.length)).formulas = [header];
    const table = ws.tables.add(ws.getRange(a1(t.row, t.col, 1 + t.bodyRows, t.columns.length)), true);
    table.name = temp[t.name] ?? t.name;
    if (t.style) table.style = t.style;
  }
}

/**
 * Columns of a rectangle whose body (every row after the first) is one and the same formula: a table column of
 * `[#This Row]` formulas. Such a column is written as one formula for the whole range (a single value applies to
 * every cell, as documented for Range.formulas) instead of 10,000 copies of a long formula.
 */
function uniformFormulaColumns(cells: (string | number | boolean)[][], minRows = 3): Set<number> {
  const out = new Set<number>();
  if (cells.length < minRows) return out;
  const width = cells[0].length;
  for (let j = 0; j < width; j++) {
    const f = cells[1][j];
    if (typeof f !== "string" || !f.startsWith("=")) continue;
    let same = true;
    for (let i = 2; i < cells.length && same; i++) same = cells[i][j] === f;
    if (same) out.add(j);
  }
  return out;
}

/** Writes rows [from, to) × columns [c0, c1) of `inputs` in pieces of at most `rectBytes`. */
async function writeBlock(ws: Excel.Worksheet, row: number, col: number, inputs: (string | number | boolean)[][], from: number, to: number, c0: number, c1: number, b: Batcher, limits: WriteLimits): Promise<void> {
  const part = c0 === 0 && c1 === inputs[0]?.length ? inputs.slice(from, to) : inputs.slice(from, to).map((r) => r.slice(c0, c1));
  for (const p of pieces(part, limits.rectBytes)) {
    await b.reserve(p.bytes);
    ws.getRange(a1(row + from + p.start, col + c0, p.rows, c1 - c0)).formulas = part.slice(p.start, p.start + p.rows);
  }
}

/** Queues one tab's content on `ws` (its tables exist already). */
async function writeLayout(ws: Excel.Worksheet, sheetName: string, layout: SheetLayout, spec: Report["sheets"][number], temp: Record<string, string>, places: Map<string, TablePlace>, b: Batcher, limits: WriteLimits): Promise<void> {
  for (const rect of layout.rects) {
    const width = rect.cells.reduce((m, r) => Math.max(m, r.length), 0);
    const inputs = rect.cells.map((r) => {
      const row = r.map((cell) => formulaInput(cell, temp));
      while (row.length < width) row.push("");
      return row;
    });
    const uniform = uniformFormulaColumns(inputs);
    if (uniform.size === 0) {
      await writeBlock(ws, rect.row, rect.col, inputs, 0, inputs.length, 0, width, b, limits);
      continue;
    }
    await writeBlock(ws, rect.row, rect.col, inputs, 0, 1, 0, width, b, limits);
    for (let c0 = 0; c0 < width; ) {
      if (uniform.has(c0)) {
        const f = inputs[1][c0] as string;
        await b.reserve(OP_BYTES + f.length);
        (ws.getRange(a1(rect.row + 1, rect.col + c0, inputs.length - 1, 1)) as unknown as { formulas: string }).formulas = f;
        c0++;
        continue;
      }
      let c1 = c0 + 1;
      while (c1 < width && !uniform.has(c1)) c1++;
      await writeBlock(ws, rect.row, rect.col, inputs, 1, inputs.length, c0, c1, b, limits);
      c0 = c1;
    }
  }
  for (const f of layout.formats) {
    await b.reserve(OP_BYTES);
    // A single value applies to every cell of the range (documented for Range.numberFormat); no per-cell array.
    (ws.getRange(a1(f.row, f.col, f.rows, f.cols)) as unknown as { numberFormat: string }).numberFormat = f.numberFormat;
  }
  for (const s of layout.styles) {
    await b.reserve(OP_BYTES);
    applyStyle(ws.getRange(a1(s.row, s.col, s.rows, s.cols)), s.style);
  }
  for (const c of layout.conditional) {
    await b.reserve(OP_BYTES);
    applyConditional(ws.getRange(a1(c.row, c.col, c.rows, c.cols)), c, sheetName, places);
  }
  for (let j = 0; j < layout.widths.length; j++) {
    const w = layout.widths[j];
    if (w === undefined) continue;
    await b.reserve(OP_BYTES);
    ws.getRange(a1(0, j)).format.columnWidth = widthInPoints(w);
  }
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.cols > 0)) {
    await b.reserve(OP_BYTES);
    if (spec.freeze.cols === 0) ws.freezePanes.freezeRows(spec.freeze.rows);
    else if (spec.freeze.rows === 0) ws.freezePanes.freezeColumns(spec.freeze.cols);
    else ws.freezePanes.freezeAt(ws.getRange(a1(0, 0, spec.freeze.rows, spec.freeze.cols)));
  }
  if (spec.tabColor) ws.tabColor = `#${hexColour(spec.tabColor)}`;
  for (const m of layout.merges) {
    await b.reserve(OP_BYTES);
    ws.getRange(a1(m.row, m.col, m.rows, m.cols)).merge(false);
  }
  await writeSheetSetup(ws, spec, b);
}

/** Points per inch (page margins are given in inches, Office.js takes points). */
const POINTS = 72;
const PAPER: Record<string, Excel.PaperType> = { A4: "A4" as Excel.PaperType, A3: "A3" as Excel.PaperType, letter: "Letter" as Excel.PaperType, legal: "Legal" as Excel.PaperType };

/** Gridlines, row heights, hidden rows/columns, outline groups, page setup, print titles and header/footer. */
async function writeSheetSetup(ws: Excel.Worksheet, spec: Report["sheets"][number], b: Batcher): Promise<void> {
  if (spec.showGridLines === false) ws.showGridlines = false;
  for (const h of spec.rowHeights ?? []) {
    await b.reserve(OP_BYTES);
    ws.getRange(a1(h.row, 0)).format.rowHeight = h.height;
  }
  // Outline groups, outer levels first: grouping a range again nests it one level deeper, as in Excel's UI.
  // Range.group is ExcelApi 1.10, newer than the manifest's set: an older Excel writes the tab without outlines.
  const groups = (list: OutlineGroup[] | undefined) => [...(list ?? [])].sort((x, y) => (x.level ?? 1) - (y.level ?? 1));
  if (supportsExcelApi("1.10")) {
    for (const g of groups(spec.columnGroups)) {
      await b.reserve(OP_BYTES);
      const r = ws.getRange(a1(0, g.from, 1, g.to - g.from + 1)).getEntireColumn();
      r.group("ByColumns");
      if (g.collapsed) r.hideGroupDetails("ByColumns");
    }
    for (const g of groups(spec.rowGroups)) {
      await b.reserve(OP_BYTES);
      const r = ws.getRange(a1(g.from, 0, g.to - g.from + 1, 1)).getEntireRow();
      r.group("ByRows");
      if (g.collapsed) r.hideGroupDetails("ByRows");
    }
  }
  for (const h of spec.hiddenColumns ?? []) {
    await b.reserve(OP_BYTES);
    ws.getRange(a1(0, h.from, 1, h.to - h.from + 1)).columnHidden = true;
  }
  for (const h of spec.hiddenRows ?? []) {
    await b.reserve(OP_BYTES);
    ws.getRange(a1(h.from, 0, h.to - h.from + 1, 1)).rowHidden = true;
  }
  const ps = spec.pageSetup;
  if (ps) {
    await b.reserve(OP_BYTES * 4);
    const pl = ws.pageLayout;
    if (ps.orientation) pl.orientation = ps.orientation === "landscape" ? "Landscape" : "Portrait";
    if (ps.paperSize) pl.paperSize = PAPER[ps.paperSize];
    if (ps.fitToWidth !== undefined || ps.fitToHeight !== undefined) pl.zoom = { horizontalFitToPages: ps.fitToWidth ?? 1, verticalFitToPages: ps.fitToHeight ?? 0 };
    const m = ps.margins;
    if (m?.left !== undefined) pl.leftMargin = m.left * POINTS;
    if (m?.right !== undefined) pl.rightMargin = m.right * POINTS;
    if (m?.top !== undefined) pl.topMargin = m.top * POINTS;
    if (m?.bottom !== undefined) pl.bottomMargin = m.bottom * POINTS;
    if (m?.header !== undefined) pl.headerMargin = m.header * POINTS;
    if (m?.footer !== undefined) pl.footerMargin = m.footer * POINTS;
    if (ps.centerHorizontally) pl.centerHorizontally = true;
    if (ps.printArea) pl.setPrintArea(ws.getRange(a1(ps.printArea.row, ps.printArea.col, ps.printArea.rows, ps.printArea.cols)));
    if (ps.titleRows) pl.setPrintTitleRows(ws.getRange(a1(ps.titleRows.from, 0, ps.titleRows.to - ps.titleRows.from + 1, 1)).getEntireRow());
    if (ps.titleCols) pl.setPrintTitleColumns(ws.getRange(a1(0, ps.titleCols.from, 1, ps.titleCols.to - ps.titleCols.from + 1)).getEntireColumn());
  }
  const hf = spec.headerFooter;
  if (hf && (hf.header || hf.footer)) {
    await b.reserve(OP_BYTES * 2);
    const page = ws.pageLayout.headersFooters.defaultForAllPages;
    const code = (text: string | undefined) => (text ? headerFooterCode({ center: text }).slice(2) : "");
    if (hf.header?.left) page.leftHeader = code(hf.header.left);
    if (hf.header?.center) page.centerHeader = code(hf.header.center);
    if (hf.header?.right) page.rightHeader = code(hf.header.right);
    if (hf.footer?.left) page.leftFooter = code(hf.footer.left);
    if (hf.footer?.center) page.centerFooter = code(hf.footer.center);
    if (hf.footer?.right) page.rightFooter = code(hf.footer.right);
  }
}

/**
 * Links and drop-down lists name sheets in text that Excel does not rewrite when a sheet is renamed, so they are
 * set at the commit, under the final names.
 */
function writeLinksAndLists(ws: Excel.Worksheet, layout: SheetLayout, spec: Report["sheets"][number], finalOf: (role: Role) => string, rangeA1: (ref: RangeRef) => string): void {
  for (const l of layout.links) {
    const to = "name" in l.to ? l.to.name : `${quotedSheet(finalOf(l.to.sheet))}!${a1(l.to.row ?? 0, l.to.col ?? 0)}`;
    const link: Excel.RangeHyperlink = { documentReference: to, textToDisplay: l.text };
    if (l.tooltip) link.screenTip = l.tooltip;
    ws.getRange(a1(l.row, l.col)).hyperlink = link;
  }
  for (const v of spec.validations ?? []) {
    const dv = ws.getRange(a1(v.row, v.col, v.rows ?? 1, v.cols ?? 1)).dataValidation;
    const source = Array.isArray(v.source) ? v.source.join(",") : `=${rangeA1(v.source)}`;
    dv.rule = { list: { inCellDropDown: true, source } };
    dv.ignoreBlanks = v.allowBlank !== false;
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title ?? "", message: v.prompt.text };
    dv.errorAlert = { showAlert: true, style: "Stop", title: "", message: v.error ?? "" };
  }
}

const LINE_STYLE: Record<string, Excel.ChartLineStyle> = { solid: "Continuous" as Excel.ChartLineStyle, dash: "Dash" as Excel.ChartLineStyle, dot: "RoundDot" as Excel.ChartLineStyle };
const LEGEND: Record<string, Excel.ChartLegendPosition> = { right: "Right" as Excel.ChartLegendPosition, bottom: "Bottom" as Excel.ChartLegendPosition, top: "Top" as Excel.ChartLegendPosition };

function applyAxis(axis: Excel.ChartAxis, spec: ChartAxis | undefined, gridDefault: boolean | undefined): void {
  if (spec?.title) axis.title.text = spec.title;
  if (spec?.numberFormat) axis.numberFormat = spec.numberFormat;
  if (spec?.min !== undefined) axis.minimum = spec.min;
  if (spec?.max !== undefined) axis.maximum = spec.max;
  const grid = spec?.gridlines ?? gridDefault;
  if (grid !== undefined) axis.majorGridlines.visible = grid;
}

function applySeries(series: Excel.ChartSeries, s: PlacedSeries, base: ChartType): void {
  const spec = s.spec;
  if (spec.type) series.chartType = spec.type === "line" ? "Line" : "ColumnClustered";
  if (spec.secondaryAxis && base !== "pie") series.axisGroup = "Secondary";
  const kind = spec.type ?? (base === "line" ? "line" : base.startsWith("scatter") ? "scatter" : base === "pie" ? "pie" : "column");
  const color = spec.style?.color ? `#${hexColour(spec.style.color)}` : undefined;
  if (kind === "line" || kind === "scatter") {
    if (color) series.format.line.color = color;
    if (spec.style?.dash) series.format.line.lineStyle = LINE_STYLE[spec.style.dash];
    if (spec.style?.width) series.format.line.weight = spec.style.width;
    const markers = spec.style?.markers ?? base === "scatter";
    series.markerStyle = markers ? "Circle" : "None";
  } else if (color && kind !== "pie") series.format.fill.setSolidColor(color);
  if (spec.dataLabels) {
    series.hasDataLabels = true;
    series.dataLabels.showValue = true;
    if (spec.dataLabels.numberFormat) series.dataLabels.numberFormat = spec.dataLabels.numberFormat;
  }
}

/** Queues the charts of one tab (after every tab exists: a chart may plot a table of another tab). */
async function writeCharts(ws: Excel.Worksheet, layout: SheetLayout, sheetOf: (role: Role) => Excel.Worksheet | undefined, b: Batcher): Promise<void> {
  for (const c of layout.charts) {
    const [first, ...rest] = c.series;
    const firstSheet = first && sheetOf(first.values.role);
    if (!first || !firstSheet) continue;
    await b.reserve(OP_BYTES * (4 + 3 * c.series.length));
    const range = (p: Place) => sheetOf(p.role)?.getRange(a1(p.row, p.col, p.rows, p.cols));
    const block = c.block;
    const chart = ws.charts.add(CHART_TYPES[block.type] as Excel.ChartType, range(first.values) as Excel.Range, "Columns");
    chart.title.text = block.title;
    // Hidden helper columns (a threshold line) and collapsed groups still plot: the chart follows the data, not the view.
    chart.plotVisibleOnly = false;
    chart.setPosition(a1(block.row, block.col), a1(block.row + (block.heightRows ?? 15) - 1, block.col + (block.widthCols ?? 6) - 1));
    const s0 = chart.series.getItemAt(0);
    s0.name = first.spec.name;
    const cat0 = first.categories && range(first.categories);
    if (cat0) s0.setXAxisValues(cat0);
    applySeries(s0, first, block.type);
    rest.forEach((s) => {
      const values = range(s.values);
      if (!values) return;
      const series = chart.series.add(s.spec.name);
      series.setValues(values);
      const cat = s.categories && range(s.categories);
      if (cat) series.setXAxisValues(cat);
      applySeries(series, s, block.type);
    });
    const legend = block.legend ?? (block.type === "pie" ? "right" : c.series.length > 1 ? "bottom" : "none");
    chart.legend.visible = legend !== "none";
    if (legend !== "none") chart.legend.position = LEGEND[legend];
    if (block.type !== "pie") {
      const horizontal = block.type === "barClustered" || block.type === "barStacked";
      // Bar charts list categories bottom-up; reversed, rank 1 is on top as in the table, with the values below.
      const reverse = block.categoryAxis?.reverse ?? horizontal;
      const cat = chart.axes.categoryAxis;
      if (reverse) {
        cat.reversePlotOrder = true;
        cat.position = "Maximum";
      }
      applyAxis(cat, block.categoryAxis, undefined);
      applyAxis(chart.axes.valueAxis, block.valueAxis, undefined);
      if (c.series.some((s) => s.spec.secondaryAxis)) applyAxis(chart.axes.getItem("Value", "Secondary"), block.secondaryValueAxis, false);
    }
  }
}

/** The workbook as the plan needs it (one sync). */
async function loadState(context: Excel.RequestContext) {
  const sheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name,items/formula");
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  await context.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const nameList = names.items.map((n) => ({ name: n.name, formula: String(n.formula) }));
  return {
    sheetNames,
    nameList,
    state: { sheets: sheetNames, owned: ownedSheets(nameList, sheetNames), tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })) },
  };
}

/** Deletes the temporary tabs of this run that exist (after a cancel or an error). */
async function removeTemporary(context: Excel.RequestContext, plan: WritePlan): Promise<void> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const temp = new Set(plan.sheets.map((s) => s.tempName.toUpperCase()));
  let any = false;
  for (const s of sheets.items) {
    if (temp.has(s.name.toUpperCase())) {
      s.delete();
      any = true;
    }
  }
  if (any) await context.sync();
}

export interface WriteResult {
  written: WrittenSheet[];
  /** `context.sync()` calls made. */
  syncs: number;
}

/** Writes a report into the workbook of `context`; see the file comment for the safety and speed rules. */
export async function writeReport(context: Excel.RequestContext, report: Report, opts: ProgressOptions = {}, limits: WriteLimits = DEFAULT_WRITE_LIMITS, tag: string = newRunTag()): Promise<WriteResult> {
  validateReport(report);
  const ranges = new ReportRanges(report);
  const { state, nameList } = await loadState(context);
  let syncs = 1;
  const plan = planWrite(report, state, tag);
  const temp = Object.fromEntries(Object.entries(plan.tables).map(([k, v]) => [k, v.temp]));
  const b = new Batcher(context, limits, opts.signal);
  const sheetsByRole = new Map<Role, Excel.Worksheet>();
  const layouts: [Role, SheetLayout][] = [];
  try {
    for (const name of plan.leftovers) context.workbook.worksheets.getItem(name).delete();
    for (const sp of plan.sheets) {
      await b.reserve(OP_BYTES);
      const ws = context.workbook.worksheets.add(sp.tempName);
      ws.visibility = "Hidden";
      sheetsByRole.set(sp.spec.role, ws);
      const layout = layoutSheet(sp.spec, report, ranges);
      layouts.push([sp.spec.role, layout]);
      await writeTables(ws, layout, temp, b);
    }
    // Where each table sits (under the sheet's temporary name; Excel follows the rename at commit).
    const places = new Map<string, TablePlace>();
    plan.sheets.forEach((sp, i) => {
      for (const t of layouts[i][1].tables) places.set(t.name.toLowerCase(), { name: t.name, sheet: sp.tempName, row: t.row, col: t.col, headers: t.columns.map((c) => c.header), bodyRows: t.bodyRows });
    });
    for (const [i, sp] of plan.sheets.entries()) {
      opts.onProgress?.(i, plan.sheets.length + 1, sp.finalName);
      await writeLayout(sheetsByRole.get(sp.spec.role) as Excel.Worksheet, sp.tempName, layouts[i][1], sp.spec, temp, places, b, limits);
    }
    opts.onProgress?.(plan.sheets.length, plan.sheets.length + 1, "charts");
    for (const [role, layout] of layouts) await writeCharts(sheetsByRole.get(role) as Excel.Worksheet, layout, (r) => sheetsByRole.get(r), b);
    await b.flush();
  } catch (e) {
    try {
      await removeTemporary(context, plan);
    } catch {
      // The workbook is unreachable; the next run removes leftovers (KA~tag~n) before writing.
    }
    throw e;
  }
  syncs += b.syncs;

  // Commit: one sync swaps the new tabs in.
  context.application.suspendScreenUpdatingUntilNextSync();
  for (const name of plan.remove) context.workbook.worksheets.getItem(name).delete();
  const written: WrittenSheet[] = [];
  for (const sp of plan.sheets) {
    const ws = sheetsByRole.get(sp.spec.role) as Excel.Worksheet;
    ws.name = sp.finalName;
    ws.visibility = sp.spec.hidden ? "Hidden" : "Visible";
    written.push({ role: sp.spec.role, name: sp.finalName });
  }
  const finalOf = (role: Role) => (plan.sheets.find((sp) => sp.spec.role === role) as WritePlan["sheets"][number]).finalName;
  const rangeA1 = (ref: RangeRef) => {
    const p = ranges.place(ref);
    return `${quotedSheet(finalOf(p.role))}!${a1abs(p.row, p.col)}${p.rows > 1 || p.cols > 1 ? `:${a1abs(p.row + p.rows - 1, p.col + p.cols - 1)}` : ""}`;
  };
  plan.sheets.forEach((sp, i) => writeLinksAndLists(sheetsByRole.get(sp.spec.role) as Excel.Worksheet, layouts[i][1], sp.spec, finalOf, rangeA1));
  for (const { temp: t, final } of Object.values(plan.tables)) context.workbook.tables.getItem(t).name = final;
  const existing = new Map(nameList.map((n) => [n.name.toUpperCase(), n]));
  const setName = (name: string, ws: Excel.Worksheet, finalSheet: string, row: number, col: number, visible: boolean) => {
    const ref = `=${quotedSheet(finalSheet)}!${a1abs(row, col)}`;
    if (existing.has(name.toUpperCase())) {
      const item = context.workbook.names.getItem(name);
      item.formula = ref;
      item.visible = visible;
    } else {
      const item = context.workbook.names.add(name, ws.getRange(a1(row, col)));
      if (!visible) item.visible = false;
    }
  };
  const writtenRoles = new Set(written.map((w) => w.role));
  for (const n of nameList) {
    if (!n.name.startsWith(OWNED_NAME_PREFIX)) continue;
    if (!writtenRoles.has(n.name.slice(OWNED_NAME_PREFIX.length) as Role)) context.workbook.names.getItem(n.name).delete();
  }
  for (const w of written) setName(`${OWNED_NAME_PREFIX}${w.role}`, sheetsByRole.get(w.role) as Excel.Worksheet, w.name, 0, 0, false);
  for (const n of nameList) {
    const target = sheetOfReference(n.formula);
    const stale = n.name.startsWith("KA_") && !n.name.startsWith(OWNED_NAME_PREFIX) && !(report.names && n.name in report.names);
    if (stale && target !== undefined && plan.remove.some((r) => sameSheetName(r, target))) context.workbook.names.getItem(n.name).delete();
  }
  for (const [name, ref] of Object.entries(report.names ?? {})) {
    const w = written.find((x) => x.role === ref.sheet);
    if (w) setName(name, sheetsByRole.get(w.role) as Excel.Worksheet, w.name, ref.row, ref.col, true);
  }
  for (const ws of sheetsByRole.values()) ws.calculate(true);
  sheetsByRole.get((written.find((w) => !report.sheets.find((s) => s.role === w.role)?.hidden) ?? written[0])?.role)?.activate();
  await context.sync();
  syncs++;
  opts.onProgress?.(plan.sheets.length + 1, plan.sheets.length + 1, "");
  return { written, syncs };
}

function a1abs(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}
