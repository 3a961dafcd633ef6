/**
 * Concentration functions: KA.HHI, KA.HHIBAND, KA.CR, KA.GINI, KA.NEFF, KA.PARETO, KA.ABC — shares of revenue per
 * customer (engine: src/engine/metrics/concentration).
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { problem } from "../../engine/problems";
import {
  abcClasses,
  concentrationRatio,
  effectiveCustomers,
  gini as giniOf,
  hhi as hhiOf,
  hhiBand as hhiBandOf,
  pareto as paretoOf,
} from "../../engine/metrics/concentration";
import { numberArg, numberGrid } from "../coerce";
import { guard, guardSpill, spillCells } from "../guard";
import { amountsForShares } from "../share-inputs";

/**
 * Herfindahl–Hirschman index of customer concentration: 10 000 × the sum of squared revenue shares, from 0 to 10 000 (scale 1: from 0 to 1). Only customers with positive revenue have a share. Example: amounts 50, 30, 20 → 3800.
 * @customfunction HHI
 * @param amounts Revenue per customer, one cell each (money; blank cells ignored; text numbers read). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @param [scale] 10000 (default) for the 0–10 000 antitrust scale, or 1 for 0–1.
 * @returns The HHI.
 */
export function hhi(amounts: any[][], customers?: any[][], scale?: any): number | CustomFunctions.Error {
  return guard(() => {
    const s = numberArg(scale, "scale", 10000);
    if (s !== 10000 && s !== 1) throw problem("badArgument", `scale must be 10000 (0–10 000) or 1 (0–1), not ${s}`, { path: "scale" });
    return hhiOf(amountsForShares(amounts, customers), s);
  });
}

/**
 * Concentration band of an HHI by the US merger guidelines' yardsticks (borrowed: there is no customer-risk standard). 2023: below 1000 unconcentrated, 1000–1800 moderately, above 1800 highly concentrated; 2010: 1500 and 2500. Example: 3800 → highly concentrated.
 * @customfunction HHIBAND
 * @param hhi An HHI on the 0–10 000 scale, e.g. from KA.HHI.
 * @param [year] Guidelines year: 2023 (default; 1000/1800) or 2010 (1500/2500).
 * @returns unconcentrated, moderately concentrated or highly concentrated.
 */
export function hhiBand(hhi: any, year?: any): string | CustomFunctions.Error {
  return guard(() => {
    const value = numberArg(hhi, "hhi");
    const y = numberArg(year, "year", 2023);
    if (y !== 2023 && y !== 2010) throw problem("badArgument", `year must be 2023 (bands 1000/1800) or 2010 (1500/2500), not ${y}`, { path: "year" });
    return hhiBandOf(value, y);
  });
}

/**
 * Concentration ratio CRn: the combined revenue share of the n largest customers, from 0 to 1. Example: amounts 50, 30, 20 with n = 2 → 0.8.
 * @customfunction CR
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param n How many of the largest customers: a whole number, 1 or more (beyond the customer count gives 1).
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The share of the n largest customers (0–1).
 */
export function cr(amounts: any[][], n: any, customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => concentrationRatio(amountsForShares(amounts, customers), numberArg(n, "n")));
}

/**
 * Gini coefficient of revenue across customers with positive revenue: 0 when all are equal, near 1 when one customer has nearly everything. Example: amounts 1, 2, 3 → 0.2222.
 * @customfunction GINI
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The Gini coefficient (0–1).
 */
export function gini(amounts: any[][], customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => giniOf(amountsForShares(amounts, customers)));
}

/**
 * Effective number of customers = 10 000 / HHI: how many equal-sized customers would be as concentrated as these. Example: amounts 50, 30, 20 → 2.63.
 * @customfunction NEFF
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The effective number of customers.
 */
export function neff(amounts: any[][], customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => effectiveCustomers(amountsForShares(amounts, customers)));
}

/**
 * Pareto count: the fewest customers, largest first, whose combined revenue share reaches the threshold (default 80 %). Example: amounts 50, 30, 20 → 2.
 * @customfunction PARETO
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [threshold] Share to reach, above 0 and at most 1, as 0.8 or 80% (default 0.8).
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The number of customers.
 */
export function pareto(amounts: any[][], threshold?: any, customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => paretoOf(amountsForShares(amounts, customers), numberArg(threshold, "threshold", 0.8)).customers);
}

/**
 * ABC class of each customer, spilled beside the amounts: customers sorted largest first; A while the share of those before is below a (80 %), B below b (95 %), else C; empty for no positive revenue. Example: 50, 30, 15, 5 → A, A, B, C.
 * @customfunction ABC
 * @param amounts Revenue per customer, one cell each (money); blank cells give an empty result.
 * @param [a] Cumulative share bounding class A, as 0.8 or 80% (default 0.8).
 * @param [b] Cumulative share bounding class B, at least a (default 0.95).
 * @returns A, B, C or empty for each amount, in the amounts' layout.
 */
export function abc(amounts: any[][], a?: any, b?: any): any[][] {
  return guardSpill(() => {
    const grid = numberGrid(amounts, "amounts");
    // a blank is no revenue (""), not NaN: NaN would break the engine's sort order
    const revenues = grid.values.map((v) => (v === v ? v : 0));
    return spillCells(abcClasses(revenues, numberArg(a, "a", 0.8), numberArg(b, "b", 0.95)), grid.rows, grid.columns);
  });
}
