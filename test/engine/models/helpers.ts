/**
 * Test helpers for the models: a seeded PRNG with gamma/beta samplers written out, BG/NBD and Gamma-Gamma
 * simulators, an adaptive Simpson integrator (independent of the engine's quadrature), and CDNOW loaders.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { dayFromYmd } from "../../../src/engine/day";

export const CDNOW_DIR = path.resolve(__dirname, "../../../../shared/data/cdnow");

/** xoshiro128** (Blackman & Vigna): a small seeded generator; uniform() gives 53-bit doubles in (0, 1). */
export class Rng {
  private s: Uint32Array;
  constructor(seed: number) {
    // splitmix32 to fill the state from one seed.
    this.s = new Uint32Array(4);
    let z = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (t ^ (t >>> 16)) >>> 0;
    }
  }
  private next32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
  /** Uniform in (0, 1), never 0. */
  uniform(): number {
    const hi = this.next32() >>> 5; // 27 bits
    const lo = this.next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }
  normal(): number {
    // Marsaglia polar method.
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }
  /** Gamma(shape, rate): Marsaglia & Tsang (2000) for shape ≥ 1; shape < 1 via Gamma(shape+1)·U^(1/shape). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }
  /** Beta(a, b) as G_a / (G_a + G_b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * One BG/NBD customer observed for T after a first purchase at 0 (the model's story, FHL 2005 §3): repeat
 * purchases arrive as a Poisson process of rate λ; after each repeat purchase the customer drops out with
 * probability p. Returns x (repeat purchases by T) and t_x (time of the last one).
 */
export function simulateBgNbdCustomer(rng: Rng, lambda: number, p: number, T: number): { x: number; tx: number; alive: boolean } {
  let t = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (t > T) return { x, tx, alive: true };
    x++;
    tx = t;
    if (rng.uniform() < p) return { x, tx, alive: false };
  }
}

/** Purchases in (0, t] of a customer alive at the start (same story, continued). */
export function simulateFuturePurchases(rng: Rng, lambda: number, p: number, t: number): number {
  let clock = 0;
  let n = 0;
  for (;;) {
    clock += rng.exponential(lambda);
    if (clock > t) return n;
    n++;
    if (rng.uniform() < p) return n;
  }
}

/** A simulated BG/NBD population: λ ~ Gamma(r, α), p ~ Beta(a, b), T uniform in [Tmin, Tmax]. */
export function simulateBgNbd(seed: number, n: number, params: { r: number; alpha: number; a: number; b: number }, Tmin: number, Tmax: number): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(params.r, params.alpha);
    const p = rng.beta(params.a, params.b);
    T[i] = Tmin + (Tmax - Tmin) * rng.uniform();
    const c = simulateBgNbdCustomer(rng, lambda, p, T[i]);
    x[i] = c.x;
    tx[i] = c.tx;
  }
  return { x, tx, T };
}

/**
 * Adaptive Simpson integration of f on [a, b] to absolute tolerance eps (Lyness 1969 stopping rule with
 * Richardson correction). Independent of the engine's tanh-sinh code.
 */
export function simpson(f: (x: number) => number, a: number, b: number, eps: number, maxDepth = 50): number {
  const fa = f(a);
  const fb = f(b);
  const m = (a + b) / 2;
  const fm = f(m);
  const whole = ((b - a) / 6) * (fa + 4 * fm + fb);
  return simpsonStep(f, a, b, fa, fm, fb, whole, eps, maxDepth);
}

function simpsonStep(f: (x: number) => number, a: number, b: number, fa: number, fm: number, fb: number, whole: number, eps: number, depth: number): number {
  const m = (a + b) / 2;
  const lm = (a + m) / 2;
  const rm = (m + b) / 2;
  const flm = f(lm);
  const frm = f(rm);
  const left = ((m - a) / 6) * (fa + 4 * flm + fm);
  const right = ((b - m) / 6) * (fm + 4 * frm + fb);
  const delta = left + right - whole;
  if (depth <= 0 || Math.abs(delta) <= 15 * eps) return left + right + delta / 15;
  return simpsonStep(f, a, m, fa, flm, fm, left, eps / 2, depth - 1) + simpsonStep(f, m, b, fm, frm, fb, right, eps / 2, depth - 1);
}

