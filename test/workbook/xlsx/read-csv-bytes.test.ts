/**
 * The CSV reader's byte path (read-csv-bytes.ts, `LedgerBuilder.pushBatch`) against its text path (`textOnly`):
 * random hostile ledgers — quoted fields with delimiters, quotes and line breaks, CR/LF/CRLF mixed, blank lines,
 * rows longer and shorter than the header, UTF-8 names, a name whose UTF-8 bytes spell another name in Latin-1,
 * error values, ISO and other dates, plain and not-so-plain numbers, a stray Latin-1 byte half-way (the reader
 * goes on as text) — read in chunks of many sizes, with the options that change how cells read (a given decimal
 * mark or date order, amount as quantity × unit price), must give the same rows and the same ledger, exclusions
 * and notes included.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LedgerBuilder } from "../../../src/engine/ledger";
import type { FieldBatch, IngestOptions, Ledger } from "../../../src/engine/ledger";
import { openCsvLedger } from "../../../src/workbook/xlsx/read-csv";
import type { CsvReadOptions } from "../../../src/workbook/xlsx/read-csv";
import type { CellRow } from "../../../src/workbook/port";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-csv-bytes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let seed = 20261205;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const NAMES = ["Acme", "ACME", "acme ", " Acme", "Acme  Ltd", "Beta Co", "17850", "17850.0", "00123", "#N/A", "#1 Shop", "=HYPERLINK(\"x\")", "Café", "Ã©cole", "école", "北京贸易", "", "  ", "Gamma"];
const DATES = ["2024-01-05", "2024-02-29", "2023-02-29", "2024-13-01", "2024-03-07 10:30", "2024-03-07T10:30:15", "05/01/2024", "13/01/2024", "2024/01/05", "", " 2024-01-05", "#N/A", "soon", "45292"];
const AMOUNTS = ["100", "-5", "+3", ".5", "5.", "12.5", "2.55", "12.000", "1,234.50", "1.234,50", "3,000,000", "1e3", "1234567890123456", "abc", "", "#VALUE!", "(12)", "$5", " 7", "0"];
const INVOICES = ["INV-1", "INV-1", "INV-2", "", "#N/A", "X\"Y"];
const REGIONS = ["North", "North", "South", "", "Nörth"];

function field(v: string, d: string): string {
  const needs = v.includes(d) || v.includes('"') || v.includes("\n") || v.includes("\r");
  return needs || rnd() < 0.05 ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A random ledger's text: header, rows (some blank, longer, shorter, with odd line ends). */
function randomLedger(rows: number, d: string): string {
  const header = ["Customer", "Invoice Date", "Amount", "Invoice No", "Due Date", "Region"];
  const eols = ["\n", "\n", "\n", "\r\n", "\r"];
  let text = header.join(d) + pick(eols);
  for (let i = 0; i < rows; i++) {
    const r = rnd();
    let cells: string[];
    if (r < 0.03) cells = [];
    else if (r < 0.05) cells = ["", "", "", "", "", ""];
    else {
      cells = [pick(NAMES), pick(DATES), pick(AMOUNTS), pick(INVOICES), pick(DATES), pick(REGIONS)];
      if (rnd() < 0.05) cells.push(pick(["", "x", "1"]));
      if (rnd() < 0.05) cells = cells.slice(0, 1 + Math.floor(rnd() * 5));
      if (rnd() < 0.02) cells[0] = `Line\nbreak ${d} "quoted"`;
    }
    text += cells.map((c) => field(c, d)).join(d) + pick(eols);
  }
  return text;
}

async function readBothWays(file: string, opts: CsvReadOptions, ingest: IngestOptions = {}): Promise<{ rows: CellRow[][]; ledgers: string[]; batchRows: number }> {
  const rows: CellRow[][] = [];
  const ledgers: string[] = [];
  let batchRows = 0;
  for (const textOnly of [true, false]) {
    const src = await openCsvLedger(file, { ...opts, textOnly });
    const all: CellRow[] = [src.header];
    for await (const chunk of src.rows) all.push(...chunk);
    rows.push(all);
  }
  for (const textOnly of [true, false]) {
    const src = await openCsvLedger(file, { ...opts, textOnly });
    const b = new LedgerBuilder(src.header, { delimiter: src.text.delimiter, headerRow: src.headerRow, keepExcludedPerReason: 5, ...ingest });
    src.onlyColumns?.(b.columnsRead);
    let batches = 0;
    for await (const part of src.batches) {
      if (Array.isArray(part)) for (const row of part) b.push(row);
      else {
        b.pushBatch(part as FieldBatch);
        batches++;
        batchRows += (part as FieldBatch).rows;
      }
    }
    if (textOnly) expect(batches).toBe(0);
    let ledger: Ledger | string;
    try {
      ledger = b.finish();
      ledger.notes.push(...src.notes, `encoding ${src.text.encoding}`);
    } catch (e) {
      ledger = `refused: ${(e as Error).message}`;
    }
    ledgers.push(JSON.stringify(ledger));
  }
  return { rows, ledgers, batchRows };
}

