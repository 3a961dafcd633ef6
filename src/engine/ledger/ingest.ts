import type { Day } from "../day";
import { isoFromDay } from "../day";
import { problem } from "../problems";
import type { ParseError } from "./cells";
import { describeCell, excelError, isBlankCell } from "./cells";
import { customerDisplay, customerKey, textHash } from "./customer-key";
import { FIELD_DEF, FIELD_DEFS } from "./fields";
import { detectColumns, missingColumnMessage } from "./headers";
import { resolveGroupColumns } from "./group-columns";
import type { ColumnDetection } from "./headers";
import { DateColumnReader, isoDayFromBytes, isPendingDay, orderLabel, resolveDateOrders } from "./parse-date";
import { fractionDigitsOfBytes, plainDecimalBytes } from "./parse-number";
import { NumberColumnReader, resolveDecimalMarks } from "./number-column";
import type { ColumnMapping, ExcludedRow, ExclusionReason, Field, FieldBatch, GroupKind, IngestOptions, Ledger, RawCell } from "./types";
import { NO_DAY } from "./types";
import { inCustomerOrder } from "./rows";
import { englishNumber } from "../i18n/format";

/**
 * Ledger ingestion (docs/metrics.md#reading-a-ledger): header row + data rows → a columnar `Ledger`.
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
  /** The amount column's numbers, or quantity's and unit price's (amount = their product). */
  private readonly amountReader?: NumberColumnReader;
  private readonly qReader?: NumberColumnReader;
  private readonly pReader?: NumberColumnReader;
  private qArr: Float64Array = new Float64Array(0);
  private pArr: Float64Array = new Float64Array(0);
  private readonly warnings: { code: string; message: string }[] = [];
  /** Customers whose name was shortened to Excel's cell limit (code before recoding, full length, first row). */
  private readonly shortened: { code: number; length: number; row: number }[] = [];
  private readonly optional: OptionalColumn[] = [];
  private readonly groupColumns: GroupOptional[] = [];

  // Customer dictionary: key → code; display per code (first spelling seen).
  private readonly customerCodes = new Map<string, number>();
  private readonly customerNames: string[] = [];
  /** Codes by spelling as written. */
  private readonly spellingCodes = new SpellingTable();
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
    if (product) {
      this.qReader = new NumberColumnReader(this.hQuantity, options.decimal, this.keepPerReason);
      this.pReader = new NumberColumnReader(this.hUnitPrice, options.decimal, this.keepPerReason);
    } else this.amountReader = new NumberColumnReader(this.hAmount, options.decimal, this.keepPerReason);
    for (const field of OPTIONAL_COLUMN_FIELDS) {
      const col = m[field];
      if (col === undefined) continue;
      this.optional.push(makeOptional(field, col, name(col), options));
    }
    // Grouping columns (dependence by group): any column but the fields' own (a segment column can be one too).
    const taken = new Set(Object.entries(m).filter(([f]) => f !== "segmentBy").map(([, c]) => c as number));
    for (const g of resolveGroupColumns(det.headers, taken, options.groupBy)) this.groupColumns.push(new GroupOptional(g.column, g.header, g.kind));
    const expected = options.expectedRows;
    this.grow(expected !== undefined && Number.isFinite(expected) && expected > 0 ? Math.min(Math.ceil(expected * 1.05) + 1024, MAX_INITIAL_ROWS) : 1024);
  }

  /**
   * The columns whose values `push` reads (required and optional fields, grouping columns): a reader may give the
   * other cells as placeholders (`LedgerSource.onlyColumns`). Blankness and row length are read from every cell.
   */
  get columnsRead(): number[] {
    const cols = new Set<number>(this.requiredCols);
    for (const o of this.optional) cols.add(o.col);
    for (const g of this.groupColumns) cols.add(g.col);
    return [...cols].sort((a, b) => a - b);
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
    let q = NaN;
    let p = NaN;
    if (this.amountReader) {
      const a = this.amountReader.read(row[this.colAmount]);
      if (typeof a !== "number") return this.excludeAmount(a, sheetRow, this.hAmount, row[this.colAmount]);
      amount = a;
    } else {
      const qr = this.qReader as NumberColumnReader;
      const pr = this.pReader as NumberColumnReader;
      const qv = qr.read(row[this.colQuantity]);
      if (typeof qv !== "number") return this.excludeAmount(qv, sheetRow, this.hQuantity, row[this.colQuantity]);
      const pv = pr.read(row[this.colUnitPrice]);
      if (typeof pv !== "number") return this.excludeAmount(pv, sheetRow, this.hUnitPrice, row[this.colUnitPrice]);
      q = qv;
      p = pv;
      amount = q * p;
      if (!Number.isFinite(amount)) {
        this.exclude("amount is not a number", sheetRow, `${this.hQuantity} × ${this.hUnitPrice}`, undefined, "the product overflows");
        return;
      }
    }

    // A candidate: used unless it falls after the as-of date.
    const i = this.keepCandidate(code, d, amount, q, p, sheetRow);
    for (let k = 0; k < this.optional.length; k++) this.optional[k].take(i, row[this.optional[k].col], sheetRow);
    for (let k = 0; k < this.groupColumns.length; k++) this.groupColumns[k].take(i, row[this.groupColumns[k].col]);
    this.n = i + 1;
  }

  /**
   * Adds the rows of a text file's batch: the same as `push` of each row as the reader's `CellRow`. A row whose
   * required cells are plain (an ASCII customer not starting with `#` or a space, an ISO date, plain decimal
   * numbers) is read from its bytes; any other row is made into cells and pushed.
   */
  pushBatch(batch: FieldBatch): void {
    const first = batch.first;
    for (let r = 0; r < batch.rows; r++) {
      if (this.pushPlain(batch, first[r], first[r + 1])) continue;
      const row: RawCell[] = new Array(first[r + 1] - first[r]);
      for (let k = first[r]; k < first[r + 1]; k++) row[k - first[r]] = batch.cell(k, k - first[r]);
      this.push(row);
    }
  }

  /** `push` of the row of fields [a, b) when its required cells are plain; false (nothing done) otherwise. */
  private pushPlain(batch: FieldBatch, a: number, b: number): boolean {
    if (this.finished || (this.fieldLimit >= 0 && b - a > this.fieldLimit)) return false;
    const bytes = batch.bytes;
    const start = batch.start;
    const end = batch.end;
    // The customer: printable ASCII from its first byte (no error value, no blank, no leading space).
    const kc = a + this.colCustomer;
    if (kc >= b || start[kc] < 0) return false;
    if (start[kc] === end[kc]) return this.excludeBlankCustomer(batch, a, b);
    const c0 = bytes[start[kc]];
    if (c0 <= 32 || c0 >= 127 || c0 === 35 /* # */) return false;
    // The date.
    const kd = a + this.colDate;
    if (kd >= b || start[kd] < 0) return false;
    const d = isoDayFromBytes(bytes, start[kd], end[kd]);
    if (d === undefined) return false;
    // The amount, or quantity and unit price.
    let amount: number;
    let q = NaN;
    let p = NaN;
    const ka = a + (this.amountReader ? this.colAmount : this.colQuantity);
    if (!this.plainNumber(batch, ka, b, this.amountReader ?? (this.qReader as NumberColumnReader))) return false;
    const kp = a + this.colUnitPrice;
    if (!this.amountReader && !this.plainNumber(batch, kp, b, this.pReader as NumberColumnReader)) return false;

    // A candidate, as `push` would find it: read the numbers (recording their evidence) and the customer.
    const sheetRow = this.firstDataRow + this.read;
    this.read++;
    if (this.amountReader) amount = this.amountReader.readPlain(plainDecimalBytes(bytes, start[ka], end[ka]), fractionDigitsOfBytes(bytes, start[ka], end[ka]) >= 0, batch, ka, ka - a);
    else {
      q = (this.qReader as NumberColumnReader).readPlain(plainDecimalBytes(bytes, start[ka], end[ka]), fractionDigitsOfBytes(bytes, start[ka], end[ka]) >= 0, batch, ka, ka - a);
      p = (this.pReader as NumberColumnReader).readPlain(plainDecimalBytes(bytes, start[kp], end[kp]), fractionDigitsOfBytes(bytes, start[kp], end[kp]) >= 0, batch, kp, kp - a);
      amount = q * p;
    }
    let code = this.spellingCodes.getBytes(bytes, start[kc], end[kc]);
    if (code === undefined) code = this.customerCode(batch.cell(kc, this.colCustomer));

    const i = this.keepCandidate(code, d, amount, q, p, sheetRow);
    for (let k = 0; k < this.optional.length; k++) {
      const o = this.optional[k];
      o.takeField(i, batch, a + o.col < b ? a + o.col : -1, sheetRow);
    }
    for (let k = 0; k < this.groupColumns.length; k++) {
      const g = this.groupColumns[k];
      g.takeField(i, batch, a + g.col < b ? a + g.col : -1, sheetRow);
    }
    this.n = i + 1;
    return true;
  }

  /**
   * `push` of a row of fields [a, b) whose customer is blank, when its date is there and no required cell can be an
   * error value (each blank, or starting with printable ASCII other than `#`): the row is excluded as "customer is
   * blank". False (nothing done) otherwise.
   */
  private excludeBlankCustomer(batch: FieldBatch, a: number, b: number): boolean {
    const kd = a + this.colDate;
    if (kd >= b || batch.start[kd] === batch.end[kd]) return false; // (perhaps a blank row)
    for (let j = 0; j < this.requiredCols.length; j++) {
      const k = a + this.requiredCols[j];
      if (k >= b) continue;
      const s = batch.start[k];
      if (s < 0) return false;
      if (s === batch.end[k]) continue;
      const c0 = batch.bytes[s];
      if (c0 <= 32 || c0 >= 127 || c0 === 35) return false;
    }
    const sheetRow = this.firstDataRow + this.read;
    this.read++;
    this.exclude("customer is blank", sheetRow, this.hCustomer, undefined);
    return true;
  }

  /**
   * Stores a candidate row (the required columns, and quantity and unit price when they make the amount) and records
   * its values with the readers that settle the columns in `finish`; returns its index.
   */
  private keepCandidate(code: number, d: Day, amount: number, q: number, p: number, sheetRow: number): number {
    const i = this.n;
    if (i === this.cap) this.grow(this.cap * 2);
    this.custArr[i] = code;
    this.dayArr[i] = d;
    this.amountArr[i] = amount;
    this.rowArr[i] = sheetRow;
    if (this.amountReader) this.amountReader.keep(i, sheetRow);
    else {
      this.qArr[i] = q;
      this.pArr[i] = p;
      (this.qReader as NumberColumnReader).keep(i, sheetRow);
      (this.pReader as NumberColumnReader).keep(i, sheetRow);
    }
    this.dateReader.keep(d, sheetRow);
    return i;
  }

  /** True when field k (of a row ending before field b) is a number `readPlain` reads as `read` would. */
  private plainNumber(batch: FieldBatch, k: number, b: number, reader: NumberColumnReader): boolean {
    if (k >= b) return false;
    const s = batch.start[k];
    const e = batch.end[k];
    if (s < 0 || s === e || plainDecimalBytes(batch.bytes, s, e) !== plainDecimalBytes(batch.bytes, s, e)) return false;
    const f = fractionDigitsOfBytes(batch.bytes, s, e);
    // A `.` with three digits after it reads both ways (12.000): the text path settles it.
    return f < 0 || (f !== 3 && reader.given !== ",");
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

    // Decimal point or comma over whole number columns; values only readable the other way are refused.
    const drop = new Uint8Array(n); // 1: candidate excluded in finish()
    let used = n;
    const dropRow = (i: number, reason: ExclusionReason, column: string, cell: RawCell, why?: string, day?: Day, ref?: Day) => {
      if (drop[i]) return;
      drop[i] = 1;
      used--;
      this.exclude(reason, this.rowArr[i], column, cell, why, day, ref);
    };
    this.settleDecimalMarks(drop, dropRow);

    // Dates far outside the rest of the ledger (a mistyped year such as 9999 or 2204): excluded before the as-of date
    // is taken, so they never stretch the monthly series, retention or cohorts.
    this.excludeFarDates(drop, dropRow);

    // As-of date: given, else the latest candidate date.
    let asOf: Day = NO_DAY;
    if (this.asOfGiven !== undefined) asOf = this.asOfGiven;
    else for (let i = 0; i < n; i++) if (!drop[i] && this.dayArr[i] > asOf) asOf = this.dayArr[i];

    // 6. after as-of: count and keep the first rows.
    for (let i = 0; i < n; i++) if (!drop[i] && this.dayArr[i] > asOf) dropRow(i, "after as-of date", "", undefined, undefined, this.dayArr[i], asOf);
    let keep: Uint8Array | undefined;
    if (used < n) {
      keep = drop;
      for (let i = 0; i < n; i++) keep[i] ^= 1;
    }

    // Optional-column notes, over used rows.
    for (const o of this.optional) o.addNotes(this.notes, keep, this.rowArr);
    for (const g of this.groupColumns) g.addNotes(this.notes, keep, this.rowArr);

    // Compact candidates to used rows; recode customers in order of first use.
    const day = compactInt32(this.dayArr, n, used, keep);
    const amount = compactFloat64(this.amountArr, n, used, keep);
    const sourceRow = compactInt32(this.rowArr, n, used, keep);
    const oldCust = compactInt32(this.custArr, n, used, keep);
    const { codes: customer, labels: customers, map: newCode } = recode(oldCust, this.customerNames);

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
    const shortened = this.shortened.filter((x) => newCode[x.code] >= 0);
    if (shortened.length > 0) {
      ledger.shortenedNames = shortened.map((x) => newCode[x.code]);
      const first = shortened[0];
      this.warnings.push({
        code: "longNames",
        message: `${englishNumber(shortened.length)} customer ${shortened.length === 1 ? "name is" : "names are"} longer than the ${englishNumber(MAX_NAME_CHARS)} characters an Excel cell holds (the first, in row ${first.row}, has ${englishNumber(first.length)}): shown shortened, ending in "…", everywhere.`,
      });
    }
    if (this.warnings.length > 0) ledger.warnings = this.warnings;
    for (const o of this.optional) {
      columns[o.field] = o.col;
      o.store(ledger, n, used, keep, customer, customers.length);
    }
    for (const [field, col] of Object.entries(columns) as [Field, number][]) ledger.mapping[field] = this.detection.headers[col] || `column ${col + 1}`;
    for (const g of this.groupColumns) g.store(ledger, n, used, keep);
    return inCustomerOrder(ledger);
  }

  /**
   * Decides every number column's decimal mark (see `NumberColumnReader`), writes the decided value of pending
   * cells, and drops rows whose amount (or quantity, unit price) is written the other way; in optional columns such
   * values become missing.
   */
  private settleDecimalMarks(drop: Uint8Array, dropRow: (i: number, reason: ExclusionReason, column: string, cell: RawCell, why?: string) => void): void {
    const numberOptionals = this.optional.filter((o): o is NumberOptional => o instanceof NumberOptional);
    const required = this.amountReader ? [this.amountReader] : [this.qReader as NumberColumnReader, this.pReader as NumberColumnReader];
    const readers = [...required, ...numberOptionals.map((o) => o.reader)];
    if (readers.every((r) => r.mark === undefined && r.evidence() === undefined && r.pendingCount === 0)) return;
    resolveDecimalMarks(readers);
    const refuse = (r: NumberColumnReader) => (i: number, text: string, why: string) => dropRow(i, "amount is not a number", r.column, text, why);
    if (this.amountReader) this.amountReader.apply((i, v) => (this.amountArr[i] = v), refuse(this.amountReader));
    else {
      let changed = false;
      (this.qReader as NumberColumnReader).apply((i, v) => ((this.qArr[i] = v), (changed = true)), refuse(this.qReader as NumberColumnReader));
      (this.pReader as NumberColumnReader).apply((i, v) => ((this.pArr[i] = v), (changed = true)), refuse(this.pReader as NumberColumnReader));
      if (changed) {
        for (let i = 0; i < this.n; i++) {
          if (drop[i]) continue;
          const a = this.qArr[i] * this.pArr[i];
          if (Number.isFinite(a)) this.amountArr[i] = a;
          else dropRow(i, "amount is not a number", `${this.hQuantity} × ${this.hUnitPrice}`, undefined, "the product overflows");
        }
      }
    }
    for (const o of numberOptionals) {
      o.reader.apply(
        (i, v) => (o.values[i] = v),
        (i) => {
          o.values[i] = NaN;
          o.invalid.push(i);
        },
      );
    }
    for (const r of readers) {
      const note = r.note();
      if (note) this.notes.push(note);
    }
  }

  /**
   * Rows dated far outside the rest of the ledger are excluded with a warning (issue 17 item 5): beyond a gap of
   * more than 5 years and more than twice the span of the rows kept, on a side holding a minority of the rows.
   * Days are sorted only when the whole span exceeds 5 years.
   */
  private excludeFarDates(drop: Uint8Array, dropRow: (i: number, reason: ExclusionReason, column: string, cell: RawCell, why?: string, day?: Day, ref?: Day) => void): void {
    const n = this.n;
    let lo = Infinity;
    let hi = -Infinity;
    let live = 0;
    for (let i = 0; i < n; i++) {
      if (drop[i]) continue;
      const d = this.dayArr[i];
      if (d < lo) lo = d;
      if (d > hi) hi = d;
      live++;
    }
    if (live < 2 || hi - lo <= FAR_DATE_MIN_DAYS) return;
    const days = new Int32Array(live);
    for (let i = 0, k = 0; i < n; i++) if (!drop[i]) days[k++] = this.dayArr[i];
    days.sort();
    // Cut points: after a gap of more than 5 years. Two outliers must not hide each other (1924 and 2204 around a
    // 2022–2026 ledger), so every pair of cuts is tried: keep days[low..high) when each cut-off side is a minority
    // beyond a gap of more than twice the kept span; of the pairs that qualify, the one keeping most rows wins.
    const cuts: number[] = [];
    for (let k = 1; k < live && cuts.length <= MAX_FAR_CUTS; k++) if (days[k] - days[k - 1] > FAR_DATE_MIN_DAYS) cuts.push(k);
    if (cuts.length === 0 || cuts.length > MAX_FAR_CUTS) return; // no gap, or dates spread everywhere: nothing stands out
    let low = 0;
    let high = live;
    let best = -1;
    for (const j of [0, ...cuts]) {
      for (const k of [...cuts, live]) {
        if (k <= j || (j === 0 && k === live) || 2 * (k - j) <= live || k - j <= best) continue;
        const span = days[k - 1] - days[j];
        const farBefore = j === 0 || days[j] - days[j - 1] > 2 * span;
        const farAfter = k === live || days[k] - days[k - 1] > 2 * span;
        if (farBefore && farAfter) {
          best = k - j;
          low = j;
          high = k;
        }
      }
    }
    if (best < 0) return;
    const after = high < live ? days[high] : Infinity;
    const before = days[low];
    const lastKept = days[high - 1];
    const firstKept = days[low];
    let nAfter = 0;
    let nBefore = 0;
    let exAfter: { day: Day; row: number } | undefined;
    let exBefore: { day: Day; row: number } | undefined;
    for (let i = 0; i < n; i++) {
      if (drop[i]) continue;
      const d = this.dayArr[i];
      if (d >= after) {
        nAfter++;
        exAfter ??= { day: d, row: this.rowArr[i] };
        dropRow(i, "date far after the other rows", this.hDate, undefined, undefined, d, lastKept);
      } else if (d < before) {
        nBefore++;
        exBefore ??= { day: d, row: this.rowArr[i] };
        dropRow(i, "date far before the other rows", this.hDate, undefined, undefined, d, firstKept);
      }
    }
    const rows = (k: number) => `${englishNumber(k)} ${k === 1 ? "row" : "rows"}`;
    if (nAfter > 0 && exAfter) {
      this.warnings.push({
        code: "farDates",
        message: `${rows(nAfter)} dated far after the other rows (such as ${isoFromDay(exAfter.day)} in row ${exAfter.row}; the others end on ${isoFromDay(lastKept)}) were excluded as "date far after the other rows": a mistyped year? Correct the date to include them.`,
      });
    }
    if (nBefore > 0 && exBefore) {
      this.warnings.push({
        code: "farDates",
        message: `${rows(nBefore)} dated far before the other rows (such as ${isoFromDay(exBefore.day)} in row ${exBefore.row}; the others start on ${isoFromDay(firstKept)}) were excluded as "date far before the other rows": a mistyped year? Correct the date to include them.`,
      });
    }
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
      `${englishNumber(wide)} of ${englishNumber(nonBlank)} rows have more fields than the header (first: row ${first?.row}, ${first?.detail}). ` +
        `Values that contain the delimiter ${d} must be in quotes ("1,234.50"), or the file uses another delimiter: save it again as CSV from Excel, or fix those rows.`,
      { row: first?.row },
    );
  }

  private grow(cap: number): void {
    if (this.qReader) {
      this.qArr = growFloat64(this.qArr, cap);
      this.pArr = growFloat64(this.pArr, cap);
    }
    this.custArr = growInt32(this.custArr, cap);
    this.dayArr = growInt32(this.dayArr, cap);
    this.amountArr = growFloat64(this.amountArr, cap);
    this.rowArr = growInt32(this.rowArr, cap);
    for (const o of this.optional) o.grow(cap);
    for (const g of this.groupColumns) g.grow(cap);
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
        this.customerNames.push(display.length > MAX_NAME_CHARS ? this.shorten(display, code) : display);
      }
    }
    return code;
  }

  /**
   * A name longer than an Excel cell holds is shortened once, here, so the workbook, the pane and the JSON show the
   * same name (the key stays the whole name: two long names that differ late stay two customers).
   */
  private shorten(display: string, code: number): string {
    let cut = MAX_NAME_CHARS - 1;
    const c = display.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
    this.shortened.push({ code, length: display.length, row: this.firstDataRow + this.read - 1 });
    return `${display.slice(0, cut)}…`;
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
      case "date far after the other rows":
        detail = `${isoFromDay(day as Day)} is ${yearsBetween(asOf as Day, day as Day)} after the other rows' last date ${isoFromDay(asOf as Day)}`;
        break;
      case "date far before the other rows":
        detail = `${isoFromDay(day as Day)} is ${yearsBetween(day as Day, asOf as Day)} before the other rows' first date ${isoFromDay(asOf as Day)}`;
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

/** Largest capacity an `expectedRows` estimate may allocate up front (beyond it, columns grow as rows come). */
const MAX_INITIAL_ROWS = 20_000_000;

/** Characters an Excel cell holds; a longer customer name is shortened at ingestion (issue 17 item 11). */
export const MAX_NAME_CHARS = 32_767;

/** A date this many days (5 years) beyond the rest of the ledger, and beyond twice its span, is "far". */
const FAR_DATE_MIN_DAYS = 1826;
/** More gaps of over 5 years than this: the dates are spread everywhere and none is "far". */
const MAX_FAR_CUTS = 64;

/** "7,975 years" / "6.2 years" between two days. */
function yearsBetween(from: Day, to: Day): string {
  const y = (to - from) / 365.2425;
  return `${y >= 100 ? englishNumber(Math.round(y)) : y.toFixed(1)} years`;
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

/**
 * The first `n` values of a candidate column, without the rows `keep` drops (compacted in place: the builder is done
 * with it). A view of the same memory when little of it is left unused, else a copy that releases the rest.
 */
function compactInt32(a: Int32Array, n: number, used: number, keep?: Uint8Array): Int32Array {
  if (keep) for (let i = 0, j = 0; i < n; i++) if (keep[i]) a[j++] = a[i];
  return used * 1.25 >= a.length ? a.subarray(0, used) : a.slice(0, used);
}

function compactFloat64(a: Float64Array, n: number, used: number, keep?: Uint8Array): Float64Array {
  if (keep) for (let i = 0, j = 0; i < n; i++) if (keep[i]) a[j++] = a[i];
  return used * 1.25 >= a.length ? a.subarray(0, used) : a.slice(0, used);
}

/** Renumbers codes in order of first appearance, dropping labels no row uses; `map` is old code → new (-1: dropped). */
function recode(codes: Int32Array, labels: string[]): { codes: Int32Array; labels: string[]; map: Int32Array } {
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
  return { codes, labels: out, map };
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
      return new NumberOptional(field, col, header, new NumberColumnReader(header, options.decimal, options.keepExcludedPerReason ?? 1000));
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
  /** `take` of field k of a text file's batch (-1: the row is too short to have it). */
  takeField(i: number, batch: FieldBatch, k: number, sheetRow: number): void {
    this.take(i, k < 0 ? undefined : this.cells.of(batch, k, this.col), sheetRow);
  }
  private readonly cells = new LastField();
  /** Puts the used rows' values on the ledger. */
  abstract store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined, customer: Int32Array, customers: number): void;
  protected get kindWord(): string {
    return "not a number";
  }
  protected get noteName(): string {
    return this.field;
  }

  /** Notes like "dueDate (Due): 3 cells not a date (rows 5, 9, 12); read as missing." */
  addNotes(notes: string[], keep: Uint8Array | undefined, rows: Int32Array): void {
    const describe = (idx: number[], what: string) => {
      const live = keep ? idx.filter((i) => keep[i] === 1) : idx;
      if (live.length === 0) return;
      const shown = live.slice(0, 10).map((i) => rows[i]);
      notes.push(`${this.noteName} (${this.header}): ${live.length} ${live.length === 1 ? "cell" : "cells"} ${what} (${live.length === 1 ? "row" : "rows"} ${shown.join(", ")}${live.length > 10 ? ", …" : ""}); read as missing.`);
    };
    describe(this.errors, "with an error value");
    describe(this.invalid, this.kindWord);
  }
}

class NumberOptional extends OptionalColumn {
  values: Float64Array = new Float64Array(0);
  constructor(
    field: Field,
    col: number,
    header: string,
    readonly reader: NumberColumnReader,
  ) {
    super(field, col, header);
  }
  grow(cap: number): void {
    this.values = growFloat64(this.values, cap);
  }
  take(i: number, cell: RawCell, sheetRow: number): void {
    const v = this.reader.read(cell);
    if (typeof v === "number") {
      this.values[i] = v;
      this.reader.keep(i, sheetRow);
    } else {
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
  override takeField(i: number, batch: FieldBatch, k: number, sheetRow: number): void {
    const day = k >= 0 && batch.start[k] >= 0 ? isoDayFromBytes(batch.bytes, batch.start[k], batch.end[k]) : undefined;
    if (day !== undefined) this.values[i] = day; // (what `take` stores for an ISO date; it counts nothing)
    else super.takeField(i, batch, k, sheetRow);
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

/** `textHash` of the text whose characters are the bytes b[s, e) (the same number for ASCII bytes). */
function bytesHash(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * A text column's cells from a batch: the cell of a field with the same bytes as the last one is the last cell
 * itself, so a column whose rows repeat a value (an invoice's lines, a region) makes one string per run and the
 * reader's "same cell as the last" shortcut holds.
 */
class LastField {
  private bytes = new Uint8Array(64);
  private length = -1;
  private cell: RawCell = undefined;

  of(batch: FieldBatch, k: number, column: number): RawCell {
    const s = batch.start[k];
    if (s < 0) return batch.cell(k, column);
    const n = batch.end[k] - s;
    const b = batch.bytes;
    if (n === this.length) {
      let j = 0;
      while (j < n && this.bytes[j] === b[s + j]) j++;
      if (j === n) return this.cell;
    }
    this.cell = batch.cell(k, column);
    if (n <= this.bytes.length) {
      for (let j = 0; j < n; j++) this.bytes[j] = b[s + j];
      this.length = n;
    } else this.length = -1;
    return this.cell;
  }
}

/**
 * Customer codes by spelling: open addressing on `textHash`, each slot holding the hash, the code and where the
 * spelling's characters lie in one arena. A Map or an object finds a freshly read string through V8's string table,
 * and the spellings it compares with lie scattered over the heap: with 100,000 customers, most rows missed the
 * processor's caches several times (1.0 s of 2 M rows' 3.8 s reading). Here a row costs a probe of one slot and a
 * compare with the arena.
 */
class SpellingTable {
  /** Per slot: hash, code + 1 (0: empty), arena offset, length. */
  private slots = new Int32Array(4 * 1024);
  private chars = new Uint16Array(16 * 1024);
  private used = 0;
  private size = 0;

  get(s: string): number | undefined {
    const h = textHash(s);
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const n = s.length;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const q = at << 2;
      const code = slots[q + 1] - 1;
      if (code < 0) return undefined;
      if (slots[q] !== h || slots[q + 3] !== n) continue;
      const chars = this.chars;
      const o = slots[q + 2];
      let j = 0;
      while (j < n && chars[o + j] === s.charCodeAt(j)) j++;
      if (j === n) return code;
    }
  }

  /**
   * `get` of the spelling whose characters are ASCII bytes b[s, e) (other bytes are not found: ask `get`). The probe
   * is `get`'s, written out again so that each row's compare stays a plain loop over the bytes (no function passed in).
   */
  getBytes(b: Uint8Array, s: number, e: number): number | undefined {
    // (A UTF-8 byte must not meet a Latin-1 character of the arena: "é" as bytes C3 A9 is not "Ã©".)
    let high = 0;
    for (let k = s; k < e; k++) high |= b[k];
    if (high > 0x7f) return undefined;
    const h = bytesHash(b, s, e);
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const n = e - s;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const q = at << 2;
      const code = slots[q + 1] - 1;
      if (code < 0) return undefined;
      if (slots[q] !== h || slots[q + 3] !== n) continue;
      const chars = this.chars;
      const o = slots[q + 2];
      let j = 0;
      while (j < n && chars[o + j] === b[s + j]) j++;
      if (j === n) return code;
    }
  }

  /** Adds a spelling `get` did not find. */
  set(s: string, code: number): void {
    const n = s.length;
    if (this.used + n > this.chars.length) {
      const more = new Uint16Array(Math.max(2 * this.chars.length, this.used + n));
      more.set(this.chars.subarray(0, this.used));
      this.chars = more;
    }
    for (let j = 0; j < n; j++) this.chars[this.used + j] = s.charCodeAt(j);
    if (2 * (this.size + 1) > this.slots.length >> 2) {
      const old = this.slots;
      this.slots = new Int32Array(2 * old.length);
      for (let q = 0; q < old.length; q += 4) if (old[q + 1] !== 0) this.place(old[q], old[q + 1], old[q + 2], old[q + 3]);
    }
    this.place(textHash(s), code + 1, this.used, n);
    this.used += n;
    this.size++;
  }

  private place(h: number, codePlus1: number, offset: number, length: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let at = h & mask;
    while (slots[(at << 2) + 1] !== 0) at = (at + 1) & mask;
    const q = at << 2;
    slots[q] = h;
    slots[q + 1] = codePlus1;
    slots[q + 2] = offset;
    slots[q + 3] = length;
  }
}

/**
 * The invoice column: per row a code into the values read, one value per run of rows with the same invoice (rows of
 * one invoice come together), so a million rows of a few thousand invoices keep a few thousand strings. No lookup
 * by value: a ledger whose every row is its own invoice costs one string per row, as a plain list would.
 */
class TextOptional extends OptionalColumn {
  codes: Int32Array = new Int32Array(0);
  private readonly values: string[] = [];
  /** `textHash` per value, taken while the text is fresh in memory. */
  private hashes: Int32Array = new Int32Array(1024);
  private lastCell: RawCell = undefined;
  private lastCode = -1;
  grow(cap: number): void {
    this.codes = growInt32(this.codes, cap);
  }
  protected override get kindWord(): string {
    return "unreadable";
  }
  take(i: number, cell: RawCell): void {
    if (cell === this.lastCell && this.lastCode >= 0) {
      this.codes[i] = this.lastCode;
      return;
    }
    const error = excelError(cell) !== undefined;
    if (error) this.errors.push(i);
    const code = this.values.length;
    const text = error ? "" : customerDisplay(cell);
    this.values.push(text);
    if (code === this.hashes.length) this.hashes = growInt32(this.hashes, 2 * code);
    this.hashes[code] = text ? textHash(text) || 1 : 0;
    this.codes[i] = code;
    this.lastCell = error ? undefined : cell;
    this.lastCode = code;
  }
  store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined): void {
    const codes = compactInt32(this.codes, n, used, keep);
    const invoice = new Array<string>(used); // filled by index: pushing grows (and copies) a large array many times
    const invoiceHash = new Int32Array(used);
    for (let i = 0; i < used; i++) {
      invoice[i] = this.values[codes[i]];
      invoiceHash[i] = this.hashes[codes[i]];
    }
    ledger.invoice = invoice;
    ledger.invoiceHash = invoiceHash;
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

/**
 * A grouping column (region, sales rep, …; dependence by group): codes per row into its values, compared as customer
 * keys are (`North` = ` north `). Each distinct cell text is normalised once (a cache by the text as written), since
 * group values alternate from row to row.
 */
class GroupOptional extends OptionalColumn {
  codes: Int32Array = new Int32Array(0);
  private readonly byKey = new Map<string, number>();
  private readonly byCell = new Map<RawCell, number>();
  private readonly labels: string[] = [];
  private lastCell: RawCell = undefined;
  private lastCode = -1;
  constructor(
    col: number,
    header: string,
    readonly kind: GroupKind,
  ) {
    super("segmentBy", col, header);
  }
  protected override get kindWord(): string {
    return "unreadable";
  }
  protected override get noteName(): string {
    return "group";
  }
  grow(cap: number): void {
    this.codes = growInt32(this.codes, cap);
  }
  take(i: number, cell: RawCell): void {
    if (cell === this.lastCell && this.lastCode >= 0) {
      this.codes[i] = this.lastCode; // rows of one order come together
      return;
    }
    let code = this.byCell.get(cell);
    if (code === undefined) {
      let key = "";
      if (excelError(cell)) this.errors.push(i);
      else key = customerKey(customerDisplay(cell));
      code = this.byKey.get(key);
      if (code === undefined) {
        code = this.labels.length;
        this.byKey.set(key, code);
        this.labels.push(key === "" ? "" : customerDisplay(cell));
      }
      if (key !== "") this.byCell.set(cell, code);
    }
    this.codes[i] = code;
    if (this.labels[code] !== "") {
      this.lastCell = cell;
      this.lastCode = code;
    }
  }
  store(ledger: Ledger, n: number, used: number, keep: Uint8Array | undefined): void {
    const { codes, labels } = recode(compactInt32(this.codes, n, used, keep), this.labels);
    (ledger.groups ??= []).push({ header: this.header, column: this.col, kind: this.kind, codes, values: labels });
  }
}
