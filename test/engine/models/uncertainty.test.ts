import { bgnbdLogLikelihoodOf, fitBgNbd } from "../../../src/engine/models/bgnbd";
import { fitGammaGamma, gammaGammaLogLikelihood } from "../../../src/engine/models/gamma-gamma";
import { fitNbd, nbdLogLikelihoodOf } from "../../../src/engine/models/nbd";
import { fitParetoNbd, paretoNbdLogLikelihoodOf } from "../../../src/engine/models/paretonbd";
import { customerSummary } from "../../../src/engine/models/summary";
import { bgnbdUncertainty, drawParameters, gammaGammaUncertainty, nbdUncertainty, parameterUncertainty, paretoNbdUncertainty } from "../../../src/engine/models/uncertainty";
import { dayFromYmd } from "../../../src/engine/day";
import { invert, loadCdnowSample, loadCdnowSummary, simulateBgNbd, steadyBuyers } from "./helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/**
 * Standard errors by an independent route: the Hessian of Σ ln L in the raw parameters (not their logs) by plain
 * central differences with a step of 1e-4 of each parameter, inverted by Gauss–Jordan. At a maximum the delta
 * method makes raw-scale and log-scale errors identical, so the two routes must agree.
 */
function rawStandardErrors<P extends Record<string, number>>(estimate: P, ll: (p: P) => number): Record<keyof P, number> {
  const names = Object.keys(estimate) as (keyof P)[];
  const n = names.length;
  const at = (di: number, dj: number, i: number, j: number) => {
    const p = { ...estimate };
    (p[names[i]] as number) += di;
    (p[names[j]] as number) += dj;
    return ll(p);
  };
  const H: number[][] = [];
  for (let i = 0; i < n; i++) {
    H.push([]);
    for (let j = 0; j < n; j++) {
      const hi = 1e-4 * estimate[names[i]];
      const hj = 1e-4 * estimate[names[j]];
      H[i].push((at(hi, hj, i, j) - at(hi, -hj, i, j) - at(-hi, hj, i, j) + at(-hi, -hj, i, j)) / (4 * hi * hj));
    }
  }
  const cov = invert(H.map((row) => row.map((v) => -v)));
  return Object.fromEntries(names.map((k, i) => [k, Math.sqrt(cov[i][i])])) as Record<keyof P, number>;
}

describe("standard errors from the observed information", () => {
  const data = loadCdnowSummary();

  it("BG/NBD on CDNOW: lifetimes' published se(coef) (docs/Quickstart.md: r 0.012557, α 0.378221, a 0.185719, b 0.705345) to 1e-4", () => {
    const u = bgnbdUncertainty(fitBgNbd(data), data);
    expect(rel(u.se.r, 0.012557)).toBeLessThan(1e-4);
    expect(rel(u.se.alpha, 0.378221)).toBeLessThan(1e-4);
    expect(rel(u.se.a, 0.185719)).toBeLessThan(1e-4);
    expect(rel(u.se.b, 0.705345)).toBeLessThan(1e-4);
  });

  it("BG/NBD's errors from the closed-form Hessian equal the Richardson finite-difference route on CDNOW (1e-6)", () => {
    const fit = fitBgNbd(data);
    const closed = bgnbdUncertainty(fit, data);
    const differences = parameterUncertainty(fit.params, bgnbdLogLikelihoodOf(data));
    for (const k of ["r", "alpha", "a", "b"] as const) expect([k, rel(closed.se[k], differences.se[k]) < 1e-6]).toEqual([k, true]);
  });

  it("BG/NBD on 20,000 customers with rare dropout: the closed-form errors stay put between two optima 1e-7 apart (finite differences: noise)", () => {
    // Σ ln L is ~10⁵ here; its rounding over a difference step squared is of the order of ln a's tiny curvature.
    const big = simulateBgNbd(20240601, 20_000, { r: 1, alpha: 6, a: 0.01, b: 5 }, 26, 52);
    const fit = fitBgNbd(big);
    const nudged = { ...fit, params: { ...fit.params, a: fit.params.a * (1 + 1e-7), b: fit.params.b * (1 - 1e-7) } };
    const one = bgnbdUncertainty(fit, big);
    const two = bgnbdUncertainty(nudged, big);
    for (const k of ["r", "alpha", "a", "b"] as const) expect([k, rel(one.se[k], two.se[k]) < 1e-5]).toEqual([k, true]);
  });

  it("Pareto/NBD, NBD and Gamma-Gamma: the engine's (log-parameter, Richardson) errors equal the raw-parameter finite-difference ones to 1e-4", () => {
    const pn = fitParetoNbd(data);
    const u = paretoNbdUncertainty(pn, data);
    // The log-likelihoods themselves are checked elsewhere (published fits, numerical integration); here only the
    // route from likelihood to errors differs.
    const ref = rawStandardErrors({ ...pn.params }, paretoNbdLogLikelihoodOf(data));
    for (const k of ["r", "alpha", "s", "beta"] as const) expect(rel(u.se[k], ref[k])).toBeLessThan(1e-4);

    const nb = fitNbd(data);
    const un = nbdUncertainty(nb, data);
    const refN = rawStandardErrors({ ...nb.params }, nbdLogLikelihoodOf(data));
    for (const k of ["r", "alpha"] as const) expect(rel(un.se[k], refN[k])).toBeLessThan(1e-4);

    const rows = loadCdnowSample();
    const s = customerSummary(rows, { asOf: dayFromYmd(1997, 9, 30), unit: "week" });
    const spend = { x: s.x, m: s.monetary };
    const gg = fitGammaGamma(spend);
    const ug = gammaGammaUncertainty(gg, spend);
    const refG = rawStandardErrors({ ...gg.params }, (p) => {
      let sum = 0;
      for (let i = 0; i < s.x.length; i++) if (s.x[i] > 0 && s.monetary[i] > 0) sum += gammaGammaLogLikelihood(p, s.x[i], s.monetary[i]);
      return sum;
    });
    for (const k of ["p", "q", "v"] as const) expect(rel(ug.se[k], refG[k])).toBeLessThan(1e-4);
  });

  it("a boundary fit (no dropout in the data) is not a maximum: NaN errors, no covariance, no draws", () => {
    const { x, tx, T } = steadyBuyers(200, 3);
    const fit = fitBgNbd({ x, tx, T });
    expect(fit.converged).toBe(false);
    const u = bgnbdUncertainty(fit, { x, tx, T });
    expect(Object.values(u.se).every(Number.isNaN)).toBe(true);
    expect(u.logCovariance).toBeUndefined();
    expect(drawParameters(u, 5, 1)).toEqual([]);
  });
});

