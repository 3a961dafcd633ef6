import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import type { CellRow, LedgerSource } from "../../../src/workbook/port";
import { LedgerBuilder } from "../../../src/engine/ledger";
import { detectEncoding, openCsvLedger } from "../../../src/workbook/xlsx/read-csv";
import { SKIPPED_FIELD } from "../../../src/workbook/xlsx/read-csv-tokenizer";
import type { CsvReadOptions } from "../../../src/workbook/xlsx/read-csv";

const RETAIL = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-csv-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function all(src: LedgerSource): Promise<CellRow[]> {
  const out: CellRow[] = [];
  for await (const chunk of src.rows) out.push(...chunk);
  return out;
}

async function read(name: string, content: string | Buffer, opts?: CsvReadOptions) {
  const src = await openCsvLedger(file(name, content), opts);
  return { src, rows: await all(src) };
}

describe("openCsvLedger: RFC 4180 fields", () => {
  const text = ['Customer,Amount,Note', '"Acme, Inc.",100,"said ""hi"""', 'Beta,,"line one', 'line two"', '客户甲,3.5,'].join("\n") + "\n";

  test("quoted commas, doubled quotes and newlines inside quotes; empty fields are null", async () => {
    const { src, rows } = await read("quoted.csv", text);
    expect(src.header).toEqual(["Customer", "Amount", "Note"]);
    expect(src.headerRow).toBe(1);
    expect(src.sheets).toEqual([]);
    expect(src.date1904).toBe(false);
    expect(rows).toEqual([
      ["Acme, Inc.", "100", 'said "hi"'],
      ["Beta", null, "line one\nline two"], // one record over two lines: still one row
      ["客户甲", "3.5", null],
    ]);
  });

  test("same rows whatever the read size, even when chunks split UTF-8 characters and quoted fields", async () => {
    const big = text + Array.from({ length: 300 }, (_, i) => `客户${i},"${i},5","多行\n备注 ${i}"`).join("\n") + "\n";
    const reference = (await read("split-ref.csv", big)).rows;
    expect(reference).toHaveLength(303);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) {
      const { rows } = await read(`split-${chunkBytes}.csv`, big, { chunkBytes });
      expect(rows).toEqual(reference);
    }
    expect(reference[302]).toEqual(["客户299", "299,5", "多行\n备注 299"]);
  });

  test("CRLF line ends leave no carriage return in the last field", async () => {
    const { src, rows } = await read("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n");
    expect(src.header).toEqual(["a", "b"]);
    expect(rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  test("CR, LF and CR LF line ends mixed in one file, at every read size (a CR LF split between reads is one break)", async () => {
    const text = "a,b\r\n1,2\r\n3,4\n5,6\r7,8\r\n\r\n9,\"x\r\ny\"\r10,11\n";
    const expected = [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"], [], ["9", "x\r\ny"], ["10", "11"]];
    for (const chunkBytes of [1, 2, 3, 5, 8, 1000]) {
      const { src, rows } = await read(`mixed-${chunkBytes}.csv`, text, { chunkBytes });
      expect([chunkBytes, src.header, rows]).toEqual([chunkBytes, ["a", "b"], expected]);
    }
  });

  test("text after a closing quote is kept; a quote inside an unquoted field is a character", async () => {
    const { rows } = await read("quotes2.csv", 'a,b\n"x"y,ab"c\n"",""""\n');
    expect(rows).toEqual([
      ["xy", 'ab"c'],
      [null, '"'],
    ]);
  });

  test("no final newline: the last row is still read", async () => {
    const { rows } = await read("nofinal.csv", "a,b\n1,2");
    expect(rows).toEqual([["1", "2"]]);
  });

  test("fields are not trimmed (spaces are data)", async () => {
    const { rows } = await read("spaces.csv", "a,b\n  x , 2 \n");
    expect(rows).toEqual([["  x ", " 2 "]]);
  });
});

describe("openCsvLedger: encodings, delimiters, shapes", () => {
  test("a UTF-8 byte-order mark is not part of the first header", async () => {
    const { src, rows } = await read("bom.csv", "\uFEFF客户,金额\n甲,1\n");
    expect(src.header).toEqual(["客户", "金额"]);
    expect(rows).toEqual([["甲", "1"]]);
  });

  test(".tsv is tab-separated (commas stay in fields)", async () => {
    const { src, rows } = await read("data.tsv", "Customer\tAmount\nAcme, Inc.\t1,234.50\n");
    expect(src.header).toEqual(["Customer", "Amount"]);
    expect(rows).toEqual([["Acme, Inc.", "1,234.50"]]);
  });

  test("semicolons are sniffed in a .csv (European Excel) and noted", async () => {
    const { src, rows } = await read("semi.csv", "Customer;Amount\nAcme;1,5\nBeta;2,0\n");
    expect(src.header).toEqual(["Customer", "Amount"]);
    expect(rows).toEqual([
      ["Acme", "1,5"],
      ["Beta", "2,0"],
    ]);
    expect(src.notes.join(" ")).toMatch(/';'/);
    const long = "Customer;Amount\n" + Array.from({ length: 2000 }, (_, i) => `C${i};${i},5`).join("\n") + "\n";
    const tiny = await read("semi-long.csv", long, { chunkBytes: 3 }); // the sniffer waits for enough text
    expect(tiny.src.header).toEqual(["Customer", "Amount"]);
    expect(tiny.rows[1999]).toEqual(["C1999", "1999,5"]);
  });

  test("an explicit delimiter wins over sniffing", async () => {
    const { rows } = await read("pipe.txt", "a|b\n1|2\n", { delimiter: "|" });
    expect(rows).toEqual([["1", "2"]]);
  });

  test("GB18030 (Chinese Windows Excel 'CSV') is detected, decoded and noted", async () => {
    // "客户,金额\n甲,1\n" in GB18030 (Python: .encode('gb18030'))
    const bytes = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0xbc, 0xd7, 0x2c, 0x31, 0x0a]);
    const { src, rows } = await read("gbk.csv", bytes);
    expect(src.header).toEqual(["客户", "金额"]);
    expect(rows).toEqual([["甲", "1"]]);
    expect(src.notes.join(" ")).toMatch(/GB18030/);
  });

  test("UTF-16LE with BOM (Excel 'Unicode Text') is decoded", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("客户\t金额\n甲\t1\n", "utf16le")]);
    const { src, rows } = await read("unicode.txt", bytes);
    expect(src.header).toEqual(["客户", "金额"]);
    expect(rows).toEqual([["甲", "1"]]);
  });

  test("the encoding used is reported: ASCII, UTF-8, Windows-1252, GB18030, UTF-16; stray bytes are counted, never U+FFFD", async () => {
    const info = async (name: string, bytes: Buffer, opts?: CsvReadOptions) => {
      const { src, rows } = await read(name, bytes, opts);
      return { text: (src as LedgerSource & { text: { encoding: string; delimiter: string } }).text, rows, notes: src.notes.join(" ") };
    };
    expect((await info("ascii.csv", Buffer.from("a,b\n1,2\n"))).text).toEqual({ encoding: "ASCII", delimiter: "," });
    expect((await info("utf8.csv", Buffer.from("a;b\nMüller;2\n"))).text).toEqual({ encoding: "UTF-8", delimiter: ";" });
    const latin = await info("latin.csv", Buffer.from("a,b\nCafé,2\nGarçon,3\n", "latin1"));
    expect(latin.text.encoding).toBe("Windows-1252");
    expect(latin.rows).toEqual([["Café", "2"], ["Garçon", "3"]]);
    const cp = await info("cp1252.csv", Buffer.from([0x61, 0x0a, 0x80, 0x9c, 0x0a]));
    expect(cp.rows).toEqual([["€œ"]]);
    const gb = await info("gb2.csv", Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x0a, 0xbc, 0xd7, 0x0a]));
    expect([gb.text.encoding, gb.rows]).toEqual(["GB18030", [["甲"]]]);
    const mixed = await info("mixed.csv", Buffer.concat([Buffer.from("a\nMüller\n"), Buffer.from("Café\n", "latin1")]));
    expect(mixed.rows).toEqual([["Müller"], ["Café"]]);
    expect(mixed.text.encoding).toBe("UTF-8, with 1 byte(s) read as Windows-1252");
    expect(mixed.notes).toMatch(/mixed\.csv: 1 byte\(s\) are not valid UTF-8 \(the first at byte 13 of 3 rows\)/);
    expect(JSON.stringify(mixed.rows)).not.toContain("\ufffd");
    const forced = await info("forced.csv", Buffer.from("a\nCafé\n", "latin1"), { encoding: "windows-1252" });
    expect([forced.text.encoding, forced.rows]).toEqual(["Windows-1252", [["Café"]]]);
    const u16 = await info("u16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\tb\n甲\t1\n", "utf16le")]));
    expect(u16.text).toEqual({ encoding: "UTF-16LE", delimiter: "\t" });
  });

  test("detectEncoding: valid UTF-8 cut in the middle of a character is still UTF-8", () => {
    const b = Buffer.from("客户", "utf8").subarray(0, 4); // 客 + first byte of 户
    expect(detectEncoding(b)).toBe("utf-8");
  });

  test("blank lines inside the data stay as empty rows (row numbers stay true); trailing blank lines are dropped", async () => {
    const { src, rows } = await read("blanks.csv", "\n\nCustomer,Amount\nA,1\n\n,\nB,2\n\n\n");
    expect(src.headerRow).toBe(3);
    expect(rows).toEqual([["A", "1"], [], [], ["B", "2"]]); // sheet rows 4..7
  });

  test("ragged rows keep their own length", async () => {
    const { rows } = await read("ragged.csv", "a,b,c\n1\n1,2,3,4\n");
    expect(rows).toEqual([["1"], ["1", "2", "3", "4"]]);
  });

  test("header only: the header and no rows", async () => {
    const { src, rows } = await read("header-only.csv", "Customer,Amount\n");
    expect(src.header).toEqual(["Customer", "Amount"]);
    expect(rows).toEqual([]);
  });

  test("empty file (or only blank lines): noRows naming the file", async () => {
    for (const [name, content] of [
      ["empty.csv", ""],
      ["blank-lines.csv", "\r\n\r\n\r\n"],
    ]) {
      await expect(openCsvLedger(file(name, content))).rejects.toThrowProblem("noRows", { messageContains: name });
    }
  });

  test("gzip is detected from the bytes (.csv.gz and even without the extension)", async () => {
    const text = "Customer,Amount\n客户,1\n";
    for (const name of ["z.csv.gz", "z-no-ext.csv"]) {
      const { src, rows } = await read(name, zlib.gzipSync(Buffer.from(text)));
      expect(src.header).toEqual(["Customer", "Amount"]);
      expect(rows).toEqual([["客户", "1"]]);
    }
    const tsv = await read("t.tsv.gz", zlib.gzipSync(Buffer.from("a\tb\n1,5\t2\n")));
    expect(tsv.rows).toEqual([["1,5", "2"]]);
  });
});