test("random hostile ledgers: the byte path gives the text path's rows and ledger, in any chunk size", async () => {
  let files = 0;
  for (let round = 0; round < 18; round++) {
    const d = pick([",", ",", ";", "\t"]);
    // Past the first 16 K characters (read as text to sniff the delimiter) by some thousands of rows.
    let text = randomLedger(1500 + Math.floor(rnd() * 1500), d);
    let bytes = Buffer.from(text, "utf8");
    if (round % 6 === 5) {
      // A stray Latin-1 byte half-way: the reader goes on as text from there.
      const at = bytes.indexOf(10, bytes.length >> 1) + 1;
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(`Caf\xe9${d}2024-01-05${d}9\n`, "latin1"), bytes.subarray(at)]);
      text = "";
    }
    const file = path.join(dir, `r${round}.${d === "\t" ? "tsv" : "csv"}`);
    fs.writeFileSync(file, bytes);
    // The options that change how cells read: a given decimal mark, a given date order, amount as quantity × price.
    const ingest = pick<IngestOptions>([{}, {}, { decimal: "." }, { decimal: "," }, { dateOrder: "dmy" }, { map: { quantity: "Amount", unitPrice: "Amount" } }]);
    for (const chunkBytes of [61, 1000, 1 << 16]) {
      const { rows, ledgers, batchRows } = await readBothWays(file, { chunkBytes }, ingest);
      expect(rows[1]).toEqual(rows[0]);
      expect(ledgers[1]).toBe(ledgers[0]);
      // The byte path read a good part of the file (with a stray byte, only what came before it, perhaps nothing).
      if (round % 6 !== 5) expect(batchRows).toBeGreaterThan(rows[0].length / 8);
      files++;
    }
  }
  expect(files).toBe(54);
});

test("a UTF-8 name whose bytes spell another name in Latin-1 stays its own customer", async () => {
  // "Ã©cole" read first puts the characters C3 A9 in the customers' table; "école" in UTF-8 is the bytes C3 A9.
  const file = path.join(dir, "latin1-trap.csv");
  fs.writeFileSync(file, "Customer,Date,Amount\nÃ©cole,2024-01-05,10\nécole,2024-01-06,20\nécole,2024-01-07,5\n", "utf8");
  const src = await openCsvLedger(file);
  const b = new LedgerBuilder(src.header, { delimiter: src.text.delimiter });
  for await (const part of src.batches) {
    if (Array.isArray(part)) for (const row of part) b.push(row);
    else b.pushBatch(part as FieldBatch);
  }
  const ledger = b.finish();
  expect(ledger.customers).toEqual(["Ã©cole", "école"]);
  expect(Array.from(ledger.customer)).toEqual([0, 1, 1]);
});

test("plain rows are read as bytes: the batches carry the fields' byte ranges", async () => {
  const file = path.join(dir, "plain.csv");
  fs.writeFileSync(file, "Customer,Date,Amount\nAcme,2024-01-05,10.5\nBeta,2024-01-06,20\n");
  const src = await openCsvLedger(file);
  const parts: (CellRow[] | FieldBatch)[] = [];
  for await (const part of src.batches) parts.push(part);
  // The first 16 K characters are read as text (the delimiter is sniffed from them); later chunks as bytes.
  expect(parts.every((p) => Array.isArray(p))).toBe(true);
  const big = path.join(dir, "big.csv");
  fs.writeFileSync(big, "Customer,Date,Amount\n" + "Acme,2024-01-05,10.5\n".repeat(20000));
  const src2 = await openCsvLedger(big);
  let batchRows = 0;
  for await (const part of src2.batches) if (!Array.isArray(part)) batchRows += (part as FieldBatch).rows;
  expect(batchRows).toBeGreaterThan(15000);
});
