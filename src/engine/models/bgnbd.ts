/**
 * BG/NBD model of repeat purchasing in a non-contractual setting.
 *
 * References
 * [1] Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the Pareto/NBD
 *     Model", Marketing Science 24(2), 275–284. Equations cited as (n) are this paper's.
 * [2] Fader, Hardie & Lee (2008), "Computing P(alive) Using the BG/NBD Model", brucehardie.com note 021.
 * [3] Fader & Hardie (2013), "Implementing the BG/NBD Model for Customer Base Analysis in Excel", note 004
 *     (the A1…A4 arrangement of the log-likelihood).
 *
 * Model: while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each repeat
 * purchase they drop out with probability p ~ Beta(a, b). Data per customer: x repeat purchases, t_x the time of
 * the last one, T the time since the first purchase (any time unit; α is in that unit).
 */
import { problem } from "../problems";
import { convergedNbd } from "./nbd";
import { fitObjectiveDerivatives, multiStart, newtonMinimize, NM_OPTIONS, type Derivatives } from "./optimize";
import { checkCustomer, checkHorizon, collectPatterns, sameLength, subsample, weightPerFrequency, type Patterns, type RepeatData } from "./patterns";
import { ChebyshevSeries } from "./chebyshev";
import { betaExpectation, betaRule, type BetaRule } from "./quadrature";
import { betaln, expm1OverX, gammaln, logAddExp, logistic, digammaSteps } from "./special";
import { deepFreeze, fitVerdict, type FitOptions, type ModelWarning } from "./types";

export type { RepeatData } from "./patterns";

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Σ weight · ln L at `params` in the data's time unit (eq. 6), without the penalty. */
  readonly logLikelihood: number;
  /** True only when Nelder–Mead met its tolerances, a restart did not improve, the gradient is ~0 and no parameter ran to 0 or ∞. */
  readonly converged: boolean;
  /** Nelder–Mead iterations over all starts and restarts (including the warm-start stage on large data). */
  readonly iterations: number;
  readonly warnings: readonly ModelWarning[];
  /** Customers in the fit (Σ weights). */
  readonly customers: number;
  /** Rows skipped for NaN inputs. */
  readonly skipped: number;
  readonly penalizer: number;
}

/**
 * ln L(r, α, a, b | x, t_x, T) for one customer: eq. (6), in logs as in [3]:
 * ln L = A1 + A2 + ln(e^A3 + [x > 0]·e^A4) with A1 = lnΓ(r+x) − lnΓ(r) + r ln α,
 * A2 = ln B(a, b+x) − ln B(a, b), A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * @example bgnbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, 0, 0, 1) // ln(1/2): x = 0 gives (α/(α+T))^r
 */
export function bgnbdLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const rx = r + x;
  const a1 = gammaln(rx) - gammaln(r) + r * Math.log(alpha);
  const a2 = betaln(a, b + x) - betaln(a, b);
  const a3 = -rx * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - rx * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
 * (docs/metrics.md#customer-lifetime-value; [2]); 1 when x = 0. Evaluated as a logistic of the log-odds, so large
 * exponents neither overflow nor lose the small probabilities.
 * @example pAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 0, 38.86) // 1
 */
export function pAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkCustomer(x, tx, T);
  return pAliveUnchecked(params, x, tx, T);
}

/** P(alive) for a history already checked (collectPatterns, customerSummary): the predictors' hot path. */
export function pAliveUnchecked(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return logistic(-logOdds);
}

/**
 * Expected repeat purchases in (0, t] of a customer just acquired: eq. (9),
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))], evaluated as
 * `expectedPurchasesWhileAlive(r, a, b, t/α)` (the prior is the posterior of a customer with no history).
 * @example expectedPurchasesNew({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0) // 0
 */
export function expectedPurchasesNew(params: BgNbdParams, t: number): number {
  checkHorizon(t);
  return expectedPurchasesWhileAlive(params.r, params.a, params.b, t / params.alpha);
}