describe("openCsvLedger: columns the consumer does not read", () => {
  // Unmapped columns (Code, Note) with quoted commas and line breaks; a row whose only value is a note (not blank:
  // "customer is blank"); a row with a field beyond the header; blank fields in skipped columns. Repeated so that
  // most of the file is read after the consumer said which columns it reads (the first 16 KiB decide the delimiter).
  const block = ['X1,Acme,"a, b",2024-01-05,100', ",Beta,,2024-01-06,50", ',,"only a note\nover two lines",,', "X2,Acme,n,2024-01-07,1,234.50", ",,,,", "X3,Gamma,plain,2024-01-08,7"];
  const text = ["Code,Customer,Note,Date,Amount", ...Array.from({ length: 500 }, () => block).flat()].join("\n");

  async function ledgerOf(only: boolean) {
    const src = await openCsvLedger(file("skip.csv", text), { chunkBytes: 4096 });
    const builder = new LedgerBuilder(src.header, { headerRow: src.headerRow, delimiter: src.text.delimiter });
    if (only) src.onlyColumns?.(builder.columnsRead);
    const rows = await all(src);
    for (const row of rows) builder.push(row);
    return { rows, ledger: builder.finish() };
  }

  test("their non-blank cells come as a placeholder, blank ones stay blank, rows keep their length; the ledger is the same", async () => {
    const plain = await ledgerOf(false);
    const skipping = await ledgerOf(true);
    expect(plain.rows.slice(-6)).toEqual([["X1", "Acme", "a, b", "2024-01-05", "100"], [null, "Beta", null, "2024-01-06", "50"], [null, null, "only a note\nover two lines", null, null], ["X2", "Acme", "n", "2024-01-07", "1", "234.50"], [], ["X3", "Gamma", "plain", "2024-01-08", "7"]]);
    expect(skipping.rows.slice(-6)).toEqual([
      [SKIPPED_FIELD, "Acme", SKIPPED_FIELD, "2024-01-05", "100"],
      [null, "Beta", null, "2024-01-06", "50"],
      [null, null, SKIPPED_FIELD, null, null],
      [SKIPPED_FIELD, "Acme", SKIPPED_FIELD, "2024-01-07", "1", SKIPPED_FIELD],
      [],
      [SKIPPED_FIELD, "Gamma", SKIPPED_FIELD, "2024-01-08", "7"],
    ]);
    expect(skipping.rows.filter((r) => r.includes(SKIPPED_FIELD)).length).toBeGreaterThan(1000); // all but the first 16 KiB or so
    expect(skipping.ledger).toEqual(plain.ledger);
    const l = skipping.ledger;
    expect(l.used + Object.values(l.excludedCounts).reduce((a, b) => a + (b ?? 0), 0)).toBe(l.read);
    expect(l.excludedCounts).toEqual({ "customer is blank": 500, "more fields than the header": 500, "blank row": 500 });
    expect(l.used).toBe(1500);
  });
});

