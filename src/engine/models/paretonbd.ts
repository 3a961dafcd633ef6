/**
 * Pareto/NBD model of repeat purchasing in a non-contractual setting.
 *
 * References
 * [1] Schmittlein, Morrison & Colombo (1987), "Counting Your Customers: Who Are They and What Will They Do Next?",
 *     Management Science 33(1), 1–24.
 * [2] Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", brucehardie.com
 *     note 009. Equations cited as (n) are this note's.
 * [3] Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science 24(2), 275–284
 *     (the published CDNOW fit: r 0.55, α 10.58, s 0.61, β 11.67 in weeks, LL −9595.0).
 *
 * Model: while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is exponential
 * with rate μ ~ Gamma(s, β), independent of λ. Data per customer as for BG/NBD: x repeat purchases, t_x the time of
 * the last one, T the time since the first purchase.
 *
 * The likelihood (eq. 19–22), written with the integral it comes from: a customer alive at T, or dead at some
 * τ ∈ (t_x, T],
 *   L = Γ(r+x)/Γ(r) · α^r β^s · [ (α+T)^(−(r+x)) (β+T)^(−s) + s ∫_{t_x}^T (α+τ)^(−(r+x)) (β+τ)^(−(s+1)) dτ ].
 * The integral is the note's A0 (a difference of two 2F1 terms with argument |α−β|/(max(α,β)+t) in [0, 1));
 * `logPowerIntegral` evaluates it over [t_x, T] in one piece, in logs, so it neither cancels when t_x is close to
 * T nor overflows for large x ([2]'s numerically stable arrangement: ln L = ln A1 + ln(e^… + e^…)).
 */
import { problem } from "../problems";
import { convergedNbd } from "./nbd";
import { NM_OPTIONS, multiStart, nelderMead, newtonMinimize } from "./optimize";
import { checkCustomer, checkHorizon, collectPatterns, sameLength, weightedSubsample, type Patterns, type RepeatData } from "./patterns";
import { logPowerIntegral } from "./power-integral";
import { expm1OverX, gammaln, logAddExp, logistic } from "./special";
import { deepFreeze, fitVerdict, type FitOptions, type ModelWarning } from "./types";

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

export interface ParetoNbdFit {
  readonly params: ParetoNbdParams;
  /** Σ weight · ln L at `params` in the data's time unit, without the penalty. */
  readonly logLikelihood: number;
  /** True only when Nelder–Mead met its tolerances, the gradient is ~0 and no parameter ran to 0 or ∞. */
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: readonly ModelWarning[];
  /** Customers in the fit (Σ weights). */
  readonly customers: number;
  /** Rows skipped for NaN inputs. */
  readonly skipped: number;
  readonly penalizer: number;
  /**
   * The data show no dropout: the fit ran to s → 0 or β → ∞ (mean dropout rate s/β → 0, lifetimes far beyond the
   * observed window), the NBD limit. Its P(alive) is 1 for everyone, an assumption rather than an estimate: use the
   * NBD model and say so.
   */
  readonly noDropout: boolean;
}

/**
 * ln of the bracket's second part: ln(s · ∫_{t_x}^T (α+τ)^(−(r+x)) (β+τ)^(−(s+1)) dτ), −∞ when t_x = T.
 */
function logDeadPart(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  return Math.log(s) + logPowerIntegral(alpha, r + x, beta, s + 1, tx, T);
}

/**
 * ln L(r, α, s, β | x, t_x, T) for one customer (eq. 19 in the arrangement above).
 * @example paretoNbdLogLikelihood({ r: 1, alpha: 1, s: 1, beta: 1 }, 0, 0, 1) // ln(1/2): no purchase in (0, 1]
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkCustomer(x, tx, T);
  const { r, alpha, s, beta } = params;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return a1 + logAddExp(alive, logDeadPart(r, alpha, s, beta, x, tx, T));
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s·(α+T)^(r+x)(β+T)^s · ∫_{t_x}^T (α+τ)^(−(r+x))(β+τ)^(−(s+1)) dτ) (eq. 23 of
 * [2] with its A0 written as the integral); below 1 also for x = 0, unlike BG/NBD.
 * @example paretoNbdPAlive({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 0, 0, 0) // 1: just acquired
 */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkCustomer(x, tx, T);
  return pAliveUnchecked(params, x, tx, T);
}

