/**
 * Streaming CSV/TSV ledger reader: bytes (gunzipped when they are gzip) → text in the encoding the content decides
 * (`read-csv-decoding.ts`) → records (`read-csv-tokenizer.ts`), chunk by chunk, pulled by the consumer: a file is
 * never held whole, neither as text nor as rows. While the bytes are plain ASCII or UTF-8, the records are found in
 * the bytes themselves instead (`read-csv-bytes.ts`) and handed over as byte ranges (`LedgerSource.batches`).
 *
 * Why its own tokenizer and not papaparse's: papaparse fixes the line break from the first chunk (a file whose line
 * ends change half-way lost every later row into one field), and measured on Online Retail (541,909 rows, 45.6 MB
 * after gunzip) a character loop with `substring` fields costs less than papaparse's parser (bench/readers.ts).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import type { FieldBatch, TextFileReading } from "../../engine/ledger/types";
import { isKaProblem, problem } from "../../engine/problems";
import type { CellRow, LedgerSource } from "../port";
import { ContentDecoder, ENCODING_LABEL, judgeEncoding } from "./read-csv-decoding";
import type { TextEncodingName } from "./read-csv-decoding";
import { CsvTokenizer, sniffDelimiter, UnterminatedQuote } from "./read-csv-tokenizer";
import { isBlankRow, ROW_ARRAYS, sourceFromParts } from "./rows";
import type { PartKind } from "./rows";
import { CsvByteTokenizer } from "./read-csv-bytes";
import type { CsvByteBatch } from "./read-csv-bytes";
import { englishNumber } from "../../engine/i18n/format";

export { sniffDelimiter } from "./read-csv-tokenizer";

export interface CsvReadOptions {
  /** Field delimiter. Default: tab for `.tsv`/`.tab` (also gzipped), otherwise sniffed among `,` tab `;` `|`. */
  delimiter?: string;
  /** Text encoding. Default: from a byte-order mark, else decided from the content (see read-csv-decoding.ts). */
  encoding?: TextEncodingName;
  /** Bytes read at a time (default 256 KiB). */
  chunkBytes?: number;
  /** Read every byte as decoded text, never as bytes (the reference the byte path is tested against). */
  textOnly?: boolean;
}

/** What the reader learnt about a text file (encoding complete once its rows have been read): shown on KA About. */
export type TextFileInfo = TextFileReading;

const GZIP_MAGIC = [0x1f, 0x8b];
/** Bytes decoded into one string at a time. */
const TEXT_PIECE_BYTES = 48 * 1024;
/** Text gathered before the delimiter is decided. */
const SNIFF_CHARS = 16 * 1024;

/**
 * Opens a CSV/TSV file (optionally gzip-compressed, detected from its bytes) as a ledger source.
 * Cells are strings exactly as in the file (no trimming, no number parsing: the ledger parses); empty fields are null.
 * Row numbers count records (a quoted field may span lines), as Excel numbers rows when it opens the file.
 * `text` on the source (encoding, delimiter) is complete once the rows have been read.
 *
 * @throws KaProblem "fileUnreadable" when the file is missing, unreadable, corrupt gzip or has an unterminated quote
 * @throws KaProblem "noRows" when the file has no non-blank row
 * @example
 * const src = await openCsvLedger("/data/online-retail.csv.gz");
 * src.header; // ["InvoiceNo", "StockCode", ...]
 * for await (const chunk of src.rows) for (const row of chunk) use(row);
 */
export async function openCsvLedger(file: string, opts: CsvReadOptions = {}): Promise<LedgerSource & { text: TextFileInfo; batches: AsyncIterable<CellRow[] | FieldBatch> }> {
  await assertReadableFile(file);
  const notes: string[] = [];
  const text: TextFileInfo = { encoding: "ASCII", delimiter: opts.delimiter ?? "," };
  const state: ReadState = { bytes: 0, records: 0 };
  const source = await csvSource(readCsvParts(file, opts, notes, text, state), { label: path.basename(file), sheets: [], date1904: false, notes });
  // Rows to expect: the text's size (a gzip file states it in its last 4 bytes) at the rows per byte read so far.
  let estimatedRows: number | undefined;
  const size = state.gzip ? await gzipStatedSize(file) : (await fs.promises.stat(file)).size;
  if (state.bytes > 0 && state.records > 0 && size > 0) estimatedRows = Math.ceil((size * state.records) / state.bytes);
  return Object.assign(source, {
    text,
    estimatedRows,
    onlyColumns(columns: readonly number[]) {
      state.columns = columns;
    },
  });
}

