import type { Day } from "../../day";
import { customerKey } from "../../ledger/customer-key";
import { problem } from "../../problems";
import { concentrationTrend } from "./trend";
import type { ConcentrationTrend } from "./trend";
import type { TrendPeriod } from "./periods";
import { stressTests } from "./stress";
import type { StressResult } from "./stress";

/** Transactions as the custom functions read them: customer display names, days and amounts, row by row. */
export interface TransactionList {
  names: readonly string[];
  days: readonly Day[];
  amounts: readonly number[];
}

/**
 * The concentration trend of a list of transactions (KA.HHITREND): customers compared as customer keys
 * (`Acme` = ` ACME `), periods from the first date to the latest, which is the as-of date.
 * @throws KaProblem noRows when the list is empty.
 */
export function trendOfTransactions(t: TransactionList, period: TrendPeriod): ConcentrationTrend {
  if (t.names.length === 0) throw problem("noRows", "there are no transactions", { path: "amounts" });
  const codes = new Map<string, number>();
  const customer = new Int32Array(t.names.length);
  let asOf = -Infinity;
  t.names.forEach((name, i) => {
    const key = customerKey(name);
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    customer[i] = c;
    if (t.days[i] > asOf) asOf = t.days[i];
  });
  const rows = { customer, day: Int32Array.from(t.days), amount: Float64Array.from(t.amounts), used: t.names.length };
  return concentrationTrend(rows, codes.size, { asOf, period });
}

/**
 * Losing the k largest customers (KA.STRESS) from revenue per customer.
 * @throws KaProblem outOfRange for a k that is not a whole number ≥ 1; notEnoughData when no revenue is positive.
 */
export function loseTopK(revenue: ArrayLike<number>, k: number): StressResult {
  if (!Number.isInteger(k) || k < 1) throw problem("outOfRange", `k: must be a whole number ≥ 1, got ${k}`, { path: "k" });
  const s = stressTests({ revenue }, { ks: [k], shareAtLeast: Infinity });
  if (!(s.totalPositive > 0)) throw problem("notEnoughData", "amounts: no customer with positive net revenue, so there is nothing to lose", { path: "amounts" });
  return s.topK[0];
}
