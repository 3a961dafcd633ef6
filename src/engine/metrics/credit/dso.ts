import { problem } from "../../problems";

/**
 * Days sales outstanding (docs/metrics.md#credit): `receivables / revenue × days`, with `revenue` the sales of the last
 * `days` days. Units: days. 365 gives the annual DSO; 90 the quarterly one (more sensitive to recent sales).
 *
 * @example dso(120_000, 730_000) // 120 000 / 730 000 × 365 = 60 days
 * @example dso(30_000, 90_000, 90) // 30 000 / 90 000 × 90 = 30 days
 * @throws KaProblem divideByZero when `revenue` is 0 (`#DIV/0!`); outOfRange when `days` ≤ 0 or `receivables`
 *   is negative; notANumber for a non-finite argument.
 */
export function dso(receivables: number, revenue: number, days = 365): number {
  if (!Number.isFinite(receivables)) throw problem("notANumber", `receivables: ${String(receivables)} is not a number`, { path: "receivables" });
  if (!Number.isFinite(revenue)) throw problem("notANumber", `revenue: ${String(revenue)} is not a number`, { path: "revenue" });
  if (!Number.isFinite(days)) throw problem("notANumber", `days: ${String(days)} is not a number`, { path: "days" });
  if (days <= 0) throw problem("outOfRange", `days: the period must be positive (got ${days})`, { path: "days" });
  if (receivables < 0) throw problem("outOfRange", `receivables: cannot be negative (got ${receivables})`, { path: "receivables" });
  if (revenue === 0) throw problem("divideByZero", "revenue: no sales in the period, so DSO is undefined", { path: "revenue" });
  return (receivables / revenue) * days;
}
