/**
 * CSV records from bytes (ASCII or valid UTF-8), as `FieldBatch`es of byte ranges: the same records, fields and
 * rules as `CsvTokenizer` on the decoded text (read-csv-tokenizer.ts), without a string per field. UTF-8 never uses
 * a byte below 0x80 inside a character, so the delimiter, quotes and line breaks are found byte by byte.
 *
 * Why: on 2 M rows of six columns the text path makes 12 million field strings and 2 million row arrays, and the
 * builder then hashes each customer string through V8's string table; here a plain row's fields are read where they
 * lie, and a string is made only for a value the ledger keeps (a new customer's name, an invoice number). The read
 * went from 3.55 to 3.0–3.35 s (with the builder's spellings table, from 3.8 s).
 */
import { isAscii } from "buffer";
import type { FieldBatch, RawCell } from "../../engine/ledger/types";
import type { CellRow } from "../port";
import { SKIPPED_FIELD, UnterminatedQuote } from "./read-csv-tokenizer";

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Node's Buffer methods behind `toString(encoding, start, end)`, called without its checks (a field per call). */
interface SliceMethods {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The text of bytes[s, e) (ASCII or valid UTF-8). */
export function bytesText(bytes: Buffer, s: number, e: number, ascii: boolean): string {
  const b = bytes as unknown as SliceMethods;
  return ascii ? b.latin1Slice(s, e) : b.utf8Slice(s, e);
}

/** A quoted field's value from its text (opening quote to the field's end): `""` is one quote; text after the closing quote is kept. */
function unquote(raw: string): string {
  let value = "";
  let from = 1;
  let j = 1;
  for (;;) {
    const q = raw.indexOf('"', j);
    if (q < 0) return value + raw.substring(from); // (the caller found the closing quote)
    if (q + 1 < raw.length && raw.charCodeAt(q + 1) === QUOTE) {
      value += raw.substring(from, q + 1);
      j = from = q + 2;
      continue;
    }
    return value + raw.substring(from, q) + raw.substring(q + 1);
  }
}

class Batch implements FieldBatch {
  constructor(
    readonly rows: number,
    readonly bytes: Buffer,
    readonly first: Int32Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    private readonly quoted: string[],
    /** Every byte is ASCII (a Latin-1 copy makes the text). */
    private readonly ascii: boolean,
    private readonly skipped: Uint8Array,
    private readonly skipBeyond: number,
  ) {}

  cell(k: number, column: number): RawCell {
    const s = this.start[k];
    const value = s < 0 ? this.quoted[-1 - s] : s === this.end[k] ? "" : undefined;
    if (value === "") return null;
    if (column >= this.skipBeyond || this.skipped[column] === 1) return SKIPPED_FIELD;
    return value ?? bytesText(this.bytes, s, this.end[k], this.ascii);
  }

  /** Row r as a `CellRow`. */
  row(r: number): CellRow {
    const a = this.first[r];
    const b = this.first[r + 1];
    const row: CellRow = new Array(b - a);
    for (let k = a; k < b; k++) row[k - a] = this.cell(k, k - a);
    return row;
  }

  /** Rows [from, to) as a batch of their own (shares the arrays). */
  slice(from: number, to: number): Batch {
    return new Batch(to - from, this.bytes, this.first.subarray(from, to + 1), this.start, this.end, this.quoted, this.ascii, this.skipped, this.skipBeyond);
  }

  /** True when every field of row r is blank (the text reader's `[null, …]`). */
  blank(r: number): boolean {
    for (let k = this.first[r]; k < this.first[r + 1]; k++) {
      const s = this.start[k];
      if (s < 0 ? this.quoted[-1 - s] !== "" : s !== this.end[k]) return false;
    }
    return true;
  }
}

export type { Batch as CsvByteBatch };

export class CsvByteTokenizer {
  /** Records completed so far. */
  records = 0;
  private partial: Uint8Array = new Uint8Array(0);
  /** Chunks with no line break, waiting behind `partial` (a 10 MB name grows without being re-read). */
  private waiting: Uint8Array[] = [];
  private readonly d: number;
  private skipped = new Uint8Array(0);
  private skipBeyond = Infinity;
  /** Fields and records per byte of the last chunk, to size the next chunk's arrays. */
  private fieldsPerByte = 0.25;
  private rowsPerByte = 1 / 16;
  private readonly state = new ScanState();

