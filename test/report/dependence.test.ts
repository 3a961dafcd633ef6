/**
 * Dependence in the written workbook (the bundled sample through the CLI with --with-rows), recalculated by
 * LibreOffice once: a colleague's edits — k in the stress table, a customer picked in an empty row, the
 * rising-dependence and one-customer thresholds on KA About, another customer on KA Drill — recalculate to figures
 * computed here from the JSON accounts and the CSV, by hand; the cells no edit reaches keep the engine's values.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../src/cli/main";
import { compareFormulaCells, readCells, recalcAfterEdit } from "../helpers/libreoffice";
import type { WorkbookCells } from "../helpers/libreoffice";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

const split = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { col: m[1], row: Number(m[2]) };
};
const letter = (n: number) => String.fromCharCode(64 + n); // 1 → A (the tables here are narrower than 26 columns)
const colNum = (c: string) => c.charCodeAt(0) - 64;

function find(cells: WorkbookCells, sheet: string, value: unknown): string {
  const hit = Object.entries(cells[sheet]).find(([, c]) => c.value === value);
  if (!hit) throw new Error(`no cell '${String(value)}' on ${sheet}`);
  return hit[0];
}

/** The cell right of a header cell's column, `down` rows below it. */
function below(cells: WorkbookCells, sheet: string, header: string, down: number, right = 0): string {
  const h = split(find(cells, sheet, header));
  return `${letter(colNum(h.col) + right)}${h.row + down}`;
}

const value = (cells: WorkbookCells, sheet: string, a1: string) => cells[sheet][a1]?.value ?? null;

/** Plain HHI of positive revenues. */
function hhiOf(revenues: number[]): number {
  const pos = revenues.filter((v) => v > 0);
  const total = pos.reduce((s, v) => s + v, 0);
  return 10000 * pos.reduce((s, v) => s + (v / total) ** 2, 0);
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

/** The sample CSV's rows of one customer, by hand: file line numbers (= sheet rows) and amounts. */
function csvRowsOf(name: string): { row: number; amount: number }[] {
  const lines = fs.readFileSync(path.resolve(__dirname, "../../assets/sample-ledger.csv"), "utf8").split("\n");
  const out: { row: number; amount: number }[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line === "") return;
    const cells = line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
    if (cells[2] === name) out.push({ row: i + 1, amount: Number(cells[5]) });
  });
  return out;
}

