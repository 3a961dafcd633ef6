import { sortedShares, type SortedShares } from "./positive";

/**
 * Gini coefficient of revenue across customers with positive revenue:
 * `Σ_i (2i − n − 1) x_(i) / (n Σ x)` with x sorted ascending, i = 1..n (docs/metrics.md#concentration). 0 = all equal;
 * approaches 1 when one customer holds everything. One customer gives 0.
 * @example gini([1, 2, 3]) // ((−2)·1 + 0·2 + 2·3) / (3·6) = 4/18 = 0.2222
 */
export function gini(revenues: ArrayLike<number>): number {
  return giniOf(sortedShares(revenues));
}

/** `gini` of revenues already sorted (`sortedShares`). */
export function giniOf({ desc, total }: SortedShares): number {
  const n = desc.length;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const i = n - k; // ascending rank of desc[k]
    acc += (2 * i - n - 1) * desc[k];
  }
  return acc / (n * total);
}

/** Lorenz curve points (cumulative customer fraction, cumulative revenue fraction), ascending, starting at (0, 0). */
export function lorenz(revenues: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  const { desc, total } = sortedShares(revenues);
  const n = desc.length;
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  let cum = 0;
  for (let i = 1; i <= n; i++) {
    cum += desc[n - i];
    x[i] = i / n;
    y[i] = cum / total;
  }
  return { x, y };
}
