import type { Day } from "../day";
import { isoFromDay } from "../day";
import { problem } from "../problems";
import type { ParseError } from "./cells";
import { describeCell, excelError, isBlankCell } from "./cells";
import { customerDisplay, customerKey } from "./customer-key";
import { FIELD_DEF, FIELD_DEFS } from "./fields";
import { detectColumns, missingColumnMessage } from "./headers";
import type { ColumnDetection } from "./headers";
import { DateColumnReader, isPendingDay, orderLabel, resolveDateOrders } from "./parse-date";
import { parseNumber } from "./parse-number";
import type { ColumnMapping, ExcludedRow, ExclusionReason, Field, IngestOptions, Ledger, RawCell } from "./types";
import { NO_DAY } from "./types";

/**
 * Ledger ingestion (SPEC §1): header row + data rows → a columnar `Ledger`.
 *
 * Every data row read ends up either used or excluded with exactly one reason, so `used + Σ excludedCounts
 * = read` always. A row's reason is the first that applies, in this order:
 *   1. `blank row` — every cell blank (it is counted as read and excluded, so the accounting still adds up);
 *      `more fields than the header` — text files only (`delimiter` given): a value beyond the header's last field
 *      means a delimiter inside a value split the row, so none of its cells can be trusted;
 *   2. `error cell` — an Excel error in a required column (customer, date, amount, or quantity/unit price
 *      when amount is their product); the detail names the error and the column (`#N/A in Amount`);
 *   3. `customer is blank`;
 *   4. `date is blank`, `date is not a date`;
 *   5. `amount is blank`, `amount is not a number` (quantity is checked before unit price; the detail names
 *      the column);
 *   6. `after as-of date` — decided in `finish()`, once the as-of date is known.
 * Optional columns never exclude a row: an error or unreadable value there becomes missing (NaN / `NO_DAY` /
 * "") and is counted in a note, over the used rows.
 *
 * `amount` is the amount column, or quantity × unit price when there is none (or the user mapped quantity and
 * unit price and not amount); the product is not rounded. Negative amounts are kept: they are credit notes.
 * `asOf` is the option, else the latest date among rows that pass checks 1–5 (`NO_DAY` when there are none).
 * `a/b/yyyy` dates are settled over the whole column in `finish()` (see `DateColumnReader`), which throws
 * `KaProblem` "ambiguousDateOrder" when the column cannot decide and no `dateOrder` is given. Evidence for an
 * order comes from every date the builder reads (rows that pass checks 1–3); a date readable both ways only
 * demands a decision when its row is otherwise valid, so an excluded row never blocks the ledger.
 */
export class LedgerBuilder {
  /** The column detection in force (mapping, headers, candidates), e.g. for a mapping confirmation UI. */
  readonly detection: ColumnDetection;
  private readonly keepPerReason: number;
  private readonly firstDataRow: number;
  private readonly asOfGiven?: Day;
  private readonly notes: string[];
  /** Text files: the header's field count (a value beyond it excludes the row); -1 for grids. */
  private readonly fieldLimit: number;
  private readonly delimiter: string;

  private readonly colCustomer: number;
  private readonly colDate: number;
  private readonly colAmount: number; // -1 when amount = quantity × unit price
  private readonly colQuantity: number;
  private readonly colUnitPrice: number;
  private readonly requiredCols: number[];
  private readonly hCustomer: string;
  private readonly hDate: string;
  private readonly hAmount: string;
  private readonly hQuantity: string;
  private readonly hUnitPrice: string;

  private readonly dateReader: DateColumnReader;
  private readonly optional: OptionalColumn[] = [];

  // Customer dictionary: key → code; display per code (first spelling seen).
  private readonly customerCodes = new Map<string, number>();
  private readonly customerNames: string[] = [];
  private readonly spellingCodes = new Map<string, number>();
  private lastCustomerCell: RawCell = undefined;
  private lastCustomerCode = -1;

  // Candidate rows: rows that passed checks 1–5, columnar, grown by doubling.
  private n = 0;
  private cap = 0;
  private custArr: Int32Array = new Int32Array(0);
  private dayArr: Int32Array = new Int32Array(0);
  private amountArr: Float64Array = new Float64Array(0);
  private rowArr: Int32Array = new Int32Array(0);