describe("dependence tabs of the sample report, recalculated by LibreOffice", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-dependence-"));
  const file = path.join(dir, "report.xlsx");
  let original: WorkbookCells;
  let json: any;
  let accounts: any[];

  beforeAll(async () => {
    // One workbook for every check (each LibreOffice pass costs tens of seconds): with the rows, for KA Drill too.
    const code = await main(["analyze", "--with-rows", "--out", file, "--json", path.join(dir, "a.json"), "--accounts", "--quiet"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    json = JSON.parse(fs.readFileSync(path.join(dir, "a.json"), "utf8"));
    accounts = json.accounts;
    original = await readCells(file);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Every formula of KA Trends, KA Stress, KA Groups and the share shifts recalculates to its cached value in
  // foundation-recalc.test.ts (the sample's report has these tabs); the one LibreOffice pass here checks the rest
  // after a colleague's edits, and the cells no edit reaches against their cached values.
  test("the tabs are written with their formulas", () => {
    for (const sheet of ["KA Trends", "KA Stress", "KA Groups", "KA Drill", "KA Rows"]) expect(Object.keys(original[sheet] ?? {}).length).toBeGreaterThan(0);
    const formulas = (sheet: string) => Object.values(original[sheet]).filter((c) => c.formula !== undefined).length;
    expect(formulas("KA Stress")).toBeGreaterThanOrEqual(5 * 5 + 3 * 5);
    expect(formulas("KA Groups")).toBe(4 + 8);
    expect(formulas("KA Trends")).toBe(2 * 12);
    expect(formulas("KA Drill")).toBeGreaterThan(0);
  });

  test("KA Stress: the top-k rows equal CR_k × positive revenue from the JSON; KA Trends lists the 12 quarters", () => {
    const total = json.stress.totalPositive;
    const revenueLost = value(original, "KA Stress", below(original, "KA Stress", "Largest customers lost (k)", 1, 1)) as number;
    expect(rel(revenueLost, json.concentration.cr1 * total)).toBeLessThan(1e-12);
    expect(value(original, "KA Trends", below(original, "KA Trends", "Period", 12))).toBe("2025-Q4");
  });

  test("a colleague's edits: k 3 → 4, a picked customer, the thresholds on KA About — recalculated to hand figures", async () => {
    // Cells to edit, found by their labels.
    const kCell = below(original, "KA Stress", "Largest customers lost (k)", 3);
    expect(value(original, "KA Stress", kCell)).toBe(3);
    const pickHeader = split(find(original, "KA Stress", "Customer lost"));
    const listed = json.stress.customers.length;
    const pickCell = `${pickHeader.col}${pickHeader.row + listed + 1}`;
    expect(value(original, "KA Stress", pickCell)).toBeNull();
    const picked = accounts[20];
    const about = (label: string) => `B${split(find(original, "KA About", label)).row}`;
    const risingCell = about("Rising dependence: share rise over a year");
    const groupCell = about("Group hangs on one customer: largest customer's share at least");
    expect(value(original, "KA About", risingCell)).toBe(0.05);

    const drillPick = below(original, "KA Drill", "Customer", 0, 1);
    expect(value(original, "KA Drill", drillPick)).toBe(accounts[0].customer);
    const drilled = accounts[4];
    const after = await recalcAfterEdit(file, [
      { sheet: "KA Drill", cell: drillPick, value: drilled.customer },
      { sheet: "KA Stress", cell: kCell, value: 4 },
      { sheet: "KA Stress", cell: pickCell, value: picked.customer },
      { sheet: "KA About", cell: risingCell, value: 0.001 },
      { sheet: "KA About", cell: groupCell, value: 0.6 },
    ]);

    // Cells no edit reaches keep their cached values: KA Trends, the Accounts drill columns, the other k rows.
    const ledgerRowsCol = split(find(original, "KA Accounts", "Ledger rows")).col;
    const drillCol = split(find(original, "KA Accounts", "Drill down")).col;
    const kRow = split(kCell).row;
    const untouched = compareFormulaCells(original, after, 1e-9).filter(
      (m) =>
        m.sheet === "KA Trends" ||
        (m.sheet === "KA Accounts" && [ledgerRowsCol, drillCol].includes(split(m.cell).col)) ||
        (m.sheet === "KA Stress" && split(m.cell).row > kRow - 3 && split(m.cell).row < kRow + 3 && split(m.cell).row !== kRow),
    );
    expect(untouched.slice(0, 5)).toEqual([]);
    const stressRowsChecked = Object.entries(original["KA Stress"]).filter(([a1, c]) => c.formula !== undefined && split(a1).row !== kRow && Math.abs(split(a1).row - kRow) < 3).length;
    expect(stressRowsChecked).toBeGreaterThanOrEqual(4 * 5);

    // Lose the 4 largest, by hand from the accounts: revenue, share, receivables (open > 0), ECL, HHI of the rest.
    const ranked = [...accounts].sort((x, y) => x.rank - y.rank);
    const top4 = ranked.slice(0, 4);
    const rest = ranked.slice(4).map((x) => x.revenue);
    const at = (right: number) => value(after, "KA Stress", `${letter(colNum(split(kCell).col) + right)}${split(kCell).row}`) as number;
    const header = (h: string) => colNum(split(find(original, "KA Stress", h)).col) - colNum(split(kCell).col);
    const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
    expect(rel(at(header("Revenue lost")), sum(top4.map((x) => x.revenue)))).toBeLessThan(1e-12);
    expect(rel(at(header("Share of revenue lost")), sum(top4.map((x) => x.revenue)) / json.stress.totalPositive)).toBeLessThan(1e-12);
    expect(rel(at(header("Open receivables exposed")), sum(top4.map((x) => Math.max(0, x.openBalance))))).toBeLessThan(1e-12);
    expect(rel(at(header("Expected credit loss exposed")), sum(top4.map((x) => x.expectedCreditLoss)))).toBeLessThan(1e-9);
    expect(rel(at(header("HHI of the rest")), hhiOf(rest))).toBeLessThan(1e-9);

    // The picked customer (rank 21): its revenue, and the HHI without it.
    const pickRow = split(pickCell).row;
    const pickAt = (h: string) => value(after, "KA Stress", `${letter(colNum(split(find(original, "KA Stress", h)).col))}${pickRow + 0}`) as number;
    expect(rel(pickAt("Revenue lost"), picked.revenue)).toBeLessThan(1e-12);
    expect(rel(pickAt("HHI of the rest"), hhiOf(accounts.filter((x) => x !== picked).map((x) => x.revenue)))).toBeLessThan(1e-9);

    // Rising dependence at a 0.1 pp threshold: a rise of 0.1 pp or more, or crossing 10 %, from the JSON shares.
    const col = split(find(original, "KA Accounts", "Rising dependence")).col;
    const flags = accounts.map((_, i) => value(after, "KA Accounts", `${col}${i + 2}`));
    const byHand = accounts.map((x) => {
      if (x.shareChangePp === null) return null;
      const now = x.shareLast12m ?? 0;
      const then = x.sharePrior12m ?? 0;
      return 100 * (now - then) >= 0.1 - 1e-10 || (now >= 0.1 && then < 0.1);
    });
    // Written as words (Yes/No: TRUE/FALSE reads as 1/0 in some spreadsheets).
    expect(flags.map((f) => (f === "" ? null : f === "Yes" ? true : f === "No" ? false : f))).toEqual(byHand);
    expect(byHand.filter((f) => f === true).length).toBeGreaterThan(10);

    // Groups hanging on one customer at 60 %: Sales rep groups whose largest customer has ≥ 60 % (from the JSON).
    const reps = json.dependence.groups.find((g: any) => g.header === "Sales Rep").groups;
    const flagged = reps.filter((g: any) => g.topShare >= 0.6).map((g: any) => g.group);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBeLessThan(reps.length);
    const hang = Object.entries(after["KA Groups"]).filter(([, c]) => c.value === "Yes").length;
    const regions = json.dependence.groups.find((g: any) => g.header === "Region").groups.filter((g: any) => g.topShare >= 0.6).length;
    expect(hang).toBe(flagged.length + regions);

    // KA Drill on the 5th customer pulls exactly its ledger rows (file rows and amounts read from the CSV by hand),
    // and they sum to its revenue on KA Accounts.
    const csvRows = csvRowsOf(drilled.customer);
    expect(csvRows.length).toBe(drilled.ledgerRows);
    const drillRow = split(find(after, "KA Drill", "Ledger row"));
    const amountCol = split(find(after, "KA Drill", "Amount")).col;
    const pulled: { row: number; amount: number }[] = [];
    for (let r = drillRow.row + 1; ; r++) {
      const v = after["KA Drill"][`${drillRow.col}${r}`]?.value;
      if (v === undefined || v === null || v === "") break;
      pulled.push({ row: v as number, amount: after["KA Drill"][`${amountCol}${r}`].value as number });
    }
    expect(pulled).toEqual(csvRows);
    expect(rel(pulled.reduce((s, x) => s + x.amount, 0), drilled.revenue)).toBeLessThan(1e-9);
    expect(rel(value(after, "KA Drill", below(after, "KA Drill", "Total amount (= Revenue on KA Accounts)", 0, 1)) as number, drilled.revenue)).toBeLessThan(1e-9);
    expect(value(after, "KA Drill", below(after, "KA Drill", "Rows found", 0, 1))).toBe(drilled.ledgerRows);
  }, 240_000);

  test("KA Rows holds every used row, grouped by customer in Accounts order", () => {
    const header = split(find(original, "KA Rows", "Ledger row"));
    const rows = Object.keys(original["KA Rows"]).filter((a) => split(a).col === header.col).length - 1;
    expect(rows).toBe(accounts.reduce((s, x) => s + x.ledgerRows, 0));
    expect(rows).toBe(json.rows.used);
    const rankCol = split(find(original, "KA Rows", "Rank")).col;
    const ranks = Array.from({ length: rows }, (_, i) => value(original, "KA Rows", `${rankCol}${i + 2}`) as number);
    expect(ranks.every((r, i) => i === 0 || r >= ranks[i - 1])).toBe(true);
  });
});

