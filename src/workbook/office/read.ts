/**
 * Reading a ledger from Excel: find candidate ranges, preview the header, and read the rows in chunks.
 *
 * Excel on the web limits a request and its response to 5 MB, and an oversized `values` read can come back empty
 * instead of failing. The reader therefore (1) estimates the bytes per cell from a sample of the first rows,
 * (2) sizes chunks to about 1 MB and queues several chunk loads per `context.sync()` (about 4 MB a sync), so a
 * 1,048,576-row ledger of 8 columns takes a few dozen syncs, and (3) checks the shape of every chunk that comes
 * back: a short or empty one is read again in halves, and the chunk size for the rest of the read is halved.
 * Values only: no text, no formats.
 */
import type { RawCell } from "../../engine/ledger/types";
import { problem } from "../../engine/problems";
import type { Discovery, LedgerLocation, LocationInfo, Preview, ProgressOptions, RowSink } from "../port";
import { parseA1 } from "./layout";
import { isTempSheetName, ownedSheets } from "./plan";

export interface ReadLimits {
  /** Bytes a sync may carry (Excel on the web: 5 MB a request); default 4 MB. */
  syncBytes: number;
  /** Bytes per chunk load; default 1 MB. */
  chunkBytes: number;
  /** Rows sampled to estimate the bytes per cell. */
  sampleRows: number;
  /** Lowest bytes-per-cell estimate used (JSON of a short number plus its separator). */
  minBytesPerCell: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { syncBytes: 4_000_000, chunkBytes: 1_000_000, sampleRows: 200, minBytesPerCell: 8 };

/**
 * Bytes per cell of a sample as JSON (what travels over the wire), with a 1.5× margin for rows that are longer
 * than the sample.
 * @example bytesPerCell([["Acme", 12.5]], 8) // max(8, 1.5 × 15 / 2) = 11.25
 */
export function bytesPerCell(sample: RawCell[][], minimum: number): number {
  let cells = 0;
  let bytes = 0;
  for (const row of sample) {
    cells += row.length;
    bytes += JSON.stringify(row).length;
  }
  return cells === 0 ? minimum : Math.max(minimum, (1.5 * bytes) / cells);
}

/** Rows per chunk and chunks per sync for a ledger of `cols` columns at `bpc` bytes per cell. */
export function chunkPlan(cols: number, bpc: number, limits: ReadLimits = DEFAULT_READ_LIMITS): { chunkRows: number; chunksPerSync: number } {
  const chunkRows = Math.max(1, Math.floor(limits.chunkBytes / (Math.max(1, cols) * bpc)));
  return { chunkRows, chunksPerSync: Math.max(1, Math.floor(limits.syncBytes / limits.chunkBytes)) };
}

/** The range of a location, as it is now (a table's current range, header row included). */
function rangeOf(context: Excel.RequestContext, location: LedgerLocation): Excel.Range {
  if (location.kind === "table" && location.table) return context.workbook.tables.getItem(location.table).getRange();
  return context.workbook.worksheets.getItem(location.sheet).getRange(location.address);
}

/** Address without the sheet part: `Sheet1!A1:H20` → `A1:H20`. */
function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1).replace(/\$/g, "") : address.replace(/\$/g, "");
}

function sheetOfAddress(address: string): string {
  return parseA1(address).sheet ?? "";
}

function info(kind: LocationInfo["kind"], r: { address: string; rowCount: number; columnCount: number }, table?: string): LocationInfo {
  return { kind, sheet: sheetOfAddress(r.address), table, address: localAddress(r.address), rows: r.rowCount, cols: r.columnCount };
}

/** Candidates for the Data page: selection, table or region at the cursor, every table, every sheet's used range. */
export async function discover(context: Excel.RequestContext): Promise<Discovery> {
  const sheets = context.workbook.worksheets.load("items/name,items/visibility");
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  const names = context.workbook.names.load("items/name,items/formula");
  await context.sync();
  const owned = new Set(
    Object.values(
      ownedSheets(
        names.items.map((n) => ({ name: n.name, formula: String(n.formula) })),
        sheets.items.map((s) => s.name),
      ),
    ).map((s) => s.toUpperCase()),
  );
  const ours = (sheet: string) => owned.has(sheet.toUpperCase()) || isTempSheetName(sheet);
  const used = sheets.items
    .filter((s) => s.visibility === "Visible" && !ours(s.name))
    .map((s) => s.getUsedRangeOrNullObject(true).load("address,rowCount,columnCount"));
  const userTables = tables.items.filter((t) => !ours(t.worksheet.name));
  const tableRanges = userTables.map((t) => t.getRange().load("address,rowCount,columnCount"));
  await context.sync();
  const out: Discovery = {
    tables: userTables.map((t, i) => info("table", tableRanges[i], t.name)),
    sheets: used.filter((r) => !r.isNullObject).map((r) => info("sheet", r)),
  };
  // The selection may not be a range (a chart or a shape is selected): then there is simply no selection candidate.
  try {
    const sel = context.workbook.getSelectedRange().load("address,rowCount,columnCount");
    const selTables = sel.getTables(false).load("items/name");
    const region = sel.getCell(0, 0).getSurroundingRegion().load("address,rowCount,columnCount");
    await context.sync();
    if (!ours(sheetOfAddress(sel.address))) {
      if (sel.rowCount * sel.columnCount > 1) out.selection = info("selection", sel);
      const t = selTables.items[0];
      const at = t ? userTables.findIndex((u) => u.name === t.name) : -1;
      if (at >= 0) out.tableAtCursor = out.tables[at];
      else if (region.rowCount * region.columnCount > 1) out.regionAtCursor = info("region", region);
    }
  } catch {
    // no range selected
  }
  return out;
}

