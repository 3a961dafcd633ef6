/**
 * Streaming XLSX ledger reader on two declared packages: yauzl (zip) and saxes (XML).
 *
 * The zip is read through its central directory, so the parts are found by name whatever their order in the file:
 * `_rels/.rels` → the workbook part (sheet names and states, `<workbookPr date1904>`) → its relationships → the
 * shared strings → the chosen worksheet, each streamed, inflated and parsed chunk by chunk; the other sheets are never
 * read. exceljs's readers are not used: its streaming `WorkbookReader` reads the zip in one forward pass and, when a
 * worksheet comes before the shared strings or `workbook.xml` (as Excel and exceljs write them), parks it in a temp
 * file, and its unzipper can announce the end of the archive while entries are still buffered (exceljs issue #3064);
 * its cell reader loses what a ledger needs: a formula whose cached result is an error (`#N/A` from a VLOOKUP) comes
 * back as NaN, a boolean result as 1, and a shared string with a phonetic guide (Japanese IME input: `<rPh>`) as the
 * guide's text instead of the name.
 *
 * Cell values are what Office.js `Range.values` gives for the same sheet:
 * - numbers as numbers; a date cell is its serial number in the workbook's own date system (read `date1904` on the
 *   source; the ledger converts), never a JS Date, so no time zone can shift a day;
 * - text (shared, inline or rich) as plain text, with OOXML `_xHHHH_` escapes decoded; booleans as booleans;
 * - error cells as their text (`#N/A`, `#DIV/0!`, ...);
 * - formula cells as their cached result, typed as above (a formula with no cached result reads as blank and is
 *   counted in `notes`: the file was written by a tool that does not calculate);
 * - ISO date cells (`t="d"`, rare) as serial numbers like any other date.
 * Columns are absolute (index 0 is column A), so messages name real columns.
 */
import * as path from "path";
import { SaxesParser } from "saxes";
import * as yauzl from "yauzl";
import { excelSerialFromDay } from "../../engine/day";
import type { RawCell } from "../../engine/ledger/types";
import { isKaProblem, problem } from "../../engine/problems";
import type { CellRow, LedgerSource } from "../port";
import { assertReadableFile, firstBytes } from "./read-csv";
import { sourceFromChunks } from "./rows";
import { englishNumber } from "../../engine/i18n/format";

/** What a part's reader does with the XML: tag names come without their namespace prefix. */
interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

/** The opened zip: its parts by normalised name, and the streams to close when reading ends. */
interface Zip {
  file: yauzl.ZipFile;
  parts: Map<string, yauzl.Entry>;
  streams: Set<NodeJS.ReadableStream & { destroy(): void }>;
}

export interface XlsxReadOptions {
  /** Sheet to read (exact name, else case-insensitive as Excel compares names). Default: the first visible sheet. */
  sheet?: string;
  /** Rows per chunk handed to the consumer (default 2,000; the last chunk may be shorter). */
  chunkRows?: number;
}

/**
 * Opens one sheet of an .xlsx/.xlsm workbook as a ledger source, streaming its rows.
 *
 * @throws KaProblem "fileUnreadable" naming the path when the file is missing, unreadable or not an .xlsx workbook
 * @throws KaProblem "badArgument" naming the sheet and listing the workbook's sheets when `sheet` is not there
 * @throws KaProblem "noRows" when the sheet is empty
 * @example
 * const src = await openXlsxLedger("ledger.xlsx", { sheet: "Sales" });
 * src.date1904; // false for Windows Excel files
 * for await (const chunk of src.rows) for (const row of chunk) use(row);
 */
export async function openXlsxLedger(file: string, opts: XlsxReadOptions = {}): Promise<LedgerSource> {
  await assertReadableFile(file);
  const magic = await firstBytes(file, 4);
  if (magic.length < 4 || magic[0] !== 0x50 || magic[1] !== 0x4b) {
    const legacy = magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0;
    throw problem(
      "fileUnreadable",
      legacy ? `cannot read ${file}: it is a legacy .xls workbook. Save it as .xlsx (or CSV UTF-8) and retry.` : `cannot read ${file}: it is not an .xlsx workbook.`,
      { path: file },
    );
  }
  const state: WorkbookState = { sheets: [], date1904: false, notes: [] };
  return sourceFromChunks(readXlsxRows(file, opts, state), () => ({
    label: `${path.basename(file)}, sheet ${state.sheet}`,
    sheets: state.sheets,
    sheet: state.sheet,
    date1904: state.date1904,
    notes: state.notes,
  }));
}