/** Shared between the source and its reading: the columns the consumer reads, and how far the text has been read. */
interface ReadState {
  /** Set by `LedgerSource.onlyColumns` once the header is known. */
  columns?: readonly number[];
  /** Text bytes (after gunzip) tokenized so far, and the records they held. */
  bytes: number;
  records: number;
  gzip?: boolean;
}

/** The uncompressed size a gzip file states in its last 4 bytes (modulo 4 GiB; 0 when unreadable). */
async function gzipStatedSize(file: string): Promise<number> {
  const fh = await fs.promises.open(file, "r");
  try {
    const { size } = await fh.stat();
    if (size < 18) return 0;
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, size - 4);
    return buf.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}

/**
 * Every record of a CSV/TSV file from row 1 (header included), in chunks; empty fields are null, a blank line is `[null]`.
 * `notes` receives what the reader decided (encoding other than UTF-8/ASCII, bytes not valid in it, delimiter
 * sniffed); `info` the encoding and delimiter.
 */
export async function* readCsvRows(
  file: string,
  opts: CsvReadOptions = {},
  notes: string[] = [],
  info?: TextFileInfo,
  state: ReadState = { bytes: 0, records: 0 },
): AsyncGenerator<CellRow[], void, undefined> {
  for await (const part of readCsvParts(file, opts, notes, info, state)) yield Array.isArray(part) ? part : rowsOfBatch(part, 0, part.rows, false);
}

/** Rows [from, to) of a batch as `CellRow`s; with `shaped`, a blank row is `[]` (as `LedgerSource.rows` gives it). */
function rowsOfBatch(batch: CsvByteBatch, from: number, to: number, shaped: boolean): CellRow[] {
  const out: CellRow[] = new Array(to - from);
  for (let r = from; r < to; r++) out[r - from] = shaped && batch.blank(r) ? [] : batch.row(r);
  return out;
}

/** A piece of the records: rows as text, or (the byte path) a batch of byte ranges. */
type Part = CellRow[] | CsvByteBatch;

/**
 * `readCsvRows`'s records as parts. The text is read as bytes (`CsvByteTokenizer`) while it is ASCII, or valid
 * UTF-8 in a file the decoder judged UTF-8, and as decoded text otherwise: from the start for a byte-order mark
 * of UTF-16 or a non-UTF-8 encoding, and from the first chunk the decoder cannot pass on (another encoding judged,
 * a stray byte). The first 16 K characters are always read as text, to sniff the delimiter. Both ways give the
 * same records.
 */
