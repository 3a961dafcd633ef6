/**
 * Uncertainty of the fitted models: standard errors of every parameter from the observed information matrix, and
 * parameter sets drawn from the fitted sampling distribution (for the forecast intervals).
 *
 * The information is −H, H the Hessian of the total log-likelihood at the estimate, taken in the log-parameters
 * θ = ln(parameter) (where the likelihood is closest to quadratic, and every draw stays positive) by central
 * differences with Richardson extrapolation: H = (4·H(h) − H(2h))/3, error O(h⁴), h = 10⁻³. Cov(θ) = (−H)⁻¹;
 * a parameter's standard error is parameter · √Cov(θ)_kk (delta method). Draws are θ ~ Normal(θ̂, Cov(θ)), i.e.
 * log-normal parameters — the usual asymptotic sampling distribution of a maximum-likelihood estimate.
 * The likelihood is the data's, without a fit's L2 penalizer (with a penalizer the errors are approximate).
 * BG/NBD's Hessian is in closed form (`bgnbdLogLikelihoodDerivatives`), which large ledgers need (bgnbdUncertainty).
 */
import { bgnbdLogLikelihoodDerivatives, bgnbdLogLikelihoodOf, type BgNbdFit, type BgNbdParams } from "./bgnbd";
import { gammaGammaLogLikelihoodOf, type GammaGammaFit, type GammaGammaParams, type SpendData } from "./gamma-gamma";
import { cholesky, invertSpd } from "./linalg";
import { nbdLogLikelihoodOf, type NbdFit, type NbdParams } from "./nbd";
import { centralDerivatives, inLogParameters } from "./optimize";
import { paretoNbdLogLikelihoodOf, type ParetoNbdFit, type ParetoNbdParams } from "./paretonbd";
import { collectPatterns, type RepeatData } from "./patterns";
import { SeededRandom } from "./random";
import { deepFreeze } from "./types";

export interface ParameterUncertainty<P extends object> {
  readonly estimate: P;
  /** Parameter names, the order of `logCovariance`. */
  readonly names: readonly (keyof P & string)[];
  /** Standard error of each parameter; NaN when the information matrix is not positive definite (a boundary fit). */
  readonly se: { readonly [K in keyof P]: number };
  /** Covariance of the log-parameters; undefined when the information matrix is not positive definite. */
  readonly logCovariance?: readonly (readonly number[])[];
}

/** −Hessian of f at θ by Richardson-extrapolated central differences (see the file comment). */
export function observedInformation(f: (theta: Float64Array) => number, theta: ArrayLike<number>, h = 1e-3): number[][] {
  const f0 = f(Float64Array.from(theta));
  const fine = centralDerivatives(f, theta, h, f0).hessian;
  const coarse = centralDerivatives(f, theta, 2 * h, f0).hessian;
  return fine.map((row, i) => row.map((v, j) => -(4 * v - coarse[i][j]) / 3));
}

/**
 * Standard errors and the log-parameter covariance of a fitted model from its log-likelihood.
 * @example parameterUncertainty({ mu: 2 }, (p) => -((p.mu - 2) ** 2) * 50) // se.mu ≈ 0.1 (curvature 100 = 1/se²)
 */
export function parameterUncertainty<P extends object>(estimate: P, logLikelihood: (params: P) => number): ParameterUncertainty<P> {
  const names = Object.keys(estimate) as (keyof P & string)[];
  const theta = names.map((k) => Math.log(estimate[k] as number));
  const at = (t: Float64Array): number => {
    const p = {} as Record<string, number>;
    names.forEach((k, i) => (p[k] = Math.exp(t[i])));
    const v = logLikelihood(p as P);
    return Number.isFinite(v) ? v : NaN;
  };
  const finite = theta.every(Number.isFinite);
  return fromInformation(estimate, finite ? observedInformation(at, theta) : undefined);
}

