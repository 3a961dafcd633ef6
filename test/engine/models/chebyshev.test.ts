import { ChebyshevSeries } from "../../../src/engine/models/chebyshev";

const grid = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

describe("ChebyshevSeries", () => {
  it("reproduces functions analytic near the interval to the tolerance it was asked for, everywhere on it", () => {
    // The logistic has poles at ±iπ (the strip of BG/NBD's D(s)/s in ln s), exp and cos are entire.
    const cases: [string, (t: number) => number, number, number][] = [
      ["logistic", (t) => 1 / (1 + Math.exp(t)), -4, 3],
      ["exp", Math.exp, -2, 2],
      ["cos + 2", (t) => Math.cos(3 * t) + 2, 0, 1],
    ];
    for (const [name, f, lo, hi] of cases) {
      const series = ChebyshevSeries.fit(f, lo, hi, 65, 1e-11);
      if (!series) throw new Error(`${name}: no series`);
      let worst = 0;
      for (const t of grid(lo, hi, 2001)) worst = Math.max(worst, Math.abs(series.at(t) - f(t)) / Math.abs(f(t)));
      expect(worst).toBeLessThan(1e-11);
    }
  });

  it("refuses what its nodes cannot resolve: a pole next to the interval, a kink, a non-finite value", () => {
    expect(ChebyshevSeries.fit((t) => 1 / (t * t + 1e-4), -1, 1, 65, 1e-11)).toBeUndefined();
    expect(ChebyshevSeries.fit((t) => Math.abs(t - 0.1234), -1, 1, 65, 1e-11)).toBeUndefined();
    expect(ChebyshevSeries.fit((t) => (t > 0.5 ? NaN : t), -1, 1, 65, 1e-11)).toBeUndefined();
    expect(ChebyshevSeries.fit(Math.exp, 1, 1, 65, 1e-11)).toBeUndefined(); // empty interval
  });

  it("a low-degree polynomial is exact and keeps only the coefficients it needs", () => {
    // 1 + 2t − t³ on [−1, 1] = T0 + (2 − 3/4)·T1 − (1/4)·T3.
    const series = ChebyshevSeries.fit((t) => 1 + 2 * t - t ** 3, -1, 1, 33, 1e-11);
    if (!series) throw new Error("no series");
    for (const t of grid(-1, 1, 101)) expect(series.at(t)).toBeCloseTo(1 + 2 * t - t ** 3, 13);
    expect((series as unknown as { coef: Float64Array }).coef.length).toBe(4);
  });
});
