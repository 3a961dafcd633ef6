/**
 * A full Excel sheet: header + 1,048,575 data rows (Excel's limit is 1,048,576 rows). The grid is cheap: its
 * rows are references into a pool of 1,000 row arrays whose outcomes are declared when the pool is built, so
 * the expected counts and totals come from a plain loop over the declarations, not from the parser.
 */
import { ingestGrid } from "../../../src/engine/ledger";
import type { RawCell } from "../../../src/engine/ledger";
import { excludedTotal } from "./helpers";

interface PoolRow {
  cells: RawCell[];
  /** Declared outcome: the amount when used, or the exclusion reason. */
  amount?: number;
  reason?: "customer is blank" | "error cell";
  key?: string;
}

function pool(): PoolRow[] {
  const rows: PoolRow[] = [];
  for (let j = 0; j < 1000; j++) {
    const r = j % 250;
    const cust = j % 2 === 0 ? `C${r}` : ` c${r} `; // case and space variants of one key
    const serial = 45000 + (j % 300);
    switch (j % 10) {
      case 0:
        rows.push({ cells: ["", serial, 5], reason: "customer is blank" });
        break;
      case 1:
        rows.push({ cells: [cust, "#N/A", 5], reason: "error cell" });
        break;
      case 2:
        rows.push({ cells: [cust, serial, "1,234.50"], amount: 1234.5, key: `c${r}` });
        break;
      case 3:
        rows.push({ cells: [cust, `2023-05-${String(1 + (j % 28)).padStart(2, "0")} 10:00`, "(10)"], amount: -10, key: `c${r}` });
        break;
      default:
        rows.push({ cells: [cust, serial, 100 + (j % 7)], amount: 100 + (j % 7), key: `c${r}` });
    }
  }
  return rows;
}

test("1,048,576-row sheet: used + excluded = read, and counts, customers and total match the declared rows", () => {
  const N = 1_048_575;
  const p = pool();
  const grid: RawCell[][] = new Array(N + 1);
  grid[0] = ["Customer", "Date", "Amount"];
  for (let i = 1; i <= N; i++) grid[i] = p[(i - 1) % 1000].cells;

  // Independent expectation from the declarations.
  let used = 0;
  let total = 0; // every amount is a multiple of 0.5 and |total| < 2^52 · 0.5: the plain sum is exact
  let blank = 0;
  let errors = 0;
  const keys = new Set<string>();
  for (let i = 1; i <= N; i++) {
    const d = p[(i - 1) % 1000];
    if (d.amount !== undefined) {
      used++;
      total += d.amount;
      keys.add(d.key as string);
    } else if (d.reason === "customer is blank") blank++;
    else errors++;
  }

  const l = ingestGrid(grid);
  expect(l.read).toBe(N);
  expect(l.used + excludedTotal(l)).toBe(l.read);
  expect(l.used).toBe(used);
  expect(l.excludedCounts).toEqual({ "customer is blank": blank, "error cell": errors });
  expect(l.excluded.length).toBe(2000); // the first 1,000 of each reason are kept
  expect(l.excluded[0]).toEqual({ row: 2, reason: "customer is blank", detail: "Customer is blank" });
  expect(l.excluded[1]).toEqual({ row: 3, reason: "error cell", detail: "#N/A in Date" });
  expect(l.customers.length).toBe(keys.size);
  let sum = 0;
  for (let i = 0; i < l.used; i++) sum += l.amount[i];
  expect(sum).toBe(total);
  expect(l.sourceRow.reduce((m, r) => Math.max(m, r), 0)).toBe(N + 1); // the last sheet row, 1,048,576, is a used row
});
