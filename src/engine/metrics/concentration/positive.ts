import { problem } from "../../problems";

/**
 * The revenues that take part in shares: strictly positive ones (SPEC §2). Customers with net revenue ≤ 0
 * are counted by callers and reported, never given a share. Non-finite values are a caller's bug, not data.
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

/** Positive revenues sorted largest first, with their total; a Problem when there are none. */
export function sortedShares(revenues: ArrayLike<number>, what = "amounts"): { desc: Float64Array; total: number } {
  const desc = positiveRevenues(revenues).sort().reverse();
  const total = compensatedSum(desc);
  if (desc.length === 0 || !(total > 0)) {
    throw problem("notEnoughData", `${what}: no customer with positive net revenue, so there are no shares to measure`, { path: what });
  }
  return { desc, total };
}
