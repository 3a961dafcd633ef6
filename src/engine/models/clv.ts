/**
 * Predicted customer lifetime value from BG/NBD (how many purchases) and Gamma-Gamma (how much each) —
 * docs/metrics.md#customer-lifetime-value:
 *   CLV = Σ_{i=1..H} (E[purchases up to i months] − E[purchases up to i−1 months]) · spend / (1+d)^i,
 * with E the conditional expectation of eq. (10) of Fader, Hardie & Lee (2005), spend the Gamma-Gamma expected
 * average spend (Fader & Hardie 2013, eq. 5), one month = 365.25/12 = 30.4375 days in the model's time unit, and
 * cash flows discounted at the end of each month.
 *
 * lifetimes' `customer_lifetime_value` computes the same sum but with 30 days or 4.345 weeks a month: week-unit
 * results differ from it by under 0.1 %, day-unit ones by up to about 1.5 %. `unitsPerMonth` reproduces it.
 */
import { problem } from "../problems";
import { RuleCache, pAliveColumns, pAlive, type BgNbdParams } from "./bgnbd";
import { expectedAverageSpend, expectedAverageSpendColumns, type GammaGammaParams } from "./gamma-gamma";
import { unitsPerMonth as monthInUnits, type TimeUnit } from "./summary";

export interface ClvCustomer {
  /** Repeat purchases. */
  x: number;
  /** Recency t_x, in the model's unit. */
  tx: number;
  /** Age T, in the model's unit. */
  T: number;
  /** Mean repeat spend m_x (0 when x = 0). */
  monetary: number;
}

export interface ClvColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export interface ClvOptions {
  /** The time unit the BG/NBD model was fitted in, or the number of model units in a month. */
  unit: TimeUnit | { unitsPerMonth: number };
  /** Horizon H in months (default 12). */
  months?: number;
  /** Monthly discount rate d (default 0.01). */
  monthlyDiscount?: number;
}

/**
 * Longest horizon, in months: 100 years. The sum has one term per month and customer, so the bound keeps a
 * recalculation short (a horizon of a billion months would run for minutes); discounting makes later months negligible.
 */
export const MAX_CLV_MONTHS = 1200;

function resolve(opts: ClvOptions): { perMonth: number; months: number; discount: number } {
  const perMonth = typeof opts.unit === "string" ? monthInUnits(opts.unit) : opts.unit.unitsPerMonth;
  if (!(perMonth > 0) || !Number.isFinite(perMonth)) throw problem("outOfRange", `unitsPerMonth: ${perMonth} must be a finite number > 0`, { path: "unit" });
  const months = opts.months ?? 12;
  if (!Number.isInteger(months) || months < 0) throw problem("outOfRange", `months: ${months} is not a whole number ≥ 0`, { path: "months" });
  if (months > MAX_CLV_MONTHS) throw problem("outOfRange", `months: ${months} is more than ${MAX_CLV_MONTHS} (100 years)`, { path: "months" });
  const discount = opts.monthlyDiscount ?? 0.01;
  if (!(discount > -1) || !Number.isFinite(discount)) throw problem("outOfRange", `monthlyDiscount: ${discount} must be a finite rate above −100 %`, { path: "monthlyDiscount" });
  return { perMonth, months, discount };
}

/**
 * Predicted CLV of one customer over `months` months (money units of the spend model).
 * @example predictedClv(bg, gg, { x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }, { unit: "week" })
 * @throws KaProblem outOfRange (months, discount, unit; q ≤ 1), badArgument for an impossible customer.
 */
export function predictedClv(bg: BgNbdParams, gg: GammaGammaParams, customer: ClvCustomer, opts: ClvOptions): number {
  const { perMonth, months, discount } = resolve(opts);
  const { x, tx, T, monetary } = customer;
  const spend = expectedAverageSpend(gg, x, monetary);
  const alive = pAlive(bg, x, tx, T);
  return discountedSum(new RuleCache(bg), bg, x, T, alive, spend, perMonth, months, discount);
}

/** Σ_i (E_i − E_{i−1}) · spend / (1+d)^i with E_i = P(alive) · D(r+x, a, b+x, i·month/(α+T)). */
function discountedSum(rules: RuleCache, bg: BgNbdParams, x: number, T: number, alive: number, spend: number, perMonth: number, months: number, discount: number): number {
  let clv = 0;
  let previous = 0;
  let factor = 1;
  for (let i = 1; i <= months; i++) {
    factor /= 1 + discount;
    const cumulative = rules.whileAlive(x, (i * perMonth) / (bg.alpha + T));
    clv += (cumulative - previous) * factor;
    previous = cumulative;
  }
  return alive * spend * clv;
}

/**
 * Predicted CLV per customer; NaN where the inputs are NaN (customers without a purchase).
 * Quadrature rules (only needed for very long horizons) are shared between customers with the same frequency.
 */
export function predictedClvColumns(bg: BgNbdParams, gg: GammaGammaParams, data: ClvColumns, opts: ClvOptions): Float64Array {
  const { perMonth, months, discount } = resolve(opts);
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || data.monetary.length !== n) {
    throw problem("sizeMismatch", `frequency, recency, T and monetary must have the same length (${n}, ${data.tx.length}, ${data.T.length}, ${data.monetary.length})`, { path: "frequency" });
  }
  const alive = pAliveColumns(bg, data);
  const spend = expectedAverageSpendColumns(gg, { x: data.x, m: data.monetary });
  const rules = new RuleCache(bg);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(alive[i]) || Number.isNaN(spend[i])) {
      out[i] = NaN;
      continue;
    }
    out[i] = discountedSum(rules, bg, data.x[i], data.T[i], alive[i], spend[i], perMonth, months, discount);
  }
  return out;
}
