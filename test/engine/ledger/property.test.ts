/**
 * Property test: a few hundred random grids (seeded, so every run is the same) mixing good and bad cells.
 * Each cell is drawn from a vocabulary whose meaning is declared with it (value, blank, error, unreadable), and
 * the expected outcome of each row is recomputed here by the SPEC §1 precedence on those declarations — never by
 * parsing the cells — then compared with the ledger: row by row, reason by reason, amount by amount.
 */
import { ingestGrid, NO_DAY } from "../../../src/engine/ledger";
import type { ExclusionReason, IngestOptions, RawCell } from "../../../src/engine/ledger";
import { dayFromYmd } from "../../../src/engine/day";
import { excludedTotal, inSheetOrder, mulberry32 } from "./helpers";

type Meaning<T> = { kind: "value"; value: T } | { kind: "blank" } | { kind: "error" } | { kind: "bad" };
type Gen<T> = (rnd: () => number) => { cell: RawCell; m: Meaning<T> };

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const BLANKS: RawCell[] = [null, "", "  ", "\u3000", undefined];
const ERRORS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!"];

const NAMES = ["Acme Ltd", "北京甲公司", "17850", "Beta & Co", "=HYPERLINK(\"x\")", "#1 Shop"];
/** Spellings of a name that must merge with it. */
function spell(rnd: () => number, name: string): RawCell {
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return name.toUpperCase();
    case 1:
      return `  ${name.replace(/ /g, "\u3000\u3000")} `;
    case 2:
      return name === "17850" ? 17850 : name.toLowerCase();
    case 3:
      return name === "17850" ? "17850.0" : name;
    default:
      return name;
  }
}

const genCustomer: Gen<string> = (rnd) => {
  const u = rnd();
  if (u < 0.08) return { cell: pick(rnd, BLANKS), m: { kind: "blank" } };
  if (u < 0.12) return { cell: pick(rnd, ERRORS), m: { kind: "error" } };
  const name = pick(rnd, NAMES);
  return { cell: spell(rnd, name), m: { kind: "value", value: name.toLowerCase() } };
};

/** Dates: (y, m, d) written in one of the accepted forms; with dmy, also as d/m/yyyy. */
function genDate(dmy: boolean): Gen<number> {
  return (rnd) => {
    const u = rnd();
    if (u < 0.06) return { cell: pick(rnd, BLANKS), m: { kind: "blank" } };
    if (u < 0.1) return { cell: pick(rnd, ERRORS), m: { kind: "error" } };
    if (u < 0.16) return { cell: pick(rnd, ["soon", "2023-02-29", "45292", "1/2/24", true, -4, 20241340]), m: { kind: "bad" } };
    const y = 2020 + Math.floor(rnd() * 5);
    const mo = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const day = dayFromYmd(y, mo, d);
    const p2 = (n: number) => String(n).padStart(2, "0");
    const forms: RawCell[] = [`${y}-${p2(mo)}-${p2(d)}`, `${y}-${p2(mo)}-${p2(d)} 13:07`, `${y}/${mo}/${d}`, `${y}年${mo}月${d}日`, `${y}${p2(mo)}${p2(d)}`, y * 10000 + mo * 100 + d, day + 25569 + 0.25];
    if (dmy) forms.push(`${d}/${mo}/${y}`, `${p2(d)}.${p2(mo)}.${y}`);
    return { cell: pick(rnd, forms), m: { kind: "value", value: day } };
  };
}

/** Amounts in whole cents, written as numbers or text in the accepted forms. */
const genAmount: Gen<number> = (rnd) => {
  const u = rnd();
  if (u < 0.06) return { cell: pick(rnd, BLANKS), m: { kind: "blank" } };
  if (u < 0.1) return { cell: pick(rnd, ERRORS), m: { kind: "error" } };
  if (u < 0.16) return { cell: pick(rnd, ["abc", "1,2,3", "12万", true, "--3", "$"]), m: { kind: "bad" } }; // "1,2,3": no number with either decimal mark
  const cents = Math.floor(rnd() * 2_000_000) - 300_000; // about −3,000 to 17,000, refunds included
  const v = cents / 100;
  const abs = Math.abs(v);
  const grouped = abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const forms: [RawCell, number][] = [
    [v, v],
    [String(v), v],
    [v < 0 ? `(${grouped})` : grouped, v],
    [`${v < 0 ? "-" : ""}$${grouped}`, v],
    [`${v < 0 ? "-" : ""}¥${grouped}`, v],
  ];
  const [cell, value] = pick(rnd, forms);
  return { cell, m: { kind: "value", value } };
};

interface Expect {
  row: number;
  reason?: ExclusionReason;
  customer?: string;
  day?: number;
  amount?: number;
}

