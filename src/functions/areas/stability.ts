/**
 * Stability of monthly revenue: KA.VOLATILITY, KA.TREND (engine: src/engine/metrics/stability).
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { coefficientOfVariation, relativeTrend } from "../../engine/metrics/stability";
import { numbers } from "../coerce";
import { guard } from "../guard";

/**
 * Demand volatility: coefficient of variation of monthly revenue = sample standard deviation / mean (0.5 means months typically stray 50 % from the mean). Empty with fewer than 3 values or a mean of 0 or less. Enter months without revenue as 0: blank cells are skipped. Example: 10, 20, 30 → 0.5.
 * @customfunction VOLATILITY
 * @param values Revenue per month, oldest first (money; months without revenue as 0).
 * @returns The coefficient of variation, or empty.
 */
export function volatility(values: any[][]): number | string | CustomFunctions.Error {
  return guard(() => {
    const cv = coefficientOfVariation(numbers(values, "values"), "values");
    return cv === cv ? cv : "";
  });
}

/**
 * Relative trend of monthly revenue: the least-squares slope per month divided by the mean month (0.05 = growing by 5 % of an average month each month; negative = declining). Empty with fewer than 3 values or a mean of 0 or less. Enter months without revenue as 0. Example: 10, 20, 30 → 0.5.
 * @customfunction TREND
 * @param values Revenue per month, oldest first (money; months without revenue as 0).
 * @returns The relative slope per month, or empty.
 */
export function trend(values: any[][]): number | string | CustomFunctions.Error {
  return guard(() => {
    const t = relativeTrend(numbers(values, "values"), "values");
    return t === t ? t : "";
  });
}