/** Composite Simpson rule with n (even) intervals on [a, b]. */
export function simpsonFixed(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** The published CDNOW summary (weeks): ID, frequency, recency, T. */
export function loadCdnowSummary(): { id: Int32Array; x: Float64Array; tx: Float64Array; T: Float64Array } {
  const lines = fs.readFileSync(path.join(CDNOW_DIR, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/);
  if (lines[0] !== "ID,frequency,recency,T") throw new Error(`unexpected header ${lines[0]}`);
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  return {
    id: Int32Array.from(rows, (r) => r[0]),
    x: Float64Array.from(rows, (r) => r[1]),
    tx: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3]),
  };
}

export interface CdnowRows {
  /** Customer code 0..n−1 (sample index − 1, or order of first appearance for the master file). */
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  nCustomers: number;
}

function dayOfYmdText(t: string): number {
  return dayFromYmd(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6, 8)));
}

/** CDNOW_sample.txt: master id, sample id 0001–2357, yyyymmdd, CDs, dollars. Customer code = sample id − 1. */
export function loadCdnowSample(): CdnowRows {
  const lines = fs.readFileSync(path.join(CDNOW_DIR, "CDNOW_sample.txt"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const customer = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const amount = new Float64Array(lines.length);
  let nCustomers = 0;
  lines.forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    customer[i] = Number(f[1]) - 1;
    day[i] = dayOfYmdText(f[2]);
    amount[i] = Number(f[4]);
    nCustomers = Math.max(nCustomers, customer[i] + 1);
  });
  return { customer, day, amount, nCustomers };
}

/** CDNOW_master.txt.gz (header row; customer_id, date, CDs, dollars). Customer code = order of first appearance. */
export function loadCdnowMaster(): CdnowRows {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(CDNOW_DIR, "CDNOW_master.txt.gz"))).toString("utf8");
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const body = lines.slice(1);
  const code = new Map<string, number>();
  const customer = new Int32Array(body.length);
  const day = new Int32Array(body.length);
  const amount = new Float64Array(body.length);
  body.forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    let c = code.get(f[0]);
    if (c === undefined) {
      c = code.size;
      code.set(f[0], c);
    }
    customer[i] = c;
    day[i] = dayOfYmdText(f[1]);
    amount[i] = Number(f[3]);
  });
  return { customer, day, amount, nCustomers: code.size };
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan elimination. */
export function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}

/** Asymptotic standard errors of the log-parameters: √diag((−H)⁻¹), H the Hessian of Σ ln L by central differences. */
export function logParamStandardErrors(ll: (theta: number[]) => number, theta: number[], h = 1e-4): number[] {
  const n = theta.length;
  const H: number[][] = Array.from({ length: n }, () => new Array(n).fill(0));
  const at = (di: number, dj: number, i: number, j: number) => {
    const t = [...theta];
    t[i] += di;
    t[j] += dj;
    return ll(t);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i][j] = (at(h, h, i, j) - at(h, -h, i, j) - at(-h, h, i, j) + at(-h, -h, i, j)) / (4 * h * h);
    }
  }
  const cov = invert(H.map((row) => row.map((v) => -v)));
  return cov.map((row, i) => Math.sqrt(row[i]));
}

/**
 * A ledger without dropout: n customers observed 20–39 weeks, customer i buying every 1 + (i mod `spacings`) weeks up
 * to its last purchase, in the last possible week — nobody looks gone.
 */
export function steadyBuyers(n: number, spacings: number): { x: number[]; tx: number[]; T: number[] } {
  const T = Array.from({ length: n }, (_, i) => 20 + (i % 20));
  const x = T.map((t, i) => Math.floor(t / (1 + (i % spacings))));
  const tx = T.map((t, i) => x[i] * (1 + (i % spacings)));
  return { x, tx, T };
}
