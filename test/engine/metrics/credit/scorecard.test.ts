import { creditScore, creditScores, scorecardComponents, suggestedCreditLimit, DEFAULT_SCORECARD_WEIGHTS } from "../../../../src/engine/metrics/credit";

describe("scorecard components (SPEC §7)", () => {
  test("each formula by hand", () => {
    const c = scorecardComponents({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, utilisation: 0.5, tenureYears: 2, trend: 0.01 });
    expect(c.payment).toBeCloseTo(50 * (1 - 15 / 60) + 50 * (1 - 0.2), 12); // 37.5 + 40 = 77.5
    expect(c.overdue).toBeCloseTo(90, 12);
    expect(c.utilisation).toBeCloseTo(50, 12);
    expect(c.tenure).toBeCloseTo(40, 12); // 2 / 5 years
    expect(c.trend).toBeCloseTo(56, 12); // 50 + 50 × 12 × 0.01
  });
  test("caps: 60+ days late → 0 on that half; utilisation ≥ 1 → 0; tenure ≥ 5 years → 100; |12·trend| ≥ 1 → 0 or 100", () => {
    const c = scorecardComponents({ avgDaysLate: 90, lateShare: 0, utilisation: 1.4, tenureYears: 7, trend: 0.2 });
    expect(c.payment).toBe(50);
    expect(c.utilisation).toBe(0);
    expect(c.tenure).toBe(100);
    expect(c.trend).toBe(100);
    expect(scorecardComponents({ trend: -0.1 }).trend).toBe(0);
  });
  test("early payers (negative days late) count as on time, not above 100", () => {
    expect(scorecardComponents({ avgDaysLate: -10, lateShare: 0 }).payment).toBe(100);
  });
  test("inputs out of range → outOfRange naming the argument", () => {
    expect(() => scorecardComponents({ lateShare: 1.2 })).toThrowProblem("outOfRange");
    expect(() => scorecardComponents({ overdueRatio: -0.1 })).toThrowProblem("outOfRange");
    expect(() => scorecardComponents({ utilisation: -1 })).toThrowProblem("outOfRange");
    expect(() => scorecardComponents({ tenureYears: -1 })).toThrowProblem("outOfRange");
    expect(() => scorecardComponents({ trend: Infinity })).toThrowProblem("notANumber");
  });
});

describe("creditScore: weighted, missing components drop out and weights rescale", () => {
  test("all present: 0.35×77.5 + 0.25×90 + 0.15×50 + 0.10×40 + 0.15×56 = 69.525", () => {
    expect(creditScore({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, utilisation: 0.5, tenureYears: 2, trend: 0.01 })).toBeCloseTo(69.525, 10);
  });
  test("no credit limit and no trend: (0.35×77.5 + 0.25×90 + 0.10×40) / 0.70 = 76.607", () => {
    // 27.125 + 22.5 + 4 = 53.625; / (0.35 + 0.25 + 0.10) = 76.607…
    expect(creditScore({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, tenureYears: 2 })).toBeCloseTo(53.625 / 0.7, 10);
  });
  test("the payment component needs both days late and late share", () => {
    expect(creditScore({ avgDaysLate: 15, overdueRatio: 0.1 })).toBeCloseTo(90, 12);
  });
  test("custom weights: only overdue and tenure weighted (1 and 3): (90 + 3×40)/4 = 52.5", () => {
    const w = { payment: 0, overdue: 1, utilisation: 0, tenure: 3, trend: 0 };
    expect(creditScore({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, tenureYears: 2 }, w)).toBeCloseTo(52.5, 12);
  });
  test("everything missing → notEnoughData; negative or all-zero weights → outOfRange", () => {
    expect(() => creditScore({})).toThrowProblem("notEnoughData");
    expect(() => creditScore({ tenureYears: 1 }, { ...DEFAULT_SCORECARD_WEIGHTS, tenure: -0.1 })).toThrowProblem("outOfRange");
    expect(() => creditScore({ tenureYears: 1 }, { payment: 0, overdue: 0, utilisation: 0, tenure: 0, trend: 0 })).toThrowProblem("outOfRange");
  });
  test("columns: scores, grades and components per customer; no input at all → NaN score and blank grade", () => {
    const res = creditScores(3, {
      avgDaysLate: [0, 60, NaN],
      lateShare: [0, 1, NaN],
      overdueRatio: [0, 0.4, NaN],
      tenureYears: [5, 0.5, NaN],
    });
    // customer 0: payment 100, overdue 100, tenure 100 → 100 (A)
    // customer 1: payment 0, overdue 60, tenure 10 → (0 + 0.25×60 + 0.10×10) / 0.70 = 16 / 0.7 = 22.857 (E)
    expect(res.score[0]).toBeCloseTo(100, 12);
    expect(res.score[1]).toBeCloseTo(16 / 0.7, 10);
    expect(res.score[2]).toBeNaN();
    expect(res.grade).toEqual(["A", "E", ""]);
    expect(res.components.overdue[1]).toBeCloseTo(60, 12);
    expect(res.components.utilisation[0]).toBeNaN();
  });
});

describe("suggestedCreditLimit: monthly revenue × terms / 30.4375 × grade multiplier", () => {
  test("10 000 a month, 60-day terms, B (1.2): 10 000 × 60 / 30.4375 × 1.2 = 23 655.03", () => {
    expect(suggestedCreditLimit(10_000, 60, "B")).toBeCloseTo((10_000 * 60 * 1.2) / 30.4375, 8);
    expect(suggestedCreditLimit(10_000, 60, "B")).toBeCloseTo(23655.03, 2);
  });
  test("each grade's multiplier on 30.4375-day terms (one month): A 1.5, B 1.2, C 1.0, D 0.5, E 0", () => {
    const limits = (["A", "B", "C", "D", "E"] as const).map((g) => suggestedCreditLimit(1000, 30.4375, g));
    limits.forEach((v, k) => expect(v).toBeCloseTo([1500, 1200, 1000, 500, 0][k], 9));
  });
  test("no terms known (NaN) → 30 days; net refunds → 0", () => {
    expect(suggestedCreditLimit(1000, NaN, "C")).toBeCloseTo((1000 * 30) / 30.4375, 9);
    expect(suggestedCreditLimit(-500, 30, "A")).toBe(0);
  });
  test("custom multipliers; bad terms or multiplier → outOfRange", () => {
    expect(suggestedCreditLimit(1000, 30.4375, "A", { A: 2, B: 1, C: 1, D: 1, E: 0 })).toBeCloseTo(2000, 9);
    expect(() => suggestedCreditLimit(1000, -1, "A")).toThrowProblem("outOfRange");
    expect(() => suggestedCreditLimit(1000, 30, "A", { A: -1, B: 1, C: 1, D: 1, E: 0 })).toThrowProblem("outOfRange");
    expect(() => suggestedCreditLimit(NaN, 30, "A")).toThrowProblem("notANumber");
  });
});
