import { dso } from "../../../../src/engine/metrics/credit/dso";
import { expectedCreditLoss } from "../../../../src/engine/metrics/credit/ecl";
import { creditGrade } from "../../../../src/engine/metrics/credit/grade";

describe("dso", () => {
  test("annual: 120 000 receivables on 730 000 sales in 365 days → 120000/730000×365 = 60 days", () => {
    expect(dso(120_000, 730_000)).toBeCloseTo(60, 10);
  });
  test("quarterly: 30 000 on 90 000 sales in 90 days → 30 days; days given explicitly", () => {
    expect(dso(30_000, 90_000, 90)).toBeCloseTo(30, 10);
  });
  test("no receivables → 0 days", () => {
    expect(dso(0, 1000)).toBe(0);
  });
  test("errors: revenue 0 → divideByZero; days ≤ 0 or negative receivables → outOfRange; NaN → notANumber", () => {
    expect(() => dso(100, 0)).toThrowProblem("divideByZero");
    expect(() => dso(100, 1000, 0)).toThrowProblem("outOfRange");
    expect(() => dso(100, 1000, -30)).toThrowProblem("outOfRange");
    expect(() => dso(-1, 1000)).toThrowProblem("outOfRange");
    expect(() => dso(NaN, 1000)).toThrowProblem("notANumber");
    expect(() => dso(1, NaN)).toThrowProblem("notANumber");
  });
  test("the error names the argument", () => {
    expect(() => dso(100, 0)).toThrowProblem("divideByZero", { path: "revenue" });
  });
});

describe("expectedCreditLoss: the IFRS 9 illustrative provision matrix", () => {
  // IFRS 9 Illustrative Example 12 loss rates: current 0.3 %, 1–30 days 1.6 %, 31–60 3.6 %, 61–90 6.6 %, > 90 10.6 %.
  const rates = [0.003, 0.016, 0.036, 0.066, 0.106];
  test("balances 15 000 000 / 7 500 000 / 4 000 000 / 2 500 000 / 1 000 000 → 580 000", () => {
    // 15 000 000 × 0.003 =  45 000
    //  7 500 000 × 0.016 = 120 000
    //  4 000 000 × 0.036 = 144 000
    //  2 500 000 × 0.066 = 165 000
    //  1 000 000 × 0.106 = 106 000
    //                total 580 000
    expect(expectedCreditLoss([15e6, 7.5e6, 4e6, 2.5e6, 1e6], rates)).toBeCloseTo(580_000, 6);
  });
  test("a small book of our own: 10 000 / 4 000 / 2 500 / 1 000 / 500 → 30 + 64 + 90 + 66 + 53 = 303", () => {
    // 10 000 × 0.003 = 30; 4 000 × 0.016 = 64; 2 500 × 0.036 = 90; 1 000 × 0.066 = 66; 500 × 0.106 = 53
    expect(expectedCreditLoss(new Float64Array([10_000, 4_000, 2_500, 1_000, 500]), rates)).toBeCloseTo(303, 9);
  });
  test("rates 0 and 1 are allowed (nothing lost / all lost)", () => {
    expect(expectedCreditLoss([100, 200], [0, 1])).toBe(200);
  });
  test("empty lists → 0", () => {
    expect(expectedCreditLoss([], [])).toBe(0);
  });
  test("compensated: 10^6 balances of 0.1 at rate 1 sum to 100 000 within 1e-9", () => {
    const n = 1_000_000;
    expect(Math.abs(expectedCreditLoss(new Float64Array(n).fill(0.1), new Float64Array(n).fill(1)) - 100_000)).toBeLessThan(1e-9);
  });
  test("errors: sizes differ → sizeMismatch; rate outside [0,1] → outOfRange naming its position", () => {
    expect(() => expectedCreditLoss([1, 2], [0.1])).toThrowProblem("sizeMismatch");
    expect(() => expectedCreditLoss([1, 2], [0.1, 1.01])).toThrowProblem("outOfRange");
    expect(() => expectedCreditLoss([1], [-0.001])).toThrowProblem("outOfRange");
    expect(() => expectedCreditLoss([NaN], [0.1])).toThrowProblem("notANumber");
    expect(() => expectedCreditLoss([1, 2, 3], [0.1, 0.2, 2])).toThrowProblem("outOfRange", { path: "lossRates", row: 3 });
  });
});

describe("creditGrade boundaries (80, 65, 50, 35 inclusive)", () => {
  test.each([
    [100, "A"],
    [80, "A"],
    [79.999, "B"],
    [65, "B"],
    [64.999, "C"],
    [50, "C"],
    [49.999, "D"],
    [35, "D"],
    [34.999, "E"],
    [0, "E"],
  ])("score %p → %s", (score, grade) => {
    expect(creditGrade(score as number)).toBe(grade);
  });
  test("custom cut-offs: {A: 90, B: 70, C: 40, D: 20}", () => {
    const c = { A: 90, B: 70, C: 40, D: 20 };
    expect(creditGrade(89.9, c)).toBe("B");
    expect(creditGrade(90, c)).toBe("A");
    expect(creditGrade(20, c)).toBe("D");
    expect(creditGrade(19.9, c)).toBe("E");
  });
  test("errors: score outside 0..100 → outOfRange; cut-offs not descending → outOfRange; NaN → notANumber", () => {
    expect(() => creditGrade(-0.1)).toThrowProblem("outOfRange");
    expect(() => creditGrade(100.1)).toThrowProblem("outOfRange");
    expect(() => creditGrade(NaN)).toThrowProblem("notANumber");
    expect(() => creditGrade(50, { A: 80, B: 80, C: 50, D: 35 })).toThrowProblem("outOfRange");
  });
});
