/**
 * The one integral of the Pareto/NBD model:
 *
 *   I(lo, hi) = ∫_lo^hi (α+τ)^(−m) (β+τ)^(−n) dτ,   α, β > 0, m, n > 0, m + n > 1, 0 ≤ lo ≤ hi ≤ ∞.
 *
 * Fader & Hardie (2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. 20–22) write it
 * with Gauss's 2F1 whose argument |α−β|/(max(α,β)+t) stays in [0, 1) by taking the larger of α, β as the base, and
 * as a difference of two such terms (t = t_x and t = T). Here the difference is never formed: every piece below
 * integrates over [lo, hi] directly, so the result is a positive number computed from positive (or, in B,
 * rapidly shrinking alternating) terms, with no cancellation when t_x is close to T. Returned as a logarithm, so
 * neither (α+τ)^(−m) for large m nor the integral's size under- or overflows.
 *
 * With M = max(α, β) (exponent e_M), μ = min(α, β) (exponent e_μ), Δ = M − μ and g = m + n − 1:
 * A. (μ+τ)^(−e_μ) = (M+τ)^(−e_μ)·(1 − Δ/(M+τ))^(−e_μ) expanded in Δ/(M+τ) (the 2F1 series of the note):
 *      I = Σ_j (e_μ)_j/j! · Δ^j · [(M+a)^(−(g+j)) − (M+b)^(−(g+j))]/(g+j),
 *    positive terms, ratio ≤ ρ = Δ/(M+a). Fast unless ρ is close to 1 (one of α, β much larger than the other and
 *    than a).
 * B. Where μ+τ ≤ Δ/2 (close to the start when α, β differ a lot), (M+τ)^(−e_M) = Δ^(−e_M)·(1 + (μ+τ)/Δ)^(−e_M)
 *    expanded in (μ+τ)/Δ ≤ 1/2:
 *      I = Δ^(−e_M) Σ_j (−1)^j (e_M)_j/j! · Δ^(−j) · ∫_a^b (μ+τ)^(j−e_μ) dτ,
 *    alternating; accepted only when its terms cancel by less than a factor 1e4 (e_M not large).
 * So the interval is split at μ + τ* = Δ/2: A on [τ*, hi] (ρ ≤ 2/3), B on [lo, τ*]; when A alone is short it is
 * used on the whole interval. Where B would cancel, an adaptive Gauss–Kronrod (7, 15) rule in v = ln(μ+τ) takes
 * that piece (to 1e-13 relative).
 */
import { expm1OverX, logAddExp } from "./special";

/** Above this many expected terms of series A over the whole interval, split it (see the file comment). */
const A_TERMS_BEFORE_SPLIT = 80;
const MAX_TERMS = 5000;

/**
 * ln ∫_lo^hi (α+τ)^(−m) (β+τ)^(−n) dτ; −∞ when hi ≤ lo; hi may be Infinity.
 * @example Math.exp(logPowerIntegral(1, 1, 1, 1, 0, Infinity)) // ∫_0^∞ (1+τ)^(−2) dτ = 1
 */
export function logPowerIntegral(alpha: number, m: number, beta: number, n: number, lo: number, hi: number): number {
  if (!(hi > lo)) return -Infinity;
  const alphaIsMax = alpha >= beta;
  const M = alphaIsMax ? alpha : beta;
  const mu = alphaIsMax ? beta : alpha;
  const eM = alphaIsMax ? m : n;
  const eMu = alphaIsMax ? n : m;
  const delta = M - mu;
  const g = m + n - 1;
  const split = delta / 2 - mu; // μ + τ* = Δ/2
  if (split <= lo) return logSeriesA(M, delta, eMu, g, lo, hi);
  const rho = delta / (M + lo);
  if ((eMu * rho + 37) / (1 - rho) <= A_TERMS_BEFORE_SPLIT) return logSeriesA(M, delta, eMu, g, lo, hi);
  const mid = Math.min(hi, split);
  let low = logSeriesB(mu, delta, eM, eMu, lo, mid);
  if (Number.isNaN(low)) low = logQuadrature(mu, delta, eM, eMu, lo, mid);
  return mid < hi ? logAddExp(low, logSeriesA(M, delta, eMu, g, mid, hi)) : low;
}