  constructor(delimiter: string, partial?: Uint8Array) {
    this.d = delimiter.charCodeAt(0);
    if (partial) this.partial = partial;
    warmUp();
  }

  /** As `CsvTokenizer.skipColumns`. */
  skipColumns(readColumns: readonly boolean[]): void {
    this.skipped = new Uint8Array(readColumns.length);
    for (let k = 0; k < readColumns.length; k++) this.skipped[k] = readColumns[k] ? 0 : 1;
    this.skipBeyond = readColumns.length;
  }

  /** The bytes of the unfinished record (for a reader that goes on as text). */
  takePartial(): Uint8Array {
    const p = this.joinWaiting();
    this.partial = new Uint8Array(0);
    return p;
  }

  private joinWaiting(): Uint8Array {
    if (this.waiting.length === 0) return this.partial;
    const parts = [this.partial, ...this.waiting];
    this.waiting = [];
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    this.partial = all;
    return all;
  }

  /**
   * The complete records of `chunk` (after what was left over) as a batch; `last` ends the input.
   * @throws UnterminatedQuote when the input ends inside a quoted field
   */
  push(chunk: Uint8Array, last: boolean): Batch | undefined {
    if ((this.partial.length > 0 || this.waiting.length > 0) && !last && chunk.indexOf(LF) < 0 && chunk.indexOf(CR) < 0) {
      this.waiting.push(chunk.slice());
      return undefined;
    }
    const head = this.joinWaiting();
    let s = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (head.length > 0) {
      s = Buffer.allocUnsafe(head.length + chunk.length);
      s.set(head);
      s.set(chunk, head.length);
    }
    return this.scan(s, last);
  }

