import { problem } from "../problems";
import type { ParseError } from "./cells";
import { describeCell } from "./cells";
import type { DecimalMark } from "./parse-number";
import { parseNumber } from "./parse-number";
import type { FieldBatch, RawCell } from "./types";
import { englishNumber } from "../i18n/format";

/**
 * Reads one column of numbers and settles its decimal mark over the whole column (issue 17 item 4), as
 * `DateColumnReader` settles d/m order:
 * - a text number readable one way only decides: `1,234.50`, `12.5`, `1,000,000` say `.`; `1.234,50`, `3,5`,
 *   `1.000.000` say `,`;
 * - one readable both ways with different values is pending: `12.000` (12 or 12,000), `1,234` (1,234 or 1.234);
 * - one that reads the same either way (`250`, a number cell) says nothing.
 * The column's mark is its evidence's (when at least 3/4 of the deciding values agree; the others are then not
 * numbers), else another number column's of the same ledger, else the user must choose (`decimal`): "ambiguous
 * columns get a clear error". A given `decimal` wins: values not readable with it are not numbers.
 *
 * `read` returns the value (the `.` reading for a pending cell), blank, or a ParseError; the caller passes each kept
 * value's candidate index to `keep` right after, so `finish` knows which rows to fix or refuse.
 */
export class NumberColumnReader {
  /** The mark in force once decided. */
  mark?: DecimalMark;
  /** How it was decided, for notes and messages. */
  decidedBy?: string;
  /** Kept cells readable only with `.` / only with `,`, and pending ones. */
  dotCount = 0;
  commaCount = 0;
  pendingCount = 0;
  private firstDot?: Example;
  private firstComma?: Example;
  private firstPending?: Example;
  // Candidate indices of kept evidence and pending cells; the other reading of pending cells.
  private readonly dotAt = new GrowingInt32();
  private readonly commaAt = new GrowingInt32();
  private readonly pendingAt = new GrowingInt32();
  private readonly pendingComma = new GrowingFloat64();
  /** Texts of the first kept cells of each kind by candidate index (for the messages of refused values). */
  private readonly texts = new Map<number, string>();
  // What the last `read` saw: 0 nothing to decide, 1 `.` only, 2 `,` only, 3 pending.
  private lastKind = 0;
  private lastOther = NaN;
  private lastCell: RawCell = undefined;

  constructor(
    /** Column header, for messages. */
    readonly column: string,
    readonly given?: DecimalMark,
    private readonly keepTexts = 1000,
  ) {
    this.mark = given;
    if (given) this.decidedBy = "the decimal option";
  }

  /** Reads one cell. Blank → undefined; a value; or a ParseError (an error value, or text that is no number either way). */
  read(cell: RawCell): number | undefined | ParseError {
    this.lastKind = 0;
    if (this.given || typeof cell !== "string" || !hasMark(cell)) return parseNumber(cell, this.given);
    if (onlyPointReading(cell)) {
      // The common case of a decimal-point ledger (2.55): one reading, no second parse.
      const v = parseNumber(cell, ".");
      if (typeof v === "number") {
        this.lastCell = cell;
        this.lastKind = 1;
      }
      return v;
    }
    const dot = parseNumber(cell, ".");
    const comma = parseNumber(cell, ",");
    const dotOk = typeof dot === "number";
    const commaOk = typeof comma === "number";
    this.lastCell = cell;
    if (dotOk && commaOk) {
      if (dot === comma) return dot;
      this.lastKind = 3;
      this.lastOther = comma;
      return dot;
    }
    if (dotOk) {
      this.lastKind = 1;
      return dot;
    }
    if (commaOk) {
      this.lastKind = 2;
      return comma;
    }
    // Neither: say why without blaming decimal commas, which this column may well use.
    return dot !== undefined && dot.kind === "invalid" && dot.why?.startsWith("a comma") ? { kind: "invalid", text: dot.text } : dot;
  }

  /**
   * `read` of a cell whose text is plain decimal ASCII (`plainDecimalBytes`) with no `.`, or with a `.` and other
   * than three digits after it, and whose value the caller has read: the same result and record. The cell's text
   * (field `k` of `batch`) is made only while examples are kept.
   */
  readPlain(value: number, point: boolean, batch: FieldBatch, k: number, column: number): number {
    this.lastKind = 0;
    if (this.given || !point) return value;
    this.lastKind = 1;
    this.lastCell = this.firstDot === undefined || this.texts.size < 3 * this.keepTexts ? batch.cell(k, column) : "";
    return value;
  }

  /** Records that the value just read belongs to kept candidate row `i`. */
  keep(i: number, row: number): void {
    const kind = this.lastKind;
    if (kind === 0) return;
    const text = typeof this.lastCell === "string" ? this.lastCell : "";
    if (kind === 1) {
      this.dotCount++;
      this.firstDot ??= { text, row };
      this.dotAt.push(i);
    } else if (kind === 2) {
      this.commaCount++;
      this.firstComma ??= { text, row };
      this.commaAt.push(i);
    } else {
      this.pendingCount++;
      this.firstPending ??= { text, row };
      this.pendingAt.push(i);
      this.pendingComma.push(this.lastOther);
    }
    if (this.texts.size < 3 * this.keepTexts) this.texts.set(i, text);
    this.lastKind = 0;
  }

