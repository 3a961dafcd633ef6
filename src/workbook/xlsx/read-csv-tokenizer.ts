/**
 * CSV records from text pushed chunk by chunk (RFC 4180, read the way Excel opens a file):
 * - a record ends at CR, LF or CR LF, each on its own, anywhere in the file (a file whose line ends change half-way
 *   reads whole — issue 17 item 1);
 * - a field starting with `"` is quoted: delimiters and line breaks inside are data, `""` is one quote; text after
 *   the closing quote is kept (`"a"b` reads `ab`, as Excel reads it); a quote inside an unquoted field
 *   is an ordinary character;
 * - an empty field is `null`; a blank line is `[null]`; fields are never trimmed.
 * Rows are handed over as they complete; the unfinished last record waits for the next chunk (it is re-read from
 * its start, so a record is never split across chunks).
 *
 * Columns the consumer does not read (`skipColumns`) are not copied out: a non-blank one is the shared
 * `SKIPPED_FIELD` text (Online Retail's description and stock code: two fields of eight, half of its characters).
 */
import type { CellRow } from "../port";

const QUOTE = 34;
/** The value of a non-blank field in a skipped column: not blank, and not the field's text. */
export const SKIPPED_FIELD = "(not read)";
const CR = 13;
const LF = 10;

/** A quoted field opened in `row` (1-based record number) is never closed. */
export class UnterminatedQuote extends Error {
  constructor(readonly row: number) {
    super(`a quoted field opened in row ${row} is never closed`);
  }
}

export class CsvTokenizer {
  /** Records completed so far (a line break inside quotes does not start a record). */
  records = 0;
  private partial = "";
  private readonly d: number;
  /** Per column: 1 when the consumer does not read it. */
  private skipped = new Uint8Array(0);
  /** Columns from this one on are not read. */
  private skipBeyond = Infinity;
  /** Fields of the first record (new rows are made that long up front). */
  private width = 1;

