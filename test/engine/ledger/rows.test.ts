/**
 * The reader hands rows over grouped by customer (customers in order of first appearance, each one's rows in file
 * order), every per-row column moved with its row; choosing rows (the currency filter) keeps them in step too.
 */
import { chooseCurrency } from "../../../src/engine/currency";
import { dayFromIso } from "../../../src/engine/day";
import { inCustomerOrder, ingestGrid, PER_ROW_COLUMNS } from "../../../src/engine/ledger";
import type { Ledger, RawCell } from "../../../src/engine/ledger";

const HEADER = ["Customer", "Invoice Date", "Amount", "Invoice No", "Due Date", "Paid Date", "Paid Amount", "Balance", "Cost", "Segment", "Currency", "Region", "Credit Limit"];
const NAMES = ["Acme", "Bolt", "Cato", "Dyne"];
const BASE = dayFromIso("2024-01-01")!;

/** Row k (sheet row k + 2) in a shuffled customer order; every column's value says which row it came from. */
function grid(rows: number, currencyOf: (k: number) => string = () => "EUR"): RawCell[][] {
  const out: RawCell[][] = [HEADER];
  for (let k = 0; k < rows; k++) {
    const iso = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    out.push([NAMES[(k * 7 + (k >> 2)) % 4], iso(k), 100 + k, `INV${k}`, iso(k + 30), iso(k + 40), k / 2, k / 4, k / 8, `S${k % 3}`, currencyOf(k), `R${k % 5}`, 1000 * (1 + NAMES.indexOf(NAMES[(k * 7 + (k >> 2)) % 4]))]);
  }
  return out;
}

/** For each used row, every per-row column agrees with the sheet row it says it came from. */
function expectRowsInStep(l: Ledger): void {
  for (let i = 0; i < l.used; i++) {
    const k = l.sourceRow[i] - 2;
    expect([l.customers[l.customer[i]], l.day[i], l.amount[i], l.invoice?.[i], l.dueDay?.[i], l.paidDay?.[i], l.paidAmount?.[i], l.balance?.[i], l.cost?.[i]]).toEqual([
      NAMES[(k * 7 + (k >> 2)) % 4],
      BASE + k,
      100 + k,
      `INV${k}`,
      BASE + k + 30,
      BASE + k + 40,
      k / 2,
      k / 4,
      k / 8,
    ]);
    expect(l.segments![l.segment![i]]).toBe(`S${k % 3}`);
    const region = l.groups!.find((g) => g.kind === "region")!;
    expect(region.values[region.codes[i]]).toBe(`R${k % 5}`);
  }
}

test("rows come grouped by customer in order of first appearance, each customer's rows in file order, every column in step", () => {
  const l = ingestGrid(grid(40), { map: { segmentBy: "Segment" } });
  expect(l.used).toBe(40);
  expect(l.customers).toEqual(["Acme", "Dyne", "Cato", "Bolt"]); // first appearance in the file
  for (let i = 1; i < l.used; i++) {
    expect(l.customer[i]).toBeGreaterThanOrEqual(l.customer[i - 1]);
    if (l.customer[i] === l.customer[i - 1]) expect(l.sourceRow[i]).toBeGreaterThan(l.sourceRow[i - 1]);
  }
  expect(l.sourceRow[0]).toBe(2);
  expectRowsInStep(l);
  // Per-customer columns stay per customer.
  expect(Array.from(l.creditLimit!)).toEqual(l.customers.map((n) => 1000 * (1 + NAMES.indexOf(n))));
});

test("every per-row column of a full ledger is one that moves with its rows", () => {
  const l = ingestGrid(grid(40), { map: { segmentBy: "Segment" } });
  const perRow = Object.entries(l)
    .filter(([, v]) => (ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === l.used)
    .map(([k]) => k)
    .sort();
  expect(perRow).toEqual([...PER_ROW_COLUMNS].sort());
});

test("a ledger already grouped is handed over as it is", () => {
  const l = ingestGrid(grid(40), {});
  expect(inCustomerOrder(l)).toBe(l);
});

test("choosing a currency keeps the other per-row columns, the groups' codes included, in step with the rows", () => {
  const l = ingestGrid(
    grid(60, (k) => (k % 4 === 1 ? "USD" : "EUR")),
    { map: { segmentBy: "Segment" } },
  );
  const { ledger: eur, excluded } = chooseCurrency(l, "EUR", "en");
  expect(excluded).toBe(15);
  expect(eur.used).toBe(45);
  expectRowsInStep(eur);
  expect(eur.excluded.filter((e) => e.reason === "other currency").map((e) => e.row)).toEqual(Array.from({ length: 15 }, (_, j) => 4 * j + 1 + 2));
});
