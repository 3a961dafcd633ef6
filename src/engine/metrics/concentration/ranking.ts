import { problem } from "../../problems";
import { sortedShares, type SortedShares } from "./positive";

/**
 * CR_n: combined share of the n largest customers (n ≥ 1; n beyond the customer count gives 1).
 * @example concentrationRatio([50, 30, 20], 2) // 0.8
 */
export function concentrationRatio(revenues: ArrayLike<number>, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw problem("outOfRange", `n: must be a whole number ≥ 1, got ${n}`, { path: "n" });
  return concentrationRatioOf(sortedShares(revenues), n);
}

/** `concentrationRatio` of revenues already sorted (`sortedShares`). */
export function concentrationRatioOf({ desc, total }: SortedShares, n: number): number {
  let top = 0;
  for (let i = 0; i < Math.min(n, desc.length); i++) top += desc[i];
  return top / total;
}

/** Revenue at risk: share lost if the k largest customers leave (= CR_k) for each k. */
export function revenueAtRisk(revenues: ArrayLike<number>, ks: number[] = [1, 2, 3, 5]): { k: number; share: number }[] {
  const { desc, total } = sortedShares(revenues);
  return ks.map((k) => {
    let top = 0;
    for (let i = 0; i < Math.min(k, desc.length); i++) top += desc[i];
    return { k, share: top / total };
  });
}

/**
 * Pareto: the smallest number of customers, largest first, whose cumulative share reaches `threshold`,
 * and that number as a fraction of the customers with positive revenue.
 * @example pareto([50, 30, 20], 0.8) // { customers: 2, fraction: 2/3 }
 */
export function pareto(revenues: ArrayLike<number>, threshold = 0.8): { customers: number; fraction: number } {
  if (!(threshold > 0 && threshold <= 1)) throw problem("outOfRange", `threshold: must be in (0, 1], got ${threshold}`, { path: "threshold" });
  const { desc, total } = sortedShares(revenues);
  let cum = 0;
  for (let i = 0; i < desc.length; i++) {
    cum += desc[i];
    // relative tolerance so that shares summing to exactly the threshold in decimal still count
    if (cum / total >= threshold - 1e-12) return { customers: i + 1, fraction: (i + 1) / desc.length };
  }
  return { customers: desc.length, fraction: 1 };
}

export type AbcClass = "A" | "B" | "C" | "";

/**
 * ABC class per customer, aligned with the input. Sorted largest first; with `cumPrev` the cumulative share
 * before the customer: A if cumPrev < a, B if cumPrev < b, else C — the customer who crosses `a` is still A.
 * Customers with revenue ≤ 0 have no share and get "" (they are reported separately).
 * Ties keep input order (stable), so equal customers near a boundary are classed by position, as a sort in Excel would.
 */
export function abcClasses(revenues: ArrayLike<number>, a = 0.8, b = 0.95): AbcClass[] {
  if (!(a > 0 && a <= 1)) throw problem("outOfRange", `a: must be in (0, 1], got ${a}`, { path: "a" });
  if (!(b >= a && b <= 1)) throw problem("outOfRange", `b: must be in [a, 1], got ${b}`, { path: "b" });
  const { total, scale } = sortedShares(revenues);
  const order = rankOrder(revenues);
  const out: AbcClass[] = new Array(revenues.length).fill("");
  // Cumulative revenue divided once (not a sum of shares), so 40+30+20 of 100 is exactly 0.9 — as the sheet's
  // SUMIFS(...)/total computes it.
  let before = 0;
  for (const i of order) {
    if (!(revenues[i] > 0)) break;
    const cumPrev = before / total;
    out[i] = cumPrev < a ? "A" : cumPrev < b ? "B" : "C";
    before += revenues[i] / scale;
  }
  return out;
}

/** Indices sorted by revenue, largest first; ties in input order. Non-positive revenues come last. */
export function rankOrder(revenues: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(revenues.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((i, j) => revenues[j] - revenues[i] || i - j);
}
