/**
 * Online Retail (UCI 352; ../shared/data/README.md) headline figures on the clean rule
 * "customer known, not a cancellation, quantity > 0, price > 0", checked against a plain computation written
 * here with no engine code: per-customer sums in a Map, shares, sorting, the textbook formulas.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { ingestGrid } from "../../../src/engine/ledger";
import { analyze } from "../../../src/engine/analysis";

const DATA = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

function loadRows(): string[][] {
  const text = zlib.gunzipSync(fs.readFileSync(DATA)).toString("utf8");
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

describe("Online Retail, clean rule", () => {
  const all = loadRows();
  const header = all[0];
  const col = (name: string) => header.indexOf(name);
  const [inv, qty, price, cust] = [col("InvoiceNo"), col("Quantity"), col("UnitPrice"), col("CustomerID")];
  const clean = all.slice(1).filter((r) => r[cust] !== "" && !r[inv].startsWith("C") && Number(r[qty]) > 0 && Number(r[price]) > 0);

  // --- the plain computation ---
  const byCustomer = new Map<string, number>();
  for (const r of clean) byCustomer.set(r[cust], (byCustomer.get(r[cust]) ?? 0) + Number(r[qty]) * Number(r[price]));
  const revenues = [...byCustomer.values()].sort((a, b) => b - a); // largest first
  const total = revenues.reduce((s, v) => s + v, 0);
  const shares = revenues.map((v) => v / total);
  const plainHhi = 10000 * shares.reduce((s, x) => s + x * x, 0);
  const plainCr10 = shares.slice(0, 10).reduce((s, x) => s + x, 0);
  const ascending = [...revenues].reverse();
  const n = ascending.length;
  const plainGini = ascending.reduce((s, x, k) => s + (2 * (k + 1) - n - 1) * x, 0) / (n * total);
  const abc = { A: 0, B: 0, C: 0 };
  let before = 0;
  for (const v of revenues) {
    const cumPrev = before / total;
    abc[cumPrev < 0.8 ? "A" : cumPrev < 0.95 ? "B" : "C"]++;
    before += v;
  }

  test("the clean rule leaves the published 4,338 customers", () => {
    expect(byCustomer.size).toBe(4338);
  });

  test("the engine's customers, revenue, HHI, CR10, Gini and ABC counts equal the plain computation", async () => {
    const ledger = ingestGrid([header, ...clean], { map: { customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", unitPrice: "UnitPrice", invoice: "InvoiceNo" } });
    expect(ledger.read).toBe(clean.length);
    expect(ledger.used).toBe(clean.length);
    const a = await analyze(ledger);
    const k = a.concentration!;
    expect(a.customers.n).toBe(4338);
    // Money: the engine sums with compensation, the plain loop naively; 1e-9 relative covers the naive loop's drift.
    expect(Math.abs(a.revenue - total) / total).toBeLessThan(1e-9);
    expect(Math.abs(k.hhi - plainHhi) / plainHhi).toBeLessThan(1e-9);
    expect(Math.abs(k.cr10 - plainCr10) / plainCr10).toBeLessThan(1e-9);
    expect(Math.abs(k.gini - plainGini) / plainGini).toBeLessThan(1e-9);
    expect(k.abcCounts).toEqual(abc);
    expect(a.asOf).toBe(Date.UTC(2011, 11, 9) / 86400000);

    // On the clean rule the BG/NBD fit converges and every customer gets a P(alive) in [0, 1].
    expect(a.clv!.bgnbd!.converged).toBe(true);
    expect(Array.from(a.clv!.pAlive).every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});
