/**
 * The IFRS 9 pack through its faces, on IFRS 9 Illustrative Example 12 (Company M: 30 M of trade receivables,
 * loss allowance 580,000) written as a ledger:
 * - `ka analyze` (as a shell runs it) gives the disclosure, the JSON `credit.ifrs9`, and — with `--compare-as-of` —
 *   the allowance movement, each line worked out by hand below;
 * - LibreOffice recalculates every formula of KA Aging to the engine's values, and after an auditor's edits on
 *   KA About (a loss rate, the overlay, the scenario weights) the allowance, the scenarios and the movement move as
 *   computed by hand; weights that do not sum to 100 % turn the allowance into #N/A with the check saying why;
 * - `--aging 30,60,90,180,365` gives the user's buckets.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../src/cli/main";
import { compareFormulaCells, readCells, recalcAfterEdit, recalculate } from "../helpers/libreoffice";
import type { WorkbookCells } from "../helpers/libreoffice";
import { addressBeside, num, table, valueBeside } from "../helpers/sheet-cells";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

// As-of 2024-12-31: INV-1 … INV-5 are Example 12's buckets (not due, 15, 45, 75 and 120 days past due), unpaid.
// INV-6 (2 M, due 2024-07-31) was open on the compare date 2024-09-30 (61 days: 61–90) and paid on 2024-10-15.
// On 2024-09-30 INV-4 was not yet due (Current) and INV-5 was 28 days past due (1–30); INV-1 … INV-3 did not exist.
// Five month ends of history: too few for roll rates, so the illustrative Example 12 rates apply.
const LEDGER = [
  "Customer,Invoice,Invoice Date,Amount,Due Date,Paid Date,Paid Amount",
  "Alder Ltd,INV-1,2024-12-11,15000000,2025-01-10,,",
  "Birch Ltd,INV-2,2024-11-16,7500000,2024-12-16,,",
  "Cedar Ltd,INV-3,2024-10-17,4000000,2024-11-16,,",
  "Dogwood Ltd,INV-4,2024-09-17,2500000,2024-10-17,,",
  "Elm Ltd,INV-5,2024-08-03,1000000,2024-09-02,,",
  "Fir Ltd,INV-6,2024-07-01,2000000,2024-07-31,2024-10-15,2000000",
].join("\n");

async function run(dir: string, name: string, extra: string[]): Promise<{ file: string; json: any }> {
  const file = path.join(dir, `${name}.xlsx`);
  const jsonFile = path.join(dir, `${name}.json`);
  const code = await main(["analyze", path.join(dir, "example12.csv"), "--out", file, "--json", jsonFile, "--as-of", "2024-12-31", "--quiet", ...extra], {
    stdout: sink(),
    stderr: sink(),
  });
  expect(code).toBe(0);
  return { file, json: JSON.parse(fs.readFileSync(jsonFile, "utf8")) };
}

describe("IFRS 9 Illustrative Example 12 through ka analyze", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-ifrs9-"));
  let file: string;
  let json: any;
  let original: WorkbookCells;

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, "example12.csv"), LEDGER);
    ({ file, json } = await run(dir, "report", ["--compare-as-of", "2024-09-30"]));
    original = await readCells(file);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the disclosure: 45,000 + 120,000 + 144,000 + 165,000 + 106,000 = 580,000 on 30 M", () => {
    const x = json.credit.ifrs9;
    expect(json.credit.lossRateMethod).toBe("given");
    expect(x.disclosure.buckets.map((b: any) => b.gross)).toEqual([15e6, 7.5e6, 4e6, 2.5e6, 1e6]);
    expect(x.disclosure.buckets.map((b: any) => b.lossRate)).toEqual([0.003, 0.016, 0.036, 0.066, 0.106]);
    x.disclosure.buckets.forEach((b: any, i: number) => expect(b.allowance).toBeCloseTo([45_000, 120_000, 144_000, 165_000, 106_000][i], 6));
    expect(x.disclosure.gross).toBe(30e6);
    expect(x.disclosure.allowance).toBeCloseTo(580_000, 6);
    expect(json.credit.ecl).toBeCloseTo(580_000, 6);
    expect(x.scenarios).toEqual([{ name: "Base", weight: 1, multiplier: 1, ecl: expect.closeTo(580_000, 6) }]);
    // The workbook says the same.
    expect(num(valueBeside(original, "KA Aging", "Loss allowance (expected credit loss)"))).toBeCloseTo(580_000, 6);
    expect(valueBeside(original, "KA Aging", "Loss rates")).toBe("illustrative (IFRS 9 IE Example 12), KA About");
  });

  test("the movement from 2024-09-30, by hand: 155,500 + 309,000 − 132,000 + 0 + 247,500 = 580,000", () => {
    // Opening: INV-4 2.5 M × 0.3 % + INV-5 1 M × 1.6 % + INV-6 2 M × 6.6 % = 7,500 + 16,000 + 132,000.
    // New: INV-1 … INV-3's closing allowance 45,000 + 120,000 + 144,000. Collected: INV-6 −2 M × 6.6 %.
    // Remeasurement: INV-4 2.5 M × (6.6 − 0.3) % + INV-5 1 M × (10.6 − 1.6) % = 157,500 + 90,000.
    const m = json.credit.ifrs9.movement;
    expect(m.from).toBe("2024-09-30");
    expect(m.to).toBe("2024-12-31");
    expect(m.opening).toBeCloseTo(155_500, 6);
    expect(m.newReceivables).toBeCloseTo(309_000, 6);
    expect(m.collected).toBeCloseTo(-132_000, 6);
    expect(m.writeOffs).toBe(0);
    expect(m.remeasurement).toBeCloseTo(247_500, 6);
    expect(m.closing).toBeCloseTo(580_000, 6);
    const lines = ["Opening allowance", "New receivables", "Collected or derecognised", "Write-offs", "Remeasurement", "Closing allowance"];
    const cells = lines.map((l) => num(valueBeside(original, "KA Aging", l)));
    [155_500, 309_000, -132_000, 0, 247_500, 580_000].forEach((v, i) => expect(cells[i]).toBeCloseTo(v, 6));
  });

  test("open items: most overdue first, each with its allowance; they add up to the receivables", () => {
    const items = openItems(original);
    expect(items.map((r) => r.Invoice)).toEqual(["INV-5", "INV-4", "INV-3", "INV-2", "INV-1"]);
    expect(items.map((r) => num(r["Days past due"]))).toEqual([120, 75, 45, 15, -10]);
    expect(items.map((r) => r["New since opening"])).toEqual(["No", "No", "Yes", "Yes", "Yes"]);
    expect(items.map((r) => num(r.Allowance))).toEqual([106_000, 165_000, 144_000, 120_000, 45_000].map((v) => expect.closeTo(v, 6)));
    expect(num(valueBeside(original, "KA Aging", "Open items − receivables (0 when they reconcile)"))).toBe(0);
  });

  test("LibreOffice recalculates KA Aging and the Summary's credit figures to the engine's values; edits move the allowance as by hand", async () => {
    const again = await recalculate(file);
    const mismatches = compareFormulaCells(original, again, 1e-9).filter((m) => m.sheet === "KA Aging" || m.sheet === "KA Summary");
    expect(mismatches.slice(0, 10)).toEqual([]);

    // The auditor: > 90 rate 10.6 % → 20 %, overlay 1.1, weights base 50 %, upside 20 % (× 0.8), downside 30 % (× 1.5).
    const about = (label: string) => addressBeside(original, "KA About", label);
    const after = await recalcAfterEdit(file, [
      { sheet: "KA About", cell: about("Loss rate: > 90"), value: 0.2 },
      { sheet: "KA About", cell: about("Forward-looking overlay (every bucket)"), value: 1.1 },
      { sheet: "KA About", cell: about("Scenario weight: Base"), value: 0.5 },
      { sheet: "KA About", cell: about("Scenario weight: Upside"), value: 0.2 },
      { sheet: "KA About", cell: about("Scenario weight: Downside"), value: 0.3 },
    ]);
    // No rate reaches 100 % (0.2 × 1.1 × 1.5 = 0.33), so every rate is × 1.1 × (0.5 + 0.16 + 0.45) = × 1.221:
    // (45,000 + 120,000 + 144,000 + 165,000 + 1 M × 20 %) × 1.221 = 674,000 × 1.221 = 822,954.
    const allowance = num(valueBeside(after, "KA Aging", "Loss allowance (expected credit loss)"));
    expect(allowance).toBeCloseTo(822_954, 4);
    expect(num(valueBeside(after, "KA Summary", "Expected credit loss"))).toBeCloseTo(822_954, 4);
    expect(valueBeside(after, "KA Aging", "Loss rates")).toBe("edited on KA About");
    // Scenarios: base 674,000 × 1.1 = 741,400; upside × 0.8 = 593,120; downside × 1.5 = 1,112,100.
    const sc = table(after, "KA Aging", "Scenario");
    expect(sc.map((r) => num(r["ECL in this scenario"]))).toEqual([741_400, 593_120, 1_112_100].map((v) => expect.closeTo(v, 4)));
    expect(sc.reduce((t, r) => t + num(r["Weighted ECL"]), 0)).toBeCloseTo(822_954, 4);
    // Movement: new = (45,000 + 120,000 + 144,000) × 1.221 = 377,289; opening and collected stay (they are history);
    // remeasurement = 822,954 − 155,500 − 377,289 + 132,000 = 422,165.
    expect(num(valueBeside(after, "KA Aging", "New receivables"))).toBeCloseTo(377_289, 4);
    expect(num(valueBeside(after, "KA Aging", "Opening allowance"))).toBeCloseTo(155_500, 6);
    expect(num(valueBeside(after, "KA Aging", "Remeasurement"))).toBeCloseTo(422_165, 4);
    expect(num(valueBeside(after, "KA Aging", "Closing allowance"))).toBeCloseTo(822_954, 4);

    // Weights 50 % + 20 % + 20 %: no allowance (#N/A), and the check says why.
    const bad = await recalcAfterEdit(file, [
      { sheet: "KA About", cell: about("Scenario weight: Base"), value: 0.5 },
      { sheet: "KA About", cell: about("Scenario weight: Upside"), value: 0.2 },
      { sheet: "KA About", cell: about("Scenario weight: Downside"), value: 0.2 },
    ]);
    expect(valueBeside(bad, "KA Aging", "Weights check")).toBe("the weights must sum to 100 %");
    expect(valueBeside(bad, "KA Aging", "Loss allowance (expected credit loss)")).toEqual({ error: "#N/A" });
  }, 240_000);

  test("--aging 30,60,90,180,365: seven buckets; Example 12's 120 days past due sits in 91–180 at 10.6 %", async () => {
    const { json: j } = await run(dir, "aging", ["--aging", "30,60,90,180,365"]);
    expect(Object.keys(j.credit.aging)).toEqual(["Current", "1–30", "31–60", "61–90", "91–180", "181–365", "> 365"]);
    expect(Object.values(j.credit.aging)).toEqual([15e6, 7.5e6, 4e6, 2.5e6, 1e6, 0, 0]);
    expect(Object.values(j.credit.lossRates)).toEqual([0.003, 0.016, 0.036, 0.066, 0.106, 0.106, 0.106]);
    expect(j.credit.ecl).toBeCloseTo(580_000, 6);
    expect(j.credit.ifrs9.movement).toBeNull();
  });

  test("bad flags: --aging not ascending or not numbers, --compare-as-of not a date → usage (2); a compare date after as-of → bad input (1)", async () => {
    const errors: string[] = [];
    const stderr = new Writable({ write: (c, _e, cb) => (errors.push(String(c)), cb()) });
    const csv = path.join(dir, "example12.csv");
    expect(await main(["analyze", csv, "--aging", "30,90,60", "--quiet"], { stdout: sink(), stderr })).toBe(2);
    expect(errors.join("")).toMatch(/--aging: bounds: value 3 \(60\) must be greater than value 2 \(90\)/);
    expect(await main(["analyze", csv, "--aging", "30,sixty", "--quiet"], { stdout: sink(), stderr })).toBe(2);
    expect(errors.join("")).toMatch(/--aging: 'sixty' \(value 2\) is not a whole number of days/);
    expect(await main(["analyze", csv, "--compare-as-of", "30/09/2024", "--quiet"], { stdout: sink(), stderr })).toBe(2);
    const out = path.join(dir, "never.xlsx");
    expect(await main(["analyze", csv, "--as-of", "2024-12-31", "--compare-as-of", "2025-01-31", "--out", out, "--quiet"], { stdout: sink(), stderr })).toBe(1);
    expect(errors.join("")).toMatch(/compareAsOf: the opening date 2025-01-31 must be before the as-of date 2024-12-31/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

/** The open-items table of KA Aging (its header row is four below its heading: the print-area note between). */
function openItems(cells: WorkbookCells) {
  const heading = Object.entries(cells["KA Aging"]).find(([, c]) => c.value === "Open items, most overdue first")![0];
  const row = Number(/\d+$/.exec(heading)![0]);
  return table(cells, "KA Aging", "Customer", row + 4);
}
