import { dayFromYmd } from "../../../src/engine/day";
import { expectedAverageSpend, expectedAverageSpendColumns, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaLogLikelihoodOf } from "../../../src/engine/models/gamma-gamma";
import { gammaln } from "../../../src/engine/models/special";
import { customerSummary } from "../../../src/engine/models/summary";
import { loadCdnowSample, logParamStandardErrors, Rng, simpsonFixed } from "./helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("Gamma-Gamma density (Fader & Hardie 2013, note 025)", () => {
  it("equals the mixture ∫ Gamma(m; p·x, ν·x) · Gamma(ν; q, v) dν computed numerically, to 1e-8", () => {
    // Mean of x Gamma(p, ν) values is Gamma(px, rate νx); ν ~ Gamma(q, rate v). Simpson over ν on [0, 40·(q+1)/v].
    const params = { p: 6.25, q: 3.74, v: 15.45 };
    for (const [x, m] of [
      [1, 11.77],
      [2, 22.35],
      [7, 73.74],
    ]) {
      const { p, q, v } = params;
      const integrand = (nu: number) => {
        if (nu === 0) return 0;
        const logGammaM = p * x * Math.log(nu * x) + (p * x - 1) * Math.log(m) - nu * x * m - gammaln(p * x);
        const logGammaNu = q * Math.log(v) + (q - 1) * Math.log(nu) - v * nu - gammaln(q);
        return Math.exp(logGammaM + logGammaNu);
      };
      const numeric = simpsonFixed(integrand, 0, (40 * (q + 1)) / v, 20000);
      expect(rel(Math.exp(gammaGammaLogLikelihood(params, x, m)), numeric)).toBeLessThan(1e-8);
    }
  });

  it("integrates to 1 over m (x = 3)", () => {
    const params = { p: 2, q: 3, v: 10 };
    // Substitute m = u/(1−u) to cover (0, ∞): dm = du/(1−u)².
    const total = simpsonFixed((u) => (u === 0 || u === 1 ? 0 : Math.exp(gammaGammaLogLikelihood(params, 3, u / (1 - u))) / (1 - u) ** 2), 0, 1, 20000);
    expect(Math.abs(total - 1)).toBeLessThan(1e-7);
  });
});

describe("expectedAverageSpend (eq. 5)", () => {
  it("is the credibility-weighted average of the population mean p·v/(q−1) and the customer's m_x", () => {
    const params = { p: 6.25, q: 3.74, v: 15.45 };
    const [x, m] = [2, 22.35];
    const w = (params.p * x) / (params.p * x + params.q - 1);
    const population = (params.p * params.v) / (params.q - 1);
    expect(rel(expectedAverageSpend(params, x, m), (1 - w) * population + w * m)).toBeLessThan(1e-14);
    // By hand: 6.25·(15.45 + 2·22.35)/(6.25·2 + 3.74 − 1) = 375.9375/15.24.
    expect(rel(expectedAverageSpend(params, x, m), 375.9375 / 15.24)).toBeLessThan(1e-14);
    expect(rel(expectedAverageSpend(params, 0, 0), population)).toBeLessThan(1e-14);
  });

  it("q ≤ 1 is a clear problem, not a negative or infinite spend", () => {
    expect(() => expectedAverageSpend({ p: 2, q: 0.9, v: 10 }, 2, 20)).toThrowProblem("outOfRange", { path: "q" });
    expect(() => expectedAverageSpendColumns({ p: 2, q: 1, v: 10 }, { x: [1], m: [5] })).toThrow(/q = 1/);
  });

  it("columns pass NaN through and name a bad row", () => {
    const out = expectedAverageSpendColumns({ p: 2, q: 3, v: 10 }, { x: [1, NaN, 0], m: [5, NaN, 0] });
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(10, 14); // p·v/(q−1) = 20/2
    expect(() => expectedAverageSpendColumns({ p: 2, q: 3, v: 10 }, { x: [1, 2], m: [5, -1] })).toThrow(/row 2/);
  });
});

describe("Gamma-Gamma fit on CDNOW (the 946 repeat customers of the 1/10 sample, 39-week calibration)", () => {
  const s = customerSummary(loadCdnowSample(), { asOf: dayFromYmd(1997, 9, 30), unit: "week" });
  const fit = fitGammaGamma({ x: s.x, m: s.monetary });

  it("agrees with lifetimes' published fit (docs/Quickstart.md: 946 subjects, p 6.25, q 3.74, v 15.45) to ±0.01", () => {
    // Printed to 2 decimals (±0.005); lifetimes fitted monetary values rounded to cents, ours are exact: ±0.01.
    expect(fit.customers).toBe(946);
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.v - 15.45)).toBeLessThan(0.01);
    expect(fit.converged).toBe(true);
    // lifetimes docs: Pearson correlation of monetary_value and frequency 0.113884 — no warning.
    expect(Math.abs(fit.correlation - 0.113884)).toBeLessThan(0.002);
    expect(fit.warnings).toEqual([]);
  });

  it("reproduces lifetimes' conditional expected average profit for customers 1, 2, 3, 6, 9 and its mean, within 0.5 %", () => {
    const published: [number, number][] = [
      [1, 24.658619],
      [2, 18.911489],
      [3, 35.170981],
      [6, 71.462843],
      [9, 27.282408],
    ];
    for (const [id, value] of published) expect(rel(expectedAverageSpend(fit.params, s.x[id - 1], s.monetary[id - 1]), value)).toBeLessThan(0.005);
    const all = expectedAverageSpendColumns(fit.params, { x: s.x, m: s.monetary });
    let sum = 0;
    let n = 0;
    for (const v of all)
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    // "Expected conditional average profit: 35.2529588256" over lifetimes' 2357 customers; 2349 have a purchase here.
    expect(rel(sum / n, 35.2529588256)).toBeLessThan(0.005);
  });

  it("the reported log-likelihood is Σ of the density at the reported parameters (money units)", () => {
    let sum = 0;
    for (let i = 0; i < s.x.length; i++) if (s.x[i] > 0) sum += gammaGammaLogLikelihood(fit.params, s.x[i], s.monetary[i]);
    expect(Math.abs(fit.logLikelihood - sum)).toBeLessThan(1e-7);
  });
});

