/**
 * Credit and account risk in the written workbook (SPEC §7–§9), on the bundled sample ledger:
 * - LibreOffice (an independent spreadsheet engine) recalculates every formula of KA Aging, the credit and risk
 *   columns of KA Accounts and the Summary's credit and alert figures to the engine's cached values (relative 1e-9);
 * - changing a loss-rate cell on KA About moves the ECL by exactly (new − old rate) × that bucket's balance;
 *   raising grade A's cut-off above 100 leaves no A grades and scales the former A's suggested limits by 1.2/1.5;
 * - KA Aging and KA Alerts are non-empty and agree with the JSON (`credit`, `alerts`, per-account keys);
 * - a ledger without credit fields gets no Aging tab and a line on KA About saying why.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../src/cli/main";
import { compareFormulaCells, readCells, recalcAfterEdit, recalculate } from "../helpers/libreoffice";
import type { WorkbookCells } from "../helpers/libreoffice";
import { find, num, split, table, valueBeside } from "../helpers/sheet-cells";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

/** Column letter of a header in row 1 of KA Accounts. */
function accountsColumn(cells: WorkbookCells, header: string): string {
  const hit = Object.entries(cells["KA Accounts"]).find(([a, c]) => /^[A-Z]+1$/.test(a) && c.value === header);
  if (!hit) throw new Error(`no Accounts header '${header}'`);
  return hit[0].replace(/1$/, "");
}


const CREDIT_HEADERS = ["Utilisation", "Score: payment", "Score: overdue", "Score: utilisation", "Score: tenure", "Score: trend", "Credit score", "Grade", "Suggested limit"];
const RISK_HEADERS = ["Tier", "Risk: churn", "Risk: credit", "Risk: dependence", "Risk: volatility", "Risk: decline", "Risk score"];