/**
 * Expected repeat purchases in the next t units of a customer with history (x, t_x, T): eq. (10),
 * E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                       / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)),
 * computed as P(alive) · `expectedPurchasesWhileAlive(r+x, a, b+x, t/(α+T))`.
 * @example conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 2, 30.43, 38.86) // 0
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkHorizon(t);
  checkCustomer(x, tx, T);
  const { r, alpha, a, b } = params;
  return pAliveUnchecked(params, x, tx, T) * expectedPurchasesWhileAlive(r + x, a, b + x, t / (alpha + T));
}

/**
 * D(k, a, β, s) = E[(1 − (1 + P·s)^(−k)) / P] for P ~ Beta(a, β): the expected purchases in a window of
 * length t of a customer alive now whose rate is Gamma(k, α+T) and dropout Beta(a, β) (posterior after x
 * repeat purchases: k = r+x, β = b+x), with s = t/(α+T). Eq. (10)'s numerator equals
 * D = c/(a−1) · [1 − (1−z)^k · 2F1(k, β; c; z)] with c = a+β−1, z = s/(1+s).
 *
 * Numerics: three evaluations, tried in order, each returning only a result whose error bound is below about
 * 1e-11 relative (stdlib's hyp2f1 is not used: it returns NaN here for c > ~171, or for b ~ 200 near z = 1).
 * 1. Pfaff: 2F1(k, β; c; z) = (1−z)^(−k) · 2F1(k, a−1; c; z/(z−1)), z/(z−1) = −s, gives
 *      D = Σ_{n≥1} (−1)^(n+1) (k)_n (a)_{n−1} / ((c+1)_{n−1} n!) · s^n,
 *    which is also the expansion of (1+ps)^(−k) in powers of p averaged over the Beta moments. Because
 *    (1+u)^(−k) is completely monotone, its Taylor remainder is bounded by the next term (Lagrange form), so
 *    stopping at the first term below 1e-16 of the sum bounds the error even where the series diverges (s > 1).
 *    Fast for short windows (s < 1) and for large c (long histories, or b large).
 * 2. Euler: 2F1(k, β; c; z) = (1−z)^(c−k−β) · 2F1(c−k, a−1; c; z) gives, with (a−1) and c cancelled by hand so
 *    nothing is 0/0 at a = 1 or c = 0,
 *      D = c·E1 − (1−z)^(a−1) · Σ_{n≥1} (c−k)_n (a)_{n−1} / ((c+1)_{n−1} n!) · z^n,  E1 = (1 − (1−z)^(a−1))/(a−1),
 *    convergent for every z < 1 but slowly near 1 (about 40·(1+s) terms when k is small).
 * 3. Tanh-sinh quadrature of the Beta expectation (quadrature.ts) when neither series is fast and accurate:
 *    about 1e-13 for any s.
 *
 * @example expectedPurchasesWhileAlive(1, 2, 3, 1e-9) // ≈ k·s = 1e-9 (short windows: rate × time)
 */
export function expectedPurchasesWhileAlive(k: number, a: number, beta: number, s: number, rule?: BetaRule | (() => BetaRule), ratios?: PfaffRatios): number {
  if (s === 0) return 0;
  if (s === Infinity) return a > 1 ? (a + beta - 1) / (a - 1) : Infinity; // E[1/P]: all future purchases
  const c = a + beta - 1;
  let d = pfaffD(k, a, c, s, ratios);
  if (d !== d) d = eulerD(k, a, c, s); // NaN: not accurate by that series (self-compare: no builtin, see pfaffD)
  if (d === d) return d;
  const r = rule === undefined ? betaRule(a, beta) : typeof rule === "function" ? rule() : rule;
  return quadratureD(k, s, r);
}

const PFAFF_MAX_TERMS = 400;

/**
 * The Pfaff series' term ratios without their factor s, −(k+n)(a+n−1)/((c+n)(n+1)) for n = 1, 2, …, worked out as
 * far as asked: they depend on (k, a, c) only, so one customer's horizons, and every customer of one frequency under
 * one parameter set, share them (the forecast intervals evaluate D millions of times).
 */
export class PfaffRatios {
  readonly ratio = new Float64Array(PFAFF_MAX_TERMS + 1);
  /** ratio[1..known] are worked out. */
  known = 0;
  private k = NaN;
  private a = NaN;
  private c = NaN;

  /** Starts over for another (k, a, c). */
  reset(k: number, a: number, c: number): void {
    this.k = k;
    this.a = a;
    this.c = c;
    this.known = 0;
  }

  /** Works out the ratios up to n (at most PFAFF_MAX_TERMS). */
  extend(n: number): void {
    const { k, a, c, ratio } = this;
    const to = Math.min(PFAFF_MAX_TERMS, n);
    for (let m = this.known + 1; m <= to; m++) ratio[m] = -(((k + m) * (a + m - 1)) / ((c + m) * (m + 1)));
    this.known = to;
  }
}

/** D by the Pfaff-transformed (moment) series; NaN when its terms stop shrinking or cancel too much. */
function pfaffD(k: number, a: number, c: number, s: number, ratios?: PfaffRatios): number {
  // No Math.abs / Number.isFinite inside the loop: called from a vm context (Jest) a builtin costs ~0.3 µs on
  // Node 20, and the forecast intervals run this loop millions of times.
  let v = k * s; // n = 1
  let sum = v;
  let sumAbs = v < 0 ? -v : v;
  const cached = ratios?.ratio;
  for (let n = 1; n <= PFAFF_MAX_TERMS; n++) {
    let ratio: number;
    if (cached) {
      if (n > (ratios as PfaffRatios).known) (ratios as PfaffRatios).extend(n + 31);
      ratio = cached[n] * s;
    } else ratio = -(((k + n) * (a + n - 1)) / ((c + n) * (n + 1))) * s;
    const next = v * ratio;
    if (!(next - next === 0)) return NaN; // ±∞ or NaN
    const absNext = next < 0 ? -next : next;
    const absSum = sum < 0 ? -sum : sum;
    if (absNext <= 1e-16 * absSum) {
      // Error ≤ |next| (see above); rounding: each term carries ~n roundings from the running product.
      if (4.5e-16 * (sumAbs + absSum) > 1e-11 * absSum) return NaN;
      return sum;
    }
    // Past the initial hump the terms only grow once |ratio| ≥ 1: the series will not get there. Terms far
    // larger than the sum would cancel away the accuracy anyway.
    if (((ratio < 0 ? -ratio : ratio) >= 1 && n > k + a + 2) || !(sumAbs <= 1e5 * absSum)) return NaN;
    v = next;
    sum += v;
    sumAbs += (n + 1) * absNext;
  }
  return NaN;
}

