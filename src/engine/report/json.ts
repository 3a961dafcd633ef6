import type { Analysis } from "../analysis/types";
import { accountJsonValue, accountOrder } from "./account-columns";
import { ACCOUNT_GROUPS, JSON_SECTIONS } from "./catalogue";
import type { Scalar } from "./types";

/**
 * The summary as JSON (CLI `--json`, the pane's Results page). Keys are stable (docs/json.md): areas add keys,
 * existing keys never change. Each section of the catalogue contributes its top-level keys.
 */
export function summaryJson(a: Analysis, opts: { accounts?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign({}, ...JSON_SECTIONS.map((s) => s(a)));
  if (opts.accounts) out.accounts = accountsJson(a);
  return out;
}

/** One object per customer, in Accounts-tab order, with every per-customer key (null where it does not apply). */
export function accountsJson(a: Analysis): Record<string, Scalar>[] {
  const cols = ACCOUNT_GROUPS.flatMap((g) => {
    const applies = g.applies(a);
    return g.columns.map((def) => ({ key: def.key, type: def.type, value: applies ? def.values(a) : undefined }));
  });
  const order = accountOrder(a);
  const out: Record<string, Scalar>[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const o: Record<string, Scalar> = {};
    for (const col of cols) o[col.key] = col.value ? accountJsonValue(col.type, col.value(c)) : null;
    out[k] = o;
  }
  return out;
}
