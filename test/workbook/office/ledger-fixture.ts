/** Builders for tests: a Ledger straight from (customer, day, amount) rows, and its report. */
import { analyze } from "../../../src/engine/analysis";
import type { Ledger } from "../../../src/engine/ledger/types";
import { buildReport } from "../../../src/engine/report";
import type { Report } from "../../../src/engine/report/types";

export function makeLedger(rows: { customer: string; day: number; amount: number }[]): Ledger {
  const codes = new Map<string, number>();
  const customers: string[] = [];
  const customer = new Int32Array(rows.length);
  const day = new Int32Array(rows.length);
  const amount = new Float64Array(rows.length);
  const sourceRow = new Int32Array(rows.length);
  let asOf = -Infinity;
  rows.forEach((r, i) => {
    const k = r.customer.toUpperCase();
    if (!codes.has(k)) {
      codes.set(k, customers.length);
      customers.push(r.customer);
    }
    customer[i] = codes.get(k) as number;
    day[i] = r.day;
    amount[i] = r.amount;
    sourceRow[i] = i + 2;
    asOf = Math.max(asOf, r.day);
  });
  return {
    customer,
    customers,
    day,
    amount,
    sourceRow,
    asOf,
    read: rows.length,
    used: rows.length,
    excludedCounts: {},
    excluded: [],
    mapping: { customer: "Customer", date: "Date", amount: "Amount" },
    columns: { customer: 0, date: 1, amount: 2 },
    headers: ["Customer", "Date", "Amount"],
    notes: [],
  };
}

/** n customers, customer i buying i+1 times (amounts vary), deterministic. */
export function syntheticLedger(n: number, names: (i: number) => string = (i) => `Customer ${String(i).padStart(5, "0")}`): Ledger {
  const rows: { customer: string; day: number; amount: number }[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + (i % 4);
    for (let j = 0; j < k; j++) rows.push({ customer: names(i), day: 19000 + ((i * 7 + j * 31) % 700), amount: 100 + ((i * 37 + j * 11) % 9000) + 0.25 });
  }
  return makeLedger(rows);
}

export async function reportOf(ledger: Ledger): Promise<Report> {
  const analysis = await analyze(ledger, {});
  return buildReport(analysis, { label: "Sheet1!A1:C100", kind: "range" });
}
