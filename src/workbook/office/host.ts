/**
 * The workbook port's `WorkbookHost` (src/workbook/port.ts) over Office.js: every call goes through `runExcel`
 * (retry in cell-edit mode). It is also the port's `ReportWriter` for Excel: temporary tabs, commit at the end,
 * numbered names; charts are drawn, so none is skipped.
 */
import type { Report } from "../../engine/report/types";
import type { Discovery, LedgerLocation, Preview, ProgressOptions, RowSink, StoredSettings, WorkbookHost, WriteOptions, WrittenSheets } from "../port";
import { runExcel } from "./excel-run";
import type { RunExcelOptions } from "./excel-run";
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

  async write(report: Report, opts: WriteOptions = {}): Promise<WrittenSheets> {
    const result = await runExcel((ctx) => writeReport(ctx, report, opts), { ...this.run, signal: opts.signal });
    this.lastWriteSyncs = result.syncs;
    return { sheets: Object.fromEntries(result.written.map((w) => [w.role, w.name])), skippedCharts: [] };
  }

  activate(sheet: string, address?: string): Promise<void> {
    return runExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      // A multi-area address (`A2:L4,A9:L9`, a customer's rows) is selected as one RangeAreas (ExcelApi 1.9).
      if (address) (address.includes(",") ? ws.getRanges(address) : ws.getRange(address)).select();
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
