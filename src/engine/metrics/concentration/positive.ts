import { problem } from "../../problems";

/**
 * The revenues that take part in shares: strictly positive ones (docs/metrics.md#concentration). Customers with net
 * revenue ≤ 0 are counted by callers and reported, never given a share. Non-finite values are a caller's bug, not data.
 */
export function positiveRevenues(revenues: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < revenues.length; i++) if (revenues[i] > 0) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < revenues.length; i++) if (revenues[i] > 0) out[k++] = revenues[i];
  return out;
}

/** Neumaier-compensated sum: money totals over many rows keep their cents. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** `compensatedSum` one value at a time: the same values added in the same order give the same total. */
export class NeumaierSum {
  private sum = 0;
  private c = 0;
  add(v: number): void {
    const t = this.sum + v;
    this.c += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return this.sum + this.c;
  }
}

/** Values from this size up are scaled before summing (see `sumScale`). 2^960 ≈ 1e289: no money amount is near it. */
const SCALE_FROM = 2 ** 960;

/**
 * The power of two that ratio arithmetic (shares, NRR) divides values by so that totals (and Gini's n·total)
 * cannot overflow: 1 for every real amount; for values near the top of the number range (1e308) the power of two
 * at the largest |value|. Dividing by a power of two is exact, so the ratios are the same as without it.
 * @example sumScale([1e308, 1e308]) // 2^1023: the values become about 0.56 each, their total 1.1
 */
export function sumScale(...lists: ArrayLike<number>[]): number {
  let max = 0;
  for (const values of lists) {
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]);
      if (a > max) max = a;
    }
  }
  return max >= SCALE_FROM ? 2 ** Math.floor(Math.log2(max)) : 1;
}

/** What `sortedShares` gives: the metrics below can share one (a period of the concentration trend sorts once). */
export interface SortedShares {
  desc: Float64Array;
  total: number;
  scale: number;
}

/**
 * Positive revenues sorted largest first, with their total, both divided by `scale` (`sumScale`: 1 unless the
 * values are near the top of the number range) — callers use them only in ratios; a Problem when there are none.
 */
export function sortedShares(revenues: ArrayLike<number>, what = "amounts"): SortedShares {
  const desc = positiveRevenues(revenues).sort().reverse();
  const scale = sumScale(desc);
  if (scale !== 1) for (let i = 0; i < desc.length; i++) desc[i] /= scale;
  const total = compensatedSum(desc);
  if (desc.length === 0 || !(total > 0)) {
    throw problem("notEnoughData", `${what}: no customer with positive net revenue, so there are no shares to measure`, { path: what });
  }
  return { desc, total, scale };
}