/** P(alive) for a history already checked (collectPatterns, customerSummary): the predictors' hot path. */
export function pAliveUnchecked(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const logOdds = logDeadPart(r, alpha, s, beta, x, tx, T) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T);
  return logistic(-logOdds);
}

/**
 * Expected purchases in the next t of a customer known to be alive at T: E[λ | x, T] · E[∫_0^t 1{alive} | μ]
 * = (r+x)/(α+T) · (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^(s−1)] (eq. 24 of [2] without P(alive)), evaluated with
 * expm1 so s = 1 (where it is (r+x)/(α+T)·(β+T)·ln(1 + t/(β+T))) is no special case.
 */
function whileAlive(r: number, alpha: number, s: number, beta: number, x: number, T: number, t: number): number {
  const bT = beta + T;
  const l = Math.log1p(t / bT);
  return ((r + x) / (alpha + T)) * bT * l * expm1OverX(-(s - 1) * l);
}

/**
 * Expected repeat purchases in (0, t] of a customer just acquired: E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]
 * (eq. 17 of [2]).
 * @example paretoNbdExpectedPurchasesNew({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 0) // 0
 */
export function paretoNbdExpectedPurchasesNew(params: ParetoNbdParams, t: number): number {
  checkHorizon(t);
  return whileAlive(params.r, params.alpha, params.s, params.beta, 0, 0, t);
}

/**
 * Expected repeat purchases in the next t of a customer with history (x, t_x, T): E[Y(t) | x, t_x, T]
 * = P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] (eq. 24 of [2]).
 * @example paretoNbdConditionalExpectedPurchases({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 0, 2, 30, 38) // 0
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  checkHorizon(t);
  checkCustomer(x, tx, T);
  const { r, alpha, s, beta } = params;
  return pAliveUnchecked(params, x, tx, T) * whileAlive(r, alpha, s, beta, x, T, t);
}

/** P(alive) per customer; NaN where the inputs are NaN (customers without a purchase). */
export function paretoNbdPAliveColumns(params: ParetoNbdParams, data: RepeatData): Float64Array {
  const n = sameLength(data);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) {
      out[i] = NaN;
      continue;
    }
    checkCustomer(x, tx, T, i + 1);
    out[i] = pAliveUnchecked(params, x, tx, T);
  }
  return out;
}

/** Conditional expected purchases in the next t per customer; NaN where the inputs are NaN. */
export function paretoNbdConditionalExpectedPurchasesColumns(params: ParetoNbdParams, t: number, data: RepeatData): Float64Array {
  checkHorizon(t);
  const n = sameLength(data);
  const out = new Float64Array(n);
  const { r, alpha, s, beta } = params;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) {
      out[i] = NaN;
      continue;
    }
    checkCustomer(x, tx, T, i + 1);
    out[i] = pAliveUnchecked(params, x, tx, T) * whileAlive(r, alpha, s, beta, x, T, t);
  }
  return out;
}

/**
 * Cumulative expected purchases of one customer at several horizons into `out`: P(alive) once (returned), the
 * closed form per horizon (the CLV sum needs 12 monthly horizons).
 */
export function paretoNbdCumulativePurchases(params: ParetoNbdParams, x: number, tx: number, T: number, horizons: ArrayLike<number>, out: Float64Array): number {
  checkCustomer(x, tx, T);
  return cumulativeUnchecked(params, x, tx, T, horizons, out);
}

/** `paretoNbdCumulativePurchases` for a history already checked. */
export function cumulativeUnchecked(params: ParetoNbdParams, x: number, tx: number, T: number, horizons: ArrayLike<number>, out: Float64Array): number {
  const { r, alpha, s, beta } = params;
  const alive = pAliveUnchecked(params, x, tx, T);
  for (let i = 0; i < horizons.length; i++) out[i] = alive * whileAlive(r, alpha, s, beta, x, T, horizons[i]);
  return alive;
}