describe("openCsvLedger: failures", () => {
  test("missing file: fileUnreadable naming the path", async () => {
    const missing = path.join(dir, "nope.csv");
    await expect(openCsvLedger(missing)).rejects.toThrowProblem("fileUnreadable", { messageContains: [missing, "no such file"] });
  });

  test("a folder: fileUnreadable", async () => {
    await expect(openCsvLedger(dir)).rejects.toThrowProblem("fileUnreadable");
  });

  test("corrupt gzip: fileUnreadable naming the path", async () => {
    const text = "a,b\n" + Array.from({ length: 20000 }, (_, i) => `${(i * 7919) % 10007},${Math.sin(i)}`).join("\n");
    const gz = zlib.gzipSync(Buffer.from(text));
    expect(gz.length).toBeGreaterThan(10000);
    await expect(openCsvLedger(file("bad.csv.gz", gz.subarray(0, gz.length >> 1))).then(all)).rejects.toThrowProblem("fileUnreadable", { messageContains: "bad.csv.gz" });
  });

  test("an unterminated quote fails naming its row instead of swallowing the rest of the file", async () => {
    await expect(read("quote.csv", 'a,b\n1,2\n3,"oops\n5,6\n7,8\n')).rejects.toThrowProblem("fileUnreadable", { row: 3, message: /row 3/ });
  });

  test("close() before reading releases the file; breaking out of the loop does too", async () => {
    const p = file("close.csv", "a\n" + "1\n".repeat(100000));
    const openFds = () => fs.readdirSync("/proc/self/fd").length; // Linux: descriptors of this process
    const settle = () => new Promise((r) => setTimeout(r, 50)); // stream close is asynchronous
    // Closing is asynchronous: poll (up to 5 s on a loaded machine) until the count reaches what is expected.
    const fdsBecome = async (want: number) => {
      for (let t = 0; t < 100 && openFds() !== want; t++) await settle();
      return openFds();
    };
    await settle();
    const before = openFds();
    const src = await openCsvLedger(p, { chunkBytes: 1024 });
    const first = await src.rows[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    expect(await fdsBecome(before + 1)).toBe(before + 1); // reading: the file is open
    await src.close();
    expect(await fdsBecome(before)).toBe(before);

    const src2 = await openCsvLedger(p, { chunkBytes: 1024 });
    let n = 0;
    for await (const chunk of src2.rows) {
      n += chunk.length;
      break;
    }
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100000);
    expect(await fdsBecome(before)).toBe(before);
  });
});

