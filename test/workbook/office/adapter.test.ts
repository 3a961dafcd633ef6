/**
 * The Office adapter against office-addin-mock objects backed by an in-memory workbook (./fake-excel.ts): chunked
 * reading (boundaries, shape check, sync count for a full-height ledger), writing (sync count, payload, ownership,
 * numbered names, re-runs, cancel, formula-like text), settings, cell-edit-mode retry, and parity with the
 * in-memory host's writer.
 */
import type { RawCell } from "../../../src/engine/ledger/types";
import type { Report } from "../../../src/engine/report/types";
import { MemoryHost } from "../../../src/workbook/memory/host";
import { MemoryWorkbook } from "../../../src/workbook/memory/workbook";
import { runExcel } from "../../../src/workbook/office/excel-run";
import { OfficeHost } from "../../../src/workbook/office/host";
import type { ReportWriter, RowSink } from "../../../src/workbook/port";
import { SETTINGS_KEY } from "../../../src/workbook/port";
import { bytesPerCell, chunkPlan, DEFAULT_READ_LIMITS, readRows } from "../../../src/workbook/office/read";
import type { ReadLimits } from "../../../src/workbook/office/read";
import { writeReport } from "../../../src/workbook/office/write";
import { FakeExcel } from "./fake-excel";
import { reportOf, syntheticLedger } from "./ledger-fixture";

const FIVE_MB = 5 * 1024 * 1024;

/** Collects what the reader hands over. */
class Collector implements RowSink {
  header: RawCell[] = [];
  collected: RawCell[][] = [];
  info?: { headerRow: number; dataRows: number; date1904: boolean };
  begin(header: RawCell[], info: { headerRow: number; dataRows: number; date1904: boolean }): void {
    this.header = header;
    this.collected = [];
    this.info = info;
  }
  rows(chunk: RawCell[][]): void {
    for (const r of chunk) this.collected.push(r);
  }
}
const collect = () => new Collector();

function ledgerSheet(fake: FakeExcel, name: string, rows: number, at = { row: 0, col: 0 }) {
  const values: RawCell[][] = [];
  for (let i = 0; i < at.row; i++) values.push([]);
  const pad = (r: RawCell[]) => [...Array(at.col).fill(null), ...r];
  values.push(pad(["Customer", "Date", "Amount"]));
  for (let i = 0; i < rows; i++) values.push(pad([`C${i % 7}`, 45000 + i, i + 0.5]));
  fake.wb.addSheet(name, values as any);
}

