/**
 * A host-neutral description of the workbook the product writes: sheets of positioned blocks.
 * Built once in the engine (`buildReport`); the Office writer and the xlsx writer both render it,
 * so the task pane and the CLI produce the same tabs, values and native formulas.
 *
 * Cells: a plain string is ALWAYS literal text (a customer called `=HYPERLINK(...)` stays text);
 * a formula is only ever `{ formula, value }`, with English function names and comma separators,
 * no leading `=`, and `_xlfn.` prefixes where Excel's file format needs them.
 */
export type Scalar = number | string | boolean | null;

export interface FormulaCell {
  formula: string;
  /** The engine's value, cached in the file so readers without recalculation see it. */
  value: Scalar;
}

export type Cell = Scalar | FormulaCell;

export function isFormulaCell(c: Cell): c is FormulaCell {
  return typeof c === "object" && c !== null && "formula" in c;
}

/** Excel number formats used across tabs. */
export const NumberFormat = {
  money: "#,##0.00",
  integer: "#,##0",
  decimal: "0.000",
  ratio: "0.0000",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  text: "@",
} as const;

export interface ColumnSpec {
  header: string;
  /** Stable camelCase key: the CLI JSON key for account columns. */
  key?: string;
  numberFormat?: string;
  /** Column width in characters. */
  width?: number;
}

export interface ConditionalFormat {
  /** Which table column (header) or, for matrices, the whole body. */
  column?: string;
  kind: "colorScale" | "dataBar" | "highlight";
  /** For `highlight`: an Excel formula condition relative to the column's first body cell. */
  condition?: string;
  color?: string;
}

/** An Excel table (ListObject): header row, body rows, optional totals via formulas. */
export interface TableBlock {
  kind: "table";
  /** Excel table name, unique in the workbook: letters, digits, underscores (e.g. `KAAccounts`). */
  name: string;
  row: number; // 0-based anchor of the header row
  col: number;
  columns: ColumnSpec[];
  /** Body rows. A block with a `body` makes them from it on first use (`columnarTable`). */
  rows: Cell[][];
  /** The body column by column, for a table too large for a cell object per row and column (KA Accounts). */
  body?: TableBody;
  style?: string; // e.g. "TableStyleMedium2"
  conditionalFormats?: ConditionalFormat[];
  /** Wrap the header cells (a header wider than its column); give the row a height with `SheetSpec.rowHeights`. */
  wrapHeader?: boolean;
}

/**
 * A table body held column by column: at 100,000 customers KA Accounts is ~7.7 M cells, and a cell object each (with
 * the rows holding them) cost the file writer more than writing them did. The file writer reads the columns; other
 * readers use the block's `rows`, made from the columns when first read.
 */
export interface TableBody {
  readonly length: number;
  readonly columns: readonly BodyColumn[];
}

export interface BodyColumn {
  /** The formula of every cell of the column; each caches its row's value, and a blank value is cached as "". */
  readonly formula?: string;
  /** One value per body row: numbers (NaN is blank) or scalars (null is blank). */
  readonly values: Float64Array | readonly Scalar[];
}

/** The cell at body row `i` of a body column. */
export function bodyColumnCell(c: BodyColumn, i: number): Cell {
  const raw = c.values[i];
  const v = raw !== raw ? null : raw; // NaN: blank
  return c.formula === undefined ? v : { formula: c.formula, value: v ?? "" };
}

/**
 * A table block whose rows are its `body`: `rows` is made from the columns the first time it is read (the Office
 * writer, tests), and cannot be replaced, so the two never disagree.
 */
export function columnarTable(block: Omit<TableBlock, "rows" | "body">, body: TableBody): TableBlock {
  let rows: Cell[][] | undefined;
  const made = () => {
    const out: Cell[][] = new Array(body.length);
    for (let i = 0; i < body.length; i++) out[i] = body.columns.map((c) => bodyColumnCell(c, i));
    return out;
  };
  return Object.defineProperty({ ...block, body } as TableBlock, "rows", { enumerable: true, get: () => (rows ??= made()) });
}

/**
 * A copy of a table block with some fields changed. A columnar table stays columnar: spreading it (`{ ...b }`)
 * would read `rows`, making all its rows (at 100,000 customers 0.26 s and ~8 million cells, for nothing).
 */