/** Customers with x ~ 1 + Poisson(3) (independent of spend), ν ~ Gamma(q, v), each transaction ~ Gamma(p, ν). */
function simulateSpend(seed: number, n: number, p: number, q: number, v: number) {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Poisson(3) by counting exponential arrivals in [0, 1).
    let k = 0;
    for (let t = rng.exponential(3); t < 1; t += rng.exponential(3)) k++;
    x[i] = 1 + k;
    const nu = rng.gamma(q, v);
    let total = 0;
    for (let j = 0; j < x[i]; j++) total += rng.gamma(p, nu);
    m[i] = total / x[i];
  }
  return { x, m };
}

describe("Gamma-Gamma parameter recovery on simulated data", () => {
  it("recovers p, q, v within 4 asymptotic standard errors (3000 customers)", () => {
    const truth = [6, 4, 15];
    const data = simulateSpend(99, 3000, truth[0], truth[1], truth[2]);
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    const est = [fit.params.p, fit.params.q, fit.params.v];
    const se = logParamStandardErrors(([lp, lq, lv]) => {
      let sum = 0;
      for (let i = 0; i < data.x.length; i++) sum += gammaGammaLogLikelihood({ p: Math.exp(lp), q: Math.exp(lq), v: Math.exp(lv) }, data.x[i], data.m[i]);
      return sum;
    }, est.map(Math.log));
    for (let k = 0; k < 3; k++) {
      expect(se[k]).toBeLessThan(0.3);
      expect(Math.abs(Math.log(est[k] / truth[k]))).toBeLessThan(4 * se[k]);
    }
  });

  it("warns when frequency and spend are correlated (|r| > 0.3) and when q ≤ 1", () => {
    const base = simulateSpend(5, 400, 6, 4, 15);
    const correlated = { x: base.x, m: base.m.map((m, i) => m * base.x[i]) };
    const fit = fitGammaGamma(correlated);
    expect(Math.abs(fit.correlation)).toBeGreaterThan(0.3);
    expect(fit.warnings.map((w) => w.code)).toContain("spendCorrelated");
    const heavy = simulateSpend(6, 2000, 2, 0.7, 3);
    const heavyFit = fitGammaGamma(heavy);
    expect(heavyFit.params.q).toBeLessThanOrEqual(1);
    expect(heavyFit.warnings.map((w) => w.code)).toContain("qNotAboveOne");
  });

  it("fewer than 2 usable customers → notEnoughData; zero spend with repeats is skipped with a warning", () => {
    expect(() => fitGammaGamma({ x: [0, 0, 3], m: [0, 0, 10] })).toThrow(/at least 2 customers/);
    const data = simulateSpend(8, 50, 6, 4, 15);
    const fit = fitGammaGamma({ x: [...data.x, 2], m: [...data.m, 0] });
    expect(fit.customers).toBe(50);
    expect(fit.warnings.map((w) => w.code)).toContain("skippedCustomers");
  });
});

test("gammaGammaLogLikelihoodOf is exactly the weighted sum of each row's gammaGammaLogLikelihood (ln Γ per distinct x)", () => {
  const rng = new Rng(23);
  const n = 3000;
  const x = Float64Array.from({ length: n }, () => Math.floor(rng.uniform() * 12)); // repeated frequencies, 0 skipped
  const m = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 0 : 5 + rng.uniform() * 400)); // some zero spend, skipped
  const weight = Float64Array.from({ length: n }, () => 1 + Math.floor(rng.uniform() * 3));
  const f = gammaGammaLogLikelihoodOf({ x, m, weight });
  for (const params of [{ p: 6.25, q: 3.74, v: 15.44 }, { p: 0.3, q: 1.2, v: 900 }, { p: 40, q: 80, v: 2 }]) {
    let sum = 0;
    for (let i = 0; i < n; i++) if (x[i] > 0 && m[i] > 0) sum += weight[i] * gammaGammaLogLikelihood(params, x[i], m[i]);
    expect(Object.is(f(params), sum)).toBe(true);
  }
});
