import type { Analysis } from "../analysis/types";
import { accountJsonValue, accountOrder } from "./account-columns";
import { ACCOUNT_GROUPS, JSON_SECTIONS } from "./catalogue";
import type { AccountColumnDef, AccountGroupDef } from "./model";
import type { Summary } from "./summary-schema";
import type { Scalar } from "./types";

type JsonValueOf<T extends AccountColumnDef["type"]> = T extends "number" ? number : T extends "boolean" ? boolean : string;
type ColumnOf<G> = G extends { readonly columns: readonly (infer C)[] } ? C : never;
/** The `--accounts` object of a catalogue of column groups: one key per column, null where it does not apply. */
export type AccountJsonOf<Groups extends readonly AccountGroupDef[]> = {
  [C in ColumnOf<Groups[number]> as C extends { key: infer K extends string } ? K : never]: (C extends { type: infer T extends AccountColumnDef["type"] } ? JsonValueOf<T> : never) | null;
};
/** One customer in the JSON (`--accounts`): every Accounts column by key (ISO dates). */
export type AccountJson = AccountJsonOf<typeof ACCOUNT_GROUPS>;
/** The JSON summary, with `accounts` when asked for. */
export type SummaryJson = Summary & { accounts?: AccountJson[] };

/**
 * The summary as JSON (CLI `--json`, the pane's Results page), in the shape of summary-schema.ts (docs/json.md).
 * Each section of the catalogue gives one key, or one key inside a section.
 */
export function summaryJson(a: Analysis, opts: { accounts?: boolean } = {}): SummaryJson {
  const out: Record<string, unknown> = {};
  for (const section of JSON_SECTIONS) {
    const [key, sub] = section.path;
    if (sub === undefined) {
      const v = section.value(a);
      if (v !== undefined) out[key] = v;
      continue;
    }
    const parent = out[key];
    if (parent === null || typeof parent !== "object") continue; // no section, no subsection
    const v = section.value(a);
    if (v !== undefined) (parent as Record<string, unknown>)[sub] = v;
  }
  const summary = out as SummaryJson;
  if (opts.accounts) summary.accounts = accountsJson(a);
  return summary;
}

/** One object per customer, in Accounts-tab order, with every per-customer key (null where it does not apply). */
export function accountsJson(a: Analysis): AccountJson[] {
  const out: AccountJson[] = [];
  for (const chunk of accountsJsonChunks(a, Infinity)) for (const o of chunk) out.push(o);
  return out;
}

/**
 * The same objects a chunk of `size` customers at a time, so that a writer can stream 100,000 accounts without
 * holding them all (and their text) at once.
 */
export function* accountsJsonChunks(a: Analysis, size = 2000): Generator<AccountJson[]> {
  const cols = ACCOUNT_GROUPS.flatMap((g: AccountGroupDef) => {
    const applies = g.applies(a);
    return g.columns.map((def) => ({ key: def.key, type: def.type, value: applies ? def.values(a) : undefined }));
  });
  const order = accountOrder(a);
  for (let from = 0; from < order.length; from += size) {
    const to = Math.min(order.length, from + size);
    const out: AccountJson[] = new Array(to - from);
    for (let k = from; k < to; k++) {
      const c = order[k];
      const o: Record<string, Scalar> = {};
      for (const col of cols) o[col.key] = col.value ? accountJsonValue(col.type, col.value(c)) : null;
      out[k - from] = o as AccountJson;
    }
    yield out;
  }
}