describe("reading in chunks", () => {
  const small: ReadLimits = { syncBytes: 2000, chunkBytes: 500, sampleRows: 3, minBytesPerCell: 8 };

  test("every row arrives once, in order, across chunk and sync boundaries", async () => {
    const fake = new FakeExcel();
    ledgerSheet(fake, "Data", 1000, { row: 2, col: 1 });
    fake.install();
    const sink = collect();
    const plan = chunkPlan(3, bytesPerCell([["C1", 45001, 1.5]], 8), small);
    const syncs = await runExcel((ctx) => readRows(ctx, { kind: "sheet", sheet: "Data", address: "B3:D1003" }, sink, {}, small));
    const rows = sink.collected;
    expect(sink.header).toEqual(["Customer", "Date", "Amount"]);
    expect(sink.info).toEqual({ headerRow: 3, dataRows: 1000, date1904: false });
    expect(rows.length).toBe(1000);
    rows.forEach((r, i) => expect(r).toEqual([`C${i % 7}`, 45000 + i, i + 0.5]));
    // 1 sync for the header and sample, then ceil((1000 − 3 sampled) / (chunkRows · chunksPerSync)).
    expect(plan.chunkRows).toBeGreaterThan(1);
    expect(syncs).toBe(1 + Math.ceil(997 / (plan.chunkRows * plan.chunksPerSync)));
    expect(fake.syncs).toBe(syncs);
  });

  test("row counts at, just under and just over a chunk boundary", async () => {
    const plan = chunkPlan(3, bytesPerCell([["C1", 45001, 1.5]], 8), small);
    for (const n of [0, 1, 3, 4, plan.chunkRows + 3, plan.chunkRows + 4, plan.chunkRows * plan.chunksPerSync + 3, plan.chunkRows * plan.chunksPerSync + 4]) {
      const fake = new FakeExcel();
      ledgerSheet(fake, "Data", n);
      fake.install();
      const sink = collect();
      await runExcel((ctx) => readRows(ctx, { kind: "sheet", sheet: "Data", address: `A1:C${n + 1}` }, sink, {}, small));
      expect(sink.collected.length).toBe(n);
      sink.collected.forEach((r, i) => expect(r[1]).toBe(45000 + i));
    }
  });

  test("a chunk that comes back empty (oversized answer) is read again in halves", async () => {
    const fake = new FakeExcel(undefined, { emptyAboveCells: 60 }); // chunks above 20 rows × 3 columns come back empty
    ledgerSheet(fake, "Data", 500);
    fake.install();
    const sink = collect();
    await runExcel((ctx) => readRows(ctx, { kind: "sheet", sheet: "Data", address: "A1:C501" }, sink, {}, { ...small, chunkBytes: 2000, syncBytes: 8000 }));
    expect(sink.collected.length).toBe(500);
    sink.collected.forEach((r, i) => expect(r[2]).toBe(i + 0.5));
  });

  test("a table is read from its current range", async () => {
    const fake = new FakeExcel();
    ledgerSheet(fake, "Data", 50, { row: 4, col: 2 });
    fake.wb.tables.set("Sales", { name: "Sales", sheet: "Data", row: 4, col: 2, rows: 51, cols: 3, columns: [] });
    fake.install();
    const sink = collect();
    await runExcel((ctx) => readRows(ctx, { kind: "table", sheet: "Data", table: "Sales", address: "A1" }, sink));
    expect(sink.info?.headerRow).toBe(5);
    expect(sink.collected.length).toBe(50);
  });

  test("a full-height ledger (1,048,576 rows × 8 columns) takes ≤ 60 syncs, each under 5 MB", async () => {
    const fake = new FakeExcel();
    const rows = 1_048_576;
    const header = ["Customer", "Invoice", "Date", "Due", "Amount", "Paid", "Region", "Rep"];
    fake.virtual.set("LEDGER", {
      rows,
      cols: 8,
      cell: (r, c) => {
        if (r === 0) return header[c];
        switch (c) {
          case 0:
            return `Customer ${String(r % 9973).padStart(4, "0")}`;
          case 1:
            return `INV-${String(r).padStart(7, "0")}`;
          case 2:
            return 44927 + (r % 730);
          case 3:
            return 44957 + (r % 730);
          case 4:
            return Math.round(((r * 7919) % 100000) + 0.37 * (r % 100)) / 100 + 100;
          case 5:
            return r % 3 === 0 ? "" : 44960 + (r % 700);
          case 6:
            return ["North", "South", "East", "West"][r % 4];
          default:
            return `Rep ${r % 40}`;
        }
      },
    });
    fake.wb.addSheet("Ledger", []);
    fake.install();
    let n = 0;
    let last: RawCell[] = [];
    const sink: RowSink = {
      begin() {
        n = 0;
      },
      rows(chunk) {
        n += chunk.length;
        last = chunk[chunk.length - 1];
      },
    };
    const host = new OfficeHost();
    await host.read({ kind: "sheet", sheet: "Ledger", address: `A1:H${rows}` }, sink);
    expect(n).toBe(rows - 1);
    expect(last[1]).toBe(`INV-${String(rows - 1).padStart(7, "0")}`);
    expect(host.lastReadSyncs).toBe(fake.syncs);
    expect(fake.syncs).toBeLessThanOrEqual(60);
    expect(Math.max(...fake.syncBytes)).toBeLessThan(FIVE_MB);
    console.log(`read 1,048,575 rows × 8: ${fake.syncs} syncs, largest ${(Math.max(...fake.syncBytes) / 1e6).toFixed(2)} MB`);
  }, 120_000);

  test("the default limits keep a sync's values well under 5 MB", () => {
    const { chunkRows, chunksPerSync } = chunkPlan(8, 20, DEFAULT_READ_LIMITS);
    expect(chunkRows * chunksPerSync * 8 * 20).toBeLessThanOrEqual(4_000_000);
  });
});

