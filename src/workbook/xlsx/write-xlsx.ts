/**
 * Writes a `Report` as an .xlsx workbook: a purpose-built, streaming SpreadsheetML writer on Node's zlib (chosen by
 * measurement over exceljs and wasm-xlsxwriter: see the README's Performance section). Each part is generated and
 * deflated as it goes, sheet rows straight into the zip, so memory grows with one compression chunk, not the workbook.
 *
 * What lands in the file, per block (positions are the Report's 0-based row/col):
 * - table: an Excel table part (name, range, style, a calculated-column formula where every row has the same one),
 *   header at (row, col), body below, column number formats on every body cell; an empty table gets one blank row;
 * - keyValue: optional heading row, then label | value | note (value in col + 1, note in col + 2);
 * - text: one cell, styled title / heading / note, optionally merged across columns, wrapped, or a link;
 * - matrix: optional heading row, a header row (corner blank), then one row per row header;
 * - chart: a native DrawingML chart whose series point at the report's cells (./chart.ts).
 * Sheets also get their frozen panes, widths, tab colour, outline groups, hidden rows/columns, links, drop-down
 * lists, conditional formats, page setup, print titles and header/footer. Cells: see ./sheet.ts. The workbook asks
 * Excel to recalculate fully on load (`fullCalcOnLoad`), so Excel's own results replace the cached ones.
 */
import * as fs from "fs";
import * as path from "path";
import { isKaProblem, problem } from "../../engine/problems";
import { absoluteA1, columnLetters } from "../../engine/report/refs";
import { bodyRowCount, type RangeRef, type Report, type SheetSpec, type TableBlock } from "../../engine/report/types";
import type { TablePlace } from "../conditions";
import type { ReportWriter, SheetRole, WriteOptions, WrittenSheets } from "../port";
import { ReportRanges } from "../report-ranges";
import { blockRect, validateReport } from "../validate-report";
import { chartXml, drawingXml } from "./chart";
import { tableXml, writeSheet } from "./sheet";
import { StyleRegistry } from "./styles";
import { themeXml } from "./theme";
import { CONTENT_TYPE, escapeAttr, escapeText, escapeXml, NS, REL_TYPE, relsXml, XML_DECL } from "./xml";
import { ZipWriter } from "./zip";
import type { ZipSink } from "./zip";

export { sheetNameProblem } from "../validate-report";

/**
 * Deflate level, measured on the Accounts sheet (formula text repeated row after row): Online Retail's 42 MB take
 * 110 ms at level 1, 109 ms at 3, 288 ms at 6, for 3.47 / 2.87 / 2.27 MB; 150 MB of a 100,000-customer sheet take
 * 581 ms at 1 and 434 ms at 3 (15.1 / 12.6 MB). Level 3 finds longer matches sooner on this text.
 */
const LEVEL = 3;
/**
 * Sheets of more cells than this are deflated at level 1: there the deflate, on the other core, held up the writer
 * (a 100,000-customer KA Accounts is 0.4 GB of XML of varied numbers: 3.65 s to deflate at level 3, 2.54 s at level
 * 1, for 80 / 90 MB). That report is written 0.5–0.85 s sooner (1.5 s less CPU) in a file 12 % larger (109 / 97 MB).
 * Online Retail's sheets (at most ~0.34 M cells) keep level 3.
 */
export const FAST_DEFLATE_CELLS = 1_000_000;
/** An entry that may pass 4 GiB uncompressed is announced as ZIP64 (a sheet near Excel's row limit with long text). */
const ZIP64_ESTIMATE = 0xf0000000;

interface SheetPlan {
  spec: SheetSpec;
  index: number;
  tables: { block: TableBlock; id: number; part: number }[];
  charts: { block: Extract<SheetSpec["blocks"][number], { kind: "chart" }>; part: number }[];
  drawing?: number;
}

function plan(report: Report): SheetPlan[] {
  let tableId = 0;
  let chartId = 0;
  let drawingId = 0;
  return report.sheets.map((spec, i) => {
    const tables = spec.blocks.filter((b): b is TableBlock => b.kind === "table").map((block) => ({ block, id: ++tableId, part: tableId }));
    const charts = spec.blocks.filter((b) => b.kind === "chart").map((block) => ({ block: block as SheetPlan["charts"][number]["block"], part: ++chartId }));
    return { spec, index: i + 1, tables, charts, drawing: charts.length > 0 ? ++drawingId : undefined };
  });
}

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function contentTypesXml(plans: SheetPlan[], core: boolean): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  let x = `${XML_DECL}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="${CONTENT_TYPE.rels}"/><Default Extension="xml" ContentType="application/xml"/>`;
  x += o("/xl/workbook.xml", CONTENT_TYPE.workbook) + o("/xl/styles.xml", CONTENT_TYPE.styles) + o("/xl/theme/theme1.xml", CONTENT_TYPE.theme);
  if (core) x += o("/docProps/core.xml", CONTENT_TYPE.core);
  for (const p of plans) {
    x += o(`/xl/worksheets/sheet${p.index}.xml`, CONTENT_TYPE.worksheet);
    for (const t of p.tables) x += o(`/xl/tables/table${t.part}.xml`, CONTENT_TYPE.table);
    if (p.drawing) x += o(`/xl/drawings/drawing${p.drawing}.xml`, CONTENT_TYPE.drawing);
    for (const c of p.charts) x += o(`/xl/charts/chart${c.part}.xml`, CONTENT_TYPE.chart);
  }
  return `${x}</Types>`;
}

