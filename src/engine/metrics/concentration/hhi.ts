import { compensatedSum, positiveRevenues, sumScale } from "./positive";
import { problem } from "../../problems";

/**
 * Herfindahl–Hirschman index of customer concentration: `scale · Σ s_i²` with `s_i` each customer's share
 * of positive net revenue. `scale` 10000 (default) is the US antitrust scale 0–10 000; `scale` 1 gives 0–1.
 * Running time O(n). Values near the top of the number range are scaled first (`sumScale`), so the total
 * cannot overflow: two customers of 1e308 each give 5000.
 *
 * @example hhi([50, 30, 20]) // 0.5² + 0.3² + 0.2² = 0.38 → 3800
 * @throws KaProblem notEnoughData when no revenue is positive.
 */
export function hhi(revenues: ArrayLike<number>, scale: 1 | 10000 = 10000): number {
  const pos = positiveRevenues(revenues);
  const unit = sumScale(pos);
  if (unit !== 1) for (let i = 0; i < pos.length; i++) pos[i] /= unit;
  const total = compensatedSum(pos);
  if (pos.length === 0 || !(total > 0)) throw problem("notEnoughData", "amounts: no customer with positive net revenue", { path: "amounts" });
  let sumSq = 0;
  for (let i = 0; i < pos.length; i++) {
    const s = pos[i] / total;
    sumSq += s * s;
  }
  return scale * sumSq;
}

export type HhiBand = "unconcentrated" | "moderately concentrated" | "highly concentrated";

/**
 * The antitrust yardsticks applied to customers (there is no customer-risk standard; these are borrowed).
 * 2023 (default): < 1000 unconcentrated, 1000–1800 moderately, > 1800 highly concentrated (1982/1992 US Merger
 * Guidelines; 1800 is also the 2023 Guidelines' "highly concentrated" line). 2010: < 1500, 1500–2500, > 2500.
 * Boundaries: exactly 1000 (or 1500) is moderately, exactly 1800 (or 2500) is moderately — "above" means strictly above.
 */
export function hhiBand(hhiValue: number, guidelines: 2023 | 2010 = 2023): HhiBand {
  if (!(hhiValue >= 0 && hhiValue <= 10000)) throw problem("outOfRange", `hhi: ${hhiValue} is outside 0–10 000`, { path: "hhi" });
  const [low, high] = guidelines === 2010 ? [1500, 2500] : [1000, 1800];
  if (hhiValue < low) return "unconcentrated";
  if (hhiValue <= high) return "moderately concentrated";
  return "highly concentrated";
}

/** Effective number of customers `10000 / HHI` (= 1 / Σ s²): as many equal customers as would give this HHI. */
export function effectiveCustomers(revenues: ArrayLike<number>): number {
  return 1 / hhi(revenues, 1);
}