async function* readCsvParts(
  file: string,
  opts: CsvReadOptions,
  notes: string[],
  info: TextFileInfo | undefined,
  state: ReadState,
): AsyncGenerator<Part, void, undefined> {
  const chunkBytes = opts.chunkBytes ?? 256 * 1024;
  const input = fs.createReadStream(file, { highWaterMark: chunkBytes });
  let bytes: NodeJS.ReadableStream = input;
  let gunzip: zlib.Gunzip | undefined;
  const label = path.basename(file);
  const name = file.toLowerCase().replace(/\.gz$/, "");
  const decoder = new ContentDecoder(opts.encoding);
  let tokenizer: CsvTokenizer | undefined;
  let byteTokenizer: CsvByteTokenizer | undefined;
  /** Bytes may be read as bytes from here on (cleared for good once they may not). */
  let bytesAllowed = !opts.textOnly && (opts.encoding === undefined || opts.encoding === "utf-8");
  let sample = "";
  let skipping: readonly number[] | undefined;
  let delimiter = "";

  const unterminated = (e: unknown): never => {
    if (!(e instanceof UnterminatedQuote)) throw e;
    throw problem("fileUnreadable", `${label}: a quoted field opened in row ${e.row} is never closed, so the rest of the file would be one cell. Fix the quote and retry.`, {
      path: label,
      row: e.row,
    });
  };
  const skipColumns = () => {
    if (state.columns === skipping || !state.columns) return;
    skipping = state.columns;
    const read: boolean[] = [];
    for (const c of skipping) read[c] = true;
    tokenizer?.skipColumns(read);
    byteTokenizer?.skipColumns(read);
  };

  const rowsOf = (text: string, last: boolean): CellRow[] => {
    if (!tokenizer) {
      sample += text;
      if (!last && sample.length < SNIFF_CHARS) return []; // too little text yet to tell the delimiter
      delimiter = opts.delimiter ?? sniffDelimiter(name, sample, last);
      if (opts.delimiter === undefined && delimiter !== "," && !name.endsWith(".tsv") && !name.endsWith(".tab")) {
        notes.push(`${label}: fields separated by ${delimiter === "\t" ? "tabs" : `'${delimiter}'`} (detected).`);
      }
      if (info) info.delimiter = delimiter;
      if (delimiter.charCodeAt(0) > 0x7f || delimiter.length !== 1) bytesAllowed = false;
      tokenizer = new CsvTokenizer(delimiter);
      text = sample;
      sample = "";
    }
    skipColumns();
    const out: CellRow[] = [];
    try {
      tokenizer.push(text, last, out);
    } catch (e) {
      unterminated(e);
    }
    return out;
  };

  /** Text → bytes, once the delimiter is known and the decoder passes plain UTF-8 on. */
  const toBytes = () => {
    const t = tokenizer as CsvTokenizer;
    const head = Buffer.from(t.takePartial(), "utf8");
    const carried = decoder.carriedBytes();
    const partial = new Uint8Array(head.length + carried.length);
    partial.set(head);
    partial.set(carried, head.length);
    byteTokenizer = new CsvByteTokenizer(delimiter, partial);
    byteTokenizer.records = t.records;
    skipping = undefined;
    skipColumns();
    tokenizer = undefined;
  };
  /** Bytes → text for good: the unfinished record (less the decoder's held-back bytes) goes on as text. */
  const toText = (carriedBefore: number): string => {
    const b = byteTokenizer as CsvByteTokenizer;
    const partial = b.takePartial();
    tokenizer = new CsvTokenizer(delimiter);
    tokenizer.records = b.records;
    skipping = undefined;
    skipColumns();
    byteTokenizer = undefined;
    bytesAllowed = false;
    return Buffer.from(partial.buffer, partial.byteOffset, partial.length - carriedBefore).toString("utf8");
  };
  const batchOf = (piece: Uint8Array, last: boolean): CsvByteBatch | undefined => {
    skipColumns();
    try {
      return (byteTokenizer as CsvByteTokenizer).push(piece, last);
    } catch (e) {
      return unterminated(e);
    }
  };

  try {
    const head = await firstBytes(file, GZIP_MAGIC.length);
    if (head.length === GZIP_MAGIC.length && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
      state.gzip = true;
      gunzip = zlib.createGunzip({ chunkSize: chunkBytes });
      bytes = input.pipe(gunzip);
      input.on("error", (e) => gunzip?.destroy(e));
    }
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      // Decoded in pieces: V8 builds strings above 128 KiB in its large-object space, measured 3–5× slower to make
      // and to scan here than 48 KiB ones.
      const parts: Part[] = [];
      let passedFrom = -1; // where the bytes not yet given to the byte tokenizer start
      for (let at = 0; at < chunk.length; at += TEXT_PIECE_BYTES) {
        const piece = chunk.subarray(at, Math.min(chunk.length, at + TEXT_PIECE_BYTES));
        if (!byteTokenizer && tokenizer && bytesAllowed && decoder.fallbackBytes === 0 && (decoder.encoding === undefined || decoder.encoding === "utf-8")) toBytes();
        if (byteTokenizer) {
          const carriedBefore = decoder.carried;
          const text = decoder.pass(piece);
          if (text === null) {
            if (passedFrom < 0) passedFrom = at;
            continue;
          }
          if (passedFrom >= 0) {
            const batch = batchOf(chunk.subarray(passedFrom, at), false);
            if (batch) parts.push(batch);
            passedFrom = -1;
          }
          const more = rowsOf(toText(carriedBefore) + text, false);
          if (more.length > 0) parts.push(more);
          continue;
        }
        const more = rowsOf(decoder.decode(piece), false);
        if (more.length > 0) parts.push(more);
      }
      if (passedFrom >= 0) {
        const batch = batchOf(chunk.subarray(passedFrom), false);
        if (batch) parts.push(batch);
      }
      state.bytes += chunk.length;
      state.records = tokenizer?.records ?? byteTokenizer?.records ?? 0;
      for (const part of parts) yield part;
    }
    if (byteTokenizer) {
      const carriedBefore = decoder.carried;
      const text = decoder.pass(undefined);
      if (text === null) {
        const batch = batchOf(new Uint8Array(0), true);
        if (batch) yield batch;
      } else {
        const tail = rowsOf(toText(carriedBefore) + text, true);
        if (tail.length > 0) yield tail;
      }
    } else {
      const tail = rowsOf(decoder.decode(undefined), true);
      if (tail.length > 0) yield tail;
    }
    noteEncoding(decoder, label, tokenizer?.records ?? byteTokenizer?.records ?? 0, notes, info);
  } catch (e) {
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot read ${file}: ${(e as Error).message}`, { path: file });
  } finally {
    gunzip?.destroy();
    input.destroy();
  }
}

/** The CSV reader's parts as the shared row plumbing reads them: arrays of rows, or the byte path's batches. */
const CSV_PARTS: PartKind<Part> = {
  rows: (part) => (Array.isArray(part) ? part.length : part.rows),
  blank: (part, r) => (Array.isArray(part) ? isBlankRow(part[r]) : part.blank(r)),
  row: (part, r) => (Array.isArray(part) ? part[r] : part.row(r)),
  slice: (part, from, to) => (Array.isArray(part) ? ROW_ARRAYS.slice(part, from, to) : part.slice(from, to)),
  blanks: ROW_ARRAYS.blanks,
};

/**
 * The source over a CSV file's parts (`sourceFromParts`): `rows` (every part as `CellRow`s) or `batches` (the byte
 * path's batches as they are) — a consumer reads one of them, once. A blank row inside the data is `[]` in `rows`
 * (kept in a batch as a row of blank fields).
 * @throws KaProblem "noRows" when every row is blank
 */
async function csvSource(
  parts: AsyncGenerator<Part, void, undefined>,
  info: Pick<LedgerSource, "label" | "sheets" | "date1904" | "notes">,
): Promise<LedgerSource & { batches: AsyncIterable<CellRow[] | FieldBatch> }> {
  const { parts: batches, ...source } = await sourceFromParts(parts, info, CSV_PARTS);
  async function* rows(): AsyncGenerator<CellRow[], void, undefined> {
    for await (const part of batches) yield Array.isArray(part) ? part : rowsOfBatch(part, 0, part.rows, true);
  }
  return { ...source, rows: rows(), batches };
}

/** Says which encoding was used (always on `info`; in the notes when it is not UTF-8/ASCII or had stray bytes). */
function noteEncoding(decoder: ContentDecoder, label: string, records: number, notes: string[], info?: TextFileInfo): void {
  const enc = decoder.encoding;
  const name = enc ? ENCODING_LABEL[enc] : "ASCII";
  const by = decoder.decidedBy === "byte-order mark" ? "from its byte-order mark" : decoder.decidedBy === "option" ? "as asked" : "judged from its content";
  if (enc === "gb18030") notes.push(`${label} is not UTF-8; read as GB18030 (the encoding of Chinese Windows Excel's "CSV"), ${by}. Save as "CSV UTF-8" if names look wrong.`);
  else if (enc === "windows-1252") notes.push(`${label} is not UTF-8; read as Windows-1252 (Western Windows Excel's "CSV"), ${by}. Save as "CSV UTF-8" if names look wrong.`);
  else if (enc === "utf-16le" || enc === "utf-16be") notes.push(`${label} read as ${name}, ${by}.`);
  let encoding = name;
  if (decoder.fallbackBytes > 0) {
    const n = englishNumber(decoder.fallbackBytes);
    encoding = `${name}, with ${n} byte(s) read as Windows-1252`;
    notes.push(
      `${label}: ${n} byte(s) are not valid ${name} (the first at byte ${englishNumber(decoder.firstFallbackOffset)} of ${englishNumber(records)} rows); ` +
        `each was read as its Windows-1252 character (é, ü, …), so no name is merged with another through a replacement character. The file mixes encodings: save it as "CSV UTF-8".`,
    );
  }
  if (info) info.encoding = encoding;
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function firstBytes(file: string, n: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The encoding the reader would choose for a file starting with these bytes: a byte-order mark, else ASCII bytes
 * decide nothing (UTF-8), else the content's judgement (UTF-8, GB18030 or Windows-1252).
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return judgeEncoding(bytes);
}

/** Fails with a clear problem when `file` is missing, a folder, or unreadable. */
export async function assertReadableFile(file: string): Promise<void> {
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw problem("fileUnreadable", `cannot read ${file}: it is not a file.`, { path: file });
    await fs.promises.access(file, fs.constants.R_OK);
  } catch (e) {
    if (isKaProblem(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw problem("fileUnreadable", `cannot read ${file}: ${why}.`, { path: file });
  }
}
