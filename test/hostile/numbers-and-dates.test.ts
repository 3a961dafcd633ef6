/**
 * Hostile corpus, issue 17 items 4 and 5: decimal-comma ledgers and dates far outside the rest of the ledger.
 * Ingestion cases on grids (every used and excluded row written out by hand), then the CLI on files.
 */
import { dayFromYmd } from "../../src/engine/day";
import { ingestGrid } from "../../src/engine/ledger";
import type { IngestOptions, Ledger, RawCell } from "../../src/engine/ledger";
import { excludedTotal, usedRows } from "../engine/ledger/helpers";
import { kaIn, scratchDir } from "./ka";

const H = ["Customer", "Date", "Amount"];

function ingest(grid: RawCell[][], options?: IngestOptions): Ledger {
  const l = ingestGrid(grid, options);
  expect(l.used + excludedTotal(l)).toBe(l.read);
  return l;
}

const excluded = (l: Ledger) => l.excluded.map((e) => [e.row, e.reason, e.detail]);

describe("item 4: the decimal mark is decided per column from all its values", () => {
  test("the issue's ledger: '1.234,50' decides ',' for the column, so '12.000' is 12,000 and '3.500' is 3,500", () => {
    const l = ingest([H, ["A", "15.01.2024", "12.000"], ["B", "16.01.2024", "3.500"], ["C", "17.01.2024", "1.234,50"], ["D", "18.01.2024", "250"]]);
    expect(usedRows(l)).toEqual([
      ["A", "2024-01-15", 12000, 2],
      ["B", "2024-01-16", 3500, 3],
      ["C", "2024-01-17", 1234.5, 4],
      ["D", "2024-01-18", 250, 5],
    ]);
    // 12,000 + 3,500 + 1,234.5 + 250 = 16,984.5 (the misread gave 265.5).
    expect(l.notes).toContain("Amount: numbers read with ',' as the decimal mark and '.' grouping thousands (1.234,50), decided by column 'Amount' ('1.234,50' in row 4).");
  });

  test("'1,234.50' decides '.', so '1,234' is 1,234 and '12.000' is 12", () => {
    const l = ingest([H, ["A", "2024-01-05", "1,234"], ["B", "2024-01-05", "12.000"], ["C", "2024-01-05", "1,234.50"]]);
    expect(usedRows(l).map((r) => r[2])).toEqual([1234, 12, 1234.5]);
  });

  test("a column of values readable both ways, and nothing in the ledger to decide: a clear error naming the column, a row and both readings", () => {
    expect(() => ingestGrid([H, ["A", "2024-01-05", "12.000"], ["B", "2024-01-05", "3.500"], ["C", "2024-01-05", 7]])).toThrowProblem("ambiguousNumberFormat", {
      path: "Amount",
      row: 2,
      message:
        "Numbers in column 'Amount' can be read with '.' or ',' as the decimal mark (e.g. '12.000' in row 2 is 12 or 12,000), and no number in the ledger decides it. Choose the decimal mark (. or ,).",
    });
  });

  test("another number column decides: unit price '2,50' makes quantity '1.000' one thousand", () => {
    const l = ingest([
      ["Customer", "Date", "Quantity", "Unit Price"],
      ["A", "2024-01-05", "1.000", "2,50"],
      ["B", "2024-01-05", "3", "1,25"],
    ]);
    expect(usedRows(l).map((r) => r[2])).toEqual([2500, 3.75]);
    expect(l.notes.join("\n")).toMatch(/Quantity: numbers read with ',' as the decimal mark .* decided by column 'Unit Price' \('2,50' in row 2\)/);
  });

  test("a column written both ways without a 3/4 majority is a problem naming both examples", () => {
    expect(() => ingestGrid([H, ["A", "2024-01-05", "1,5"], ["B", "2024-01-05", "2.5"]])).toThrowProblem("ambiguousNumberFormat", {
      path: "Amount",
      row: 3,
      message: "Numbers in column 'Amount' are written both ways: '2.5' (row 3) has '.' as its decimal mark and '1,5' (row 2) has ','. Choose the decimal mark (. or ,); values written the other way will be excluded.",
    });
  });

  test("a clear majority decides; the few values written the other way are excluded with the decision named", () => {
    const l = ingest([H, ["A", "2024-01-05", "1.5"], ["B", "2024-01-05", "2.25"], ["C", "2024-01-05", "3.75"], ["D", "2024-01-05", "4,5"]]);
    expect(usedRows(l).map((r) => r[2])).toEqual([1.5, 2.25, 3.75]);
    expect(excluded(l)).toEqual([[5, "amount is not a number", "'4,5' in Amount is not a number (the column's decimal mark is '.' (decided by column 'Amount' ('1.5' in row 2)))"]]);
  });

  test("--decimal forces the mark: values that do not fit it are excluded", () => {
    const l = ingest([H, ["A", "2024-01-05", "12.000"], ["B", "2024-01-05", "12.5"], ["C", "2024-01-05", "1 234,5"]], { decimal: "," });
    expect(usedRows(l).map((r) => [r[0], r[2]])).toEqual([
      ["A", 12000],
      ["C", 1234.5],
    ]);
    expect(excluded(l)).toEqual([[3, "amount is not a number", "'12.5' in Amount is not a number"]]);
    const dot = ingest([H, ["A", "2024-01-05", "12.000"], ["B", "2024-01-05", "3,5"]], { decimal: "." });
    expect(usedRows(dot).map((r) => r[2])).toEqual([12]);
  });

  test("optional number columns follow the same rule; a value written the other way becomes missing and is noted", () => {
    const l = ingest([
      ["Customer", "Date", "Amount", "Balance"],
      ["A", "2024-01-05", "1.234,50", "1.000"],
      ["B", "2024-01-05", "10,00", "2,5"],
      ["C", "2024-01-05", "20,00", "0,5"],
      ["D", "2024-01-05", "30,00", "1,25"],
      ["E", "2024-01-05", "40,00", "7.5"],
    ]);
    // Balance: three values say ',' and one '.', a 3/4 majority: '1.000' is 1,000 and '7.5' is no number.
    expect(Array.from(l.balance ?? [])).toEqual([1000, 2.5, 0.5, 1.25, NaN]);
    expect(l.notes.join("\n")).toMatch(/balance \(Balance\): 1 cell not a number \(row 6\); read as missing\./);
  });
});