// ---- fit ------------------------------------------------------------------------------------------------------

/** Σ w · ln L over patterns (ln Γ terms once per distinct x, logs once per distinct time). */
function patternLogLikelihood(pt: Patterns, r: number, alpha: number, s: number, beta: number, a1: Float64Array, logA: Float64Array, logB: Float64Array): number {
  const lnS = Math.log(s);
  const base = r * Math.log(alpha) + s * Math.log(beta);
  const xs = pt.xs;
  const maxX = xs[xs.length - 1];
  if (maxX < 30 * xs.length) {
    // lnΓ(r+x) − lnΓ(r) = Σ_{j<x} ln(r+j) for integer x.
    let cum = 0;
    let j = 0;
    for (let k = 0; k <= maxX; k++) {
      if (xs[j] === k) a1[j++] = cum + base;
      cum += Math.log(r + k);
    }
  } else {
    const lnGr = gammaln(r);
    for (let j = 0; j < xs.length; j++) a1[j] = gammaln(r + xs[j]) - lnGr + base;
  }
  for (let j = 0; j < pt.times.length; j++) {
    logA[j] = Math.log(alpha + pt.times[j]);
    logB[j] = Math.log(beta + pt.times[j]);
  }
  const alphaIsMax = alpha >= beta;
  const M = alphaIsMax ? alpha : beta;
  const delta = M - (alphaIsMax ? beta : alpha);
  const logM = alphaIsMax ? logA : logB;
  let sum = 0;
  const { x, tx, T, w, xIndex, TIndex, txIndex } = pt;
  for (let i = 0; i < x.length; i++) {
    const rx = r + x[i];
    const a = tx[i];
    const b = T[i];
    const alive = -rx * logA[TIndex[i]] - s * logB[TIndex[i]];
    let ll = alive;
    if (b > a) {
      // The dead part relative to the alive one, V/U = s·I(t_x, T)·(α+T)^(r+x)(β+T)^s; ln L = A1 + ln U + ln(1 + V/U).
      // Series A of power-integral.ts inlined with the logs taken once per time; elsewhere the general routine.
      const g = rx + s;
      const eMu = alphaIsMax ? s + 1 : rx;
      const rho = delta / (M + a);
      let logRatio: number;
      if (delta / 2 - M + delta > a && (eMu * rho + 37) / (1 - rho) > 80) {
        logRatio = lnS + logPowerIntegral(alpha, rx, beta, s + 1, a, b) - alive;
      } else {
        const lnMa = logM[txIndex[i]];
        const gap = (b - a) / (M + a);
        const lnR = gap > 0.25 ? lnMa - logM[TIndex[i]] : -Math.log1p(gap); // ln((M+a)/(M+b))
        const oneMinusR = (b - a) / (M + b);
        let rPow = Math.exp(g * lnR);
        let oneMinus = rPow < 0.5 ? 1 - rPow : -Math.expm1(g * lnR);
        let c = 1;
        let series = 0;
        for (let j = 0; j < 5000; j++) {
          const term = (c * oneMinus) / (g + j);
          series += term;
          const step = (rho * (eMu + j)) / (j + 1);
          const kappa = step > rho ? step : rho;
          if (kappa < 1 && term * kappa <= 1e-15 * (1 - kappa) * series) break;
          c *= step;
          if (c === 0 || c > 1e200) break;
          oneMinus += rPow * oneMinusR;
          rPow -= rPow * oneMinusR;
        }
        logRatio = c > 1e200 ? lnS + logPowerIntegral(alpha, rx, beta, s + 1, a, b) - alive : lnS + Math.log(series) - g * lnMa - alive;
      }
      ll += logRatio > 0 ? logRatio + Math.log1p(Math.exp(-logRatio)) : Math.log1p(Math.exp(logRatio));
    }
    sum += w[i] * (a1[xIndex[i]] + ll);
  }
  return sum;
}

