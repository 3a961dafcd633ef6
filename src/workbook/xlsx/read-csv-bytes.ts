/**
 * CSV records from bytes (ASCII or valid UTF-8), as `FieldBatch`es of byte ranges: the same records, fields and
 * rules as `CsvTokenizer` on the decoded text (read-csv-tokenizer.ts), without a string per field. UTF-8 never uses
 * a byte below 0x80 inside a character, so the delimiter, quotes and line breaks are found byte by byte.
 *
 * Measured on 2 M rows with 100,000 customers: the text tokenizer made ~12 million strings and row arrays, whose
 * allocation and collection were most of the reading.
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
    if (raw.charCodeAt(q + 1) === QUOTE) {
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
  // The arrays of the chunk being read (grown by `grow`).
  private start = new Int32Array(0);
  private end = new Int32Array(0);
  private firsts = new Int32Array(0);

  constructor(delimiter: string, partial?: Uint8Array) {
    this.d = delimiter.charCodeAt(0);
    if (partial) this.partial = partial;
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

  /** Twice the room for fields (keeping the first `fields`). */
  private grow(fields: number): void {
    const start = new Int32Array(2 * this.start.length);
    start.set(this.start.subarray(0, fields));
    this.start = start;
    const end = new Int32Array(2 * this.end.length);
    end.set(this.end.subarray(0, fields));
    this.end = end;
  }

  private scan(s: Buffer, last: boolean): Batch | undefined {
    const n = s.length;
    const D = this.d;
    // Sized from the last chunk's fields and records per byte (grown when a chunk holds more).
    this.start = new Int32Array(Math.ceil(n * this.fieldsPerByte * 1.125) + 64);
    this.end = new Int32Array(this.start.length);
    let firsts = new Int32Array(Math.ceil(n * this.rowsPerByte * 1.125) + 16);
    let start = this.start;
    let end = this.end;
    let cap = start.length;
    const quoted: string[] = [];
    const ascii = isAscii(s);
    let fields = 0;
    let rows = 0;
    let rowFields = 0; // fields of the record under way
    let recStart = 0;
    let i = 0;
    let c = 0;
    scanning: for (;;) {
      // At the start of a field.
      if (fields === cap) {
        this.grow(fields);
        start = this.start;
        end = this.end;
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
          this.records++;
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
            if (last) throw new UnterminatedQuote(this.records + 1);
            break scanning; // the closing quote (or what follows it) is still to come
          }
          if (s[q + 1] === QUOTE) {
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
        start[fields] = -1 - quoted.length;
        end[fields] = k;
        quoted.push(unquote(bytesText(s, i, k, ascii)));
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
        this.records++;
        recStart = n;
        break;
      }
      if (c === D) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !last) break; // an LF may follow in the next chunk
        i += s[i + 1] === LF ? 2 : 1;
      } else i++;
      if (rows + 2 > firsts.length) firsts = growInt32(firsts);
      rows++;
      firsts[rows] = fields;
      this.records++;
      rowFields = 0;
      recStart = i;
    }
    this.partial = recStart < n ? s.slice(recStart) : new Uint8Array(0);
    if (n > 4096) {
      this.fieldsPerByte = fields / n;
      this.rowsPerByte = rows / n;
    }
    if (rows === 0) return undefined;
    // Fields of the unfinished record are not in the batch: it is read again from its start with the next chunk.
    return new Batch(rows, s, firsts.subarray(0, rows + 1), start, end, quoted, ascii, this.skipped, this.skipBeyond);
  }
}

function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
