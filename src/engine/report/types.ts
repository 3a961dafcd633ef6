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
  rows: Cell[][];
  style?: string; // e.g. "TableStyleMedium2"
  conditionalFormats?: ConditionalFormat[];
}

/** Label/value pairs (Summary headline figures, About parameters): two or three columns, no table. */
export interface KeyValueBlock {
  kind: "keyValue";
  row: number;
  col: number;
  title?: string;
  items: { label: string; value: Cell; numberFormat?: string; note?: string; name?: string }[];
}

/** A heading or a paragraph of text in one cell. */
export interface TextBlock {
  kind: "text";
  row: number;
  col: number;
  text: string;
  style?: "title" | "heading" | "note";
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

/** A native chart over a table's columns. Writers without chart support list it in About instead. */
export interface ChartBlock {
  kind: "chart";
  type: "line" | "scatterLines" | "columnClustered" | "barClustered" | "barStacked" | "pie";
  title: string;
  /** Source table name and the columns: first is the category/x axis, the rest are series. */
  table: string;
  columns: string[];
  /** Placement in cells. */
  row: number;
  col: number;
  widthCols?: number;
  heightRows?: number;
}

export type Block = TableBlock | KeyValueBlock | TextBlock | MatrixBlock | ChartBlock;

export interface SheetSpec {
  name: string;
  /** What the sheet is, independent of its (possibly renamed) name. */
  role: "summary" | "accounts" | "segments" | "aging" | "cohorts" | "alerts" | "about";
  blocks: Block[];
  /** Width per column (characters), 0-based from column A. */
  columnWidths?: number[];
  /** Frozen rows / columns at the top-left. */
  freeze?: { rows: number; cols: number };
  tabColor?: string;
}

/** A workbook-scope defined name pointing at one cell of a sheet, by role (the writer knows the final sheet name). */
export interface DefinedName {
  sheet: SheetSpec["role"];
  row: number; // 0-based
  col: number;
}

/**
 * The workbook. Formulas never spell a sheet name: they use table names (`KAAccounts[Revenue]`) and defined
 * names (`KA_LossRate_Current`), so a tab written under a numbered name (a user's sheet already had the name)
 * keeps working.
 */
export interface Report {
  sheets: SheetSpec[];
  names?: Record<string, DefinedName>;
}
