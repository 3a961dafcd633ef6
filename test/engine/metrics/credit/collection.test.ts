/**
 * Collection KPIs on a hand-made ledger, every figure worked out in the comments: CEI, best-possible DSO, average
 * days delinquent and DSO — in total (the 365 days to as-of), per customer and per calendar month — and the DSO trend.
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { analyzeReceivables, averageDaysDelinquent, bestPossibleDso, collectionEffectiveness } from "../../../../src/engine/metrics/credit";
import { makeRows } from "./helpers";
import type { Row } from "./helpers";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);

describe("the formulas", () => {
  test("CEI = (begin + sales − end) / (begin + sales − current): (10 000 + 50 000 − 12 000) / (60 000 − 8 000) = 0.923", () => {
    expect(collectionEffectiveness(10_000, 50_000, 12_000, 8_000)).toBeCloseTo(48_000 / 52_000, 12);
  });
  test("best-possible DSO = current / sales × days: 8 000 / 50 000 × 90 = 14.4; ADD = DSO − it = 21.6 − 14.4 = 7.2", () => {
    expect(bestPossibleDso(8_000, 50_000, 90)).toBeCloseTo(14.4, 12);
    expect(averageDaysDelinquent(12_000, 8_000, 50_000, 90)).toBeCloseTo(7.2, 12);
  });
  test("nothing collectible or no sales → divideByZero; bad days → outOfRange", () => {
    expect(() => collectionEffectiveness(0, 100, 100, 100)).toThrowProblem("divideByZero");
    expect(() => bestPossibleDso(1, 0)).toThrowProblem("divideByZero");
    expect(() => bestPossibleDso(1, 10, 0)).toThrowProblem("outOfRange");
    expect(() => collectionEffectiveness(NaN, 1, 1, 1)).toThrowProblem("notANumber");
  });
});

describe("collection KPIs of a hand-made ledger (as-of 2024-03-31)", () => {
  // A1 1000 dated 2024-01-10 due 02-09, paid 02-05        A2 2000 dated 02-15 due 03-16, 500 paid 03-20 (1500 left)
  // A3 1500 dated 03-20 due 04-19, unpaid                 B1 3000 dated 01-20 due 02-19, unpaid
  // B2 −400 credit note 03-05, unapplied (B's credit)     C1 800 dated 2023-03-01 due 03-31, paid 2024-01-15
  const asOf = d(2024, 3, 31);
  const rows: Row[] = [
    { c: 0, day: d(2024, 1, 10), due: d(2024, 2, 9), amount: 1000, paid: d(2024, 2, 5), paidAmount: 1000 },
    { c: 0, day: d(2024, 2, 15), due: d(2024, 3, 16), amount: 2000, paid: d(2024, 3, 20), paidAmount: 500 },
    { c: 0, day: d(2024, 3, 20), due: d(2024, 4, 19), amount: 1500 },
    { c: 1, day: d(2024, 1, 20), due: d(2024, 2, 19), amount: 3000 },
    { c: 1, day: d(2024, 3, 5), amount: -400 },
    { c: 2, day: d(2023, 3, 1), due: d(2023, 3, 31), amount: 800, paid: d(2024, 1, 15), paidAmount: 800 },
  ];
  const { r, g } = makeRows(rows, { due: true, paid: true, paidAmount: true });
  const rec = analyzeReceivables(r, g, { asOf, bounds: [0, 30, 60, 90], lossRates: [0.003, 0.016, 0.036, 0.066, 0.106], lossRateMethod: "given" });
  const k = rec.collection!;
  const month = (label: string) => k.monthly.find((m) => m.month === label)!;

  test("months run from the first row's month (2023-03) to the as-of month: 13", () => {
    expect(k.monthly.map((m) => m.month)).toEqual(["2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]);
  });
  test("2023-03: C1 800 sold and open, due that day (not overdue); 2023-04: nothing sold, nothing collected, all overdue", () => {
    expect(month("2023-03")).toMatchObject({ begin: 0, sales: 800, end: 800, current: 800, days: 31 });
    // CEI (0 + 800 − 800) / (0 + 800 − 800): nothing was collectible → blank.
    expect(month("2023-03").cei).toBeNaN();
    expect(month("2023-03").dso).toBeCloseTo(31, 12);
    // April: (800 + 0 − 800) / (800 + 0 − 0) = 0; no sales → no DSO.
    expect(month("2023-04")).toMatchObject({ begin: 800, sales: 0, end: 800, current: 0, cei: 0 });
    expect(month("2023-04").dso).toBeNaN();
  });
  test("2024-01: begin 800 (C1), sales 1000 + 3000, end 4000 (A1, B1 not due), C1 collected → CEI (800 + 4000 − 4000) / (800 + 4000 − 4000) = 1", () => {
    const m = month("2024-01");
    expect(m).toMatchObject({ begin: 800, sales: 4000, end: 4000, current: 4000, cei: 1 });
    expect(m.dso).toBeCloseTo((4000 / 4000) * 31, 12); // 31
    expect(m.bestPossibleDso).toBeCloseTo(31, 12);
    expect(m.add).toBeCloseTo(0, 12);
  });
  test("2024-02: begin 4000, sales 2000, end A2 2000 (current) + B1 3000 (10 days overdue) → CEI 1000 / 4000, DSO 72.5, BPDSO 29, ADD 43.5", () => {
    const m = month("2024-02");
    expect(m).toMatchObject({ begin: 4000, sales: 2000, end: 5000, current: 2000, days: 29 });
    expect(m.cei).toBeCloseTo((4000 + 2000 - 5000) / (4000 + 2000 - 2000), 12);
    expect(m.dso).toBeCloseTo((5000 / 2000) * 29, 12);
    expect(m.bestPossibleDso).toBeCloseTo((2000 / 2000) * 29, 12);
    expect(m.add).toBeCloseTo(43.5, 12);
  });
  test("2024-03: sales 1500 − 400; end A 1500 + 1500, B 3000 − 400; overdue A 1500 + B max(0, 3000 − 400) → current 1500", () => {
    // AR = 3000 + 2600 = 5600; overdue = 1500 + 2600 = 4100; current = 1500 (A3).
    // CEI = (5000 + 1100 − 5600) / (5000 + 1100 − 1500) = 500 / 4600; DSO = 5600 / 1100 × 31; BPDSO = 1500 / 1100 × 31.
    const m = month("2024-03");
    expect(m.begin).toBe(5000);
    expect(m.sales).toBe(1100);
    expect(m.end).toBe(5600);
    expect(m.current).toBe(1500);
    expect(m.cei).toBeCloseTo(500 / 4600, 12);
    expect(m.dso).toBeCloseTo((5600 / 1100) * 31, 12);
    expect(m.bestPossibleDso).toBeCloseTo((1500 / 1100) * 31, 12);
    expect(m.add).toBeCloseTo((4100 / 1100) * 31, 12);
  });
  test("the month-end receivables agree with the receivables at as-of; DSO trend = slope over the months with a DSO", () => {
    expect(month("2024-03").end).toBe(rec.receivables);
    expect(month("2024-03").current).toBe(rec.currentReceivables);
    // The last 12 months with a DSO: 2024-01 (31), 2024-02 (72.5), 2024-03 (157.82) at positions 9, 10, 11 →
    // least-squares slope (y₃ − y₁) / 2.
    expect(k.dsoTrend).toBeCloseTo(((5600 / 1100) * 31 - 31) / 2, 10);
  });
  test("total over the 365 days to as-of (2023-04-02 … 2024-03-31): begin 800 (C1), sales 7100, end 5600, current 1500", () => {
    // CEI = (800 + 7100 − 5600) / (800 + 7100 − 1500) = 2300 / 6400 = 0.359375; DSO = 5600 / 7100 × 365 = 287.89;
    // BPDSO = 1500 / 7100 × 365 = 77.11; ADD = 4100 / 7100 × 365 = 210.77.
    expect(k.total).toMatchObject({ from: d(2023, 4, 2), to: asOf, days: 365, begin: 800, sales: 7100, end: 5600, current: 1500 });
    expect(k.total.cei).toBeCloseTo(0.359375, 12);
    expect(k.total.dso).toBeCloseTo((5600 / 7100) * 365, 10);
    expect(k.total.bestPossibleDso).toBeCloseTo((1500 / 7100) * 365, 10);
    expect(k.total.add).toBeCloseTo((4100 / 7100) * 365, 10);
    // The same figures as the receivables analysis.
    expect(rec.dso365).toBeCloseTo(k.total.dso, 10);
    expect(rec.bestPossibleDso365).toBeCloseTo(k.total.bestPossibleDso, 10);
    expect(rec.add365).toBeCloseTo(k.total.add, 10);
  });
  test("per customer: A CEI (4500 − 3000) / (4500 − 1500) = 0.5; B collected nothing: 0; C collected all: 1", () => {
    const p = k.perCustomer;
    expect(Array.from(p.sales)).toEqual([4500, 2600, 0]);
    expect(Array.from(p.end)).toEqual([3000, 2600, 0]);
    expect(Array.from(p.current)).toEqual([1500, 0, 0]);
    expect(Array.from(p.cei)).toEqual([0.5, 0, 1]);
    expect(p.dso[0]).toBeCloseTo((3000 / 4500) * 365, 10);
    expect(p.bestPossibleDso[0]).toBeCloseTo((1500 / 4500) * 365, 10);
    expect(p.add[1]).toBeCloseTo(365, 10); // all of B's 2600 is overdue, on 2600 of sales
    expect(p.dso[2]).toBeNaN(); // no sales in the window
  });
  test("without paid dates the past cannot be rebuilt: no collection KPIs (DSO, best-possible DSO and ADD still)", () => {
    const noPaid = makeRows(rows.map((x) => ({ ...x, balance: x.paid ? x.amount - x.paidAmount! : x.amount })), { due: true, balance: true });
    const res = analyzeReceivables(noPaid.r, noPaid.g, { asOf, bounds: [0, 30, 60, 90], lossRates: [0.003, 0.016, 0.036, 0.066, 0.106], lossRateMethod: "given" });
    expect(res.collection).toBeUndefined();
    expect(res.bestPossibleDso365).toBeCloseTo((1500 / 7100) * 365, 10);
  });
});
