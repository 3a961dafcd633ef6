/**
 * `ka analyze` as a shell runs it: a real process through bin/ka.js, exit codes, stdout/stderr, the files it writes.
 */
import { spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

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

  test("the real Online Retail ledger (541,909 rows, gzip CSV, cancellations) end to end", () => {
    const data = path.resolve(ROOT, "../shared/data/online-retail.csv.gz");
    const r = spawnSync(process.execPath, [KA, "analyze", data, "--quiet", "--json", "-"], { cwd: dir, encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows.read).toBe(541909);
    expect(json.rows.used + json.rows.excluded).toBe(541909);
    expect(json.rows.reasons["customer is blank"]).toBe(135080);
    expect(json.asOf).toBe("2011-12-09");
    // Cancellations are credit notes: with them one year shows no measurable dropout, the BG/NBD fit runs to a → 0
    // and is reported as not converged; its predictions are withheld (null), and the warning says why.
    expect(json.clv.bgnbd.converged).toBe(false);
    expect(json.clv.bgnbd.a).toBeLessThan(1e-3);
    expect(json.clv.predicted12m).toBeNull();
    expect(json.warnings.map((w: { message: string }) => w.message).join("\n")).toMatch(/no measurable customer dropout/);
    // No due dates: no credit block, and a warning naming what is missing.
    expect(json.credit).toBeNull();
  });

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
