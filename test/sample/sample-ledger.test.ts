/**
 * The bundled sample ledger: the committed file is exactly what scripts/make-sample.ts generates, and it
 * has the properties assets/README-sample.md states. The checks parse the CSV with papaparse and compute
 * everything here, independently of the generator's internals and of the engine.
 */
import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import { generateSample, SAMPLE_SEED, DIRTY_ROWS, FORMULA_CUSTOMER } from "../../scripts/make-sample";

const ASSETS = path.resolve(__dirname, "../../assets");
const CSV_PATH = path.join(ASSETS, "sample-ledger.csv");
const README_PATH = path.join(ASSETS, "README-sample.md");

const HEADER = ["Invoice No", "Invoice Date", "Customer", "Region", "Sales Rep", "Amount", "Currency", "Due Date", "Paid Date", "Paid Amount", "Credit Limit", "Contract End"];
const C = Object.fromEntries(HEADER.map((h, i) => [h, i])) as Record<string, number>;

/** UTC day number of a strict ISO date, or undefined (rejects 2024-02-30). */
function isoDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return t.getTime() / 86_400_000;
}
const day = (s: string): number => {
  const d = isoDay(s);
  if (d === undefined) throw new Error(`not an ISO date: ${s}`);
  return d;
};
const AS_OF = day("2025-12-31");
const MONEY = /^-?\d+\.\d{2}$/;

