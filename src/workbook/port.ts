/**
 * The workbook port, one for every adapter: what a face needs from a host.
 * - `LedgerSource`: a ledger file opened for reading (xlsx/: CSV and XLSX readers, for the CLI);
 * - `ReportWriter`: writes a host-neutral `Report` as tabs (xlsx/ file writer; office/ and memory/ through their host);
 * - `WorkbookHost`: the task pane's workbook — find a ledger, read it in chunks, write a Report (it is a
 *   `ReportWriter`), keep the pane's settings (office/: Office.js; memory/: the in-memory demo and e2e host).
 * Only the adapters import a host API; the engine sees `RawCell` rows and `Report`s. Pure types: no Office.js here.
 */
import type { FieldBatch, RawCell } from "../engine/ledger/types";
import type { Report, Scalar, SheetSpec } from "../engine/report/types";

/** One row of cells, 0-based from column A (CSV: from the first field). Short rows mean blanks to the right. */
export type CellRow = RawCell[];

/**
 * A ledger opened for reading: the header row at once, data rows streamed in chunks.
 * Cells are what Excel's `Range.values` would give: numbers, strings, booleans, null for blank,
 * errors as `#N/A`-style strings, dates as serial numbers in the workbook's own date system (`date1904`).
 *
 * @example
 * const src = await openLedgerFile("ledger.xlsx", { sheet: "Sales" });
 * const b = new LedgerBuilder(src.header, { date1904: src.date1904, headerRow: src.headerRow });
 * for await (const chunk of src.rows) for (const row of chunk) b.push(row);
 */
export interface LedgerSource {
  /** What was read, for messages and the About tab: `ledger.xlsx, sheet Sales` or `ledger.csv`. */
  label: string;
  /** Sheet names in workbook order; empty for text files. */
  sheets: string[];
  /** The sheet read, when the source has sheets. */
  sheet?: string;
  /** Serial numbers in date cells count from 1904-01-01 (Mac Excel legacy) instead of 1900. */
  date1904: boolean;
  /** 1-based sheet/file row of the header row: the first non-blank row. */
  headerRow: number;
  header: CellRow;
  /**
   * Data rows after the header, in chunks, in order; row k (0-based over all chunks) is sheet row `headerRow + 1 + k`.
   * A blank row inside the data is an empty array (so row numbers stay true); blank rows at the end are dropped.
   * Iterate once. Breaking out of the loop closes the file.
   */
  rows: AsyncIterable<CellRow[]>;
  /**
   * The same data rows as `rows`, some parts as byte-range batches (a text file's fast path, for
   * `LedgerBuilder.pushBatch`). Read `rows` or `batches`, not both.
   */
  batches?: AsyncIterable<CellRow[] | FieldBatch>;
  /** Non-fatal notes found while reading (e.g. formulas without a cached value); complete once `rows` is exhausted. */
  notes: string[];
  /** Releases the file when `rows` is not read to the end (harmless after). */
  close(): Promise<void>;
  /**
   * A hint from the consumer, before it reads `rows`: it reads the values of these columns only (0-based). The
   * reader may then give any other non-blank cell as a placeholder text (blank cells stay blank, rows keep their
   * length), and save the work of copying it out. Sources without it give every cell.
   */
  onlyColumns?(columns: readonly number[]): void;
  /** About how many data rows the source holds (from its size), when the reader can tell: for sizing, not counting. */
  estimatedRows?: number;
}

/** What a sheet is, independent of the name it was written under. */
export type SheetRole = SheetSpec["role"];

/**
 * Progress and cancellation of a read or a write. `done` of `total` in the adapter's own units (cells, rows, tabs),
 * `done` ends at `total`; `detail` says what is under way where the adapter knows (the tab being written, the rows
 * read so far).
 */
export interface ProgressOptions {
  onProgress?(done: number, total: number, detail?: string): void;
  /** Aborting stops the read or write with a `KaProblem` "cancelled"; a writer then leaves no file or tab behind. */
  signal?: AbortSignal;
}

