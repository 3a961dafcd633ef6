/**
 * The pane's ports over Office.js: every call goes through `runExcel` (retry in cell-edit mode).
 */
import type { Report } from "../../engine/report/types";
import type { ReportWriter, WriteOptions, WrittenSheets } from "../port";
import { runExcel } from "./excel-run";
import type { RunExcelOptions } from "./excel-run";
import type { Discovery, LedgerLocation, Preview, ProgressOptions, RowSink, StoredSettings, WorkbookHost, WrittenSheet } from "./host-types";
import { discover, preview, readRows } from "./read";
import { loadDocumentSettings, readAbout, saveDocumentSettings } from "./settings";
import { writeReport } from "./write";

export class OfficeHost implements WorkbookHost {
  readonly kind = "excel" as const;
  /** `context.sync()` calls of the last read and write (shown in the pane's diagnostics and checked in tests). */
  lastReadSyncs = 0;
  lastWriteSyncs = 0;
  constructor(private readonly run: RunExcelOptions = {}) {}

  discover(): Promise<Discovery> {
    return runExcel((ctx) => discover(ctx), this.run);
  }

  preview(location: LedgerLocation, rows: number): Promise<Preview> {
    return runExcel((ctx) => preview(ctx, location, rows), this.run);
  }

  async read(location: LedgerLocation, sink: RowSink, opts: ProgressOptions = {}): Promise<void> {
    this.lastReadSyncs = await runExcel((ctx) => readRows(ctx, location, sink, opts), { ...this.run, signal: opts.signal });
  }

  async write(report: Report, opts: ProgressOptions = {}): Promise<WrittenSheet[]> {
    const result = await runExcel((ctx) => writeReport(ctx, report, opts), { ...this.run, signal: opts.signal });
    this.lastWriteSyncs = result.syncs;
    return result.written;
  }

  activate(sheet: string, address?: string): Promise<void> {
    return runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      if (address) ws.getRange(address).select();
      await ctx.sync();
    }, this.run);
  }

  async loadSettings(): Promise<StoredSettings> {
    let document: unknown;
    try {
      document = loadDocumentSettings();
    } catch {
      document = undefined;
    }
    const about = await runExcel((ctx) => readAbout(ctx), this.run).catch(() => undefined);
    return { document, about };
  }

  saveSettings(settings: unknown): Promise<void> {
    return saveDocumentSettings(settings);
  }
}

/**
 * The workbook port's `ReportWriter` (src/workbook/port.ts) over Office.js: the same write as `OfficeHost.write`
 * (temporary tabs, commit at the end, numbered names), with the port's progress shape (`done` of `total` steps,
 * here thousandths). Charts are drawn, so none is skipped.
 */
export class OfficeReportWriter implements ReportWriter {
  lastSyncs = 0;
  constructor(private readonly run: RunExcelOptions = {}) {}
  async write(report: Report, opts: WriteOptions = {}): Promise<WrittenSheets> {
    const result = await runExcel(
      (ctx) => writeReport(ctx, report, { signal: opts.signal, onProgress: (_stage, done) => opts.onProgress?.(Math.round(done * 1000), 1000) }),
      { ...this.run, signal: opts.signal },
    );
    this.lastSyncs = result.syncs;
    return { sheets: Object.fromEntries(result.written.map((w) => [w.role, w.name])), skippedCharts: [] };
  }
}
