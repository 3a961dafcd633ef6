/**
 * Customer behaviour in the written workbook, recalculated by LibreOffice (an independent spreadsheet engine):
 * every RFM formula of KA Accounts (R, F, M by COUNTIF, the RFM code, the Segment lookup in the rule table on
 * KA About) and every formula of KA Segments must equal the engine's value; changing the bins cell or a rule on
 * KA About must move the scores and segments exactly where the engine (or the rule read by hand) puts them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { Writable } from "stream";
import { main } from "../../src/cli/main";
import { compareFormulaCells, readCells, recalcAfterEdit, recalculate } from "../helpers/libreoffice";
import type { WorkbookCells } from "../helpers/libreoffice";
import { segmentByHand } from "../helpers/rfm-by-hand";
import { SummaryJsonSchema } from "../../src/engine/report/json-schema";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

async function analyze(args: string[]): Promise<void> {
  const code = await main(["analyze", ...args, "--quiet"], { stdout: sink(), stderr: sink() });
  expect(code).toBe(0);
}

/** Column letter of a header in row 1 of a sheet. */
function columnOf(cells: WorkbookCells, sheet: string, header: string): string {
  const hit = Object.entries(cells[sheet]).find(([a, c]) => /^[A-Z]+1$/.test(a) && c.value === header);
  if (!hit) throw new Error(`no header '${header}' on ${sheet}`);
  return hit[0].replace(/1$/, "");
}

/** Address of the first cell of a sheet whose value is `value`. */
function find(cells: WorkbookCells, sheet: string, value: unknown): string {
  const hit = Object.entries(cells[sheet]).find(([, c]) => c.value === value);
  if (!hit) throw new Error(`no cell '${String(value)}' on ${sheet}`);
  return hit[0];
}

/**
 * Mismatches among this area's formulas only (KA Segments, the behaviour columns of KA Accounts, the Summary's
 * behaviour figures): other areas' formulas are their own tests' business.
 */
function behaviourMismatches(original: WorkbookCells, again: WorkbookCells) {
  const mine = new Set(["R", "F", "M", "RFM", "Segment"].map((h) => columnOf(original, "KA Accounts", h)));
  return compareFormulaCells(original, again, 1e-9).filter(
    (m) => m.sheet === "KA Segments" || (m.sheet === "KA Accounts" && mine.has(split(m.cell).col)) || (m.sheet === "KA Summary" && /Segment|KA_Retention/.test(m.formula)),
  );
}

const split = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { col: m[1], row: Number(m[2]) };
};

/** An Accounts column as recalculated, in row order (blank → null). */
function accountsColumn(cells: WorkbookCells, header: string, n: number): unknown[] {
  const col = columnOf(cells, "KA Accounts", header);
  return Array.from({ length: n }, (_, i) => {
    const v = cells["KA Accounts"][`${col}${i + 2}`]?.value;
    return v === "" || v === undefined ? null : v;
  });
}

