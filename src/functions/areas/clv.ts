/**
 * Deterministic customer lifetime value: KA.CLVSIMPLE, KA.CLV (engine: src/engine/metrics/clv). The probabilistic
 * models are in models.ts.
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { discountedClv, simpleClv } from "../../engine/metrics/clv";
import { numberArg, optionalNumberArg } from "../coerce";
import { guard } from "../guard";

/**
 * Simple customer lifetime value = annual revenue × years − acquisition cost (no discounting, no churn). Money. Example: 12000, 5, 8000 → 52000.
 * @customfunction CLVSIMPLE
 * @param annualRevenue Revenue (or margin) from the customer per year (money, 0 or more).
 * @param years Expected length of the relationship in years (0 or more; fractions allowed).
 * @param [acquisitionCost] Cost of winning the customer (money, default 0).
 * @returns The lifetime value (money).
 */
export function clvSimple(annualRevenue: any, years: any, acquisitionCost?: any): number | CustomFunctions.Error {
  return guard(() => simpleClv(numberArg(annualRevenue, "annualRevenue"), numberArg(years, "years"), numberArg(acquisitionCost, "acquisitionCost", 0)));
}

/**
 * Discounted customer lifetime value: the sum over periods t of margin × retention^(t−1) / (1 + discount)^t, minus the acquisition cost; all future periods when periods is blank (then margin / (1 + discount − retention)). Money. Example: 100, 80%, 10% → 333.33; with 3 periods → 205.11.
 * @customfunction CLV
 * @param margin Margin from the customer per period (money, 0 or more); the first period's is certain.
 * @param retention Chance the customer stays each period, as 0.8 or 80%; must be below 1 + discount.
 * @param discount Discount rate per period, as 0.1 or 10%.
 * @param [periods] Horizon in whole periods (1 or more); blank for no horizon.
 * @param [acquisitionCost] Cost of winning the customer (money, default 0).
 * @returns The lifetime value (money).
 */
export function clv(margin: any, retention: any, discount: any, periods?: any, acquisitionCost?: any): number | CustomFunctions.Error {
  return guard(() =>
    discountedClv(
      numberArg(margin, "margin"),
      numberArg(retention, "retention"),
      numberArg(discount, "discount"),
      optionalNumberArg(periods, "periods") ?? Infinity,
      numberArg(acquisitionCost, "acquisitionCost", 0)
    )
  );
}
