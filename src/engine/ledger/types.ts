import type { Day } from "../day";
import type { Field } from "./fields";

export type { Field } from "./fields";

/** A cell as Excel (or a CSV/XLSX reader) hands it over. Errors arrive as strings like `#N/A`. */
export type RawCell = number | string | boolean | null | undefined;

/**
 * Rows of a text file as byte ranges: a CSV reader's fast path, so the builder parses the common fields (plain
 * ASCII names, ISO dates, plain decimals) from the bytes without making a string of each, and asks for the cells
 * as text only for the rest. The rows, their cells and their numbering are exactly the reader's `CellRow`s.
 */
export interface FieldBatch {
  /** Rows in the batch. */
  readonly rows: number;
  /** The text's bytes: ASCII or valid UTF-8. */
  readonly bytes: Uint8Array;
  /** Row r's fields are fields first[r] … first[r + 1] - 1. */
  readonly first: Int32Array;
  /** Field k is bytes[start[k], end[k]); start[k] < 0 when its text is not its bytes (a quoted field). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Field k, in column `column` of its row, as the reader's `CellRow` holds it (null when blank). */
  cell(k: number, column: number): RawCell;
}

/** Field → 0-based column index in the source block. */
export type ColumnMapping = Partial<Record<Field, number>>;

export interface IngestOptions {
  /** User overrides: field → header text (as in `--map field=Header`) or 0-based column index. */
  map?: Partial<Record<Field, string | number>>;
  /** Last day in scope; rows after it are excluded as `after as-of date`. Default: the latest date in the ledger. */
  asOf?: Day;
  /** The workbook uses the 1904 date system (Mac Excel legacy). */
  date1904?: boolean;
  /** How to read `a/b/yyyy` dates when the column does not decide it. */
  dateOrder?: "dmy" | "mdy";
  /** 1-based sheet row of the header row (default 1), so messages name real sheet rows. */
  headerRow?: number;
  /** How many excluded rows to keep with their row numbers per reason (all are counted). Default 1000. */
  keepExcludedPerReason?: number;
  /**
   * The rows come from a delimited text file (CSV/TSV) with this delimiter. A row with a value beyond the header's
   * last field was split by a delimiter that belongs to a value (`1,234.50` not in quotes): it is excluded as
   * `more fields than the header`, and when most rows are like that the file is refused. In a sheet a cell right
   * of the header is simply an unheaded column, so grids leave this unset.
   */
  delimiter?: string;
  /**
   * The decimal mark of text numbers, when the user knows it: `.` (1,234.50) or `,` (1.234,50). Default: decided
   * per number column from all its values (see `NumberColumnReader`).
   */
  decimal?: "." | ",";
  /**
   * Grouping columns for dependence by group (header texts or 0-based indices). Default: the columns whose header
   * names a region, sales rep, product line, channel or entity (`group-columns.ts`); `[]` for none.
   */
  groupBy?: (string | number)[];
  /**
   * About how many data rows will be pushed (a reader's estimate, e.g. from the file size): the columns are sized for
   * them once instead of doubling, which on a large file costs a copy of every column and fresh pages each time.
   * A wrong estimate costs only speed.
   */
  expectedRows?: number;
}

/** What a grouping column groups by. `other`: a column the user chose that fits none of the kinds. */
export type GroupKind = "region" | "salesRep" | "productLine" | "channel" | "entity" | "other";

/** A grouping column of the ledger: per used row a code into `values` ("" = a blank cell). */
export interface LedgerGroupColumn {
  header: string;
  /** 0-based column index in the source block. */
  column: number;
  kind: GroupKind;
  codes: Int32Array;
  values: string[];
}

/** Why a row was not used. Exactly one per excluded row. */
export type ExclusionReason =
  | "customer is blank"
  | "date is blank"
  | "date is not a date"
  | "amount is blank"
  | "amount is not a number"
  | "error cell"
  | "after as-of date"
  | "blank row"
  | "more fields than the header"
  | "date far after the other rows"
  | "date far before the other rows"
  // Set by the analysis (src/engine/currency.ts), not the reader: a row in a currency other than the report's.
  | "other currency";

