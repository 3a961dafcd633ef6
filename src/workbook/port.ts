/**
 * The workbook port: the two things a face needs from a host (README, Architecture).
 * - read a ledger as rows of cells (`LedgerSource`), and
 * - write a host-neutral `Report` as tabs (`ReportWriter`).
 * `xlsx/` implements them with exceljs and papaparse (CLI), `office/` with Office.js (task pane).
 * Only the adapters import a host API; the engine sees `RawCell` rows and `Report`s.
 */
import type { RawCell } from "../engine/ledger/types";
import type { Report, SheetSpec } from "../engine/report/types";

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
  /** Non-fatal notes found while reading (e.g. formulas without a cached value); complete once `rows` is exhausted. */
  notes: string[];
  /** Releases the file when `rows` is not read to the end (harmless after). */
  close(): Promise<void>;
}

/** What a sheet is, independent of the name it was written under. */
export type SheetRole = SheetSpec["role"];

/** Progress and cancellation for a write. `done`/`total` count cells (or a host's own units), `done` ends at `total`. */
export interface WriteOptions {
  onProgress?(done: number, total: number): void;
  /** Aborting stops the write with a `KaProblem` "cancelled"; a file writer then leaves no file behind. */
  signal?: AbortSignal;
}

/** The result of a write. */
export interface WrittenSheets {
  /** Final sheet name per role (a writer may number a name taken by a user's sheet: `KA Summary (2)`). */
  sheets: Partial<Record<SheetRole, string>>;
  /** Titles of chart blocks the writer could not draw (the xlsx writer draws none); the About tab lists them. */
  skippedCharts: string[];
}

/** Writes a Report: every sheet, block, name and format it describes. */
export interface ReportWriter {
  write(report: Report, opts?: WriteOptions): Promise<WrittenSheets>;
}
