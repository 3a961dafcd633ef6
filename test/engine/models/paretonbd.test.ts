import { gammaln } from "../../../src/engine/models/special";
import { fitNbd, nbdLogLikelihood } from "../../../src/engine/models/nbd";
import {
  dropoutScore,
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdConditionalExpectedPurchasesColumns,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  paretoNbdPAliveColumns,
  paretoNbdTotalLogLikelihood,
} from "../../../src/engine/models/paretonbd";
import { logPowerIntegral } from "../../../src/engine/models/power-integral";
import { isKaProblem } from "../../../src/engine/problems";
import { loadCdnowSummary, simpson, simpsonFixed, steadyBuyers } from "./helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const PUBLISHED = { r: 0.5533, alpha: 10.578, s: 0.6061, beta: 11.665 };

describe("Pareto/NBD on the CDNOW 1/10 sample (2357 customers, 39 weeks)", () => {
  const data = loadCdnowSummary();
  const fit = fitParetoNbd(data);

  it("reproduces the published fit (Fader, Hardie & Lee 2005; Fader & Hardie note 008): r 0.5533, α 10.578, s 0.6061, β 11.665, each within 0.5 %; LL −9595.0", () => {
    expect(rel(fit.params.r, PUBLISHED.r)).toBeLessThan(0.005);
    expect(rel(fit.params.alpha, PUBLISHED.alpha)).toBeLessThan(0.005);
    expect(rel(fit.params.s, PUBLISHED.s)).toBeLessThan(0.005);
    expect(rel(fit.params.beta, PUBLISHED.beta)).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.05);
    expect(fit.converged).toBe(true);
    expect(fit.noDropout).toBe(false);
    expect(fit.warnings).toEqual([]);
    expect(fit.customers).toBe(2357);
  });

  it("the reported log-likelihood is Σ ln L per customer at the reported parameters, and the maximum beats nearby points", () => {
    let sum = 0;
    for (let i = 0; i < data.x.length; i++) sum += paretoNbdLogLikelihood(fit.params, data.x[i], data.tx[i], data.T[i]);
    expect(Math.abs(fit.logLikelihood - sum)).toBeLessThan(1e-7);
    for (const k of ["r", "alpha", "s", "beta"] as const) {
      for (const f of [0.99, 1.01]) {
        expect(paretoNbdTotalLogLikelihood({ ...fit.params, [k]: fit.params[k] * f }, data)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it("P(alive) and expected purchases per customer are in range, and the columns equal the one-customer functions", () => {
    const p = paretoNbdPAliveColumns(fit.params, data);
    const e = paretoNbdConditionalExpectedPurchasesColumns(fit.params, 39, data);
    for (let i = 0; i < data.x.length; i += 97) {
      expect(p[i]).toBeGreaterThan(0);
      expect(p[i]).toBeLessThanOrEqual(1);
      expect(p[i]).toBe(paretoNbdPAlive(fit.params, data.x[i], data.tx[i], data.T[i]));
      expect(e[i]).toBe(paretoNbdConditionalExpectedPurchases(fit.params, 39, data.x[i], data.tx[i], data.T[i]));
    }
  });
});

/**
 * The model's likelihood, P(alive) and conditional expectation by numerical integration over the two mixing
 * distributions, from the individual-level story (Schmittlein et al. 1987): with purchase rate λ and dropout rate μ,
 * L(λ, μ) = λ^x e^(−(λ+μ)T) + λ^x μ/(λ+μ) (e^(−(λ+μ)t_x) − e^(−(λ+μ)T)); the customer is alive at T with
 * probability λ^x e^(−(λ+μ)T) / L, and then buys λ(1 − e^(−μt))/μ more in expectation. The trapezoidal rule in
 * y = ln λ and z = ln μ (the Gamma densities become smooth, doubly-exponentially decaying bumps, for which it
 * converges exponentially): no code shared with the engine.
 */
function integrate(p: { r: number; alpha: number; s: number; beta: number }, x: number, tx: number, T: number, t: number) {
  const { r, alpha, s, beta } = p;
  const n = 300;
  const range = (shape: number, rate: number, extra: number) => {
    const lo = Math.log(shape / rate) - 36 / shape - 3; // e^(−36) of the density's λ^shape tail is left out
    const hi = Math.log((shape + extra + 80) / rate);
    return { lo, h: (hi - lo) / n };
  };
  const Y = range(r, alpha, x);
  const Z = range(s, beta, 0);
  // ln of the Gamma(shape, rate) density times the Jacobian dλ = λ dy.
  const logW = (v: number, shape: number, rate: number) => shape * Math.log(rate) - gammaln(shape) + shape * Math.log(v) - rate * v;
  let like = 0;
  let alive = 0;
  let future = 0;
  for (let i = 0; i <= n; i++) {
    const lambda = Math.exp(Y.lo + i * Y.h);
    const wl = (i === 0 || i === n ? 0.5 : 1) * Math.exp(logW(lambda, r, alpha) + x * Math.log(lambda));
    for (let j = 0; j <= n; j++) {
      const mu = Math.exp(Z.lo + j * Z.h);
      const w = wl * (j === 0 || j === n ? 0.5 : 1) * Math.exp(logW(mu, s, beta));
      const aliveAtT = Math.exp(-(lambda + mu) * T);
      const deadPart = (mu / (lambda + mu)) * (Math.exp(-(lambda + mu) * tx) - aliveAtT);
      like += w * (aliveAtT + deadPart);
      alive += w * aliveAtT;
      future += w * aliveAtT * lambda * (-Math.expm1(-mu * t) / mu);
    }
  }
  return { likelihood: like * Y.h * Z.h, pAlive: alive / like, expected: future / like };
}

describe("likelihood, P(alive) and conditional expectation against numerical integration of the model", () => {
  const p = { r: 0.5533, alpha: 10.578, s: 0.6061, beta: 11.665 };
  it.each([
    [0, 0, 38.86],
    [1, 1.71, 38.86],
    [2, 30.43, 38.86],
    [7, 29.43, 32.71],
    [3, 5, 5.000001],
  ])("x = %p, t_x = %p, T = %p: agree to 1e-6 relative", (x, tx, T) => {
    const numeric = integrate(p, x, tx, T, 52);
    expect(rel(Math.exp(paretoNbdLogLikelihood(p, x, tx, T)), numeric.likelihood)).toBeLessThan(1e-6);
    expect(rel(paretoNbdPAlive(p, x, tx, T), numeric.pAlive)).toBeLessThan(1e-6);
    expect(rel(paretoNbdConditionalExpectedPurchases(p, 52, x, tx, T), numeric.expected)).toBeLessThan(1e-6);
  });

  it("parameters far apart (β ≫ α, α ≫ β) take the split series and quadrature: still 1e-6", () => {
    for (const q of [
      { r: 0.8, alpha: 0.5, s: 1.3, beta: 400 },
      { r: 2.5, alpha: 300, s: 0.4, beta: 0.2 },
    ]) {
      for (const [x, tx, T] of [
        [0, 0, 20],
        [4, 3, 20],
        [12, 19, 20],
      ]) {
        const numeric = integrate(q, x, tx, T, 10);
        expect(rel(Math.exp(paretoNbdLogLikelihood(q, x, tx, T)), numeric.likelihood)).toBeLessThan(1e-6);
        expect(rel(paretoNbdPAlive(q, x, tx, T), numeric.pAlive)).toBeLessThan(1e-6);
      }
    }
  });

  it("a new customer's expected purchases E[X(t)] = E[λ(1 − e^(−μt))/μ] by one-dimensional integration over μ", () => {
    const t = 52;
    const { r, alpha, s, beta } = p;
    // E[(1 − e^(−μt))/μ] with μ = v^(1/s).
    const vMax = Math.pow((s + 60) / beta, s);
    const inner = simpsonFixed((v) => {
      const mu = Math.pow(v, 1 / s);
      const g = mu > 0 ? -Math.expm1(-mu * t) / mu : t;
      return g * Math.exp(s * Math.log(beta) - gammaln(s) - Math.log(s) - beta * mu);
    }, 0, vMax, 4000);
    expect(rel(paretoNbdExpectedPurchasesNew(p, t), (r / alpha) * inner)).toBeLessThan(1e-6);
  });
});

describe("the integral ∫ (α+τ)^(−m) (β+τ)^(−n) dτ in every branch", () => {
  /** Reference: adaptive Simpson in w = ln(c + τ) − ln(c + lo), c = min(α, β) (power laws become smooth exponentials). */
  function reference(alpha: number, m: number, beta: number, n: number, lo: number, hi: number): number {
    const c = Math.min(alpha, beta);
    const width = Math.log((c + hi) / (c + lo));
    const at = (w: number) => {
      const tau = (c + lo) * Math.exp(w) - c;
      return Math.exp(-m * Math.log(alpha + tau) - n * Math.log(beta + tau)) * (c + tau);
    };
    const f0 = at(0);
    return Math.log(simpson((w) => at(w) / f0, 0, width, 1e-14)) + Math.log(f0);
  }

  it.each([
    ["α = β (one term)", 2, 3.5, 2, 1.6, 0, 10],
    ["α ≈ β, short window", 10.58, 2.55, 11.67, 1.61, 30.43, 38.86],
    ["β ≫ α (split: alternating series near the start)", 0.1, 0.8, 100, 1.3, 0, 50],
    ["α ≫ β, large x (the alternating series would cancel: quadrature)", 500, 40.5, 0.1, 1.4, 0, 20],
    ["t_x within a day of T", 3, 5.5, 2, 1.7, 38.857, 38.86],
  ])("%s", (_name, alpha, m, beta, n, lo, hi) => {
    expect(Math.abs(logPowerIntegral(alpha, m, beta, n, lo, hi) - reference(alpha, m, beta, n, lo, hi))).toBeLessThan(1e-9);
  });

  it("large exponents (a homogeneous ledger drives r and s to ~10⁴: quadrature): 1e-9 relative", () => {
    const [alpha, m, beta, n] = [3006, 12283, 10504, 21893];
    const c = Math.min(alpha, beta);
    // Reference: adaptive Simpson in w = ln(c+τ) − ln(c+lo), each log-ratio formed with log1p/expm1 (the logs
    // themselves are near 10⁵, and their differences would be rounding noise).
    const reference = (lo: number, hi: number) => {
      const rel0 = (w: number) => {
        const d = (c + lo) * Math.expm1(w); // τ − lo
        return -m * Math.log1p(d / (alpha + lo)) - n * Math.log1p(d / (beta + lo)) + w;
      };
      const width = Math.log((c + hi) / (c + lo));
      return Math.log(simpson((w) => Math.exp(rel0(w)), 0, width, 1e-16)) - m * Math.log(alpha + lo) - n * Math.log(beta + lo) + Math.log(c + lo);
    };
    for (const [lo, hi] of [
      [0.137, 1],
      [0.41, 0.9],
    ]) {
      const ref = reference(lo, hi);
      expect(Math.abs(logPowerIntegral(alpha, m, beta, n, lo, hi) - ref)).toBeLessThan(1e-9 * Math.abs(ref));
    }
  });

  it("to infinity: the α = β closed form (α+lo)^(1−m−n)/(m+n−1); empty interval → −∞", () => {
    expect(Math.abs(logPowerIntegral(2, 1.5, 2, 1.5, 1, Infinity) - (-2 * Math.log(3) - Math.log(2)))).toBeLessThan(1e-13);
    expect(logPowerIntegral(2, 1, 3, 1, 5, 5)).toBe(-Infinity);
  });
});

describe("degenerate data and bad input", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return isKaProblem(e) ? e.problem.code : String(e);
    }
    return "no error";
  };
  it("no repeat customer, a single customer, every T = 0 → notEnoughData; impossible rows name the row", () => {
    expect(code(() => fitParetoNbd({ x: [0, 0, 0], tx: [0, 0, 0], T: [5, 6, 7] }))).toBe("notEnoughData");
    expect(code(() => fitParetoNbd({ x: [2], tx: [1], T: [5] }))).toBe("notEnoughData");
    expect(code(() => fitParetoNbd({ x: [1, 0], tx: [0, 0], T: [0, 0] }))).toBe("notEnoughData");
    expect(code(() => fitParetoNbd({ x: [1, 2], tx: [3, 9], T: [5, 6] }))).toBe("badArgument");
    expect(code(() => fitParetoNbd({ x: [1, 2], tx: [3], T: [5, 6] }))).toBe("sizeMismatch");
    expect(code(() => paretoNbdConditionalExpectedPurchases(PUBLISHED, -1, 1, 1, 2))).toBe("outOfRange");
  });

  it("a ledger without dropout (everyone keeps buying at a steady rate) is flagged: noDropout, not converged", () => {
    // Purchases every week for everyone, last purchase in the last week: nobody looks gone.
    const { x, tx, T } = steadyBuyers(200, 3);
    const fit = fitParetoNbd({ x, tx, T });
    expect(fit.noDropout).toBe(true);
    expect(fit.converged).toBe(false);
    expect(fit.warnings.map((w) => w.code)).toContain("atBoundary");
  });
});

describe("the score test for dropout (no search when the data show none)", () => {
  const data = loadCdnowSummary();
  const ones = new Float64Array(data.x.length).fill(1);
  const patterns = { x: Float64Array.from(data.x), tx: Float64Array.from(data.tx), T: Float64Array.from(data.T), w: ones };

  it("equals the slope of the Pareto/NBD log-likelihood in the mean dropout rate m at m = 0, whatever s: every CDNOW customer, finite differences (1e-3 relative)", () => {
    for (const [r, alpha] of [
      [0.55, 10.6],
      [2.3, 0.8],
      [1, 40],
    ]) {
      let total = 0;
      for (let i = 0; i < data.x.length; i++) {
        const one = { x: Float64Array.of(data.x[i]), tx: Float64Array.of(data.tx[i]), T: Float64Array.of(data.T[i]), w: Float64Array.of(1) };
        const score = dropoutScore(one, r, alpha);
        total += score;
        // A step small enough for ln L to be linear in m (the score of a customer silent long after many purchases is e^37).
        const m = 1e-8 / Math.max(1, Math.abs(score));
        const atZero = nbdLogLikelihood({ r, alpha }, data.x[i], data.tx[i], data.T[i]);
        for (const s of [0.5, 50]) {
          const slope = (paretoNbdLogLikelihood({ r, alpha, s, beta: s / m }, data.x[i], data.tx[i], data.T[i]) - atZero) / m;
          expect(Math.abs(slope - score)).toBeLessThan(1e-3 * Math.max(1, Math.abs(score)));
        }
      }
      expect(dropoutScore(patterns, r, alpha)).toBeCloseTo(total, 6);
    }
  });

  it("CDNOW shows dropout (score > 0 at the NBD estimates), so the fit searches and reproduces the published values (above)", () => {
    const nbd = fitNbd(data);
    expect(dropoutScore(patterns, nbd.params.r, nbd.params.alpha)).toBeGreaterThan(0);
  });

  it("a ledger without dropout: the boundary reported at once is as likely as anything the full search finds (from a start it is given)", () => {
    const { x, tx, T } = steadyBuyers(300, 4);
    const quick = fitParetoNbd({ x, tx, T });
    expect(quick.noDropout).toBe(true);
    const nbd = fitNbd({ x, tx, T });
    expect(Math.abs(quick.logLikelihood - nbd.logLikelihood)).toBeLessThan(1e-3);
    const searched = fitParetoNbd({ x, tx, T }, { init: { r: 1, alpha: 1, s: 1, beta: 1 } });
    expect(searched.logLikelihood).toBeLessThanOrEqual(quick.logLikelihood + 1e-3);
  });
});

describe("the NBD limit is fitted once per data set", () => {
  it("the same data object gets the same (frozen) fit; other data, or another penalizer, are fitted anew", () => {
    const data = loadCdnowSummary();
    const first = fitNbd(data);
    expect(fitNbd(data)).toBe(first);
    expect(fitNbd(data, { penalizer: 0 })).toBe(first);
    expect(Object.isFrozen(first.params)).toBe(true);
    const copy = { x: Float64Array.from(data.x), tx: Float64Array.from(data.tx), T: Float64Array.from(data.T) };
    const again = fitNbd(copy);
    expect(again).not.toBe(first);
    expect(again.params).toEqual(first.params);
    expect(fitNbd(data, { penalizer: 0.01 })).not.toBe(first);
  });
});
