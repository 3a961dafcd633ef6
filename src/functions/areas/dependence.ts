/**
 * Dependence over time: KA.HHITREND, KA.STRESS (engine: src/engine/metrics/dependence).
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import type { TrendPeriod } from "../../engine/metrics/dependence";
import { loseTopK, trendOfTransactions } from "../../engine/metrics/dependence";
import { problem } from "../../engine/problems";
import { numberArg, scalarOf } from "../coerce";
import { guardSpill } from "../guard";
import type { ResultCell } from "../guard";
import { transactionRows } from "../behaviour-inputs";
import { amountsForShares } from "../share-inputs";

/** The header row of KA.HHITREND's spill. */
export const HHITREND_HEADER = ["Period", "Revenue", "Customers", "HHI", "Band", "CR1", "CR5", "CR10", "Effective customers", "Gini"] as const;

/** "month" or "quarter" (default, also when blank), any case; 月 and 季度 too. */
function periodArg(value: unknown): TrendPeriod {
  const v = scalarOf(value, "period");
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return "quarter";
  const text = typeof v === "string" ? v.trim().toLowerCase() : undefined;
  if (text === "month" || text === "月") return "month";
  if (text === "quarter" || text === "季度" || text === "季") return "quarter";
  throw problem("badArgument", `period must be "month" or "quarter", not ${typeof v === "string" ? `'${v}'` : String(v)}`, { path: "period" });
}

/**
 * Concentration per calendar month or quarter, spilled with a header: Period, Revenue (net), Customers, HHI, Band, CR1, CR5, CR10, Effective customers, Gini — from the first date to the latest. Shares use the customers with positive net revenue in the period; a period without any has blank metrics. Example: A 600, B 300, C 100 in 2024-Q1 → HHI 4600, CR1 0.6.
 * @customfunction HHITREND
 * @param amounts Amount of each invoice line (money; credit notes negative).
 * @param dates Date of each line, same size as amounts (date cells, or text such as 2024-03-01).
 * @param customers Customer name or id of each line, same size as amounts.
 * @param [period] "quarter" (default) or "month".
 * @returns One row per period after the header row.
 */
export function hhiTrend(amounts: any[][], dates: any[][], customers: any[][], period?: any): any[][] {
  return guardSpill(() => {
    const p = periodArg(period);
    const t = trendOfTransactions(transactionRows(customers, dates, amounts), p);
    const blank = (v: number): number | string => (v === v ? v : "");
    const rows: ResultCell[][] = [[...HHITREND_HEADER]];
    for (const r of t.rows) {
      rows.push([r.period, r.revenue, r.customers, blank(r.hhi), r.band, blank(r.cr1), blank(r.cr5), blank(r.cr10), blank(r.effectiveCustomers), blank(r.gini)]);
    }
    return rows;
  });
}

/**
 * What losing the k largest customers costs, spilled as labels and values: share lost (= CRk, 0–1), remaining HHI (of the customers left, 0–10 000; empty when none is left), revenue lost. Example: amounts 50, 30, 20 with k = 1 → share lost 0.5, remaining HHI 5200, revenue lost 50.
 * @customfunction STRESS
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param customers Customer name or id beside each amount, same size as amounts (amounts are summed per customer first); leave it empty when amounts are already one per customer.
 * @param k How many of the largest customers are lost: a whole number, 1 or more.
 * @returns Labels and values: share lost, remaining HHI, revenue lost.
 */
export function stress(amounts: any[][], customers: any[][], k: any): any[][] {
  return guardSpill(() => {
    const r = loseTopK(amountsForShares(amounts, customers), numberArg(k, "k"));
    return [
      ["share lost", r.shareLost],
      ["remaining HHI", r.remainingHhi === r.remainingHhi ? r.remainingHhi : ""],
      ["revenue lost", r.revenueLost],
    ];
  });
}