function coreXml(report: Report): string {
  const p = report.properties ?? {};
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    (p.title ? `<dc:title>${escapeText(p.title)}</dc:title>` : "") +
    (p.subject ? `<dc:subject>${escapeText(p.subject)}</dc:subject>` : "") +
    "<dc:creator>KA Risk</dc:creator>" +
    (p.language ? `<dc:language>${escapeText(p.language)}</dc:language>` : "") +
    "</cp:coreProperties>"
  );
}

function workbookXml(report: Report, plans: SheetPlan[]): string {
  const active = Math.max(0, report.sheets.findIndex((s) => !s.hidden));
  let x = `${XML_DECL}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/><bookViews><workbookView activeTab="${active}"/></bookViews><sheets>`;
  for (const p of plans) x += `<sheet name="${escapeAttr(p.spec.name)}" sheetId="${p.index}"${p.spec.hidden ? ' state="hidden"' : ""} r:id="rId${p.index}"/>`;
  x += "</sheets>";
  const names: string[] = [];
  const sheetOf = (role: SheetRole) => (report.sheets.find((s) => s.role === role) as SheetSpec).name;
  for (const [name, t] of Object.entries(report.names ?? {})) {
    const rows = t.rows ?? 1;
    const cols = t.cols ?? 1;
    const range = rows === 1 && cols === 1 ? absoluteA1(t.row, t.col) : `${absoluteA1(t.row, t.col)}:${absoluteA1(t.row + rows - 1, t.col + cols - 1)}`;
    names.push(`<definedName name="${name}"${t.comment ? ` comment="${escapeAttr(t.comment.slice(0, 255))}"` : ""}${t.hidden ? ' hidden="1"' : ""}>${escapeXml(`${quote(sheetOf(t.sheet))}!${range}`)}</definedName>`);
  }
  plans.forEach((p, i) => {
    const ps = p.spec.pageSetup;
    const q = quote(p.spec.name);
    if (ps?.printArea) {
      const a = ps.printArea;
      names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${escapeXml(`${q}!${absoluteA1(a.row, a.col)}:${absoluteA1(a.row + a.rows - 1, a.col + a.cols - 1)}`)}</definedName>`);
    }
    const titles: string[] = [];
    if (ps?.titleCols) titles.push(`${q}!$${columnLetters(ps.titleCols.from)}:$${columnLetters(ps.titleCols.to)}`);
    if (ps?.titleRows) titles.push(`${q}!$${ps.titleRows.from + 1}:$${ps.titleRows.to + 1}`);
    if (titles.length > 0) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(titles.join(","))}</definedName>`);
  });
  if (names.length > 0) x += `<definedNames>${names.join("")}</definedNames>`;
  return `${x}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`;
}

/** Upper bound of a sheet's XML size, to announce ZIP64 for an entry that could pass 4 GiB. */
function sheetBytesEstimate(spec: SheetSpec): number {
  let n = 4096;
  for (const b of spec.blocks) {
    if (b.kind !== "table") {
      const r = blockRect(b);
      if (r) n += r.rows * r.cols * 200;
      continue;
    }
    n += b.columns.length * 300;
    if (b.body) {
      for (const c of b.body.columns) {
        const formula = c.formula === undefined ? 0 : 80 + c.formula.length * 2;
        const values = c.values;
        // A number column: every cell as if it held a number (a blank one is smaller).
        if (values instanceof Float64Array) n += values.length * (formula > 0 ? formula + 24 : 48);
        else
          for (const v of values) {
            if (typeof v === "string") n += formula > 0 ? formula + v.length * 6 : 60 + v.length * 6;
            else n += formula > 0 ? formula + (v !== null ? 24 : 0) : 48;
          }
        if (n > ZIP64_ESTIMATE) return n;
      }
      continue;
    }
    for (const row of b.rows) {
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        if (typeof c === "number" || c === null || c === undefined || typeof c === "boolean") n += 48;
        else if (typeof c === "string") n += 60 + c.length * 6;
        else n += 80 + c.formula.length * 2 + (typeof c.value === "string" ? c.value.length * 6 : 24);
      }
      if (n > ZIP64_ESTIMATE) return n; // enough to know
    }
  }
  return n;
}