/** Progress and cancellation for a write. */
export type WriteOptions = ProgressOptions;

/** A tab as written: its role and the name it got (numbered when a user's sheet had the name). */
export interface WrittenSheet {
  role: SheetRole;
  name: string;
}

/** The result of a write. */
export interface WrittenSheets {
  /** Final sheet name per role, in the order written (a writer may number a name taken by a user's sheet: `KA Summary (2)`). */
  sheets: Partial<Record<SheetRole, string>>;
  /** Titles of chart blocks the writer could not draw (the xlsx writer draws none); the About tab lists them. */
  skippedCharts: string[];
}

/** Writes a Report: every sheet, block, name and format it describes. */
export interface ReportWriter {
  write(report: Report, opts?: WriteOptions): Promise<WrittenSheets>;
}

/* ---- The task pane's workbook ---- */

/** Where a ledger is: a rectangle of a sheet, found from the selection, a table, or a sheet's used range. */
export interface LedgerLocation {
  kind: "selection" | "region" | "table" | "sheet";
  sheet: string;
  /** Excel table name when kind is "table". */
  table?: string;
  /** A1 rectangle within the sheet, header row first (e.g. `A1:H2001`). */
  address: string;
}

export interface LocationInfo extends LedgerLocation {
  /** Rows including the header row, and columns. */
  rows: number;
  cols: number;
}

/** The candidates the Data page offers. */
export interface Discovery {
  /** The selected range when it spans more than one cell. */
  selection?: LocationInfo;
  /** The Excel table the cursor is in. */
  tableAtCursor?: LocationInfo;
  /** The block of data around the cursor (Ctrl+A), when the cursor is not in a table. */
  regionAtCursor?: LocationInfo;
  tables: LocationInfo[];
  /** Used range of each visible sheet that has data (the add-in's own tabs excluded). */
  sheets: LocationInfo[];
}

/** The header row and first rows of a location, for the Columns page. */
export interface Preview {
  location: LocationInfo;
  header: RawCell[];
  rows: RawCell[][];
  /** The workbook counts dates from 1904 (Mac legacy). */
  date1904: boolean;
}

/** Receives a ledger as it is read. `begin` is called again if the host has to restart the read. */
export interface RowSink {
  begin(header: RawCell[], info: { headerRow: number; dataRows: number; date1904: boolean }): void;
  rows(chunk: RawCell[][]): void;
}

/** Parameters and mapping as written on KA About: named cells by name, and label/value pairs. */
export interface AboutContent {
  names: Record<string, Scalar>;
  pairs: [string, Scalar][];
}

/** The pane's saved settings: from the document's settings store and/or from KA About. */
export interface StoredSettings {
  document?: unknown;
  about?: AboutContent;
}

/** The task pane's workbook (Office.js in Excel, the in-memory workbook in the demo and the e2e tests). */
export interface WorkbookHost extends ReportWriter {
  readonly kind: "excel" | "demo";
  discover(): Promise<Discovery>;
  preview(location: LedgerLocation, rows: number): Promise<Preview>;
  /** Reads the ledger at `location` into `sink`; progress in data rows, `detail` the rows read. */
  read(location: LedgerLocation, sink: RowSink, opts?: ProgressOptions): Promise<void>;
  /** Writes the report's tabs (temporary tabs first, committed at the end); progress in tabs, `detail` the tab. */
  write(report: Report, opts?: WriteOptions): Promise<WrittenSheets>;
  /** Shows a tab (and selects `address` on it when given: one rectangle, or several, `A2:L4,A9:L9`). */
  activate(sheet: string, address?: string): Promise<void>;
  loadSettings(): Promise<StoredSettings>;
  saveSettings(settings: unknown): Promise<void>;
}

/** Key of the pane's settings in the document's settings store. */
export const SETTINGS_KEY = "KA.settings";