const SERIES_MAX_TERMS = 3000;

/** D by the Euler-transformed series (see expectedPurchasesWhileAlive); NaN when it would be slow or inaccurate. */
function eulerD(k: number, a: number, c: number, s: number): number {
  const L = Math.log1p(s); // −ln(1 − z)
  // Geometric convergence at rate z: about 37/(−ln z) terms for 1e-16; give up early when that exceeds the budget
  // unless k is large (then (c−k)_n/(c+1)_{n−1} shrinks fast and far fewer terms are needed).
  const z = s / (1 + s);
  if (k < 20 && 37 / Math.log1p(1 / s) > SERIES_MAX_TERMS) return NaN;
  const y = -(a - 1) * L;
  const cE1 = c * L * expm1OverX(y);
  const prefactor = Math.exp(y); // (1 − z)^(a−1)
  const ck = c - k;
  let u = ck * z;
  let sum = u;
  let sumAbs = u < 0 ? -u : u;
  let n = 1;
  // No builtins inside the loop (see pfaffD).
  while (u !== 0) {
    const ratio = (((ck + n) * (a + n - 1)) / ((c + n) * (n + 1))) * z;
    u *= ratio;
    n++;
    sum += u;
    const au = u < 0 ? -u : u;
    sumAbs += n * au; // later terms carry ~n roundings from the running product
    if (ck + n > 0 && ratio < 1) {
      const rho = ratio > z ? ratio : z;
      if (au * (rho / (1 - rho)) <= 1e-17 * (sum < 0 ? -sum : sum)) break;
    }
    if (n > SERIES_MAX_TERMS) return NaN;
  }
  const d = cE1 - prefactor * sum;
  const roundoff = 4.5e-16 * (Math.abs(cE1) + prefactor * (sumAbs + Math.abs(sum)));
  if (!(roundoff <= 1e-11 * Math.abs(d))) return NaN;
  return d;
}

/** D by quadrature: E[(1 − (1 + P s)^(−k)) / P] over a Beta(a, β) rule (the limit k·s at P = 0). */
function quadratureD(k: number, s: number, rule: BetaRule): number {
  return betaExpectation(rule, (p) => (p === 0 ? k * s : -Math.expm1(-k * Math.log1p(p * s)) / p));
}

// ---- columns --------------------------------------------------------------------------------------------------

/** P(alive) per customer; NaN where the inputs are NaN (customers without a purchase). */
export function pAliveColumns(params: BgNbdParams, data: RepeatData): Float64Array {
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

/**
 * Conditional expected purchases in the next t units per customer (eq. 10); NaN where the inputs are NaN.
 * Quadrature rules (needed only near z = 1) are shared between customers with the same frequency.
 */
export function conditionalExpectedPurchasesColumns(params: BgNbdParams, t: number, data: RepeatData): Float64Array {
  checkHorizon(t);
  const n = sameLength(data);
  const out = new Float64Array(n);
  const rules = new RuleCache(params);
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) {
      out[i] = NaN;
      continue;
    }
    checkCustomer(x, tx, T, i + 1);
    out[i] = pAliveUnchecked(params, x, tx, T) * rules.whileAlive(x, t / (params.alpha + T));
  }
  return out;
}

/** D(r+x, a, b+x, s) for one parameter set, with the quadrature fallback's rule built once per frequency. */
export class RuleCache {
  private readonly rules = new Map<number, BetaRule>();
  /** The series ratios of the last frequency asked for (callers that go frequency by frequency reuse them). */
  private readonly ratios = new PfaffRatios();
  private ratiosX = NaN;
  private readonly ruleOfX = (): BetaRule => {
    const x = this.ratiosX;
    let rule = this.rules.get(x);
    if (!rule) {
      rule = betaRule(this.params.a, this.params.b + x);
      this.rules.set(x, rule);
    }
    return rule;
  };
  /** A Chebyshev series of D(s)/s in ln s for frequency `seriesX` (see `prepare`). */
  private series: ChebyshevSeries | undefined;
  private seriesX = NaN;
  constructor(private readonly params: BgNbdParams) {}

  whileAlive(x: number, s: number): number {
    const series = this.series;
    if (series !== undefined && x === this.seriesX) {
      const t = Math.log(s);
      if (t >= series.lo && t <= series.hi) return s * series.at(t);
    }
    return this.direct(x, s);
  }

