/*
 * The concentration trend and the stress tests on the UCI Online Retail ledger (Chen, Sain & Guo 2012; CC BY 4.0),
 * clean rule (customer known, invoice not starting with C, quantity > 0, price > 0), as-of 2011-12-09. Checked against
 * a plain computation written here — amounts in exact thousandths, month keys as strings, a Map per month, a sort —
 * sharing no engine code.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { concentrationTrend, stressTests } from "../../../../src/engine/metrics/dependence";
import { makeLedger } from "../../../helpers/ledger";

const FILE = path.resolve(__dirname, "../../../../../shared/data/online-retail.csv.gz");
const text = zlib.gunzipSync(fs.readFileSync(FILE)).toString("utf8");
const [header, ...data] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
const col = (name: string): number => header.indexOf(name);
const rows: { customer: string; date: string; milli: number }[] = [];
for (const r of data) {
  const [whole, frac = ""] = r[col("UnitPrice")].split(".");
  const priceMilli = Number(whole) * 1000 + Number((frac + "000").slice(0, 3));
  const qty = Number(r[col("Quantity")]);
  if (r[col("CustomerID")] === "" || r[col("InvoiceNo")].startsWith("C") || !(qty > 0) || !(priceMilli > 0) || whole.startsWith("-")) continue;
  rows.push({ customer: r[col("CustomerID")], date: r[col("InvoiceDate")].slice(0, 10), milli: qty * priceMilli });
}
const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const ledger = makeLedger(
  rows.map((r) => ({ customer: r.customer, day: toDay(r.date), amount: r.milli / 1000 })),
  { asOf: toDay("2011-12-09") },
);

/** Plain HHI and CR_k of a list of positive integer revenues. */
function plain(revenues: number[]): { hhi: number; cr: (k: number) => number; total: number } {
  const desc = revenues.filter((v) => v > 0).sort((a, b) => b - a);
  const total = desc.reduce((s, v) => s + v, 0);
  const hhi = 10000 * desc.reduce((s, v) => s + (v / total) ** 2, 0);
  return { hhi, total, cr: (k) => desc.slice(0, k).reduce((s, v) => s + v, 0) / total };
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("Online Retail, clean rule: concentration trend and stress tests against a plain computation", () => {
  test("each month's HHI and CR10 (relative tolerance 1e-9)", () => {
    const byMonth = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = r.date.slice(0, 7);
      if (!byMonth.has(m)) byMonth.set(m, new Map());
      const sums = byMonth.get(m)!;
      sums.set(r.customer, (sums.get(r.customer) ?? 0) + r.milli);
    }
    const t = concentrationTrend(ledger, ledger.customers.length, { asOf: ledger.asOf, period: "month" });
    expect(t.rows.map((r) => r.period)).toEqual([...byMonth.keys()].sort());
    expect(t.rows).toHaveLength(13);
    for (const row of t.rows) {
      const sums = byMonth.get(row.period)!;
      const p = plain([...sums.values()]);
      expect(row.customers).toBe(sums.size);
      expect(rel(row.revenue, p.total / 1000)).toBeLessThan(1e-12);
      expect(rel(row.hhi, p.hhi)).toBeLessThan(1e-9);
      expect(rel(row.cr10, p.cr(10))).toBeLessThan(1e-9);
    }
    // December 2011 ends at the as-of date; December 2010 is the ledger's first month and starts on its first day.
    expect(t.rows[12].notes).toEqual([{ code: "partialEnd", through: toDay("2011-12-09") }]);
    expect(t.rows[0].notes).toEqual([]);
  });

  test("stress: the top k's revenue lost is CR_k × positive revenue (relative 1e-12), the remaining HHI is the rest's", () => {
    const byCustomer = new Map<string, number>();
    for (const r of rows) byCustomer.set(r.customer, (byCustomer.get(r.customer) ?? 0) + r.milli);
    const p = plain([...byCustomer.values()]);
    const revenue = new Float64Array(ledger.customers.length);
    ledger.customers.forEach((c, code) => (revenue[code] = byCustomer.get(c)! / 1000));
    const s = stressTests({ revenue });
    expect(s.customers).toHaveLength(0); // nobody holds 5 % of this ledger
    for (const r of s.topK) {
      expect(rel(r.revenueLost, (p.cr(r.k) * p.total) / 1000)).toBeLessThan(1e-12);
      expect(rel(r.shareLost, p.cr(r.k))).toBeLessThan(1e-12);
      const rest = [...byCustomer.values()].sort((a, b) => b - a).slice(r.k);
      expect(rel(r.remainingHhi, plain(rest).hhi)).toBeLessThan(1e-9);
    }
  });
});