describe("Online Retail (UCI 352): 541,909 rows streamed", () => {
  test("row count, header, and the published missing-value counts", async () => {
    const started = performance.now();
    const src = await openCsvLedger(RETAIL);
    let rows = 0;
    let chunks = 0;
    let maxChunk = 0;
    let noCustomer = 0;
    let noDescription = 0;
    let notEight = 0;
    for await (const chunk of src.rows) {
      chunks++;
      maxChunk = Math.max(maxChunk, chunk.length);
      for (const r of chunk) {
        rows++;
        if (r.length !== 8) notEight++;
        if (r[6] === null) noCustomer++;
        if (r[2] === null) noDescription++;
      }
    }
    const ms = performance.now() - started;
    console.log(`CSV read of Online Retail: ${rows} rows in ${chunks} chunks (largest ${maxChunk} rows), ${ms.toFixed(0)} ms`);
    expect(src.header).toEqual(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]);
    expect(rows).toBe(541909); // data/README.md and UCI
    expect(notEight).toBe(0);
    // UCI Online Retail's published missing values: CustomerID 135,080, Description 1,454.
    expect(noCustomer).toBe(135080);
    expect(noDescription).toBe(1454);
    expect(chunks).toBeGreaterThan(100); // streamed, never one giant array
    expect(maxChunk).toBeLessThan(10000);
    // Sizing estimate from the gzip trailer's stated size and the first rows' length: within 5 %.
    expect(Math.abs((src.estimatedRows as number) / 541909 - 1)).toBeLessThan(0.05);
  });
});

test("estimatedRows of a plain file: its size at the first rows' bytes per row; a wrong estimate changes nothing in the ledger", async () => {
  const lines = ["Customer,Date,Amount", ...Array.from({ length: 3000 }, (_, i) => `C${i % 37},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i % 11}.5`)];
  const p = file("estimate.csv", lines.join("\n") + "\n");
  const ledgers = [];
  for (const expectedRows of [undefined, 1, 3000, 5_000_000]) {
    const src = await openCsvLedger(p);
    expect(Math.abs((src.estimatedRows as number) / 3000 - 1)).toBeLessThan(0.05);
    const builder = new LedgerBuilder(src.header, { headerRow: src.headerRow, delimiter: ",", expectedRows });
    for await (const chunk of src.rows) for (const row of chunk) builder.push(row);
    ledgers.push(builder.finish());
  }
  expect(ledgers[0].used).toBe(3000);
  for (const l of ledgers.slice(1)) expect(l).toEqual(ledgers[0]);
});