  /**
   * Announces `evaluations` calls of `whileAlive(x, s)` with s in [sLo, sHi] (the forecast intervals: one frequency's
   * histories under one parameter draw). When there are enough of them, D(s)/s is tabulated as a Chebyshev series
   * in ln s — analytic in the strip |Im ln s| < π (D's only singularities are at s ≤ −1), so 65 nodes resolve
   * it to 1e-11 over the range a forecast needs — kept only when it agrees with the direct values (ChebyshevSeries.fit);
   * else, or for other frequencies, D is computed directly.
   */
  prepare(x: number, sLo: number, sHi: number, evaluations: number): void {
    this.series = undefined;
    if (!(sLo > 0) || !(sHi < Infinity)) return;
    const lo = Math.log(sLo);
    const hi = Math.log(sHi);
    const f = (t: number) => {
      const s = Math.exp(t);
      return this.direct(x, s) / s;
    };
    for (const n of SERIES_NODES) {
      if (evaluations < 3 * n) return; // tabulating would cost about what it saves
      const series = ChebyshevSeries.fit(f, lo, hi, n, SERIES_TOLERANCE);
      if (series) {
        this.series = series;
        this.seriesX = x;
        return;
      }
    }
  }

  private direct(x: number, s: number): number {
    const { r, a, b } = this.params;
    if (x !== this.ratiosX) {
      this.ratios.reset(r + x, a, a + (b + x) - 1); // c as expectedPurchasesWhileAlive forms it (same rounding)
      this.ratiosX = x;
    }
    return expectedPurchasesWhileAlive(r + x, a, b + x, s, this.ruleOfX, this.ratios);
  }
}

/** Nodes tried for a tabulated D (a wider range of s needs more), and the agreement a table must show. */
const SERIES_NODES = [65];
const SERIES_TOLERANCE = 1e-11;

// ---- fit ------------------------------------------------------------------------------------------------------

/** Scratch arrays for the likelihood, sized to a pattern set. */
interface Scratch {
  a12: Float64Array;
  a4: Float64Array;
  logTime: Float64Array;
}

function scratchFor(pt: Patterns): Scratch {
  return { a12: new Float64Array(pt.xs.length), a4: new Float64Array(pt.xs.length), logTime: new Float64Array(pt.times.length) };
}

/** Σ w · ln L over patterns (eq. 6 summed; ln Γ / ln B terms once per distinct x, logs once per distinct time). */
function patternLogLikelihood(pt: Patterns, r: number, alpha: number, a: number, b: number, sc: Scratch): number {
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const { a12, a4, logTime } = sc;
  const xs = pt.xs;
  const maxX = xs[xs.length - 1];
  if (maxX < 30 * xs.length) {
    // Integer x: lnΓ(r+x) − lnΓ(r) = Σ_{j<x} ln(r+j) and ln B(a, b+x) − ln B(a, b) = Σ_{j<x} ln((b+j)/(a+b+j)),
    // cheaper than ln Γ per distinct x when frequencies are small or dense.
    let cum = 0;
    let j = 0;
    for (let k = 0; k <= maxX; k++) {
      if (xs[j] === k) {
        a12[j] = cum + r * lnAlpha;
        j++;
      }
      cum += Math.log(r + k) + Math.log((b + k) / (a + b + k));
    }
  } else {
    const lnGammaR = gammaln(r);
    const lnBetaAB = betaln(a, b);
    for (let j = 0; j < xs.length; j++) {
      const x = xs[j];
      a12[j] = gammaln(r + x) - lnGammaR + r * lnAlpha + betaln(a, b + x) - lnBetaAB; // A1 + A2
    }
  }
  for (let j = 0; j < xs.length; j++) a4[j] = xs[j] > 0 ? lnA - Math.log(b + xs[j] - 1) : -Infinity; // A4 without its time term
  for (let j = 0; j < pt.times.length; j++) logTime[j] = Math.log(alpha + pt.times[j]);
  let sum = 0;
  const { x, w, xIndex, TIndex, txIndex } = pt;
  for (let i = 0; i < x.length; i++) {
    const rx = r + x[i];
    const j = xIndex[i];
    const a3 = -rx * logTime[TIndex[i]];
    let ll = a12[j] + a3;
    if (x[i] > 0) {
      // ln(e^A3 + e^A4) written out (logAddExp inlined: this loop is the fit's hot spot).
      const d = a4[j] - rx * logTime[txIndex[i]] - a3;
      ll += d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
    }
    sum += w[i] * ll;
  }
  return sum;
}

