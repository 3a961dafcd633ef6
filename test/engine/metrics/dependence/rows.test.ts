/** One customer's ledger rows (the pane's drill-down from an account): sheet rows, runs to select, total = revenue. */
import { analyze } from "../../../../src/engine/analysis";
import { ingestGrid } from "../../../../src/engine/ledger";
import { analysedLedger, rowsOfCustomer } from "../../../../src/engine/metrics/dependence";

// Sheet rows 2…9 (header on row 1). Row 6 has no amount: excluded, so A's rows 5 and 7 are two runs.
const GRID = [
  ["Customer", "Date", "Amount", "Currency"],
  ["A", "2024-01-05", 100, "USD"], // 2
  ["a ", "2024-01-06", 40, "USD"], // 3: the same customer
  ["A", "2024-01-07", -15, "USD"], // 4: a credit note
  ["A", "2024-01-08", 5, "USD"], // 5
  ["B", "2024-01-09", null, "USD"], // 6: excluded
  ["A", "2024-02-01", 20, "USD"], // 7
  ["B", "2024-02-02", 60, "CNY"], // 8
  ["A", "2024-02-03", 30, "CNY"], // 9
];

test("A in USD: rows 2–5 and 7 as two runs, total 150 = its revenue", async () => {
  const ledger = ingestGrid(GRID);
  const a = await analyze(ledger, { currency: "USD" });
  const l = analysedLedger(ledger, a);
  expect(l.used).toBe(5); // rows 2, 3, 4, 5, 7
  const c = a.customers.names.indexOf("A");
  const r = rowsOfCustomer(l, a.customers, c);
  expect(r.sheetRows).toEqual([2, 3, 4, 5, 7]);
  expect(r.amounts).toEqual([100, 40, -15, 5, 20]);
  expect(r.runs).toEqual([
    [2, 5],
    [7, 7],
  ]);
  expect(r.total).toBe(150);
  expect(a.customers.revenue[c]).toBe(150);
  // B has no USD row that is used: not a customer of this analysis.
  expect(a.customers.names).toEqual(["A"]);
});

test("in CNY the codes are the analysis' own: B (row 8) and A (row 9)", async () => {
  const ledger = ingestGrid(GRID);
  const a = await analyze(ledger, { currency: "CNY" });
  const l = analysedLedger(ledger, a);
  const rows = a.customers.names.map((name, c) => [name, rowsOfCustomer(l, a.customers, c).sheetRows]);
  expect(rows.sort()).toEqual([
    ["A", [9]],
    ["B", [8]],
  ]);
});

test("a ledger the analysis did not see, or a code it does not have, is an error", async () => {
  const ledger = ingestGrid(GRID);
  const a = await analyze(ledger, { currency: "USD" });
  expect(() => analysedLedger(ingestGrid(GRID.slice(0, 4)), a)).toThrow(/not the one analysed/);
  expect(() => rowsOfCustomer(ledger, a.customers, 1)).toThrow(RangeError);
  expect(() => rowsOfCustomer(ledger, a.customers, -1)).toThrow(RangeError);
});
