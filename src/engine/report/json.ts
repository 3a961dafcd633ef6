import type { Analysis } from "../analysis/types";
import { isoFromDay } from "../day";
import { accountJsonValue, accountOrder, allAccountColumns } from "./accounts";
import { behaviourJson } from "./behaviour";
import { clvJson } from "./clv";
import { creditJson } from "./credit";
import { riskJson } from "./risk";

/**
 * The summary as JSON (CLI `--json`, the pane's Results page). Keys are stable (SPEC §9): areas add keys,
 * existing keys never change. Each area contributes a function returning its top-level keys.
 */
export const JSON_SECTIONS: ((a: Analysis) => Record<string, unknown>)[] = [
  (a) => ({
    asOf: isoFromDay(a.asOf),
    rows: {
      read: a.ledger.read,
      used: a.ledger.used,
      excluded: a.ledger.read - a.ledger.used,
      reasons: { ...a.ledger.excludedCounts },
    },
    customers: a.customers.n,
    revenue: a.revenue,
  }),
  (a) => {
    const k = a.concentration;
    return {
      concentration: k
        ? {
            hhi: k.hhi,
            band: k.band,
            cr1: k.cr1,
            cr5: k.cr5,
            cr10: k.cr10,
            gini: k.gini,
            effectiveCustomers: k.effectiveCustomers,
            pareto: { threshold: k.pareto.threshold, customers: k.pareto.customers, fraction: k.pareto.fraction },
            positiveCustomers: k.positiveCustomers,
            nonPositiveCustomers: k.nonPositiveCustomers,
            abc: { ...k.abcCounts },
          }
        : null,
    };
  },
  behaviourJson,
  clvJson,
  creditJson,
  riskJson,
  (a) => (a.ledger.currencyTotals ? { currencies: a.ledger.currencyTotals } : {}),
  (a) => ({ warnings: a.warnings.map((w) => ({ ...w })) }),
];

export function summaryJson(a: Analysis, opts: { accounts?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign({}, ...JSON_SECTIONS.map((s) => s(a)));
  if (opts.accounts) out.accounts = accountsJson(a);
  return out;
}

/** One object per customer, in Accounts-tab order, with every per-customer key (null where it does not apply). */
export function accountsJson(a: Analysis): Record<string, unknown>[] {
  const cols = allAccountColumns(a);
  const order = accountOrder(a);
  const out: Record<string, unknown>[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const o: Record<string, unknown> = {};
    for (const { column, applies } of cols) o[column.key] = applies ? accountJsonValue(column, c) : null;
    out[k] = o;
  }
  return out;
}