describe("behaviour formulas of the sample report, recalculated by LibreOffice", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-behaviour-"));
  const file = path.join(dir, "report.xlsx");
  let original: WorkbookCells;
  let accounts: Record<string, any>[];
  let accounts3: Record<string, any>[];

  beforeAll(async () => {
    await analyze(["--out", file, "--json", path.join(dir, "a.json"), "--accounts", "--map", "segmentBy=Region"]);
    await analyze(["--out", path.join(dir, "bins3.xlsx"), "--json", path.join(dir, "b3.json"), "--accounts", "--bins", "3"]);
    accounts = JSON.parse(fs.readFileSync(path.join(dir, "a.json"), "utf8")).accounts;
    accounts3 = JSON.parse(fs.readFileSync(path.join(dir, "b3.json"), "utf8")).accounts;
    original = await readCells(file);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every formula recalculates to its cached value; R, F, M, RFM and Segment equal the engine's JSON", async () => {
    const again = await recalculate(file);
    expect(behaviourMismatches(original, again).slice(0, 5)).toEqual([]);
    const n = accounts.length;
    expect(accountsColumn(again, "R", n)).toEqual(accounts.map((x) => x.r));
    expect(accountsColumn(again, "F", n)).toEqual(accounts.map((x) => x.f));
    expect(accountsColumn(again, "M", n)).toEqual(accounts.map((x) => x.m));
    expect(accountsColumn(again, "RFM", n)).toEqual(accounts.map((x) => x.rfm));
    expect(accountsColumn(again, "Segment", n)).toEqual(accounts.map((x) => x.segment));
    // The R, F, M cells are formulas (the shared workbook recomputes them), not values.
    const rCol = columnOf(original, "KA Accounts", "R");
    expect(original["KA Accounts"][`${rCol}2`].formula).toMatch(/^IF\(ISNUMBER\(.*COUNTIF\(KAAccounts\[Recency \(days\)\],">"&/);
    // KA Segments: customers per segment (COUNTIF over the Segment column) sum to the scored customers.
    const head = split(find(again, "KA Segments", "Customers"));
    const counts = Array.from({ length: 11 }, (_, k) => again["KA Segments"][`${head.col}${head.row + 1 + k}`].value as number);
    expect(counts.reduce((s, x) => s + x, 0)).toBe(accounts.filter((x) => x.segment !== null).length);
  }, 120_000);

  test("KA_Bins 5 → 3 on KA About: the scores recalculate to the engine's bins-3 scores", async () => {
    const label = find(original, "KA About", "RFM bins");
    const cell = `B${split(label).row}`;
    expect(original["KA About"][cell].value).toBe(5);
    const after = await recalcAfterEdit(file, [{ sheet: "KA About", cell, value: 3 }]);
    const n = accounts.length;
    // Same customers in the same order (the Accounts order is by revenue, which bins do not change).
    expect(accounts3.map((x) => x.customer)).toEqual(accounts.map((x) => x.customer));
    expect(accountsColumn(after, "R", n)).toEqual(accounts3.map((x) => x.r));
    expect(accountsColumn(after, "F", n)).toEqual(accounts3.map((x) => x.f));
    expect(accountsColumn(after, "M", n)).toEqual(accounts3.map((x) => x.m));
    expect(accountsColumn(after, "Segment", n)).toEqual(accounts3.map((x) => x.segment));
    // And bins 3 really changed something.
    expect(accounts3.map((x) => x.r)).not.toEqual(accounts.map((x) => x.r));
  }, 120_000);

  test("editing the rule table (Champions need R ≥ 5) moves exactly the customers the edited rule moves", async () => {
    const champions = find(original, "KA About", "Champions");
    const headerRow = split(champions).row - 1;
    const rMin = Object.entries(original["KA About"]).find(([a, c]) => split(a).row === headerRow && c.value === "R min")![0];
    const cell = `${split(rMin).col}${split(champions).row}`;
    expect(original["KA About"][cell].value).toBe(4);
    const after = await recalcAfterEdit(file, [{ sheet: "KA About", cell, value: 5 }]);
    const expected = accounts.map((x) => (x.r === null ? null : segmentByHand(x.r, x.f, x.m, 5)));
    expect(accountsColumn(after, "Segment", accounts.length)).toEqual(expected);
    const before = accounts.filter((x) => x.segment === "Champions").length;
    expect(expected.filter((s) => s === "Champions").length).toBeLessThan(before);
    // With the original rule the hand reading agrees with the engine.
    expect(accounts.map((x) => (x.r === null ? null : segmentByHand(x.r, x.f, x.m)))).toEqual(accounts.map((x) => x.segment));
  }, 120_000);
});

describe("Online Retail report (4,372 customers, ties and pence): every formula equals the engine", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-behaviour-or-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("LibreOffice recalculates R, F, M, RFM, Segment and the Segments tab to the cached values", async () => {
    const csv = path.join(dir, "online-retail.csv");
    fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(path.resolve(__dirname, "../../../shared/data/online-retail.csv.gz"))));
    const file = path.join(dir, "report.xlsx");
    await analyze([csv, "--as-of", "2011-12-09", "--out", file, "--json", path.join(dir, "a.json"), "--accounts"]);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "a.json"), "utf8"));
    // The JSON contract (docs/summary.schema.json) holds on Online Retail too: every key, type and null as declared.
    const check = SummaryJsonSchema.safeParse(json);
    expect(check.success ? [] : check.error.issues.slice(0, 5)).toEqual([]);
    const original = await readCells(file);
    const again = await recalculate(file, { timeoutMs: 300_000 });
    expect(behaviourMismatches(original, again).slice(0, 5)).toEqual([]);
    const n = json.accounts.length;
    expect(n).toBe(json.customers);
    for (const [header, key] of [["R", "r"], ["F", "f"], ["M", "m"], ["Segment", "segment"]]) {
      expect(accountsColumn(again, header, n)).toEqual(json.accounts.map((x: Record<string, unknown>) => x[key]));
    }
  }, 400_000);
});
