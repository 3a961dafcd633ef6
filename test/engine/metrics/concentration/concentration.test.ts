import {
  abcClasses,
  concentrationRatio,
  effectiveCustomers,
  gini,
  hhi,
  hhiBand,
  isMajorCustomer,
  lorenz,
  pareto,
  revenueAtRisk,
  sumByKey,
  NeumaierSum,
  compensatedSum,
} from "../../../../src/engine/metrics/concentration";
import { KaProblem } from "../../../../src/engine/problems";

// Tolerance for hand-computed values: 1e-12 relative (the arithmetic is a handful of exact-ish operations).
const close = (actual: number, expected: number, rel = 1e-12) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe("HHI", () => {
  test("three customers 50/30/20: 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04 = 0.38 → 3800", () => {
    close(hhi([50, 30, 20]), 3800);
    close(hhi([50, 30, 20], 1), 0.38);
  });
  test("customers with net revenue ≤ 0 take no share: [60, 40, -10, 0] → 0.6² + 0.4² = 0.52 → 5200", () => {
    close(hhi([60, 40, -10, 0]), 5200);
  });
  test("one customer is a monopoly: 10 000", () => close(hhi([123.45]), 10000));
  test("n equal customers give 10 000 / n", () => close(hhi(new Array(8).fill(7)), 1250));
  test("no positive revenue is a clear problem, not NaN", () => {
    expect(() => hhi([0, -5])).toThrow(KaProblem);
    expect(() => hhi([])).toThrow(/no customer with positive net revenue/);
  });
  test("effective number of customers = 10 000 / HHI: 50/30/20 → 1/0.38 = 2.6316", () => close(effectiveCustomers([50, 30, 20]), 1 / 0.38));
});

describe("HHI bands", () => {
  test("2023 yardsticks: <1000, 1000–1800, >1800 — boundaries belong to the middle band", () => {
    expect(hhiBand(999.99)).toBe("unconcentrated");
    expect(hhiBand(1000)).toBe("moderately concentrated");
    expect(hhiBand(1800)).toBe("moderately concentrated");
    expect(hhiBand(1800.01)).toBe("highly concentrated");
  });
  test("2010 yardsticks: <1500, 1500–2500, >2500", () => {
    expect(hhiBand(1499, 2010)).toBe("unconcentrated");
    expect(hhiBand(1500, 2010)).toBe("moderately concentrated");
    expect(hhiBand(2500, 2010)).toBe("moderately concentrated");
    expect(hhiBand(2501, 2010)).toBe("highly concentrated");
  });
  test("an HHI outside 0–10 000 is out of range", () => expect(() => hhiBand(10001)).toThrow(/outside/));
});

describe("CR_n, revenue at risk, Pareto", () => {
  const rev = [10, 40, 20, 30]; // sorted: 40, 30, 20, 10; total 100
  test("CR1 = 0.4, CR2 = 0.7, CR3 = 0.9, CR10 = 1 (n beyond the customers)", () => {
    close(concentrationRatio(rev, 1), 0.4);
    close(concentrationRatio(rev, 2), 0.7);
    close(concentrationRatio(rev, 3), 0.9);
    close(concentrationRatio(rev, 10), 1);
  });
  test("n must be a whole number ≥ 1", () => {
    expect(() => concentrationRatio(rev, 0)).toThrow(/n: must be/);
    expect(() => concentrationRatio(rev, 1.5)).toThrow(KaProblem);
  });
  test("revenue at risk for k = 1, 2, 3, 5 equals CR_k", () => {
    expect(revenueAtRisk(rev).map((r) => r.share)).toEqual([0.4, 0.7, 0.9, 1].map((x, i) => concentrationRatio(rev, [1, 2, 3, 5][i])));
  });
  test("Pareto 80 %: 40 → 0.4, +30 → 0.7, +20 → 0.9 ≥ 0.8, so 3 customers = 3/4 of customers", () => {
    expect(pareto(rev, 0.8)).toEqual({ customers: 3, fraction: 0.75 });
  });
  test("Pareto reaching the threshold exactly counts (0.7 at two customers for threshold 0.7)", () => {
    expect(pareto(rev, 0.7).customers).toBe(2);
  });
});