/** Σ weight · ln L(params | x, t_x, T) over customers, NaN rows skipped. */
export function paretoNbdTotalLogLikelihood(params: ParetoNbdParams, data: RepeatData): number {
  const pt = collectPatterns(data);
  return patternLogLikelihood(pt, params.r, params.alpha, params.s, params.beta, new Float64Array(pt.xs.length), new Float64Array(pt.times.length), new Float64Array(pt.times.length));
}

/** Σ weight · ln L as a function of the parameters, with the data's patterns collected once (for repeated evaluation). */
export function paretoNbdLogLikelihoodOf(data: RepeatData): (params: ParetoNbdParams) => number {
  const pt = collectPatterns(data);
  const a1 = new Float64Array(pt.xs.length);
  const logA = new Float64Array(pt.times.length);
  const logB = new Float64Array(pt.times.length);
  return (p) => patternLogLikelihood(pt, p.r, p.alpha, p.s, p.beta, a1, logA, logB);
}

/**
 * Nelder–Mead's coordinates: φ = (ln r, ln(r/α), ln s, ln(s/β)): the mean purchase rate r/α and the mean dropout
 * rate s/β are better determined than the shapes and scales themselves (whose estimates move together), so the
 * likelihood's valleys are rounder in φ.
 */
function toSearch(r: number, alpha: number, s: number, beta: number): number[] {
  return [Math.log(r), Math.log(r / alpha), Math.log(s), Math.log(s / beta)];
}

function fromSearch(phi: ArrayLike<number>): [number, number, number, number] {
  const r = Math.exp(phi[0]);
  const s = Math.exp(phi[2]);
  return [r, r * Math.exp(-phi[1]), s, s * Math.exp(-phi[3])];
}

const WARM_START_PATTERNS = 3000;

/**
 * The search stops once s leaves [1e-6, 1e6]: s → ∞ with s/β fixed is a ridge (every customer drops out at the same
 * rate) along which the likelihood still creeps up, and Nelder–Mead would crawl it for its whole budget (3.8 s on the
 * 301-customer sample ledger, 0.8 s with this stop); s → 0 is the no-dropout limit. Either way the fit is reported at
 * a boundary. The other parameters stop at the shared margin (NM_OPTIONS), r earlier (HOMOGENEOUS_RATE).
 */
const RIDGE_STOP = { stopWhen: (best: Float64Array) => Math.abs(best[2]) > LOG_BOUND || best[0] > HOMOGENEOUS_RATE || best.some((v) => Math.abs(v) > LOG_BOUND + 2) };
/**
 * ln r beyond which the search stops too: r → ∞ (every customer the same purchase rate) is another ridge, and there
 * the integral needs quadrature at every step (the calibration fit of a regular synthetic ledger of 10,000 customers
 * took 7.8 s, 0.4 s with this stop). r = 10³ is a coefficient of variation of the rates of 3 %: nothing a ledger tells
 * from none. A search that ends there is not restarted from the other starts (each would walk the same ridge).
 */
const HOMOGENEOUS_RATE = Math.log(1e3);
const LOG_BOUND = Math.log(1e6);

/** The pieces a fit shares with the standard-error computation: rescaled patterns and the log-likelihood on them. */
export interface ParetoNbdObjective {
  /** Patterns with time divided by `scale`'s inverse (max T = 1). */
  patterns: Patterns;
  /** Multiply a time by this to get rescaled time. */
  scale: number;
  /** Σ w ln L on the rescaled patterns at (r, α', s, β'), α' and β' in rescaled time. */
  logLikelihood(r: number, alpha: number, s: number, beta: number): number;
}

