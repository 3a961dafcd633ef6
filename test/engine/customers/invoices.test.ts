/**
 * Distinct invoices per customer (CustomerBase.invoices) against a plain Set count: rows with a positive amount only,
 * a blank invoice counting once per row, an invoice that comes back later (not next to its first rows), the same
 * text under two customers, and two different texts with the same 32-bit hash (found here by a birthday search).
 */
import { aggregateCustomers, textHash } from "../../../src/engine/customers/base";
import type { CustomerRows } from "../../../src/engine/customers/base";
import { ingestGrid } from "../../../src/engine/ledger";
import { findHashCollision } from "../../helpers/hash-collision";

function rowsOf(list: { c: number; inv: string; amount: number }[], customers: number): CustomerRows {
  return {
    customer: Int32Array.from(list, (r) => r.c),
    customers: Array.from({ length: customers }, (_, k) => `C${k}`),
    day: Int32Array.from(list, (_, i) => 19000 + i),
    amount: Float64Array.from(list, (r) => r.amount),
    used: list.length,
    asOf: 19000 + list.length,
    sourceRow: Int32Array.from(list, (_, i) => i + 2),
    invoice: list.map((r) => r.inv),
  };
}

function plainCount(list: { c: number; inv: string; amount: number }[], customers: number): number[] {
  const sets = Array.from({ length: customers }, () => new Set<string>());
  list.forEach((r, i) => r.amount > 0 && sets[r.c].add(r.inv || `#row${i}`));
  return sets.map((s) => s.size);
}

test("two different invoice texts with the same hash are two invoices", () => {
  const pair = findHashCollision((x) => `INV-${x.toString(36)}`, undefined, 1_000_000);
  expect(pair).toBeDefined();
  const [a, b] = pair as [string, string];
  expect(a).not.toBe(b);
  expect(textHash(a)).toBe(textHash(b));
  const list = [
    { c: 0, inv: a, amount: 5 },
    { c: 0, inv: b, amount: 5 },
    { c: 0, inv: a, amount: 1 }, // a again, not next to its first row
    { c: 0, inv: b, amount: 2 },
    { c: 1, inv: b, amount: 3 },
  ];
  expect([...aggregateCustomers(rowsOf(list, 2)).invoices]).toEqual([2, 1]);
});

test("random ledgers: the same counts as a Set of texts per customer", () => {
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let round = 0; round < 30; round++) {
    const customers = 1 + Math.floor(rnd() * 20);
    const list: { c: number; inv: string; amount: number }[] = [];
    let inv = "I0";
    for (let i = 0; i < 2000; i++) {
      if (rnd() < 0.4) inv = rnd() < 0.1 ? "" : `I${Math.floor(rnd() * 300)}`; // runs of rows per invoice; repeats later; blanks
      list.push({ c: Math.floor(rnd() * customers), inv, amount: rnd() < 0.15 ? -10 : rnd() < 0.05 ? 0 : 10 });
    }
    expect([...aggregateCustomers(rowsOf(list, customers)).invoices]).toEqual(plainCount(list, customers));
  }
});

test("the ledger reader keeps each row's invoice hash; counts from it equal counts hashed here, through reordering and exclusions", () => {
  const grid: unknown[][] = [["Customer", "Date", "Amount", "Invoice"]];
  const invoices = ["A-1", "A-1", "", "B-7", "A-1", "C 3", "B-7", "", "A-2"];
  invoices.forEach((inv, i) => grid.push([`K${i % 3}`, `2024-01-${String(1 + i).padStart(2, "0")}`, i === 4 ? "oops" : 10 + i, inv]));
  const ledger = ingestGrid(grid as never);
  expect(ledger.invoiceHash).toBeDefined();
  // Row by row (customer order, the excluded row 6 gone), the hash of the row's text, 0 when blank.
  expect([...ledger.invoiceHash!]).toEqual(ledger.invoice!.map((t) => (t ? textHash(t) || 1 : 0)));
  expect([...ledger.sourceRow]).not.toContain(6);
  const withHash = aggregateCustomers(ledger).invoices;
  const hashedHere = aggregateCustomers({ ...ledger, invoiceHash: undefined }).invoices;
  expect([...withHash]).toEqual([...hashedHere]);
  // K0: A-1, B-7, B-7 → 2; K1: A-1 and a blank (its A-1 on row 6 excluded) → 2; K2: a blank, C 3, A-2 → 3.
  expect([...withHash]).toEqual([2, 2, 3]);
});
