import { bgnbdLogLikelihood, bgnbdLogLikelihoodDerivatives, bgnbdTotalLogLikelihood, conditionalExpectedPurchases, dropoutScore as bgnbdDropoutScore, fitBgNbd, pAlive, type BgNbdParams } from "../../../src/engine/models/bgnbd";
import { fitNbd, nbdLogLikelihood, nbdLogLikelihoodDerivatives } from "../../../src/engine/models/nbd";
import type { Derivatives } from "../../../src/engine/models/optimize";
import { collectPatterns } from "../../../src/engine/models/patterns";
import { loadCdnowSummary, logParamStandardErrors, simulateBgNbd, steadyBuyers } from "./helpers";

describe("BG/NBD parameter recovery on simulated data", () => {
  // 5000 customers from known parameters, T uniform in [26, 52] weeks. The check allows 4 asymptotic standard
  // errors of each log-parameter (from the observed information at the estimate) — a few-SE band is the honest
  // tolerance for one simulated sample; the SEs themselves must be small (< 0.35 on the log scale) so the
  // check is informative.
  const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.9, b: 3.5 };
  const data = simulateBgNbd(20240601, 5000, truth, 26, 52);
  const fit = fitBgNbd(data);

  it("recovers r, α, a, b within 4 standard errors", () => {
    expect(fit.converged).toBe(true);
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const se = logParamStandardErrors(([r, al, a, b]) => bgnbdTotalLogLikelihood({ r: Math.exp(r), alpha: Math.exp(al), a: Math.exp(a), b: Math.exp(b) }, data), est.map(Math.log));
    const trueValues = [truth.r, truth.alpha, truth.a, truth.b];
    for (let k = 0; k < 4; k++) {
      expect(se[k]).toBeLessThan(0.35);
      expect(Math.abs(Math.log(est[k]) - Math.log(trueValues[k]))).toBeLessThan(4 * se[k]);
    }
  });

  it("the estimate is a maximum: the log-likelihood there beats the truth and nearby points", () => {
    const llHat = bgnbdTotalLogLikelihood(fit.params, data);
    expect(llHat).toBeGreaterThanOrEqual(bgnbdTotalLogLikelihood(truth, data));
    for (const key of ["r", "alpha", "a", "b"] as const) {
      for (const f of [0.99, 1.01]) expect(bgnbdTotalLogLikelihood({ ...fit.params, [key]: fit.params[key] * f }, data)).toBeLessThan(llHat);
    }
  });
});

describe("large data near the no-dropout boundary (Newton from the subsample's optimum)", () => {
  // 20,000 customers with rare dropout (mean p = a/(a+b) ≈ 0.002): over 3,000 distinct histories, so the fit starts
  // from a subsample's optimum and finishes with Newton steps on the whole likelihood, where Nelder–Mead crawled a
  // flat valley (a tiny, b barely identified).
  const truth: BgNbdParams = { r: 1, alpha: 6, a: 0.01, b: 5 };
  const data = simulateBgNbd(20240601, 20_000, truth, 26, 52);
  const fit = fitBgNbd(data);

  it("converges to a maximum: the log-likelihood beats every point 0.1 % and 1 % away in each parameter, and the truth", () => {
    expect(fit.converged).toBe(true);
    const llHat = bgnbdTotalLogLikelihood(fit.params, data);
    expect(llHat).toBeGreaterThanOrEqual(bgnbdTotalLogLikelihood(truth, data));
    for (const key of ["r", "alpha", "a", "b"] as const) {
      for (const f of [0.99, 0.999, 1.001, 1.01]) expect(bgnbdTotalLogLikelihood({ ...fit.params, [key]: fit.params[key] * f }, data)).toBeLessThan(llHat);
    }
  });

  it("recovers r and α within 4 standard errors, and a small mean dropout probability", () => {
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const se = logParamStandardErrors(([r, al, a, b]) => bgnbdTotalLogLikelihood({ r: Math.exp(r), alpha: Math.exp(al), a: Math.exp(a), b: Math.exp(b) }, data), est.map(Math.log));
    expect(Math.abs(Math.log(fit.params.r / truth.r))).toBeLessThan(4 * se[0]);
    expect(Math.abs(Math.log(fit.params.alpha / truth.alpha))).toBeLessThan(4 * se[1]);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(0.01);
  });
});