export function updateTable(b: TableBlock, changes: Partial<Omit<TableBlock, "rows" | "body" | "kind">>): TableBlock {
  if (!b.body) return { ...b, ...changes };
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(b)) if (key !== "rows" && key !== "body") fields[key] = (b as unknown as Record<string, unknown>)[key];
  return columnarTable({ ...(fields as unknown as Omit<TableBlock, "rows" | "body">), ...changes }, b.body);
}

/** Body rows of a table, without making a columnar body's rows. */
export function bodyRowCount(b: TableBlock): number {
  return b.body ? b.body.length : b.rows.length;
}

/** The cell at body row `i`, column `j` of a table (undefined outside the body), without making a columnar body's rows. */
export function bodyCell(b: TableBlock, i: number, j: number): Cell | undefined {
  if (!b.body) return b.rows[i]?.[j];
  const c = b.body.columns[j];
  return c && i >= 0 && i < b.body.length ? bodyColumnCell(c, i) : undefined;
}

/** Label/value pairs (Summary headline figures, About parameters): two or three columns, no table. */
export interface KeyValueBlock {
  kind: "keyValue";
  row: number;
  col: number;
  title?: string;
  /** Labels and values wrap (and so sit at the top of a tall row, level with a wrapped sentence beside them). */
  wrap?: boolean;
  items: {
    label: string;
    value: Cell;
    numberFormat?: string;
    note?: string;
    /** Defined name given to the value cell (`KA_HHI`), for formulas elsewhere. */
    name?: string;
    /** Makes the label an internal link (to the tab or rows behind the figure). */
    link?: LinkTarget;
  }[];
}

/** A heading or a paragraph of text in one cell. */
export interface TextBlock {
  kind: "text";
  row: number;
  col: number;
  text: string;
  style?: "title" | "heading" | "note";
  /** Merge the cell across this many columns (≥ 1) so a sentence (a finding) has room; with `wrap`, it wraps. */
  mergeCols?: number;
  /** Wrap the text inside the cell (give the row a height with `SheetSpec.rowHeights`). */
  wrap?: boolean;
  /**
   * Make the cell an internal link (a finding pointing at the tab and rows behind it). LibreOffice does not wrap a
   * linked cell: for a long wrapped sentence, put the link on a short cell beside it ("details →").
   */
  link?: LinkTarget;
}

/** A plain grid with a header row and a header column (cohort matrix, provision matrix). */
export interface MatrixBlock {
  kind: "matrix";
  row: number;
  col: number;
  title?: string;
  columnHeaders: string[];
  rowHeaders: string[];
  cells: Cell[][];
  numberFormat?: string;
  conditionalFormats?: ConditionalFormat[];
}

/**
 * A range of the report that a chart, a validation list or a link reads: the body of a table column (every data
 * row, header excluded), or a defined name of `Report.names` (one cell or a range). Writers resolve it to the
 * cells' final place, so it follows a colleague's edits of those cells on recalculation.
 */
export type RangeRef = { table: string; column: string } | { name: string };

/** Series drawing: colour as hex RGB (`1F4E79`), line dash, markers; writers pick defaults when absent. */
export interface SeriesStyle {
  color?: string;
  /** Line and scatter series: `dash` for a threshold or reference line. */
  dash?: "solid" | "dash" | "dot";
  /** Line and scatter series: show point markers (default: no markers, except `scatter` charts). */
  markers?: boolean;
  /** Line width in points (default 2.25; 1.5 suits a reference line). */
  width?: number;
}

/**
 * One series of a chart. A threshold drawn across the chart (an HHI band limit) is a series too, over a column whose
 * cells hold the threshold (e.g. `=KA_HHI_High` in every row, in a hidden helper column): it follows an edit of the
 * threshold, which a literal line could not. Give it `style: { dash: "dash" }`.
 */
export interface ChartSeries {
  /** Legend text. */
  name: string;
  values: RangeRef;
  /** Category labels (bar/column/line/pie) or x values (scatter); default: the chart's `categories`. */
  categories?: RangeRef;
  /** Draw this series as another type than the chart's (a combo chart): columns with a line on top. */
  type?: "line" | "column";
  /** Plot on a secondary value axis (right side), e.g. HHI beside revenue. */
  secondaryAxis?: boolean;
  style?: SeriesStyle;
  /** Value labels on the points, in this number format (e.g. `0.0%` on the top-customer bars). */
  dataLabels?: { numberFormat?: string };
}