/** Rescaled patterns and their log-likelihood (internal; exported for the standard errors). */
export function paretoNbdObjective(data: RepeatData): ParetoNbdObjective {
  const pt = collectPatterns(data);
  let maxT = 0;
  for (let i = 0; i < pt.T.length; i++) maxT = Math.max(maxT, pt.T[i]);
  const scale = maxT > 0 ? 1 / maxT : 1;
  const scaled: Patterns = { ...pt, tx: pt.tx.map((v) => v * scale), T: pt.T.map((v) => v * scale), times: pt.times.map((v) => v * scale) };
  const a1 = new Float64Array(pt.xs.length);
  const logA = new Float64Array(pt.times.length);
  const logB = new Float64Array(pt.times.length);
  return { patterns: scaled, scale, logLikelihood: (r, alpha, s, beta) => patternLogLikelihood(scaled, r, alpha, s, beta, a1, logA, logB) };
}

/**
 * Maximum-likelihood fit of Pareto/NBD (r, α, s, β) to customers' (x, t_x, T): Nelder–Mead (with restarts and a
 * quadratic polish) on φ above, time rescaled so the largest T is 1, identical customers collapsed into weighted
 * patterns; the objective is the mean negative log-likelihood plus `penalizer`·(r² + α'² + s² + β'²) (α', β' in
 * rescaled time, as lifetimes). Starts at r = α' = s = β' = 1 (or `init`), then three more starts if that one does
 * not converge inside the bounds; large data start from the optimum of a ~1,500-pattern subsample.
 *
 * @example fitParetoNbd({ x, tx, T }).params // CDNOW 1/10 sample in weeks: r 0.553, α 10.58, s 0.606, β 11.67
 * @throws KaProblem notEnoughData (fewer than 2 customers, nobody with a repeat purchase, every T = 0);
 *   badArgument for impossible rows (naming the row); sizeMismatch; outOfRange (penalizer, init).
 */