describe("the log-likelihood's gradient and Hessian in closed form (Newton's steps on large data)", () => {
  const cdnow = loadCdnowSummary();
  const nearBoundary = simulateBgNbd(7, 3000, { r: 1, alpha: 6, a: 0.01, b: 5 }, 26, 52);
  const cases: [string, { x: Float64Array; tx: Float64Array; T: Float64Array }, number[]][] = [
    ["CDNOW at its estimate", cdnow, [0.243, 4.414, 0.793, 2.426]],
    ["CDNOW far from it", cdnow, [3, 30, 2, 10]],
    ["rare dropout, a near 0", nearBoundary, [1, 6, 0.0005, 5]],
  ];
  /**
   * Checks closed-form derivatives `at(θ)` of Σ ln L against differences: the gradient against each customer's central
   * differences of its own (small) log-likelihood `one(θ, i)`, summed (1e-7 of Σ|terms|), and the Hessian against
   * central differences of the gradient (1e-5, relative to the entry and to the geometric mean of its row's and
   * column's diagonal: b's is tiny near a = 0). Steps of h = 1e-5 in ln θ_k: truncation ~1e-10 of a term, rounding
   * ~1e-16·|ln L_i|/h ~ 1e-10.
   */
  function expectDerivatives(data: { x: Float64Array }, theta: number[], at: (t: number[]) => Derivatives, one: (t: number[], i: number) => number): void {
    const d = at(theta);
    const moved = (t: number[], k: number, by: number) => t.map((v, i) => (i === k ? v * Math.exp(by) : v));
    const h = 1e-5;
    for (let k = 0; k < theta.length; k++) {
      let slope = 0;
      let size = 0;
      for (let i = 0; i < data.x.length; i++) {
        const term = (one(moved(theta, k, h), i) - one(moved(theta, k, -h), i)) / (2 * h) / theta[k];
        slope += term;
        size += Math.abs(term);
      }
      expect(Math.abs(slope - d.gradient[k])).toBeLessThan(1e-7 * size);
      for (let l = 0; l < theta.length; l++) {
        const curvature = (at(moved(theta, l, h)).gradient[k] - at(moved(theta, l, -h)).gradient[k]) / (2 * h) / theta[l]; // ∂g_k/∂θ_l
        const hScale = Math.abs(curvature) + Math.sqrt(Math.abs(d.hessian[k][k] * d.hessian[l][l]));
        expect([k, l, Math.abs(curvature - d.hessian[k][l]) / hScale < 1e-5]).toEqual([k, l, true]);
      }
    }
  }

  it.each(cases)("%s: the gradient equals the sum of each customer's central differences (1e-7 of Σ|terms|), the Hessian central differences of the gradient (1e-5)", (_, data, theta) => {
    const pt = collectPatterns(data);
    expectDerivatives(
      data,
      theta,
      (t) => bgnbdLogLikelihoodDerivatives(pt, t[0], t[1], t[2], t[3])!,
      (t, i) => bgnbdLogLikelihood({ r: t[0], alpha: t[1], a: t[2], b: t[3] }, data.x[i], data.tx[i], data.T[i]),
    );
  });

  it.each(cases)("%s: the NBD's gradient and Hessian (its Newton steps) equal the customers' central differences (1e-7) and those of the gradient (1e-5)", (_, data, theta) => {
    const pt = collectPatterns(data);
    expectDerivatives(
      data,
      theta.slice(0, 2),
      (t) => nbdLogLikelihoodDerivatives(pt, t[0], t[1])!,
      (t, i) => nbdLogLikelihood({ r: t[0], alpha: t[1] }, data.x[i], data.tx[i], data.T[i]),
    );
  });

  it("patterns with a frequency that is not a whole number (only made by hand: the summary refuses them) get no closed form", () => {
    const pt = { ...collectPatterns({ x: Float64Array.of(0, 1, 2), tx: Float64Array.of(0, 3, 4), T: Float64Array.of(5, 6, 7) }) };
    pt.xs = Float64Array.of(0, 1.5, 2);
    expect(bgnbdLogLikelihoodDerivatives(pt, 1, 1, 1, 1)).toBeUndefined();
    expect(nbdLogLikelihoodDerivatives(pt, 1, 1)).toBeUndefined();
  });
});