describe("Gini and Lorenz", () => {
  test("[1, 2, 3]: Σ(2i − n − 1)x = (−2)(1) + 0(2) + 2(3) = 4; / (n Σx = 3 · 6 = 18) = 0.2222", () => close(gini([3, 1, 2]), 4 / 18));
  test("equal customers: 0; one customer: 0", () => {
    close(gini([5, 5, 5, 5]), 0);
    close(gini([42]), 0);
  });
  test("[0, 0, 0, 10] ignores non-positive customers: one positive customer → 0", () => close(gini([0, 0, 0, 10]), 0));
  test("[1, 1, 1, 7]: Σ(2i−5)x = −3 −1 +1 +3·7 = 18; / (4 · 10) = 0.45", () => close(gini([1, 7, 1, 1]), 0.45));
  test("Lorenz points of [1, 3]: (0,0), (0.5, 0.25), (1, 1)", () => {
    const l = lorenz([3, 1]);
    expect(Array.from(l.x)).toEqual([0, 0.5, 1]);
    expect(Array.from(l.y)).toEqual([0, 0.25, 1]);
  });
});

describe("ABC with the cumPrev rule", () => {
  test("the customer who crosses 80 % is still A", () => {
    // sorted 50, 35, 10, 5 (total 100): cumPrev 0, 0.50, 0.85, 0.95 → A, A, B, C
    expect(abcClasses([10, 50, 5, 35])).toEqual(["B", "A", "C", "A"]);
  });
  test("cumPrev exactly at b is C (strictly below b is B)", () => {
    // sorted 80, 15, 5: cumPrev 0, 0.8, 0.95 → A, B, C
    expect(abcClasses([80, 15, 5])).toEqual(["A", "B", "C"]);
  });
  test("customers with revenue ≤ 0 get no class", () => expect(abcClasses([100, -3, 0])).toEqual(["A", "", ""]));
  test("custom thresholds a = 0.5, b = 0.9", () => expect(abcClasses([40, 30, 20, 10], 0.5, 0.9)).toEqual(["A", "A", "B", "C"]));
  test("bad thresholds are out of range", () => {
    expect(() => abcClasses([1, 2], 0, 0.9)).toThrow(/a: must be/);
    expect(() => abcClasses([1, 2], 0.8, 0.7)).toThrow(/b: must be/);
  });
});

describe("disclosure and grouping", () => {
  test("10 % exactly is disclosed; 9.99 % is not", () => {
    expect(isMajorCustomer(0.1)).toBe(true);
    expect(isMajorCustomer(3 / 30)).toBe(true);
    expect(isMajorCustomer(0.0999)).toBe(false);
  });
  test("sumByKey adds rows of the same customer before shares", () => {
    const g = sumByKey(["a", "b", "a", "c"], [1, 2, 3, 4]);
    expect(g.keys).toEqual(["a", "b", "c"]);
    expect(Array.from(g.totals)).toEqual([4, 2, 4]);
    close(hhi(g.totals), 10000 * ((4 / 10) ** 2 + (2 / 10) ** 2 + (4 / 10) ** 2));
  });
});

describe("NeumaierSum", () => {
  test("adds one value at a time exactly as compensatedSum adds a list (cancellation, tiny parts, random money)", () => {
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const lists = [
      [1e16, 1, -1e16], // a plain sum gives 0; the compensated sum keeps the 1
      [0.1, 0.2, 0.3, -0.6],
      Array.from({ length: 5000 }, () => Math.round((rnd() - 0.3) * 1e7) / 100),
      Array.from({ length: 500 }, (_, i) => (i % 2 ? 1e-3 : 1e12) * (rnd() < 0.5 ? -1 : 1)),
    ];
    for (const values of lists) {
      const s = new NeumaierSum();
      for (const v of values) s.add(v);
      expect(Object.is(s.value(), compensatedSum(values))).toBe(true);
    }
    const one = new NeumaierSum();
    [1e16, 1, -1e16].forEach((v) => one.add(v));
    expect(one.value()).toBe(1);
    expect(new NeumaierSum().value()).toBe(0);
  });
});
