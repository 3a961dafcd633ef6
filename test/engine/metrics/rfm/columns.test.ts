import { aggregateCustomers } from "../../../../src/engine/customers";
import { rfmColumns, rfmValues, rfmCodeOf, rfmFromTransactions, SEGMENT_RULES } from "../../../../src/engine/metrics/rfm";
import { makeLedger } from "./ledger";

/*
 * Six customers at as-of day 100, computed by hand:
 *   A: 99 (100), 90 (200), 80 (300)              → recency 1,  purchase days 3, net 600
 *   B: 95 (50, inv B1), 95 (50, inv B2)          → recency 5,  purchase days 1, net 100 (2 invoices)
 *   C: 10, 20, 30, 40 (10 each), 50 (−5 credit)  → recency 60, purchase days 4, net 35
 *   D: 60 (500)                                  → recency 40, purchase days 1, net 500
 *   E: 1 (1000), 5 (1000)                        → recency 95, purchase days 2, net 2000
 *   F: 70 (−30 credit only)                      → no purchase: recency blank, frequency 0, net −30
 */
const ROWS: [string, number, number][] = [
  ["A", 80, 300], ["B", 95, 50], ["C", 10, 10], ["C", 20, 10], ["D", 60, 500], ["C", 30, 10],
  ["E", 1, 1000], ["C", 40, 10], ["E", 5, 1000], ["A", 90, 200], ["C", 50, -5], ["F", 70, -30], ["B", 95, 50], ["A", 99, 100],
];
const base = aggregateCustomers(makeLedger(ROWS, 100));
const idx = (name: string): number => base.names.indexOf(name);
const seg = (k: number): string => (k >= 0 ? SEGMENT_RULES[k].name : "");

describe("RFM on a hand-computed ledger", () => {
  const cols = rfmColumns(base);
  const at = (a: Float64Array | Int16Array, n: string): number => a[idx(n)];

  test("values: recency in days, purchase days, net revenue", () => {
    expect(["A", "B", "C", "D", "E"].map((n) => at(cols.recency, n))).toEqual([1, 5, 60, 40, 95]);
    expect(at(cols.recency, "F")).toBeNaN();
    expect(["A", "B", "C", "D", "E", "F"].map((n) => at(cols.frequency, n))).toEqual([3, 1, 4, 1, 2, 0]);
    expect(["A", "B", "C", "D", "E", "F"].map((n) => at(cols.monetary, n))).toEqual([600, 100, 35, 500, 2000, -30]);
  });

  test("R over the 5 customers with a purchase: count above = 4,3,1,2,0 → 1 + count", () => {
    expect(["A", "B", "C", "D", "E"].map((n) => at(cols.r, n))).toEqual([5, 4, 2, 3, 1]);
    expect(at(cols.r, "F")).toBeNaN();
  });

  test("F over 6 values [3,1,4,1,2,0]: count below 4,1,5,1,3,0 → 1 + floor(5·c/6) = 4,1,5,1,3,1", () => {
    expect(["A", "B", "C", "D", "E", "F"].map((n) => at(cols.f, n))).toEqual([4, 1, 5, 1, 3, 1]);
  });

  test("M over [600,100,35,500,2000,−30]: count below 4,2,1,3,5,0 → 4,2,1,3,5,1", () => {
    expect(["A", "B", "C", "D", "E", "F"].map((n) => at(cols.m, n))).toEqual([4, 2, 1, 3, 5, 1]);
  });

  test("segments: A Champions (5,FM4); B New (4, FM round(1.5)=2, F1); C At Risk (2, FM3); D About to Sleep (3, FM2); E At Risk (1, FM4); F none", () => {
    expect(["A", "B", "C", "D", "E", "F"].map((n) => seg(at(cols.segment, n)))).toEqual(["Champions", "New", "At Risk", "About to Sleep", "At Risk", ""]);
    const counts = Object.fromEntries(SEGMENT_RULES.map((r, k) => [r.name, cols.segmentCounts[k]]));
    expect(counts["At Risk"]).toBe(2);
    expect(counts["Champions"] + counts["New"] + counts["About to Sleep"]).toBe(3);
    expect(cols.segmentCounts.reduce((s, x) => s + x, 0) + cols.unsegmented).toBe(6);
    expect(cols.unsegmented).toBe(1);
  });

  test("RFM codes", () => {
    expect(rfmCodeOf(cols, idx("A"))).toBe("544");
    expect(rfmCodeOf(cols, idx("F"))).toBe("");
  });

  test("options: frequency by invoices (positive rows without an invoice column), monetary as average per purchase", () => {
    const v = rfmValues(base, { frequencyBy: "invoices", monetaryBy: "average" });
    expect(["A", "B", "C", "D", "E", "F"].map((n) => v.frequency[idx(n)])).toEqual([3, 2, 4, 1, 2, 0]);
    // average = net / invoices: 600/3, 100/2, 35/4, 500/1, 2000/2, none.
    expect(["A", "B", "C", "D", "E"].map((n) => v.monetary[idx(n)])).toEqual([200, 50, 8.75, 500, 1000]);
    expect(v.monetary[idx("F")]).toBeNaN();
    const d = rfmValues(base, { monetaryBy: "average" });
    expect(d.monetary[idx("B")]).toBe(100); // by purchase days: 100 / 1
  });

  test("bins 10 and bins 3 on the same ledger", () => {
    const c10 = rfmColumns(base, { bins: 10 });
    // R: 1 + floor(10·c/5) = 1 + 2c → c 4,3,1,2,0 → 9,7,3,5,1.
    expect(["A", "B", "C", "D", "E"].map((n) => c10.r[idx(n)])).toEqual([9, 7, 3, 5, 1]);
    // F: 1 + floor(10·c/6) → c 4,1,5,1,3,0 → 7,2,9,2,6,1.
    expect(["A", "B", "C", "D", "E", "F"].map((n) => c10.f[idx(n)])).toEqual([7, 2, 9, 2, 6, 1]);
    // A: R 9→5, F 7→4, M (c 4 → 7) → 4: FM 4 → Champions. B: R 7→4, F 2→1, M (c 2 → 4) → 2: FM round(1.5)=2, F5 1 → New.
    expect(seg(c10.segment[idx("A")])).toBe("Champions");
    expect(seg(c10.segment[idx("B")])).toBe("New");
    expect(rfmCodeOf(c10, idx("A"))).toBe("9-7-7");
    const c3 = rfmColumns(base, { bins: 3 });
    // R: 1 + floor(3·c/5) → c 4,3,1,2,0 → 3,2,1,2,1.
    expect(["A", "B", "C", "D", "E"].map((n) => c3.r[idx(n)])).toEqual([3, 2, 1, 2, 1]);
    // D: R 2 → 4; F (c 1 → 1) → 2; M (c 3 → 1 + floor(9/6) = 2) → 4; FM = 3 → Potential Loyalist.
    expect(seg(c3.segment[idx("D")])).toBe("Potential Loyalist");
  });

  test("user breakpoints per dimension", () => {
    const c = rfmColumns(base, { breaks: { r: [7, 30, 60, 90], f: [2, 3, 4, 5], m: [50, 100, 500, 1000] } });
    // R: 1 → 5, 5 → 5, 60 → 2 (on the 60 threshold: the older bin), 40 → 3, 95 → 1.
    expect(["A", "B", "C", "D", "E"].map((n) => c.r[idx(n)])).toEqual([5, 5, 2, 3, 1]);
    // F: 3 → 3, 1 → 1, 4 → 4, 1 → 1, 2 → 2, 0 → 1.
    expect(["A", "B", "C", "D", "E", "F"].map((n) => c.f[idx(n)])).toEqual([3, 1, 4, 1, 2, 1]);
    // M: 600 → 4, 100 → 3, 35 → 1, 500 → 4, 2000 → 5, −30 → 1.
    expect(["A", "B", "C", "D", "E", "F"].map((n) => c.m[idx(n)])).toEqual([4, 3, 1, 4, 5, 1]);
  });

  test("one customer: every score 1 → Lost (the count rule has nobody to rank against)", () => {
    const one = rfmColumns(aggregateCustomers(makeLedger([["Solo", 10, 100], ["Solo", 20, 50]], 20)));
    expect([one.r[0], one.f[0], one.m[0]]).toEqual([1, 1, 1]);
    expect(seg(one.segment[0])).toBe("Lost");
  });

  test("all customers equal: all score 1", () => {
    const eq = rfmColumns(aggregateCustomers(makeLedger([["X", 5, 10], ["Y", 5, 10], ["Z", 5, 10]], 9)));
    expect(Array.from(eq.r)).toEqual([1, 1, 1]);
    expect(Array.from(eq.f)).toEqual([1, 1, 1]);
    expect(Array.from(eq.m)).toEqual([1, 1, 1]);
  });

  test("bad bins → outOfRange", () => {
    expect(() => rfmColumns(base, { bins: 1 })).toThrowProblem("outOfRange", { path: "bins" });
  });
});