/** Series A on [a, b] (see the file comment); terms positive. */
function logSeriesA(M: number, delta: number, eMu: number, g: number, a: number, b: number): number {
  const lnMa = Math.log(M + a);
  const rho = delta / (M + a);
  const lnR = -Math.log1p((b - a) / (M + a)); // ln((M+a)/(M+b)) ≤ 0, exact when b is close to a; −∞ for b = ∞
  // 1 − R^e for e = g, g+1, …, updated as (1 − R^(e+1)) = (1 − R^e) + R^e·(1 − R): positive terms, so exact also
  // when R is close to 1 (t_x close to T).
  const oneMinusR = -Math.expm1(lnR);
  let rPow = Math.exp(g * lnR);
  let oneMinus = -Math.expm1(g * lnR);
  let c = 1; // (e_μ)_j / j! · ρ^j, rescaled by e^(−logScale)
  let logScale = 0;
  let sum = 0;
  for (let j = 0; j < MAX_TERMS; j++) {
    const term = (c * oneMinus) / (g + j);
    sum += term;
    const step = (rho * (eMu + j)) / (j + 1);
    // Later ratios are at most max(step, ρ) (< 1 from here on): the tail is bounded by a geometric series.
    const kappa = step > rho ? step : rho;
    if (kappa < 1 && term * kappa <= 1e-17 * (1 - kappa) * sum) break;
    c *= step;
    if (c === 0) break;
    oneMinus += rPow * oneMinusR;
    rPow -= rPow * oneMinusR;
    if (c > 1e200) {
      c *= 1e-200;
      sum *= 1e-200;
      logScale += 200 * Math.LN10;
    }
  }
  return -g * lnMa + Math.log(sum) + logScale;
}

/**
 * Series B on [a, b] with μ + b ≤ Δ/2 (see the file comment); NaN when its alternating terms cancel too much, its
 * first terms would overflow, or it does not settle within the term budget. With y = μ+τ, ρ_b = (μ+b)/Δ ≤ ½ and
 * ε_j = j + 1 − e_μ, term j is (−1)^j (e_M)_j/j! ρ_b^j · (1 − ((μ+a)/(μ+b))^ε_j)/ε_j times Δ^(−e_M)(μ+b)^(1−e_μ).
 */
function logSeriesB(mu: number, delta: number, eM: number, eMu: number, a: number, b: number): number {
  const ya = mu + a;
  const yb = mu + b;
  const L = Math.log1p((b - a) / ya); // ln(yb/ya) > 0
  const rhoB = yb / delta;
  const eps0 = 1 - eMu;
  if (-eps0 * L > 600) return NaN;
  let u = Math.exp(-eps0 * L); // (ya/yb)^ε_j
  const q = Math.exp(-L);
  let c = 1; // (e_M)_j / j! · ρ_b^j
  let sum = 0;
  let sumAbs = 0;
  // No Math builtins inside the loop but where needed: each costs ~0.3 µs from Jest's vm context (see bgnbd.ts pfaffD).
  for (let j = 0; j < MAX_TERMS; j++) {
    const eps = j + 1 - eMu;
    const epsL = eps * L;
    // (1 − (ya/yb)^ε)/ε, with its limit L at ε = 0 taken exactly.
    const f = epsL < 0.5 && epsL > -0.5 ? L * expm1OverX(-epsL) : (1 - u) / eps;
    const t = c * f;
    sum += j % 2 === 0 ? t : -t;
    sumAbs += t;
    // |term_{j+1} / term_j| ≤ κ_j = ρ_b·(e_M+j)/(j+1) (the factor (1 − q^ε)/ε = ∫_0^L e^(−εw) dw falls as ε grows),
    // and κ_j only falls towards ρ_b ≤ ½ (or rises to it, for e_M < 1): once κ_j < 1 the alternating terms shrink
    // for good and the error is below the next term.
    const kappa = (rhoB * (eM + j)) / (j + 1);
    if (kappa < 1 && t <= 1e-17 * (sum < 0 ? -sum : sum)) {
      if (!(sum > 0) || sumAbs > 1e4 * sum) return NaN;
      return -eM * Math.log(delta) + (1 - eMu) * Math.log(yb) + Math.log(sum);
    }
    c *= kappa;
    if (c > 1e250) return NaN;
    u *= q;
  }
  return NaN;
}