  private read = 0;
  private readonly counts: Partial<Record<ExclusionReason, number>> = {};
  private readonly kept = new Map<ExclusionReason, ExcludedRow[]>();
  private finished = false;

  /**
   * @param header the header row as read (its cells become the headers; data rows follow).
   * @throws KaProblem "missingColumn" when customer, date or amount (or quantity and unit price) has no column;
   *   "badArgument" for a `map` entry naming a missing header, or an impossible option.
   */
  constructor(header: RawCell[], options: IngestOptions = {}) {
    checkOptions(options);
    const det = detectColumns(header, options.map);
    if (det.missing.length > 0) {
      throw problem("missingColumn", missingColumnMessage(det), { path: det.missing[0] });
    }
    this.detection = det;
    this.notes = [...det.notes];
    this.keepPerReason = options.keepExcludedPerReason ?? 1000;
    this.firstDataRow = (options.headerRow ?? 1) + 1;
    this.asOfGiven = options.asOf;
    this.fieldLimit = options.delimiter === undefined ? -1 : header.length;
    this.delimiter = options.delimiter ?? ",";

    const m = det.mapping;
    const name = (col: number) => det.headers[col] || `column ${col + 1}`;
    this.colCustomer = m.customer as number;
    this.colDate = m.date as number;
    const product = m.amount === undefined;
    this.colAmount = product ? -1 : (m.amount as number);
    this.colQuantity = product ? (m.quantity as number) : -1;
    this.colUnitPrice = product ? (m.unitPrice as number) : -1;
    this.hCustomer = name(this.colCustomer);
    this.hDate = name(this.colDate);
    this.hAmount = product ? "" : name(this.colAmount);
    this.hQuantity = product ? name(this.colQuantity) : "";
    this.hUnitPrice = product ? name(this.colUnitPrice) : "";
    this.requiredCols = product ? [this.colCustomer, this.colDate, this.colQuantity, this.colUnitPrice] : [this.colCustomer, this.colDate, this.colAmount];
    if (product) this.notes.push(`amount = ${this.hQuantity} × ${this.hUnitPrice} (no amount column).`);

    this.dateReader = new DateColumnReader(this.hDate, options.date1904 ?? false, options.dateOrder);
    for (const field of OPTIONAL_COLUMN_FIELDS) {
      const col = m[field];
      if (col === undefined) continue;
      this.optional.push(makeOptional(field, col, name(col), options));
    }
    this.grow(1024);
  }

  /** How many data rows have been pushed so far (for progress reports). */
  get rowsRead(): number {
    return this.read;
  }