/** Neumaier-compensated sum (thousands of amounts). */
function sum(xs: Iterable<number>): number {
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

const text = fs.readFileSync(CSV_PATH, "utf8");
const bytes = fs.readFileSync(CSV_PATH);
const parsed = Papa.parse<string[]>(text.endsWith("\n") ? text.slice(0, -1) : text, { header: false, skipEmptyLines: false });
const table = parsed.data;
/** Data rows with their sheet row number (header = row 1). */
const rows = table.slice(1).map((cells, i) => ({ sheetRow: i + 2, cells }));

/** Dirty rows as documented in the README table: `| row | column | `value` | outcome |`. */
const documented = fs
  .readFileSync(README_PATH, "utf8")
  .split("\n")
  .map((line) => /^\|\s*([\d,]+)\s*\|\s*([^|]+?)\s*\|\s*(`([^`]*)`|\(blank\))\s*\|/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ row: Number(m[1].replace(/,/g, "")), column: m[2], value: m[3] === "(blank)" ? "" : m[4] }));
const dirtyRowNumbers = new Set(documented.map((d) => d.row));
const formulaRow = documented.find((d) => d.value === FORMULA_CUSTOMER)?.row;
/** Rows the ledger should use: everything except the documented excluded rows (the formula row is valid). */
const clean = rows.filter((r) => !dirtyRowNumbers.has(r.sheetRow) || r.sheetRow === formulaRow);

interface Rec {
  sheetRow: number;
  invoice: string;
  date: number;
  customer: string;
  amount: number;
  due?: number;
  paid?: number;
  paidAmount?: number;
  creditLimit: number;
  contractEnd?: number;
}
const recs: Rec[] = clean.map(({ sheetRow, cells }) => ({
  sheetRow,
  invoice: cells[C["Invoice No"]],
  date: day(cells[C["Invoice Date"]]),
  customer: cells[C["Customer"]],
  amount: Number(cells[C["Amount"]]),
  due: cells[C["Due Date"]] ? day(cells[C["Due Date"]]) : undefined,
  paid: cells[C["Paid Date"]] ? day(cells[C["Paid Date"]]) : undefined,
  paidAmount: cells[C["Paid Amount"]] ? Number(cells[C["Paid Amount"]]) : undefined,
  creditLimit: Number(cells[C["Credit Limit"]]),
  contractEnd: cells[C["Contract End"]] ? day(cells[C["Contract End"]]) : undefined,
}));
const invoices = recs.filter((r) => r.amount > 0);
const credits = recs.filter((r) => r.amount < 0);

const byCustomer = new Map<string, Rec[]>();
for (const r of recs) {
  const list = byCustomer.get(r.customer) ?? [];
  list.push(r);
  byCustomer.set(r.customer, list);
}
const netRevenue = new Map([...byCustomer].map(([c, list]) => [c, sum(list.map((r) => r.amount))]));
const positiveTotal = sum([...netRevenue.values()].filter((v) => v > 0));
const sharesDesc = [...netRevenue].filter(([, v]) => v > 0).map(([c, v]) => ({ customer: c, share: v / positiveTotal })).sort((a, b) => b.share - a.share);

describe("sample ledger file", () => {
  test("the committed file is exactly what generateSample(SAMPLE_SEED) produces", () => {
    const regenerated = Buffer.from(generateSample(SAMPLE_SEED), "utf8");
    expect(regenerated.length).toBe(bytes.length);
    expect(regenerated.equals(bytes)).toBe(true);
  });

  test("generation is deterministic in the seed", () => {
    const other = generateSample(SAMPLE_SEED + 1);
    expect(other).toBe(generateSample(SAMPLE_SEED + 1));
    expect(other).not.toBe(text);
  });

  test("UTF-8 without BOM, LF line ends, one final newline, under 3 MiB", () => {
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(text.includes("\r")).toBe(false);
    expect(text.endsWith("\n") && !text.endsWith("\n\n")).toBe(true);
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    expect(Buffer.from(text, "utf8").equals(bytes)).toBe(true); // valid UTF-8 round trip
  });

  test("RFC 4180: parses cleanly, 12 fields a row, one line per row", () => {
    expect(parsed.errors).toEqual([]);
    expect(table[0]).toEqual(HEADER);
    expect(rows.filter((r) => r.cells.length !== 12).map((r) => r.sheetRow)).toEqual([]);
    // No field spans lines, so a sheet row number is a line number.
    expect(text.split("\n").length - 1).toBe(table.length);
    // A name holding a comma is quoted, and the formula customer's quotes are doubled.
    expect(text).toContain('"Meridian Devices Co., Ltd."');
    expect(text).toContain('"=HYPERLINK(""http://example.com"",""click"")"');
  });

  test("row count 25k–35k, about 300 customers", () => {
    expect(rows.length).toBeGreaterThanOrEqual(25_000);
    expect(rows.length).toBeLessThanOrEqual(35_000);
    expect(byCustomer.size).toBeGreaterThanOrEqual(280);
    expect(byCustomer.size).toBeLessThanOrEqual(320);
  });
});

describe("dirty rows", () => {
  test("the README lists the 8 dirty rows, and they are the generator's", () => {
    expect(documented.map((d) => d.row)).toEqual(DIRTY_ROWS.map((d) => d.row));
    expect(documented.filter((d) => d.column === "Customer" && d.value === "")).toHaveLength(2);
    expect(documented.filter((d) => d.column === "Amount").map((d) => d.value).sort()).toEqual(["#N/A", "#N/A", "TBD", "n/a"]);
    expect(documented.filter((d) => d.column === "Invoice Date").map((d) => d.value)).toEqual(["31/02/2024"]);
    expect(formulaRow).toBeDefined();
  });

  test("each documented row holds the documented value in the documented column", () => {
    for (const d of documented) {
      const row = rows[d.row - 2];
      expect(row.sheetRow).toBe(d.row);
      expect(C[d.column]).toBeDefined();
      expect(row.cells[C[d.column]]).toBe(d.value);
    }
  });

  test("the bad date sits among February 2024 rows", () => {
    const bad = documented.find((d) => d.value === "31/02/2024")!.row;
    expect(rows[bad - 3].cells[C["Invoice Date"]].slice(0, 7)).toBe("2024-02");
    expect(rows[bad - 1].cells[C["Invoice Date"]].slice(0, 7)).toMatch(/^2024-0[23]$/);
  });

  test("the formula customer's row is otherwise valid, and its name appears nowhere else", () => {
    const r = rows[formulaRow! - 2].cells;
    expect(r[C["Customer"]]).toBe(FORMULA_CUSTOMER);
    expect(isoDay(r[C["Invoice Date"]])).toBeDefined();
    expect(r[C["Amount"]]).toMatch(MONEY);
    expect(Number(r[C["Amount"]])).toBeGreaterThan(0);
    expect(byCustomer.get(FORMULA_CUSTOMER)).toHaveLength(1);
  });

  test("every other row is clean: named customer, 2-decimal amount, ISO dates, no formula-like text", () => {
    const problems: string[] = [];
    for (const { sheetRow, cells } of clean) {
      const bad = (what: string) => problems.push(`row ${sheetRow}: ${what}`);
      if (cells[C["Customer"]].trim() === "") bad("blank customer");
      if (!MONEY.test(cells[C["Amount"]])) bad(`amount ${cells[C["Amount"]]}`);
      for (const col of ["Invoice Date", "Due Date", "Paid Date", "Contract End"]) {
        if ((col === "Invoice Date" || cells[C[col]] !== "") && isoDay(cells[C[col]]) === undefined) bad(`${col} ${cells[C[col]]}`);
      }
      if (cells[C["Paid Amount"]] !== "" && !MONEY.test(cells[C["Paid Amount"]])) bad(`paid amount ${cells[C["Paid Amount"]]}`);
      if (!/^\d+$/.test(cells[C["Credit Limit"]])) bad(`credit limit ${cells[C["Credit Limit"]]}`);
      if (cells[C["Currency"]] !== "CNY") bad(`currency ${cells[C["Currency"]]}`);
      if (cells[C["Customer"]] !== FORMULA_CUSTOMER && cells.some((v) => /^[=+@]/.test(v))) bad("formula-like text");
    }
    expect(problems).toEqual([]);
  });
});

describe("README facts", () => {
  test("the Facts table states the committed file's counts and dates", () => {
    const facts = new Map(
      fs
        .readFileSync(README_PATH, "utf8")
        .split("\n")
        .map((line) => /^\|\s*([a-z -]+?)\s*\|\s*([\d,-]+)\s*\|$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]])
    );
    const count = (key: string) => Number(facts.get(key)!.replace(/,/g, ""));
    expect(count("data rows")).toBe(rows.length);
    expect(count("customers")).toBe(byCustomer.size);
    expect(count("credit notes")).toBe(credits.length);
    const dates = recs.map((r) => r.date);
    expect(day(facts.get("first invoice date")!)).toBe(Math.min(...dates));
    expect(day(facts.get("last invoice date")!)).toBe(Math.max(...dates));
    expect(facts.get("as-of date")).toBe("2025-12-31");
  });
});

describe("calendar", () => {
  test("three years ending on the as-of date: first row in early January 2023, last on 2025-12-31, sorted", () => {
    const dates = recs.map((r) => r.date);
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(day("2023-01-01"));
    expect(Math.min(...dates)).toBeLessThanOrEqual(day("2023-01-06"));
    expect(Math.max(...dates)).toBe(AS_OF);
    expect(invoices.some((r) => r.date === AS_OF)).toBe(true);
    expect(recs.filter((r, i) => i > 0 && r.date < recs[i - 1].date).map((r) => r.sheetRow)).toEqual([]);
  });

  test("seasonality: Q4 carries more than a quarter of each year's revenue; a dip after the Spring Festival", () => {
    for (const y of [2023, 2024, 2025]) {
      const inYear = invoices.filter((r) => new Date(r.date * 86_400_000).getUTCFullYear() === y);
      const q4 = sum(inYear.filter((r) => new Date(r.date * 86_400_000).getUTCMonth() >= 9).map((r) => r.amount));
      expect(q4 / sum(inYear.map((r) => r.amount))).toBeGreaterThan(0.27);
    }
    // Revenue per calendar day in the 14 days after each holiday vs the year's average per calendar day.
    const holidayEnds = { 2023: "2023-01-27", 2024: "2024-02-17", 2025: "2025-02-04" };
    for (const [y, end] of Object.entries(holidayEnds)) {
      const e = day(end);
      const after = sum(invoices.filter((r) => r.date > e && r.date <= e + 14).map((r) => r.amount)) / 14;
      const year = sum(invoices.filter((r) => new Date(r.date * 86_400_000).getUTCFullYear() === Number(y)).map((r) => r.amount)) / 365;
      expect(after / year).toBeLessThan(0.7);
    }
  });
});

describe("invoice numbers and credit notes", () => {
  test("invoice numbers are unique and run per year in date order", () => {
    const numbers = rows.map((r) => r.cells[C["Invoice No"]]);
    expect(new Set(numbers).size).toBe(numbers.length);
    const last = new Map<string, number>();
    const problems: number[] = [];
    for (const r of rows) {
      const m = /^INV-(\d{4})-(\d{6})$/.exec(r.cells[C["Invoice No"]]);
      if (!m) continue;
      const n = Number(m[2]);
      if (n !== (last.get(m[1]) ?? 0) + 1) problems.push(r.sheetRow);
      last.set(m[1], n);
      const date = r.cells[C["Invoice Date"]];
      if (isoDay(date) !== undefined && date.slice(0, 4) !== m[1]) problems.push(r.sheetRow);
    }
    expect(problems).toEqual([]);
    expect([...last.keys()]).toEqual(["2023", "2024", "2025"]);
    // Every row is an invoice or a credit note.
    expect(rows.filter((r) => !/^(INV|CN)-\d{4}-\d{6}$/.test(r.cells[C["Invoice No"]])).map((r) => r.sheetRow)).toEqual([]);
  });

  test("credit notes: 2–3 % of rows, negative, each crediting at most all of an earlier invoice of the same customer", () => {
    expect(credits.length / rows.length).toBeGreaterThanOrEqual(0.02);
    expect(credits.length / rows.length).toBeLessThanOrEqual(0.03);
    const byNumber = new Map(recs.map((r) => [r.invoice, r]));
    const problems = credits.filter((cn) => {
      const m = /^CN-(\d{4}-\d{6})$/.exec(cn.invoice);
      const original = m ? byNumber.get(`INV-${m[1]}`) : undefined;
      return (
        original === undefined ||
        original.customer !== cn.customer ||
        original.date >= cn.date ||
        -cn.amount > original.amount ||
        cn.due !== undefined ||
        cn.paid !== undefined ||
        cn.paidAmount !== undefined
      );
    });
    expect(problems.map((r) => r.sheetRow)).toEqual([]);
    expect(invoices.filter((r) => !r.invoice.startsWith("INV-")).map((r) => r.sheetRow)).toEqual([]);
    // Some credit notes reverse their invoice in full, most only in part.
    const full = credits.filter((cn) => -cn.amount === byNumber.get(`INV-${cn.invoice.slice(3)}`)!.amount).length;
    expect(full / credits.length).toBeGreaterThan(0.1);
    expect(full / credits.length).toBeLessThan(0.5);
  });
});

describe("customers", () => {
  test("heavy tail: the top 3 customers each hold more than 10 % of net revenue, the 4th less", () => {
    expect(sharesDesc[0].share).toBeGreaterThan(0.1);
    expect(sharesDesc[1].share).toBeGreaterThan(0.1);
    expect(sharesDesc[2].share).toBeGreaterThan(0.1);
    expect(sharesDesc[3].share).toBeLessThan(0.1);
    // And the rest is skewed too: the top 10 % of customers hold over 70 % of revenue.
    const top10pct = sum(sharesDesc.slice(0, Math.round(sharesDesc.length / 10)).map((s) => s.share));
    expect(top10pct).toBeGreaterThan(0.7);
  });

  test("names: about 40 % Chinese, the rest English; 4 regions; 8 sales reps; one region and rep per customer", () => {
    const names = [...byCustomer.keys()];
    const chinese = names.filter((n) => /[\u4e00-\u9fff]/.test(n)).length / names.length;
    expect(chinese).toBeGreaterThan(0.3);
    expect(chinese).toBeLessThan(0.5);
    const regionOf = new Map<string, Set<string>>();
    const repOf = new Map<string, Set<string>>();
    for (const { cells } of clean) {
      const c = cells[C["Customer"]];
      regionOf.set(c, (regionOf.get(c) ?? new Set()).add(cells[C["Region"]]));
      repOf.set(c, (repOf.get(c) ?? new Set()).add(cells[C["Sales Rep"]]));
    }
    expect(new Set(clean.map((r) => r.cells[C["Region"]]))).toEqual(new Set(["East", "North", "South", "West"]));
    expect(new Set(clean.map((r) => r.cells[C["Sales Rep"]])).size).toBe(8);
    expect([...regionOf.values(), ...repOf.values()].filter((s) => s.size !== 1)).toEqual([]);
  });

  test("lifecycles: newcomers, churned (last purchase 6–18 months before as-of), growing and declining", () => {
    let newcomers = 0;
    let churned = 0;
    let growing = 0;
    let declining = 0;
    for (const [, list] of byCustomer) {
      const pos = list.filter((r) => r.amount > 0);
      if (pos.length === 0) continue;
      const first = pos[0].date;
      const lastDay = pos[pos.length - 1].date;
      if (first > day("2023-06-30")) newcomers++;
      if (lastDay >= day("2024-06-30") && lastDay <= day("2025-06-30")) churned++;
      if (first <= day("2023-03-31") && lastDay >= day("2025-10-01")) {
        const rev = (y: number) => sum(pos.filter((r) => new Date(r.date * 86_400_000).getUTCFullYear() === y).map((r) => r.amount));
        if (rev(2025) > 1.5 * rev(2023)) growing++;
        if (rev(2025) < 0.7 * rev(2023)) declining++;
      }
    }
    expect(newcomers).toBeGreaterThanOrEqual(40);
    expect(churned).toBeGreaterThanOrEqual(20);
    expect(growing).toBeGreaterThanOrEqual(20);
    expect(declining).toBeGreaterThanOrEqual(15);
  });
});

describe("credit fields", () => {
  test("due dates follow one payment term per customer: 30, 45, 60 or 90 days", () => {
    expect(invoices.filter((r) => r.due === undefined).map((r) => r.sheetRow)).toEqual([]);
    const terms = new Map<string, Set<number>>();
    for (const r of invoices) terms.set(r.customer, (terms.get(r.customer) ?? new Set()).add(r.due! - r.date));
    expect([...terms].filter(([, s]) => s.size !== 1)).toEqual([]);
    expect(new Set([...terms.values()].map((s) => [...s][0]))).toEqual(new Set([30, 45, 60, 90]));
  });

  test("payments: on or after the invoice date, by as-of; full amount except a few partial payments", () => {
    const paid = invoices.filter((r) => r.paid !== undefined);
    const problems = paid.filter((r) => !(r.paid! > r.date && r.paid! <= AS_OF && r.paidAmount !== undefined && r.paidAmount > 0 && r.paidAmount <= r.amount));
    expect(problems.map((r) => r.sheetRow)).toEqual([]);
    expect(invoices.filter((r) => r.paid === undefined && r.paidAmount !== undefined).map((r) => r.sheetRow)).toEqual([]);
    const partial = paid.filter((r) => r.paidAmount! < r.amount).length;
    expect(partial).toBeGreaterThanOrEqual(10);
    expect(partial / paid.length).toBeLessThan(0.01);
  });

  test("lateness: most customers pay on time, some 10–60 days late on average, a few later", () => {
    const meanLate: number[] = [];
    for (const [, list] of byCustomer) {
      const paid = list.filter((r) => r.paid !== undefined && r.amount > 0);
      if (paid.length >= 3) meanLate.push(sum(paid.map((r) => r.paid! - r.due!)) / paid.length);
    }
    const onTime = meanLate.filter((d) => d <= 5).length;
    const late = meanLate.filter((d) => d >= 10 && d <= 60).length;
    const veryLate = meanLate.filter((d) => d > 60).length;
    expect(onTime / meanLate.length).toBeGreaterThan(0.6);
    expect(late).toBeGreaterThanOrEqual(30);
    expect(veryLate).toBeGreaterThanOrEqual(3);
    expect(veryLate / meanLate.length).toBeLessThan(0.06);
  });

  test("at as-of: many open invoices not yet due; 2–4 customers with balances over 90 days past due", () => {
    // Open balance of an invoice = amount − paid amount (blank = 0), as SPEC §7 computes it.
    const open = invoices.map((r) => ({ ...r, balance: r.amount - (r.paidAmount ?? 0) })).filter((r) => r.balance > 0);
    expect(open.filter((r) => r.paid === undefined && r.due! > AS_OF).length).toBeGreaterThan(1000);
    expect(open.filter((r) => AS_OF - r.due! > 0 && AS_OF - r.due! <= 90).length).toBeGreaterThan(100);
    const overdue90 = new Set(open.filter((r) => AS_OF - r.due! > 90).map((r) => r.customer));
    expect(overdue90.size).toBeGreaterThanOrEqual(2);
    expect(overdue90.size).toBeLessThanOrEqual(4);
    // Each troubled customer's 90+ days past-due balance is material (over CNY 20,000).
    for (const c of overdue90) {
      const amount = sum(open.filter((r) => r.customer === c && AS_OF - r.due! > 90).map((r) => r.balance));
      expect(amount).toBeGreaterThan(20_000);
    }
  });

  test("credit limits: one round number per customer; a few customers above their limit", () => {
    let over = 0;
    for (const [, list] of byCustomer) {
      const limits = new Set(list.map((r) => r.creditLimit));
      expect(limits.size).toBe(1);
      const limit = [...limits][0];
      expect(limit % 10_000).toBe(0);
      expect(limit).toBeGreaterThan(0);
      const open = sum(list.filter((r) => r.amount > 0).map((r) => r.amount - (r.paidAmount ?? 0)));
      if (open > limit) over++;
    }
    expect(over).toBeGreaterThanOrEqual(2);
    expect(over).toBeLessThanOrEqual(6);
  });

  test("contract ends on the largest accounts only: some passed, some within 90 days after as-of", () => {
    const ends = new Map<string, number>();
    for (const r of recs) if (r.contractEnd !== undefined) ends.set(r.customer, r.contractEnd);
    expect([...byCustomer].filter(([, list]) => new Set(list.map((r) => r.contractEnd)).size !== 1).map(([c]) => c)).toEqual([]);
    const top10 = new Set(sharesDesc.slice(0, 10).map((s) => s.customer));
    expect([...ends.keys()].filter((c) => !top10.has(c))).toEqual([]);
    expect(sharesDesc.slice(0, 3).filter((s) => !ends.has(s.customer))).toEqual([]);
    const values = [...ends.values()];
    expect(values.filter((d) => d <= AS_OF).length).toBeGreaterThanOrEqual(2);
    expect(values.filter((d) => d > AS_OF && d <= AS_OF + 90).length).toBeGreaterThanOrEqual(2);
    expect(values.filter((d) => d > AS_OF + 90).length).toBeGreaterThanOrEqual(2);
  });
});
