/**
 * Streaming XLSX ledger reader.
 *
 * exceljs's streaming `WorkbookReader` does the container work: unzipping, the workbook's sheet list and date system
 * (`workbook.xml`'s `<workbookPr date1904>`), relationships, and parking worksheets in temp files when they come
 * before the shared strings in the zip (as Excel writes them). The cells of the chosen sheet and the shared strings
 * are read here, from their XML through exceljs's own SAX wrapper, because exceljs loses what a ledger needs:
 * a formula whose cached result is an error (`#N/A` from a VLOOKUP) comes back as NaN, a boolean result as 1, and a
 * shared string with a phonetic guide (Japanese IME input: `<rPh>`) as the guide's text instead of the name.
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
import * as ExcelJS from "exceljs";
import * as path from "path";
import { excelSerialFromDay } from "../../engine/day";
import type { RawCell } from "../../engine/ledger/types";
import { isKaProblem, problem } from "../../engine/problems";
import type { CellRow, LedgerSource } from "../port";
import { assertReadableFile, firstBytes } from "./read-csv";
import { sourceFromChunks } from "./rows";

// exceljs's SAX wrapper (saxes underneath), the one its own readers use: kept in step with exceljs's pinned saxes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parseSax: (input: AsyncIterable<unknown>) => AsyncGenerator<SaxEvent[]> = require("exceljs/lib/utils/parse-sax");

type SaxEvent =
  | { eventType: "opentag"; value: { name: string; attributes: Record<string, string> } }
  | { eventType: "text"; value: string }
  | { eventType: "closetag"; value: { name: string } };

/** The parts of exceljs's streaming readers used here that its typings do not declare. */
interface ReaderInternals {
  model?: { sheets?: { name: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: string[];
  stream?: { destroy?(): void };
}
interface SheetInternals {
  name?: string;
  iterator: AsyncIterable<unknown> & { destroy?(): void; return?(): unknown };
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

/**
 * Every row of one sheet from row 1, in chunks (gaps in the sheet's rows come as empty rows). Fills `state` with the
 * workbook's sheet names, date system and the sheet chosen before the first chunk.
 */
export async function* readXlsxRows(file: string, opts: XlsxReadOptions, state: WorkbookState): AsyncGenerator<CellRow[], void, undefined> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "ignore", // dates stay serial numbers: no Date round trip
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const book = reader as unknown as ReaderInternals;
  // Shared strings read here (see the file comment); exceljs calls this with the zip entry and `yield*`s it.
  (reader as unknown as { _parseSharedStrings: (entry: AsyncIterable<unknown>) => AsyncGenerator<never> })._parseSharedStrings = async function* (entry) {
    book.sharedStrings = await readSharedStrings(entry);
  };
  let found = false;
  let target: string | undefined;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as SheetInternals;
      if (target === undefined) {
        const sheets = book.model?.sheets ?? [];
        state.sheets = sheets.map((s) => s.name);
        state.date1904 = book.properties?.model?.date1904 === true;
        target = chooseSheet(sheets, opts.sheet, file);
        state.sheet = target;
      }
      if (found || sheet.name !== target) {
        skipSheet(sheet);
        continue;
      }
      found = true;
      yield* sheetRows(sheet.iterator, book.sharedStrings ?? [], state, opts.chunkRows ?? 2000);
      break; // the rest of the zip is not needed
    }
  } catch (e) {
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot read ${file}: not a readable .xlsx workbook (${(e as Error).message}).`, { path: file });
  } finally {
    book.stream?.destroy?.();
  }
  if (!found) {
    if (target === undefined) throw problem("fileUnreadable", `cannot read ${file}: the workbook has no worksheet.`, { path: file });
    throw problem("badArgument", `sheet '${target}' has no cells to read in ${path.basename(file)} (it may be a chart sheet). Sheets: ${state.sheets.join(", ")}.`, { path: "sheet" });
  }
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

/**
 * Lets exceljs drain a sheet we do not read. A sheet parked in a temp file comes as a file stream that exceljs
 * deletes right after: close it, and ignore the open failing when the deletion wins the race.
 */
function skipSheet(sheet: SheetInternals): void {
  const it = sheet.iterator as SheetInternals["iterator"] & { on?(event: string, f: () => void): void };
  if (typeof it.destroy === "function") {
    it.on?.("error", () => undefined);
    it.destroy();
  }
}

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1); // `x:c` from writers that prefix the namespace
};

/** Rows of a worksheet's XML, numbered from 1, gaps filled with empty rows. */
async function* sheetRows(xml: AsyncIterable<unknown>, shared: NonNullable<ReaderInternals["sharedStrings"]>, state: WorkbookState, chunkRows: number): AsyncGenerator<CellRow[]> {
  let out: CellRow[] = [];
  let nextRow = 1; // the sheet row the next emitted row stands for
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

  for await (const events of parseSax(xml)) {
    for (const ev of events) {
      if (ev.eventType === "text") {
        if (inV) v += ev.value;
        else if (inT && inIs && !inPhonetic) inline += ev.value;
        continue;
      }
      const name = local(ev.value.name);
      if (ev.eventType === "opentag") {
        const a = (ev.value as { attributes: Record<string, string> }).attributes;
        switch (name) {
          case "row":
            rowNumber = a.r ? Number(a.r) : rowNumber + 1;
            for (; nextRow < rowNumber; nextRow++) out.push([]);
            cells = [];
            col = -1;
            break;
          case "c":
            col = a.r ? columnIndex(a.r) : col + 1;
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
      } else {
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
              out.push(cells);
              nextRow = rowNumber + 1;
              cells = null;
            }
            break;
        }
      }
    }
    if (out.length >= chunkRows) {
      let i = 0;
      for (; out.length - i >= chunkRows; i += chunkRows) yield out.slice(i, i + chunkRows);
      out = out.slice(i);
    }
  }
  if (out.length > 0) yield out;
  if (uncached > 0) {
    state.notes.push(
      `${uncached.toLocaleString("en-US")} formula cell(s) in sheet '${state.sheet}' have no saved result (the file was written by a program that does not calculate); they were read as blank. Open and save the file in Excel to fix.`,
    );
  }
}

/** The shared-string table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out, escapes decoded. */
async function readSharedStrings(xml: AsyncIterable<unknown>): Promise<string[]> {
  const out: string[] = [];
  let text = "";
  let inT = false;
  let inPhonetic = false;
  for await (const events of parseSax(xml)) {
    for (const ev of events) {
      if (ev.eventType === "text") {
        if (inT && !inPhonetic) text += ev.value;
        continue;
      }
      const name = local(ev.value.name);
      const open = ev.eventType === "opentag";
      if (name === "t") inT = open;
      else if (name === "rPh") inPhonetic = open;
      else if (name === "si") {
        if (open) text = "";
        else out.push(decodeEscapes(text));
      }
    }
  }
  return out;
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