export interface ChartAxis {
  title?: string;
  /** Number format of the tick labels (`0%`, `#,##0`, `yyyy-mm`); default: the source cells' format. */
  numberFormat?: string;
  min?: number;
  max?: number;
  /**
   * Category axes: reverse the order. Default: bar charts list the first row on top (as the table reads, rank 1 first),
   * other charts left to right.
   */
  reverse?: boolean;
  /** Major gridlines (value axes default to shown, category axes to hidden). */
  gridlines?: boolean;
}

/** Chart types: `scatter` is markers only, `scatterLines` joins points (a Lorenz curve). */
export type ChartType = "line" | "scatter" | "scatterLines" | "columnClustered" | "columnStacked" | "barClustered" | "barStacked" | "pie";

/**
 * A native chart. Series come from `series` (each pointing at a table column or a named range), or — the shorthand
 * — from `table` and `columns`: the first column is the category / x axis, the rest are series.
 * Both writers draw it natively (DrawingML in the file, `Worksheet.charts` through Office.js).
 */
export interface ChartBlock {
  kind: "chart";
  type: ChartType;
  title: string;
  /** Shorthand source: a table name… */
  table?: string;
  /** …and its columns (headers): first the categories / x values, then one series per column. */
  columns?: string[];
  /** Explicit series; when given, `table`/`columns` are not read. */
  series?: ChartSeries[];
  /** Category labels (customer names, periods) or scatter x values shared by the series. */
  categories?: RangeRef;
  /** The category (or scatter x) axis and the value axis; `secondaryValueAxis` for series with `secondaryAxis`. */
  categoryAxis?: ChartAxis;
  valueAxis?: ChartAxis;
  secondaryValueAxis?: ChartAxis;
  /** Legend position; default `bottom` with more than one series, none with one (pie: `right`). */
  legend?: "right" | "bottom" | "top" | "none";
  /** Placement in cells. */
  row: number;
  col: number;
  widthCols?: number;
  heightRows?: number;
}

/** Where an internal link goes: a tab (by role) and optionally a cell on it, or a defined name (`KA_DrillCustomer`). */
export type LinkTarget = { sheet: SheetRole; row?: number; col?: number } | { name: string };

/** A link on a cell written by a block of the same sheet (the cell keeps its value; it is styled as a link). */
export interface Hyperlink {
  row: number;
  col: number;
  to: LinkTarget;
  /** Shown when hovering. */
  tooltip?: string;
}

/**
 * A drop-down list on cells (a customer picker): the choices come from a table column or named range (following it
 * as it changes), or are listed literally (each without commas, all together at most 255 characters).
 */
export interface DataValidationList {
  row: number;
  col: number;
  /** Size of the validated rectangle (default 1 × 1). */
  rows?: number;
  cols?: number;
  source: RangeRef | string[];
  /** An input message shown when the cell is selected. */
  prompt?: { title?: string; text: string };
  /** Refuse values not in the list (default true) with this message. */
  error?: string;
  /** Allow a blank cell (default true). */
  allowBlank?: boolean;
}

/**
 * Print setup of a tab: orientation, paper, scaling to N pages wide (and optionally tall), centred horizontally.
 * `fitToWidth: 1, fitToHeight: 0` is "fit all columns on one page".
 */
export interface PageSetup {
  orientation?: "portrait" | "landscape";
  paperSize?: "A4" | "A3" | "letter" | "legal";
  /** Pages wide; with fitTo*, the sheet is scaled to fit. 0 = as many as needed. */
  fitToWidth?: number;
  /** Pages tall; 0 = as many as needed (default when only fitToWidth is given). */
  fitToHeight?: number;
  /** Margins in inches (Excel's "Normal": 0.7 left/right, 0.75 top/bottom, 0.3 header/footer). */
  margins?: { left?: number; right?: number; top?: number; bottom?: number; header?: number; footer?: number };
  centerHorizontally?: boolean;
  /** Only this rectangle is printed (0-based, inclusive rows/cols counts); default: the used range. */
  printArea?: { row: number; col: number; rows: number; cols: number };
  /** Rows repeated at the top of every printed page (0-based, inclusive), e.g. a table's header row. */
  titleRows?: { from: number; to: number };
  /** Columns repeated at the left of every printed page (0-based, inclusive), e.g. the customer column. */
  titleCols?: { from: number; to: number };
}