/**
 * The gradient and Hessian of Σ w · ln L (eq. 6) in (r, α, a, b), in one pass over the patterns; undefined when a
 * frequency is not a whole number below 10⁶ (the sums below assume one). For each pattern ln L = A₁₂ + ln(e^A₃ + e^A₄),
 * so with p = e^A₄/(e^A₃ + e^A₄) its gradient is ∇A₁₂ + (1−p)∇A₃ + p∇A₄ and its Hessian ∇²A₁₂ + (1−p)∇²A₃ + p∇²A₄ +
 * p(1−p)(∇A₄−∇A₃)(∇A₄−∇A₃)ᵀ; A₁₂'s digamma and trigamma differences are sums over j < x (ψ(r+x) − ψ(r) = Σ 1/(r+j)).
 */
export function bgnbdLogLikelihoodDerivatives(pt: Patterns, r: number, alpha: number, a: number, b: number): Derivatives | undefined {
  const xs = pt.xs;
  const ofR = digammaSteps(xs, r);
  const ofB = digammaSteps(xs, b);
  const ofAB = digammaSteps(xs, a + b);
  if (!ofR || !ofB || !ofAB) return undefined;
  const g = [0, 0, 0, 0];
  const H = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  // A₁₂ depends on x only: its terms are weighted by each frequency's total weight.
  const wx = weightPerFrequency(pt);
  const lnAlpha = Math.log(alpha);
  for (let j = 0; j < xs.length; j++) {
    const w = wx[j];
    g[0] += w * (ofR.first[j] + lnAlpha);
    g[1] += w * (r / alpha);
    g[2] += w * -ofAB.first[j];
    g[3] += w * (ofB.first[j] - ofAB.first[j]);
    H[0][0] += w * -ofR.second[j];
    H[0][1] += w / alpha;
    H[1][1] += w * (-r / (alpha * alpha));
    H[2][2] += w * ofAB.second[j];
    H[2][3] += w * ofAB.second[j];
    H[3][3] += w * (ofAB.second[j] - ofB.second[j]);
  }
  const times = pt.times;
  const logTime = new Float64Array(times.length);
  const invTime = new Float64Array(times.length);
  for (let j = 0; j < times.length; j++) {
    logTime[j] = Math.log(alpha + times[j]);
    invTime[j] = 1 / (alpha + times[j]);
  }
  const lnA = Math.log(a);
  const { x, w, TIndex, txIndex } = pt;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i];
    const rx = r + x[i];
    const lT = logTime[TIndex[i]];
    const iT = invTime[TIndex[i]];
    // A₃ = −(r+x) ln(α+T)
    let g0 = -lT;
    let g1 = -rx * iT;
    let h01 = -iT;
    let h11 = rx * iT * iT;
    if (x[i] > 0) {
      const lTx = logTime[txIndex[i]];
      const iTx = invTime[txIndex[i]];
      const bx = b + x[i] - 1;
      // A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x); p = σ(A₄ − A₃)
      const d = lnA - Math.log(bx) - rx * lTx + rx * lT;
      const p = d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
      const q = 1 - p;
      const d0 = lT - lTx; // ∇A₄ − ∇A₃
      const d1 = rx * (iT - iTx);
      const d2 = 1 / a;
      const d3 = -1 / bx;
      g0 += p * d0;
      g1 += p * d1;
      g[2] += wi * p * d2;
      g[3] += wi * p * d3;
      h01 = q * -iT + p * -iTx;
      h11 = q * rx * iT * iT + p * rx * iTx * iTx;
      const pq = wi * p * q;
      H[0][0] += pq * d0 * d0;
      H[0][1] += pq * d0 * d1;
      H[0][2] += pq * d0 * d2;
      H[0][3] += pq * d0 * d3;
      H[1][1] += pq * d1 * d1;
      H[1][2] += pq * d1 * d2;
      H[1][3] += pq * d1 * d3;
      H[2][2] += pq * d2 * d2 + wi * p * (-1 / (a * a));
      H[2][3] += pq * d2 * d3;
      H[3][3] += pq * d3 * d3 + wi * p * (1 / (bx * bx));
    }
    g[0] += wi * g0;
    g[1] += wi * g1;
    H[0][1] += wi * h01;
    H[1][1] += wi * h11;
  }
  for (let k = 0; k < 4; k++) for (let l = 0; l < k; l++) H[k][l] = H[l][k];
  return { gradient: g, hessian: H };
}

/** Σ weight · ln L(params | x, t_x, T) over customers (eq. 6), NaN rows skipped. */
export function bgnbdTotalLogLikelihood(params: BgNbdParams, data: RepeatData): number {
  const pt = collectPatterns(data);
  return patternLogLikelihood(pt, params.r, params.alpha, params.a, params.b, scratchFor(pt));
}

/** Σ weight · ln L as a function of the parameters, with the data's patterns collected once (for repeated evaluation). */
export function bgnbdLogLikelihoodOf(data: RepeatData): (params: BgNbdParams) => number {
  const pt = collectPatterns(data);
  const sc = scratchFor(pt);
  return (p) => patternLogLikelihood(pt, p.r, p.alpha, p.a, p.b, sc);
}

