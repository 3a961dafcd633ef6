/**
 * The report's currency: one currency in the column is the report's (spellings normalised); several are refused
 * until one is chosen, and then the other rows are excluded with their reason — never summed across currencies.
 */
import { analyze } from "../../src/engine/analysis";
import { chooseCurrency } from "../../src/engine/currency";
import { ingestGrid } from "../../src/engine/ledger";
import { buildReport } from "../../src/engine/report";
import { parseArgs, UsageError } from "../../src/cli/args";

const H = ["Customer", "Date", "Amount", "Currency", "Credit Limit"];
const MIXED = [
  H,
  ["Acme", "2024-01-05", 100, "CNY", 1000],
  ["Acme", "2024-01-06", 999, "USD", 1000],
  ["Bolt", "2024-01-07", 50, "usd", 2000], // lower case: the same currency
  ["Cato", "2024-01-08", 70, "人民币", 3000], // a Chinese name of CNY
  ["Dyne", "2024-01-09", 30, "EUR", 4000],
  ["Cato", "2024-01-10", 5, "", 3000], // blank currency beside several: not the chosen one
];

describe("report currency", () => {
  test("one currency, however spelt, is the report's; money formats carry its symbol", async () => {
    const a = await analyze(ingestGrid([H, ["A", "2024-01-01", 10, "RMB", ""], ["B", "2024-01-02", 20, "¥", ""], ["B", "2024-01-03", 5, "", ""]], {}));
    expect(a.params.currency).toBe("CNY");
    expect(a.ledger.used).toBe(3); // the blank cell beside one currency is read as that currency
    const report = buildReport(a, { label: "t", kind: "file" });
    const formats = report.sheets.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? b.columns.map((c) => c.numberFormat) : b.kind === "keyValue" ? b.items.map((i) => i.numberFormat) : [])));
    expect(formats).toContain('"¥"#,##0.00');
    expect(formats).not.toContain("#,##0.00");
  });

  test("several currencies are refused with a message naming them", async () => {
    expect(() => chooseCurrency(ingestGrid(MIXED, {}), undefined, "en")).toThrowProblem("mixedCurrencies", { path: "currency" });
    await expect(analyze(ingestGrid(MIXED, {}))).rejects.toThrow(
      "The ledger holds 3 currencies (CNY, USD and EUR), and amounts in different currencies are never added together.",
    );
    await expect(analyze(ingestGrid(MIXED, {}), { lang: "zh-CN" })).rejects.toThrow("台账包含 3 种币种（CNY、USD和EUR），不同币种的金额不会相加。");
  });

  test("choosing one keeps its rows only: the others are excluded and counted, customers without a row dropped", async () => {
    const ledger = ingestGrid(MIXED, {});
    const a = await analyze(ledger, { currency: "usd" });
    expect(a.params.currency).toBe("USD");
    expect(a.ledger.read).toBe(6);
    expect(a.ledger.used).toBe(2);
    expect(a.ledger.excludedCounts["other currency"]).toBe(4);
    expect(a.ledger.excluded.filter((e) => e.reason === "other currency").map((e) => [e.row, e.detail])).toEqual([
      [2, "'CNY' in Currency"],
      [5, "'人民币' in Currency"],
      [6, "'EUR' in Currency"],
      [7, "'(none)' in Currency"],
    ]);
    expect(a.customers.names).toEqual(["Acme", "Bolt"]);
    expect(a.revenue).toBe(1049);
    expect(Array.from(a.customers.revenue)).toEqual([999, 50]);
    // Per-customer columns follow the customers they belong to.
    const chosen = chooseCurrency(ledger, "USD", "en").ledger;
    expect(Array.from(chosen.creditLimit!)).toEqual([1000, 2000]);
    // About keeps what each currency held, and the warning says what was left out.
    expect(a.ledger.currencyTotals).toEqual([
      { currency: "CNY", revenue: 170 },
      { currency: "USD", revenue: 1049 },
      { currency: "EUR", revenue: 30 },
    ]);
    expect(a.warnings.map((w) => w.message)).toContain("4 rows in currencies other than USD were excluded.");
    // used + excluded = read still holds.
    const excluded = Object.values(a.ledger.excludedCounts).reduce((s, n) => s + (n ?? 0), 0);
    expect(a.ledger.used + excluded).toBe(a.ledger.read);
  });

  test("a currency the ledger does not hold, or no currency code at all, is a clear error", async () => {
    await expect(analyze(ingestGrid(MIXED, {}), { currency: "JPY" })).rejects.toThrow("Currency JPY is not in the ledger's currency column, which holds CNY, USD and EUR.");
    expect(() => chooseCurrency(ingestGrid(MIXED, {}), "dollars", "en")).toThrowProblem("badArgument", { path: "currency" });
  });

  test("a ledger without a currency column is reported in the currency given, or without a symbol", async () => {
    const rows = [["Customer", "Date", "Amount"], ["A", "2024-01-01", 10]];
    expect((await analyze(ingestGrid(rows, {}), { currency: "EUR" })).params.currency).toBe("EUR");
    expect((await analyze(ingestGrid(rows, {}))).params.currency).toBeUndefined();
  });

  test("CLI: --currency takes a code or a known spelling, refuses anything else", () => {
    const a = parseArgs(["analyze", "--currency", "rmb"]);
    expect(a.kind === "analyze" && a.args.currency).toBe("CNY");
    expect(() => parseArgs(["analyze", "--currency", "dollars"])).toThrow(UsageError);
  });
});