describe("rescaling time changes nothing", () => {
  const weeks = loadCdnowSummary();
  const days = { x: weeks.x, tx: weeks.tx.map((v) => v * 7), T: weeks.T.map((v) => v * 7) };
  const fw = fitBgNbd(weeks);
  const fd = fitBgNbd(days);

  it("r, a, b are unit-free; α scales with the unit; LL shifts by −Σx·ln 7 (the density of t_x in days)", () => {
    // Up to the optimizer's tolerance (vertices agree to 1e-5 in log-parameters).
    expect(Math.abs(fd.params.r / fw.params.r - 1)).toBeLessThan(1e-4);
    expect(Math.abs(fd.params.a / fw.params.a - 1)).toBeLessThan(1e-4);
    expect(Math.abs(fd.params.b / fw.params.b - 1)).toBeLessThan(1e-4);
    expect(Math.abs(fd.params.alpha / (7 * fw.params.alpha) - 1)).toBeLessThan(1e-4);
    let sumX = 0;
    for (let i = 0; i < weeks.x.length; i++) sumX += weeks.x[i];
    expect(Math.abs(fd.logLikelihood - (fw.logLikelihood - sumX * Math.log(7)))).toBeLessThan(1e-6);
  });

  it("P(alive) and expected purchases over the same calendar horizon (52 weeks = 364 days) agree per customer", () => {
    for (let i = 0; i < weeks.x.length; i += 7) {
      const [x, tx, T] = [weeks.x[i], weeks.tx[i], weeks.T[i]];
      expect(Math.abs(pAlive(fd.params, x, tx * 7, T * 7) - pAlive(fw.params, x, tx, T))).toBeLessThan(1e-4);
      const ew = conditionalExpectedPurchases(fw.params, 52, x, tx, T);
      expect(Math.abs(conditionalExpectedPurchases(fd.params, 364, x, tx * 7, T * 7) / ew - 1)).toBeLessThan(1e-4);
      // Exact with the same parameters converted (α in days = 7 α in weeks): formulas, not optimizer.
      const converted = { ...fw.params, alpha: 7 * fw.params.alpha };
      expect(Math.abs(conditionalExpectedPurchases(converted, 364, x, tx * 7, T * 7) / ew - 1)).toBeLessThan(1e-12);
    }
  });
});

