import type { Ledger } from "../../../../src/engine/ledger/types";

/** A minimal Ledger from rows [customer, day, amount, invoice?] (test builder; metadata left empty). */
export function makeLedger(rows: [string, number, number, string?][], asOf: number): Ledger {
  const names: string[] = [];
  const code = new Map<string, number>();
  const customer = rows.map(([c]) => {
    if (!code.has(c)) {
      code.set(c, names.length);
      names.push(c);
    }
    return code.get(c)!;
  });
  const withInvoices = rows.some((r) => r[3] !== undefined);
  return {
    customer: Int32Array.from(customer),
    customers: names,
    day: Int32Array.from(rows.map((r) => r[1])),
    amount: Float64Array.from(rows.map((r) => r[2])),
    sourceRow: Int32Array.from(rows.map((_, i) => i + 2)),
    invoice: withInvoices ? rows.map((r) => r[3] ?? "") : undefined,
    asOf,
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
