import type { Day } from "../day";
import { dayFromExcelSerial, dayFromYmd, isValidYmd } from "../day";
import { problem } from "../problems";
import type { ParseError } from "./cells";
import { excelError } from "./cells";
import type { RawCell } from "./types";

/**
 * Reading a date from a cell (docs/metrics.md#reading-a-ledger, "Dates"). A date is a UTC calendar `Day`; time of day
 * is dropped.
 *
 * Accepted, for years 1900–9999 (Excel's range):
 * - numbers: an integer with 8 digits is `yyyymmdd` when it is a real date (20240105 → 2024-01-05), and is
 *   otherwise not a date; any other number is an Excel serial, in [1, 2958466) for the 1900 date system
 *   or [0, 2957004) for the 1904 system (both end at 9999-12-31), its fraction (the time) dropped.
 *   There is no overlap to decide: the largest serial (2958465) has 7 digits, so an 8-digit number is never a
 *   serial; the precedence "valid yyyymmdd first" only matters for the message a bad 8-digit number gets.
 * - text: ISO `yyyy-mm-dd` (also `yyyy-m-d`), `yyyy/m/d`, `yyyy.m.d`, `yyyy年m月d日` (or `号`), 8-digit
 *   `yyyymmdd`, and `a/b/yyyy` with `/`, `-` or `.` — each optionally followed by a time
 *   (`HH:MM[:SS[.fff]]`, with `T` or spaces, optional AM/PM and `Z`/`±hh:mm`), which is ignored: the day is
 *   the calendar day as written, never shifted by a time zone. Full-width digits are read through NFKC.
 * - `a/b/yyyy`: day/month or month/day is decided for the whole column by `DateColumnReader`.
 *
 * Refused: numbers written as text other than 8-digit `yyyymmdd` (`"45292"` is not read as a serial: in a
 * CSV that would silently turn a year or a code into a date); two-digit years (`1/2/24`); month names
 * (`5-Jan-2024`); booleans; days that do not exist (`2023-02-29`).
 */

/** How `a/b/yyyy` is read: day first or month first. */
export type DateOrder = "dmy" | "mdy";

/** An `a/b/yyyy` date whose reading depends on the column's order. */
export interface SlashDate {
  kind: "slash";
  a: number;
  b: number;
  y: number;
  /** The cell as written (trimmed), for messages. */
  text: string;
}

/** What one date cell holds before the column's d/m order is known: a Day, blank, an error, or an `a/b/yyyy` date. */
export type DateScan = Day | undefined | ParseError | SlashDate;

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
/** 1900 system: serial 2958465 is 9999-12-31. */
const MAX_SERIAL_1900 = 2958466;
/** 1904 system: serial 2957003 is 9999-12-31. */
const MAX_SERIAL_1904 = 2957004;

function ymdDay(y: number, m: number, d: number): Day | undefined {
  return y >= MIN_YEAR && y <= MAX_YEAR && isValidYmd(y, m, d) ? dayFromYmd(y, m, d) : undefined;
}

/**
 * The day of a number cell: an 8-digit integer as `yyyymmdd`, else an Excel serial. Undefined when neither.
 * @example dayFromNumber(45292) // 2024-01-01 (serial, 1900 system)
 * @example dayFromNumber(20240101) // 2024-01-01 (yyyymmdd)
 */
export function dayFromNumber(n: number, date1904 = false): Day | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 10_000_000 && n < 100_000_000) {
    if (!Number.isInteger(n)) return undefined;
    return ymdDay(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  }
  if (date1904 ? n >= 0 && n < MAX_SERIAL_1904 : n >= 1 && n < MAX_SERIAL_1900) return dayFromExcelSerial(n, date1904);
  return undefined;
}

