import { problem } from "../../problems";

/**
 * Expected credit loss by a provision matrix (IFRS 9 §5.5.15 simplified approach, illustrated in IFRS 9 IE
 * Example 12): `ECL = Σ_b balance_b × lossRate_b`, one balance and one loss rate per aging bucket. Money in
 * the balances' currency; rates are fractions (0.016 = 1.6 %). The products are summed with Neumaier
 * compensation so many buckets (or per-invoice use) keep their cents.
 *
 * @example expectedCreditLoss([1000, 500], [0.003, 0.016]) // 1000 × 0.003 + 500 × 0.016 = 3 + 8 = 11
 * @throws KaProblem sizeMismatch when the two lists differ in length; outOfRange when a rate is outside [0, 1];
 *   notANumber for a non-finite value (naming its 1-based position).
 */
export function expectedCreditLoss(balances: ArrayLike<number>, lossRates: ArrayLike<number>): number {
  if (balances.length !== lossRates.length) {
    throw problem("sizeMismatch", `balances has ${balances.length} values but lossRates has ${lossRates.length}`, { path: "lossRates" });
  }
  let sum = 0;
  let c = 0;
  for (let i = 0; i < balances.length; i++) {
    const b = balances[i];
    const r = lossRates[i];
    if (!Number.isFinite(b)) throw problem("notANumber", `balances: value ${i + 1} is not a number`, { path: "balances", row: i + 1 });
    if (!Number.isFinite(r)) throw problem("notANumber", `lossRates: value ${i + 1} is not a number`, { path: "lossRates", row: i + 1 });
    if (r < 0 || r > 1) throw problem("outOfRange", `lossRates: value ${i + 1} (${r}) is outside 0–1`, { path: "lossRates", row: i + 1 });
    const v = b * r;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}