describe("credit and risk in the sample report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-credit-"));
  const file = path.join(dir, "report.xlsx");
  const jsonFile = path.join(dir, "out.json");
  let original: WorkbookCells;
  let json: any;

  beforeAll(async () => {
    // With a compare date, so the one recalculation below also covers the loss-allowance movement's formulas.
    const code = await main(["analyze", "--out", file, "--json", jsonFile, "--accounts", "--compare-as-of", "2025-06-30", "--quiet"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    original = await readCells(file);
    json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("LibreOffice recalculates every credit and risk formula to the engine's value (relative 1e-9)", async () => {
    const again = await recalculate(file);
    const mine = new Set([...CREDIT_HEADERS, ...RISK_HEADERS].map((h) => accountsColumn(original, h)));
    const isMine = (sheet: string, cell: string, formula: string) =>
      sheet === "KA Aging" ||
      sheet === "KA Alerts" ||
      (sheet === "KA Accounts" && mine.has(split(cell).col)) ||
      ((sheet === "KA Summary" || sheet === "KA About") && /KA_Receivables|KA_Overdue|KA_ECL|KA_Revenue|KAAlerts|Open balance|Overdue|Grade|Tier/.test(formula));
    const mismatches = compareFormulaCells(original, again, 1e-9).filter((m) => isMine(m.sheet, m.cell, m.formula));
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The comparison covered them: 16 formulas a customer (9 credit, 7 risk) × 301 customers, the provision matrix,
    // the per-customer sums of KA Aging, and the Summary's figures.
    let covered = 0;
    for (const [sheet, cells] of Object.entries(original)) for (const [cell, c] of Object.entries(cells)) if (c.formula && isMine(sheet, cell, c.formula)) covered++;
    expect(covered).toBeGreaterThan(16 * 301 + 5 * 3);
  }, 180_000);

  test("changing the > 90 loss rate on KA About moves the ECL by (new − old) × that bucket's gross carrying amount; the label says 'edited'", async () => {
    const provision = table(original, "KA Aging", "Bucket");
    expect(provision.map((r) => r.Bucket)).toEqual(["Current", "1–30", "31–60", "61–90", "> 90"]);
    const last = provision[4];
    const rateCell = find(original, "KA About", "Loss rate: > 90").replace(/^A/, "B");
    const oldRate = num(original["KA About"][rateCell].value);
    expect(oldRate).toBe(num(last["Loss rate"]));
    expect(valueBeside(original, "KA Aging", "Loss rates")).toBe("roll-rate estimate (KA About)");
    const oldEcl = num(valueBeside(original, "KA Aging", "Loss allowance (expected credit loss)"));
    const after = await recalcAfterEdit(file, [{ sheet: "KA About", cell: rateCell, value: 0.25 }]);
    const newEcl = num(valueBeside(after, "KA Aging", "Loss allowance (expected credit loss)"));
    // No overlay, multipliers 1, one scenario of weight 1: the expected rate is the rate.
    const expected = oldEcl + (0.25 - oldRate) * num(last["Gross carrying amount"]);
    expect(Math.abs(newEcl - expected)).toBeLessThan(1e-6 * expected);
    expect(newEcl).not.toBeCloseTo(oldEcl, 0);
    // The detailed figures' ECL (KA About) is the same cell's name; the label of the rates follows the cells.
    expect(num(valueBeside(after, "KA About", "Expected credit loss"))).toBeCloseTo(newEcl, 6);
    expect(num(table(after, "KA Aging", "Bucket")[4].ECL)).toBeCloseTo(0.25 * num(last["Gross carrying amount"]), 6);
    expect(valueBeside(after, "KA Aging", "Loss rates")).toBe("edited on KA About");
    // The movement still reconciles: its closing line is the new allowance, remeasurement takes the change.
    expect(num(valueBeside(after, "KA Aging", "Closing allowance"))).toBeCloseTo(newEcl, 6);
    const lines = ["Opening allowance", "New receivables", "Collected or derecognised", "Write-offs", "Remeasurement"].map((l) => num(valueBeside(after, "KA Aging", l)));
    expect(Math.abs(lines.reduce((t, v) => t + v, 0) - newEcl)).toBeLessThan(0.005);
  }, 180_000);

  test("raising grade A's cut-off above 100 leaves no A; former A's suggested limits scale by 1.2 / 1.5", async () => {
    const gradeCol = accountsColumn(original, "Grade");
    const limitCol = accountsColumn(original, "Suggested limit");
    const rows = Object.keys(original["KA Accounts"]).filter((a) => split(a).col === gradeCol && split(a).row > 1);
    const formerA = rows.filter((a) => original["KA Accounts"][a].value === "A").map((a) => split(a).row);
    expect(formerA.length).toBeGreaterThan(10);
    const cutCell = find(original, "KA About", "Grade A from score").replace(/^A/, "B");
    const after = await recalcAfterEdit(file, [{ sheet: "KA About", cell: cutCell, value: 101 }]);
    expect(rows.filter((a) => after["KA Accounts"][a]?.value === "A")).toEqual([]);
    for (const r of formerA.slice(0, 20)) {
      expect(after["KA Accounts"][`${gradeCol}${r}`].value).toBe("B");
      const before = num(original["KA Accounts"][`${limitCol}${r}`].value);
      expect(num(after["KA Accounts"][`${limitCol}${r}`].value)).toBeCloseTo((before * 1.2) / 1.5, 4);
    }
    expect(num(valueBeside(after, "KA About", "Credit grade A"))).toBe(0);
  }, 180_000);

  test("KA Aging is non-empty and agrees with the JSON credit block and the per-account open balances", () => {
    const provision = table(original, "KA Aging", "Bucket");
    for (const r of provision) expect(num(r["Open balance"])).toBeCloseTo(json.credit.aging[r.Bucket as string], 6);
    expect(num(valueBeside(original, "KA Aging", "Receivables (owed)"))).toBeCloseTo(json.credit.receivables, 6);
    expect(num(valueBeside(original, "KA Aging", "Loss allowance (expected credit loss)"))).toBeCloseTo(json.credit.ecl, 6);
    const sumOfBuckets = Object.values(json.credit.aging as Record<string, number>).reduce((s, v) => s + v, 0);
    expect(sumOfBuckets).toBeCloseTo(json.credit.receivables, 6);
    const customers = table(original, "KA Aging", "Customer", split(find(original, "KA Aging", "Open balance by customer")).row + 1);
    expect(customers.length).toBeGreaterThan(100);
    const byName = new Map<string, any>(json.accounts.map((x: any) => [x.customer, x]));
    let total = 0;
    for (const row of customers) {
      const acc = byName.get(row.Customer as string);
      expect(acc).toBeDefined();
      expect(num(row["Open balance"])).toBeCloseTo(acc.openBalance, 6);
      const overdue = ["1–30", "31–60", "61–90", "> 90"].reduce((s, b) => s + num(row[b]), 0);
      expect(overdue).toBeCloseTo(acc.overdue, 6); // overdue = every bucket past Current
      expect(num(row["> 90"])).toBeCloseTo(acc.overdueSerious, 6);
      total += num(row["Open balance"]);
    }
    expect(total).toBeCloseTo(json.credit.receivables, 4);
    expect(json.credit.overdue).toBeCloseTo(json.credit.receivables - json.credit.aging.Current, 4);
  });

  test("the sample's loss-allowance movement from 2025-06-30: opening + movements = closing to the cent, in the JSON and on KA Aging", () => {
    const m = json.credit.ifrs9.movement;
    expect(m.from).toBe("2025-06-30");
    expect(m.closing).toBeCloseTo(json.credit.ecl, 6);
    expect(m.opening).toBeGreaterThan(0);
    expect(m.newReceivables).toBeGreaterThan(0);
    expect(m.collected).toBeLessThan(0);
    const sum = m.opening + m.newReceivables + m.collected + m.writeOffs + m.remeasurement;
    expect(Math.abs(sum - m.closing)).toBeLessThan(0.005);
    const lines = ["Opening allowance", "New receivables", "Collected or derecognised", "Write-offs", "Remeasurement", "Closing allowance"].map((l) => num(valueBeside(original, "KA Aging", l)));
    expect(Math.abs(lines.slice(0, 5).reduce((t, v) => t + v, 0) - lines[5])).toBeLessThan(0.005);
    [m.opening, m.newReceivables, m.collected, m.writeOffs, m.remeasurement, m.closing].forEach((v, i) => expect(lines[i]).toBeCloseTo(v, 6));
  });

  test("the sample's open items add up to the receivables and, bucket by bucket, to the aging; collection KPIs agree with the JSON", () => {
    const heading = split(find(original, "KA Aging", "Open items, most overdue first")).row;
    const items = table(original, "KA Aging", "Customer", heading + 4); // heading, the print-area note, the table
    expect(items.length).toBe(json.credit.openItems.count);
    const byBucket: Record<string, number> = {};
    for (const r of items) byBucket[r.Bucket as string] = (byBucket[r.Bucket as string] ?? 0) + num(r["Open amount"]);
    for (const [b, v] of Object.entries(json.credit.aging as Record<string, number>)) expect(byBucket[b] ?? 0).toBeCloseTo(v, 4);
    for (let i = 1; i < items.length; i++) {
      if (items[i].Invoice === "(credit balance)") continue;
      expect(num(items[i]["Days past due"])).toBeLessThanOrEqual(num(items[i - 1]["Days past due"]));
    }
    const c = json.credit.collection;
    expect(num(valueBeside(original, "KA Aging", "CEI (collection effectiveness index)"))).toBeCloseTo(c.cei, 9);
    expect(num(valueBeside(original, "KA Aging", "ADD (average days delinquent)"))).toBeCloseTo(c.add, 9);
    expect(c.add).toBeCloseTo(c.dso - c.bestPossibleDso, 9);
    expect(c.monthly.length).toBe(36); // 2023-01 … 2025-12
  });

  test("KA Alerts is non-empty, sorted by severity, and agrees with the JSON alert counts and account values", () => {
    const alerts = table(original, "KA Alerts", "Severity");
    expect(alerts.length).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    for (const a of alerts) counts[a.Code as string] = (counts[a.Code as string] ?? 0) + 1;
    for (const [reason, n] of Object.entries(json.alerts as Record<string, number>)) expect(counts[reason] ?? 0).toBe(n);
    const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    for (let i = 1; i < alerts.length; i++) expect(rank[alerts[i].Severity as string]).toBeGreaterThanOrEqual(rank[alerts[i - 1].Severity as string]);
    const byName = new Map<string, any>(json.accounts.map((x: any) => [x.customer, x]));
    for (const a of alerts) {
      const acc = byName.get(a.Customer as string);
      // Fractions are numbers (shown as percentages); the contract alert's days are words ("45 days").
      const measured = a.Code === "contractEnd" ? Number(String(a.Measured).replace(/\D+$/, "")) : num(a.Measured);
      switch (a.Code) {
        case "majorCustomer":
          expect(measured).toBeCloseTo(acc.share, 12);
          expect(acc.share).toBeGreaterThanOrEqual(0.1);
          break;
        case "revenueDecline":
          expect(measured).toBeCloseTo(acc.yoy, 12);
          expect(acc.yoy).toBeLessThanOrEqual(-0.3 + 1e-12);
          break;
        case "highUtilisation":
          expect(measured).toBeCloseTo(acc.utilisation, 12);
          expect(acc.utilisation).toBeGreaterThanOrEqual(0.9);
          break;
        case "seriousOverdue":
          expect(measured).toBeCloseTo(acc.overdueSerious / acc.openBalance, 12);
          break;
        case "churnRisk":
          expect(measured).toBeCloseTo(acc.pAlive, 12);
          break;
        case "contractEnd":
          expect(measured).toBeGreaterThanOrEqual(0);
          expect(measured).toBeLessThanOrEqual(90);
          break;
        default:
          throw new Error(`unexpected alert code ${String(a.Code)}`);
      }
    }
    // And no account that crosses a threshold is missing: every account with share ≥ 10 % has its row.
    const major = json.accounts.filter((x: any) => x.share !== null && x.share >= 0.1).map((x: any) => x.customer).sort();
    expect(alerts.filter((a) => a.Code === "majorCustomer").map((a) => a.Customer).sort()).toEqual(major);
    const over = json.accounts.filter((x: any) => x.utilisation !== null && x.utilisation >= 0.9).map((x: any) => x.customer).sort();
    expect(alerts.filter((a) => a.Code === "highUtilisation").map((a) => a.Customer).sort()).toEqual(over);
  });

  test("the sample's stories (assets/README-sample.md) show up: three troubled payers, four over limit, two contracts ending", () => {
    const alerts = table(original, "KA Alerts", "Severity");
    const who = (code: string) => alerts.filter((a) => a.Code === code).map((a) => a.Customer);
    expect(who("seriousOverdue")).toHaveLength(3);
    expect(who("seriousOverdue")).toContain("Falcon Motors Corp.");
    expect(who("highUtilisation")).toHaveLength(4);
    expect(who("contractEnd").sort()).toEqual(["Northwind Components Ltd", "北京宏达电气股份有限公司"].sort());
    expect(who("revenueDecline")).toContain("Northwind Components Ltd");
    expect(who("majorCustomer")).toHaveLength(3);
    // The JSON's per-account keys of SPEC §9 are all there.
    for (const key of ["openBalance", "overdue", "avgDaysLate", "lateShare", "creditScore", "grade", "suggestedLimit", "utilisation", "tier", "riskScore", "riskChurn", "riskCredit", "riskDependence", "riskVolatility", "riskDecline"]) {
      expect(json.accounts[0]).toHaveProperty(key);
    }
    expect(Object.keys(json.credit)).toEqual(expect.arrayContaining(["receivables", "overdue", "dso", "ecl", "aging"]));
  });
});

describe("a ledger without credit fields", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-nocredit-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("gets no KA Aging tab, a line on KA About saying why, credit null in the JSON, and still alerts", async () => {
    const csv = path.join(dir, "plain.csv");
    fs.writeFileSync(csv, ["Customer,Date,Amount", "A,2024-01-05,100", "B,2024-02-01,50", "A,2024-03-01,80", "C,2024-03-02,10"].join("\n") + "\n");
    const out = path.join(dir, "plain.xlsx");
    const jsonFile = path.join(dir, "plain.json");
    const code = await main(["analyze", csv, "--out", out, "--json", jsonFile, "--quiet"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    const cells = await readCells(out);
    expect(Object.keys(cells)).not.toContain("KA Aging");
    expect(Object.keys(cells)).toContain("KA Alerts");
    const about = Object.values(cells["KA About"]).map((c) => c.value);
    expect(about).toContain("No credit analysis (aging, DSO, expected credit loss, credit scores): the ledger has no due-date column and no balance, paid-amount or paid-date column.");
    const json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    expect(json.credit).toBeNull();
    // Shares: A 180/240 = 75 %, B 50/240 = 20.8 %, C 10/240 = 4.2 % → two major customers.
    expect(json.alerts.majorCustomer).toBe(2);
    expect(json.alerts.seriousOverdue).toBe(0);
  }, 60_000);
});