/** Cells a block writes (progress units). */
function cellsOf(report: Report): number {
  let n = 0;
  for (const s of report.sheets) n += sheetCells(s);
  return n;
}

function sheetCells(spec: SheetSpec): number {
  let n = 0;
  for (const b of spec.blocks) {
    const r = blockRect(b);
    if (r) n += r.rows * r.cols;
  }
  return n;
}

/**
 * Tables of at least this many body rows write each column of one position-free formula as a shared formula
 * (sheet.ts, `sharedFormulas`): at 100,000 customers KA Accounts is 0.4 GB of XML instead of 1.43 GB. Smaller
 * tables keep the formula in every cell, the form Excel itself writes for a table's calculated columns.
 */
export const SHARED_FORMULAS_FROM = 10_000;

/** The xlsx writer's options: progress and cancellation, and where shared formulas start (tests set it low). */
export type XlsxWriteOptions = WriteOptions & { sharedFormulasFrom?: number };

/**
 * Writes the workbook into `sink`. Validates first (nothing is written for a bad report).
 * @throws KaProblem "badArgument" / "outOfRange" (see validateReport), "cancelled" when `opts.signal` is aborted
 */
export async function writeXlsx(report: Report, sink: ZipSink, opts: XlsxWriteOptions = {}): Promise<WrittenSheets> {
  validateReport(report);
  return writeValidated(report, sink, opts);
}

/** `writeXlsx` for a report already validated (`writeXlsxFile` validates before it makes the file: 4.5 M cells at 100k customers). */
async function writeValidated(report: Report, sink: ZipSink, opts: XlsxWriteOptions): Promise<WrittenSheets> {
  const checkCancel = () => {
    if (opts.signal?.aborted) throw problem("cancelled", "writing the workbook was cancelled.");
  };
  checkCancel();
  const plans = plan(report);
  const ranges = new ReportRanges(report);
  const styles = new StyleRegistry();
  const roleName = new Map(report.sheets.map((s) => [s.role, s.name]));
  const sheetOf = (role: SheetRole) => roleName.get(role) as string;
  const tables = new Map<string, TablePlace>();
  for (const s of report.sheets)
    for (const b of s.blocks)
      if (b.kind === "table") tables.set(b.name.toLowerCase(), { name: b.name, sheet: s.name, row: b.row, col: b.col, headers: b.columns.map((c) => c.header), bodyRows: Math.max(1, bodyRowCount(b)) });
  const rangeA1 = (ref: RangeRef) => {
    const p = ranges.place(ref);
    const tl = absoluteA1(p.row, p.col);
    return `${quote(sheetOf(p.role))}!${p.rows === 1 && p.cols === 1 ? tl : `${tl}:${absoluteA1(p.row + p.rows - 1, p.col + p.cols - 1)}`}`;
  };

  const total = cellsOf(report);
  let done = 0;
  const progress = (cells: number) => {
    done = Math.min(total, done + cells);
    opts.onProgress?.(done, total);
  };

  const zip = new ZipWriter(sink, LEVEL);
  try {
    await zip.add("[Content_Types].xml", contentTypesXml(plans, true));
    await zip.add("_rels/.rels", relsXml([["rId1", REL_TYPE.officeDocument, "xl/workbook.xml"], ["rId2", REL_TYPE.coreProperties, "docProps/core.xml"]]));
    await zip.add("docProps/core.xml", coreXml(report));
    await zip.add("xl/workbook.xml", workbookXml(report, plans));
    const wbRels: [string, string, string][] = plans.map((p) => [`rId${p.index}`, REL_TYPE.worksheet, `worksheets/sheet${p.index}.xml`]);
    wbRels.push([`rId${plans.length + 1}`, REL_TYPE.styles, "styles.xml"], [`rId${plans.length + 2}`, REL_TYPE.theme, "theme/theme1.xml"]);
    await zip.add("xl/_rels/workbook.xml.rels", relsXml(wbRels));
    await zip.add("xl/theme/theme1.xml", themeXml());

    const firstVisible = report.sheets.findIndex((s) => !s.hidden);
    for (const p of plans) {
      checkCancel();
      const tableRels = p.tables.map((t, k) => ({ name: t.block.name, rId: `rId${k + 1}`, part: t.part }));
      const drawingRel = p.drawing ? `rId${tableRels.length + 1}` : undefined;
      const estimate = sheetBytesEstimate(p.spec);
      const entry = zip.entry(`xl/worksheets/sheet${p.index}.xml`, estimate > ZIP64_ESTIMATE, estimate, sheetCells(p.spec) > FAST_DEFLATE_CELLS ? 1 : LEVEL);
      const sharedFormulasFrom = opts.sharedFormulasFrom ?? SHARED_FORMULAS_FROM;
      await writeSheet(entry, p.spec, { report, styles, sheetOf, tables, tableRels, drawingRel, progress, rangeA1, sharedFormulasFrom }, { tabSelected: p.index - 1 === firstVisible, checkCancel });
      await entry.end();
      const rels: [string, string, string][] = tableRels.map((t) => [t.rId, REL_TYPE.table, `../tables/table${t.part}.xml`]);
      if (drawingRel) rels.push([drawingRel, REL_TYPE.drawing, `../drawings/drawing${p.drawing}.xml`]);
      if (rels.length > 0) await zip.add(`xl/worksheets/_rels/sheet${p.index}.xml.rels`, relsXml(rels));
      for (const t of p.tables) await zip.add(`xl/tables/table${t.part}.xml`, tableXml(t.block, t.id));
      if (p.drawing) {
        const anchored = p.charts.map((c, k) => ({ block: c.block, rId: `rId${k + 1}` }));
        await zip.add(`xl/drawings/drawing${p.drawing}.xml`, drawingXml(anchored));
        await zip.add(`xl/drawings/_rels/drawing${p.drawing}.xml.rels`, relsXml(p.charts.map((c, k) => [`rId${k + 1}`, REL_TYPE.chart, `../charts/chart${c.part}.xml`])));
        for (const c of p.charts) await zip.add(`xl/charts/chart${c.part}.xml`, chartXml(c.block, ranges.chartSeries(c.block), { report, sheetOf }));
      }
    }
    await zip.add("xl/styles.xml", styles.xml());
    zip.finish();
  } catch (e) {
    zip.abort(); // nothing of this write may reach the sink once it has failed
    throw e;
  }
  if (total === 0) opts.onProgress?.(0, 0);
  return { sheets: Object.fromEntries(report.sheets.map((s) => [s.role, s.name])), skippedCharts: [] };
}