/**
 * Nelder–Mead's coordinates: φ = (ln r, ln(r/α), ln(a+b), ln(a/b)). The mean purchase rate r/α and the
 * dropout odds a/b are much better determined by the data than r, α, a, b (whose estimates are strongly
 * correlated in pairs), so the likelihood's valleys are rounder in φ and the simplex needs fewer steps.
 * Every parameter that runs to 0 or ∞ sends some φ_k to ±∞, so the boundary stop still applies.
 */
function toSearch(r: number, alpha: number, a: number, b: number): number[] {
  return [Math.log(r), Math.log(r / alpha), Math.log(a + b), Math.log(a / b)];
}

function fromSearch(phi: ArrayLike<number>): [number, number, number, number] {
  const r = Math.exp(phi[0]);
  const alpha = r * Math.exp(-phi[1]);
  const sum = Math.exp(phi[2]);
  const odds = Math.exp(phi[3]);
  return [r, alpha, sum / (1 + 1 / odds), sum / (1 + odds)];
}

/** Above this many distinct (x, t_x, T) patterns the fit starts from a subsample's optimum. */
const WARM_START_PATTERNS = 3000;

/** ln of the largest/smallest plausible parameter in rescaled time; beyond it the fit ran to a boundary. */
const LOG_BOUND = Math.log(1e6);

/**
 * Maximum-likelihood fit of BG/NBD (r, α, a, b) to customers' (x, t_x, T) (eq. 6), as lifetimes does it:
 * Nelder–Mead on log-parameters, time rescaled so the largest T is 1 (α scaled back after), customers with
 * identical (x, t_x, T) collapsed into weighted patterns. The objective is the mean negative log-likelihood
 * plus `penalizer`·(r² + α'² + a² + b²), α' in rescaled time (lifetimes' L2 penalizer). The start is
 * r = α' = a = b = 1 (or `init`); when that run does not converge, or ends at a boundary, three more starts
 * are tried and the best kept. Above 3,000 distinct histories the fit starts from the optimum of a ~1,500-pattern
 * subsample and finishes with Newton's method on the log-likelihood's closed-form gradient and Hessian
 * (`bgnbdLogLikelihoodDerivatives`; Nelder–Mead as above where Newton does not converge).
 *
 * @example fitBgNbd({ x, tx, T }).params // CDNOW 1/10 sample in weeks: r 0.243, α 4.414, a 0.793, b 2.426
 * @throws KaProblem notEnoughData when fewer than 2 customers remain or nobody made a repeat purchase (the
 *   model cannot be identified); badArgument for impossible rows (naming the row); sizeMismatch; outOfRange
 *   for a negative penalizer.
 */
