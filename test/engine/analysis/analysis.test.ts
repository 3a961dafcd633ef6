import { ingestGrid } from "../../../src/engine/ledger";
import { analyze } from "../../../src/engine/analysis";
import { buildReport, summaryJson } from "../../../src/engine/report";
import { KaProblem } from "../../../src/engine/problems";
import { dayFromIso } from "../../../src/engine/day";
import { NO_DAY } from "../../../src/engine/ledger/types";

/** A small ledger whose aggregates are worked out by hand below. */
const GRID = [
  ["Invoice", "Date", "Customer", "Amount"],
  ["I1", "2024-01-05", "Acme", 100], // Acme: 100 + 50 (same day, other invoice) + 200 − 30 (credit note) = 320
  ["I2", "2024-01-05", "acme ", 50], // same customer (case and spaces), same day: one purchase occasion
  ["I3", "2024-02-10", "ACME", 200],
  ["C1", "2024-02-20", "Acme", -30], // credit note: reduces revenue, not a purchase occasion
  ["I4", "2024-01-15", "Beta", 80], // Beta: 80
  ["I5", "2024-03-01", "Gamma", 40], // Gamma: 40 − 40 = 0 → net ≤ 0: no share
  ["C2", "2024-03-02", "Gamma", -40],
  ["I6", "2024-03-31", "", 10], // excluded: customer is blank
];

describe("analysis of a hand-made ledger", () => {
  test("per-customer aggregates", async () => {
    const a = await analyze(ingestGrid(GRID));
    const code = (name: string) => a.customers.names.findIndex((n) => n.toLowerCase().trim() === name);
    const acme = code("acme");
    expect(a.customers.n).toBe(3);
    expect(a.customers.names[acme]).toBe("Acme"); // first spelling seen
    expect(a.customers.revenue[acme]).toBe(320);
    expect(a.customers.gross[acme]).toBe(350);
    expect(a.customers.credits[acme]).toBe(-30);
    expect(a.customers.invoices[acme]).toBe(3); // I1, I2, I3 (the credit note is not an invoice)
    expect(a.customers.purchaseDays[acme]).toBe(2); // 01-05 (two invoices) and 02-10
    expect(a.customers.firstPurchase[acme]).toBe(dayFromIso("2024-01-05"));
    expect(a.customers.lastPurchase[acme]).toBe(dayFromIso("2024-02-10"));
    expect(a.revenue).toBe(320 + 80 + 0);
    expect(a.asOf).toBe(dayFromIso("2024-03-02")); // latest date among used rows, never the clock
    expect(a.customers.lastPurchase[code("gamma")]).toBe(dayFromIso("2024-03-01"));
    expect(a.customers.firstPurchase.includes(NO_DAY)).toBe(false);
  });

  test("an order cancelled the same day is no purchase occasion; a partial same-day credit leaves one", async () => {
    const grid = [
      ["Invoice", "Date", "Customer", "Amount"],
      ["I1", "2024-01-05", "Delta", 70],
      ["C1", "2024-01-05", "Delta", -70], // cancelled the same day: net 0, no occasion
      ["I2", "2024-01-09", "Delta", 100],
      ["C2", "2024-01-09", "Delta", -30], // net 70 > 0: an occasion
      ["I3", "2024-01-20", "Delta", 40],
    ];
    const a = await analyze(ingestGrid(grid));
    expect(a.customers.purchaseDays[0]).toBe(2); // 01-09 and 01-20
    expect(a.customers.firstPurchase[0]).toBe(dayFromIso("2024-01-09"));
    expect(a.customers.revenue[0]).toBe(110);
    // The models count the same occasions: x = purchase days − 1.
    expect(a.clv!.summary.x[0]).toBe(1);
  });

  test("concentration uses positive customers only: shares 320/400 and 80/400", async () => {
    const a = await analyze(ingestGrid(GRID));
    const k = a.concentration!;
    expect(k.positiveCustomers).toBe(2);
    expect(k.nonPositiveCustomers).toBe(1);
    // HHI = 10000 · (0.8² + 0.2²) = 10000 · 0.68 = 6800
    expect(k.hhi).toBeCloseTo(6800, 9);
    expect(k.band).toBe("highly concentrated");
    expect(k.cr1).toBeCloseTo(0.8, 12);
  });

  test("row accounting: used + excluded = read, with the reason and sheet row", async () => {
    const a = await analyze(ingestGrid(GRID));
    expect(a.ledger.read).toBe(8);
    expect(a.ledger.used).toBe(7);
    expect(a.ledger.excluded).toEqual([expect.objectContaining({ row: 9, reason: "customer is blank" })]);
    const json = summaryJson(a) as any;
    expect(json.rows).toEqual({ read: 8, used: 7, excluded: 1, reasons: { "customer is blank": 1 } });
  });

  test("progress is reported by stage and a cancelled run stops with a 'cancelled' problem", async () => {
    const stages: string[] = [];
    await analyze(ingestGrid(GRID), {}, { onProgress: (s) => stages.push(s) });
    expect(stages[0]).toBe("customers");
    expect(stages).toContain("concentration");
    expect(stages[stages.length - 1]).toBe("done");
    const ctl = new AbortController();
    ctl.abort();
    await expect(analyze(ingestGrid(GRID), {}, { signal: ctl.signal })).rejects.toMatchObject({ problem: { code: "cancelled" } });
  });

  test("a ledger with no usable row is a 'noRows' problem naming the reasons", async () => {
    const grid = [GRID[0], ["I1", "2024-01-01", "", 5]];
    await expect(analyze(ingestGrid(grid))).rejects.toThrow(KaProblem);
    await expect(analyze(ingestGrid(grid))).rejects.toThrow(/customer is blank/);
    await expect(analyze(ingestGrid([GRID[0]]))).rejects.toThrow(/no data rows/);
  });

  test("the report's Accounts table lists customers by revenue, formula-like names as plain text", async () => {
    const grid = [...GRID.slice(0, 2), ["I9", "2024-01-07", '=HYPERLINK("http://x","y")', 500]];
    const a = await analyze(ingestGrid(grid));
    const report = buildReport(a, { label: "test", kind: "range" });
    const names = report.sheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(["KA Summary", "KA Accounts"]);
    expect(names[names.length - 1]).toBe("KA About");
    expect(names).not.toContain("KA Aging"); // no due dates or balances: no Aging tab
    const table = report.sheets[1].blocks[0];
    if (table.kind !== "table") throw new Error("Accounts starts with its table");
    expect(table.rows[0][0]).toBe('=HYPERLINK("http://x","y")'); // a plain string: always written as text
    expect(table.rows[1][0]).toBe("Acme");
    expect(report.names?.KA_ABC_A).toEqual(expect.objectContaining({ sheet: "about" }));
  });
});