describe("item 5: dates far outside the rest of the ledger", () => {
  test("one row dated 9999-12-31 in a 3-row ledger is excluded with its reason and a warning; the as-of date is the others' latest", () => {
    const l = ingest([H, ["A", "2024-01-05", 100], ["B", "2024-02-01", 50], ["C", "9999-12-31", 7]]);
    expect(usedRows(l)).toEqual([
      ["A", "2024-01-05", 100, 2],
      ["B", "2024-02-01", 50, 3],
    ]);
    expect(excluded(l)).toEqual([[4, "date far after the other rows", "9999-12-31 is 7,976 years after the other rows' last date 2024-02-01"]]);
    expect(l.asOf).toBe(dayFromYmd(2024, 2, 1));
    expect(l.warnings).toEqual([
      {
        code: "farDates",
        message:
          '1 row dated far after the other rows (such as 9999-12-31 in row 4; the others end on 2024-02-01) were excluded as "date far after the other rows": a mistyped year? Correct the date to include them.',
      },
    ]);
  });

  test("a mistyped year (2204) and a far early date (1924) in a two-year ledger; a row 3 years after a 2-year ledger is kept", () => {
    const grid: RawCell[][] = [H];
    for (let m = 1; m <= 24; m++) grid.push([`C${m % 5}`, `${2022 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}-10`, m]);
    grid.push(["X", "2204-03-01", 1000], ["Y", "1924-05-01", 2000], ["Z", "2026-12-15", 5]);
    const l = ingest(grid);
    expect(l.used).toBe(25);
    expect(excluded(l)).toEqual([
      [26, "date far after the other rows", "2204-03-01 is 177 years after the other rows' last date 2026-12-15"],
      [27, "date far before the other rows", "1924-05-01 is 97.7 years before the other rows' first date 2022-01-10"],
    ]);
    expect(l.asOf).toBe(dayFromYmd(2026, 12, 15));
  });

  test("a ledger whose dates are spread evenly over decades keeps every row (no gap stands out)", () => {
    const grid: RawCell[][] = [H];
    for (let y = 1950; y <= 2024; y++) grid.push([`C${y % 3}`, `${y}-06-01`, 1]);
    expect(ingest(grid).used).toBe(75);
  });
});

