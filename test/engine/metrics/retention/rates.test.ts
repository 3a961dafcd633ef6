import { retentionRate, netRevenueRetention, ratio } from "../../../../src/engine/metrics/retention/rates";

describe("retentionRate (E − N) / S", () => {
  test("textbook example: 200 at start, 190 at end, 30 new → (190 − 30) / 200 = 0.8", () => {
    expect(retentionRate(200, 190, 30)).toBeCloseTo(0.8, 12);
  });
  test("no new customers and nobody lost → 1; everybody lost → 0", () => {
    expect(retentionRate(50, 50, 0)).toBe(1);
    expect(retentionRate(50, 20, 20)).toBe(0);
  });
  test("1000 start, 1050 end, 150 new → 900 / 1000 = 0.9 (churn 0.1)", () => {
    const r = retentionRate(1000, 1050, 150);
    expect(r).toBeCloseTo(0.9, 12);
    expect(1 - r).toBeCloseTo(0.1, 12);
  });
  test("errors: S = 0 divideByZero, negative counts and N > E outOfRange, NaN notANumber", () => {
    expect(() => retentionRate(0, 10, 5)).toThrowProblem("divideByZero");
    expect(() => retentionRate(-1, 10, 5)).toThrowProblem("outOfRange");
    expect(() => retentionRate(10, -1, 0)).toThrowProblem("outOfRange");
    expect(() => retentionRate(10, 5, -1)).toThrowProblem("outOfRange");
    expect(() => retentionRate(10, 5, 6)).toThrowProblem("outOfRange");
    expect(() => retentionRate(NaN, 5, 1)).toThrowProblem("notANumber");
  });
  test("the error names the argument", () => {
    expect(() => retentionRate(10, 5, 6)).toThrowProblem("outOfRange", { path: "newCount" });
  });
});

describe("netRevenueRetention", () => {
  test("by hand: customers A, B bought last period (100, 50), C is new (0 → 80); A grew to 120, B left", () => {
    // (120 + 0) / (100 + 50) = 0.8 — C's 80 is new revenue and does not count.
    expect(netRevenueRetention([100, 50, 0], [120, 0, 80])).toBeCloseTo(0.8, 12);
  });
  test("expansion above 100 %: (130 + 60) / (100 + 50) = 1.2666…", () => {
    expect(netRevenueRetention([100, 50], [130, 60])).toBeCloseTo(190 / 150, 12);
  });
  test("refunds last period (negative) do not put a customer in the base; refunds this period reduce NRR", () => {
    // base: only index 0 (100); index 1 had −20 last period → excluded. Current of index 0 is −10.
    expect(netRevenueRetention([100, -20], [-10, 500])).toBeCloseTo(-0.1, 12);
  });
  test("compensated sums: 10^6 customers of 0.01 sum to 10000 (a naive sum drifts by ~1.7e-7)", () => {
    const n = 1_000_000;
    const prev = new Float64Array(n).fill(0.01);
    const curr = new Float64Array(n);
    curr[0] = 10000; // all of last period's revenue, now from one customer → NRR = 1
    expect(Math.abs(netRevenueRetention(prev, curr) - 1)).toBeLessThan(1e-15);
  });
  test("errors: no buyer last period → divideByZero; lengths differ → sizeMismatch; NaN → notANumber with position", () => {
    expect(() => netRevenueRetention([0, 0], [5, 6])).toThrowProblem("divideByZero");
    expect(() => netRevenueRetention([], [])).toThrowProblem("divideByZero");
    expect(() => netRevenueRetention([1, 2], [1])).toThrowProblem("sizeMismatch");
    expect(() => netRevenueRetention([1, NaN], [1, 2])).toThrowProblem("notANumber", { row: 2 });
  });
});

describe("ratio", () => {
  test("complaint rate 3 / 120 = 0.025; resolution 45 / 50 = 0.9; conversion 7 / 28 = 0.25", () => {
    expect(ratio(3, 120, "complaint rate")).toBeCloseTo(0.025, 12);
    expect(ratio(45, 50, "resolution rate")).toBeCloseTo(0.9, 12);
    expect(ratio(7, 28, "conversion rate")).toBeCloseTo(0.25, 12);
  });
  test("zero denominator → divideByZero naming the ratio; negative → outOfRange", () => {
    expect(() => ratio(1, 0, "conversion rate")).toThrowProblem("divideByZero", { message: /conversion rate/ });
    expect(() => ratio(-1, 5, "complaint rate")).toThrowProblem("outOfRange");
    expect(() => ratio(1, -5, "complaint rate")).toThrowProblem("outOfRange");
  });
});
