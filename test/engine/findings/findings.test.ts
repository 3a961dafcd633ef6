/**
 * Key findings: each rule on a hand-made ledger whose sentence and number are worked out by hand in the comments,
 * in English and Chinese; then the bundled sample through the CLI (`ka analyze --json - --accounts`), checked
 * against figures computed here from the JSON accounts and from the raw CSV.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PassThrough } from "stream";
import Papa from "papaparse";
import { analyze } from "../../../src/engine/analysis";
import { ingestGrid } from "../../../src/engine/ledger";
import { dayFromIso } from "../../../src/engine/day";
import { MAX_FINDINGS } from "../../../src/engine/findings";
import type { Finding } from "../../../src/engine/findings";
import { main } from "../../../src/cli/main";

const H = ["Customer", "Date", "Amount"];
const byCode = (fs: Finding[] | undefined) => Object.fromEntries((fs ?? []).map((f) => [f.code, f]));

describe("findings on hand-made ledgers", () => {
  test("credit ledger: major customers, concentration, alerts, overdue receivables and expected loss", async () => {
    // A 5,000 paid; B 3,000 unpaid, due 2024-02-19; C 1,500 unpaid, due 2024-05-31; D 500 unpaid, due 2024-07-20.
    // As-of is the last invoice date, 2024-06-20: B is 122 days past due (> 90), C 20 days, D not yet due.
    const rows = [
      ["Customer", "Date", "Amount", "Due Date", "Paid Amount"],
      ["A", "2024-01-15", 5000, "2024-02-14", 5000],
      ["B", "2024-01-20", 3000, "2024-02-19", ""],
      ["C", "2024-05-01", 1500, "2024-05-31", 0],
      ["D", "2024-06-20", 500, "2024-07-20", ""],
    ];
    const a = await analyze(ingestGrid(rows, {}), { currency: "USD" });
    const f = byCode(a.findings);
    // Shares 50 %, 30 %, 15 %, 5 %: three reach the 10 % line, together 95 %.
    expect(f.majorCustomers.text).toBe("3 customers each bring 10% or more of revenue and are disclosed as major customers: A (50.0%), B (30.0%) and C (15.0%); together 95.0%.");
    expect(f.majorCustomers.value).toBeCloseTo(0.95, 12);
    expect(f.majorCustomers.link).toEqual({ tab: "accounts", customers: [0, 1, 2] });
    // HHI = 10 000 · (0.5² + 0.3² + 0.15² + 0.05²) = 3,650 (> 1,800: highly); 10 000 / 3,650 = 2.74 equal customers.
    expect(f.concentration.value).toBeCloseTo(3650, 9);
    expect(f.concentration.text).toBe("Revenue is highly concentrated (HHI 3,650): as concentrated as 2.7 equal-sized customers among 4 customers with revenue.");
    // One high alert (B: 3,000 of its 3,000 open is > 90 days past due), three low (major customers).
    expect(f.alerts.text).toBe("1 high-severity alert (4 in all): B: 100.0% of its open balance more than 90 days past due.");
    expect(f.alerts).toMatchObject({ value: 1, unit: "count", link: { tab: "alerts", alerts: [0] } });
    // Receivables 3,000 + 1,500 + 500 = 5,000; overdue 4,500 (90 %); seriously overdue 3,000.
    expect(f.receivablesOverdue.text).toBe("$4,500 of $5,000 receivables is overdue (90.0%); $3,000 is more than 90 days past due.");
    expect(f.receivablesOverdue).toMatchObject({ value: 4500, unit: "money", link: { tab: "aging" } });
    // Illustrative IFRS 9 rates (too little history for roll rates): 500 · 0.3 % + 1,500 · 1.6 % + 3,000 · 10.6 % = 343.50.
    expect(f.expectedLoss.value).toBeCloseTo(343.5, 9);
    expect(f.expectedLoss.text).toBe("Expected credit loss is $344, 6.87% of receivables, with the illustrative IFRS 9 loss rates: put your own on KA About.");
    // 80 % needs A and B: 2 of 4 customers.
    expect(f.pareto.text).toBe("2 of 4 customers (50.0%) bring 80% of revenue.");
    // No converged model, one year of history: no signal for revenue at risk, so no such finding.
    expect(f.revenueAtRisk).toBeUndefined();
    expect(a.findings!.map((x) => x.code)).toEqual(["majorCustomers", "concentration", "alerts", "receivablesOverdue", "expectedLoss", "pareto"]);

    const zh = byCode((await analyze(ingestGrid(rows, {}), { currency: "CNY", lang: "zh-CN" })).findings);
    expect(zh.receivablesOverdue.text).toBe("应收账款 ¥5,000 中有 ¥4,500 已逾期（90.0%），其中 ¥3,000 逾期超过 90 天。");
    expect(zh.majorCustomers.text).toBe("3 个客户的收入占比均在 10% 及以上，应作为主要客户披露：A（50.0%）、B（30.0%）和C（15.0%）；合计 95.0%。");
  });

  test("two years: the concentration change over a year, and revenue down on the year before", async () => {
    // Year 1 (2022-07-01): A…G 10 each, HHI 7 · (1/7)² = 1,429 (moderately). Year 2 (2024-06-30): A 70, B…G 5 each,
    // HHI 0.7² + 6 · 0.05² = 0.505 → 5,050 (highly). Whole ledger: A 80, others 15, total 170:
    // HHI (80² + 6 · 15²) / 170² = 7,750 / 28,900 = 2,681.7; 10 000 / HHI = 3.73; top 5 = 140 / 170 = 82.4 %.
    const cs = ["A", "B", "C", "D", "E", "F", "G"];
    const rows = [H, ...cs.map((c) => [c, "2022-07-01", 10]), ["A", "2024-06-30", 70], ...cs.slice(1).map((c) => [c, "2024-06-30", 5])];
    const a = await analyze(ingestGrid(rows, {}));
    const f = byCode(a.findings);
    expect(f.concentration.value).toBeCloseTo(7750 / 2.89, 9);
    expect(f.concentration.text).toBe(
      "Revenue is highly concentrated (HHI 2,682): as concentrated as 3.7 equal-sized customers; the top 5 bring 82.4%. " +
        "Over the last 12 months HHI was 5,050, up from 1,429 in the 12 months before (moderately concentrated then, highly concentrated now).",
    );
    // B…G: 10 → 5, YoY −50 % ≤ −30 %: 6 · 5 = 30 of the last year's 100.
    expect(f.revenueAtRisk.text).toBe("6 customers with revenue down 30% or more on the year before brought 30 in the last 12 months, 30.0% of that revenue; the largest: B (5.0%), C (5.0%), D (5.0%) and 3 more.");
    expect(f.revenueAtRisk).toMatchObject({ value: 30, unit: "money", link: { tab: "accounts", customers: [1, 2, 3, 4, 5, 6] } });
    // Only A (47.1 %) reaches 10 %.
    expect(f.majorCustomers.text).toBe("A brings 47.1% of revenue: disclose it as a major customer (10% or more of revenue).");
    // Six medium alerts (revenue decline), one medium for A's rising dependence (1/7 = 14.3 % → 70 %: +55.7 pp ≥ 5 pp)
    // and one low (A's share): none high.
    expect(f.alerts.text).toBe(
      "No high-severity alert; 8 medium or low alerts: B: revenue down 50.0% on the year before; C: revenue down 50.0% on the year before; D: revenue down 50.0% on the year before; and 5 more.",
    );
    expect(a.risk!.alerts.filter((x) => x.reason === "risingDependence").map((x) => [a.customers.names[x.customer], x.severity, Number((100 * x.value).toFixed(1))])).toEqual([["A", "medium", 55.7]]);
    const zh = byCode((await analyze(ingestGrid(rows, {}), { lang: "zh-CN" })).findings);
    expect(zh.concentration.text).toBe("收入高度集中（HHI 2,682），相当于 3.7 个同等规模的客户；前 5 大客户贡献 82.4%。近 12 个月的 HHI 为 5,050，高于此前 12 个月的 1,429（由中度集中变为高度集中）。");
    expect(zh.revenueAtRisk.text).toBe("6 个收入同比下降 30% 及以上的客户近 12 个月贡献了 30，占该期间收入的 30.0%；最大的有：B（5.0%）、C（5.0%）、D（5.0%）等 6 个客户。");
  });

  test("no customer at the disclosure line: the largest is named", async () => {
    // A 9, thirteen customers 7 each: total 100, A has 9 %; HHI 81 + 13 · 49 = 718 (unconcentrated).
    const others = "BCDEFGHIJKLMN".split("");
    const a = await analyze(ingestGrid([H, ["A", "2024-01-01", 9], ...others.map((c) => [c, "2024-01-02", 7])], {}));
    const f = byCode(a.findings);
    expect(f.majorCustomers.text).toBe("No customer reaches 10% of revenue, so none is disclosed as a major customer; the largest, A, brings 9.0%.");
    expect(f.majorCustomers).toMatchObject({ value: 0.09, link: { customers: [0] } });
    expect(f.concentration.value).toBeCloseTo(718, 9);
    expect(f.concentration.text).toBe("Revenue is unconcentrated (HHI 718): as concentrated as 13.9 equal-sized customers; the top 5 bring 37.0%.");
    expect(f.alerts.text).toBe("No account crosses an alert threshold.");
  });

  test("one customer", async () => {
    const rows = [H, ["Solo", "2024-01-01", 100], ["Solo", "2024-03-01", 50]];
    const f = byCode((await analyze(ingestGrid(rows, {}))).findings);
    expect(Object.keys(f)).toEqual(["majorCustomers", "concentration", "alerts", "pareto"]);
    expect(f.majorCustomers.text).toBe("Solo brings 100.0% of revenue: disclose it as a major customer (10% or more of revenue).");
    expect(f.concentration.text).toBe("Revenue is highly concentrated (HHI 10,000): as concentrated as 1.0 equal-sized customer among 1 customer with revenue.");
    expect(f.alerts.text).toBe("No high-severity alert; 1 medium or low alert: Solo: 100.0% of revenue.");
    expect(f.pareto.text).toBe("1 of 1 customer (100.0%) brings 80% of revenue.");
    const zh = byCode((await analyze(ingestGrid(rows, {}), { lang: "zh-CN" })).findings);
    expect(zh.concentration.text).toBe("收入高度集中（HHI 10,000），相当于 1.0 个同等规模的客户，有收入的客户共 1 个。");
  });

  test("customers in credit and excluded rows", async () => {
    const rows = [H, ["A", "2024-01-01", 100], ["B", "2024-01-02", 50], ["B", "2024-01-03", -80], ["", "2024-01-04", 5], ["C", "2024-01-05", "n/a"]];
    const f = byCode((await analyze(ingestGrid(rows, {}))).findings);
    expect(f.nonPositiveCustomers.text).toBe("1 customer has net revenue of zero or less (credit notes at least equal to sales; -30 together): counted, but in no share.");
    expect(f.nonPositiveCustomers.link).toEqual({ tab: "accounts", customers: [1] });
    expect(f.rowsExcluded.text).toBe("2 of 5 ledger rows were not used (customer is blank: 1 and amount is not a number: 1); each is listed with its reason on KA About.");
  });
});

describe("findings on the bundled sample, through the CLI", () => {
  let json: any;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-findings-"));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c) => chunks.push(c));
    const code = await main(["analyze", "--json", "-", "--accounts", "--quiet", "--lang", "en", "--out", path.join(dir, "r.xlsx")], { stdout: out, stderr: new PassThrough(), env: {} });
    expect(code).toBe(0);
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("which findings, in order, at most ten", () => {
    const codes = json.findings.map((f: any) => f.code);
    expect(codes).toEqual(["majorCustomers", "concentration", "alerts", "receivablesOverdue", "expectedLoss", "revenueAtRisk", "pareto", "rowsExcluded"]);
    expect(codes.length).toBeLessThanOrEqual(MAX_FINDINGS);
    for (const f of json.findings) expect(Object.keys(f)).toEqual(["code", "text", "value", "unit", "tab"]);
  });

  test("the numbers agree with the accounts, the credit block and the raw CSV", () => {
    const f = Object.fromEntries(json.findings.map((x: any) => [x.code, x]));
    const major = json.accounts.filter((x: any) => x.share >= 0.1);
    expect(f.majorCustomers.value).toBeCloseTo(major.reduce((s: number, x: any) => s + x.share, 0), 12);
    for (const x of major) expect(f.majorCustomers.text).toContain(`${x.customer} (${(x.share * 100).toFixed(1)}%)`);
    expect(f.concentration.value).toBe(json.concentration.hhi);
    expect(f.concentration.text).toContain(`Revenue is ${json.concentration.band} (HHI `);
    expect(f.receivablesOverdue.value).toBe(json.credit.overdue);
    expect(f.expectedLoss.value).toBe(json.credit.ecl);
    expect(f.pareto.value).toBe(json.concentration.pareto.customers);
    expect(f.rowsExcluded.value).toBe(json.rows.excluded);
    // Amounts carry the ledger's currency (CNY).
    expect(f.receivablesOverdue.text).toMatch(/^¥[\d.]+ million of ¥[\d.]+ million receivables is overdue/);

    // Revenue at risk by hand: customers with P(alive) < 0.5 or YoY ≤ −30 %, revenue of (2024-12-31, 2025-12-31].
    const csv = Papa.parse<string[]>(fs.readFileSync(path.resolve(__dirname, "../../../assets/sample-ledger.csv"), "utf8"), { skipEmptyLines: true }).data;
    const [hd, ...body] = csv;
    const [ci, di, ai] = [hd.indexOf("Customer"), hd.indexOf("Invoice Date"), hd.indexOf("Amount")];
    const from = dayFromIso("2024-12-31")!;
    const to = dayFromIso("2025-12-31")!;
    const last = new Map<string, number>();
    for (const r of body) {
      const d = dayFromIso(r[di]);
      const v = Number(r[ai]);
      if (r[ci].trim() === "" || d === undefined || r[ai].trim() === "" || !Number.isFinite(v)) continue;
      if (d > from && d <= to) last.set(r[ci].trim(), (last.get(r[ci].trim()) ?? 0) + v);
    }
    let atRisk = 0;
    let total = 0;
    let count = 0;
    for (const x of json.accounts) {
      const v = last.get(x.customer) ?? 0;
      if (!(v > 0)) continue;
      total += v;
      if ((x.pAlive !== null && x.pAlive < 0.5) || (x.yoy !== null && x.yoy <= -0.3)) {
        atRisk += v;
        count++;
      }
    }
    expect(f.revenueAtRisk.value).toBeCloseTo(atRisk, 4);
    expect(f.revenueAtRisk.text).toMatch(new RegExp(`^${count} customers likely lost \\(P\\(alive\\) below 50%\\) or with revenue down 30% or more on the year before brought ¥[\\d.]+ million in the last 12 months, ${((100 * atRisk) / total).toFixed(1)}% of that revenue`));
  });
});