describe("items 4 and 5 through the CLI", () => {
  const tmp = scratchDir("ka-hostile-nd-");
  afterAll(() => tmp.cleanup());

  test("a semicolon ledger with dd.mm.yyyy dates and decimal commas; --decimal forces, a bad value names the flag", async () => {
    tmp.file("eu.csv", "Kunde;Datum;Betrag\nA;15.01.2024;12.000\nB;16.01.2024;3.500\nC;17.01.2024;1.234,50\nD;18.01.2024;250\n");
    const r = await kaIn(["analyze", "eu.csv", "--quiet", "--json", "-", "--out", "eu.xlsx", "--map", "customer=Kunde,date=Datum,amount=Betrag"], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.json!.revenue).toBe(16984.5);
    tmp.file("amb.csv", "Customer;Date;Amount\nA;2024-01-15;12.000\nB;2024-01-16;3.500\n");
    const amb = await kaIn(["analyze", "amb.csv", "--quiet", "--json", "-", "--out", "amb.xlsx"], tmp.dir);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toMatch(/^ka: Numbers in column 'Amount' can be read with '\.' or ',' as the decimal mark .* Choose the decimal mark \(\. or ,\): --decimal \. or --decimal ,\n$/);
    const forced = await kaIn(["analyze", "amb.csv", "--quiet", "--json", "-", "--out", "amb.xlsx", "--decimal", ","], tmp.dir);
    expect(forced.json!.revenue).toBe(15500);
    const dot = await kaIn(["analyze", "amb.csv", "--quiet", "--json", "-", "--out", "amb.xlsx", "--decimal=."], tmp.dir);
    expect(dot.json!.revenue).toBe(15.5);
    const bad = await kaIn(["analyze", "amb.csv", "--decimal", "x"], tmp.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ka: --decimal must be '\.' or ',', got 'x'\n/);
  });

  test("--as-of 9999-12-31: every monthly grid stops 12 months after the last row, with a warning", async () => {
    const rows = ["Customer,Date,Amount,Due Date,Paid Date"];
    for (let m = 1; m <= 12; m++) rows.push(`C${m % 4},2024-${String(m).padStart(2, "0")}-10,${100 * m},2024-${String(m).padStart(2, "0")}-28,${m % 3 === 0 ? "" : `2024-${String(m).padStart(2, "0")}-25`}`);
    tmp.file("asof.csv", rows.join("\n") + "\n");
    const r = await kaIn(["analyze", "asof.csv", "--as-of", "9999-12-31", "--json", "-", "--out", "asof.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.json!.asOf).toBe("9999-12-31");
    expect((r.json!.retention as { to: string }).to).toBe("2025-12");
    // Collection KPIs per month too (they listed 95,724 months, one per month to 9999-12): 2024-01 … 2025-12.
    const monthly = (r.json!.credit as { collection: { monthly: { month: string }[] } }).collection.monthly.map((m) => m.month);
    expect(monthly.length).toBe(24);
    expect([monthly[0], monthly[23]]).toEqual(["2024-01", "2025-12"]);
    expect(r.stderr).toMatch(/warning: The as-of date 9999-12-31 is more than 12 months after the ledger's last row: monthly series, retention and cohorts stop at 2025-12\./);
  });

  test("a far-future row: excluded with a warning on stderr and in the JSON", async () => {
    tmp.file("far.csv", "Customer,Date,Amount\nA,2024-01-05,100\nB,2024-02-01,50\nC,9999-12-31,7\n");
    const r = await kaIn(["analyze", "far.csv", "--json", "-", "--out", "far.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.json!.rows).toEqual({ read: 3, used: 2, excluded: 1, reasons: { "date far after the other rows": 1 } });
    expect(r.json!.asOf).toBe("2024-02-01");
    expect(r.json!.warnings.map((w) => w.code)).toContain("farDates");
    expect(r.stderr).toMatch(/warning: 1 row dated far after the other rows \(such as 9999-12-31 in row 4/);
  });
});