describe("degenerate data and bad input", () => {
  it("no repeat customer (e.g. everyone bought once, or all on one day) → notEnoughData", () => {
    expect(() => fitBgNbd({ x: [0, 0, 0], tx: [0, 0, 0], T: [10, 5, 0] })).toThrowProblem("notEnoughData", { message: /repeat purchase/ });
    // All on the as-of day: T = 0 for everyone, nothing to fit either.
    expect(() => fitBgNbd({ x: [0, 0], tx: [0, 0], T: [0, 0] })).toThrowProblem("notEnoughData");
    // Repeat purchases, but all on the as-of day (T = 0 for everyone): no time has been observed.
    expect(() => fitBgNbd({ x: [1, 2], tx: [0, 0], T: [0, 0] })).toThrowProblem("notEnoughData", { path: "T" });
  });

  it("a single customer (or none after skipping NaN rows) → notEnoughData", () => {
    expect(() => fitBgNbd({ x: [3], tx: [5], T: [10] })).toThrowProblem("notEnoughData");
    expect(() => fitBgNbd({ x: [NaN, 3], tx: [NaN, 5], T: [NaN, 10] })).toThrowProblem("notEnoughData");
    expect(() => fitBgNbd({ x: [], tx: [], T: [] })).toThrowProblem("notEnoughData");
  });

  it("fewer than 30 customers: fits, with a fewCustomers warning, and skipped NaN rows are reported", () => {
    const small = simulateBgNbd(7, 25, { r: 0.5, alpha: 6, a: 0.9, b: 3.5 }, 26, 52);
    const x = [...small.x, NaN];
    const fit = fitBgNbd({ x, tx: [...small.tx, NaN], T: [...small.T, NaN] });
    expect(fit.customers).toBe(25);
    expect(fit.skipped).toBe(1);
    expect(fit.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["fewCustomers", "skippedCustomers"]));
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it("an iteration budget too small to converge gives converged = false and a notConverged warning, never a silent result", () => {
    const fit = fitBgNbd(loadCdnowSummary(), { maxIter: 20 });
    expect(fit.converged).toBe(false);
    expect(fit.warnings.map((w) => w.code)).toContain("notConverged");
  });

  it("data that do not identify the model (everyone identical) are flagged: converged = false with atBoundary", () => {
    // 40 identical customers: the likelihood keeps rising as heterogeneity vanishes (r, α → ∞).
    const n = 40;
    const fit = fitBgNbd({ x: new Array(n).fill(3), tx: new Array(n).fill(20), T: new Array(n).fill(30) });
    expect(fit.converged).toBe(false);
    expect(fit.warnings.map((w) => w.code)).toContain("atBoundary");
    expect(fit.warnings.find((w) => w.code === "atBoundary")?.message).toMatch(/r → ∞/);
    // lifetimes' L2 penalizer holds r and α back from ∞, but not a from 0 (nobody drops out): still flagged.
    const penalized = fitBgNbd({ x: new Array(n).fill(3), tx: new Array(n).fill(20), T: new Array(n).fill(30) }, { penalizer: 0.1 });
    expect(penalized.params.r).toBeLessThan(100);
    expect(penalized.params.alpha).toBeLessThan(1000);
    expect(penalized.converged).toBe(false);
    expect(penalized.warnings.find((w) => w.code === "atBoundary")?.message).toMatch(/a → 0/);
  });

  it("the penalizer shrinks the parameters (lifetimes' L2 on r, α in rescaled time, a, b)", () => {
    const data = loadCdnowSummary();
    const plain = fitBgNbd(data);
    const pen = fitBgNbd(data, { penalizer: 0.1 });
    const maxT = 38.86;
    const norm = (p: BgNbdParams) => p.r ** 2 + (p.alpha / maxT) ** 2 + p.a ** 2 + p.b ** 2;
    expect(norm(pen.params)).toBeLessThan(norm(plain.params));
    expect(pen.logLikelihood).toBeLessThan(plain.logLikelihood);
    expect(pen.penalizer).toBe(0.1);
  });

  it("collapsing identical customers into weights gives the same fit as listing them", () => {
    const listed = fitBgNbd({ x: [0, 0, 0, 1, 1, 2, 4, 0, 3, 1, 0, 2], tx: [0, 0, 0, 5, 5, 8, 20, 0, 15, 2, 0, 30], T: [30, 30, 30, 30, 30, 31, 32, 20, 33, 25, 26, 35] });
    const weighted = fitBgNbd({ x: [0, 1, 2, 4, 0, 3, 1, 0, 2], tx: [0, 5, 8, 20, 0, 15, 2, 0, 30], T: [30, 30, 31, 32, 20, 33, 25, 26, 35], weight: [3, 2, 1, 1, 1, 1, 1, 1, 1] });
    expect(Math.abs(weighted.logLikelihood - listed.logLikelihood)).toBeLessThan(1e-9);
    expect(weighted.params.r).toBeCloseTo(listed.params.r, 12);
  });

  it("impossible rows and arguments name the row or argument", () => {
    expect(() => fitBgNbd({ x: [1, 2], tx: [5, 40], T: [10, 30] })).toThrowProblem("badArgument", { path: "recency", row: 2 });
    expect(() => fitBgNbd({ x: [1, -1], tx: [5, 0], T: [10, 30] })).toThrowProblem("badArgument", { path: "frequency", row: 2 });
    expect(() => fitBgNbd({ x: [1, 2], tx: [5], T: [10, 30] })).toThrowProblem("sizeMismatch");
    expect(() => fitBgNbd({ x: [1, 2], tx: [5, 6], T: [10, 30] }, { penalizer: -1 })).toThrowProblem("outOfRange");
    expect(() => fitBgNbd({ x: [1, 2], tx: [5, 6], T: [10, 30], weight: [1, -2] })).toThrowProblem("badArgument", { path: "weight", row: 2 });
  });
});

describe("the score test for dropout (no search when the data show none)", () => {
  const data = loadCdnowSummary();
  const patterns = { x: Float64Array.from(data.x), tx: Float64Array.from(data.tx), T: Float64Array.from(data.T), w: new Float64Array(data.x.length).fill(1) };
  const one = (i: number) => ({ x: Float64Array.of(data.x[i]), tx: Float64Array.of(data.tx[i]), T: Float64Array.of(data.T[i]), w: Float64Array.of(1) });

  it("equals the slope of the BG/NBD log-likelihood in a at a = 0, for each b: every CDNOW customer, finite differences (1e-3 relative)", () => {
    for (const [r, alpha] of [
      [0.24, 4.4],
      [2.3, 0.8],
    ]) {
      for (const b of [0.3, 2.4, 40]) {
        let total = 0;
        for (let i = 0; i < data.x.length; i++) {
          const score = bgnbdDropoutScore(one(i), r, alpha)(b);
          total += score;
          // a step small enough for ln L to be linear in a
          const a = 1e-9 / Math.max(1, Math.abs(score));
          const atZero = nbdLogLikelihood({ r, alpha }, data.x[i], data.tx[i], data.T[i]);
          const slope = (bgnbdLogLikelihood({ r, alpha, a, b }, data.x[i], data.tx[i], data.T[i]) - atZero) / a;
          expect(Math.abs(slope - score)).toBeLessThan(1e-3 * Math.max(1, Math.abs(score)));
        }
        expect(bgnbdDropoutScore(patterns, r, alpha)(b)).toBeCloseTo(total, 6);
      }
    }
  });

  it("b = ∞ and b = 0 give the limits of b·score: every CDNOW customer, at b far enough out for its own terms (1e-6 relative)", () => {
    const [r, alpha] = [0.24, 4.4];
    for (let i = 0; i < data.x.length; i++) {
      // The limits are reached once b is far beyond R·x (R = ((α+T)/(α+t_x))^(r+x) reaches e^37 in CDNOW), or far below 1/R.
      const R = Math.exp((r + data.x[i]) * Math.log((alpha + data.T[i]) / (alpha + data.tx[i])));
      const far = bgnbdDropoutScore(one(i), r, alpha)(Infinity);
      const bFar = 1e8 * Math.max(1, R * data.x[i], data.x[i] ** 2);
      expect(Math.abs(bFar * bgnbdDropoutScore(one(i), r, alpha)(bFar) - far)).toBeLessThan(1e-6 * Math.max(1, Math.abs(far)));
      const near = bgnbdDropoutScore(one(i), r, alpha)(0);
      const bNear = 1e-8 / Math.max(1, R, data.x[i]);
      expect(Math.abs(bNear * bgnbdDropoutScore(one(i), r, alpha)(bNear) - near)).toBeLessThan(1e-6 * Math.max(1, Math.abs(near)));
    }
  });

  it("CDNOW shows dropout (score > 0 at the NBD estimates for some b), so the fit searches and converges inside the bounds", () => {
    const nbd = fitNbd(data);
    expect(Math.max(...[0.1, 1, 10, 100, Infinity].map((b) => bgnbdDropoutScore(patterns, nbd.params.r, nbd.params.alpha)(b)))).toBeGreaterThan(0);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
  });

  it("a ledger without dropout: the a → 0 boundary is reported at once with the NBD's r, α and log-likelihood, as likely as anything the full search finds", () => {
    // Everyone keeps buying at a steady rate up to the last week: nobody looks gone.
    const { x, tx, T } = steadyBuyers(300, 4);
    const quick = fitBgNbd({ x, tx, T });
    expect(quick.converged).toBe(false);
    expect(quick.params.a).toBeLessThan(1e-6);
    expect(quick.warnings.map((w) => w.code)).toContain("atBoundary");
    const nbd = fitNbd({ x, tx, T });
    expect(quick.params.r).toBeCloseTo(nbd.params.r, 10);
    expect(Math.abs(quick.logLikelihood - nbd.logLikelihood)).toBeLessThan(1e-6 * Math.abs(nbd.logLikelihood));
    const searched = fitBgNbd({ x, tx, T }, { init: { r: 1, alpha: 1, a: 1, b: 1 } });
    expect(searched.logLikelihood).toBeLessThanOrEqual(quick.logLikelihood + 1e-3);
  });
});