  /** Adds one data row (cells in header order; a short row reads as blank cells at the end). */
  push(row: RawCell[]): void {
    if (this.finished) throw new Error("LedgerBuilder.push after finish()");
    const sheetRow = this.firstDataRow + this.read;
    this.read++;

    const custCell = row[this.colCustomer];
    const dateCell = row[this.colDate];
    // 1. blank row (checked cheaply: only when the required cells are all blank).
    if (isBlankCell(custCell) && isBlankCell(dateCell) && this.amountCellsBlank(row) && isBlankRow(row)) {
      this.exclude("blank row", sheetRow, "", undefined);
      return;
    }
    if (this.fieldLimit >= 0 && row.length > this.fieldLimit && !isBlankFrom(row, this.fieldLimit)) {
      this.exclude("more fields than the header", sheetRow, "", row.length);
      return;
    }
    // 2. error cells in required columns, in field order.
    for (let k = 0; k < this.requiredCols.length; k++) {
      const col = this.requiredCols[k];
      const err = excelError(row[col]);
      if (err) {
        this.exclude("error cell", sheetRow, this.detection.headers[col] || `column ${col + 1}`, (err as { code: string }).code);
        return;
      }
    }
    // 3. customer.
    const code = this.customerCode(custCell);
    if (code < 0) {
      this.exclude("customer is blank", sheetRow, this.hCustomer, undefined);
      return;
    }
    // 4. date.
    const d = this.dateReader.read(dateCell, sheetRow);
    if (typeof d !== "number") {
      if (d === undefined) this.exclude("date is blank", sheetRow, this.hDate, undefined);
      else this.exclude("date is not a date", sheetRow, this.hDate, dateCell, (d as { why?: string }).why);
      return;
    }
    // 5. amount.
    let amount: number;
    if (this.colAmount >= 0) {
      const a = parseNumber(row[this.colAmount]);
      if (typeof a !== "number") return this.excludeAmount(a, sheetRow, this.hAmount, row[this.colAmount]);
      amount = a;
    } else {
      const q = parseNumber(row[this.colQuantity]);
      if (typeof q !== "number") return this.excludeAmount(q, sheetRow, this.hQuantity, row[this.colQuantity]);
      const p = parseNumber(row[this.colUnitPrice]);
      if (typeof p !== "number") return this.excludeAmount(p, sheetRow, this.hUnitPrice, row[this.colUnitPrice]);
      amount = q * p;
      if (!Number.isFinite(amount)) {
        this.exclude("amount is not a number", sheetRow, `${this.hQuantity} × ${this.hUnitPrice}`, undefined, "the product overflows");
        return;
      }
    }

    // A candidate: used unless it falls after the as-of date.
    const i = this.n;
    if (i === this.cap) this.grow(this.cap * 2);
    this.custArr[i] = code;
    this.dayArr[i] = d;
    this.amountArr[i] = amount;
    this.rowArr[i] = sheetRow;
    this.dateReader.keep(d, sheetRow);
    for (let k = 0; k < this.optional.length; k++) this.optional[k].take(i, row[this.optional[k].col], sheetRow);
    this.n = i + 1;
  }

  /**
   * Settles d/m order, the as-of date and after-as-of rows, and returns the ledger. The builder cannot be
   * used afterwards.
   * @throws KaProblem "ambiguousDateOrder" when an `a/b/yyyy` column cannot be decided.
   */
  finish(): Ledger {
    if (this.finished) throw new Error("LedgerBuilder.finish called twice");
    this.finished = true;
    const n = this.n;
    this.refuseMisalignedFile();

    // d/m/yyyy vs m/d/yyyy over whole columns, then pending dates resolved.
    const readers = [this.dateReader, ...this.optional.filter((o): o is DateOptional => o instanceof DateOptional).map((o) => o.reader)];
    resolveDateOrders(readers);
    resolvePending(this.dateReader, this.dayArr, n);
    for (const o of this.optional) if (o instanceof DateOptional) resolvePending(o.reader, o.values, n);
    for (const r of readers) {
      if (r.order && r.slashCount > 0) this.notes.push(`${r.column}: a/b/yyyy dates read as ${orderLabel(r.order)} (decided by ${r.decidedBy}).`);
    }

    // As-of date: given, else the latest candidate date.
    let asOf: Day = NO_DAY;
    if (this.asOfGiven !== undefined) asOf = this.asOfGiven;
    else for (let i = 0; i < n; i++) if (this.dayArr[i] > asOf) asOf = this.dayArr[i];

    // 6. after as-of: mark, count, keep the first rows.
    let keep: Uint8Array | undefined;
    let used = n;
    for (let i = 0; i < n; i++) {
      if (this.dayArr[i] > asOf) {
        keep ??= new Uint8Array(n).fill(1);
        keep[i] = 0;
        used--;
        this.exclude("after as-of date", this.rowArr[i], "", undefined, undefined, this.dayArr[i], asOf);
      }
    }

    // Optional-column notes, over used rows.
    for (const o of this.optional) o.addNotes(this.notes, keep, this.rowArr);

    // Compact candidates to used rows; recode customers in order of first use.
    const day = compactInt32(this.dayArr, n, used, keep);
    const amount = compactFloat64(this.amountArr, n, used, keep);
    const sourceRow = compactInt32(this.rowArr, n, used, keep);
    const oldCust = compactInt32(this.custArr, n, used, keep);
    const { codes: customer, labels: customers } = recode(oldCust, this.customerNames);

    const columns: ColumnMapping = { customer: this.colCustomer, date: this.colDate };
    if (this.colAmount >= 0) columns.amount = this.colAmount;
    else {
      columns.quantity = this.colQuantity;
      columns.unitPrice = this.colUnitPrice;
    }
    const ledger: Ledger = {
      customer,
      customers,
      day,
      amount,
      sourceRow,
      asOf,
      read: this.read,
      used,
      excludedCounts: { ...this.counts },
      excluded: [...this.kept.values()].flat().sort((x, y) => x.row - y.row),
      mapping: {},
      columns,
      headers: this.detection.headers,
      notes: this.notes,
    };
    for (const o of this.optional) {
      columns[o.field] = o.col;
      o.store(ledger, n, used, keep, customer, customers.length);
    }
    for (const [field, col] of Object.entries(columns) as [Field, number][]) ledger.mapping[field] = this.detection.headers[col] || `column ${col + 1}`;
    return ledger;
  }

