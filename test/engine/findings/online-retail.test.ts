/**
 * Key findings on Online Retail (UCI 352, ../shared/data/README.md) through the CLI: which findings a one-year,
 * 4,372-customer ledger without credit columns gets, and their numbers against a plain computation over the raw
 * CSV (per-customer net sums of Quantity × UnitPrice for rows with a CustomerID).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { PassThrough } from "stream";
import Papa from "papaparse";
import { main } from "../../../src/cli/main";

const DATA = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

describe("findings on Online Retail", () => {
  let json: any;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-findings-or-"));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c) => chunks.push(c));
    const code = await main(["analyze", DATA, "--json", "-", "--quiet", "--lang", "en", "--out", path.join(dir, "r.xlsx")], { stdout: out, stderr: new PassThrough(), env: {} });
    expect(code).toBe(0);
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  test("which findings: no credit columns, no model estimating P(alive) and one year of history leave receivables and revenue at risk out", () => {
    expect(json.findings.map((f: any) => f.code)).toEqual(["majorCustomers", "concentration", "alerts", "pareto", "nonPositiveCustomers", "rowsExcluded"]);
  });

  test("numbers against the raw CSV", () => {
    const rows = Papa.parse<string[]>(zlib.gunzipSync(fs.readFileSync(DATA)).toString("utf8"), { skipEmptyLines: true }).data;
    const [h, ...body] = rows;
    const [cust, qty, price] = [h.indexOf("CustomerID"), h.indexOf("Quantity"), h.indexOf("UnitPrice")];
    const net = new Map<string, number>();
    let blank = 0;
    for (const r of body) {
      if (r[cust].trim() === "") {
        blank++;
        continue;
      }
      net.set(r[cust], (net.get(r[cust]) ?? 0) + Number(r[qty]) * Number(r[price]));
    }
    // A customer whose sales and credit notes cancel out sums to ±1e-13 in this naive loop (the engine's sum is
    // compensated): below a hundredth of a cent is zero.
    const positive = [...net.entries()].filter(([, v]) => v > 1e-6).sort((a, b) => b[1] - a[1]);
    const total = positive.reduce((s, [, v]) => s + v, 0);
    const [topName, topRevenue] = positive[0];
    const f = Object.fromEntries(json.findings.map((x: any) => [x.code, x]));
    // The largest customer is far below the 10 % line: named, with its share.
    expect(Math.abs(f.majorCustomers.value - topRevenue / total)).toBeLessThan(1e-9);
    expect(f.majorCustomers.text).toBe(`No customer reaches 10% of revenue, so none is disclosed as a major customer; the largest, ${topName}, brings ${((100 * topRevenue) / total).toFixed(1)}%.`);
    const hhi = 10000 * positive.reduce((s, [, v]) => s + (v / total) ** 2, 0);
    expect(Math.abs(f.concentration.value - hhi) / hhi).toBeLessThan(1e-9);
    expect(f.concentration.text).toMatch(/^Revenue is unconcentrated \(HHI 45\)/);
    // No model estimates P(alive) on this ledger (dropout not identified): churn alerts come from recency (issue 13).
    const churn = json.alerts.churnRisk;
    expect(churn).toBeGreaterThan(0);
    expect(f.alerts.text).toMatch(new RegExp(`^${churn} high-severity alerts \\(${churn} in all\\): \\d+: silent for \\d+\\.\\d × its usual gap between purchases;`));
    const nonPositive = net.size - positive.length;
    expect(f.nonPositiveCustomers.value).toBe(nonPositive);
    expect(f.rowsExcluded.value).toBe(blank);
    expect(f.rowsExcluded.text).toBe(`${blank.toLocaleString("en-US")} of 541,909 ledger rows were not used (customer is blank: ${blank.toLocaleString("en-US")}); each is listed with its reason on KA About.`);
  });
});