describe("simulation: ledgers drawn from known BG/NBD parameters", () => {
  // CDNOW-like truth; 800 customers observed 26–39 weeks; 120 independent ledgers (seeds 1..120).
  const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const names = ["r", "alpha", "a", "b"] as const;
  const reps = 120;
  const covered = { r: 0, alpha: 0, a: 0, b: 0 };
  const logErrors = { r: [] as number[], alpha: [] as number[], a: [] as number[], b: [] as number[] };
  let fitted = 0;
  for (let seed = 1; seed <= reps; seed++) {
    const data = simulateBgNbd(seed, 800, truth, 26, 39);
    const fit = fitBgNbd(data);
    if (!fit.converged) continue;
    fitted++;
    const u = bgnbdUncertainty(fit, data);
    names.forEach((k, i) => {
      const sd = Math.sqrt((u.logCovariance as number[][])[i][i]);
      const z = (Math.log(fit.params[k]) - Math.log(truth[k])) / sd;
      if (Math.abs(z) <= 1.6449) covered[k]++;
      logErrors[k].push(Math.log(fit.params[k] / truth[k]));
    });
  }

  it("nearly every ledger fits (converged, information positive definite)", () => {
    expect(fitted).toBeGreaterThanOrEqual(reps - 3);
  });

  it.each(names)("the 90 %% interval of %s (log scale, θ̂ ± 1.645·se) covers the truth in 80–97 %% of the ledgers", (k) => {
    const share = covered[k] / fitted;
    expect(share).toBeGreaterThanOrEqual(0.8);
    expect(share).toBeLessThanOrEqual(0.97);
  });

  it("the fit recovers the parameters: median log-error within ±0.1, i.e. estimates centred on the truth", () => {
    for (const k of names) {
      const sorted = [...logErrors[k]].sort((p, q) => p - q);
      expect(Math.abs(sorted[Math.floor(sorted.length / 2)])).toBeLessThan(0.1);
    }
  });
});

describe("parameter draws", () => {
  const data = loadCdnowSummary();
  const u = bgnbdUncertainty(fitBgNbd(data), data);

  it("are reproducible from the seed and differ between seeds", () => {
    expect(drawParameters(u, 3, 42)).toEqual(drawParameters(u, 3, 42));
    expect(drawParameters(u, 3, 42)).not.toEqual(drawParameters(u, 3, 43));
  });

  it("follow the fitted sampling distribution: mean of ln(draws) ≈ ln(estimate), covariance ≈ Cov(θ) (20,000 draws, 5 %)", () => {
    const draws = drawParameters(u, 20000, 7);
    const names = u.names;
    const logs = draws.map((d) => names.map((k) => Math.log(d[k])));
    const mean = names.map((_, i) => logs.reduce((s, l) => s + l[i], 0) / logs.length);
    const cov = u.logCovariance as number[][];
    names.forEach((k, i) => {
      expect(Math.abs(mean[i] - Math.log(u.estimate[k])) / Math.sqrt(cov[i][i])).toBeLessThan(0.05);
      for (let j = 0; j <= i; j++) {
        const c = logs.reduce((s, l) => s + (l[i] - mean[i]) * (l[j] - mean[j]), 0) / (logs.length - 1);
        expect(Math.abs(c - cov[i][j]) / Math.sqrt(cov[i][i] * cov[j][j])).toBeLessThan(0.05);
      }
    });
  });
});