/** The SPEC §1 precedence applied to declared meanings (a plain re-statement, independent of ingest.ts). */
function expectRow(row: number, c: Meaning<string>, d: Meaning<number>, a: Meaning<number>, allBlank: boolean): Expect {
  if (allBlank) return { row, reason: "blank row" };
  if (c.kind === "error" || d.kind === "error" || a.kind === "error") return { row, reason: "error cell" };
  if (c.kind !== "value") return { row, reason: "customer is blank" };
  if (d.kind === "blank") return { row, reason: "date is blank" };
  if (d.kind !== "value") return { row, reason: "date is not a date" };
  if (a.kind === "blank") return { row, reason: "amount is blank" };
  if (a.kind !== "value") return { row, reason: "amount is not a number" };
  return { row, customer: c.value, day: d.value, amount: a.value };
}

test("random grids: used + excluded = read, one reason per excluded row, exact used rows and amounts", () => {
  const rnd = mulberry32(20240105);
  let grids = 0;
  let totalRows = 0;
  const reasonsSeen = new Set<string>();
  for (let g = 0; g < 300; g++) {
    const dmy = rnd() < 0.5;
    const nRows = Math.floor(rnd() * 60);
    const grid: RawCell[][] = [["Customer", "Date", "Amount", "Note"]];
    const expected: Expect[] = [];
    for (let i = 0; i < nRows; i++) {
      const sheetRow = i + 2;
      if (rnd() < 0.04) {
        grid.push([null, "", "  ", null]);
        expected.push(expectRow(sheetRow, { kind: "blank" }, { kind: "blank" }, { kind: "blank" }, true));
        continue;
      }
      const c = genCustomer(rnd);
      const d = genDate(dmy)(rnd);
      const a = genAmount(rnd);
      grid.push([c.cell, d.cell, a.cell, rnd() < 0.5 ? "note" : "#N/A"]); // the unused Note column never matters
      expected.push(expectRow(sheetRow, c.m, d.m, a.m, false));
    }
    // As-of: half the grids give one (some rows fall after it), the others use the latest valid date.
    const valid = expected.filter((e) => e.reason === undefined);
    const options: IngestOptions = { dateOrder: dmy ? "dmy" : undefined, keepExcludedPerReason: 1000 };
    let asOf = valid.reduce((m, e) => Math.max(m, e.day as number), NO_DAY);
    if (rnd() < 0.5 && valid.length > 0) {
      asOf = dayFromYmd(2022, 6, 30);
      options.asOf = asOf;
    }
    for (const e of expected) if (e.reason === undefined && (e.day as number) > asOf) e.reason = "after as-of date";

    const grouped = ingestGrid(grid, options);
    // The reader groups rows by customer, each one's rows in sheet order; the checks below read them in sheet order.
    for (let i = 1; i < grouped.used; i++) {
      const [a, b] = [grouped.customer[i - 1], grouped.customer[i]];
      if (!(b > a || (b === a && grouped.sourceRow[i] > grouped.sourceRow[i - 1]))) throw new Error(`row ${i} out of customer order`);
    }
    const l = inSheetOrder(grouped);
    grids++;
    totalRows += nRows;

    // Accounting.
    expect(l.read).toBe(nRows);
    expect(l.used + excludedTotal(l)).toBe(l.read);
    // Exactly one reason per excluded row, and used/excluded partition the rows.
    const excludedRows = l.excluded.map((e) => e.row);
    expect(new Set(excludedRows).size).toBe(excludedRows.length);
    const usedRows = Array.from(l.sourceRow);
    expect(usedRows.filter((r) => excludedRows.includes(r))).toEqual([]);
    expect([...usedRows, ...excludedRows].sort((x, y) => x - y)).toEqual(expected.map((e) => e.row));
    // Each excluded row has the reason the precedence gives.
    expect(l.excluded.map((e) => [e.row, e.reason])).toEqual(expected.filter((e) => e.reason).map((e) => [e.row, e.reason]));
    for (const e of l.excluded) reasonsSeen.add(e.reason);
    // Used rows: customer key, day and amount, in order.
    const used = expected.filter((e) => !e.reason);
    expect(usedRows).toEqual(used.map((e) => e.row));
    expect(Array.from(l.day)).toEqual(used.map((e) => e.day));
    expect(Array.from(l.customer, (c) => l.customers[c].toLowerCase())).toEqual(used.map((e) => e.customer));
    expect(l.customers.length).toBe(new Set(used.map((e) => e.customer)).size); // spellings merged into one code each
    // The used amounts sum equals a plain recomputation from the declared values (same order: identical doubles).
    let sum = 0;
    for (let i = 0; i < l.used; i++) sum += l.amount[i];
    expect(sum).toBe(used.reduce((s, e) => s + (e.amount as number), 0));
    expect(Array.from(l.amount)).toEqual(used.map((e) => e.amount));
  }
  expect(grids).toBe(300);
  expect(totalRows).toBeGreaterThan(5000);
  // The generator reached every reason (so the test exercised each branch).
  expect([...reasonsSeen].sort()).toEqual(["after as-of date", "amount is blank", "amount is not a number", "blank row", "customer is blank", "date is blank", "date is not a date", "error cell"]);
});
