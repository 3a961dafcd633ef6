/**
 * Hostile corpus, issue 17 items 1–3: text ledgers that were silently misread. Each case is built here, run through
 * `ka analyze` and checked against numbers worked out by hand from the rows written.
 */
import * as ExcelJS from "exceljs";
import * as path from "path";
import { kaIn, scratchDir } from "./ka";

const tmp = scratchDir("ka-hostile-text-");
afterAll(() => tmp.cleanup());

/** Row i (1-based) of the line-ending ledger: customer C(i mod 7), a January 2024 day, amount i. */
function row(i: number): string {
  return `C${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i}`;
}

describe("item 1: line endings that change inside the file", () => {
  test("300 CRLF rows, then 200 LF rows, then 20 CR rows: every row is read", async () => {
    const text =
      "Customer,Date,Amount\r\n" +
      Array.from({ length: 300 }, (_, k) => row(k + 1) + "\r\n").join("") +
      Array.from({ length: 200 }, (_, k) => row(k + 301) + "\n").join("") +
      Array.from({ length: 20 }, (_, k) => row(k + 501) + "\r").join("");
    tmp.file("endings.csv", text);
    const r = await kaIn(["analyze", "endings.csv", "--quiet", "--json", "-", "--out", "endings.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    // Σ i for i = 1..520 = 520 · 521 / 2 = 135,460; seven customers C0..C6.
    expect(r.json!.rows).toEqual({ read: 520, used: 520, excluded: 0, reasons: {} });
    expect(r.json!.revenue).toBe(135460);
    expect(r.json!.customers).toBe(7);
  });
});

describe("item 2: rows with more fields than the header", () => {
  test("an unquoted thousands separator excludes the row with its reason, never cuts it", async () => {
    tmp.file("wide.csv", ["Customer,Date,Amount", "Acme,2024-01-05,1,234.50", "Beta,2024-01-06,3,000,000", "Gamma,2024-01-07,200", 'Delta,2024-01-08,"1,234.50"', "Eps,2024-01-09,50,", ""].join("\n"));
    const r = await kaIn(["analyze", "wide.csv", "--quiet", "--json", "-", "--accounts", "--out", "wide.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    // Used: Gamma 200, Delta 1,234.50 (quoted), Eps 50 (a trailing empty field is no value); excluded: rows 2 and 3.
    expect(r.json!.rows).toEqual({ read: 5, used: 3, excluded: 2, reasons: { "more fields than the header": 2 } });
    expect(r.json!.revenue).toBe(1484.5);
    expect(r.json!.accounts!.map((a) => a.customer).sort()).toEqual(["Delta", "Eps", "Gamma"]);
  });

  test("when most rows are wider than the header the file is refused, naming the first such row", async () => {
    tmp.file("mostly-wide.csv", ["Customer,Date,Amount", "Gamma,2024-01-07,200", "Acme,2024-01-05,1,234.50", "Beta,2024-01-06,3,000,000", "Zeta,2024-01-08,7,500.00"].join("\n"));
    const r = await kaIn(["analyze", "mostly-wide.csv", "--quiet", "--json", "-", "--out", "mostly-wide.xlsx"], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "ka: 3 of 4 rows have more fields than the header (first: row 3, 4 fields where the header has 3: a ',' inside a value that is not in quotes (such as 1,234.50)?). " +
        `Values that contain the delimiter ',' must be in quotes ("1,234.50"), or the file uses another delimiter: save it again as CSV from Excel, or fix those rows.\n`,
    );
  });
});

describe("item 3: the encoding is judged on the names, wherever they are", () => {
  /** 4,000 ASCII rows (76 KB) before any other byte: more than the 64 KiB the old reader judged on. */
  const filler = Array.from({ length: 4000 }, () => "Alpha,2024-01-05,1\n").join("");

  test("Latin-1 'Café' and 'Cafè' after 64 KiB stay two customers; KA About names Windows-1252", async () => {
    const bytes = Buffer.concat([Buffer.from("Customer,Date,Amount\n" + filler), Buffer.from("Café,2024-01-06,3000\nCafè,2024-01-06,3000\n", "latin1")]);
    tmp.file("latin1.csv", bytes);
    const r = await kaIn(["analyze", "latin1.csv", "--quiet", "--json", "-", "--accounts", "--out", "latin1.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    // Alpha 4,000, Café 3,000, Cafè 3,000 of 10,000: CR1 = 0.4 (merged through U+FFFD it would be 0.6).
    expect(r.json!.customers).toBe(3);
    expect(r.json!.concentration!.cr1).toBeCloseTo(0.4, 12);
    expect(r.json!.accounts!.map((a) => a.customer).sort()).toEqual(["Alpha", "Cafè", "Café"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp.dir, "latin1.xlsx"));
    const about: string[] = [];
    wb.getWorksheet("KA About")!.eachRow((r) => about.push(r.values instanceof Array ? r.values.filter((v) => v !== undefined && v !== null).join(" | ") : ""));
    expect(about).toContain("Encoding | Windows-1252");
    expect(about.join("\n")).toMatch(/latin1\.csv is not UTF-8; read as Windows-1252/);
  });

  test("GB18030 names after 64 KiB are read as GB18030", async () => {
    // 上海甲公司 and 北京乙公司 in GB18030 (Python: '上海甲公司'.encode('gb18030').hex()).
    const shanghai = Buffer.from("c9cfbaa3bcd7b9abcbbe", "hex");
    const beijing = Buffer.from("b1b1bea9d2d2b9abcbbe", "hex");
    const bytes = Buffer.concat([Buffer.from("Customer,Date,Amount\n" + filler), shanghai, Buffer.from(",2024-01-06,3000\n"), beijing, Buffer.from(",2024-01-06,2000\n")]);
    tmp.file("gb.csv", bytes);
    const r = await kaIn(["analyze", "gb.csv", "--quiet", "--json", "-", "--accounts", "--out", "gb.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.json!.accounts!.map((a) => [a.customer, a.revenue])).toEqual([
      ["Alpha", 4000],
      ["上海甲公司", 3000],
      ["北京乙公司", 2000],
    ]);
  });

  test("a file that mixes UTF-8 and Latin-1: each name read as written, the stray bytes counted", async () => {
    const bytes = Buffer.concat([
      Buffer.from("Customer,Date,Amount\nMüller,2024-01-05,10\n" + filler, "utf8"),
      Buffer.from("Café,2024-01-06,20\nCafè,2024-01-06,30\n", "latin1"),
      Buffer.from("Müller,2024-01-07,5\n", "utf8"),
    ]);
    tmp.file("mixed.csv", bytes);
    const r = await kaIn(["analyze", "mixed.csv", "--quiet", "--json", "-", "--accounts", "--out", "mixed.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.json!.accounts!.map((a) => [a.customer, a.revenue]).sort()).toEqual([
      ["Alpha", 4000],
      ["Cafè", 30],
      ["Café", 20],
      ["Müller", 15],
    ]);
    expect(r.json!.customers).toBe(4);
  });
});
