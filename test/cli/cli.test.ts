/**
 * `ka analyze` as a shell runs it: a real process through bin/ka.js, exit codes, stdout/stderr, the files it writes.
 */
import { spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

const ROOT = path.resolve(__dirname, "../..");
const KA = path.join(ROOT, "bin/ka.js");

function ka(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [KA, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ka analyze", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-cli-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("with no ledger it analyses the bundled sample: JSON on stdout, progress on stderr, ka-report.xlsx written", async () => {
    const r = ka(["analyze", "--json", "-"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const key of ["asOf", "rows", "customers", "revenue", "concentration"]) expect(json).toHaveProperty(key);
    expect(Object.keys(json.rows)).toEqual(["read", "used", "excluded", "reasons"]);
    expect(json.rows.used + json.rows.excluded).toBe(json.rows.read);
    expect(Object.keys(json.concentration)).toEqual(expect.arrayContaining(["hhi", "band", "cr1", "cr5", "cr10", "gini", "effectiveCustomers", "pareto"]));
    expect(json.asOf).toBe("2025-12-31");
    expect(r.stderr).toMatch(/rows read/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "ka-report.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["KA Summary", "KA Accounts", "KA About"]));
    // The report's Accounts table has one row per customer; the formula-named customer is text, not a formula.
    const accounts = wb.getWorksheet("KA Accounts")!;
    expect(accounts.rowCount).toBe(json.customers + 1);
    const names: unknown[] = [];
    accounts.getColumn(1).eachCell((c) => names.push(c.value));
    expect(names).toContain('=HYPERLINK("http://example.com","click")');
  });

  test("--quiet prints nothing on stderr; --json FILE and --out FILE write there", () => {
    const r = ka(["analyze", "--quiet", "--json", "s.json", "--out", "r.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "s.json"), "utf8")).customers).toBeGreaterThan(0);
    expect(fs.statSync(path.join(dir, "r.xlsx")).size).toBeGreaterThan(1000);
  });

  test("--accounts adds one object per customer with the SPEC keys", () => {
    const r = ka(["analyze", "--quiet", "--json", "-", "--accounts"], dir);
    const json = JSON.parse(r.stdout);
    expect(json.accounts).toHaveLength(json.customers);
    const first = json.accounts[0];
    for (const key of ["customer", "revenue", "share", "cumShare", "rank", "abc", "invoices", "firstPurchase", "lastPurchase", "disclosure"]) expect(first).toHaveProperty(key);
    expect(first.rank).toBe(1);
    expect(first.firstPurchase).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("a CSV ledger with --map, --as-of and a TSV ledger", () => {
    fs.writeFileSync(path.join(dir, "l.csv"), "Client,When,Net\nA,2024-01-01,100\nB,2024-02-01,50\nA,2024-03-01,25\n");
    const r = ka(["analyze", "l.csv", "--quiet", "--json", "-", "--map", "customer=Client,date=When,amount=Net", "--as-of", "2024-02-15"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe("2024-02-15");
    expect(json.rows).toEqual({ read: 3, used: 2, excluded: 1, reasons: { "after as-of date": 1 } });
    expect(json.revenue).toBe(150);
    fs.writeFileSync(path.join(dir, "l.tsv"), "Customer\tDate\tAmount\nA\t2024-01-01\t1,000.50\n");
    const t = ka(["analyze", "l.tsv", "--quiet", "--json", "-"], dir);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout).revenue).toBe(1000.5);
  });

  test("an XLSX ledger with --sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["nothing here"]);
    const ws = wb.addWorksheet("Sales");
    ws.addRow(["客户名称", "开票日期", "价税合计"]);
    ws.addRow(["上海甲公司", new Date(Date.UTC(2024, 0, 2)), 300]);
    ws.addRow(["北京乙公司", new Date(Date.UTC(2024, 0, 3)), 100]);
    await wb.xlsx.writeFile(path.join(dir, "l.xlsx"));
    const r = ka(["analyze", "l.xlsx", "--sheet", "Sales", "--quiet", "--json", "-"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.customers).toBe(2);
    expect(json.asOf).toBe("2024-01-03");
    expect(json.concentration.cr1).toBeCloseTo(0.75, 12);
    const bad = ka(["analyze", "l.xlsx", "--sheet", "Nope", "--quiet"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Nope/);
    expect(bad.stderr).toMatch(/Sales/);
  });

  test("bad input exits 1 with a message naming the problem", () => {
    const missing = ka(["analyze", "no-such.csv", "--quiet"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such\.csv/);

    fs.writeFileSync(path.join(dir, "nocust.csv"), "Date,Amount\n2024-01-01,5\n");
    const noCustomer = ka(["analyze", "nocust.csv", "--quiet"], dir);
    expect(noCustomer.code).toBe(1);
    expect(noCustomer.stderr).toMatch(/customer/i);

    fs.writeFileSync(path.join(dir, "empty.csv"), "");
    expect(ka(["analyze", "empty.csv", "--quiet"], dir).code).toBe(1);

    fs.writeFileSync(path.join(dir, "header.csv"), "Customer,Date,Amount\n");
    const headerOnly = ka(["analyze", "header.csv", "--quiet"], dir);
    expect(headerOnly.code).toBe(1);
    expect(headerOnly.stderr).toMatch(/no data rows/i);

    fs.mkdirSync(path.join(dir, "folder.csv"));
    const folder = ka(["analyze", "folder.csv", "--quiet"], dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/folder\.csv/);

    fs.writeFileSync(path.join(dir, "amb.csv"), "Customer,Date,Amount\nA,01/02/2024,5\nB,03/04/2024,6\n");
    const ambiguous = ka(["analyze", "amb.csv", "--quiet"], dir);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/Date/);
    expect(ka(["analyze", "amb.csv", "--quiet", "--date-order", "dmy", "--json", "-"], dir).code).toBe(0);
  });

  test("the real Online Retail ledger (541,909 rows, gzip CSV, cancellations) end to end; churn alerts by recency (issue 13)", () => {
    const data = path.resolve(ROOT, "../shared/data/online-retail.csv.gz");
    const r = spawnSync(process.execPath, [KA, "analyze", data, "--quiet", "--json", "-", "--accounts"], { cwd: dir, encoding: "utf8", timeout: 240_000, maxBuffer: 256 << 20 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows.read).toBe(541909);
    expect(json.rows.used + json.rows.excluded).toBe(541909);
    expect(json.rows.reasons["customer is blank"]).toBe(135080);
    expect(json.asOf).toBe("2011-12-09");
    // Cancellations are credit notes: with them one year shows no measurable dropout, the BG/NBD fit runs to a → 0
    // and is reported as not converged. The forecasts then use the NBD limit, named with its reason, so P(alive)
    // (1, an assumption), expected purchases and CLV are not blank.
    expect(json.clv.bgnbd.converged).toBe(false);
    expect(json.clv.bgnbd.a).toBeLessThan(1e-3);
    expect(json.clv.model.name).toBe("nbd");
    expect(json.clv.model.pAliveEstimated).toBe(false);
    expect(json.clv.model.reason).toMatch(/NBD limit \(no dropout\); P\(alive\) = 1 is an assumption/);
    expect(json.clv.predicted12m).toBeGreaterThan(0);
    const bought = json.accounts.filter((o: any) => o.x !== null);
    expect(bought.length).toBeGreaterThan(4000);
    for (const k of ["pAlive", "expectedPurchases12m", "clv12m"]) expect([k, bought.filter((o: any) => typeof o[k] !== "number").length]).toEqual([k, 0]);
    expect(json.warnings.map((w: { message: string }) => w.message).join("\n")).toMatch(/no measurable customer dropout|finds no dropout/);
    // No due dates: no credit block, and a warning naming what is missing.
    expect(json.credit).toBeNull();

    // Churn by recency, recomputed from the raw file: purchase occasions are days with a positive net amount;
    // a customer's typical gap is (last − first occasion) ÷ repeat occasions, with one occasion the median of the
    // others' gaps; lapsed when the days since the last occasion exceed 3 × that gap. The alert goes to lapsed key
    // accounts (share ≥ 1 % or ABC class A, as the accounts JSON lists them).
    const lines = zlib.gunzipSync(fs.readFileSync(data)).toString("utf8").split("\n").slice(1);
    const net = new Map<string, Map<number, number>>();
    for (const line of lines) {
      const f = line.split(",");
      const n = f.length;
      if (n < 8) continue;
      // Description may hold commas (quoted): count the last four fields from the end.
      const [customer, price, when, quantity] = [f[n - 2].trim(), Number(f[n - 3]), f[n - 4], Number(f[n - 5])];
      if (customer === "") continue;
      const day = Date.UTC(Number(when.slice(0, 4)), Number(when.slice(5, 7)) - 1, Number(when.slice(8, 10))) / 86_400_000;
      const days = net.get(customer) ?? new Map<number, number>();
      net.set(customer, days);
      days.set(day, (days.get(day) ?? 0) + quantity * price);
    }
    const asOf = Date.UTC(2011, 11, 9) / 86_400_000;
    const occasions = new Map<string, number[]>();
    for (const [c, days] of net) {
      const d = [...days].filter(([, v]) => v > 1e-9).map(([k]) => k).sort((a, b) => a - b);
      if (d.length > 0) occasions.set(c, d);
    }
    const gaps = [...occasions.values()].filter((d) => d.length > 1).map((d) => (d[d.length - 1] - d[0]) / (d.length - 1)).sort((a, b) => a - b);
    const median = gaps.length % 2 ? gaps[(gaps.length - 1) / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
    let expected = 0;
    let lapsed = 0;
    for (const o of json.accounts) {
      const d = occasions.get(o.customer);
      if (!d) continue;
      const gap = d.length > 1 ? (d[d.length - 1] - d[0]) / (d.length - 1) : median;
      const ratio = (asOf - d[d.length - 1]) / gap;
      expect([o.customer, Math.abs(o.gapRatio - ratio) < 1e-9]).toEqual([o.customer, true]);
      if (ratio > 3) {
        lapsed++;
        if (o.share >= 0.01 || o.abc === "A") expected++;
      }
    }
    expect(lapsed).toBeGreaterThan(500);
    expect(expected).toBeGreaterThan(0);
    expect(json.alerts.churnRisk).toBe(expected);
  }, 300_000);

  test("usage errors exit 2", () => {
    expect(ka(["frobnicate"], dir).code).toBe(2);
    expect(ka(["analyze", "--bins", "1"], dir).code).toBe(2);
    expect(ka(["analyze", "--unit", "year"], dir).code).toBe(2);
    expect(ka(["analyze", "--as-of", "2024-02-30"], dir).code).toBe(2);
    expect(ka(["analyze", "--map", "colour=Red"], dir).code).toBe(2);
    const r = ka(["analyze", "--nope"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--nope/);
    expect(ka(["--help"], dir).code).toBe(0);
  });
});
