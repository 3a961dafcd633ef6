/**
 * Customer histories (x, t_x, T) as the repeat-purchase models (BG/NBD, Pareto/NBD, NBD) read them: input checks,
 * and identical histories collapsed into weighted patterns with the distinct frequencies and times indexed, so a
 * likelihood takes its ln Γ terms once per frequency and its logs once per time.
 */
import { problem } from "../problems";

/** Customers' (x, t_x, T) columns; rows with NaN in any of them are skipped (customers without a purchase). */
export interface RepeatData {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Customers with this pattern (default 1 each). */
  weight?: ArrayLike<number>;
}

/** Throws outOfRange unless t is a finite horizon ≥ 0. */
export function checkHorizon(t: number): void {
  if (!(t >= 0) || !Number.isFinite(t)) throw problem("outOfRange", `t: ${t} is not a finite horizon ≥ 0`, { path: "t" });
}

/** Throws badArgument (naming the row when given) unless (x, t_x, T) is a possible customer history. */
export function checkCustomer(x: number, tx: number, T: number, row?: number): void {
  const at = row === undefined ? "" : ` at row ${row}`;
  const where = row === undefined ? {} : { row };
  if (!Number.isInteger(x) || x < 0) throw problem("badArgument", `frequency${at}: ${x} is not a whole number ≥ 0`, { path: "frequency", ...where });
  if (!(T >= 0) || !Number.isFinite(T)) throw problem("badArgument", `T${at}: ${T} is not a finite number ≥ 0`, { path: "T", ...where });
  if (!(tx >= 0) || tx > T * (1 + 1e-12) + 1e-12) throw problem("badArgument", `recency${at}: ${tx} is not between 0 and T = ${T}`, { path: "recency", ...where });
  if (x === 0 && tx !== 0) throw problem("badArgument", `recency${at}: ${tx} must be 0 when frequency is 0`, { path: "recency", ...where });
}

/** Length of the columns; sizeMismatch when they differ. */
export function sameLength(data: RepeatData): number {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n)) {
    throw problem("sizeMismatch", `frequency, recency, T${data.weight ? " and weight" : ""} must have the same length (${n}, ${data.tx.length}, ${data.T.length}${data.weight ? `, ${data.weight.length}` : ""})`, { path: "frequency" });
  }
  return n;
}

/** Customers with identical (x, t_x, T) collapsed into one pattern with a weight. */
export interface Patterns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Distinct frequencies and each pattern's index into them (ln Γ and ln B terms depend on x only). */
  xs: Float64Array;
  xIndex: Int32Array;
  /** Distinct values of T and t_x, and each pattern's index (so ln(α+T), ln(α+t_x) are taken once per value). */
  times: Float64Array;
  TIndex: Int32Array;
  txIndex: Int32Array;
  totalWeight: number;
  repeatWeight: number;
  skipped: number;
}

/**
 * Patterns already collected from large columns, keyed by the x column: one forecast reads the same columns for
 * several fits, checks and uncertainties (100,000 customers: ~150 ms a pass). Only typed-array columns of many rows
 * are remembered — the engine's summaries, which nothing writes to after they are made; a caller that changes a column
 * in place must pass a new array.
 */
const collected = new WeakMap<object, { tx: RepeatData["tx"]; T: RepeatData["T"]; weight: RepeatData["weight"]; patterns: Patterns }>();
const REMEMBER_ROWS = 10_000;

/** Each distinct frequency's total weight (`xs` order): the weight of likelihood terms that depend on x only. */
export function weightPerFrequency(pt: Patterns): Float64Array {
  const out = new Float64Array(pt.xs.length);
  for (let i = 0; i < pt.x.length; i++) out[pt.xIndex[i]] += pt.w[i];
  return out;
}

export function collectPatterns(data: RepeatData): Patterns {
  const remember = ArrayBuffer.isView(data.x) && data.x.length >= REMEMBER_ROWS;
  if (remember) {
    const hit = collected.get(data.x as object);
    if (hit && hit.tx === data.tx && hit.T === data.T && hit.weight === data.weight) return hit.patterns;
  }
  const patterns = collectPatternsOnce(data);
  if (remember) collected.set(data.x as object, { tx: data.tx, T: data.T, weight: data.weight, patterns });
  return patterns;
}

function collectPatternsOnce(data: RepeatData): Patterns {
  const n = sameLength(data);
  const index = new Map<string, number>();
  const px: number[] = [];
  const ptx: number[] = [];
  const pT: number[] = [];
  const pw: number[] = [];
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) {
      skipped++;
      continue;
    }
    checkCustomer(x, tx, T, i + 1);
    const w = data.weight ? data.weight[i] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw problem("badArgument", `weight at row ${i + 1}: ${w} is not a finite number ≥ 0`, { path: "weight", row: i + 1 });
    if (w === 0) continue;
    const key = `${x} ${tx} ${T}`;
    const j = index.get(key);
    if (j === undefined) {
      index.set(key, px.length);
      px.push(x);
      ptx.push(tx);
      pT.push(T);
      pw.push(w);
    } else pw[j] += w;
  }
  return indexPatterns(px, ptx, pT, pw, skipped);
}

export function indexPatterns(px: ArrayLike<number>, ptx: ArrayLike<number>, pT: ArrayLike<number>, pw: ArrayLike<number>, skipped: number): Patterns {
  const xs = distinct(Array.from(px));
  const times = distinct([...Array.from(pT), ...Array.from(ptx)]);
  let totalWeight = 0;
  let repeatWeight = 0;
  for (let i = 0; i < px.length; i++) {
    totalWeight += pw[i];
    if (px[i] > 0) repeatWeight += pw[i];
  }
  return {
    x: Float64Array.from(px),
    tx: Float64Array.from(ptx),
    T: Float64Array.from(pT),
    w: Float64Array.from(pw),
    xs: xs.values,
    xIndex: xs.index(Array.from(px)),
    times: times.values,
    TIndex: times.index(Array.from(pT)),
    txIndex: times.index(Array.from(ptx)),
    totalWeight,
    repeatWeight,
    skipped,
  };
}

/** Every m-th pattern: a cheap data set whose optimum is a good start for the full fit. */
export function subsample(pt: Patterns, m: number): Patterns {
  const keep = (a: Float64Array) => a.filter((_, i) => i % m === 0);
  return indexPatterns(keep(pt.x), keep(pt.tx), keep(pt.T), keep(pt.w), 0);
}

/**
 * An unbiased smaller data set for a warm start: every pattern of weight above 1 (e.g. the many one-time buyers
 * who share (0, 0, T)) kept as is, and every m-th of the single-customer patterns kept with weight m, so the
 * log-likelihood is an unbiased estimate of the full one.
 */
export function weightedSubsample(pt: Patterns, m: number): Patterns {
  const keep: number[] = [];
  let single = 0;
  for (let i = 0; i < pt.x.length; i++) {
    if (pt.w[i] > 1) keep.push(i);
    else if (single++ % m === 0) keep.push(i);
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const w = Float64Array.from(keep, (i) => (pt.w[i] > 1 ? pt.w[i] : pt.w[i] * m));
  return indexPatterns(pick(pt.x), pick(pt.tx), pick(pt.T), w, 0);
}

function distinct(values: number[]): { values: Float64Array; index: (of: number[]) => Int32Array } {
  const sorted = Float64Array.from(new Set(values)).sort();
  const pos = new Map<number, number>();
  sorted.forEach((v, j) => pos.set(v, j));
  return { values: sorted, index: (of) => Int32Array.from(of, (v) => pos.get(v) as number) };
}