  /**
   * A text file most of whose rows have more fields than the header is not this ledger's layout (wrong delimiter,
   * unquoted thousands separators): refused, naming the first such row, rather than read with most rows excluded.
   */
  private refuseMisalignedFile(): void {
    const wide = this.counts["more fields than the header"] ?? 0;
    const nonBlank = this.read - (this.counts["blank row"] ?? 0);
    if (wide === 0 || wide * 2 <= nonBlank) return;
    const first = this.kept.get("more fields than the header")?.[0];
    const d = this.delimiter === "\t" ? "tab" : `'${this.delimiter}'`;
    throw problem(
      "fileUnreadable",
      `${wide.toLocaleString("en-US")} of ${nonBlank.toLocaleString("en-US")} rows have more fields than the header (first: row ${first?.row}, ${first?.detail}). ` +
        `Values that contain the delimiter ${d} must be in quotes ("1,234.50"), or the file uses another delimiter: save it again as CSV from Excel, or fix those rows.`,
      { row: first?.row },
    );
  }

  private grow(cap: number): void {
    this.custArr = growInt32(this.custArr, cap);
    this.dayArr = growInt32(this.dayArr, cap);
    this.amountArr = growFloat64(this.amountArr, cap);
    this.rowArr = growInt32(this.rowArr, cap);
    for (const o of this.optional) o.grow(cap);
    this.cap = cap;
  }

  private amountCellsBlank(row: RawCell[]): boolean {
    if (this.colAmount >= 0) return isBlankCell(row[this.colAmount]);
    return isBlankCell(row[this.colQuantity]) && isBlankCell(row[this.colUnitPrice]);
  }

  /**
   * Customer code of a cell, or -1 when blank. Consecutive rows of one customer skip every lookup; text cells
   * are cached as written, so each distinct spelling is normalised once.
   */
  private customerCode(cell: RawCell): number {
    if (cell === this.lastCustomerCell && cell !== undefined) return this.lastCustomerCode;
    let code: number | undefined;
    if (typeof cell === "string") {
      code = this.spellingCodes.get(cell);
      if (code === undefined) {
        code = this.codeOfDisplay(customerDisplay(cell));
        this.spellingCodes.set(cell, code);
      }
    } else code = this.codeOfDisplay(customerDisplay(cell));
    this.lastCustomerCell = cell;
    this.lastCustomerCode = code;
    return code;
  }

  private codeOfDisplay(display: string): number {
    let code = -1;
    if (display !== "") {
      const key = customerKey(display);
      const found = this.customerCodes.get(key);
      if (found !== undefined) code = found;
      else {
        code = this.customerNames.length;
        this.customerCodes.set(key, code);
        this.customerNames.push(display);
      }
    }
    return code;
  }

  private excludeAmount(r: undefined | ParseError, sheetRow: number, header: string, cell: RawCell): void {
    if (r === undefined) this.exclude("amount is blank", sheetRow, header, undefined);
    else this.exclude("amount is not a number", sheetRow, header, cell, r.kind === "invalid" ? r.why : undefined);
  }

