/**
 * Test builder: a Ledger straight from clean rows, for code that starts after ingestion (aggregation, metrics,
 * report, writers). Customer keys are taken as given — tests of the ledger's own key, number and date rules go
 * through `ingestGrid` instead.
 */
import type { Ledger } from "../../src/engine/ledger/types";

export interface LedgerRow {
  customer: string;
  day: number;
  amount: number;
  invoice?: string;
  segment?: string;
}

export interface LedgerOptions {
  /** Default: the latest day among the rows. */
  asOf?: number;
  /** Customer codes in this order (default: order of first appearance). */
  customers?: string[];
}

export function makeLedger(rows: readonly LedgerRow[], opts: LedgerOptions = {}): Ledger {
  const customers = opts.customers ? [...opts.customers] : [];
  const code = new Map(customers.map((c, i) => [c, i]));
  const codeOf = (c: string) => {
    let k = code.get(c);
    if (k === undefined) {
      k = customers.push(c) - 1;
      code.set(c, k);
    }
    return k;
  };
  const segments: string[] = [];
  const segmentOf = (s: string) => (segments.includes(s) ? segments.indexOf(s) : segments.push(s) - 1);
  const withSegments = rows.some((r) => r.segment !== undefined);
  let latest = -Infinity;
  for (const r of rows) latest = Math.max(latest, r.day);
  return {
    customer: Int32Array.from(rows, (r) => codeOf(r.customer)),
    customers,
    day: Int32Array.from(rows, (r) => r.day),
    amount: Float64Array.from(rows, (r) => r.amount),
    sourceRow: Int32Array.from(rows, (_, i) => i + 2),
    invoice: rows.some((r) => r.invoice !== undefined) ? rows.map((r) => r.invoice ?? "") : undefined,
    segment: withSegments ? Int32Array.from(rows, (r) => segmentOf(r.segment ?? "(blank)")) : undefined,
    segments: withSegments ? segments : undefined,
    asOf: opts.asOf ?? latest,
    read: rows.length,
    used: rows.length,
    excludedCounts: {},
    excluded: [],
    mapping: {},
    columns: {},
    headers: [],
    notes: [],
  };
}
