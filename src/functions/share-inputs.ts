/** Inputs of the share functions (KA.HHI, KA.CR, KA.GINI, KA.NEFF, KA.PARETO), built from coerced arguments. */
import { customerTotals, isOmitted, numbers } from "./coerce";

/**
 * Revenue per customer for the share metrics (HHI, CR, Gini, NEFF, Pareto): the amounts themselves, one per
 * customer, blanks skipped — or, with a customers range, the amounts summed per customer (keys normalised as
 * the ledger does, so `Acme` and `ACME ` are one customer).
 * @example amountsForShares([[50], [30], [20]], null) // [50, 30, 20]
 * @example amountsForShares([[10], [20], [5]], [["A"], ["b"], ["a"]]) // [15, 20]
 */
export function amountsForShares(amounts: unknown, customers: unknown): Float64Array {
  if (isOmitted(customers)) return numbers(amounts, "amounts");
  return customerTotals(customers, "customers", [{ value: amounts, arg: "amounts" }]).totals[0];
}