/**
 * Page header and footer, each with left, centre and right parts. Text is literal except for these fields, which
 * the printer fills in: `{sheet}` tab name, `{page}` page number, `{pages}` page count, `{date}` print date,
 * `{time}` print time, `{file}` file name. A fixed date such as the as-of date is written as literal text.
 * @example { footer: { left: "{sheet}", center: "As of 2024-06-30", right: "Page {page} of {pages}" } }
 */
export interface HeaderFooter {
  header?: HeaderFooterParts;
  footer?: HeaderFooterParts;
}

export interface HeaderFooterParts {
  left?: string;
  center?: string;
  right?: string;
}

/**
 * An outline group of columns (or rows): 0-based inclusive span at `level` (1–7, default 1). `collapsed` writes the
 * group folded (its columns hidden, the +/- button showing "+"), so model internals can be tucked away by default.
 * Excel keeps one outline level per column, so two groups of the same level must not touch: leave one column between
 * them (the +/- button sits in the column after a group). A group inside another has a higher level.
 */
export interface OutlineGroup {
  from: number;
  to: number;
  level?: number;
  collapsed?: boolean;
}

export type Block = TableBlock | KeyValueBlock | TextBlock | MatrixBlock | ChartBlock;

/**
 * What a sheet is, independent of its (translated, possibly numbered) name. A new tab adds its word here (a
 * lower-camel-case word: it becomes part of a defined name, `KA_Owned_<role>`) and its TabDef to the catalogue.
 */
export type SheetRole = "summary" | "accounts" | "segments" | "aging" | "cohorts" | "alerts" | "forecast" | "trends" | "stress" | "groups" | "drill" | "rows" | "about";

export interface SheetSpec {
  name: string;
  /** What the sheet is, independent of its (possibly renamed) name. */
  role: SheetRole;
  blocks: Block[];
  /** Width per column (characters), 0-based from column A. */
  columnWidths?: number[];
  /** Frozen rows / columns at the top-left. */
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  /** A helper tab (chart data, lookups) the reader does not need to see: written hidden. */
  hidden?: boolean;
  /** Gridlines on screen (default shown); a dashboard-like Summary reads better without. */
  showGridLines?: boolean;
  /** Column outline groups (Accounts: behaviour, forecast, credit, risk — collapsed by default). */
  columnGroups?: OutlineGroup[];
  /** Row outline groups. */
  rowGroups?: OutlineGroup[];
  /** Columns hidden outright (helper columns a chart or a formula reads), 0-based inclusive spans. */
  hiddenColumns?: { from: number; to: number }[];
  /** Rows hidden outright, 0-based inclusive spans. */
  hiddenRows?: { from: number; to: number }[];
  /** Row heights in points (default: Excel's), e.g. for wrapped findings; 0-based rows. */
  rowHeights?: { row: number; height: number }[];
  /** Internal links on cells of this tab (to another tab, a cell, or a defined name). */
  hyperlinks?: Hyperlink[];
  /** Drop-down lists (a customer picker over a table column). */
  validations?: DataValidationList[];
  pageSetup?: PageSetup;
  headerFooter?: HeaderFooter;
}

/**
 * A workbook-scope defined name pointing at a cell of a sheet, by role (the writer knows the final sheet name), or at
 * a rectangle of `rows` × `cols` cells from there (a named range a chart or a picker reads).
 */
export interface DefinedName {
  sheet: SheetRole;
  row: number; // 0-based
  col: number;
  /** Size of a named range (default 1 × 1: one cell). */
  rows?: number;
  cols?: number;
  /** Hidden from Excel's Name Manager list and the Name box (helper ranges). */
  hidden?: boolean;
  /** Shown in Excel's Name Manager: what the name holds. */
  comment?: string;
}

/**
 * The workbook. Formulas never spell a sheet name: they use table names (`KAAccounts[Revenue]`) and defined
 * names (`KA_LossRate_Current`), so a tab written under a numbered name (a user's sheet already had the name)
 * keeps working.
 */
export interface Report {
  sheets: SheetSpec[];
  names?: Record<string, DefinedName>;
  /** Document properties (File → Info): title and language of the written strings (`en`, `zh-CN`). */
  properties?: { title?: string; subject?: string; language?: string };
}
