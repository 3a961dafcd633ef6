/*
 * Retention and cohorts on the UCI Online Retail ledger (Chen, Sain & Guo 2012; CC BY 4.0), as-of 2011-12-09,
 * clean rule: customer known, invoice not starting with C, quantity > 0, price > 0. Checked against a plain
 * computation written here with strings and Sets (no engine code): month keys "yyyy-mm", exact money in thousandths.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { aggregateCustomers } from "../../../../src/engine/customers";
import { makeLedger } from "../../../helpers/ledger";
import { cohortMatrix, lastCompleteStep, retentionByPeriod } from "../../../../src/engine/metrics/retention";

const FILE = path.resolve(__dirname, "../../../../../shared/data/online-retail.csv.gz");

interface Row { customer: string; date: string; milli: number }

const text = zlib.gunzipSync(fs.readFileSync(FILE)).toString("utf8");
const [header, ...data] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
const col = (name: string): number => header.indexOf(name);
const rows: Row[] = [];
for (const r of data) {
  const [whole, frac = ""] = r[col("UnitPrice")].split(".");
  const priceMilli = Number(whole) * 1000 + Number((frac + "000").slice(0, 3));
  const qty = Number(r[col("Quantity")]);
  if (r[col("CustomerID")] === "" || r[col("InvoiceNo")].startsWith("C") || !(qty > 0) || !(priceMilli > 0) || whole.startsWith("-")) continue;
  rows.push({ customer: r[col("CustomerID")], date: r[col("InvoiceDate")].slice(0, 10), milli: qty * priceMilli });
}

// Plain computation: months each customer bought in, first month, revenue per (customer, month).
const monthsOf = new Map<string, Set<string>>();
const firstMonth = new Map<string, string>();
const revenue = new Map<string, number>(); // key `${customer}|${month}`, thousandths
for (const r of rows) {
  const m = r.date.slice(0, 7);
  if (!monthsOf.has(r.customer)) monthsOf.set(r.customer, new Set());
  monthsOf.get(r.customer)!.add(m);
  if (!firstMonth.has(r.customer) || m < firstMonth.get(r.customer)!) firstMonth.set(r.customer, m);
  const k = `${r.customer}|${m}`;
  revenue.set(k, (revenue.get(k) ?? 0) + r.milli);
}
const MONTHS = ["2010-12", "2011-01", "2011-02", "2011-03", "2011-04", "2011-05", "2011-06", "2011-07", "2011-08", "2011-09", "2011-10", "2011-11", "2011-12"];

// The engine from the same rows.
const ids = [...monthsOf.keys()];
const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const ledger = makeLedger(
  rows.map((r) => ({ customer: r.customer, day: toDay(r.date), amount: r.milli / 1000 })),
  { asOf: toDay("2011-12-09"), customers: ids },
);
const base = aggregateCustomers(ledger);

describe("Online Retail monthly retention against a plain computation", () => {
  const steps = retentionByPeriod(base, ledger.amount, "month");
  test("12 steps, 2010-12→2011-01 … 2011-11→2011-12; the last complete one is into 2011-11", () => {
    expect(steps.map((s) => s.label)).toEqual(MONTHS.slice(1));
    expect(lastCompleteStep(steps)?.label).toBe("2011-11");
  });
  test("every step: buyers of both months / buyers of the previous month, and NRR in exact thousandths", () => {
    for (let j = 1; j < MONTHS.length; j++) {
      const prev = MONTHS[j - 1];
      const cur = MONTHS[j];
      const prevBuyers = ids.filter((id) => monthsOf.get(id)!.has(prev));
      const both = prevBuyers.filter((id) => monthsOf.get(id)!.has(cur));
      const s = steps[j - 1];
      expect([s.previousActive, s.retained]).toEqual([prevBuyers.length, both.length]);
      expect(s.rate).toBe(both.length / prevBuyers.length);
      let num = 0;
      let den = 0;
      for (const id of prevBuyers) {
        den += revenue.get(`${id}|${prev}`)!;
        num += revenue.get(`${id}|${cur}`) ?? 0;
      }
      expect(s.nrr).toBeCloseTo(num / den, 12);
    }
  });
});

describe("Online Retail cohort matrix against a plain computation", () => {
  const m = cohortMatrix(base, ledger.amount);
  test("13 monthly cohorts with their sizes and every active count", () => {
    expect(m.labels).toEqual(MONTHS);
    for (let c = 0; c < MONTHS.length; c++) {
      const members = ids.filter((id) => firstMonth.get(id) === MONTHS[c]);
      expect(m.size[c]).toBe(members.length);
      const row = MONTHS.slice(c).map((month) => members.filter((id) => monthsOf.get(id)!.has(month)).length);
      expect(Array.from(m.active[c])).toEqual(row);
      const rev = MONTHS.slice(c).map((month) => members.reduce((s, id) => s + (revenue.get(`${id}|${month}`) ?? 0), 0) / 1000);
      m.revenue[c].forEach((v, k) => expect(v).toBeCloseTo(rev[k], 6));
    }
    expect(m.size.reduce((s, x) => s + x, 0)).toBe(4338);
    expect(m.lastMonthPartial).toBe(true);
  });
});