/** The temporary file a write goes to before it is renamed over `file`: same folder (same file system), hidden. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/**
 * Removes temporary files of earlier writes of `file` whose process is gone (killed with SIGKILL, or a power cut:
 * no handler could remove them). A write still running in another process keeps its file.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith(".tmp")) continue;
    const pid = Number(/^(\d+)\.[0-9a-z]+\.tmp$/.exec(n.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(dir, n), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by someone else
  }
}

/**
 * Writes a report to an .xlsx file. The bytes go to a temporary file in the same folder, which is renamed over
 * `file` only when complete, so an error, a cancel or a killed process never leaves a half-written report (and an
 * existing report stays as it was until the new one is whole). `opts.onTempFile` learns the temporary path (the CLI
 * removes it on SIGINT/SIGTERM).
 * @throws KaProblem "fileUnreadable" naming the file when it cannot be written; see writeXlsx for the others
 * @example const { sheets } = await writeXlsxFile(report, "ka-report.xlsx");
 */
export async function writeXlsxFile(report: Report, file: string, opts: XlsxWriteOptions & { onTempFile?: (tmp: string | undefined) => void } = {}): Promise<WrittenSheets> {
  validateReport(report);
  if (isReadOnly(file)) throw problem("fileUnreadable", `cannot write ${file}: the file is read-only.`, { path: file });
  removeStaleTemps(file);
  const tmp = tempPathFor(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx", 0o666);
    opts.onTempFile?.(tmp);
    const out = fd;
    const written = await writeValidated(report, { write: (b) => void fs.writeSync(out, b) }, opts);
    fs.closeSync(fd);
    fd = undefined;
    if (opts.signal?.aborted) throw problem("cancelled", "writing the workbook was cancelled.");
    await fs.promises.rename(tmp, file);
    opts.onTempFile?.(undefined);
    return written;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    opts.onTempFile?.(undefined);
    if (isKaProblem(e)) throw e;
    throw problem("fileUnreadable", `cannot write ${file}: ${(e as Error).message}`, { path: file });
  }
}

/** An existing file the user may not write (a rename would replace it anyway, so the writer checks). */
function isReadOnly(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EACCES" || (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes a report to an in-memory .xlsx file. */
export async function writeXlsxBuffer(report: Report, opts: XlsxWriteOptions = {}): Promise<{ buffer: Buffer; written: WrittenSheets }> {
  const chunks: Buffer[] = [];
  const written = await writeXlsx(report, { write: (b) => void chunks.push(b) }, opts);
  return { buffer: Buffer.concat(chunks), written };
}

/** The xlsx `ReportWriter`: each `write` creates (or replaces) the file at `file`. */
export class XlsxFileWriter implements ReportWriter {
  constructor(readonly file: string) {}
  write(report: Report, opts?: WriteOptions): Promise<WrittenSheets> {
    return writeXlsxFile(report, this.file, opts);
  }
}
