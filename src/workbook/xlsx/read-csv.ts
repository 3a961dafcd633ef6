/**
 * Streaming CSV/TSV ledger reader (papaparse's core parser driven chunk by chunk from a Node stream).
 *
 * Why not `Papa.parse(stream)`: its stream reader decodes each Buffer on its own, which splits a UTF-8 character
 * (every CJK customer name is 3 bytes) across chunk boundaries, and it pushes rows with no back-pressure. Here a
 * streaming TextDecoder feeds `Papa.Parser` the way Papa's own ChunkStreamer does (the unfinished last row is carried
 * into the next chunk), and the consumer pulls: a file is never held whole, neither as text nor as rows.
 * Measured on Online Retail (541,909 rows, 45.6 MB after gunzip): see test/workbook/xlsx/read-csv.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { isKaProblem, problem } from "../../engine/problems";
import type { CellRow, LedgerSource } from "../port";
import { sourceFromChunks } from "./rows";

export interface CsvReadOptions {
  /** Field delimiter. Default: tab for `.tsv`/`.tab` (also gzipped), otherwise sniffed among `,` tab `;` `|`. */
  delimiter?: string;
  /** Text encoding. Default: from a byte-order mark (UTF-8, UTF-16), else UTF-8 when the first 64 KiB are valid UTF-8, else GB18030 (Chinese Excel's "CSV"). */
  encoding?: "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
  /** Bytes read at a time (default 64 KiB: measured fastest here, larger chunks were slower). */
  chunkBytes?: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** Text gathered before the delimiter and line break are decided. */
const SNIFF_CHARS = 16 * 1024;

/**
 * Opens a CSV/TSV file (optionally gzip-compressed, detected from its bytes) as a ledger source.
 * Cells are strings exactly as in the file (no trimming, no number parsing: the ledger parses); empty fields are null.
 * Row numbers count records (a quoted field may span lines), as Excel numbers rows when it opens the file.
 *
 * @throws KaProblem "fileUnreadable" when the file is missing, unreadable, corrupt gzip or has an unterminated quote
 * @throws KaProblem "noRows" when the file has no non-blank row
 * @example
 * const src = await openCsvLedger("/data/online-retail.csv.gz");
 * src.header; // ["InvoiceNo", "StockCode", ...]
 * for await (const chunk of src.rows) for (const row of chunk) use(row);
 */
export async function openCsvLedger(file: string, opts: CsvReadOptions = {}): Promise<LedgerSource> {
  await assertReadableFile(file);
  const notes: string[] = [];
  return sourceFromChunks(readCsvRows(file, opts, notes), { label: path.basename(file), sheets: [], date1904: false, notes });
}

/**
 * Every record of a CSV/TSV file from row 1 (header included), in chunks; empty fields are null, a blank line is `[null]`.
 * `notes` receives what the reader decided (encoding other than UTF-8, delimiter sniffed).
 */