export function fitBgNbd(data: RepeatData, opts: FitOptions<BgNbdParams> = {}): BgNbdFit {
  const penalizer = opts.penalizer ?? 0;
  if (!(penalizer >= 0) || !Number.isFinite(penalizer)) throw problem("outOfRange", `penalizer: ${penalizer} must be a finite number ≥ 0`, { path: "penalizer" });
  const maxIter = opts.maxIter ?? 2000;
  if (!(maxIter >= 1)) throw problem("outOfRange", `maxIter: ${maxIter} must be at least 1`, { path: "maxIter" });
  const pt = collectPatterns(data);
  if (pt.totalWeight < 2) {
    throw problem("notEnoughData", `BG/NBD needs at least 2 customers with a purchase; there ${pt.totalWeight === 1 ? "is 1" : `are ${pt.totalWeight}`}`, { path: "frequency" });
  }
  if (pt.repeatWeight === 0) {
    throw problem("notEnoughData", "BG/NBD needs at least one customer with a repeat purchase (every frequency is 0), so dropout cannot be estimated", { path: "frequency" });
  }
  let maxT = 0;
  for (let i = 0; i < pt.T.length; i++) maxT = Math.max(maxT, pt.T[i]);
  if (!(maxT > 0)) throw problem("notEnoughData", "BG/NBD needs some customer observed for a while (every T is 0: all first purchases fall on the as-of day)", { path: "T" });
  const scale = 1 / maxT;
  const scaled: Patterns = { ...pt, tx: pt.tx.map((v) => v * scale), T: pt.T.map((v) => v * scale), times: pt.times.map((v) => v * scale) };
  const sc = scratchFor(pt);
  const makeObjective = (p: Patterns, scratch: Scratch) => {
    const W = p.totalWeight;
    return (phi: Float64Array): number => {
      const [r, al, a, b] = fromSearch(phi);
      if (!(r > 0 && al > 0 && a > 0 && b > 0 && r < Infinity && al < Infinity && a < Infinity && b < Infinity)) return Infinity;
      const ll = patternLogLikelihood(p, r, al, a, b, scratch);
      return -ll / W + penalizer * (r * r + al * al + a * a + b * b);
    };
  };
  const objective = makeObjective(scaled, sc);
  // The objective's gradient and Hessian in φ, for Newton's method: the likelihood's in (r, α, a, b) (one pass over
  // the patterns instead of central differences' 21 evaluations), with the penalty, taken to u = ln θ and then to φ
  // (u₀ = φ₀, u₁ = φ₀ − φ₁, u₂ = φ₂ + φ₃ − ln(1+e^φ₃), u₃ = φ₂ − ln(1+e^φ₃)).
  const derivatives = (phi: Float64Array): Derivatives | undefined => {
    const theta = fromSearch(phi);
    const d = bgnbdLogLikelihoodDerivatives(scaled, theta[0], theta[1], theta[2], theta[3]);
    if (!d) return undefined;
    const { gradient: gu, hessian: hu } = fitObjectiveDerivatives(theta, d, scaled.totalWeight, penalizer);
    const s3 = 1 / (1 + Math.exp(-phi[3]));
    const J = [
      [1, 0, 0, 0],
      [1, -1, 0, 0],
      [0, 0, 1, 1 - s3],
      [0, 0, 1, -s3],
    ]; // ∂u/∂φ
    const gradient = [0, 0, 0, 0];
    const hessian = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (let m = 0; m < 4; m++) {
      for (let k = 0; k < 4; k++) gradient[m] += J[k][m] * gu[k];
      for (let n = 0; n < 4; n++) for (let k = 0; k < 4; k++) for (let l = 0; l < 4; l++) hessian[m][n] += J[k][m] * hu[k][l] * J[l][n];
    }
    hessian[3][3] -= (gu[2] + gu[3]) * s3 * (1 - s3);
    return { gradient, hessian };
  };

  const starts: number[][] = [];
  if (opts.init) {
    const { r, alpha, a, b } = opts.init;
    if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) throw problem("outOfRange", "init: r, alpha, a and b must be finite and > 0", { path: "init" });
    starts.push(toSearch(r, alpha * scale, a, b));
  } else starts.push(toSearch(1, 1, 1, 1));
  // Fallback starts: a CDNOW-like point, a homogeneous one, a very heterogeneous one.
  starts.push(toSearch(0.25, 0.1, 0.8, 2.5), toSearch(3, 3, 2, 10), toSearch(0.1, 0.01, 0.3, 0.5));

  // Dropout not identified (the score test of `noDropoutLimit`): the maximum is the a → 0 boundary, where the search
  // would only crawl towards it (Online Retail: 560 iterations, 0.3 s). Report the boundary at once, with the NBD's
  // r and α (and b = 1: at a = 0 the likelihood does not depend on b).
  if (!opts.init && penalizer === 0) {
    const nbd = noDropoutLimit(data, pt, (r, al, a, b) => patternLogLikelihood(pt, r, al, a, b, sc));
    if (nbd) {
      const phi = Float64Array.from(toSearch(nbd.r, nbd.alpha * scale, Math.exp(-LOG_BOUND - 2.5), 1));
      return finishFit(phi, { f: objective(phi), converged: false, iterations: nbd.iterations });
    }
  }

  // Large data: fit every m-th pattern first (about 1500 of them) and start the full fit there with a small
  // simplex — far fewer evaluations of the full likelihood. Convergence is judged on the full fit only.
  let fullStarts = starts;
  let firstStep: number | undefined;
  let warmIterations = 0;
  if (scaled.x.length > WARM_START_PATTERNS) {
    const sub = subsample(scaled, Math.ceil(scaled.x.length / 1500));
    if (sub.repeatWeight > 0) {
      const warm = multiStart(makeObjective(sub, scratchFor(sub)), starts, maxIter, LOG_BOUND);
      warmIterations = warm.iterations;
      fullStarts = [Array.from(warm.theta, (v) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, v))), ...starts];
      firstStep = 0.1;
    }
  }
  let found: { theta: Float64Array; f: number; converged: boolean; iterations: number } | undefined;
  if (firstStep !== undefined) {
    // Newton from the subsample's optimum: a few steps where Nelder–Mead crawls the likelihood's flat valley
    // (100,000 customers: ~460 iterations, 8 s). Where Newton does not converge inside the bounds (the no-dropout
    // boundary), Nelder–Mead goes on from the subsample's optimum as before.
    const newton = newtonMinimize(objective, fullStarts[0], { h: 1e-3, maxSteps: 16, stopWhen: NM_OPTIONS(0, LOG_BOUND).stopWhen, derivatives });
    warmIterations += newton.steps;
    if (newton.converged && !newton.x.some((v) => Math.abs(v) > LOG_BOUND)) found = { theta: newton.x, f: newton.f, converged: true, iterations: 0 };
  }
  found ??= multiStart(objective, fullStarts, maxIter, LOG_BOUND, firstStep);
  return finishFit(found.theta, { ...found, iterations: found.iterations + warmIterations });

  function finishFit(foundTheta: Float64Array, found: { f: number; converged: boolean; iterations: number }): BgNbdFit {
    const fitted = fromSearch(foundTheta);
    const theta = fitted.map(Math.log);
    const iterations = found.iterations;
    const { converged, warnings } = fitVerdict("BG/NBD", ["r", "alpha", "a", "b"], theta, { ...found, searchTheta: foundTheta }, objective, LOG_BOUND, pt);

    const params: BgNbdParams = { r: fitted[0], alpha: fitted[1] / scale, a: fitted[2], b: fitted[3] };
    const logLikelihood = patternLogLikelihood(pt, params.r, params.alpha, params.a, params.b, sc);
    return deepFreeze({ params, logLikelihood, converged, iterations, warnings, customers: pt.totalWeight, skipped: pt.skipped, penalizer });
  }
}

