/**
 * Issue 17 item 9, through the functions as Excel calls them: every result is finite or a proper Excel error
 * (#NUM! for overflow); sums near the top of the number range are scaled instead of overflowing; an argument that
 * sets a loop length has its documented bound; and blank vs 0 behaves as docs/functions.md's table says.
 */
import { registerFunctions, call, col, expectError, expectSpillError } from "./harness";

beforeAll(async () => {
  await registerFunctions();
});

const BG = [[0.243, 4.414, 0.793, 2.426]];
const GG = [[6.25, 3.74, 15.44]];

describe("shares of amounts near 1e308 are scaled, not overflowed", () => {
  const big = col(1e308, 1e308); // each 1e308; their plain sum is Infinity
  test("two equal customers: HHI 10000 × (0.5² + 0.5²) = 5000, Gini 0, CR1 0.5, Pareto 2, NEFF 2, ABC A, A", () => {
    expect(call("HHI", big)).toBeCloseTo(5000, 9);
    expect(call("GINI", big)).toBe(0);
    expect(call("CR", big, 1)).toBeCloseTo(0.5, 12);
    expect(call("PARETO", big)).toBe(2);
    expect(call("NEFF", big)).toBeCloseTo(2, 12);
    expect(call("ABC", big)).toEqual([["A"], ["A"]]);
  });
  test("1.5e308 and 0.5e308: shares 0.75 and 0.25 → HHI 10000 × (0.5625 + 0.0625) = 6250; Gini (−1·0.5 + 1·1.5)/(2·2) = 0.25", () => {
    expect(call("HHI", col(1.5e308, 0.5e308))).toBeCloseTo(6250, 9);
    expect(call("GINI", col(1.5e308, 0.5e308))).toBeCloseTo(0.25, 12);
    expect(call("CR", col(1.5e308, 0.5e308), 1)).toBeCloseTo(0.75, 12);
  });
  test("one customer whose own total overflows (1e308 + 1e308 for 'a') has no value to share: #NUM!", () => {
    expectError(call("HHI", big, col("a", "A")), "#NUM!");
    expectError(call("NRR", col("a", "a"), big, big), "#NUM!");
  });
  test("NRR on revenue near 1e308: (1.5e308 + 0.5e308) / (1e308 + 1e308) = 1; a ratio beyond the range is #NUM!", () => {
    expect(call("NRR", col("a", "b"), big, col(1.5e308, 0.5e308))).toBeCloseTo(1, 12);
    expectError(call("NRR", col("a", "b"), col(1e-300, 0), big), "#NUM!");
  });
  test("VOLATILITY and TREND are ratios: three months of 1e308 → 0 and 0; 1e308, 1.25e308, 1.5e308 → sd 0.25e308 / mean 1.25e308 = 0.2, slope 0.25e308 / mean = 0.2", () => {
    expect(call("VOLATILITY", col(1e308, 1e308, 1e308))).toBe(0);
    expect(call("TREND", col(1e308, 1e308, 1e308))).toBe(0);
    expect(call("VOLATILITY", col(1e308, 1.25e308, 1.5e308))).toBeCloseTo(0.2, 12);
    expect(call("TREND", col(1e308, 1.25e308, 1.5e308))).toBeCloseTo(0.2, 12);
  });
});

describe("results beyond the number range are #NUM!, never Infinity or NaN", () => {
  test("CLVSIMPLE(1e308, 10), CLV(1e308, 0.8, 0.1) with and without a horizon", () => {
    expectError(call("CLVSIMPLE", 1e308, 10), "#NUM!");
    expectError(call("CLV", 1e308, 0.8, 0.1), "#NUM!");
    expectError(call("CLV", 1e308, 0.8, 0.1, 3), "#NUM!");
  });
  test("ECL({1e308;1e308}, {1;1}) and an aging bucket of 2e308", () => {
    expectError(call("ECL", col(1e308, 1e308), col(1, 1)), "#NUM!");
    expectSpillError(call("AGING", col(1e308, 1e308), col(45352, 45352)), "#NUM!");
  });
  test("RFM: a customer's net revenue of 2e308 is #NUM! in its Monetary cell, the rest of the row stays", () => {
    const out = call("RFM", col("A", "a"), col(45352, 45353), col(1e308, 1e308));
    expect(out[1].slice(0, 3)).toEqual(["A", 0, 2]);
    expectError(out[1][3], "#NUM!");
  });
  test("CLVPREDICT with a mean spend of 1e308: that customer's cell is #NUM!, the others are values", () => {
    const out = call("CLVPREDICT", col(2, 2), col(30.43, 30.43), col(38.86, 38.86), col(1e308, 22.35), BG, GG);
    expectError(out[0][0], "#NUM!");
    expect(out[1][0]).toBeCloseTo(36.31, 1);
  });
});