  /**
   * Counts an excluded row and keeps it (with a detail) while its reason has fewer than `keepExcludedPerReason`.
   * The detail is built only for kept rows.
   */
  private exclude(reason: ExclusionReason, row: number, column: string, cell: RawCell, why?: string, day?: Day, asOf?: Day): void {
    const count = (this.counts[reason] ?? 0) + 1;
    this.counts[reason] = count;
    if (count > this.keepPerReason) return;
    let detail: string;
    switch (reason) {
      case "blank row":
        detail = "every cell is blank";
        break;
      case "error cell":
        detail = `${cell as string} in ${column}`;
        break;
      case "customer is blank":
      case "date is blank":
      case "amount is blank":
        detail = `${column} is blank`;
        break;
      case "date is not a date":
        detail = `${describeCell(cell)} in ${column} is not a date${why ? ` (${why})` : ""}`;
        break;
      case "amount is not a number":
        detail = cell === undefined ? `${column}: ${why}` : `${describeCell(cell)} in ${column} is not a number${why ? ` (${why})` : ""}`;
        break;
      case "after as-of date":
        detail = `${isoFromDay(day as Day)} is after the as-of date ${isoFromDay(asOf as Day)}`;
        break;
      case "more fields than the header": {
        const d = this.delimiter === "\t" ? "tab" : `'${this.delimiter}'`;
        detail = `${cell as number} fields where the header has ${this.fieldLimit}: a ${d} inside a value that is not in quotes (such as 1,234.50)?`;
        break;
      }
      case "other currency": // the analysis excludes these (src/engine/currency.ts), never the reader
        detail = `${describeCell(cell)} in ${column}`;
        break;
    }
    let list = this.kept.get(reason);
    if (!list) this.kept.set(reason, (list = []));
    list.push({ row, reason, detail });
  }
}

/**
 * Ingests a grid whose first row is the header (e.g. `Range.values`). See `LedgerBuilder`.
 * @example ingestGrid([["Customer", "Date", "Amount"], ["Acme", "2024-01-05", 100]]).used // 1
 */
export function ingestGrid(grid: RawCell[][], options?: IngestOptions): Ledger {
  const builder = new LedgerBuilder(grid.length > 0 ? grid[0] : [], options);
  for (let i = 1; i < grid.length; i++) builder.push(grid[i]);
  return builder.finish();
}

function checkOptions(o: IngestOptions): void {
  const bad = (path: string, message: string) => problem("badArgument", message, { path });
  if (o.asOf !== undefined && !Number.isInteger(o.asOf)) throw bad("asOf", `asOf must be a day number (days since 1970-01-01), got ${o.asOf}.`);
  if (o.dateOrder !== undefined && o.dateOrder !== "dmy" && o.dateOrder !== "mdy") throw bad("dateOrder", `dateOrder must be 'dmy' or 'mdy', got '${o.dateOrder}'.`);
  if (o.headerRow !== undefined && !(Number.isInteger(o.headerRow) && o.headerRow >= 1)) throw bad("headerRow", `headerRow must be a sheet row number (1 or more), got ${o.headerRow}.`);
  if (o.keepExcludedPerReason !== undefined && !(Number.isInteger(o.keepExcludedPerReason) && o.keepExcludedPerReason >= 0)) {
    throw bad("keepExcludedPerReason", `keepExcludedPerReason must be a whole number ≥ 0, got ${o.keepExcludedPerReason}.`);
  }
}

function isBlankFrom(row: RawCell[], from: number): boolean {
  for (let k = from; k < row.length; k++) if (!isBlankCell(row[k])) return false;
  return true;
}

function isBlankRow(row: RawCell[]): boolean {
  for (let k = 0; k < row.length; k++) if (!isBlankCell(row[k])) return false;
  return true;
}

function growInt32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growFloat64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

function compactInt32(a: Int32Array, n: number, used: number, keep?: Uint8Array): Int32Array {
  if (!keep) return a.slice(0, n);
  const out = new Int32Array(used);
  for (let i = 0, j = 0; i < n; i++) if (keep[i]) out[j++] = a[i];
  return out;
}

function compactFloat64(a: Float64Array, n: number, used: number, keep?: Uint8Array): Float64Array {
  if (!keep) return a.slice(0, n);
  const out = new Float64Array(used);
  for (let i = 0, j = 0; i < n; i++) if (keep[i]) out[j++] = a[i];
  return out;
}

