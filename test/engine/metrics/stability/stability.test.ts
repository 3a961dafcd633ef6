import { aggregateCustomers } from "../../../../src/engine/customers";
import { dayFromYmd, isoFromDay, monthOfDay } from "../../../../src/engine/day";
import { coefficientOfVariation, relativeTrend, yoyGrowth, stabilityColumns, yearsBefore } from "../../../../src/engine/metrics/stability";
import { makeLedger } from "../rfm/ledger";

describe("coefficient of variation (sample sd / mean)", () => {
  test("[10, 20, 30]: deviations −10, 0, 10 → ss 200 → var 200/2 = 100 → sd 10 → 10/20 = 0.5", () => {
    expect(coefficientOfVariation([10, 20, 30])).toBeCloseTo(0.5, 12);
  });
  test("[4, 0, 0, 8] with zero months: mean 3, ss 1+9+9+25 = 44, sd √(44/3) = 3.8297 → 1.276569 (population sd would give 1.1055)", () => {
    expect(coefficientOfVariation([4, 0, 0, 8])).toBeCloseTo(Math.sqrt(44 / 3) / 3, 12);
    expect(coefficientOfVariation([4, 0, 0, 8])).toBeCloseTo(1.2765694770, 9);
  });
  test("constant series → 0", () => {
    expect(coefficientOfVariation([5, 5, 5])).toBe(0);
  });
  test("fewer than 3 months, or mean ≤ 0 → NaN (blank)", () => {
    expect(coefficientOfVariation([10, 20])).toBeNaN();
    expect(coefficientOfVariation([])).toBeNaN();
    expect(coefficientOfVariation([-5, 0, 5])).toBeNaN();
    expect(coefficientOfVariation([10, -30, 5])).toBeNaN();
  });
  test("a non-number → notANumber naming its position", () => {
    expect(() => coefficientOfVariation([1, 2, NaN, 4], "values")).toThrowProblem("notANumber", { path: "values", row: 3 });
  });
});

describe("relative trend (least-squares slope / mean)", () => {
  test("[10, 20, 30]: slope 10, mean 20 → 0.5", () => {
    expect(relativeTrend([10, 20, 30])).toBeCloseTo(0.5, 12);
  });
  test("[4, 0, 0, 8]: t − t̄ = −1.5, −0.5, 0.5, 1.5; Σ(t−t̄)y = −6 + 12 = 6; Sxx = 5 → slope 1.2; / mean 3 → 0.4", () => {
    expect(relativeTrend([4, 0, 0, 8])).toBeCloseTo(0.4, 12);
  });
  test("[100, 80, 60, 40]: slope −20, mean 70 → −0.285714", () => {
    expect(relativeTrend([100, 80, 60, 40])).toBeCloseTo(-20 / 70, 12);
  });
  test("flat → 0; fewer than 3 or mean ≤ 0 → NaN", () => {
    expect(relativeTrend([7, 7, 7, 7])).toBe(0);
    expect(relativeTrend([1, 2])).toBeNaN();
    expect(relativeTrend([0, 0, 0])).toBeNaN();
  });
  test("against a simulated line with known slope: y = 50 + 3t + noise mirrored around the middle", () => {
    // Noise e added at t and at n−1−t: (t − t̄) + (n−1−t − t̄) = 0, so it leaves the least-squares slope exactly 3.
    const n = 24;
    const y = Array.from({ length: n }, (_, t) => 50 + 3 * t);
    for (let t = 0; t < n / 2; t++) {
      const e = ((t * 37) % 11) - 5;
      y[t] += e;
      y[n - 1 - t] += e;
    }
    const mean = y.reduce((s, v) => s + v, 0) / n;
    expect(relativeTrend(y)).toBeCloseTo(3 / mean, 12);
  });
});

describe("YoY growth", () => {
  test("1200 vs 1000 → +20 %; 700 vs 1000 → −30 %", () => {
    expect(yoyGrowth(1200, 1000)).toBeCloseTo(0.2, 12);
    expect(yoyGrowth(700, 1000)).toBeCloseTo(-0.3, 12);
  });
  test("no (or negative) revenue in the prior 12 months → NaN", () => {
    expect(yoyGrowth(500, 0)).toBeNaN();
    expect(yoyGrowth(500, -10)).toBeNaN();
  });
  test("calendar-exact year back, 29 February → 28 February", () => {
    expect(isoFromDay(yearsBefore(dayFromYmd(2024, 2, 29), 1))).toBe("2023-02-28");
    expect(isoFromDay(yearsBefore(dayFromYmd(2024, 3, 15), 2))).toBe("2022-03-15");
  });
});