describe("arguments that set a loop length have a bound", () => {
  test("CLVPREDICT months: 1200 (100 years) is computed, 1201 and 1e9 are #NUM! at once", () => {
    const at = (months: unknown) => call("CLVPREDICT", col(2), col(30.43), col(38.86), col(22.35), BG, GG, months);
    const century = at(1200)[0][0];
    expect(century).toBeGreaterThan(at(12)[0][0]);
    expect(Number.isFinite(century)).toBe(true);
    expectSpillError(at(1201), "#NUM!");
    const t0 = Date.now();
    expectSpillError(at(1e9), "#NUM!");
    expect(Date.now() - t0).toBeLessThan(1000); // refused before any month is summed (was minutes)
  });
});

describe("blank vs 0, as docs/functions.md's table says", () => {
  test("where 0 means nothing, blank (null, '') and 0 give the same result", () => {
    for (const blank of [null, "", 0]) {
      expect(call("HHI", col(50, blank, 30, 20))).toBeCloseTo(3800, 9);
      expect(call("ECL", col(1000, blank, 500), col(0.003, blank, 0.016))).toBeCloseTo(11, 12);
      expect(call("NRR", col("A", "B"), col(100, blank), col(120, 5))).toBeCloseTo(1.2, 12);
    }
  });
  test("VOLATILITY / TREND: a blank is skipped (10, 20, 30 → 0.5), a 0 is a month (10, 0, 20, 30 → sd √(500/3) / mean 15; slope 8 / mean 15)", () => {
    expect(call("VOLATILITY", col(10, null, 20, 30))).toBeCloseTo(0.5, 12);
    expect(call("VOLATILITY", col(10, 0, 20, 30))).toBeCloseTo(Math.sqrt((25 + 225 + 25 + 225) / 3) / 15, 12);
    expect(call("TREND", col(10, null, 20, 30))).toBeCloseTo(0.5, 12);
    // t − t̄ = −1.5, −0.5, 0.5, 1.5; y − ȳ = −5, −15, 5, 15 → Σ = 7.5 + 7.5 + 2.5 + 22.5 = 40; Σ (t − t̄)² = 5 → slope 8
    expect(call("TREND", col(10, 0, 20, 30))).toBeCloseTo(8 / 15, 12);
  });
  test("RFMSCORE: a blank gives an empty cell and is not counted, a 0 is scored (count rule, 3 bins)", () => {
    expect(call("RFMSCORE", col(null, 5, 10), 3)).toEqual([[""], [1], [2]]);
    expect(call("RFMSCORE", col(0, 5, 10), 3)).toEqual([[1], [2], [3]]);
  });
  test("CREDITSCORE: a blank utilisation drops out (overdue 10 % alone → 90), a 0 scores 100 → (0.25·90 + 0.15·100)/0.40 = 93.75", () => {
    expect(call("CREDITSCORE", null, null, 0.1, null, null)[0][0]).toBeCloseTo(90, 12);
    expect(call("CREDITSCORE", null, null, 0.1, 0, null)[0][0]).toBeCloseTo(93.75, 12);
  });
  test("ECL lossRates: blank beside 500 is #VALUE!, 0 beside it is a rate of 0 % (1000 × 0.3 % = 3)", () => {
    expectError(call("ECL", col(1000, 500), col(0.003, null)), "#VALUE!", "lossRates: row 2 is blank but balances there is 500");
    expect(call("ECL", col(1000, 500), col(0.003, 0))).toBeCloseTo(3, 12);
  });
  test("CLV periods: blank is no horizon (100 / 0.3 = 333.33), 0 is #NUM!", () => {
    expect(call("CLV", 100, 0.8, 0.1, null)).toBeCloseTo(1000 / 3, 9);
    expectError(call("CLV", 100, 0.8, 0.1, 0), "#NUM!");
  });
});