export function fitParetoNbd(data: RepeatData, opts: FitOptions<ParetoNbdParams> = {}): ParetoNbdFit {
  const penalizer = opts.penalizer ?? 0;
  if (!(penalizer >= 0) || !Number.isFinite(penalizer)) throw problem("outOfRange", `penalizer: ${penalizer} must be a finite number ≥ 0`, { path: "penalizer" });
  const maxIter = opts.maxIter ?? 2000;
  if (!(maxIter >= 1)) throw problem("outOfRange", `maxIter: ${maxIter} must be at least 1`, { path: "maxIter" });
  const obj = paretoNbdObjective(data);
  const pt = obj.patterns;
  if (pt.totalWeight < 2) {
    throw problem("notEnoughData", `Pareto/NBD needs at least 2 customers with a purchase; there ${pt.totalWeight === 1 ? "is 1" : `are ${pt.totalWeight}`}`, { path: "frequency" });
  }
  if (pt.repeatWeight === 0) {
    throw problem("notEnoughData", "Pareto/NBD needs at least one customer with a repeat purchase (every frequency is 0), so the purchase rate cannot be told from dropout", { path: "frequency" });
  }
  let maxT = 0;
  for (let i = 0; i < pt.T.length; i++) maxT = Math.max(maxT, pt.T[i]);
  if (!(maxT > 0)) throw problem("notEnoughData", "Pareto/NBD needs some customer observed for a while (every T is 0: all first purchases fall on the as-of day)", { path: "T" });
  const scale = obj.scale;

  const makeObjective = (ll: (r: number, al: number, s: number, be: number) => number, W: number) => {
    return (phi: Float64Array): number => {
      const [r, al, s, be] = fromSearch(phi);
      if (!(r > 0 && al > 0 && s > 0 && be > 0 && r < Infinity && al < Infinity && s < Infinity && be < Infinity)) return Infinity;
      return -ll(r, al, s, be) / W + penalizer * (r * r + al * al + s * s + be * be);
    };
  };
  const objective = makeObjective(obj.logLikelihood, pt.totalWeight);

  const starts: number[][] = [];
  if (opts.init) {
    const { r, alpha, s, beta } = opts.init;
    if (![r, alpha, s, beta].every((v) => v > 0 && Number.isFinite(v))) throw problem("outOfRange", "init: r, alpha, s and beta must be finite and > 0", { path: "init" });
    starts.push(toSearch(r, alpha * scale, s, beta * scale));
  } else starts.push(toSearch(1, 1, 1, 1));
  // Fallback starts: a CDNOW-like point (in rescaled time), a homogeneous one, a very heterogeneous one.
  starts.push(toSearch(0.5, 0.3, 0.6, 0.3), toSearch(3, 3, 3, 3), toSearch(0.1, 0.01, 0.1, 0.01));

  // Dropout not identified (the score test below): the maximum is the no-dropout boundary, where the search would
  // only crawl the ridge towards it (Online Retail: 350 ms). Report the boundary at once, with the NBD's r and α.
  if (!opts.init && penalizer === 0) {
    const nbd = noDropoutLimit(data, pt, scale, obj.logLikelihood);
    if (nbd) {
      const phi = toSearch(nbd.r, nbd.alpha * scale, 1, Math.exp(LOG_BOUND + 2.5));
      return finishFit(Float64Array.from(phi), { f: objective(Float64Array.from(phi)), converged: false, iterations: nbd.iterations });
    }
  }
  return searchFit();

  function searchFit(): ParetoNbdFit {
    // A short Nelder–Mead run from the first start (on large data: a full fit of a ~1,500-pattern subsample) gets
    // close; Newton's method finishes in a few steps. If Newton does not converge inside the bounds (a flat or
    // non-convex region, a parameter running off), the full multi-start Nelder–Mead takes over from the best point.
    let near: Float64Array;
    let nearIterations: number;
    if (pt.x.length > WARM_START_PATTERNS) {
      const sub = weightedSubsample(pt, Math.ceil(pt.x.length / 1500));
      const a1 = new Float64Array(sub.xs.length);
      const logA = new Float64Array(sub.times.length);
      const logB = new Float64Array(sub.times.length);
      const subLl = (r: number, al: number, s: number, be: number) => patternLogLikelihood(sub, r, al, s, be, a1, logA, logB);
      const subObjective = makeObjective(subLl, sub.totalWeight);
      const quick = nelderMead(subObjective, starts[0], { ...NM_OPTIONS(Math.min(30, maxIter), LOG_BOUND), fTol: 1e-4, xTol: 1e-2, maxRestarts: 0, quadraticAt: undefined });
      const warm = newtonMinimize(subObjective, quick.x, { h: 1e-3, maxSteps: 8, stopWhen: NM_OPTIONS(0, LOG_BOUND).stopWhen });
      near = (warm.converged ? warm.x : quick.x).map((v) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, v)));
      nearIterations = quick.iterations + warm.steps;
    } else {
      const quick = nelderMead(objective, starts[0], { ...NM_OPTIONS(Math.min(30, maxIter), LOG_BOUND), fTol: 1e-4, xTol: 1e-2, maxRestarts: 0, quadraticAt: undefined });
      near = quick.x;
      nearIterations = quick.iterations;
    }
    const newton = newtonMinimize(objective, near, { h: 1e-3, maxSteps: 8, stopWhen: NM_OPTIONS(0, LOG_BOUND).stopWhen });
    const inside = (theta: ArrayLike<number>) => !Array.from(theta).some((v) => Math.abs(v) > LOG_BOUND);
    let found: { theta: Float64Array; f: number; converged: boolean; iterations: number };
    if (newton.converged && inside(newton.x)) found = { theta: newton.x, f: newton.f, converged: true, iterations: nearIterations + newton.steps };
    else {
      // Nelder–Mead from where Newton ended; only if that neither converges nor runs off to a boundary (where the
      // likelihood keeps rising: the no-dropout limit) do the other starts get a turn.
      let budget = Math.max(1, maxIter - nearIterations);
      let again = multiStart(objective, [Array.from(newton.x)], budget, LOG_BOUND, 0.1, RIDGE_STOP);
      if (!again.converged && inside(again.theta) && !(again.theta[0] > HOMOGENEOUS_RATE)) {
        budget = Math.max(1, budget - again.iterations);
        const more = multiStart(objective, starts, budget, LOG_BOUND, undefined, RIDGE_STOP);
        again = more.f < again.f ? { ...more, iterations: more.iterations + again.iterations } : { ...again, iterations: more.iterations + again.iterations };
      }
      found = { ...again, iterations: again.iterations + nearIterations + newton.steps };
    }
    return finishFit(found.theta, found);
  }

  function finishFit(foundTheta: Float64Array, found: { f: number; converged: boolean; iterations: number }): ParetoNbdFit {
    const fitted = fromSearch(foundTheta);
    const theta = fitted.map(Math.log);
    const iterations = found.iterations;
    const { converged, boundary, warnings } = fitVerdict("Pareto/NBD", ["r", "alpha", "s", "beta"], theta, { ...found, searchTheta: foundTheta }, objective, LOG_BOUND, pt);

    const params: ParetoNbdParams = { r: fitted[0], alpha: fitted[1] / scale, s: fitted[2], beta: fitted[3] / scale };
    // No dropout: at a boundary with s → 0, or with the mean dropout rate over the whole window, s/β' (β' in rescaled
    // time, so per longest T), near 0. (s, β → ∞ with s/β' moderate is another boundary: every customer has the same
    // dropout rate — dropout is identified there, its spread across customers is not.)
    const noDropout = boundary && (theta[2] < -LOG_BOUND || fitted[2] / fitted[3] < 1e-3);
    const logLikelihood = paretoNbdTotalLogLikelihood(params, data);
    return deepFreeze({ params, logLikelihood, converged, iterations, warnings, customers: pt.totalWeight, skipped: pt.skipped, penalizer, noDropout });
  }
}

