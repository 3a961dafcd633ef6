/**
 * Reading the ledger through the host and the run: read (again, when the as-of date cuts rows) → analyse →
 * build the report → write it → the results the pane shows. No state here: the store passes what it knows and
 * gets progress callbacks; cancelling is the signal.
 */
import { analyze } from "../../engine/analysis";
import type { Params } from "../../engine/analysis";
import { LedgerBuilder } from "../../engine/ledger";
import type { Field, Ledger, RawCell } from "../../engine/ledger/types";
import { analysedLedger } from "../../engine/metrics/dependence";
import { bodyRowCount, buildReport, summaryJson } from "../../engine/report";
import type { SummaryJson } from "../../engine/report";
import { EXCEL_MAX_DATA_ROWS } from "../../engine/report/tabs/drill";
import type { Report, SheetSpec, TableBlock } from "../../engine/report/types";
import type { LocationInfo, SheetRole, WorkbookHost, WrittenSheet } from "../../workbook/port";
import { a1 } from "../../workbook/office/layout";
import { rangeLabel } from "./mapping";
import type { DateOrder } from "./settings";

export interface Results {
  /** The JSON summary (the CLI's `--json`), typed by its schema (src/engine/report/summary-schema.ts). */
  json: SummaryJson;
  written: WrittenSheet[];
  /** Where the excluded-rows table is on KA About. */
  excluded: { sheet: string; address?: string } | undefined;
  warnings: string[];
  /** What the Results page's customer picker needs to find a customer's rows (undefined when nothing was ranked). */
  drill?: DrillSource;
}

/** The analysed customers and their rows, and where the ledger is in the workbook (its rows are selected there). */
export interface DrillSource {
  /** The ledger as the analysis numbered it (`analysedLedger`): rows, sheet rows, amounts. */
  ledger: Ledger;
  /** The analysis' customers: display names, net revenue (KA Accounts' Revenue) and their rows grouped. */
  customers: { names: readonly string[]; revenue: Float64Array; order: Int32Array; start: Int32Array };
  /** Customer codes by net revenue, largest first (KA Accounts' order). */
  byRevenue: Int32Array;
  /** The ledger's sheet and rectangle (header row first). */
  sheet: string;
  address: string;
}

/** The overall stages of a run, and what each `detail` is. */
export type RunStage = "reading" | "analysing" | "writing";

export interface LedgerRead {
  location: LocationInfo;
  map: Partial<Record<Field, number | string>>;
  dateOrder?: DateOrder;
  decimal?: "." | ",";
  asOf?: number;
  /** Grouping columns by header text (undefined: the engine detects them; [] none), as the CLI's `--group-by`. */
  groupBy?: string[];
}

/** Reads the ledger at `location` into the engine's builder; `onRows(rows, total)` as chunks arrive. */
export async function readLedger(host: WorkbookHost, read: LedgerRead, signal: AbortSignal | undefined, onRows: (rows: number, total: number) => void): Promise<Ledger> {
  let builder: LedgerBuilder | undefined;
  let total = 0;
  let rows = 0;
  await host.read(
    read.location,
    {
      begin: (header: RawCell[], info) => {
        builder = new LedgerBuilder(header, { map: read.map, date1904: info.date1904, headerRow: info.headerRow, dateOrder: read.dateOrder, decimal: read.decimal, asOf: read.asOf, groupBy: read.groupBy });
        total = info.dataRows;
        rows = 0;
      },
      rows: (chunk: RawCell[][]) => {
        const b = builder as LedgerBuilder;
        for (const r of chunk) b.push(r);
        rows += chunk.length;
        onRows(rows, total);
      },
    },
    { signal },
  );
  if (!builder) throw new Error("the host read no header");
  return builder.finish();
}

/** Where KA About's excluded-rows table is. */
function excludedTable(report: Report, written: WrittenSheet[]): Results["excluded"] {
  const about = report.sheets.find((s: SheetSpec) => s.role === "about");
  const sheet = written.find((w) => w.role === "about")?.name;
  if (!about || !sheet) return undefined;
  const t = about.blocks.find((b) => b.kind === "table" && b.name === "KAExcluded") as TableBlock | undefined;
  return { sheet, address: t ? a1(t.row, t.col, 1 + Math.max(1, bodyRowCount(t)), t.columns.length) : undefined };
}

export interface RunInput {
  host: WorkbookHost;
  /** The ledger as read for the Parameters page (up to its own last date). */
  ledger: Ledger;
  read: LedgerRead;
  params: Partial<Params>;
  /** `ledger` was read with other grouping columns than `read.groupBy`: read it again. */
  regroup?: boolean;
  signal: AbortSignal;
  /** `done` is the overall fraction; `detail` the rows read, the engine stage or the tab being written. */
  progress(stage: RunStage, done: number, detail: string): void;
}

/**
 * The run. Cancel (or an error) before the write's last step leaves the workbook as it was. The report carries the
 * drill-down (KA Drill over KA Rows) reading the rows from the ledger's own sheet, which is never written to.
 */
export async function runAnalysis(input: RunInput): Promise<Results & { ledger: Ledger }> {
  const { host, signal, progress } = input;
  let ledger = input.ledger;
  const reread = (input.params.asOf !== undefined && input.params.asOf !== ledger.asOf) || input.regroup === true;
  const [readShare, analyseShare] = reread ? [0.3, 0.3] : [0, 0.4];
  if (reread) {
    progress("reading", 0, "0");
    ledger = await readLedger(host, { ...input.read, asOf: input.params.asOf }, signal, (rows, total) => progress("reading", (readShare * rows) / Math.max(1, total), String(rows)));
  }
  progress("analysing", readShare, "");
  // KA Rows lists every used row below its header: beyond a sheet's rows there is no drill-down (the CLI refuses
  // --with-rows there; the pane simply leaves it out).
  const params: Partial<Params> = { ...input.params, withRows: ledger.used <= EXCEL_MAX_DATA_ROWS };
  const analysis = await analyze(ledger, params, { signal, onProgress: (stage, done) => progress("analysing", readShare + analyseShare * done, stage) });
  const location = input.read.location;
  const kind = location.kind === "table" ? "table" : location.kind === "sheet" ? "sheet" : "range";
  const label = location.kind === "table" && location.table ? location.table : rangeLabel(location.sheet, location.address);
  const report = buildReport(analysis, { label, kind, ledger, sheet: { name: location.sheet, address: location.address } });
  const writeStart = readShare + analyseShare;
  const result = await host.write(report, { signal, onProgress: (done, total, detail) => progress("writing", writeStart + ((1 - writeStart) * done) / Math.max(1, total), detail ?? "") });
  const written = (Object.entries(result.sheets) as [SheetRole, string][]).map(([role, name]) => ({ role, name }));
  const k = analysis.concentration;
  const c = analysis.customers;
  const drill: DrillSource | undefined = k
    ? { ledger: analysedLedger(ledger, analysis), customers: { names: c.names, revenue: c.revenue, order: c.order, start: c.start }, byRevenue: k.order, sheet: location.sheet, address: location.address }
    : undefined;
  return { json: summaryJson(analysis), written, excluded: excludedTable(report, written), warnings: analysis.warnings.map((w) => w.message), drill, ledger };
}