  /** The mark this column's own values imply: a mark, "mixed" (no 3/4 majority), or undefined (no evidence). */
  evidence(): DecimalMark | "mixed" | undefined {
    const d = this.dotCount;
    const c = this.commaCount;
    if (d === 0 && c === 0) return undefined;
    if (d >= 3 * c) return ".";
    if (c >= 3 * d) return ",";
    return "mixed";
  }

  /**
   * After the mark is decided: writes the decided value of every pending cell through `set(i, value)`, and calls
   * `refuse(i, text, why)` for each kept cell readable only with the other mark.
   */
  apply(set: (i: number, value: number) => void, refuse: (i: number, text: string, why: string) => void): void {
    const mark = this.mark as DecimalMark;
    if (mark === ",") for (let k = 0; k < this.pendingAt.length; k++) set(this.pendingAt.a[k], this.pendingComma.a[k]);
    const wrong = mark === "." ? this.commaAt : this.dotAt;
    const why = `the column's decimal mark is '${mark}' (decided by ${this.decidedBy})`;
    for (let k = 0; k < wrong.length; k++) refuse(wrong.a[k], this.texts.get(wrong.a[k]) ?? "", why);
  }

  /** A note when the mark was worth saying: a decimal comma, a choice made for pending values, or refused values. */
  note(): string | undefined {
    if (!this.mark) return undefined;
    const wrong = this.mark === "." ? this.commaCount : this.dotCount;
    if (this.mark === "." && this.pendingCount === 0 && wrong === 0) return undefined;
    const how = this.mark === "," ? "',' as the decimal mark and '.' grouping thousands (1.234,50)" : "'.' as the decimal mark and ',' grouping thousands (1,234.50)";
    const refused = wrong > 0 ? `; ${englishNumber(wrong)} value(s) written the other way are not numbers` : "";
    return `${this.column}: numbers read with ${how}, decided by ${this.decidedBy}${refused}.`;
  }

  conflictMessage(): string {
    return (
      `Numbers in column '${this.column}' are written both ways: '${this.firstDot?.text}' (row ${this.firstDot?.row}) has '.' as its decimal mark ` +
      `and '${this.firstComma?.text}' (row ${this.firstComma?.row}) has ','. Choose the decimal mark (. or ,); values written the other way will be excluded.`
    );
  }

  /** The row whose value contradicts the column's first: the later of the first '.' and the first ',' example. */
  conflictRow(): number | undefined {
    return Math.max(this.firstDot?.row ?? 0, this.firstComma?.row ?? 0) || undefined;
  }

  /** The first row whose value reads both ways. */
  ambiguousRow(): number | undefined {
    return this.firstPending?.row;
  }

  ambiguityMessage(): string {
    const t = this.firstPending?.text ?? "";
    const [asDot, asComma] = [parseNumber(t, "."), parseNumber(t, ",")].map((v) => (typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 10 }) : describeCell(t)));
    return (
      `Numbers in column '${this.column}' can be read with '.' or ',' as the decimal mark (e.g. '${t}' in row ${this.firstPending?.row} is ${asDot} or ${asComma}), ` +
      `and no number in the ledger decides it. Choose the decimal mark (. or ,).`
    );
  }

  /** The first row the column was decided by, for `decidedBy` texts of other columns. */
  describeEvidence(mark: DecimalMark): string {
    const ex = mark === "." ? this.firstDot : this.firstComma;
    return `column '${this.column}' ('${ex?.text}' in row ${ex?.row})`;
  }
}

interface Example {
  text: string;
  row: number;
}

/**
 * Decides the decimal mark of every number column of one ledger: a column by its own values; a column with pending
 * values and no evidence by the column with the most evidence (one file, one locale).
 * @throws KaProblem "ambiguousNumberFormat" when a column's values disagree, or a pending column has nothing to go by.
 */
export function resolveDecimalMarks(readers: NumberColumnReader[]): void {
  let best: NumberColumnReader | undefined;
  for (const r of readers) {
    if (r.given) continue;
    const ev = r.evidence();
    if (ev === "mixed") throw problem("ambiguousNumberFormat", r.conflictMessage(), { path: r.column, row: r.conflictRow() });
    if (ev) {
      r.mark = ev;
      r.decidedBy = r.describeEvidence(ev);
      if (!best || r.dotCount + r.commaCount > best.dotCount + best.commaCount) best = r;
    }
  }
  for (const r of readers) {
    if (r.mark) continue;
    if (r.pendingCount === 0) {
      r.mark = ".";
      continue;
    }
    if (!best) throw problem("ambiguousNumberFormat", r.ambiguityMessage(), { path: r.column, row: r.ambiguousRow() });
    r.mark = best.mark;
    r.decidedBy = best.decidedBy;
  }
}

/**
 * True when `,` as the decimal mark cannot read the text: one `.`, no `,`, and not exactly three digits after the
 * `.` (with `,` as the mark, `.` groups thousands, and a group has three digits).
 */
function onlyPointReading(s: string): boolean {
  const p = s.indexOf(".");
  if (p < 0 || s.indexOf(",") >= 0 || s.indexOf(".", p + 1) >= 0) return false;
  let k = p + 1;
  while (k < s.length && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
  if (k - p - 1 === 3) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false; // full-width marks: the general path
  return true;
}

/** True when text holds a `.` or `,` (also full-width): the only marks whose role can differ. */
function hasMark(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 46 || c === 0xff0c || c === 0xff0e) return true;
  }
  return false;
}

class GrowingInt32 {
  a = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
}

class GrowingFloat64 {
  a = new Float64Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
}
