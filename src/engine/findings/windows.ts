/**
 * Net revenue per customer in the last 12 months and the 12 before (calendar-exact windows ending at as-of, as
 * YoY growth uses them), for the findings: revenue at risk is measured on the last year, and the concentration of
 * each year tells whether dependence grew. One pass over the used rows.
 */
import type { Day } from "../day";
import type { Ledger } from "../ledger/types";
import { hhi, hhiBand } from "../metrics/concentration";
import type { HhiBand } from "../metrics/concentration";
import { yearsBefore } from "../metrics/stability/columns";

export interface YearWindows {
  /** Net revenue per customer (by code) in (as-of − 1 year, as-of] and in (as-of − 2 years, as-of − 1 year]. */
  last: Float64Array;
  prior: Float64Array;
  /** The ledger reaches back to the start of the earlier window (else `prior` is partial and not compared). */
  covered: boolean;
}

export function yearWindows(ledger: Pick<Ledger, "customer" | "day" | "amount" | "used" | "customers">, asOf: Day): YearWindows {
  const n = ledger.customers.length;
  const last = new Float64Array(n);
  const prior = new Float64Array(n);
  const oneYearBack = yearsBefore(asOf, 1);
  const twoYearsBack = yearsBefore(asOf, 2);
  let start = Infinity;
  const { customer, day, amount } = ledger;
  for (let i = 0; i < ledger.used; i++) {
    const d = day[i];
    if (d < start) start = d;
    if (d > asOf || d <= twoYearsBack) continue;
    if (d > oneYearBack) last[customer[i]] += amount[i];
    else prior[customer[i]] += amount[i];
  }
  return { last, prior, covered: start <= twoYearsBack + 1 };
}

/** HHI (0–10 000) and band of one window's revenues; undefined when no customer has positive revenue in it. */
export function windowConcentration(revenue: ArrayLike<number>, guidelines: 2023 | 2010): { hhi: number; band: HhiBand } | undefined {
  let any = false;
  for (let i = 0; i < revenue.length && !any; i++) any = revenue[i] > 0;
  if (!any) return undefined;
  const h = hhi(revenue);
  return { hhi: h, band: hhiBand(Math.min(10000, h), guidelines) };
}