// Gauss–Kronrod (7, 15) nodes and weights on [−1, 1] (Kronrod 1965; as tabulated in QUADPACK's qk15).
const XK = [0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0];
const WK = [0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714];
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/**
 * ∫_a^b (μ+τ)^(−e_μ) (Δ+μ+τ)^(−e_M) dτ by adaptive Gauss–Kronrod in v = ln(μ+τ) (power laws become smooth
 * exponentials), to 1e-13 relative; returned as a logarithm.
 */
function logQuadrature(mu: number, delta: number, eM: number, eMu: number, a: number, b: number): number {
  // v = ln(μ+a) + w, w ∈ [0, ln((μ+b)/(μ+a))]: the width is taken exactly (log1p), also for b close to a.
  const ya = mu + a;
  const width = Math.log1p((b - a) / ya);
  // ln of the integrand at w, relative to w = 0, formed from small terms: the absolute ln values reach 10⁵ and more
  // for large exponents, and their difference would carry ~10⁻¹¹ of rounding noise — more than the 1e-13 asked for,
  // so the bisection never settled and spent its whole budget (a ledger of 20 customers: 30 s in the Pareto/NBD fit).
  const share = ya / (delta + ya);
  const psi = (w: number) => (1 - eMu) * w - eM * Math.log1p(share * Math.expm1(w));
  const ref = Math.max(0, psi(width), psi(width / 2));
  const f = (w: number) => Math.exp(psi(w) - ref);
  const whole = kronrod(f, 0, width);
  const total = adaptive(f, 0, width, whole, 1e-13 * Math.abs(whole.k), 40);
  return (1 - eMu) * Math.log(ya) - eM * Math.log(delta + ya) + ref + Math.log(total);
}

function kronrod(f: (v: number) => number, a: number, b: number): { k: number; err: number } {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = WK[7] * fc;
  let gauss = WG[3] * fc;
  for (let i = 0; i < 7; i++) {
    const s = f(c - h * XK[i]) + f(c + h * XK[i]);
    k += WK[i] * s;
    if (i % 2 === 1) gauss += WG[(i - 1) / 2] * s;
  }
  return { k: k * h, err: Math.abs((k - gauss) * h) };
}

/**
 * Adaptive bisection: intervals whose Kronrod–Gauss difference exceeds their share of `tol` are halved, at most
 * 500 halvings (a smooth integrand needs a handful), and never below rounding (1e-15 of the interval's value).
 */
function adaptive(f: (v: number) => number, a: number, b: number, whole: { k: number; err: number }, tol: number, depth: number): number {
  let budget = 500;
  const step = (lo: number, hi: number, part: { k: number; err: number }, share: number, d: number): number => {
    if (part.err <= Math.max(share, 1e-15 * Math.abs(part.k)) || d === 0 || budget <= 0) return part.k;
    budget--;
    const m = (lo + hi) / 2;
    return step(lo, m, kronrod(f, lo, m), share / 2, d - 1) + step(m, hi, kronrod(f, m, hi), share / 2, d - 1);
  };
  return step(a, b, whole, tol, depth);
}
