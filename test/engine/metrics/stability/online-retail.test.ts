/*
 * Volatility and trend on the UCI Online Retail ledger (Chen, Sain & Guo 2012; CC BY 4.0), as-of 2011-12-09,
 * clean rule: customer known, invoice not starting with C, quantity > 0, price > 0. Checked against a plain
 * computation written here (month keys as strings, exact thousandths, textbook formulas), no engine code shared.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { aggregateCustomers } from "../../../../src/engine/customers";
import { makeLedger } from "../../../helpers/ledger";
import { stabilityColumns } from "../../../../src/engine/metrics/stability";

const FILE = path.resolve(__dirname, "../../../../../shared/data/online-retail.csv.gz");
const MONTHS = ["2010-12", "2011-01", "2011-02", "2011-03", "2011-04", "2011-05", "2011-06", "2011-07", "2011-08", "2011-09", "2011-10", "2011-11", "2011-12"];

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

describe("Online Retail volatility and trend against a plain computation", () => {
  // Plain: revenue per customer per month in thousandths; the series runs from the first month to 2011-12.
  const perMonth = new Map<string, number[]>();
  for (const r of rows) {
    if (!perMonth.has(r.customer)) perMonth.set(r.customer, new Array(MONTHS.length).fill(0));
    perMonth.get(r.customer)![MONTHS.indexOf(r.date.slice(0, 7))] += r.milli;
  }
  const ids = [...perMonth.keys()];
  const plain = ids.map((id) => {
    const all = perMonth.get(id)!;
    const y = all.slice(all.findIndex((v) => v > 0)).map((v) => v / 1000);
    const n = y.length;
    if (n < 3) return { cv: NaN, trend: NaN, n };
    const mean = y.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const tMean = (n - 1) / 2;
    const slope = y.reduce((s, v, t) => s + (t - tMean) * (v - mean), 0) / y.reduce((s, _, t) => s + (t - tMean) ** 2, 0);
    return { cv: sd / mean, trend: slope / mean, n };
  });

  const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const ledger = makeLedger(
    rows.map((r) => ({ customer: r.customer, day: toDay(r.date), amount: r.milli / 1000 })),
    { asOf: toDay("2011-12-09"), customers: ids },
  );
  const cols = stabilityColumns(aggregateCustomers(ledger), ledger);

  test("series lengths, CV and trend for all 4,338 customers (relative tolerance 1e-9)", () => {
    expect(ids.length).toBe(4338);
    let compared = 0;
    for (let i = 0; i < ids.length; i++) {
      expect(cols.months[i]).toBe(plain[i].n);
      for (const [engine, ref] of [[cols.volatility[i], plain[i].cv], [cols.trend[i], plain[i].trend]]) {
        if (Number.isNaN(ref)) {
          expect(engine).toBeNaN();
        } else {
          compared++;
          if (!(Math.abs(engine - ref) <= 1e-9 * Math.max(1, Math.abs(ref)))) throw new Error(`customer ${ids[i]}: ${engine} vs ${ref}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(2 * 3900);
  });

  test("the ledger starts 2010-12-01, less than two years before as-of: no YoY", () => {
    expect(cols.yoyCovered).toBe(false);
    expect(Array.from(cols.yoy).every(Number.isNaN)).toBe(true);
  });
});