/** Renumbers codes in order of first appearance, dropping labels no row uses. */
function recode(codes: Int32Array, labels: string[]): { codes: Int32Array; labels: string[] } {
  const map = new Int32Array(labels.length).fill(-1);
  const out: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    let m = map[c];
    if (m < 0) {
      m = map[c] = out.length;
      out.push(labels[c]);
    }
    codes[i] = m;
  }
  return { codes, labels: out };
}

function resolvePending(reader: DateColumnReader, a: Int32Array, n: number): void {
  if (reader.pendingCount === 0) return;
  for (let i = 0; i < n; i++) if (a[i] !== NO_DAY && isPendingDay(a[i])) a[i] = reader.resolve(a[i]);
}

// ---------------------------------------------------------------------------------------------------------
// Optional columns: parsed for candidate rows only; unreadable values become missing and are noted.

/** The optional fields read column by column (quantity and unit price are read as parts of the amount). */
const OPTIONAL_COLUMN_FIELDS: readonly Field[] = FIELD_DEFS.filter((d) => !d.required && !d.amountPart).map((d) => d.field);

function makeOptional(field: Field, col: number, header: string, options: IngestOptions): OptionalColumn {
  switch (FIELD_DEF[field].kind) {
    case "date":
      return new DateOptional(field, col, header, new DateColumnReader(header, options.date1904 ?? false, options.dateOrder));
    case "text":
      return new TextOptional(field, col, header);
    case "category":
      return field === "currency"
        ? new DictOptional(field, col, header, "(none)", currencyKey, currencyKey)
        : new DictOptional(field, col, header, "(blank)", (c) => customerKey(customerDisplay(c)), customerDisplay);
    default:
      return new NumberOptional(field, col, header);
  }
}

abstract class OptionalColumn {
  /** Candidate indices whose cell was not readable, and those holding an Excel error. */
  readonly invalid: number[] = [];
  readonly errors: number[] = [];
  constructor(
    readonly field: Field,
    readonly col: number,
    readonly header: string,
  ) {}
  abstract grow(cap: number): void;
  /** Reads the cell of candidate row i. */
  abstract take(i: number, cell: RawCell, sheetRow: number): void;
  /** Puts the used rows' values on the ledger. */
  abstract store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined, customer: Int32Array, customers: number): void;
  protected get kindWord(): string {
    return "not a number";
  }

  /** Notes like "dueDate (Due): 3 cells not a date (rows 5, 9, 12); read as missing." */
  addNotes(notes: string[], keep: Uint8Array | undefined, rows: Int32Array): void {
    const describe = (idx: number[], what: string) => {
      const live = keep ? idx.filter((i) => keep[i] === 1) : idx;
      if (live.length === 0) return;
      const shown = live.slice(0, 10).map((i) => rows[i]);
      notes.push(`${this.field} (${this.header}): ${live.length} ${live.length === 1 ? "cell" : "cells"} ${what} (${live.length === 1 ? "row" : "rows"} ${shown.join(", ")}${live.length > 10 ? ", …" : ""}); read as missing.`);
    };
    describe(this.errors, "with an error value");
    describe(this.invalid, this.kindWord);
  }
}

class NumberOptional extends OptionalColumn {
  values: Float64Array = new Float64Array(0);
  grow(cap: number): void {
    this.values = growFloat64(this.values, cap);
  }
  take(i: number, cell: RawCell): void {
    const v = parseNumber(cell);
    if (typeof v === "number") this.values[i] = v;
    else {
      this.values[i] = NaN;
      if (v !== undefined) (v.kind === "errorCell" ? this.errors : this.invalid).push(i);
    }
  }
  store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined, customer: Int32Array, customers: number): void {
    const values = compactFloat64(this.values, n, used, keep);
    if (this.field === "creditLimit") {
      // Per customer: the last non-blank value in row order.
      const per = new Float64Array(customers).fill(NaN);
      for (let i = 0; i < used; i++) if (!Number.isNaN(values[i])) per[customer[i]] = values[i];
      ledger.creditLimit = per;
    } else if (this.field === "paidAmount") ledger.paidAmount = values;
    else if (this.field === "balance") ledger.balance = values;
    else if (this.field === "cost") ledger.cost = values;
  }
}