  constructor(readonly delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  /**
   * Columns whose text the consumer will not read: their non-blank fields become `SKIPPED_FIELD` (blank ones stay
   * null, so blank rows and ragged rows read as before). Columns beyond `readColumns`'s length are skipped too.
   */
  skipColumns(readColumns: readonly boolean[]): void {
    this.skipped = new Uint8Array(readColumns.length);
    for (let k = 0; k < readColumns.length; k++) this.skipped[k] = readColumns[k] ? 0 : 1;
    this.skipBeyond = readColumns.length;
  }

  /** The text of the unfinished record (for a reader that goes on as bytes); the tokenizer is not used after. */
  takePartial(): string {
    const p = this.partial;
    this.partial = "";
    return p;
  }

  /**
   * Appends the complete records of `text` (after what was left over) to `out`. `last` ends the input: the final
   * record is completed even without a line break.
   * @throws UnterminatedQuote when the input ends inside a quoted field
   */
  push(text: string, last: boolean, out: CellRow[]): void {
    let from = 0;
    if (this.partial.length > 0 && !last && text.indexOf("\n") < 0 && text.indexOf("\r") < 0) {
      // No line break: the unfinished record cannot end here (a 10 MB name), so it grows without being re-read.
      this.partial += text;
      return;
    }
    if (this.partial.length > 0) {
      // Finish the record left over from the last chunk on a short head of this one, then read the rest of `text`
      // itself: scanning `partial + text` would run over a concatenated (cons) string, several times slower.
      for (let take = Math.min(text.length, 4096); ; take = Math.min(text.length, take * 8)) {
        const whole = take === text.length;
        const head = this.partial + text.substring(0, take);
        const done = this.scan(head, 0, whole && last, out, 1);
        if (done > 0) {
          if (done < this.partial.length) {
            // The record ended inside what was left over (a CR that waited for a possible LF): read the rest of it
            // with this text.
            text = this.partial.substring(done) + text;
            from = 0;
          } else from = done - this.partial.length;
          this.partial = "";
          break;
        }
        if (whole) {
          this.partial = head; // still unfinished (only when more input is to come)
          return;
        }
      }
    }
    const rest = this.scan(text, from, last, out, Infinity);
    this.partial = rest < text.length ? text.substring(rest) : "";
  }

  /**
   * Reads records of `s` from `i` into `out`, at most `limit` of them; returns where the first unread record
   * starts (`s.length` when every character was used).
   */
  private scan(s: string, i: number, last: boolean, out: CellRow[], limit: number): number {
    const n = s.length;
    const D = this.d;
    let recStart = i;
    const skipped = this.skipped;
    const skipBeyond = this.skipBeyond;
    let width = this.width;
    let row: CellRow = new Array(width);
    let col = 0;
    let c = 0;
    let taken = 0;
    const delimiter = this.delimiter;
    // The next LF, CR and quote at or after `i` (n: none left), each searched again only once `i` has passed it.
    let nextLF = -1;
    let nextCR = -1;
    let nextQuote = -1;
    const after = (what: string, from: number) => {
      const at = s.indexOf(what, from);
      return at < 0 ? n : at;
    };
    for (;;) {
      if (col === 0 && i < n) {
        // Fast path: a record with no quote and no lone CR before its LF; fields are found by indexOf (a native scan).
        if (nextLF < i) nextLF = after("\n", i);
        if (nextLF < n) {
          if (nextQuote < i) nextQuote = after('"', i);
          if (nextCR < i) nextCR = after("\r", i);
          if (nextQuote > nextLF && (nextCR > nextLF || nextCR === nextLF - 1)) {
            const end = nextCR === nextLF - 1 ? nextCR : nextLF;
            let f = i;
            for (;;) {
              let k = s.indexOf(delimiter, f);
              if (k < 0 || k > end) k = end;
              row[col] = k === f ? null : col >= skipBeyond || skipped[col] === 1 ? SKIPPED_FIELD : s.substring(f, k);
              col++;
              if (k === end) break;
              f = k + 1;
            }
            i = nextLF + 1;
            if (col !== row.length) row.length = col;
            if (this.records === 0) this.width = width = col;
            out.push(row);
            this.records++;
            recStart = i;
            if (++taken >= limit) break;
            row = new Array(width);
            col = 0;
            continue;
          }
        }
      }
      // At the start of a field.
      if (i >= n) {
        if (!last) break;
        if (col > 0) {
          row[col++] = null; // the line ended with a delimiter
          if (col !== row.length) row.length = col;
          out.push(row);
          this.records++;
        }
        recStart = n;
        break;
      }
      c = s.charCodeAt(i);
      if (c === QUOTE) {
        let value = "";
        let from = i + 1;
        let j = from;
        let closed = false;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0 || (q + 1 >= n && !last)) break; // the closing quote (or what follows it) is still to come
          if (s.charCodeAt(q + 1) === QUOTE) {
            value += s.substring(from, q + 1);
            j = from = q + 2;
            continue;
          }
          value += s.substring(from, q);
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (last) throw new UnterminatedQuote(this.records + 1);
          break;
        }
        let k = i;
        while (k < n) {
          c = s.charCodeAt(k);
          if (c === D || c === CR || c === LF) break;
          k++;
        }
        if (k > i) value += s.substring(i, k);
        i = k;
        row[col] = value === "" ? null : col >= skipBeyond || skipped[col] === 1 ? SKIPPED_FIELD : value;
        col++;
      } else {
        let k = i;
        while (k < n) {
          c = s.charCodeAt(k);
          if (c === D || c === CR || c === LF) break;
          k++;
        }
        row[col] = k === i ? null : col >= skipBeyond || skipped[col] === 1 ? SKIPPED_FIELD : s.substring(i, k);
        col++;
        i = k;
      }
      // After a field: a delimiter, a line break, or the end of the text.
      if (i >= n) {
        if (!last) break;
        if (col !== row.length) row.length = col;
        out.push(row);
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
        i += s.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i++;
      if (col !== row.length) row.length = col;
      if (this.records === 0) this.width = width = col; // the header's width: rows are made that long up front
      out.push(row);
      this.records++;
      recStart = i;
      if (++taken >= limit) break;
      row = new Array(width);
      col = 0;
    }
    return recStart;
  }
}

const CANDIDATE_DELIMITERS = [",", "\t", ";", "|"];

/**
 * Tab for `.tsv`/`.tab`; otherwise the candidate (`,` tab `;` `|`) that splits the first records most consistently
 * into two or more fields (most records with the same count, then more fields, then the order above); comma when
 * none does. `complete` says the sample is the whole file (else its unfinished last record is not judged).
 */
export function sniffDelimiter(name: string, sample: string, complete: boolean): string {
  if (name.endsWith(".tsv") || name.endsWith(".tab")) return "\t";
  let best = { d: ",", consistency: 0, fields: 1 };
  for (const d of CANDIDATE_DELIMITERS) {
    const records: CellRow[] = [];
    try {
      new CsvTokenizer(d).push(sample, complete, records);
    } catch {
      continue; // an unterminated quote: judged when the file is read
    }
    const counts = records.filter((r) => !(r.length === 1 && r[0] === null)).slice(0, 50).map((r) => r.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [c, k] of freq) if (k > modalCount || (k === modalCount && c > modal)) [modal, modalCount] = [c, k];
    const consistency = modalCount / counts.length;
    if (modal < 2) continue;
    if (consistency > best.consistency || (consistency === best.consistency && modal > best.fields)) best = { d, consistency, fields: modal };
  }
  return best.d;
}