export async function* readCsvRows(file: string, opts: CsvReadOptions = {}, notes: string[] = []): AsyncGenerator<CellRow[], void, undefined> {
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  const input = fs.createReadStream(file, { highWaterMark: chunkBytes });
  let bytes: NodeJS.ReadableStream = input;
  let gunzip: zlib.Gunzip | undefined;
  const label = path.basename(file);
  const name = file.toLowerCase().replace(/\.gz$/, "");
  let decoder: TextDecoder | undefined;
  let parser: Papa.Parser | undefined;
  let partial = "";
  let base = 0; // character offset of `partial` in the whole text, as Papa's parser counts
  let records = 0;
  let first = true;

  const parse = (text: string, last: boolean): CellRow[] => {
    const aggregate = partial + text;
    if (!parser && !last && aggregate.length < SNIFF_CHARS) {
      partial = aggregate; // too little text yet to tell the delimiter and line break
      return [];
    }
    if (!parser) {
      const newline = lineBreakOf(aggregate);
      const delimiter = opts.delimiter ?? sniffDelimiter(name, aggregate, newline, last);
      if (opts.delimiter === undefined && delimiter !== "," && !name.endsWith(".tsv") && !name.endsWith(".tab")) {
        notes.push(`${label}: fields separated by ${delimiter === "\t" ? "tabs" : `'${delimiter}'`} (detected).`);
      }
      parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    }
    const result = parser.parse(aggregate, base, !last) as Papa.ParseResult<string[]>;
    const unterminated = result.errors.find((e) => e.code === "MissingQuotes");
    if (unterminated) {
      throw problem("fileUnreadable", `${label}: a quoted field opened in row ${records + (unterminated.row ?? 0) + 1} is never closed, so the rest of the file would be one cell. Fix the quote and retry.`, {
        path: label,
        row: records + (unterminated.row ?? 0) + 1,
      });
    }
    if (!last) {
      const cursor: number = result.meta.cursor;
      partial = aggregate.substring(cursor - base);
      base = cursor;
    }
    const rows = result.data as CellRow[];
    for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i] === "") row[i] = null;
    records += rows.length;
    return rows;
  };

  try {
    const head = await firstBytes(file, GZIP_MAGIC.length);
    if (head.length === GZIP_MAGIC.length && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
      gunzip = zlib.createGunzip({ chunkSize: chunkBytes });
      bytes = input.pipe(gunzip);
      input.on("error", (e) => gunzip?.destroy(e));
    }
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      if (first) {
        decoder = new TextDecoder(opts.encoding ?? detectEncoding(chunk, notes, label));
        first = false;
      }
      const rows = parse(decoder!.decode(chunk, { stream: true }), false);
      if (rows.length > 0) yield rows;
    }
    const tail = parse(decoder ? decoder.decode() : "", true);
    if (tail.length > 0) yield tail;
  } catch (e) {
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot read ${file}: ${(e as Error).message}`, { path: file });
  } finally {
    gunzip?.destroy();
    input.destroy();
  }
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

/** Encoding from a byte-order mark, else UTF-8 if the bytes decode strictly, else GB18030. */
export function detectEncoding(bytes: Uint8Array, notes: string[] = [], label = "file"): "utf-8" | "utf-16le" | "utf-16be" | "gb18030" {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    notes.push(`${label} read as UTF-16 (little-endian), from its byte-order mark.`);
    return "utf-16le";
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    notes.push(`${label} read as UTF-16 (big-endian), from its byte-order mark.`);
    return "utf-16be";
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true }); // stream: a character cut at the end is not an error
    return "utf-8";
  } catch {
    notes.push(`${label} is not UTF-8; read as GB18030 (the encoding of Chinese Windows Excel's "CSV"). Save as "CSV UTF-8" if names look wrong.`);
    return "gb18030";
  }
}

const CANDIDATE_DELIMITERS = [",", "\t", ";", "|"];

/**
 * Tab for `.tsv`/`.tab`; otherwise the candidate (`,` tab `;` `|`) that splits the first records most consistently
 * into two or more fields (most records with the same count, then more fields, then the order above); comma when
 * none does. Papa's own guesser needs about ten rows and counts a trailing empty line against a delimiter.
 */
export function sniffDelimiter(name: string, sample: string, newline: "\r\n" | "\n" | "\r", complete: boolean): string {
  if (name.endsWith(".tsv") || name.endsWith(".tab")) return "\t";
  let best = { d: ",", consistency: 0, fields: 1 };
  for (const d of CANDIDATE_DELIMITERS) {
    const parsed = new Papa.Parser({ delimiter: d, newline, quoteChar: '"' }).parse(sample, 0, !complete) as Papa.ParseResult<string[]>;
    const counts = parsed.data.filter((r) => !(r.length === 1 && r[0] === "")).slice(0, 50).map((r) => r.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [c, n] of freq) if (n > modalCount || (n === modalCount && c > modal)) [modal, modalCount] = [c, n];
    const consistency = modalCount / counts.length;
    if (modal < 2) continue;
    if (consistency > best.consistency || (consistency === best.consistency && modal > best.fields)) best = { d, consistency, fields: modal };
  }
  return best.d;
}

/** `\r\n`, `\n` or `\r`: whichever ends most lines (outside quotes) in the sample. */
export function lineBreakOf(sample: string): "\r\n" | "\n" | "\r" {
  let inQuotes = false;
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  const n = Math.min(sample.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const ch = sample.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === 13) {
      if (sample.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (ch === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return "\r\n";
  return cr > lf ? "\r" : "\n";
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