/** Standard errors and the log-parameter covariance from the information matrix in the log-parameters. */
function fromInformation<P extends object>(estimate: P, info: number[][] | undefined): ParameterUncertainty<P> {
  const names = Object.keys(estimate) as (keyof P & string)[];
  const se = {} as Record<string, number>;
  const cov = info && info.every((row) => row.every(Number.isFinite)) ? invertSpd(info) : undefined;
  names.forEach((k, i) => (se[k] = cov && cov[i][i] > 0 ? (estimate[k] as number) * Math.sqrt(cov[i][i]) : NaN));
  return deepFreeze({ estimate, names, se: se as { [K in keyof P]: number }, logCovariance: cov });
}

/** No standard errors: an unconverged or boundary fit is not a maximum, so its curvature says nothing. */
function none<P extends object>(estimate: P): ParameterUncertainty<P> {
  const names = Object.keys(estimate) as (keyof P & string)[];
  return deepFreeze({ estimate, names, se: Object.fromEntries(names.map((k) => [k, NaN])) as { [K in keyof P]: number } });
}

/** Standard errors of a BG/NBD fit (r, α, a, b) on its data; NaN (no covariance) unless the fit converged. */
export function bgnbdUncertainty(fit: BgNbdFit, data: RepeatData): ParameterUncertainty<BgNbdParams> {
  if (!fit.converged) return none(fit.params);
  // The information in closed form (bgnbdLogLikelihoodDerivatives): at 100,000 customers Σ ln L is ~3·10⁶, and its
  // rounding, divided by a difference step squared, swamped the curvature of ln a near a = 0 (se(a) moved by 40 %
  // between two optima equal to 10⁻¹⁴ in log-likelihood). The information is −(the Hessian in ln θ).
  const { r, alpha, a, b } = fit.params;
  const d = bgnbdLogLikelihoodDerivatives(collectPatterns(data), r, alpha, a, b);
  if (!d) return parameterUncertainty(fit.params, bgnbdLogLikelihoodOf(data));
  return fromInformation(fit.params, inLogParameters([r, alpha, a, b], d).hessian.map((row) => row.map((v) => -v)));
}

/** Standard errors of a Pareto/NBD fit (r, α, s, β) on its data; NaN (no covariance) unless the fit converged. */
export function paretoNbdUncertainty(fit: ParetoNbdFit, data: RepeatData): ParameterUncertainty<ParetoNbdParams> {
  return fit.converged ? parameterUncertainty(fit.params, paretoNbdLogLikelihoodOf(data)) : none(fit.params);
}

/** Standard errors of an NBD fit (r, α) on its data; NaN (no covariance) unless the fit converged. */
export function nbdUncertainty(fit: NbdFit, data: RepeatData): ParameterUncertainty<NbdParams> {
  return fit.converged ? parameterUncertainty(fit.params, nbdLogLikelihoodOf(data)) : none(fit.params);
}

/** Standard errors of a Gamma-Gamma fit (p, q, v) on its data; NaN (no covariance) unless the fit converged. */
export function gammaGammaUncertainty(fit: GammaGammaFit, data: SpendData): ParameterUncertainty<GammaGammaParams> {
  return fit.converged ? parameterUncertainty(fit.params, gammaGammaLogLikelihoodOf(data)) : none(fit.params);
}

/**
 * `count` parameter sets drawn from the fitted sampling distribution (log-normal: θ = θ̂ + L·z, L·Lᵀ = Cov(θ),
 * z standard normal), reproducibly from `seed`. Empty when the covariance is unavailable.
 */
export function drawParameters<P extends object>(u: ParameterUncertainty<P>, count: number, seed: number): P[] {
  if (!u.logCovariance) return [];
  const l = cholesky(u.logCovariance);
  if (!l) return [];
  const rng = new SeededRandom(seed);
  const k = u.names.length;
  const theta = u.names.map((name) => Math.log(u.estimate[name] as number));
  const z = new Array<number>(k);
  const out: P[] = [];
  for (let d = 0; d < count; d++) {
    for (let i = 0; i < k; i++) z[i] = rng.normal();
    const p = {} as Record<string, number>;
    for (let i = 0; i < k; i++) {
      let t = theta[i];
      for (let j = 0; j <= i; j++) t += l[i][j] * z[j];
      p[u.names[i]] = Math.exp(t);
    }
    out.push(p as P);
  }
  return out;
}