  private scan(s: Buffer, last: boolean): Batch | undefined {
    const n = s.length;
    // Sized from the last chunk's fields and records per byte (grown when a chunk holds more).
    const st = this.state;
    st.start = new Int32Array(Math.ceil(n * this.fieldsPerByte * 1.125) + 64);
    st.end = new Int32Array(st.start.length);
    st.firsts = new Int32Array(Math.ceil(n * this.rowsPerByte * 1.125) + 16);
    st.quoted = [""]; // (an array of strings from the start: V8 keeps one kind of elements for it)
    st.quoted.length = 0;
    st.ascii = isAscii(s);
    st.fields = 0;
    st.rows = 0;
    st.records = this.records;
    const recStart = findFields(st, s, this.d, last);
    this.records = st.records;
    this.partial = recStart < n ? s.slice(recStart) : new Uint8Array(0);
    if (n > 4096) {
      this.fieldsPerByte = st.fields / n;
      this.rowsPerByte = st.rows / n;
    }
    if (st.rows === 0) return undefined;
    // Fields of the unfinished record are not in the batch: it is read again from its start with the next chunk.
    return new Batch(st.rows, s, st.firsts.subarray(0, st.rows + 1), st.start, st.end, st.quoted, st.ascii, this.skipped, this.skipBeyond);
  }
}

/** The arrays one chunk's records are found into, and how far they are filled. */
class ScanState {
  start: Int32Array<ArrayBuffer> = new Int32Array(0);
  end: Int32Array<ArrayBuffer> = new Int32Array(0);
  firsts: Int32Array<ArrayBuffer> = new Int32Array(0);
  quoted: string[] = [];
  ascii = true;
  fields = 0;
  rows = 0;
  records = 0;
}

/**
 * Finds the records of s into `st` (a loop of its own, so that V8 keeps it compiled whatever the code around it
 * sees); returns where the first unfinished record starts (s.length when none is).
 * @throws UnterminatedQuote when the input ends inside a quoted field
 */
function findFields(st: ScanState, s: Buffer, D: number, last: boolean): number {
  const n = s.length;
  let start = st.start;
  let end = st.end;
  let firsts = st.firsts;
  let cap = start.length;
  let fields = 0;
  let rows = 0;
  let rowFields = 0; // fields of the record under way
  let recStart = 0;
  let i = 0;
  let c = 0;
  scanning: for (;;) {
    // At the start of a field.
    if (fields === cap) {
      start = growInt32(start);
      end = growInt32(end);
      cap = start.length;
    }
    if (i >= n) {
      if (!last) break;
      if (rowFields > 0) {
        // The line ended with a delimiter: one more (blank) field.
        start[fields] = end[fields] = i;
        fields++;
        if (rows + 2 > firsts.length) firsts = growInt32(firsts);
        rows++;
        firsts[rows] = fields;
        st.records++;
      }
      recStart = n;
      break;
    }
    c = s[i];
    if (c === QUOTE) {
      // The closing quote: a quote not followed by another.
      let q = i + 1;
      for (;;) {
        while (q < n && s[q] !== QUOTE) q++;
        if (q >= n || (q + 1 >= n && !last)) {
          if (last) throw new UnterminatedQuote(st.records + 1);
          break scanning; // the closing quote (or what follows it) is still to come
        }
        if (q + 1 < n && s[q + 1] === QUOTE) {
          q += 2;
          continue;
        }
        break;
      }
      let k = q + 1;
      while (k < n) {
        c = s[k];
        if (c === D || c === CR || c === LF) break;
        k++;
      }
      start[fields] = -1 - st.quoted.length;
      end[fields] = k;
      st.quoted.push(unquote(bytesText(s, i, k, st.ascii)));
      i = k;
    } else {
      let k = i;
      while (k < n) {
        c = s[k];
        if (c === D || c === CR || c === LF) break;
        k++;
      }
      start[fields] = i;
      end[fields] = k;
      i = k;
    }
    fields++;
    rowFields++;
    // After a field: a delimiter, a line break, or the end of the bytes.
    if (i >= n) {
      if (!last) break;
      if (rows + 2 > firsts.length) firsts = growInt32(firsts);
      rows++;
      firsts[rows] = fields;
      st.records++;
      recStart = n;
      break;
    }
    if (c === D) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n && !last) break; // an LF may follow in the next chunk
      i += i + 1 < n && s[i + 1] === LF ? 2 : 1;
    } else i++;
    if (rows + 2 > firsts.length) firsts = growInt32(firsts);
    rows++;
    firsts[rows] = fields;
    st.records++;
    rowFields = 0;
    recStart = i;
  }
  st.start = start;
  st.end = end;
  st.firsts = firsts;
  st.fields = fields;
  st.rows = rows;
  return recStart;
}

let warm = false;

/**
 * Runs the tokenizer once over a few bytes that take every branch (quotes, a doubled quote, text after a closing
 * quote, CR, CR LF, LF, a record cut at the end of a chunk, the last chunk, UTF-8), before the first file: V8 compiles the
 * hot loop while the first chunk is read, and each branch it had not yet seen taken (a quote, a CR, the batch made
 * at the end) threw the compiled loop away and read on in the interpreter — Online Retail's first tokenizing took
 * 275 ms against 123 ms once warm.
 */
function warmUp(): void {
  if (warm) return;
  warm = true;
  const t = new CsvByteTokenizer(",");
  t.skipColumns([true, false]);
  const text = 'a,"b""c"d,\r\ne\rf,g\n"h\ni",j\n1,2';
  for (const cut of [text.length, 9, 17]) {
    const u = new CsvByteTokenizer(",");
    const one = u.push(Buffer.from(text.slice(0, cut)), false);
    const two = u.push(Buffer.from(text.slice(cut)), true);
    for (const b of [one, two]) if (b) for (let r = 0; r < b.rows; r++) b.row(r);
  }
  t.push(Buffer.from(text), true);
  new CsvByteTokenizer(",").push(Buffer.from(`é,"ü""x"\n${text}`), true); // (UTF-8 fields)
  new CsvByteTokenizer(",").push(Buffer.from(`${text}\n`), true);
  new CsvByteTokenizer(",").push(Buffer.from(`${text},`), true);
}

/** Twice the room, the values kept. */
function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
