import { simpleClv, discountedClv } from "../../../../src/engine/metrics/clv";

/** The series as a spreadsheet lays it out: one row per period t, margin·r^(t−1) in B, discount factor in C, B/C summed. */
function handSum(m: number, r: number, d: number, periods: number): number {
  let total = 0;
  for (let t = 1; t <= periods; t++) {
    const expectedMargin = m * Math.pow(r, t - 1);
    const discountFactor = Math.pow(1 + d, t);
    total += expectedMargin / discountFactor;
  }
  return total;
}

describe("simpleClv = annualRevenue × years − acquisitionCost", () => {
  test("12 000 a year for 5 years, 8 000 to acquire → 60 000 − 8 000 = 52 000", () => {
    expect(simpleClv(12_000, 5, 8_000)).toBe(52_000);
  });
  test("fractional years; acquisition cost defaults to 0", () => {
    expect(simpleClv(1_000, 2.5)).toBe(2_500);
  });
  test("acquisition cost above the revenue gives a negative CLV (a customer not worth winning)", () => {
    expect(simpleClv(1_000, 1, 1_500)).toBe(-500);
  });
  test("negative arguments are outOfRange, NaN is notANumber, each naming its argument", () => {
    expect(() => simpleClv(-1, 5)).toThrowProblem("outOfRange", { path: "annualRevenue" });
    expect(() => simpleClv(1, -5)).toThrowProblem("outOfRange", { path: "years" });
    expect(() => simpleClv(1, 5, -2)).toThrowProblem("outOfRange", { path: "acquisitionCost" });
    expect(() => simpleClv(NaN, 5)).toThrowProblem("notANumber", { path: "annualRevenue" });
  });
});

describe("discountedClv: Σ m·r^(t−1)/(1+d)^t − AC", () => {
  test("infinite horizon equals the closed form m / (1 + d − r): 100 / (1.1 − 0.8) = 333.333… (abs 1e-9)", () => {
    expect(discountedClv(100, 0.8, 0.1)).toBeCloseTo(100 / 0.3, 9);
    // and the series summed far enough that the tail (q^2000, q = 0.8/1.1) is below 1e-270
    expect(discountedClv(100, 0.8, 0.1)).toBeCloseTo(handSum(100, 0.8, 0.1, 2000), 9);
  });
  test("3 periods by hand: 100/1.1 + 80/1.21 + 64/1.331 = 90.90909 + 66.11570 + 48.08415 = 205.10894 (abs 1e-5)", () => {
    expect(discountedClv(100, 0.8, 0.1, 3)).toBeCloseTo(90.909090909 + 66.115702479 + 48.084147258, 5);
    expect(discountedClv(100, 0.8, 0.1, 3)).toBeCloseTo(handSum(100, 0.8, 0.1, 3), 10);
  });
  test("10 periods, acquisition 50, retention 80 %, discount 10 %: hand sum − 50 = 269.5342 (abs 1e-4)", () => {
    expect(discountedClv(100, 0.8, 0.1, 10, 50)).toBeCloseTo(269.5342015, 4);
    expect(discountedClv(100, 0.8, 0.1, 10, 50)).toBeCloseTo(handSum(100, 0.8, 0.1, 10) - 50, 10);
  });
  test("retention 0: only the first margin, discounted once (1000 / 1.12 = 892.857…, abs 1e-9)", () => {
    expect(discountedClv(1000, 0, 0.12, 5)).toBeCloseTo(1000 / 1.12, 9);
    expect(discountedClv(1000, 0, 0.12)).toBeCloseTo(1000 / 1.12, 9);
  });
  test("retention 1 with a discount is the perpetuity m / d (100 / 0.05 = 2000, abs 1e-9)", () => {
    expect(discountedClv(100, 1, 0.05)).toBeCloseTo(2000, 9);
  });
  test("retention close to 1 + d over a long finite horizon keeps its digits (rel 1e-12 against the hand sum)", () => {
    const m = 10, r = 0.999, d = 0.0; // q = 0.999, 500 periods
    const expected = handSum(m, r, d, 500);
    expect(Math.abs(discountedClv(m, r, d, 500) - expected) / expected).toBeLessThan(1e-12);
  });
  test("finite horizon approaches the infinite one as periods grow (difference < 1e-9 at 200 periods)", () => {
    expect(Math.abs(discountedClv(100, 0.8, 0.1, 200) - discountedClv(100, 0.8, 0.1))).toBeLessThan(1e-9);
  });
  test("errors: retention ≥ 1 + discount, negatives, bad periods → outOfRange naming the argument", () => {
    expect(() => discountedClv(100, 1.1, 0.1)).toThrowProblem("outOfRange", { path: "retention" });
    expect(() => discountedClv(100, 1.2, 0.1, 5)).toThrowProblem("outOfRange", { path: "retention" });
    expect(() => discountedClv(-1, 0.8, 0.1)).toThrowProblem("outOfRange", { path: "margin" });
    expect(() => discountedClv(100, -0.1, 0.1)).toThrowProblem("outOfRange", { path: "retention" });
    expect(() => discountedClv(100, 0.8, -0.1)).toThrowProblem("outOfRange", { path: "discount" });
    expect(() => discountedClv(100, 0.8, 0.1, 0)).toThrowProblem("outOfRange", { path: "periods" });
    expect(() => discountedClv(100, 0.8, 0.1, 2.5)).toThrowProblem("outOfRange", { path: "periods" });
    expect(() => discountedClv(100, 0.8, 0.1, 5, -1)).toThrowProblem("outOfRange", { path: "acquisitionCost" });
    expect(() => discountedClv(100, 0.8, 0.1, NaN)).toThrowProblem("notANumber", { path: "periods" });
  });
});
