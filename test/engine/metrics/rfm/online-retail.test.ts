/*
 * RFM on the UCI Online Retail ledger (Chen, Sain & Guo 2012; CC BY 4.0; /work/shared/data/README.md), as-of
 * 2011-12-09, clean rule: customer known, invoice not starting with C, quantity > 0, price > 0.
 * The engine's scores and segments are checked against a plain computation written here, sharing no engine code:
 * exact money in thousandths of a pound (prices have at most 3 decimals), COUNTIF-style counting in O(n²), and the
 * segment table as if-chains.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import Papa from "papaparse";
import { aggregateCustomers } from "../../../../src/engine/customers";
import { makeLedger } from "../../../helpers/ledger";
import { rfmColumns, SEGMENT_RULES } from "../../../../src/engine/metrics/rfm";
import { segmentByHand } from "../../../helpers/rfm-by-hand";

const FILE = path.resolve(__dirname, "../../../../../shared/data/online-retail.csv.gz");
const AS_OF = Date.UTC(2011, 11, 9) / 86_400_000;

interface Row { customer: string; day: number; milli: number; invoice: string }

function readCleanRows(): { rows: Row[]; read: number } {
  const text = zlib.gunzipSync(fs.readFileSync(FILE)).toString("utf8");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...data] = parsed.data;
  const col = (name: string): number => header.indexOf(name);
  const [iInv, iQty, iDate, iPrice, iCust] = [col("InvoiceNo"), col("Quantity"), col("InvoiceDate"), col("UnitPrice"), col("CustomerID")];
  const rows: Row[] = [];
  for (const r of data) {
    const customer = r[iCust];
    const invoice = r[iInv];
    const qty = Number(r[iQty]);
    const [whole, frac = ""] = r[iPrice].split(".");
    const priceMilli = Number(whole) * 1000 + Number((frac + "000").slice(0, 3)) * (whole.startsWith("-") ? -1 : 1);
    if (customer === "" || invoice.startsWith("C") || !(qty > 0) || !(priceMilli > 0)) continue;
    const [y, m, d] = r[iDate].slice(0, 10).split("-").map(Number);
    rows.push({ customer, day: Date.UTC(y, m - 1, d) / 86_400_000, milli: qty * priceMilli, invoice });
  }
  return { rows, read: data.length };
}

describe("Online Retail RFM against an independent computation", () => {
  const { rows, read } = readCleanRows();

  // --- Independent: per customer last day, distinct days, exact net revenue. ---
  const last = new Map<string, number>();
  const days = new Map<string, Set<number>>();
  const milli = new Map<string, number>();
  for (const r of rows) {
    last.set(r.customer, Math.max(last.get(r.customer) ?? -Infinity, r.day));
    if (!days.has(r.customer)) days.set(r.customer, new Set());
    days.get(r.customer)!.add(r.day);
    milli.set(r.customer, (milli.get(r.customer) ?? 0) + r.milli);
  }
  const ids = [...last.keys()];
  const R = ids.map((id) => AS_OF - last.get(id)!);
  const F = ids.map((id) => days.get(id)!.size);
  const M = ids.map((id) => milli.get(id)! / 1000);
  // COUNTIF literally: for each x, count the values below (above for recency). O(n²) on purpose.
  function countScores(v: number[], lowerIsBetter: boolean, bins = 5): number[] {
    return v.map((x) => {
      let c = 0;
      for (const y of v) if (lowerIsBetter ? y > x : y < x) c++;
      return Math.min(bins, 1 + Math.floor((bins * c) / v.length));
    });
  }
  const rs = countScores(R, true);
  const fs5 = countScores(F, false);
  const ms = countScores(M, false);
  const expectedSegments: Record<string, number> = {};
  ids.forEach((_, i) => {
    const s = segmentByHand(rs[i], fs5[i], ms[i]);
    expectedSegments[s] = (expectedSegments[s] ?? 0) + 1;
  });
  const tally = (scores: ArrayLike<number>): number[] => {
    const t = [0, 0, 0, 0, 0];
    for (let i = 0; i < scores.length; i++) t[scores[i] - 1]++;
    return t;
  };

  // --- Engine: a Ledger from the same rows, the analysis' aggregation, then RFM. ---
  const ledger = makeLedger(
    rows.map((r) => ({ customer: r.customer, day: r.day, amount: r.milli / 1000, invoice: r.invoice })),
    { asOf: AS_OF, customers: ids },
  );
  const t0 = Date.now();
  const base = aggregateCustomers(ledger);
  const cols = rfmColumns(base);
  const elapsed = Date.now() - t0;

  test("541,909 rows read; 4,338 customers after the clean rule (the UCI file's published figures)", () => {
    expect(read).toBe(541_909);
    expect(ids.length).toBe(4338);
    expect(base.n).toBe(4338);
  });

  test("values equal the plain computation exactly (money compared in exact thousandths)", () => {
    for (let i = 0; i < ids.length; i++) {
      if (cols.recency[i] !== R[i] || cols.frequency[i] !== F[i] || cols.monetary[i] !== M[i]) {
        throw new Error(`customer ${ids[i]}: engine ${cols.recency[i]}/${cols.frequency[i]}/${cols.monetary[i]} vs ${R[i]}/${F[i]}/${M[i]}`);
      }
    }
  });

  test("customers per R, F and M score agree with the plain COUNTIF computation", () => {
    expect(tally(cols.r)).toEqual(tally(rs));
    expect(tally(cols.f)).toEqual(tally(fs5));
    expect(tally(cols.m)).toEqual(tally(ms));
    // And customer by customer.
    let differ = 0;
    for (let i = 0; i < ids.length; i++) if (cols.r[i] !== rs[i] || cols.f[i] !== fs5[i] || cols.m[i] !== ms[i]) differ++;
    expect(differ).toBe(0);
    // Heavy ties in frequency (many one-day customers) make the F distribution uneven: the rule keeps ties together.
    expect(tally(cols.f)[0]).toBeGreaterThan(4338 / 5);
  });

  test("segment counts agree with the if-chain reading of the rule table", () => {
    const engine: Record<string, number> = {};
    SEGMENT_RULES.forEach((r, k) => {
      if (cols.segmentCounts[k] > 0) engine[r.name] = cols.segmentCounts[k];
    });
    expect(engine).toEqual(expectedSegments);
    expect(cols.unsegmented).toBe(0);
    console.log("Online Retail segments", engine, "R", tally(cols.r), "F", tally(cols.f), "M", tally(cols.m), `aggregate+rfm ${elapsed} ms`);
  });
});
