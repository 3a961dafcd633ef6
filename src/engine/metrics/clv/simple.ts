import { problem } from "../../problems";

/** Throws notANumber / outOfRange unless `value` is a finite number ≥ 0 (money, years, counts). */
export function checkNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value)) throw problem("notANumber", `${what}: ${String(value)} is not a number`, { path: what });
  if (value < 0) throw problem("outOfRange", `${what}: cannot be negative (got ${value})`, { path: what });
}

/** A lifetime value beyond the number range (about 1.8e308) is outOfRange, never Infinity. */
export function finiteValue(value: number, path: string): number {
  if (!Number.isFinite(value)) throw problem("outOfRange", "the lifetime value is beyond the number range (about 1.8e308)", { path });
  return value;
}

/**
 * Simple customer lifetime value, the textbook KPI (docs/metrics.md#customer-lifetime-value): `annualRevenue × years −
 * acquisitionCost`. Money in the ledger's currency; `years` the expected relationship length (may be fractional). No
 * discounting and no churn: use `discountedClv` for those.
 *
 * @example simpleClv(12_000, 5, 8_000) // 12 000 × 5 − 8 000 = 52 000
 * @throws KaProblem outOfRange when any argument is negative or the value overflows; notANumber when one is not finite.
 */
export function simpleClv(annualRevenue: number, years: number, acquisitionCost = 0): number {
  checkNonNegative(annualRevenue, "annualRevenue");
  checkNonNegative(years, "years");
  checkNonNegative(acquisitionCost, "acquisitionCost");
  return finiteValue(annualRevenue * years - acquisitionCost, "annualRevenue");
}