describe("rfmFromTransactions (what KA.RFM receives)", () => {
  test("same result as the analysis path; keys compare case- and space-insensitively", () => {
    const names = ROWS.map((r) => (r[0] === "A" ? " a " : r[0]));
    const t = rfmFromTransactions(names, ROWS.map((r) => r[1]), ROWS.map((r) => r[2]), { asOf: 100 });
    expect(t.customers).toEqual(["a", "B", "C", "D", "E", "F"]);
    expect(Array.from(t.columns.r.slice(0, 5))).toEqual([5, 4, 2, 3, 1]);
    expect(t.codes[0]).toBe("544");
  });
  test("asOf defaults to the latest day; rows after a given asOf are skipped", () => {
    const t = rfmFromTransactions(["A", "B", "A"], [10, 20, 30], [5, 5, 5]);
    expect(t.asOf).toBe(30);
    expect(Array.from(t.columns.recency)).toEqual([0, 10]);
    const u = rfmFromTransactions(["A", "B", "A"], [10, 20, 30], [5, 5, 5], { asOf: 25 });
    expect(Array.from(u.columns.recency)).toEqual([15, 5]);
    expect(Array.from(u.columns.monetary)).toEqual([5, 5]);
  });
  test("errors name the argument and row", () => {
    expect(() => rfmFromTransactions(["A"], [1, 2], [1])).toThrowProblem("sizeMismatch", { row: undefined });
    expect(() => rfmFromTransactions(["A", "B"], [1, 2.5], [1, 1])).toThrowProblem("notADate", { path: "dates", row: 2 });
    expect(() => rfmFromTransactions(["A", "B"], [1, 2], [1, NaN])).toThrowProblem("notANumber", { path: "amounts", row: 2 });
    expect(() => rfmFromTransactions(["A", " "], [1, 2], [1, 1])).toThrowProblem("badArgument", { path: "customers", row: 2 });
    expect(() => rfmFromTransactions([], [], [])).toThrowProblem("noRows", { row: undefined });
    expect(() => rfmFromTransactions(["A"], [5], [1], { asOf: 1 })).toThrowProblem("noRows", { row: undefined });
  });
});
