/**
 * KA Drill over the ledger's own sheet (the task pane's case: `SourceInfo.sheet`): the first 600 rows of the bundled
 * sample are put on a sheet named `Jo's Ledger` at C3 (header) — not A1, and a name that needs quoting — next to the report written from
 * it; LibreOffice picks the 5th customer on KA Drill and recalculates (one run). The drilled sheet rows are the
 * customer's rows found here by hand (customer keys: trimmed, case-insensitive), every column of each equals the
 * ledger sheet's cell, and the rows' total equals its revenue on KA Accounts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Papa from "papaparse";
import { analyze } from "../../src/engine/analysis";
import { ingestGrid } from "../../src/engine/ledger";
import { buildReport } from "../../src/engine/report";
import type { SheetRole } from "../../src/engine/report/types";
import { writeXlsxFile } from "../../src/workbook/xlsx/write-xlsx";
import { readCells, recalcAfterEdit } from "../helpers/libreoffice";
import type { WorkbookCells } from "../helpers/libreoffice";

const SAMPLE = path.resolve(__dirname, "../../assets/sample-ledger.csv");
const SHEET = "Jo's Ledger";
const HEADER_ROW = 3; // 1-based sheet row of the header
const FIRST_COL = 2; // column C

const letters = (c: number) => String.fromCharCode(65 + c); // the sample is narrower than 26 columns
const split = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { col: m[1].charCodeAt(0) - 65, row: Number(m[2]) };
};
function find(cells: WorkbookCells, sheet: string, value: unknown): { col: number; row: number } {
  const hit = Object.entries(cells[sheet]).find(([, c]) => c.value === value);
  if (!hit) throw new Error(`no cell '${String(value)}' on ${sheet}`);
  return split(hit[0]);
}
const at = (cells: WorkbookCells, sheet: string, row: number, col: number) => {
  const v = cells[sheet][`${letters(col)}${row}`]?.value;
  return v === undefined || v === null ? "" : v;
};

describe("KA Drill over the ledger's own sheet, recalculated by LibreOffice", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-drill-source-"));
  const file = path.join(dir, "book.xlsx");
  // The sample's first 600 rows (a smaller report recalculates faster; the drill does not depend on the size).
  const grid = Papa.parse<string[]>(fs.readFileSync(SAMPLE, "utf8"), { skipEmptyLines: true }).data.slice(0, 601);
  let original: WorkbookCells;
  let after: WorkbookCells;
  let picked = "";
  let revenue = 0;

  beforeAll(async () => {
    const ledger = ingestGrid(grid, { headerRow: HEADER_ROW });
    const a = await analyze(ledger, { withRows: true });
    const lastRow = HEADER_ROW + grid.length - 1;
    const report = buildReport(a, { label: `${SHEET}!C3`, kind: "range", ledger, sheet: { name: SHEET, address: `C${HEADER_ROW}:${letters(FIRST_COL + grid[0].length - 1)}${lastRow}` } });
    // The ledger's sheet as the user has it: header at C3, rows below (column B holds labels, outside the ledger).
    report.sheets.push({
      name: SHEET,
      role: "source" as SheetRole,
      blocks: [{ kind: "matrix", row: HEADER_ROW - 1, col: FIRST_COL - 1, columnHeaders: grid[0], rowHeaders: grid.slice(1).map((_, i) => `r${i + 1}`), cells: grid.slice(1) }],
    });
    await writeXlsxFile(report, file);
    original = await readCells(file);
    const c = a.concentration!.order[4];
    picked = a.customers.names[c];
    revenue = a.customers.revenue[c];
    const pick = find(original, "KA Drill", "Customer");
    after = await recalcAfterEdit(file, [{ sheet: "KA Drill", cell: `${letters(pick.col + 1)}${pick.row}`, value: picked }]);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("KA Rows holds rank, sheet row and amount only; KA Drill's columns are the ledger sheet's headers", () => {
    const h = find(original, "KA Rows", "Rank");
    expect([0, 1, 2, 3].map((k) => at(original, "KA Rows", h.row, h.col + k))).toEqual(["Rank", "Ledger row", "Amount", ""]);
    const d = find(original, "KA Drill", "#");
    const headers = grid[0].map((_, j) => at(original, "KA Drill", d.row, d.col + 2 + j));
    expect(headers).toEqual(grid[0]);
    // The sheet is referenced quoted, whole columns from C.
    const cell = original["KA Drill"][`${letters(d.col + 2)}${d.row + 1}`];
    expect(cell.formula).toContain(`'Jo''s Ledger'!$C:$C`);
  });

  test("the picked customer's rows: sheet rows found by hand, every cell equal to the ledger sheet's, total = revenue", () => {
    const key = (s: string) => s.trim().toLowerCase();
    const customerCol = grid[0].indexOf("Customer");
    const amountCol = grid[0].indexOf("Amount");
    const byHand = grid
      .slice(1)
      .map((r, i) => ({ r, row: HEADER_ROW + 1 + i }))
      .filter((x) => key(x.r[customerCol]) === key(picked));
    expect(byHand.length).toBeGreaterThan(3);
    const d = find(after, "KA Drill", "#");
    const rowsCol = d.col + 1;
    const drilled: number[] = [];
    for (let r = d.row + 1; at(after, "KA Drill", r, rowsCol) !== ""; r++) {
      const sheetRow = at(after, "KA Drill", r, rowsCol) as number;
      drilled.push(sheetRow);
      for (let j = 0; j < grid[0].length; j++) expect([sheetRow, j, at(after, "KA Drill", r, d.col + 2 + j)]).toEqual([sheetRow, j, at(after, SHEET, sheetRow, FIRST_COL + j)]);
    }
    expect(drilled).toEqual(byHand.map((x) => x.row));
    // Below the customer's rows the table is blank.
    expect(at(after, "KA Drill", d.row + 1 + drilled.length, d.col + 2)).toBe("");
    const total = byHand.reduce((s, x) => s + Number(x.r[amountCol]), 0);
    expect(Math.abs(total - revenue)).toBeLessThan(1e-6);
    const label = (text: string) => {
      const p = find(after, "KA Drill", text);
      return at(after, "KA Drill", p.row, p.col + 1) as number;
    };
    expect(Math.abs(label("Total amount (= Revenue on KA Accounts)") - revenue)).toBeLessThan(1e-6);
    expect(Math.abs(label("Revenue on KA Accounts") - revenue)).toBeLessThan(1e-6);
    expect(label("Rows found")).toBe(byHand.length);
  });
});

describe("KA Rows of a ledger analysed in one of its currencies", () => {
  test("only the rows in the chosen currency, with their own customers and sheet rows (codes renumbered by the analysis)", async () => {
    // Sheet rows 2…7. In CNY: B (row 3) 50, C (row 5) 70 and 30 (row 7); A and D only ever buy in USD.
    const grid = [
      ["Customer", "Date", "Amount", "Currency"],
      ["A", "2024-01-05", 100, "USD"],
      ["B", "2024-01-06", 50, "CNY"],
      ["D", "2024-01-07", 10, "USD"],
      ["C", "2024-02-01", 70, "CNY"],
      ["B", "2024-02-02", 20, "USD"],
      ["C", "2024-03-01", 30, "CNY"],
    ];
    const ledger = ingestGrid(grid);
    const a = await analyze(ledger, { currency: "CNY", withRows: true });
    expect(a.ledger.used).toBe(3);
    const report = buildReport(a, { label: "book", kind: "file", ledger });
    const rows = report.sheets.find((s) => s.role === "rows")!;
    const table = rows.blocks.find((b) => b.kind === "table")!;
    if (table.kind !== "table") throw new Error("no table");
    const col = (h: string) => table.columns.findIndex((c) => c.header === h);
    // C first (100 of CNY revenue), then B (50); each customer's rows in ledger order.
    expect(table.rows.map((r) => [r[col("Rank")], r[col("Ledger row")], r[col("Customer")], r[col("Amount")]])).toEqual([
      [1, 5, "C", 70],
      [1, 7, "C", 30],
      [2, 3, "B", 50],
    ]);
  });
});
