/**
 * Retention: KA.RETENTION, KA.NRR (engine: src/engine/metrics/retention).
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { netRevenueRetention, retentionRate } from "../../engine/metrics/retention/rates";
import { customerTotals, numberArg } from "../coerce";
import { guard } from "../guard";

/**
 * Customer retention rate over a period = (customers at the end − new customers won) / customers at the start, from 0 to 1; churn is 1 minus it. Example: 200, 190, 30 → 0.8.
 * @customfunction RETENTION
 * @param startCount Customers at the start of the period.
 * @param endCount Customers at the end of the period.
 * @param newCount New customers won during the period.
 * @returns The retention rate (0–1).
 */
export function retention(startCount: any, endCount: any, newCount: any): number | CustomFunctions.Error {
  return guard(() => retentionRate(numberArg(startCount, "startCount"), numberArg(endCount, "endCount"), numberArg(newCount, "newCount")));
}

/**
 * Net revenue retention: this period's revenue from the customers who bought last period ÷ their revenue last period (above 1 means expansion). Example: customers A, B, C; previous 100, 50, 0; current 120, 0, 80 → 0.8.
 * @customfunction NRR
 * @param customers Customer name or id on each row; repeated customers are summed.
 * @param previousRevenue Revenue in the previous period on each row (money; blank = 0).
 * @param currentRevenue Revenue in the current period on each row (money; blank = 0).
 * @returns The net revenue retention (1 = 100 %).
 */
export function nrr(customers: any[][], previousRevenue: any[][], currentRevenue: any[][]): number | CustomFunctions.Error {
  return guard(() => {
    const { totals } = customerTotals(customers, "customers", [
      { value: previousRevenue, arg: "previousRevenue" },
      { value: currentRevenue, arg: "currentRevenue" },
    ]);
    return netRevenueRetention(totals[0], totals[1]);
  });
}