/** What the reader learns about the workbook while streaming it. */
export interface WorkbookState {
  sheets: string[];
  sheet?: string;
  date1904: boolean;
  notes: string[];
}

/** A `<sheet>` of the workbook part: name, visibility and the relationship id of its part. */
interface SheetEntry {
  name: string;
  state?: string;
  rId?: string;
}

/**
 * Every row of one sheet from row 1, in chunks (gaps in the sheet's rows come as empty rows). Fills `state` with the
 * workbook's sheet names, date system and the sheet chosen before the first chunk.
 */
export async function* readXlsxRows(file: string, opts: XlsxReadOptions, state: WorkbookState): AsyncGenerator<CellRow[], void, undefined> {
  let zip: Zip | undefined;
  try {
    zip = await openZip(file);
    const part = (name: string) => zip!.parts.get(partKey(name));

    const bookName = (await readRelationships(zip, part("_rels/.rels"))).find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
    const bookPart = part(bookName);
    if (!bookPart) throw new Error(`no workbook part ${bookName}`);
    const book = await readWorkbookPart(zip, bookPart);
    const bookDir = path.posix.dirname(partKey(bookName));
    const rels = await readRelationships(zip, part(path.posix.join(bookDir, "_rels", `${path.posix.basename(bookName)}.rels`)));
    const resolve = (target: string) => (target.startsWith("/") ? target : path.posix.join(bookDir, target));

    state.sheets = book.sheets.map((s) => s.name);
    state.date1904 = book.date1904;
    const target = chooseSheet(book.sheets, opts.sheet, file);
    state.sheet = target;
    const rel = rels.find((r) => r.id === book.sheets.find((s) => s.name === target)?.rId);
    const sheetPart = rel && rel.type.endsWith("/worksheet") ? part(resolve(rel.target)) : undefined;
    if (!sheetPart) {
      throw problem("badArgument", `sheet '${target}' has no cells to read in ${path.basename(file)} (it may be a chart sheet). Sheets: ${state.sheets.join(", ")}.`, { path: "sheet" });
    }
    // The shared strings by their relationship, else at the usual place (a hand-packed file may lack the relationship).
    const sharedRel = rels.find((r) => r.type.endsWith("/sharedStrings"));
    const sharedPart = part(resolve(sharedRel?.target ?? "sharedStrings.xml"));
    const shared = sharedPart ? await readSharedStrings(zip, sharedPart) : [];
    yield* sheetRows(zip, sheetPart, shared, state, opts.chunkRows ?? 2000);
  } catch (e) {
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot read ${file}: not a readable .xlsx workbook (${(e as Error).message}).`, { path: file });
  } finally {
    if (zip) {
      for (const s of zip.streams) s.destroy();
      zip.file.close(); // the descriptor closes once the last part stream is gone
    }
  }
}

/** Opens the zip and lists its parts from the central directory (names as stored, not validated: see `partKey`). */
async function openZip(file: string): Promise<Zip> {
  const zipFile = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false });
  const parts = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zipFile.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer; // decodeStrings: false gives the name's bytes
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      if (!name.endsWith("/")) parts.set(partKey(name), entry);
    }
  } catch (e) {
    zipFile.close();
    throw e;
  }
  return { file: zipFile, parts, streams: new Set() };
}

/**
 * Streams one part through a SAX parser into `handler`, yielding after each inflated chunk so that a caller can hand
 * over what the chunk completed. Malformed XML ends the read with the parser's message.
 */
async function* parsePart(zip: Zip, entry: yauzl.Entry, handler: XmlHandler): AsyncGenerator<void, void, undefined> {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on("error", (e) => {
    failure ??= e;
  });
  parser.on("opentag", (tag) => handler.open(local(tag.name), tag.attributes as Record<string, string>));
  parser.on("text", (t) => handler.text(t));
  parser.on("cdata", (t) => handler.text(t));
  parser.on("closetag", (tag) => handler.close(local(tag.name)));
  const stream = (await zip.file.openReadStreamPromise(entry)) as NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy(): void };
  zip.streams.add(stream);
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const bytes of stream) {
      parser.write(decoder.decode(bytes, { stream: true }));
      if (failure) throw failure;
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
  } finally {
    zip.streams.delete(stream);
    stream.destroy();
  }
}

/** Reads a whole (small) part into `handler`. */
async function parseWhole(zip: Zip, entry: yauzl.Entry, handler: XmlHandler): Promise<void> {
  for await (const _ of parsePart(zip, entry, handler));
}

/** A zip part name as compared here: OPC names are case-insensitive and absolute (`/xl/a.xml` is `xl/a.xml`). */
function partKey(name: string): string {
  return path.posix.normalize(name.replace(/\\/g, "/")).replace(/^\/+/, "").toLowerCase();
}

/** The relationships of a `.rels` part (none when the part is absent). */
async function readRelationships(zip: Zip, entry: yauzl.Entry | undefined): Promise<{ id: string; type: string; target: string }[]> {
  const out: { id: string; type: string; target: string }[] = [];
  if (!entry) return out;
  await parseWhole(zip, entry, {
    open(name, a) {
      if (name !== "Relationship" || a.TargetMode === "External") return;
      out.push({ id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" });
    },
    text() {},
    close() {},
  });
  return out;
}

/** The workbook part's sheet list (in tab order) and date system. */
async function readWorkbookPart(zip: Zip, entry: yauzl.Entry): Promise<{ sheets: SheetEntry[]; date1904: boolean }> {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  await parseWhole(zip, entry, {
    open(name, a) {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (name === "sheet") {
        // r:id, whatever prefix the writer bound to the relationships namespace
        const rKey = Object.keys(a).find((k) => k.includes(":") && local(k) === "id");
        sheets.push({ name: a.name ?? "", state: a.state, rId: rKey === undefined ? undefined : a[rKey] });
      }
    },
    text() {},
    close() {},
  });
  return { sheets, date1904 };
}

/** The sheet to read: `wanted` (exact, then case-insensitive) or the first visible sheet. */
function chooseSheet(sheets: { name: string; state?: string }[], wanted: string | undefined, file: string): string {
  const names = sheets.map((s) => s.name);
  if (wanted === undefined) {
    const visible = sheets.find((s) => s.state === undefined || s.state === "visible");
    const first = visible ?? sheets[0];
    if (!first) throw problem("fileUnreadable", `cannot read ${file}: the workbook lists no sheets.`, { path: file });
    return first.name;
  }
  const exact = names.find((n) => n === wanted);
  if (exact !== undefined) return exact;
  const folded = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  if (folded !== undefined) return folded;
  throw problem("badArgument", `no sheet named '${wanted}' in ${path.basename(file)}. Sheets: ${names.map((n) => `'${n}'`).join(", ")}.`, { path: "sheet" });
}

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1); // `x:c` from writers that prefix the namespace
};

/** Rows of a worksheet's XML, numbered from 1, gaps filled with empty rows, handed over in chunks while it is read. */
async function* sheetRows(zip: Zip, entry: yauzl.Entry, shared: readonly string[], state: WorkbookState, chunkRows: number): AsyncGenerator<CellRow[]> {
  const rows = new RowQueue(chunkRows);
  let nextRow = 1; // the sheet row the next row stands for
  let cells: RawCell[] | null = null;
  let rowNumber = 0;
  let col = -1;
  let type = "n";
  let hasF = false;
  let hasV = false;
  let v = "";
  let inline = "";
  let inV = false;
  let inIs = false;
  let inT = false;
  let inPhonetic = false;
  let uncached = 0;

  const cellValue = (): RawCell => {
    switch (type) {
      case "s": {
        if (!hasV) return null;
        const s = shared[Number(v)];
        return s === undefined ? null : s;
      }
      case "inlineStr":
        return decodeEscapes(hasV ? v : inline);
      case "str":
        if (!hasV && hasF) uncached++;
        return hasV ? decodeEscapes(v) : null;
      case "e":
        return v;
      case "b":
        return hasV ? v === "1" || v === "true" : null;
      case "d":
        return hasV ? serialFromIso(v, state.date1904) : null;
      default: {
        if (!hasV) {
          if (hasF) uncached++;
          return null;
        }
        const x = Number(v);
        return Number.isNaN(x) ? v : x;
      }
    }
  };

  const handler: XmlHandler = {
    open(name, a) {
      switch (name) {
        case "row":
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          if (!(rowNumber >= 1 && rowNumber <= EXCEL_ROWS && Number.isInteger(rowNumber))) throw beyondExcel(state, `a row numbered ${a.r ?? rowNumber}`, `its last row is ${englishNumber(EXCEL_ROWS)}`);
          if (rowNumber > nextRow) rows.blank(rowNumber - nextRow); // a gap: counted, not stored
          cells = [];
          col = -1;
          break;
        case "c":
          col = a.r ? columnIndex(a.r) : col + 1;
          if (!(col >= 0 && col < EXCEL_COLUMNS)) throw beyondExcel(state, `a cell at ${a.r ?? `column ${col + 1}`}`, "its last column is XFD (16,384 columns)");
          type = a.t ?? "n";
          hasF = hasV = false;
          v = inline = "";
          break;
        case "v":
          inV = hasV = true;
          break;
        case "f":
          hasF = true;
          break;
        case "is":
          inIs = true;
          break;
        case "t":
          inT = true;
          break;
        case "rPh":
          inPhonetic = true; // phonetic guide (furigana) text is not part of the value
          break;
      }
    },
    text(t) {
      if (inV) v += t;
      else if (inT && inIs && !inPhonetic) inline += t;
    },
    close(name) {
      switch (name) {
        case "v":
          inV = false;
          break;
        case "t":
          inT = false;
          break;
        case "rPh":
          inPhonetic = false;
          break;
        case "is":
          inIs = false;
          break;
        case "c":
          if (cells) {
            const value = cellValue();
            if (value !== null) cells[col] = value;
          }
          break;
        case "row":
          if (cells) {
            for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null; // holes → blank
            rows.push(cells);
            nextRow = rowNumber + 1;
            cells = null;
          }
          break;
      }
    },
  };

  for await (const _ of parsePart(zip, entry, handler)) yield* rows.full();
  yield* rows.rest();
  if (uncached > 0) {
    state.notes.push(
      `${englishNumber(uncached)} formula cell(s) in sheet '${state.sheet}' have no saved result (the file was written by a program that does not calculate); they were read as blank. Open and save the file in Excel to fix.`,
    );
  }
}

/**
 * Rows waiting to be handed over, in order; a run of blank rows is one number until it is handed over (one shared
 * empty row each), so a sheet that jumps to row 1,048,576 costs no memory while it is parsed.
 */
class RowQueue {
  private items: (CellRow | number)[] = [];
  private count = 0;
  constructor(private readonly chunkRows: number) {}
  push(row: CellRow): void {
    this.items.push(row);
    this.count++;
  }
  blank(n: number): void {
    this.items.push(n);
    this.count += n;
  }
  /** Every whole chunk queued so far. */
  *full(): Generator<CellRow[]> {
    while (this.count >= this.chunkRows) yield this.take(this.chunkRows);
  }
  /** Everything left (the last chunk may be shorter). */
  *rest(): Generator<CellRow[]> {
    yield* this.full();
    if (this.count > 0) yield this.take(this.count);
  }
  private take(n: number): CellRow[] {
    const chunk: CellRow[] = [];
    let i = 0;
    for (; chunk.length < n; i++) {
      const item = this.items[i];
      if (typeof item !== "number") {
        chunk.push(item);
        continue;
      }
      const k = Math.min(item, n - chunk.length);
      for (let j = 0; j < k; j++) chunk.push(BLANK_ROW);
      if (k < item) {
        this.items[i] = item - k; // the rest of the gap stays first in line
        break;
      }
    }
    this.items = i === 0 ? this.items : this.items.slice(i);
    this.count -= n;
    return chunk;
  }
}

/** The shared-string table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out, escapes decoded. */
async function readSharedStrings(zip: Zip, entry: yauzl.Entry): Promise<string[]> {
  const out: string[] = [];
  let text = "";
  let inT = false;
  let inPhonetic = false;
  await parseWhole(zip, entry, {
    open(name) {
      if (name === "t") inT = true;
      else if (name === "rPh") inPhonetic = true;
      else if (name === "si") text = "";
    },
    text(t) {
      if (inT && !inPhonetic) text += t;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si") out.push(decodeEscapes(text));
    },
  });
  return out;
}

/** Excel's sheet size: 1,048,576 rows × 16,384 columns (A to XFD). */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;
const BLANK_ROW: CellRow = Object.freeze([]) as unknown as CellRow;

/** A sheet that claims a cell Excel cannot hold: refused before anything is allocated for it. */
function beyondExcel(state: WorkbookState, what: string, limit: string) {
  return problem("fileUnreadable", `sheet '${state.sheet}' has ${what}, beyond what Excel can hold (${limit}): the file was not saved by Excel or is damaged. Open it in Excel and save it again.`, {
    path: state.sheet,
  });
}

/** 0-based column of an A1 reference (`AB12` → 27). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
function decodeEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Serial number (with time fraction) of an ISO 8601 date-time cell; a text without zone is read as UTC. */
function serialFromIso(text: string, date1904: boolean): RawCell {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
  if (!Number.isFinite(ms)) return text;
  const day = Math.floor(ms / 86_400_000);
  return excelSerialFromDay(day, date1904) + (ms - day * 86_400_000) / 86_400_000;
}