/**
 * The score test for dropout: d ln L / dm at m = 0, m the mean dropout rate E[μ], at the no-dropout (NBD) estimates
 * of r and α. To first order in μ the likelihood depends on the dropout rates only through their mean, so the
 * slope is the same for every s. Per customer, with the purchase rate integrated over its Gamma(r, α):
 *   d ln L_i / dm = (α+T)·((α+T)/(α+t_x))^k − 1)/k − T,   k = r + x − 1   ((α+T)·ln((α+T)/(α+t_x)) − T at k = 0).
 * Σ w_i·(…) ≤ 0: any dropout lowers the likelihood, so its maximum is the no-dropout limit (s/β → 0).
 */
export function dropoutScore(pt: Pick<Patterns, "x" | "tx" | "T" | "w">, r: number, alpha: number): number {
  let score = 0;
  for (let i = 0; i < pt.x.length; i++) {
    const k = r + pt.x[i] - 1;
    const aT = alpha + pt.T[i];
    const lnRatio = Math.log(aT / (alpha + pt.tx[i]));
    score += pt.w[i] * (aT * lnRatio * expm1OverX(k * lnRatio) - pt.T[i]);
  }
  return score;
}

/**
 * The NBD's r and α (α in the data's time) when the data show no dropout; undefined otherwise (or when the NBD itself
 * cannot be fitted): the full search then decides. The score only looks along one way to the boundary (every
 * customer's dropout rate small); dropout concentrated on a few customers (s small, a large mean rate) is another, so
 * a grid of such points must not beat the NBD either. `ll` is the log-likelihood on the rescaled patterns `pt`.
 */
function noDropoutLimit(data: RepeatData, pt: Patterns, scale: number, ll: (r: number, alpha: number, s: number, beta: number) => number): { r: number; alpha: number; iterations: number } | undefined {
  const nbd = convergedNbd(data);
  if (!nbd) return undefined;
  const { r } = nbd.params;
  const alpha = nbd.params.alpha * scale;
  if (dropoutScore(pt, r, alpha) > 0) return undefined;
  // At the boundary the Pareto/NBD likelihood is the NBD's (dropout rate 0); mean rates per whole window 0.01 … 3.
  const atBoundary = ll(r, alpha, 1, 1e12);
  for (const s of [0.05, 0.3, 2]) for (const perWindow of [0.01, 0.2, 3]) if (ll(r, alpha, s, s / perWindow) > atBoundary) return undefined;
  return { r, alpha: nbd.params.alpha, iterations: nbd.iterations };
}
