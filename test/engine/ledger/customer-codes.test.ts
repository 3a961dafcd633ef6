/**
 * Customer codes by spelling (the builder's table of spellings already seen): every spelling finds its own
 * customer, also when two spellings of the same length share a 32-bit hash (found here by a birthday search), and
 * while the table grows from a few slots to many thousands.
 */
import { customerKey, ingestGrid, textHash } from "../../../src/engine/ledger";
import type { RawCell } from "../../../src/engine/ledger";
import { findHashCollision } from "../../helpers/hash-collision";

const HEADER: RawCell[] = ["Customer", "Date", "Amount"];

test("two customers whose spellings share a hash and a length stay two customers", () => {
  // One length for all, so only the characters differ.
  const pair = findHashCollision((x) => `Cust ${x.toString(16).padStart(8, "0")}`, (a, b) => customerKey(a) !== customerKey(b));
  expect(pair).toBeDefined();
  const [a, b] = pair as [string, string];
  expect(a.length).toBe(b.length);
  expect(textHash(a)).toBe(textHash(b));
  const ledger = ingestGrid([HEADER, [a, "2024-01-05", 10], [b, "2024-01-06", 20], [a, "2024-01-07", 1], [b, "2024-01-08", 2], [a, "2024-01-09", 100]]);
  expect(ledger.customers).toHaveLength(2);
  const revenue = new Map<string, number>();
  for (let i = 0; i < ledger.customer.length; i++) {
    const name = ledger.customers[ledger.customer[i]];
    revenue.set(name, (revenue.get(name) ?? 0) + ledger.amount[i]);
  }
  expect(revenue.get(a)).toBe(111);
  expect(revenue.get(b)).toBe(22);
});

test("20,000 customers in shuffled order, each under three spellings, are 20,000 customers with their own rows", () => {
  const n = 20_000;
  const grid: RawCell[][] = [HEADER];
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const expected = new Float64Array(n);
  for (let r = 0; r < 5 * n; r++) {
    const k = Math.floor(rnd() * n);
    const spelling = r % 3 === 0 ? `Account ${k}` : r % 3 === 1 ? `ACCOUNT ${k}` : `account  ${k} `; // same key
    const amount = 1 + (r % 7);
    expected[k] += amount;
    grid.push([spelling, "2024-03-01", amount]);
  }
  const ledger = ingestGrid(grid);
  const seen = expected.reduce((c, v) => c + (v > 0 ? 1 : 0), 0);
  expect(ledger.customers).toHaveLength(seen);
  const got = new Map<string, number>();
  for (let i = 0; i < ledger.customer.length; i++) {
    const key = customerKey(ledger.customers[ledger.customer[i]]);
    got.set(key, (got.get(key) ?? 0) + ledger.amount[i]);
  }
  for (let k = 0; k < n; k++) if (expected[k] > 0) expect(got.get(`account ${k}`)).toBe(expected[k]);
});
