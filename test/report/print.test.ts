/**
 * Ready to print (issue 12 item 4): the sample report exported to PDF by LibreOffice — every tab landscape and one page
 * wide, with the tab's name and the as-of date in the header and "Page n of m" in the footer; KA Summary on exactly one
 * page; the whole report in at most 40 pages (165 before, 25 now with KA Forecast; Online Retail 835 before, 75 now); the Accounts table's header repeated on each of its
 * pages. The page setup itself is checked in the written model: frozen panes at each tab's main table header.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PassThrough } from "stream";
import { main } from "../../src/cli/main";
import { analyze } from "../../src/engine/analysis";
import { LedgerBuilder } from "../../src/engine/ledger";
import { buildReport } from "../../src/engine/report";
import type { KeyValueBlock, Report, SheetSpec, TableBlock, TextBlock } from "../../src/engine/report";
import { layoutSheet } from "../../src/workbook/office/layout";
import { openLedgerFile } from "../../src/workbook/xlsx";
import { findSoffice } from "../helpers/libreoffice";
import { pagesPerTab, printToPdf } from "../helpers/pdf";
import type { PdfPages } from "../helpers/pdf";

const SAMPLE = path.resolve(__dirname, "../../assets/sample-ledger.csv");
const TABS = ["KA Summary", "KA Accounts", "KA Segments", "KA Aging", "KA Cohorts", "KA Alerts", "KA About"];

describe("the report's print and screen setup", () => {
  let report: Report;
  let sheets: SheetSpec[];
  beforeAll(async () => {
    const src = await openLedgerFile(SAMPLE, {});
    const b = new LedgerBuilder(src.header, { headerRow: src.headerRow });
    for await (const chunk of src.rows) for (const row of chunk) b.push(row);
    report = buildReport(await analyze(b.finish()), { label: "sample", kind: "sample" });
    sheets = report.sheets;
  });

  test("every tab: landscape A4, one page wide, a header with the tab and as-of date, page numbers in the footer", () => {
    for (const s of sheets) {
      expect([s.role, s.pageSetup?.orientation, s.pageSetup?.paperSize, s.pageSetup?.fitToWidth]).toEqual([s.role, "landscape", "A4", 1]);
      expect(s.headerFooter?.header?.left).toBe("{sheet}");
      expect(s.headerFooter?.header?.right).toBe("As of 2025-12-31");
      expect(s.headerFooter?.footer?.right).toBe("Page {page} of {pages}");
    }
    expect(sheets.find((s) => s.role === "summary")!.pageSetup?.fitToHeight).toBe(1);
  });

  test("panes freeze at each tab's main table header, which also repeats on every printed page", () => {
    const mainTable: Record<string, string> = { accounts: "KAAccounts", segments: "KASegments", aging: "KAAging", alerts: "KAAlerts" };
    for (const [role, name] of Object.entries(mainTable)) {
      const s = sheets.find((x) => x.role === role)!;
      const t = s.blocks.find((b) => b.kind === "table" && b.name === name) as TableBlock;
      expect([role, s.freeze?.rows, s.pageSetup?.titleRows]).toEqual([role, t.row + 1, { from: t.row, to: t.row }]);
    }
    // KA Aging prints down to the open items: a working list of thousands of rows on a real ledger.
    const aging = sheets.find((x) => x.role === "aging")!;
    const items = aging.blocks.find((b) => b.kind === "text" && b.text === "Open items, most overdue first")!;
    expect(aging.pageSetup?.printArea).toEqual({ row: 0, col: 0, rows: items.row, cols: aging.columnWidths!.length });
    const cohorts = sheets.find((x) => x.role === "cohorts")!;
    const first = cohorts.blocks.find((b) => b.kind === "matrix")!;
    expect(cohorts.freeze).toEqual({ rows: first.row + 2, cols: 1 }); // the matrix title, then its column headers
  });

  test("a note longer than the tables beside it is wrapped in merged cells, its row tall enough (no spill widens the page)", () => {
    const aging = sheets.find((x) => x.role === "aging")!;
    const notes = aging.blocks.filter((b): b is TextBlock => b.kind === "text" && b.style === "note" && b.text.length > 150);
    expect(notes.length).toBeGreaterThan(2);
    const widths = aging.columnWidths!;
    let wrapped = 0;
    for (const n of notes) {
      const toEdge = widths.slice(n.col).reduce((s, w) => s + w, 0);
      if (!n.wrap) {
        expect([n.text.slice(0, 30), n.text.length <= toEdge]).toEqual([n.text.slice(0, 30), true]);
        continue;
      }
      wrapped++;
      const room = widths.slice(n.col, n.col + n.mergeCols!).reduce((s, w) => s + w, 0);
      const height = aging.rowHeights!.find((h) => h.row === n.row)!.height;
      expect(height).toBeGreaterThanOrEqual(14 * Math.ceil(n.text.length / room)); // 14 pt a line
    }
    expect(wrapped).toBeGreaterThanOrEqual(2); // the provision matrix's and the collection KPIs' notes
  });

  test("a table header wider than its column wraps, its row tall enough (nothing prints cut short)", () => {
    let wrapped = 0;
    for (const s of sheets) {
      for (const t of s.blocks.filter((b): b is TableBlock => b.kind === "table")) {
        const lines = Math.max(...t.columns.map((c, j) => Math.ceil(c.header.length / ((s.columnWidths?.[t.col + j] ?? c.width ?? 8.43) - 2))));
        if (lines <= 1) continue;
        wrapped++;
        expect([s.name, t.name, t.wrapHeader]).toEqual([s.name, t.name, true]);
        expect(s.rowHeights!.find((h) => h.row === t.row)!.height).toBeGreaterThanOrEqual(14 * lines);
      }
    }
    expect(wrapped).toBeGreaterThan(5); // Accounts, KA Aging's tables, Trends, Stress, Groups…
  });

  test("the Office writer wraps a wrapped header row and the findings' labels (the xlsx writer's PDF is checked below)", () => {
    const accounts = sheets.find((x) => x.role === "accounts")!;
    const table = accounts.blocks[0] as TableBlock;
    expect(table.wrapHeader).toBe(true);
    expect(layoutSheet(accounts, report).styles).toContainEqual({ row: 0, col: 0, rows: 1, cols: table.columns.length, style: "wrap" });
    // …and a finding's label and number on KA Summary, so they sit level with the wrapped sentence beside them.
    const summary = sheets.find((x) => x.role === "summary")!;
    const kv = summary.blocks.find((b): b is KeyValueBlock => b.kind === "keyValue" && b.wrap === true)!;
    expect(layoutSheet(summary, report).styles).toContainEqual({ row: kv.row, col: kv.col, rows: 1, cols: 2, style: "wrap" });
  });

  const soffice = findSoffice();
  (soffice ? describe : describe.skip)("through LibreOffice's PDF export", () => {
    let pdf: PdfPages;
    beforeAll(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-print-"));
      const out = path.join(dir, "report.xlsx");
      expect(await main(["analyze", "--quiet", "--lang", "en", "--out", out], { stdout: new PassThrough(), stderr: new PassThrough(), env: {} })).toBe(0);
      pdf = printToPdf(out, soffice!);
      fs.rmSync(dir, { recursive: true, force: true });
    }, 300_000);

    test("the sample report prints on at most 40 pages, KA Summary on exactly one", () => {
      const per = pagesPerTab(pdf, TABS);
      expect(pdf.pages.length).toBeLessThanOrEqual(40);
      expect(per["KA Summary"]).toBe(1);
      for (const tab of TABS) expect([tab, per[tab] > 0]).toEqual([tab, true]);
    });

    test("every page names its tab and the as-of date and numbers itself; Accounts repeats its header on each page", () => {
      const n = pdf.pages.length;
      pdf.pages.forEach((page, i) => {
        expect(page).toContain("As of 2025-12-31");
        expect(page).toContain(`Page ${i + 1} of ${n}`);
      });
      const accounts = pdf.pages.filter((p) => p.trimStart().startsWith("KA Accounts"));
      expect(accounts.length).toBeGreaterThan(1);
      for (const p of accounts) expect(p).toMatch(/Customer\s+Revenue\s+Invoices/);
      // KA Summary: each finding's short name and number sit level with its sentence's first line (top of a tall row).
      const summary = sheets.find((x) => x.role === "summary")!;
      const findings = summary.blocks.filter((b): b is KeyValueBlock => b.kind === "keyValue" && b.wrap === true);
      expect(findings.length).toBeGreaterThan(3);
      const lines = pdf.pages[0].split("\n");
      findings.forEach((kv, i) => {
        const line = lines.find((l) => l.trimStart().startsWith(`${i + 1}. `)) ?? "";
        expect([i + 1, line.includes(kv.items[0].label)]).toEqual([i + 1, true]);
      });
      // The header row wraps (xlsx writer): "Cumulative share" prints on two lines, never cut to "Cumulative sh".
      for (const p of accounts) expect(p).not.toMatch(/Cumulative sh(?!are)/);
    });
  });
});