export interface ExcludedRow {
  /** 1-based sheet/file row number (header row counted). */
  row: number;
  reason: ExclusionReason;
  /** Detail: which column, which value (`#N/A in Amount`, `'abc' in Amount`). */
  detail: string;
}

/**
 * A ledger: one entry per *used* row, columnar. Customers are integer codes into `customers`. The reader hands rows
 * over grouped by customer (`inCustomerOrder`), `sourceRow` saying where each came from; nothing relies on an order.
 * Optional columns exist when the field was mapped; missing values inside them are NaN (numbers)
 * or -2147483648 (`NO_DAY`, days).
 */
export interface Ledger {
  customer: Int32Array;
  /** Display name per code: the first spelling seen (keys compare case-insensitively). */
  customers: string[];
  day: Int32Array;
  /** Net line amount (amount, or quantity × unit price); negative = credit note / refund. */
  amount: Float64Array;
  /** 1-based sheet/file row of each used row. */
  sourceRow: Int32Array;
  invoice?: string[];
  /**
   * `textHash` of each row's invoice (0: blank), taken as the text was read: counting a customer's distinct invoices
   * then fetches no string (with 2 million invoices, read in customer order, those fetches took ~0.3 s a count).
   */
  invoiceHash?: Int32Array;
  dueDay?: Int32Array;
  paidDay?: Int32Array;
  paidAmount?: Float64Array;
  balance?: Float64Array;
  cost?: Float64Array;
  /** Per customer (by code): the last non-blank credit limit / contract end seen; NaN / NO_DAY when none. */
  creditLimit?: Float64Array;
  contractEnd?: Int32Array;
  /** Per used row: code into `segments` (the segmentBy column's values). */
  segment?: Int32Array;
  segments?: string[];
  /** Grouping columns (region, sales rep, product line, channel, entity), detected or chosen (`groupBy`). */
  groups?: LedgerGroupColumn[];
  /** Currency per used row, when a currency column was mapped; code into `currencies`. */
  currency?: Int32Array;
  currencies?: string[];
  /** The as-of day in force (given, or the latest date seen). */
  asOf: Day;
  /** Rows read (data rows, header excluded) = used + excluded. */
  read: number;
  used: number;
  /** Count per exclusion reason (all rows). */
  excludedCounts: Partial<Record<ExclusionReason, number>>;
  /** The first `keepExcludedPerReason` excluded rows of each reason, with their sheet rows. */
  excluded: ExcludedRow[];
  /** What was mapped: field → header text as found. */
  mapping: Partial<Record<Field, string>>;
  /** Column index per field in the source block. */
  columns: ColumnMapping;
  /** Headers as read (after trimming); duplicate headers keep their position. */
  headers: string[];
  /** Non-fatal notes for the About tab (e.g. "amount = Quantity × UnitPrice", "dates read as d/m/yyyy"). */
  notes: string[];
  /** Customer codes whose name was longer than an Excel cell holds and is shown shortened (ending in "…"). */
  shortenedNames?: number[];
  /** Findings the analysis shows as warnings (rows excluded for far dates, shortened names). */
  warnings?: { code: string; message: string }[];
  /** How a text file (CSV/TSV) was read, set by the face that read it; absent for sheets. Shown on KA About. */
  textFile?: TextFileReading;
}

/** What a CSV/TSV reader decided about a file. */
export interface TextFileReading {
  /** `UTF-8`, `ASCII` (every byte below 0x80), `GB18030`, `Windows-1252`, `UTF-16LE`… (with stray bytes noted). */
  encoding: string;
  /** The field delimiter: `,`, `;`, tab or `|`. */
  delimiter: string;
}

/** Marker for a missing day in an Int32Array column. */
export const NO_DAY = -2147483648;