class DateOptional extends OptionalColumn {
  values: Int32Array = new Int32Array(0);
  constructor(
    field: Field,
    col: number,
    header: string,
    readonly reader: DateColumnReader,
  ) {
    super(field, col, header);
  }
  protected override get kindWord(): string {
    return "not a date";
  }
  grow(cap: number): void {
    this.values = growInt32(this.values, cap);
  }
  take(i: number, cell: RawCell, sheetRow: number): void {
    const v = this.reader.read(cell, sheetRow);
    this.reader.keep(v, sheetRow);
    if (typeof v === "number") this.values[i] = v;
    else {
      this.values[i] = NO_DAY;
      if (v !== undefined) (v.kind === "errorCell" ? this.errors : this.invalid).push(i);
    }
  }
  store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined, customer: Int32Array, customers: number): void {
    const values = compactInt32(this.values, n, used, keep);
    if (this.field === "contractEnd") {
      const per = new Int32Array(customers).fill(NO_DAY);
      for (let i = 0; i < used; i++) if (values[i] !== NO_DAY) per[customer[i]] = values[i];
      ledger.contractEnd = per;
    } else if (this.field === "dueDate") ledger.dueDay = values;
    else if (this.field === "paidDate") ledger.paidDay = values;
  }
}

class TextOptional extends OptionalColumn {
  values: string[] = [];
  grow(): void {
    // a JS array grows by itself
  }
  protected override get kindWord(): string {
    return "unreadable";
  }
  private lastCell: RawCell = undefined;
  private lastValue = "";
  take(i: number, cell: RawCell): void {
    // Rows of one invoice come together: they share one string, so a million rows keep thousands of strings.
    if (cell === this.lastCell && cell !== undefined) {
      this.values[i] = this.lastValue;
      return;
    }
    if (excelError(cell)) {
      this.errors.push(i);
      this.values[i] = "";
      return;
    }
    const value = customerDisplay(cell);
    this.values[i] = value;
    this.lastCell = cell;
    this.lastValue = value;
  }
  store(ledger: Ledger, n: number, _used: number, keep: Uint8Array | undefined): void {
    ledger.invoice = keep ? this.values.filter((_, i) => keep[i] === 1) : this.values.slice(0, n);
  }
}

/** A text column kept as codes into a list of values (currency, segment). */
class DictOptional extends OptionalColumn {
  codes: Int32Array = new Int32Array(0);
  private readonly map = new Map<string, number>();
  private readonly labels: string[] = [];
  private lastCell: RawCell = undefined;
  private lastCode = -1;
  constructor(
    field: Field,
    col: number,
    header: string,
    private readonly blankLabel: string,
    private readonly keyOf: (cell: RawCell) => string,
    private readonly labelOf: (cell: RawCell) => string,
  ) {
    super(field, col, header);
  }
  grow(cap: number): void {
    this.codes = growInt32(this.codes, cap);
  }
  take(i: number, cell: RawCell): void {
    if (cell === this.lastCell && this.lastCode >= 0) {
      this.codes[i] = this.lastCode;
      return;
    }
    let key = "";
    if (excelError(cell)) this.errors.push(i);
    else key = this.keyOf(cell);
    let code = this.map.get(key);
    if (code === undefined) {
      code = this.labels.length;
      this.map.set(key, code);
      this.labels.push(key === "" ? this.blankLabel : this.labelOf(cell));
    }
    this.codes[i] = code;
    if (key !== "") {
      this.lastCell = cell;
      this.lastCode = code;
    }
  }
  store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined): void {
    const { codes, labels } = recode(compactInt32(this.codes, n, used, keep), this.labels);
    if (this.field === "currency") {
      ledger.currency = codes;
      ledger.currencies = labels;
      if (labels.length > 1) ledger.notes.push(`currency (${this.header}): ${labels.length} currencies (${labels.join(", ")}); amounts are not converted, totals are reported per currency.`);
    } else {
      ledger.segment = codes;
      ledger.segments = labels;
    }
  }
}

/** Currency codes compare trimmed, NFKC, upper case (`usd` = `USD`, `￥` = `¥`); blank → "". */
function currencyKey(cell: RawCell): string {
  if (cell === null || cell === undefined || typeof cell === "boolean") return "";
  return String(cell).normalize("NFKC").trim().toUpperCase();
}
