/**
 * A ledger with no positive revenue — only credit notes, or only zero amounts — gets a report that says there is
 * nothing to share out, with credit, retention and row accounting still shown, and exit 0 (issue 17 item 7: it used
 * to stop with an internal message about the missing Share column). Through the CLI as a shell runs it.
 */
import { spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const KA = path.join(ROOT, "bin/ka.js");

// Credit notes only (CN2 refunded on 2024-03-01), and a zero-amount row; four months for retention.
const CREDIT_NOTES = `Customer,Invoice,Date,Amount,Due Date,Paid Date
Acme,CN1,2024-01-05,-100,2024-02-04,
Beta,CN2,2024-02-05,-50,2024-03-06,2024-03-01
Acme,CN3,2024-03-01,-20,2024-03-31,
Beta,CN4,2024-04-10,0,2024-05-10,
`;
const ZEROS = `Customer,Date,Amount
Acme,2024-01-05,0
Beta,2024-02-05,0
Acme,2024-03-05,0
`;

function ka(dir: string, ledger: string) {
  fs.writeFileSync(path.join(dir, "ledger.csv"), ledger);
  const r = spawnSync(process.execPath, [KA, "analyze", "ledger.csv", "--quiet", "--json", "s.json", "--out", "r.xlsx"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stderr: r.stderr, json: r.status === 0 ? JSON.parse(fs.readFileSync(path.join(dir, "s.json"), "utf8")) : undefined };
}

/** label → value of the two-column blocks of a sheet (cached results for formulas). */
function labels(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  ws.eachRow((row) => {
    const label = row.getCell(1).value;
    const v = row.getCell(2).value as unknown;
    // A formula's cached result; exceljs reads a cached 0 as no result, so a formula without one stands for 0.
    if (typeof label === "string") out.set(label, v && typeof v === "object" && "formula" in v ? ((v as { result?: unknown }).result ?? 0) : v);
  });
  return out;
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && out.push(c.value)));
  return out;
}

describe("no positive revenue to share out", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-nopos-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("credit notes only: exit 0, the report says so, credit, retention and row accounting are there", async () => {
    const r = ka(dir, CREDIT_NOTES);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = r.json;
    expect(j.rows).toEqual({ read: 4, used: 4, excluded: 0, reasons: {} });
    expect(j.customers).toBe(2);
    expect(j.revenue).toBe(-170); // −100 − 50 − 20 + 0
    expect(j.concentration).toBeNull();
    const warning = j.warnings.find((w: { code: string }) => w.code === "noPositiveRevenue");
    expect(warning.message).toMatch(/no positive revenue to share out/);
    // Open items: CN1 −100 and CN3 −20 unpaid (CN2 was settled): a credit balance of 120, all of it in the first bucket.
    expect(j.credit.receivables).toBe(-120);
    expect(Object.values(j.credit.aging as Record<string, number>).reduce((s, x) => s + x, 0)).toBe(-120);
    expect(j.retention.period).toBe("month");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "r.xlsx"));
    // No KA Cohorts: a cohort is the customers of a first-purchase month, and nobody has a purchase.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["KA Summary", "KA Accounts", "KA Segments", "KA Aging", "KA Alerts", "KA About"]);
    // The figure groups are on KA About ("Figures in detail").
    const summary = labels(wb.getWorksheet("KA About")!);
    expect(summary.get("Positive net revenue to share out")).toBe(0);
    const denominator = wb.getWorksheet("KA About")!.getColumn(2).values.find((v) => typeof v === "object" && v !== null && "formula" in v && /SUMIF/.test(String((v as { formula: string }).formula)));
    expect((denominator as { formula: string }).formula).toBe('SUMIF(KAAccounts[Revenue],">0")');
    expect(summary.get("Net revenue")).toBe(-170);
    expect(summary.get("Customers with net revenue ≤ 0")).toBe(2);
    expect(summary.get("Receivables (open balance)")).toBe(-120);
    expect([...summary.keys()].some((l) => /^Retention \(month/.test(l))).toBe(true);
    expect(texts(wb.getWorksheet("KA About")!).some((t) => /no positive revenue to share out/.test(t))).toBe(true);
    // …and the Summary's first finding says so (report's findings).
    expect(texts(wb.getWorksheet("KA Summary")!).some((t) => /^1\. There is no positive revenue to share out/.test(t))).toBe(true);
    const accountsHeader = (wb.getWorksheet("KA Accounts")!.getRow(1).values as unknown[]).filter((v) => typeof v === "string");
    expect(accountsHeader).toEqual(expect.arrayContaining(["Customer", "Revenue", "Open balance", "Credit score"]));
    expect(accountsHeader).not.toContain("Share");
    const about = labels(wb.getWorksheet("KA About")!);
    expect([about.get("Rows read"), about.get("Rows used")]).toEqual([4, 4]);
  }, 120_000);

  test("zero amounts only: exit 0, revenue 0, nothing to share, nobody segmented", () => {
    const r = ka(dir, ZEROS);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.json.revenue).toBe(0);
    expect(r.json.concentration).toBeNull();
    expect(r.json.rfm.unsegmented).toBe(2);
    expect(r.json.warnings.map((w: { code: string }) => w.code)).toContain("noPositiveRevenue");
    expect(r.json.rows.used + r.json.rows.excluded).toBe(r.json.rows.read);
  }, 120_000);
});
