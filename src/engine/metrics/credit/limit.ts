import { DAYS_PER_MONTH } from "../../day";
import { problem } from "../../problems";
import type { CreditGrade } from "./grade";

/** Credit-limit multiplier per grade (docs/metrics.md#credit): a documented starting policy, not advice. */
export type LimitMultipliers = Record<CreditGrade, number>;

export const DEFAULT_LIMIT_MULTIPLIERS: Readonly<LimitMultipliers> = Object.freeze({ A: 1.5, B: 1.2, C: 1.0, D: 0.5, E: 0 });

/** Payment terms assumed when a customer has no due date to measure them from (docs/metrics.md#credit). */
export const DEFAULT_TERMS_DAYS = 30;

/**
 * Suggested credit limit (docs/metrics.md#credit): average monthly revenue of the last 12 months × (payment terms in
 * days / 30.4375) × the grade's multiplier (A 1.5, B 1.2, C 1.0, D 0.5, E 0): what the customer buys in one payment
 * term, scaled by how much credit its grade earns. Money in the ledger's currency. A customer with net refunds
 * (negative revenue) gets 0. Terms NaN (no due dates) → 30 days.
 *
 * @example suggestedCreditLimit(10_000, 60, "B") // 10 000 × 60 / 30.4375 × 1.2 = 23 655.03…
 * @throws KaProblem outOfRange for negative terms or multiplier; notANumber for a non-finite revenue.
 */
export function suggestedCreditLimit(
  avgMonthlyRevenue: number,
  termsDays: number,
  grade: CreditGrade,
  multipliers: LimitMultipliers = DEFAULT_LIMIT_MULTIPLIERS,
): number {
  if (!Number.isFinite(avgMonthlyRevenue)) throw problem("notANumber", `avgMonthlyRevenue: ${String(avgMonthlyRevenue)} is not a number`, { path: "avgMonthlyRevenue" });
  const terms = Number.isNaN(termsDays) ? DEFAULT_TERMS_DAYS : termsDays;
  if (!(terms >= 0) || !Number.isFinite(terms)) throw problem("outOfRange", `termsDays: ${termsDays} must be 0 or more days`, { path: "termsDays" });
  const m = multipliers[grade];
  if (!(m >= 0) || !Number.isFinite(m)) throw problem("outOfRange", `multipliers.${grade}: ${String(m)} must be 0 or more`, { path: `multipliers.${grade}` });
  return Math.max(0, avgMonthlyRevenue) * (terms / DAYS_PER_MONTH) * m;
}