/**
 * The score test for dropout: d ln L / da at a = 0, as a function of b, at the no-dropout (NBD) estimates of r and α.
 * As a → 0, Beta(a, b) puts the dropout probability p at 0 but for a share ~a of p of order 1/b:
 * E f(p) = f(0) + a·∫₀¹ (f(p) − f(0))·(1−p)^(b−1)/p dp + O(a²). Per customer f(p) = (1−p)^x·A(T) + [x>0]·p(1−p)^(x−1)·A(t_x),
 * A(t) the NBD's likelihood of x purchases with the last at t, so
 *   d ln L_i / da = [x>0]·R_i/(b+x−1) − (ψ(b+x) − ψ(b)),   R_i = A(t_x)/A(T) = ((α+T)/(α+t_x))^(r+x),
 * ψ(b+x) − ψ(b) = Σ_{k<x} 1/(b+k) (x a whole number). `b = Infinity` gives the limit of b·(score) (the slope in the
 * mean dropout probability a/b), `b = 0` the limit of b·(score) as b → 0. Σ weight·(…) over the patterns; the R_i,
 * which do not depend on b, are worked out once for all the b asked.
 */
export function dropoutScore(pt: Pick<Patterns, "x" | "tx" | "T" | "w">, r: number, alpha: number): (b: number) => number {
  let maxX = 0;
  const R = new Float64Array(pt.x.length);
  for (let i = 0; i < pt.x.length; i++) {
    maxX = Math.max(maxX, pt.x[i]);
    R[i] = Math.exp((r + pt.x[i]) * Math.log((alpha + pt.T[i]) / (alpha + pt.tx[i])));
  }
  const harmonic = new Float64Array(maxX + 1); // harmonic[x] = Σ_{k<x} 1/(b+k), for the b asked
  return (b) => {
    if (b > 0 && b < Infinity) for (let x = 1; x <= maxX; x++) harmonic[x] = harmonic[x - 1] + 1 / (b + (x - 1));
    let score = 0;
    for (let i = 0; i < pt.x.length; i++) {
      const x = pt.x[i];
      if (x === 0) continue; // no purchase to drop out after: (1−p)^0 = 1
      let term: number;
      if (b === Infinity) term = R[i] - x; // b·(R/(b+x−1) − Σ 1/(b+k)) → R − x
      else if (b === 0) term = x === 1 ? R[i] - 1 : -1; // b·(…) → R − 1 for x = 1 (both terms ~1/b), −1 for x ≥ 2
      else term = R[i] / (b + (x - 1)) - harmonic[x]; // b + (x − 1): b + x − 1 would lose a small b to rounding
      score += pt.w[i] * term;
    }
    return score;
  };
}

/** Values of b where `noDropoutLimit` checks the score: 10^(k/8) from 10⁻⁴ to 10⁸, coarse ones first. */
const SCORE_BS = (() => {
  const ks = Array.from({ length: 97 }, (_, i) => i - 32);
  return [...ks.filter((k) => k % 8 === 0), ...ks.filter((k) => k % 8 !== 0)].map((k) => 10 ** (k / 8));
})();

/**
 * The NBD's r and α (α in the data's time) when the data show no dropout; undefined otherwise (or when the NBD itself
 * cannot be fitted): the full search then decides. The score must be ≤ 0 for every b (a grid of b from 10⁻⁴ to 10⁸
 * and both limits): a little dropout of any shape lowers the likelihood. Since that only looks near the boundary, a
 * grid of points with real dropout must not beat the NBD either. `ll` is the log-likelihood on the patterns `pt`.
 */
function noDropoutLimit(data: RepeatData, pt: Patterns, ll: (r: number, alpha: number, a: number, b: number) => number): { r: number; alpha: number; iterations: number } | undefined {
  const nbd = convergedNbd(data);
  if (!nbd) return undefined;
  const { r, alpha } = nbd.params;
  const score = dropoutScore(pt, r, alpha);
  for (const b of [Infinity, 0, ...SCORE_BS]) if (!(score(b) <= 0)) return undefined;
  const atBoundary = ll(r, alpha, 1e-12, 1);
  // Mean dropout probability per purchase 0.01 … 0.5, spread wide (b small) to narrow (b large).
  for (const b of [0.5, 5, 50]) for (const mean of [0.01, 0.1, 0.5]) if (ll(r, alpha, (b * mean) / (1 - mean), b) > atBoundary) return undefined;
  return { r, alpha, iterations: nbd.iterations };
}
