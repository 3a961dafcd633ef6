import type { Analysis } from "./types";

export type OptionalColumn = "pAlive" | "volatility" | "trend" | "yoy";

/**
 * Per-customer columns other areas compute — volatility, trend and YoY from the stability stage, P(alive) from
 * the CLV model stage — or undefined when that stage did not run. NaN entries (too little history, no model fit)
 * are missing values: the scorecard and the risk score drop that component and rescale the weights, so a ledger
 * too short for the models still gets scores.
 */
export function optionalCustomerColumn(a: Analysis, column: OptionalColumn): Float64Array | undefined {
  if (column === "pAlive") {
    // Only an estimate: under the NBD limit P(alive) = 1 is an assumption and must not lower anyone's churn risk.
    const p = a.clv?.pAliveEstimated ? a.clv.pAlive : undefined;
    return p !== undefined && p.length === a.customers.n ? p : undefined;
  }
  return a.stability?.[column];
}
