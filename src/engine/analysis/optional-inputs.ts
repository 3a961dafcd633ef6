import type { Analysis } from "./types";

export type OptionalColumn = "pAlive" | "volatility" | "trend" | "yoy";

/**
 * Per-customer columns other areas compute — volatility, trend and YoY from the stability stage, P(alive) from
 * the CLV model stage — or undefined when that stage did not run or could not compute them. The scorecard and
 * the risk score treat an absent column as a missing component (weights rescaled), so a ledger too short for the
 * models still gets scores.
 */
export function optionalCustomerColumn(a: Analysis, column: OptionalColumn): Float64Array | undefined {
  if (column !== "pAlive") return a.stability?.[column];
  // The CLV model section is looked up by shape until its type is part of Analysis: a Float64Array per customer.
  const sections = a as unknown as Record<string, unknown>;
  for (const name of ["clv", "models"]) {
    const s = sections[name];
    if (typeof s !== "object" || s === null) continue;
    const v = (s as Record<string, unknown>).pAlive;
    if (v instanceof Float64Array && v.length === a.customers.n) return v;
  }
  return undefined;
}
