import { problem } from "../../problems";
import { compensatedSum, sumScale } from "../concentration/positive";

function checkCount(value: number, what: string): void {
  if (!Number.isFinite(value)) throw problem("notANumber", `${what}: ${String(value)} is not a number`, { path: what });
  if (value < 0) throw problem("outOfRange", `${what}: a count cannot be negative (got ${value})`, { path: what });
}

/**
 * Customer retention rate over a period, the textbook formula (docs/metrics.md#retention-and-cohorts): `(E − N) / S`
 * with `S` customers at the start, `E` customers at the end and `N` new customers won during the period. A fraction
 * (0.8 = 80 %). Churn is `1 − retentionRate`.
 *
 * @example retentionRate(200, 190, 30) // (190 − 30) / 200 = 0.8
 * @throws KaProblem divideByZero when `startCount` is 0 (`#DIV/0!`); outOfRange for a negative count or
 *   when `newCount > endCount` (more new customers than customers at the end is impossible).
 */
export function retentionRate(startCount: number, endCount: number, newCount: number): number {
  checkCount(startCount, "startCount");
  checkCount(endCount, "endCount");
  checkCount(newCount, "newCount");
  if (newCount > endCount) {
    throw problem("outOfRange", `newCount: ${newCount} new customers is more than the ${endCount} customers at the end`, { path: "newCount" });
  }
  if (startCount === 0) throw problem("divideByZero", "startCount: no customers at the start of the period", { path: "startCount" });
  return (endCount - newCount) / startCount;
}

/**
 * Net revenue retention between two periods (docs/metrics.md#retention-and-cohorts): revenue this period from the
 * customers who bought last period (`previous[i] > 0`), divided by their revenue last period. Arrays are aligned per
 * customer (same index, same customer); customers new this period do not count. May exceed 1 (expansion) or be negative
 * (net refunds). Sums are compensated (Neumaier) so money totals keep their cents.
 *
 * @example netRevenueRetention([100, 50, 0], [120, 0, 80]) // (120 + 0) / (100 + 50) = 0.8
 * @throws KaProblem sizeMismatch when the arrays differ in length; notANumber for a non-finite amount (naming
 *   its 1-based position); divideByZero when no customer bought last period.
 */
export function netRevenueRetention(previous: ArrayLike<number>, current: ArrayLike<number>): number {
  if (previous.length !== current.length) {
    throw problem("sizeMismatch", `previousRevenue has ${previous.length} values but currentRevenue has ${current.length}`, { path: "currentRevenue" });
  }
  const prev: number[] = [];
  const curr: number[] = [];
  for (let i = 0; i < previous.length; i++) {
    const p = previous[i];
    const c = current[i];
    if (!Number.isFinite(p)) throw problem("notANumber", `previousRevenue: value ${i + 1} is not a number`, { path: "previousRevenue", row: i + 1 });
    if (!Number.isFinite(c)) throw problem("notANumber", `currentRevenue: value ${i + 1} is not a number`, { path: "currentRevenue", row: i + 1 });
    if (p > 0) {
      prev.push(p);
      curr.push(c);
    }
  }
  // A ratio of sums: each list is scaled by its own power of two first (exact; 1 for real money), so neither sum
  // can overflow; a ratio that is itself beyond the number range is outOfRange.
  const up = sumScale(prev);
  const uc = sumScale(curr);
  const denominator = compensatedSum(up === 1 ? prev : prev.map((v) => v / up));
  if (!(denominator > 0)) throw problem("divideByZero", "previousRevenue: no customer bought in the previous period", { path: "previousRevenue" });
  const nrr = (compensatedSum(uc === 1 ? curr : curr.map((v) => v / uc)) / denominator) * (uc / up);
  if (!Number.isFinite(nrr)) throw problem("outOfRange", "the net revenue retention is beyond the number range (about 1.8e308)", { path: "currentRevenue" });
  return nrr;
}

/**
 * A plain KPI ratio `numerator / denominator` (docs/metrics.md#retention-and-cohorts): complaint rate = complaints /
 * customers, resolution rate = resolved / complaints, conversion rate = won / leads. `what` names the ratio in messages
 * (e.g. "complaint rate"). Counts must be finite and non-negative.
 *
 * @example ratio(3, 120, "complaint rate") // 0.025
 * @throws KaProblem divideByZero when `denominator` is 0 (`#DIV/0!`); outOfRange for a negative count.
 */
export function ratio(numerator: number, denominator: number, what: string): number {
  checkCount(numerator, `${what} numerator`);
  checkCount(denominator, `${what} denominator`);
  if (denominator === 0) throw problem("divideByZero", `${what}: the denominator is 0`, { path: what });
  return numerator / denominator;
}