describe("writing a report", () => {
  let report10k: Report;
  let small: Report;
  beforeAll(async () => {
    report10k = await reportOf(syntheticLedger(10_000));
    small = await reportOf(syntheticLedger(30));
  });

  test("the Accounts tab of 10,000 customers (with every other tab) takes ≤ 20 syncs, each under 5 MB", async () => {
    // The whole report: the Accounts formulas refer to tables on other tabs (KA About's rule tables), so the tab
    // cannot be written alone; the bound holds for all tabs together.
    const fake = new FakeExcel();
    fake.wb.addSheet("Sheet1", [["x"]]);
    fake.install();
    const result = await runExcel((ctx) => writeReport(ctx, report10k));
    expect(result.syncs).toBe(fake.syncs);
    expect(fake.syncs).toBeLessThanOrEqual(20);
    expect(Math.max(...fake.syncBytes)).toBeLessThan(FIVE_MB);
    expect(fake.wb.sheet("KA Accounts")?.values.length).toBe(10_001);
    const accountsBytes = fake.formulaWrites.filter((w) => w.sheet === result.written.find((x) => x.role === "accounts")?.name || w.sheet.endsWith("~2")).reduce((n, w) => n + JSON.stringify(w.formulas).length, 0);
    console.log(`write report with 10,000 customers: ${fake.syncs} syncs in all (largest ${(Math.max(...fake.syncBytes) / 1e6).toFixed(2)} MB, Accounts cells ${(accountsBytes / 1e6).toFixed(1)} MB)`);
    expect(fake.calcSuspensions).toBeGreaterThanOrEqual(fake.syncs - 2);
    expect(fake.screenSuspensions).toBeGreaterThanOrEqual(1);
  }, 120_000);

  test("a user's sheet with a tab's name is never touched: a numbered name is used", async () => {
    const fake = new FakeExcel();
    fake.wb.addSheet("KA Summary", [["my own notes"], [42]]);
    fake.wb.addSheet("KA Summary (2)", [["more notes"]]);
    fake.install();
    const before = JSON.stringify(fake.wb.sheet("KA Summary")?.values);
    const host = new OfficeHost();
    const written = await host.write(small);
    expect(written.sheets.summary).toBe("KA Summary (3)");
    expect(JSON.stringify(fake.wb.sheet("KA Summary")?.values)).toBe(before);
    expect(fake.wb.sheet("KA Summary (2)")?.values).toEqual([["more notes"]]);
    expect(fake.wb.names.get("KA_Owned_summary")?.formula).toBe("='KA Summary (3)'!$A$1");
    expect(fake.wb.names.get("KA_Owned_summary")?.visible).toBe(false);
  });

  test("a re-run replaces only the marked tabs (and keeps a marked tab the user renamed)", async () => {
    const fake = new FakeExcel();
    fake.wb.addSheet("Data", [["Customer"], ["A"]]);
    fake.install();
    const host = new OfficeHost();
    const first = await host.write(small);
    expect(Object.values(first.sheets)).toEqual(small.sheets.map((s) => s.name));
    // The user adds a sheet called like a numbered tab, and renames our Accounts tab to keep a snapshot.
    fake.wb.addSheet("KA About (2)", [["user"]]);
    fake.wb.renameSheet("KA Accounts", "Accounts March");
    const second = await host.write(small);
    expect(Object.values(second.sheets)).toEqual(small.sheets.map((s) => s.name));
    const names = fake.wb.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Data", "KA About (2)", "Accounts March", ...small.sheets.map((s) => s.name)]));
    expect(names.length).toBe(3 + small.sheets.length);
    expect(names.some((n) => n.startsWith("KA~"))).toBe(false);
    expect(fake.wb.sheet("KA About (2)")?.values).toEqual([["user"]]);
    expect(fake.wb.names.get("KA_Owned_accounts")?.formula).toBe("='KA Accounts'!$A$1");
    // Tables carry their report names again, once each; the kept snapshot keeps its KAAccounts, so the new
    // Accounts table is KAAccounts2 and the new tabs' formulas follow it.
    const tables = [...fake.wb.tables.values()].filter((t) => t.sheet !== "Accounts March").map((t) => t.name).sort();
    const expected = small.sheets.flatMap((s) => s.blocks.filter((b) => b.kind === "table").map((b) => (b as { name: string }).name)).map((n) => (n === "KAAccounts" ? "KAAccounts2" : n)).sort();
    expect(tables).toEqual(expected);
    expect(fake.wb.tables.get("KAAccounts")?.sheet).toBe("Accounts March");
    const summaryFormulas = [...(fake.wb.sheet("KA Summary")?.formulas.values() ?? [])];
    expect(summaryFormulas.some((f) => f.includes("KAAccounts2["))).toBe(true);
    expect(summaryFormulas.some((f) => /KAAccounts\[/.test(f))).toBe(false);
    // Every defined name of the report points at the new tab of its role.
    for (const [name, ref] of Object.entries(small.names ?? {})) {
      const tab = small.sheets.find((s) => s.role === ref.sheet)?.name as string;
      expect(fake.wb.names.get(name)?.formula).toMatch(new RegExp(`^='${tab}'!\\$[A-Z]+\\$${ref.row + 1}$`));
    }
  });

  test("text that looks like a formula, a number or a boolean is written as text", async () => {
    const tricky = ["=HYPERLINK(\"http://evil\",\"x\")", "+44 20 7946 0000", "-minus", "@SUM(A1)", "00123", "TRUE", "1/2", "12%", "'quoted"];
    const report = await reportOf(syntheticLedger(tricky.length + 3, (i) => tricky[i] ?? `Plain ${i}`));
    const fake = new FakeExcel();
    fake.install();
    await runExcel((ctx) => writeReport(ctx, report));
    const accounts = fake.wb.sheet("KA Accounts");
    const column = (accounts?.values ?? []).slice(1).map((r) => r[0]);
    for (const t of tricky) expect(column).toContain(t);
    const formulasInNameColumn = [...(accounts?.formulas.keys() ?? [])].filter((k) => k.endsWith(",0"));
    expect(formulasInNameColumn).toEqual([]);
    // What was sent: the guarded text, never a bare leading "=".
    const sent = fake.formulaWrites.filter((w) => w.sheet.startsWith("KA~")).flatMap((w) => w.formulas.flat());
    expect(sent).toContain("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(sent).not.toContain("=HYPERLINK(\"http://evil\",\"x\")");
  });

  test("a highlight rule written with structured references reaches Excel in A1 form (Excel refuses table references there)", async () => {
    const report: Report = {
      sheets: [
        {
          name: "KA Alerts",
          role: "alerts",
          blocks: [
            {
              kind: "table",
              name: "KAAlerts",
              row: 2,
              col: 1,
              columns: [{ header: "Customer" }, { header: "Value" }, { header: "Threshold" }],
              rows: [
                ["A", 5, 3],
                ["B", 1, 3],
              ],
              conditionalFormats: [{ column: "Value", kind: "highlight", condition: "KAAlerts[[#This Row],[Value]]>KAAlerts[[#This Row],[Threshold]]" }],
            },
          ],
        },
      ],
    };
    const fake = new FakeExcel();
    fake.install();
    await runExcel((ctx) => writeReport(ctx, report));
    const custom = fake.conditionalFormats.filter((c) => c.type === "Custom");
    expect(custom).toHaveLength(1);
    // Table header at row 3 (0-based 2), columns B..D: the first body cell of Value is C4, of Threshold D4.
    expect(custom[0].rect).toEqual({ row: 3, col: 2, rows: 2, cols: 1 });
    expect(custom[0].custom.rule.formula).toBe("=C4>D4");
  });

  test("formulas go through Range.formulas in English syntax and point at the final table names", async () => {
    const fake = new FakeExcel();
    fake.install();
    await runExcel((ctx) => writeReport(ctx, small));
    const accounts = fake.wb.sheet("KA Accounts");
    const formulas = [...(accounts?.formulas.values() ?? [])];
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(f.startsWith("=")).toBe(true);
      expect(f).not.toMatch(/KAAccounts_[a-z0-9]+\[/); // temporary table names were renamed away
      expect(f).not.toMatch(/;/); // comma separators, not a locale's semicolons
    }
    expect(formulas.some((f) => f.includes("KAAccounts["))).toBe(true);
  });

  test("cancel mid-write leaves the workbook exactly as it was", async () => {
    const fake = new FakeExcel();
    fake.wb.addSheet("Data", [["Customer", "Amount"], ["A", 1]]);
    fake.install();
    const host = new OfficeHost();
    await host.write(small); // an earlier run's tabs, which a cancelled re-run must keep
    const before = fake.wb.snapshot();
    const controller = new AbortController();
    const start = fake.syncs;
    fake.onSync = (n) => {
      if (n === start + 2) controller.abort();
    };
    await expect(host.write(report10k, { signal: controller.signal })).rejects.toMatchObject({ problem: { code: "cancelled" } });
    expect(fake.wb.snapshot()).toEqual(before);
  }, 60_000);

  test("Office and in-memory writers lay every tab out identically", async () => {
    const fake = new FakeExcel();
    fake.install();
    await runExcel((ctx) => writeReport(ctx, small));
    const mem = new MemoryWorkbook();
    await new MemoryHost(mem).write(small);
    for (const spec of small.sheets) {
      const a = fake.wb.sheet(spec.name);
      const b = mem.sheet(spec.name);
      expect(a && b).toBeTruthy();
      if (!a || !b) continue;
      const size = mem.usedSize(b);
      for (let r = 0; r < size.rows; r++) {
        for (let c = 0; c < size.cols; c++) {
          const fa = fake.wb.formulaAt(a, r, c);
          const fb = mem.formulaAt(b, r, c);
          expect([spec.name, r, c, fa]).toEqual([spec.name, r, c, fb]);
          if (fb === undefined) expect([spec.name, r, c, fake.wb.getValue(a, r, c)]).toEqual([spec.name, r, c, mem.getValue(b, r, c)]);
          expect(fake.wb.formatAt(a, r, c)).toBe(mem.formatAt(b, r, c));
        }
      }
    }
    expect([...fake.wb.names.keys()].sort()).toEqual([...mem.names.keys()].sort());
    for (const [k, v] of mem.names) expect(fake.wb.names.get(k)).toEqual(v);
  });
});

describe("finding the ledger", () => {
  test("selection, the table at the cursor, tables and sheets; the add-in's own tabs are not offered", async () => {
    const fake = new FakeExcel();
    ledgerSheet(fake, "Data", 20, { row: 2, col: 1 });
    fake.wb.tables.set("Sales", { name: "Sales", sheet: "Data", row: 2, col: 1, rows: 21, cols: 3, columns: [] });
    fake.wb.addSheet("Notes", [["just a note"]]);
    fake.install();
    const host = new OfficeHost();
    await host.write(await reportOf(syntheticLedger(5)));
    fake.wb.selection = { sheet: "Data", row: 5, col: 2, rows: 1, cols: 1 };
    const found = await host.discover();
    expect(found.tableAtCursor).toMatchObject({ kind: "table", table: "Sales", sheet: "Data", address: "B3:D23", rows: 21, cols: 3 });
    expect(found.selection).toBeUndefined(); // one cell is not a range to analyse
    expect(found.tables.map((t) => t.table)).toEqual(["Sales"]); // the report's tables live on KA tabs: not offered
    expect(found.sheets.map((s) => [s.sheet, s.address])).toEqual([
      ["Data", "B3:D23"],
      ["Notes", "A1"],
    ]);
    fake.wb.selection = { sheet: "Data", row: 2, col: 1, rows: 10, cols: 3 };
    expect((await host.discover()).selection).toMatchObject({ kind: "selection", address: "B3:D12", rows: 10, cols: 3 });
  });

  test("data around the cursor when it is not in a table; the preview names the 1904 date system", async () => {
    const fake = new FakeExcel();
    ledgerSheet(fake, "Data", 8, { row: 0, col: 0 });
    fake.wb.selection = { sheet: "Data", row: 3, col: 1, rows: 1, cols: 1 };
    fake.wb.date1904 = true;
    fake.install();
    const host = new OfficeHost();
    const found = await host.discover();
    expect(found.regionAtCursor).toMatchObject({ kind: "region", address: "A1:C9", rows: 9 });
    const p = await host.preview(found.regionAtCursor!, 3);
    expect(p.header).toEqual(["Customer", "Date", "Amount"]);
    expect(p.rows).toEqual([
      ["C0", 45000, 0.5],
      ["C1", 45001, 1.5],
      ["C2", 45002, 2.5],
    ]);
    expect(p.date1904).toBe(true);
  });
});

describe("the workbook port: both pane hosts are its ReportWriter", () => {
  test("Office and in-memory hosts answer with the final sheet name per role in writing order, and progress in tabs up to the total", async () => {
    const report = await reportOf(syntheticLedger(20));
    const fake = new FakeExcel();
    fake.wb.addSheet("KA Accounts", [["a user's sheet"]]);
    fake.install();
    const progress: [number, number, string | undefined][] = [];
    const officeWriter: ReportWriter = new OfficeHost();
    const office = await officeWriter.write(report, { onProgress: (d, t, detail) => progress.push([d, t, detail]) });
    expect(office.sheets.accounts).toBe("KA Accounts (2)");
    expect(office.sheets.summary).toBe("KA Summary");
    expect(Object.keys(office.sheets)).toEqual(report.sheets.map((s) => s.role));
    expect(office.skippedCharts).toEqual([]);
    // one step per tab, one for the charts, and the commit: the first step names the first tab
    const n = report.sheets.length;
    expect(progress[0]).toEqual([0, n + 1, "KA Summary"]);
    expect(progress[progress.length - 1]).toEqual([n + 1, n + 1, ""]);
    const mem = new MemoryWorkbook();
    mem.addSheet("KA Accounts", [["a user's sheet"]]);
    const memoryWriter: ReportWriter = new MemoryHost(mem);
    const memoryProgress: [number, number][] = [];
    const memory = await memoryWriter.write(report, { onProgress: (d, t) => memoryProgress.push([d, t]) });
    expect(memory.sheets).toEqual(office.sheets);
    expect(memoryProgress[memoryProgress.length - 1]).toEqual([n, n]);
  });
});

describe("settings and Excel.run", () => {
  test("settings round trip through the document and through KA About", async () => {
    const fake = new FakeExcel();
    fake.install();
    const host = new OfficeHost();
    const saved = { version: 1, map: { customer: "Client", amount: "Net" }, params: { bins: 4, unit: "month" } };
    await host.saveSettings(saved);
    expect(fake.wb.settings[SETTINGS_KEY]).toEqual(saved);
    const report = await reportOf(syntheticLedger(12));
    await host.write(report);
    const loaded = await host.loadSettings();
    expect(loaded.document).toEqual(saved);
    expect(loaded.about?.names.KA_Bins).toBe(5);
    expect(loaded.about?.names.KA_Unit).toBe("week");
    expect(loaded.about?.pairs).toEqual(expect.arrayContaining([["Column for customer", "Customer"]]));
    // Document settings lost: KA About still answers.
    delete fake.wb.settings[SETTINGS_KEY];
    const again = await host.loadSettings();
    expect(again.document).toBeUndefined();
    expect(again.about?.names.KA_ABC_A).toBe(0.8);
  });

  test("a batch refused in cell-edit mode is retried until Excel accepts it", async () => {
    const fake = new FakeExcel();
    fake.wb.addSheet("Data", [["Customer", "Date", "Amount"], ["A", 45000, 1]]);
    fake.install();
    fake.cellEditFailures = 2;
    const waits: number[] = [];
    const host = new OfficeHost({ retryDelayMs: 1, onWaitForCellEdit: (n) => waits.push(n) });
    const found = await host.discover();
    expect(waits).toEqual([1, 2]);
    expect(found.sheets.map((s) => [s.sheet, s.address])).toEqual([["Data", "A1:C2"]]);
  });

  test("other errors are not retried", async () => {
    const fake = new FakeExcel();
    fake.install();
    await expect(runExcel(async () => Promise.reject(Object.assign(new Error("x"), { code: "ItemNotFound" })), { retryDelayMs: 1 })).rejects.toThrow("x");
  });
});

describe("selecting in the ledger's sheet", () => {
  test("a multi-area address selects every area (a customer's rows), a single one its rectangle", async () => {
    const fake = new FakeExcel();
    ledgerSheet(fake, "Data", 20);
    fake.install();
    const host = new OfficeHost();
    await host.activate("Data", "A2:C4,A9:C9");
    expect(fake.wb.active).toBe("Data");
    expect(fake.wb.selection?.areas).toEqual([
      { row: 1, col: 0, rows: 3, cols: 3 },
      { row: 8, col: 0, rows: 1, cols: 3 },
    ]);
    await host.activate("Data", "B5");
    expect(fake.wb.selection).toEqual({ sheet: "Data", row: 4, col: 1, rows: 1, cols: 1 });
  });
});
