/**
 * Special functions for the probabilistic models: thin wrappers over stdlib (log-gamma, log-beta) and the log-space
 * helpers the likelihoods need. Pure; no I/O.
 *
 * Accuracy notes (measured against mpmath 1.3.0 at 40 digits over r ∈ {0.1…5}, a ∈ {0.3…20}, b ∈ {0.5…200},
 * x ∈ {0…200}, z ∈ {0.1…0.99999}, the region of the BG/NBD conditional expectation):
 * - `gammaln`, `betaln`: about 1e-15 relative (stdlib documentation; checked in the tests).
 * - stdlib's `hyp2f1` (a port of Cephes): accurate to about 1e-12 where it returns a finite value, but it returns
 *   NaN once c = a + b + x − 1 exceeds about 171 (Γ(c) overflows in its 1 − z connection formula) and z > 0.9,
 *   and also for large b near z = 1 — in the paper's form and in the Euler-transformed one. The BG/NBD code
 *   therefore does not call it: `expectedPurchasesWhileAlive` (bgnbd.ts) sums the Pfaff-transformed series
 *   (argument z/(z−1) = −t/(α+T), with a rigorous truncation bound) or the Euler-transformed one (arranged so
 *   nothing cancels at a = 1), and falls back to quadrature near z = 1. No production path uses stdlib's 2F1: it
 *   is a development dependency, the tests' independent reference where its parameters are moderate.
 */
import stdlibGammaln from "@stdlib/math-base-special-gammaln";
import stdlibBetaln from "@stdlib/math-base-special-betaln";

/**
 * Natural log of |Γ(x)|.
 * @example gammaln(5) // ln 24 ≈ 3.178053830347946
 */
export function gammaln(x: number): number {
  return stdlibGammaln(x);
}

/**
 * Natural log of the beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b), for a, b > 0.
 * @example betaln(2, 3) // ln(1/12) ≈ −2.4849066497880004
 */
export function betaln(a: number, b: number): number {
  return stdlibBetaln(a, b);
}

/**
 * ln(e^a + e^b) without overflow or underflow; −∞ when both are −∞.
 * @example logAddExp(1000, 1000) // 1000 + ln 2
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln Σ e^(v_i), computed around the largest term so nothing overflows; −∞ for an empty list or all −∞.
 * @example logSumExp([0, 0, 0, 0]) // ln 4
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/**
 * ln(1 + e^x) (the softplus), exact in both tails.
 * @example softplus(0) // ln 2
 */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The logistic function 1/(1 + e^(−x)), never overflowing.
 * @example logistic(0) // 0.5
 */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * (e^y − 1)/y, with its limit 1 at y = 0 (expm1 keeps it accurate for tiny y).
 * @example expm1OverX(1e-20) // 1
 */
export function expm1OverX(y: number): number {
  return y === 0 ? 1 : Math.expm1(y) / y;
}

/**
 * ψ(c+x) − ψ(c) = Σ_{j<x} 1/(c+j) and ψ′(c) − ψ′(c+x) = Σ_{j<x} 1/(c+j)² for each of the ascending, distinct
 * frequencies `xs` (the likelihoods' ln Γ(c+x) − ln Γ(c) differentiated); undefined when a frequency is not a whole
 * number below 10⁶, which the sums assume.
 */
export function digammaSteps(xs: ArrayLike<number>, c: number): { first: Float64Array; second: Float64Array } | undefined {
  const n = xs.length;
  for (let j = 0; j < n; j++) if (!(Number.isInteger(xs[j]) && xs[j] >= 0 && xs[j] < 1e6)) return undefined;
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  let s1 = 0;
  let s2 = 0;
  for (let k = 0, j = 0; j < n; k++) {
    if (xs[j] === k) {
      first[j] = s1;
      second[j] = s2;
      j++;
      if (j === n) break;
    }
    s1 += 1 / (c + k);
    s2 += 1 / ((c + k) * (c + k));
  }
  return { first, second };
}
