/**
 * The CSV tokenizer against a plain reference reading of the same rules (one character at a time over the whole
 * text), on random texts fed in random pieces: quotes, doubled quotes, text after a closing quote, quotes inside
 * unquoted fields, CR, LF and CR LF anywhere, blank lines, empty fields, a missing final line break, and skipped
 * columns. The tokenizer's fast path (records without quotes or lone CRs, split by indexOf) must read exactly what
 * the reference reads.
 */
import type { CellRow } from "../../../src/workbook/port";
import { CsvTokenizer, SKIPPED_FIELD, UnterminatedQuote } from "../../../src/workbook/xlsx/read-csv-tokenizer";

/** The rules, read plainly: returns the records, or "unterminated" when a quoted field never closes. */
function reference(text: string, d: string, skipped: (col: number) => boolean): CellRow[] | "unterminated" {
  const rows: CellRow[] = [];
  let row: CellRow = [];
  let i = 0;
  const n = text.length;
  const put = (value: string) => row.push(value === "" ? null : skipped(row.length) ? SKIPPED_FIELD : value);
  if (n === 0) return rows;
  for (;;) {
    // at the start of a field
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return "unterminated";
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    }
    while (i < n && text[i] !== d && text[i] !== "\r" && text[i] !== "\n") value += text[i++];
    put(value);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (text[i] === d) {
      i++;
      if (i >= n) {
        row.push(null); // the text ended with a delimiter
        rows.push(row);
        return rows;
      }
      continue;
    }
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(rnd: () => number, d: string): string {
  const pieces = ["a", "bc", "12.5", "é", " ", d, d, d, "\n", "\n", "\r\n", "\r", '"', '""', '"x,y"', '"a\nb"', '"q""q"', "客户"];
  let s = "";
  const len = Math.floor(rnd() * 60);
  for (let k = 0; k < len; k++) s += pieces[Math.floor(rnd() * pieces.length)];
  return s;
}

function tokenize(text: string, d: string, cuts: number[], read?: boolean[]): CellRow[] | "unterminated" {
  const t = new CsvTokenizer(d);
  if (read) t.skipColumns(read);
  const out: CellRow[] = [];
  let from = 0;
  try {
    for (const cut of [...cuts, text.length]) {
      t.push(text.slice(from, cut), cut === text.length, out);
      from = cut;
    }
  } catch (e) {
    if (e instanceof UnterminatedQuote) return "unterminated";
    throw e;
  }
  return out;
}

test("random texts in random pieces read as the reference reads them (5,000 cases, ',' and ';', with and without skipped columns)", () => {
  const rnd = random(20261203);
  let compared = 0;
  let fastRecords = 0;
  for (let k = 0; k < 5000; k++) {
    const d = k % 2 === 0 ? "," : ";";
    const text = randomText(rnd, d);
    const cuts = [...new Set(Array.from({ length: Math.floor(rnd() * 7) }, () => Math.floor(rnd() * (text.length + 1))))].sort((a, b) => a - b);
    const read = k % 3 === 0 ? [true, false, true] : undefined; // columns 1 and 3+ skipped
    const skipped = (col: number) => read !== undefined && !read[col];
    const want = reference(text, d, skipped);
    const got = tokenize(text, d, cuts, read);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`case ${k}: ${JSON.stringify(text)} in pieces at ${cuts.join(",")}${read ? " (skipping)" : ""}\n got  ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`);
    }
    compared++;
    if (Array.isArray(want)) fastRecords += want.length;
  }
  expect(compared).toBe(5000);
  expect(fastRecords).toBeGreaterThan(10_000); // the generator makes records, not only unterminated quotes
});

test("a record split by the fast path and by the general path reads the same: quotes, lone CR, CR LF across pieces", () => {
  const text = 'a,b\r\nc,"d,e"\rf,g\n"h""i",j\r\n\r\nk,\n,\n';
  const want = [["a", "b"], ["c", "d,e"], ["f", "g"], ['h"i', "j"], [null], ["k", null], [null, null]];
  expect(reference(text, ",", () => false)).toEqual(want);
  for (let cut = 0; cut <= text.length; cut++) expect(tokenize(text, ",", [cut])).toEqual(want);
});
