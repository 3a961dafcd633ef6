/**
 * UCI Online Retail (Chen, Sain & Guo 2012; doi:10.24432/C5BW33, CC BY 4.0), read as a CSV parser hands it
 * over: every cell a string. The expected numbers are counted here with plain code over the parsed rows.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { LedgerBuilder } from "../../../src/engine/ledger";
import { dayFromYmd } from "../../../src/engine/day";
import { excludedTotal } from "./helpers";

const FILE = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

test("Online Retail: 541,909 rows read; blank-customer exclusions equal a plain count; used + excluded = read", () => {
  const text = zlib.gunzipSync(fs.readFileSync(FILE)).toString("utf8");
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = rows[0];
  expect(header).toEqual(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]);

  const builder = new LedgerBuilder(header, { map: { customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", unitPrice: "UnitPrice" } });
  for (let i = 1; i < rows.length; i++) builder.push(rows[i]);
  const l = builder.finish();

  // Independent counts over the raw strings.
  const cust = header.indexOf("CustomerID");
  let blankCustomer = 0;
  let net = 0;
  let comp = 0; // Neumaier compensation for the independent total
  const ids = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (r[cust].trim() === "") {
      blankCustomer++;
      continue;
    }
    ids.add(r[cust]);
    const v = Number(r[3]) * Number(r[5]);
    const t = net + v;
    comp += Math.abs(net) >= Math.abs(v) ? net - t + v : v - t + net;
    net = t;
  }
  net += comp;

  expect(l.read).toBe(541_909);
  expect(l.excludedCounts["customer is blank"]).toBe(blankCustomer);
  expect(l.used + excludedTotal(l)).toBe(l.read);
  // Every row with a customer is well formed (dates 'yyyy-mm-dd HH:MM', plain numbers), so it is used.
  expect(l.used).toBe(541_909 - blankCustomer);
  expect(l.customers.length).toBe(ids.size);
  expect(l.asOf).toBe(dayFromYmd(2011, 12, 9)); // the last invoice, 2011-12-09 12:50 (data README)
  expect(l.day[0]).toBe(dayFromYmd(2010, 12, 1));
  // Net revenue of the used rows, summed with compensation on both sides: relative difference below 1e-12.
  let s = 0;
  let c = 0;
  for (let i = 0; i < l.used; i++) {
    const v = l.amount[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  expect(Math.abs(s + c - net) / Math.abs(net)).toBeLessThan(1e-12);
  expect(l.notes).toContain("amount = Quantity × UnitPrice (no amount column).");
});
