import { problem } from "../../problems";
import { checkNonNegative, finiteValue } from "./simple";

/**
 * Customer lifetime value in the discounted retention model (docs/metrics.md#customer-lifetime-value; Gupta & Lehmann
 * 2003, "Customers as assets", J. Interactive Marketing 17(1), the margin-multiple form): cash flows at period ends,
 * the first period's margin certain, then kept with probability `retention` each period, discounted at `discount`:
 *
 *   CLV = Σ_{t=1..T} m · r^(t−1) / (1+d)^t − acquisitionCost
 *
 * Summed in closed form, a geometric series with ratio q = r / (1+d):
 *   finite T:  m · (1 − q^T) / (1 + d − r) − acquisitionCost
 *   T = ∞:     m / (1 + d − r) − acquisitionCost
 * `1 − q^T` is computed as `−expm1(T · ln q)` so that q near 1 keeps its digits.
 *
 * Units: `margin` is money per period (the ledger's currency); `retention` and `discount` are fractions per period
 * (0.8 = 80 %); `periods` counts periods (Infinity for no horizon).
 *
 * @example discountedClv(100, 0.8, 0.1) // 100 / (1.1 − 0.8) = 333.33
 * @example discountedClv(100, 0.8, 0.1, 3) // 100/1.1 + 80/1.21 + 64/1.331 = 90.909 + 66.116 + 48.084 = 205.11
 * @throws KaProblem outOfRange when `retention ≥ 1 + discount` (the series has no finite sum), when any value is
 *   negative, when `periods` is not a whole number ≥ 1, or when the value overflows; notANumber when a value is
 *   not finite.
 */
export function discountedClv(margin: number, retention: number, discount: number, periods = Infinity, acquisitionCost = 0): number {
  checkNonNegative(margin, "margin");
  checkNonNegative(retention, "retention");
  checkNonNegative(discount, "discount");
  checkNonNegative(acquisitionCost, "acquisitionCost");
  if (Number.isNaN(periods)) throw problem("notANumber", "periods: is not a number", { path: "periods" });
  if (periods !== Infinity && !(Number.isInteger(periods) && periods >= 1)) {
    throw problem("outOfRange", `periods: must be a whole number ≥ 1 (got ${periods})`, { path: "periods" });
  }
  if (retention >= 1 + discount) {
    throw problem("outOfRange", `retention: ${retention} must be below 1 + discount (${1 + discount}), else the value never converges`, {
      path: "retention",
    });
  }
  const spread = 1 + discount - retention; // > 0 by the check above
  if (periods === Infinity) return finiteValue(margin / spread - acquisitionCost, "margin");
  // q = 0 (nobody stays after the first period): only the first margin counts, discounted once.
  const kept = retention === 0 ? 1 : -Math.expm1(periods * Math.log(retention / (1 + discount)));
  return finiteValue((margin * kept) / spread - acquisitionCost, "margin");
}