/** The header row and the first `rows` data rows of a location, and the workbook's date system. One sync. */
export async function preview(context: Excel.RequestContext, location: LedgerLocation, rows: number): Promise<Preview> {
  const range = rangeOf(context, location).load("address,rowCount,columnCount");
  const top = range.getRow(0).getResizedRange(rows, 0).load("values");
  const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
  await context.sync();
  const values = top.values.slice(0, Math.min(range.rowCount, rows + 1)) as RawCell[][];
  return {
    location: { ...location, address: localAddress(range.address), rows: range.rowCount, cols: range.columnCount },
    header: values[0] ?? [],
    rows: values.slice(1),
    date1904: epoch.value === 0,
  };
}

interface Chunk {
  start: number; // 0-based data row
  rows: number;
}

/**
 * Reads every data row of a location into `sink`, in order. Returns the number of `context.sync()` calls made.
 * Cancelling (the signal) stops between syncs with a `cancelled` problem; nothing is written to the workbook.
 */
export async function readRows(
  context: Excel.RequestContext,
  location: LedgerLocation,
  sink: RowSink,
  opts: ProgressOptions = {},
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<number> {
  let syncs = 0;
  const range = rangeOf(context, location).load("address,rowCount,columnCount");
  const sample = range.getRow(0).getResizedRange(limits.sampleRows, 0).load("values");
  const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
  await context.sync();
  syncs++;
  const cols = range.columnCount;
  const dataRows = range.rowCount - 1;
  const head = sample.values.slice(0, Math.min(range.rowCount, limits.sampleRows + 1)) as RawCell[][];
  sink.begin(head[0] ?? [], { headerRow: parseA1(localAddress(range.address)).row + 1, dataRows, date1904: epoch.value === 0 });
  const plan = chunkPlan(cols, bytesPerCell(head.slice(1), limits.minBytesPerCell), limits);
  const chunksPerSync = plan.chunksPerSync;
  let chunkRows = plan.chunkRows;

  // The sample already holds the first rows: hand them over without reading them again.
  let next = Math.min(dataRows, head.length - 1);
  if (next > 0) sink.rows(head.slice(1, 1 + next));
  const queue: Chunk[] = [];
  while (next < dataRows || queue.length > 0) {
    if (opts.signal?.aborted) throw problem("cancelled", "Reading the ledger was cancelled.");
    while (queue.length < chunksPerSync && next < dataRows) {
      const rows = Math.min(chunkRows, dataRows - next);
      queue.push({ start: next, rows });
      next += rows;
    }
    const batch = queue.splice(0, chunksPerSync);
    const loads = batch.map((c) => range.getRow(1 + c.start).getResizedRange(c.rows - 1, 0).load("values"));
    await context.sync();
    syncs++;
    for (let i = 0; i < batch.length; i++) {
      const values = loads[i].values as RawCell[][] | undefined;
      if (Array.isArray(values) && values.length === batch[i].rows && (values.length === 0 || values[0].length === cols)) {
        sink.rows(values);
        continue;
      }
      // Short or empty: Excel dropped an oversized response. Re-read this chunk and everything after it smaller.
      const c = batch[i];
      if (c.rows === 1) throw problem("fileUnreadable", `Excel returned no values for sheet row ${parseA1(localAddress(range.address)).row + 2 + c.start}.`, { row: parseA1(localAddress(range.address)).row + 2 + c.start });
      const half = Math.ceil(c.rows / 2);
      const rest = batch.slice(i + 1);
      queue.unshift({ start: c.start, rows: half }, { start: c.start + half, rows: c.rows - half }, ...rest);
      chunkRows = Math.max(1, Math.floor(chunkRows / 2));
      break;
    }
    const done = next - queue.reduce((s, c) => s + c.rows, 0);
    opts.onProgress?.(done, dataRows, `${done}`);
  }
  return syncs;
}

