/**
 * The shapes of the report catalogue (src/engine/report/catalogue.ts): what an area declares to put columns, tabs,
 * charts, headline figures, parameters and JSON into the report. Declarations are static data; the build binds
 * them to one Analysis in two steps (collect the Accounts columns that apply, then write cells and formulas).
 * See docs/report.md for the layout and README "Architecture" for how an area plugs in.
 */
import type { Analysis } from "../analysis/types";
import type { Ledger } from "../ledger/types";
import type { Summary } from "./summary-schema";
import type { ReportMessages } from "../i18n";
import type { TextResolver, TextVars } from "./text";
import type { Block, ChartBlock, KeyValueBlock, Scalar, SheetSpec } from "./types";

/** Where the ledger came from, as the face knows it. */
export interface SourceInfo {
  /** File path, or `Sheet1!A1:H3000`, or a table name. */
  label: string;
  kind: "file" | "range" | "table" | "sheet" | "sample";
  /** Charts the writer could not draw (the xlsx writer has no charts); listed on About. */
  skippedCharts?: string[];
  /** The ledger's used rows, written as KA Rows (with KA Drill over them) when `params.withRows` asks for them. */
  ledger?: Ledger;
  /**
   * Where the ledger is in the workbook the report goes into (the task pane's source: sheet and A1 rectangle, header
   * row first). With `ledger` and `params.withRows`, KA Drill reads the rows there by formula and KA Rows lists only
   * each used row's rank, sheet row and amount, instead of a copy of every cell. The sheet is never written to.
   */
  sheet?: { name: string; address: string };
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts columns

/**
 * One per-customer column: of the Accounts tab and, under `key`, of the CLI's `--accounts` JSON. Declared once, so
 * the tab and the JSON cannot drift. Formulas name other columns by key (`f.thisRow("revenue")`), never by header:
 * headers are translated, keys are not.
 */
export interface AccountColumnDef {
  /** Stable camelCase JSON key, unique across the catalogue (docs/json.md). */
  key: string;
  /** English header; `{name}` placeholders are filled from `headerVars`. Resolved through the text resolver. */
  header: string;
  headerVars?(a: Analysis): TextVars;
  type: "text" | "number" | "date" | "boolean";
  numberFormat?: string;
  /** Column width in characters. */
  width?: number;
  /**
   * Code words written as the reader's words on the tab (tier `Strategic` → 战略客户); the JSON keeps the codes. The
   * column's formula must give the same words (`f.m`).
   */
  words?(m: ReportMessages, a: Analysis): Readonly<Record<string, string>>;
  /**
   * A model internal or an input of another column (a score component, x / t_x / T): outlined on the Accounts tab
   * and collapsed by default, so a reader sees the results first and unfolds the workings when needed.
   */
  detail?: boolean;
  /** The values of one analysis: bound once per build, then called per customer code. NaN, undefined and NO_DAY
   *  are blank on the tab and null in the JSON. */
  values(a: Analysis): (c: number) => Scalar | undefined;
  /**
   * A native formula (structured references into the Accounts table) that recomputes the value in Excel, built in
   * the second step when every column on the tab is known. Return undefined to write values only (e.g. when an
   * input column is not on the tab: check `f.has(key)`).
   */
  formula?(f: FormulaRefs): string | undefined;
}

/** A group of Accounts columns from one area: written side by side, outlined together, present or absent together. */
export interface AccountGroupDef {
  /** Stable id (`identity`, `concentration`, `rfm`, …): the text id of the title is `accounts.group.<id>`. */
  id: string;
  /** English title of the group (outline label, pane Columns page). */
  title: string;
  /** False: the tab omits the group and the JSON gives null for its keys. */
  applies(a: Analysis): boolean;
  /**
   * Outline the group's columns so a reader can fold them: `true` folded by default (model internals), `false` open.
   * Undefined: no outline.
   */
  collapsed?: boolean;
  columns: readonly AccountColumnDef[];
}

/** Step 1's result: the Accounts columns on the tab, and references to them by key for step 2's formulas. */
export interface AccountRefs {
  /** Whether the column with this key is on the tab (its group applies). */
  has(key: string): boolean;
  /** The written (translated) header of a column on the tab; throws for one that is not there. */
  header(key: string): string;
  /** `KAAccounts[[#This Row],[Header]]` of a column on the tab. */
  thisRow(key: string): string;
  /** `KAAccounts[Header]`: the whole data column. */
  column(key: string): string;
}

/** References into a catalogued table by column key. */
export interface TableRefs {
  header(key: string): string;
  /** `Table[Header]`. */
  column(key: string): string;
  /** `Table[[#This Row],[Header]]`. */
  thisRow(key: string): string;
}

/** What a column formula sees: the Accounts columns by key, any other catalogued table, and the analysis. */
export interface FormulaRefs extends AccountRefs {
  a: Analysis;
  /** The report's words, for string literals in formulas (a tier, yes/no) that must match the written values. */
  m: ReportMessages;
  table(def: TableDef): TableRefs;
}

/** A column of the Accounts tab for one build: its declaration, its group and its resolved header. */
export interface AccountColumn {
  def: AccountColumnDef;
  group: AccountGroupDef;
  header: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Other tables and charts

/** A column of a table other than Accounts; formulas and charts name it by key. */
export interface TableColumnDef {
  key: string;
  /** English header; text id `table.<TableName>.<key>`. */
  header: string;
  numberFormat?: string;
  width?: number;
}

/** A table the report writes (Excel table names are stable identifiers and never translated). */
export interface TableDef {
  name: string;
  columns: readonly TableColumnDef[];
  style?: string;
}

/** A native chart over a table's columns, by key: the first is the category / x axis, the rest are series. */
export interface ChartDef {
  /** Stable id: text id of the title is `chart.<id>`. */
  id: string;
  type: ChartBlock["type"];
  /** English title. */
  title: string;
  table: TableDef;
  columns: readonly string[];
  /** Axes a reader can read: titles (English, translated; text ids `chart.<id>.x` / `.y`), tick formats, bounds. */
  categoryAxis?: ChartAxisDef;
  valueAxis?: ChartAxisDef;
  /** Value labels on the points in this number format (`0.0%` on share bars). */
  dataLabels?: string;
  widthCols?: number;
  heightRows?: number;
}

export interface ChartAxisDef {
  title?: string;
  numberFormat?: string;
  min?: number;
  max?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Summary, About, tabs, JSON

export type KeyValueItem = KeyValueBlock["items"][number];

/** A block without its position (any kind): tab builders stack them (layout.ts `Column`). */
export type LooseBlock = Block extends infer B ? (B extends Block ? Omit<B, "row" | "col"> : never) : never;

/** A titled group of headline figures on the Summary tab. */
export interface SummaryGroup {
  title: string;
  items: KeyValueItem[];
}

/** A headline group of one area, or undefined when the area has nothing to say for this analysis. */
export type SummaryGroupSource = (ctx: ReportContext) => SummaryGroup | undefined;

/** Blocks (tables, charts, notes) an area adds to a tab's free column: Summary's right side, About after the parameters. */
export type PanelSource = (ctx: ReportContext) => LooseBlock[];

/**
 * Parameters of one area, written as named cells on KA About (`item.name`, e.g. `KA_ABC_A`): formulas elsewhere
 * use the name, a colleague edits the cell and the workbook recalculates, and the pane restores its settings from it.
 */
export type ParameterSource = (ctx: ReportContext) => KeyValueItem[];

/** A role names a tab independently of its (translated, possibly numbered) sheet name. */
export type { SheetRole } from "./types";

/** A tab of the report. `build` returns undefined when its data is missing (About says why). */
export interface TabDef {
  role: SheetSpec["role"];
  /** English tab name; text id `tab.<role>`. At most 31 characters once translated (Excel's limit). */
  name: string;
  build(ctx: ReportContext): Omit<SheetSpec, "name" | "role"> | undefined;
}

/**
 * A part of the JSON summary: the value of one top-level key, or of one key inside a section object
 * (`["concentration", "trend"]`). Made with `jsonSection` / `jsonSubsection`, which check the value against the schema
 * (summary-schema.ts). `undefined` leaves the key out (optional keys only); a subsection of a null section is left out.
 */
export interface JsonSection {
  path: readonly [string] | readonly [string, string];
  value(a: Analysis): unknown;
}

/** The object type inside a section (`Summary["credit"]` without null), for its subsections. */
export type SectionObject<K extends keyof Summary> = Exclude<NonNullable<Summary[K]>, readonly unknown[]>;

/** A top-level key of the summary and how to compute it. */
export function jsonSection<K extends keyof Summary>(key: K, value: (a: Analysis) => Summary[K]): JsonSection {
  return { path: [key], value };
}

/** A key inside a section object (`jsonSubsection("credit", "ifrs9", …)`): declared optional in the section's schema. */
export function jsonSubsection<K extends keyof Summary, S extends keyof SectionObject<K> & string>(key: K, sub: S, value: (a: Analysis) => SectionObject<K>[S]): JsonSection {
  return { path: [key, sub], value };
}

/** Everything areas declare, in report order. There is one: `CATALOGUE` in catalogue.ts. */
export interface Catalogue {
  tabs: readonly TabDef[];
  accountGroups: readonly AccountGroupDef[];
  summaryGroups: readonly SummaryGroupSource[];
  summaryPanels: readonly PanelSource[];
  parameters: readonly ParameterSource[];
  aboutPanels: readonly PanelSource[];
  charts: readonly ChartDef[];
  json: readonly JsonSection[];
}

/** What every builder receives: the analysis, where it came from, the text resolver and step 1's Accounts columns. */
export interface ReportContext {
  a: Analysis;
  source: SourceInfo;
  catalogue: Catalogue;
  /** The one place a written string is resolved (headers, tab names, titles): the i18n catalogue plugs in here. */
  text: TextResolver;
  /** A fixed label in the report's language, looked up by its English (`t("Net revenue")`; `{name}` placeholders). */
  t(english: string, vars?: TextVars): string;
  /**
   * A sentence a lower layer wrote in English (a ledger note, an excluded row's detail) in the report's language:
   * translated by the dictionary's patterns, or left as written when none matches.
   */
  note(english: string): string;
  /** Sentences with counts and amounts in the report's language and currency (src/engine/i18n). */
  m: ReportMessages;
  /** The Accounts columns on the tab, in order (step 1). */
  accountColumns: readonly AccountColumn[];
  /** References to them by key, for formulas anywhere in the workbook. */
  accounts: AccountRefs;
  /** References into another catalogued table by key. */
  table(def: TableDef): TableRefs;
}