describe("stability columns on a hand-made ledger (as-of 2024-03-15)", () => {
  const d = dayFromYmd;
  const rows: [string, number, number][] = [
    ["Z", d(2022, 3, 16), 5], // the ledger starts the day after as-of − 2 years: both YoY windows are covered
    ["P", d(2023, 1, 10), 100],
    ["P", d(2023, 3, 5), 50],
    ["Q", d(2023, 3, 15), 100],
    ["P", d(2023, 3, 20), -20],
    ["R", d(2023, 4, 1), -40],
    ["P", d(2023, 6, 1), 200],
    ["S", d(2024, 2, 1), 100],
    ["P", d(2024, 2, 29), 300],
    ["P", d(2024, 3, 15), 10],
    ["Q", d(2024, 3, 15), 50],
  ];
  const ledger = makeLedger(rows, d(2024, 3, 15));
  const base = aggregateCustomers(ledger);
  const cols = stabilityColumns(base, ledger);
  const P = base.names.indexOf("P");
  const Q = base.names.indexOf("Q");
  const R = base.names.indexOf("R");
  const S = base.names.indexOf("S");

  // P monthly, 2023-01 … 2024-03 (15 months): 100, 0, 30 (50 − 20), 0, 0, 200, 0 × 7, 300, 10. Sum 640, mean 42.667.
  test("P volatility: Σy² = 141000, ss = 141000 − 640²/15 = 113693.33, var = /14 = 8120.95, sd 90.116 → CV 2.112101", () => {
    expect(cols.months[P]).toBe(15);
    expect(cols.volatility[P]).toBeCloseTo(Math.sqrt((141000 - (640 * 640) / 15) / 14) / (640 / 15), 10);
    expect(cols.volatility[P]).toBeCloseTo(2.1121014126, 8);
  });
  test("P trend: t̄ = 7; Σ(t−7)y = −700 − 150 − 400 + 1800 + 70 = 620; Sxx = 15·224/12 = 280 → slope 2.2143 → / 42.667 = 0.051897", () => {
    expect(cols.trend[P]).toBeCloseTo(620 / 280 / (640 / 15), 12);
  });
  test("P YoY: (2023-03-15, 2024-03-15] = −20 + 200 + 300 + 10 = 490 vs (2022-03-15, 2023-03-15] = 100 + 50 = 150 → 2.26667", () => {
    expect(cols.yoy[P]).toBeCloseTo(490 / 150 - 1, 12);
  });
  test("Q: a purchase exactly one year before as-of belongs to the earlier year → 50 / 100 − 1 = −0.5", () => {
    expect(cols.yoy[Q]).toBeCloseTo(-0.5, 12);
    expect(cols.months[Q]).toBe(13);
  });
  test("a ledger that does not reach back two years gives no YoY at all (a year against a part-year is no growth)", () => {
    const late = makeLedger(rows.slice(1), d(2024, 3, 15)); // starts 2023-01-10
    const c = stabilityColumns(aggregateCustomers(late), late);
    expect(cols.yoyCovered).toBe(true);
    expect(c.yoyCovered).toBe(false);
    expect(Array.from(c.yoy).every(Number.isNaN)).toBe(true);
    // Volatility and trend do not depend on it.
    expect(c.trend[aggregateCustomers(late).names.indexOf("P")]).toBeCloseTo(cols.trend[P], 12);
  });
  test("R (credit note only): no series, everything blank", () => {
    expect(cols.months[R]).toBe(0);
    expect(cols.volatility[R]).toBeNaN();
    expect(cols.trend[R]).toBeNaN();
    expect(cols.yoy[R]).toBeNaN();
  });
  test("S (2 months, new this year): volatility and trend blank, YoY blank", () => {
    expect(cols.months[S]).toBe(2);
    expect(cols.volatility[S]).toBeNaN();
    expect(cols.trend[S]).toBeNaN();
    expect(cols.yoy[S]).toBeNaN();
  });
  test("throughMonth: ending at the last complete month drops March 2024 from P's series", () => {
    const c = stabilityColumns(base, ledger, { throughMonth: monthOfDay(d(2024, 2, 29)) });
    expect(c.months[P]).toBe(14);
    // 14 months, sum 630, mean 45; t̄ = 6.5: Σ(t−6.5)y = −650 − 135 − 300 + 1950 = 865; Sxx = 14·195/12 = 227.5.
    expect(c.trend[P]).toBeCloseTo(865 / 227.5 / 45, 12);
  });
});