const TIME = String.raw`(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const CJK_TIME = String.raw`(?:\s*(?:上午|下午)?\s*\d{1,2}(?::\d{2}(?::\d{2})?|[时點点](?:\d{1,2}分(?:\d{1,2}秒)?)?))?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const ABY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);
const CJK = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]${CJK_TIME}$`);
const EIGHT = /^(\d{4})(\d{2})(\d{2})$/;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000; // -1000 poisons a sum, so one test catches any non-digit
}

/**
 * Fast path for `yyyy-mm-dd`, `yyyy-mm-dd HH:MM` and `yyyy-mm-dd HH:MM:SS` (also with `T`): character
 * codes, no regex, no allocation. Undefined when the text has another shape (the general path decides).
 */
function isoFast(s: string): Day | undefined | null {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 19) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (y < 0 || m < 0 || d < 0) return null;
  if (n > 10) {
    const sep = s.charCodeAt(10);
    if (sep !== 32 && sep !== 84 /* T */) return null;
    if (s.charCodeAt(13) !== 58 || digit(s, 11) * 10 + digit(s, 12) < 0 || digit(s, 14) * 10 + digit(s, 15) < 0) return null;
    if (n === 19 && (s.charCodeAt(16) !== 58 || digit(s, 17) * 10 + digit(s, 18) < 0)) return null;
  }
  return ymdDay(y, m, d);
}

/**
 * `isoFast` of ASCII bytes: the Day of `yyyy-mm-dd` (optionally ` HH:MM` or ` HH:MM:SS`, or with `T`), undefined for
 * any other bytes or no such day (read them as text then). For a text file's byte path.
 */
export function isoDayFromBytes(b: Uint8Array, s: number, e: number): Day | undefined {
  const n = e - s;
  if (n !== 10 && n !== 16 && n !== 19) return undefined;
  if (b[s + 4] !== 45 || b[s + 7] !== 45) return undefined;
  const y = byteDigit(b, s) * 1000 + byteDigit(b, s + 1) * 100 + byteDigit(b, s + 2) * 10 + byteDigit(b, s + 3);
  const m = byteDigit(b, s + 5) * 10 + byteDigit(b, s + 6);
  const d = byteDigit(b, s + 8) * 10 + byteDigit(b, s + 9);
  if (y < 0 || m < 0 || d < 0) return undefined;
  if (n > 10) {
    const sep = b[s + 10];
    if (sep !== 32 && sep !== 84 /* T */) return undefined;
    if (b[s + 13] !== 58 || byteDigit(b, s + 11) * 10 + byteDigit(b, s + 12) < 0 || byteDigit(b, s + 14) * 10 + byteDigit(b, s + 15) < 0) return undefined;
    if (n === 19 && (b[s + 16] !== 58 || byteDigit(b, s + 17) * 10 + byteDigit(b, s + 18) < 0)) return undefined;
  }
  return ymdDay(y, m, d);
}

function byteDigit(b: Uint8Array, i: number): number {
  const c = b[i] - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

/**
 * Reads one date cell without deciding `a/b/yyyy` order: a Day, `undefined` (blank), a ParseError, or a
 * `SlashDate` for the column reader to settle.
 * @example scanDate("2024-01-05 10:30") // 19727
 * @example scanDate("05/01/2024") // { kind: "slash", a: 5, b: 1, y: 2024, text: "05/01/2024" }
 */
export function scanDate(cell: RawCell, date1904 = false): DateScan {
  return scanDateInto(cell, date1904, undefined);
}

/**
 * `scanDate` that fills `scratch` (when given) for an `a/b/yyyy` date instead of allocating one: the column
 * reader reads a million slash dates without a million objects. The returned SlashDate is then `scratch`.
 */
function scanDateInto(cell: RawCell, date1904: boolean, scratch: SlashDate | undefined): DateScan {
  if (typeof cell === "string") {
    if (cell.length === 0) return undefined;
    const fast = isoFast(cell);
    if (fast !== null) return fast === undefined ? notADate(cell, "no such day") : fast;
    const out = scratch ?? { kind: "slash", a: 0, b: 0, y: 0, text: "" };
    if (slashFast(cell, out)) return out;
    return scanDateText(cell, scratch);
  }
  if (typeof cell === "number") {
    const day = dayFromNumber(cell, date1904);
    if (day !== undefined) return day;
    if (Number.isInteger(cell) && cell >= 10_000_000 && cell < 100_000_000) return notADate(String(cell), "not a valid yyyymmdd date");
    return notADate(String(cell), `not an Excel date serial (${date1904 ? "0" : "1"} to ${date1904 ? MAX_SERIAL_1904 - 1 : MAX_SERIAL_1900 - 1})`);
  }
  if (cell === null || cell === undefined) return undefined;
  return notADate(cell ? "TRUE" : "FALSE", "TRUE/FALSE is not a date");
}

function notADate(text: string, why?: string): ParseError {
  return { kind: "invalid", text, why };
}

/**
 * Fast path for `a/b/yyyy` (separator `/`, `-` or `.`), optionally followed by ` HH:MM` or ` HH:MM:SS`:
 * character codes, no regex. Fills `out` and returns true; false when the text has another shape.
 */
function slashFast(s: string, out: SlashDate): boolean {
  const n = s.length;
  if (n < 8) return false;
  let i = 0;
  let a = digit(s, i++);
  let d = digit(s, i);
  if (d >= 0) {
    a = a * 10 + d;
    i++;
  }
  const sep = s.charCodeAt(i++);
  if (a < 0 || (sep !== 47 && sep !== 45 && sep !== 46)) return false;
  let b = digit(s, i++);
  d = digit(s, i);
  if (d >= 0) {
    b = b * 10 + d;
    i++;
  }
  if (b < 0 || s.charCodeAt(i++) !== sep) return false;
  const y = digit(s, i) * 1000 + digit(s, i + 1) * 100 + digit(s, i + 2) * 10 + digit(s, i + 3);
  if (y < 0) return false;
  i += 4;
  if (i !== n) {
    const t = s.charCodeAt(i++);
    if (t !== 32 && t !== 84 /* T */) return false;
    let h = digit(s, i++);
    if (digit(s, i) >= 0) h = h * 10 + digit(s, i++);
    if (h < 0 || s.charCodeAt(i++) !== 58 || digit(s, i) * 10 + digit(s, i + 1) < 0) return false;
    i += 2;
    if (i !== n) {
      if (s.charCodeAt(i) !== 58 || digit(s, i + 1) * 10 + digit(s, i + 2) < 0 || i + 3 !== n) return false;
    }
  }
  out.a = a;
  out.b = b;
  out.y = y;
  out.text = s;
  return true;
}

function scanDateText(cell: string, scratch?: SlashDate): DateScan {
  const err = excelError(cell);
  if (err) return err;
  const t = cell.normalize("NFKC").trim();
  if (t.length === 0) return undefined;
  let m = YMD.exec(t);
  if (m) return ymdDay(Number(m[1]), Number(m[3]), Number(m[4])) ?? notADate(cell, "no such day");
  m = ABY.exec(t);
  if (m) {
    const out = scratch ?? { kind: "slash", a: 0, b: 0, y: 0, text: "" };
    out.a = Number(m[1]);
    out.b = Number(m[3]);
    out.y = Number(m[4]);
    out.text = t;
    return out;
  }
  m = CJK.exec(t);
  if (m) return ymdDay(Number(m[1]), Number(m[2]), Number(m[3])) ?? notADate(cell, "no such day");
  m = EIGHT.exec(t);
  if (m) return ymdDay(Number(m[1]), Number(m[2]), Number(m[3])) ?? notADate(cell, "not a valid yyyymmdd date");
  return notADate(cell);
}

/** The day of an `a/b/yyyy` date read in `order`; undefined when that reading is not a real date. */
export function slashDay(s: { a: number; b: number; y: number }, order: DateOrder): Day | undefined {
  return order === "dmy" ? ymdDay(s.y, s.b, s.a) : ymdDay(s.y, s.a, s.b);
}

/** `d/m/yyyy` or `m/d/yyyy`, for messages. */
export function orderLabel(order: DateOrder): string {
  return order === "dmy" ? "d/m/yyyy" : "m/d/yyyy";
}

/**
 * Pending `a/b/yyyy` dates (both readings valid, a ≠ b) are kept as numbers until the column's order is known:
 * `PENDING_BASE − (y·10000 + a·100 + b)`, which lies in (−1.1e9, −1.0e9): below every real Day, above `NO_DAY`,
 * inside Int32. Only `DateColumnReader` makes and resolves them.
 */
const PENDING_BASE = -1_000_000_000;
const PENDING_LIMIT = PENDING_BASE + 1; // values below this are pending

/** True when a value returned by `DateColumnReader.read` is still waiting for the column's order. */
export function isPendingDay(v: number): boolean {
  return v < PENDING_LIMIT && v > PENDING_BASE - 100_000_000;
}

interface Example {
  text: string;
  row: number;
}

/**
 * Reads one column of dates and settles `a/b/yyyy` for the whole column (docs/metrics.md#reading-a-ledger): a cell with
 * a first part above 12 can only be d/m/yyyy, one with a second part above 12 only m/d/yyyy. If the column has both, or
 * has only cells readable both ways, the user must choose (`dateOrder`), unless another column of the same ledger
 * decided it (see `resolveDateOrders`). A given `dateOrder` wins over the column: cells that are not dates in that
 * order are refused, with the order named in the reason.
 *
 * `read` returns a Day, `undefined` (blank), a ParseError, or a pending value (`isPendingDay`) that
 * `resolve` turns into a Day once `decide`/`resolveDateOrders` has run. Cells with a = b (5/5/2024) read the
 * same either way and are never pending.
 */
export class DateColumnReader {
  /** First cell that only d/m/yyyy can read, and how many. */
  dmy?: Example;
  dmyCount = 0;
  mdy?: Example;
  mdyCount = 0;
  /** First kept cell readable both ways, and how many kept cells are pending (see `keep`). */
  ambiguous?: Example;
  pendingCount = 0;
  /** How many `a/b/yyyy` cells were read. */
  slashCount = 0;
  /** The order in force once decided. */
  order?: DateOrder;
  /** How the order was decided, for the ledger notes. */
  decidedBy?: string;

  constructor(
    /** Column header, for messages. */
    readonly column: string,
    readonly date1904 = false,
    readonly given?: DateOrder,
  ) {
    this.order = given;
    if (given) this.decidedBy = "the dateOrder option";
  }

  private lastText = "";
  private lastCell: RawCell = undefined;
  private lastResult: Day | undefined | ParseError = undefined;
  private readonly scratch: SlashDate = { kind: "slash", a: 0, b: 0, y: 0, text: "" };

  /**
   * Counts a value from `read` that the caller keeps (its row is otherwise valid). Only kept pending values
   * make the column need an order: an ambiguous date in a row excluded for another reason does not.
   * Cells that decide an order count as evidence as soon as they are read.
   */
  keep(v: Day | undefined | ParseError, row: number): void {
    if (typeof v !== "number" || !isPendingDay(v)) return;
    this.pendingCount++;
    this.ambiguous ??= { text: this.lastText, row };
  }

  /**
   * Reads one cell; `row` is the sheet row, kept for the first example of each kind. A pending value must be
   * passed to `keep` right after (before the next `read`) if its row is kept.
   */
  read(cell: RawCell, row: number): Day | undefined | ParseError {
    // Rows of one order repeat its date: the same text as the last cell gives the same result. Only results that
    // count nothing are reused (a/b/yyyy cells count as evidence each time).
    if (cell === this.lastCell && cell !== undefined) return this.lastResult;
    const s = scanDateInto(cell, this.date1904, this.scratch);
    if (typeof s !== "object" || s.kind !== "slash") {
      this.lastCell = cell;
      this.lastResult = s;
      return s;
    }
    this.lastCell = undefined;
    this.slashCount++;
    const asDmy = slashDay(s, "dmy");
    const asMdy = slashDay(s, "mdy");
    if (this.given) {
      const day = this.given === "dmy" ? asDmy : asMdy;
      return day ?? notADate(s.text, `not a ${orderLabel(this.given)} date (dateOrder = ${this.given})`);
    }
    if (asDmy === undefined && asMdy === undefined) return notADate(s.text, "no such day as d/m/yyyy or m/d/yyyy");
    if (asDmy !== undefined && asMdy !== undefined) {
      if (asDmy === asMdy) return asDmy;
      this.lastText = s.text;
      return PENDING_BASE - (s.y * 10000 + s.a * 100 + s.b);
    }
    if (asDmy !== undefined) {
      this.dmyCount++;
      this.dmy ??= { text: s.text, row };
      return asDmy;
    }
    this.mdyCount++;
    this.mdy ??= { text: s.text, row };
    return asMdy;
  }

  /** The order the column's own cells imply: one order, "conflict", or undefined when they imply none. */
  evidence(): DateOrder | "conflict" | undefined {
    if (this.dmyCount > 0 && this.mdyCount > 0) return "conflict";
    if (this.dmyCount > 0) return "dmy";
    if (this.mdyCount > 0) return "mdy";
    return undefined;
  }

  /** The Day of a value from `read` (pending ones in the decided order). */
  resolve(v: number): Day {
    if (!isPendingDay(v)) return v;
    const packed = PENDING_BASE - v;
    const s = { y: Math.floor(packed / 10000), a: Math.floor(packed / 100) % 100, b: packed % 100 };
    // Both readings were checked valid when the cell was read, so the decided one is a real day.
    return slashDay(s, this.order as DateOrder) as Day;
  }

  conflictMessage(): string {
    return (
      `Dates in column '${this.column}' mix day/month/year and month/day/year: '${this.dmy?.text}' (row ${this.dmy?.row}) ` +
      `can only be d/m/yyyy and '${this.mdy?.text}' (row ${this.mdy?.row}) only m/d/yyyy. ` +
      `Choose the date order (dmy or mdy); dates that do not fit it will be excluded.`
    );
  }

  ambiguityMessage(): string {
    return (
      `Dates in column '${this.column}' can be read as day/month/year or as month/day/year (e.g. '${this.ambiguous?.text}' in row ${this.ambiguous?.row}), ` +
      `and no date in the column has a day above 12 to decide it. Choose the date order (dmy or mdy).`
    );
  }
}

/**
 * Decides the `a/b/yyyy` order of every date column of one ledger. A column decides by its own cells; a column
 * with pending cells and no evidence takes the order of the first other column that decided (one workbook,
 * one locale), and says so in `decidedBy`. Throws `KaProblem` "ambiguousDateOrder" when a column mixes both
 * orders, or when a column has pending cells and nothing decides it.
 */
export function resolveDateOrders(readers: DateColumnReader[]): void {
  for (const r of readers) {
    if (r.given) continue;
    const ev = r.evidence();
    if (ev === "conflict") throw problem("ambiguousDateOrder", r.conflictMessage(), { path: r.column, row: r.mdy?.row });
    if (ev) {
      r.order = ev;
      r.decidedBy = `column '${r.column}' ('${(ev === "dmy" ? r.dmy : r.mdy)?.text}' in row ${(ev === "dmy" ? r.dmy : r.mdy)?.row})`;
    }
  }
  for (const r of readers) {
    if (r.order || r.pendingCount === 0) continue;
    const other = readers.find((o) => o !== r && o.order && !o.given);
    if (!other) throw problem("ambiguousDateOrder", r.ambiguityMessage(), { path: r.column, row: r.ambiguous?.row });
    r.order = other.order;
    r.decidedBy = other.decidedBy;
  }
}

/**
 * Reads one date cell on its own (e.g. a function argument). An `a/b/yyyy` date uses `dateOrder`; without it,
 * the one reading that is a real date, or a ParseError when both are (`03/04/2024`).
 * @example parseDate("2024年1月5日") // 19727
 * @example parseDate("25/12/2024") // 2024-12-25 (only d/m/yyyy fits)
 */
export function parseDate(cell: RawCell, opts: { date1904?: boolean; dateOrder?: DateOrder } = {}): Day | undefined | ParseError {
  const s = scanDate(cell, opts.date1904);
  if (typeof s !== "object" || s.kind !== "slash") return s;
  if (opts.dateOrder) return slashDay(s, opts.dateOrder) ?? notADate(s.text, `not a ${orderLabel(opts.dateOrder)} date`);
  const asDmy = slashDay(s, "dmy");
  const asMdy = slashDay(s, "mdy");
  if (asDmy !== undefined && asMdy !== undefined && asDmy !== asMdy) return notADate(s.text, "day/month order is ambiguous; give the date order");
  return asDmy ?? asMdy ?? notADate(s.text, "no such day");
}

/**
 * Reads a whole column of date cells, settling `a/b/yyyy` over the column (see `DateColumnReader`).
 * Returns one entry per cell (Day, `undefined` for blank, or ParseError) and the order used, if any.
 * Throws `KaProblem` "ambiguousDateOrder" as `resolveDateOrders` does. `firstRow` numbers the cells in messages.
 */
export function parseDateColumn(
  cells: RawCell[],
  opts: { date1904?: boolean; dateOrder?: DateOrder; column?: string; firstRow?: number } = {},
): { days: (Day | undefined | ParseError)[]; order?: DateOrder } {
  const reader = new DateColumnReader(opts.column ?? "dates", opts.date1904, opts.dateOrder);
  const first = opts.firstRow ?? 1;
  const raw = cells.map((c, i) => {
    const v = reader.read(c, first + i);
    reader.keep(v, first + i);
    return v;
  });
  resolveDateOrders([reader]);
  return { days: raw.map((v) => (typeof v === "number" ? reader.resolve(v) : v)), order: reader.order };
}
