import { gradient, nelderMead } from "../../../src/engine/models/optimize";

describe("Nelder–Mead", () => {
  it("minimises a shifted quadratic in 4-D to the tolerance it reports", () => {
    const target = [1, -2, 3, 0.5];
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * (v - target[i]) ** 2, 0);
    const res = nelderMead(f, [0, 0, 0, 0], { fTol: 1e-14, xTol: 1e-8 });
    expect(res.converged).toBe(true);
    for (let i = 0; i < 4; i++) expect(Math.abs(res.x[i] - target[i])).toBeLessThan(1e-6);
    expect(res.f).toBeLessThan(1e-12);
    expect(res.restarts).toBeGreaterThanOrEqual(1); // convergence is confirmed by a restart
  });

  it("finds the Rosenbrock minimum (1, 1) from (−1.2, 1)", () => {
    const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const res = nelderMead(rosen, [-1.2, 1], { fTol: 1e-16, xTol: 1e-10, maxIterations: 5000 });
    expect(res.converged).toBe(true);
    expect(Math.abs(res.x[0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(res.x[1] - 1)).toBeLessThan(1e-6);
  });

  it("reports non-convergence honestly when the budget runs out", () => {
    const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const res = nelderMead(rosen, [-1.2, 1], { maxIterations: 10 });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(10);
  });

  it("treats NaN and +∞ as outside the domain and stays inside", () => {
    // Minimum of (x − 2)² on x > 0, undefined (NaN) for x ≤ 0.
    const f = (x: Float64Array) => (x[0] > 0 ? (x[0] - 2) ** 2 : NaN);
    const res = nelderMead(f, [0.5], { step: 3 });
    expect(res.converged).toBe(true);
    expect(Math.abs(res.x[0] - 2)).toBeLessThan(1e-6);
    expect(nelderMead(() => Infinity, [0]).converged).toBe(false);
  });

  it("gradient by central differences matches the analytic one", () => {
    const g = gradient((x) => x[0] ** 3 + 2 * x[0] * x[1], Float64Array.from([1.5, -2]), 1e-5);
    expect(Math.abs(g[0] - (3 * 1.5 ** 2 + 2 * -2))).toBeLessThan(1e-8);
    expect(Math.abs(g[1] - 2 * 1.5)).toBeLessThan(1e-8);
  });
});

describe("Nelder–Mead with the quadratic polish (quadraticAt)", () => {
  it("converges to the same minimum in far fewer iterations on a smooth function", () => {
    // A correlated quadratic plus a quartic term (not exactly quadratic, so the polish needs several rounds).
    const f = (x: Float64Array) => (x[0] - 1) ** 2 + 5 * (x[1] - x[0]) ** 2 + 3 * (x[2] + 0.5) ** 2 + (x[3] - 2) ** 2 + 0.1 * (x[0] - 1) ** 4;
    const plain = nelderMead(f, [0, 0, 0, 0], { fTol: 1e-12, xTol: 1e-7 });
    const polished = nelderMead(f, [0, 0, 0, 0], { fTol: 1e-12, xTol: 1e-7, quadraticAt: 0.1 });
    expect(polished.converged).toBe(true);
    for (const [k, v] of [1, 1, -0.5, 2].entries()) expect(Math.abs(polished.x[k] - v)).toBeLessThan(1e-6);
    expect(polished.evaluations).toBeLessThan(plain.evaluations / 2);
  });

  it("falls back to the simplex when the local quadratic is not convex (saddle-shaped start region)", () => {
    // f = x² − y² near the origin, but bounded below by a quartic: minima at y = ±1/√2.
    const f = (x: Float64Array) => x[0] ** 2 - x[1] ** 2 + x[1] ** 4;
    const res = nelderMead(f, [0.05, 0.01], { quadraticAt: 0.5, fTol: 1e-14, xTol: 1e-8 });
    expect(res.converged).toBe(true);
    expect(Math.abs(Math.abs(res.x[1]) - Math.SQRT1_2)).toBeLessThan(1e-6);
    expect(Math.abs(res.f - -0.25)).toBeLessThan(1e-12);
  });
});
