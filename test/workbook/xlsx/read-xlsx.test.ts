import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { dayFromExcelSerial, isoFromDay } from "../../../src/engine/day";
import type { CellRow, LedgerSource } from "../../../src/workbook/port";
import { columnIndex, openXlsxLedger } from "../../../src/workbook/xlsx/read-xlsx";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-xlsx-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function all(src: LedgerSource): Promise<CellRow[]> {
  const out: CellRow[] = [];
  for await (const chunk of src.rows) out.push(...chunk);
  return out;
}

const iso = (serial: unknown, date1904: boolean) => isoFromDay(dayFromExcelSerial(serial as number, date1904));

/** A ledger workbook: a hidden first sheet, then `Sales` with the header on row 3 from column B, then `Other`. */
async function ledgerWorkbook(file: string, date1904: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const hidden = wb.addWorksheet("Hidden", { state: "hidden" });
  hidden.getCell("A1").value = "not the ledger";
  const ws = wb.addWorksheet("Sales");
  ws.getRow(3).values = [null, null, "Customer", "Date", "Amount", "Paid", "Check", "Lookup"] as ExcelJS.CellValue[];
  ws.getRow(4).values = [
    null,
    null,
    "Acme",
    new Date(Date.UTC(2023, 0, 15)),
    1234.5,
    true,
    { formula: "E4*2", result: 2469 },
    { formula: 'VLOOKUP("zz",C:C,1,FALSE)', result: { error: "#N/A" } },
  ] as ExcelJS.CellValue[];
  ws.getRow(5).values = [
    null,
    null,
    { richText: [{ text: "Rich " }, { font: { bold: true }, text: "客户" }] },
    new Date(Date.UTC(2023, 0, 15, 18, 30)), // time of day: same calendar day
    { error: "#DIV/0!" },
    false,
    { formula: '"x"&"y"', result: "xy" },
    { formula: "1=1", result: true },
  ] as ExcelJS.CellValue[];
  // row 6 left empty: a gap inside the data
  ws.getRow(7).values = [null, null, "Gamma", 45000, -0.5, null, { formula: "E7*2" } as ExcelJS.CellFormulaValue] as ExcelJS.CellValue[];
  ws.getCell("D7").numFmt = "yyyy-mm-dd";
  ws.getCell("C9").numFmt = "0"; // a formatted empty cell below the data: a trailing blank row
  const other = wb.addWorksheet("Other");
  other.addRow(["Only", "header"]);
  await wb.xlsx.writeFile(file);
}

describe("openXlsxLedger: cells as Range.values gives them", () => {
  for (const date1904 of [false, true]) {
    test(`${date1904 ? "1904" : "1900"} date system: dates as serials in that system, formulas' cached results, errors, rich text`, async () => {
      const file = path.join(dir, `ledger-${date1904 ? 1904 : 1900}.xlsx`);
      await ledgerWorkbook(file, date1904);
      const src = await openXlsxLedger(file);
      expect(src.sheets).toEqual(["Hidden", "Sales", "Other"]);
      expect(src.sheet).toBe("Sales"); // the first visible sheet
      expect(src.date1904).toBe(date1904);
      expect(src.label).toBe(`ledger-${date1904 ? 1904 : 1900}.xlsx, sheet Sales`);
      expect(src.headerRow).toBe(3);
      expect(src.header).toEqual([null, null, "Customer", "Date", "Amount", "Paid", "Check", "Lookup"]);
      const rows = await all(src);
      expect(rows).toHaveLength(4); // rows 4..7; trailing formatted-blank row 9 dropped
      const [r4, r5, r6, r7] = rows;
      // 2023-01-15: serial 44941 in the 1900 system, 43479 in the 1904 system (1462 days apart)
      expect(r4).toEqual([null, null, "Acme", date1904 ? 43479 : 44941, 1234.5, true, 2469, "#N/A"]);
      expect(iso(r4[3], date1904)).toBe("2023-01-15");
      expect(r5.slice(0, 3)).toEqual([null, null, "Rich 客户"]);
      expect(r5[3]).toBeCloseTo((date1904 ? 43479 : 44941) + 18.5 / 24, 9); // 18:30 is 0.7708… of a day
      expect(iso(r5[3], date1904)).toBe("2023-01-15");
      expect(r5.slice(4)).toEqual(["#DIV/0!", false, "xy", true]);
      expect(r6).toEqual([]); // the gap keeps row numbers true: r7 is sheet row 7 = headerRow + 4
      expect(r7).toEqual([null, null, "Gamma", 45000, -0.5]); // E7*2 has no cached result: blank
      expect(iso(r7[3], date1904)).toBe(date1904 ? "2027-03-16" : "2023-03-15");
      expect(src.notes.join(" ")).toMatch(/1 formula cell\(s\) in sheet 'Sales' have no saved result/);
    });
  }

  test("sheet chosen by name, exactly or ignoring case; a hidden sheet can be chosen by name", async () => {
    const file = path.join(dir, "choose.xlsx");
    await ledgerWorkbook(file, false);
    const other = await openXlsxLedger(file, { sheet: "other" });
    expect(other.sheet).toBe("Other");
    expect(other.header).toEqual(["Only", "header"]);
    expect(await all(other)).toEqual([]);
    const hidden = await openXlsxLedger(file, { sheet: "Hidden" });
    expect(hidden.header).toEqual(["not the ledger"]);
  });

  test("unknown sheet: badArgument naming it and listing the sheets", async () => {
    const file = path.join(dir, "unknown.xlsx");
    await ledgerWorkbook(file, false);
    await expect(openXlsxLedger(file, { sheet: "Sales 2024" })).rejects.toThrowProblem("badArgument", {
      path: "sheet",
      message: "no sheet named 'Sales 2024' in unknown.xlsx. Sheets: 'Hidden', 'Sales', 'Other'.",
    });
  });

  test("an empty sheet: noRows naming the sheet", async () => {
    const file = path.join(dir, "empty-sheet.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Empty");
    await wb.xlsx.writeFile(file);
    await expect(openXlsxLedger(file)).rejects.toThrowProblem("noRows", { messageContains: "empty-sheet.xlsx, sheet Empty" });
  });

  test("a workbook streamed by Excel's part order (sheets before shared strings) reads the same, in chunks", async () => {
    const file = path.join(dir, "streamed.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet("Big");
    ws.addRow(["Customer", "Amount"]).commit();
    for (let i = 0; i < 5000; i++) ws.addRow([`客户 ${i % 97}`, i * 0.5]).commit();
    await wb.commit();
    const src = await openXlsxLedger(file, { chunkRows: 700 });
    let n = 0;
    let chunks = 0;
    let sum = 0;
    for await (const chunk of src.rows) {
      chunks++;
      expect(chunk.length).toBeLessThanOrEqual(700);
      for (const r of chunk) {
        expect(r[0]).toBe(`客户 ${n % 97}`);
        sum += r[1] as number;
        n++;
      }
    }
    expect(n).toBe(5000);
    expect(sum).toBe((0.5 * 4999 * 5000) / 2); // Σ i·0.5, exact in binary
    expect(chunks).toBe(Math.ceil(5000 / 700));
  });

  test("inline and shared strings with phonetic runs, _xHHHH_ escapes, ISO date cells and namespace prefixes (hand-written XML)", async () => {
    const base = path.join(dir, "base.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = 1;
    await wb.xlsx.writeFile(base);
    const zip = await JSZip.loadAsync(fs.readFileSync(base));
    const sheetXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Customer</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Date</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Amount</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:r><x:t>東</x:t></x:r><x:r><x:t>京</x:t></x:r><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:is></x:c><x:c r="B2" t="d"><x:v>2023-01-15T12:00:00</x:v></x:c><x:c r="C2"><x:v>1.5E3</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>A_x000D_B &amp; C</x:t></x:is></x:c><x:c t="d"><x:v>2023-01-16</x:v></x:c><x:c><x:v>-2</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" t="s"><x:v>0</x:v></x:c><x:c r="B5" t="s"><x:v>1</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
    zip.file("xl/worksheets/sheet1.xml", sheetXml);
    // Shared strings as Japanese Excel writes IME input: a phonetic guide after the text (exceljs alone returns the guide).
    zip.file(
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh><phoneticPr fontId="1"/></si><si><r><t xml:space="preserve">Rich </t></r><r><rPr><b/></rPr><t>run_x000A_two</t></r></si></sst>`,
    );
    const file = path.join(dir, "hand.xlsx");
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    const src = await openXlsxLedger(file);
    expect(src.header).toEqual(["Customer", "Date", "Amount"]);
    const rows = await all(src);
    expect(rows[0][0]).toBe("東京"); // the reading aid トウキョウ is not part of the value
    expect(rows[0][1]).toBeCloseTo(44941.5, 12);
    expect(rows[0][2]).toBe(1500);
    expect(rows[1]).toEqual(["A\rB & C", 44942, -2]); // row without r=, cells without r=: next row, next columns
    expect(rows[2]).toEqual([]); // row 4 absent
    expect(rows[3]).toEqual(["大阪", "Rich run\ntwo"]);
  });
});

/** Re-packs a workbook with its parts in `order` (unlisted parts after, in their order) and one compression method. */
async function repack(from: string, to: string, order: string[], compression: "STORE" | "DEFLATE"): Promise<string[]> {
  const src = await JSZip.loadAsync(fs.readFileSync(from));
  const names = Object.keys(src.files).filter((n) => !src.files[n].dir);
  const sorted = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
  const out = new JSZip();
  for (const n of sorted) out.file(n, await src.file(n)!.async("nodebuffer"), { compression });
  fs.writeFileSync(to, await out.generateAsync({ type: "nodebuffer" }));
  const written = await JSZip.loadAsync(fs.readFileSync(to));
  return Object.keys(written.files); // the order as stored, to show the test built what it says
}

describe("openXlsxLedger: any zip part order reads the same, every time", () => {
  // Part orders seen in the wild: exceljs's (workbook.xml last), Excel's (workbook first, shared strings near the
  // end), and two that a forward-only zip pass cannot serve: sheets between the shared strings and workbook.xml,
  // and everything reversed. Stored (uncompressed) parts are parsed fastest, which is what exposed exceljs's
  // streaming reader dropping the zip's last entries (issue #3064), so both methods are run, several times each.
  const excel = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/theme/theme1.xml", "xl/styles.xml", "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml"];
  const workbookLast = ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/workbook.xml"];
  const orders: Record<string, (names: string[]) => string[]> = {
    "exceljs's": (n) => n,
    "Excel's": () => excel,
    "sheets before workbook.xml, after shared strings": () => workbookLast,
    reversed: (n) => [...n].reverse(),
  };
  for (const [label, order] of Object.entries(orders)) {
    for (const compression of ["STORE", "DEFLATE"] as const) {
      test(`${label} order, ${compression}`, async () => {
        const base = path.join(dir, "order-base.xlsx");
        await ledgerWorkbook(base, true);
        const original = Object.keys((await JSZip.loadAsync(fs.readFileSync(base))).files).filter((n) => !n.endsWith("/"));
        const file = path.join(dir, `order-${Object.keys(orders).indexOf(label)}-${compression}.xlsx`);
        const stored = await repack(base, file, order(original), compression);
        const wb = stored.indexOf("xl/workbook.xml");
        const ss = stored.indexOf("xl/sharedStrings.xml");
        const sheet2 = stored.indexOf("xl/worksheets/sheet2.xml");
        if (label === "Excel's") expect(wb < sheet2 && sheet2 < ss).toBe(true);
        if (label === "sheets before workbook.xml, after shared strings") expect(ss < sheet2 && sheet2 < wb).toBe(true);
        for (let i = 0; i < 5; i++) {
          const src = await openXlsxLedger(file);
          expect(src.sheets).toEqual(["Hidden", "Sales", "Other"]);
          expect(src.sheet).toBe("Sales");
          expect(src.date1904).toBe(true);
          expect(src.header).toEqual([null, null, "Customer", "Date", "Amount", "Paid", "Check", "Lookup"]); // shared strings
          const rows = await all(src);
          expect(rows).toHaveLength(4);
          expect(rows[0]).toEqual([null, null, "Acme", 43479, 1234.5, true, 2469, "#N/A"]); // 2023-01-15 in the 1904 system
          expect(rows[3]).toEqual([null, null, "Gamma", 45000, -0.5]);
          expect((await openXlsxLedger(file, { sheet: "Other" })).header).toEqual(["Only", "header"]);
        }
      });
    }
  }

  test("a chart sheet (its part is not a worksheet): badArgument naming it", async () => {
    const base = path.join(dir, "chart-base.xlsx");
    await ledgerWorkbook(base, false);
    const zip = await JSZip.loadAsync(fs.readFileSync(base));
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    // sheet3 ("Other") becomes a chart sheet: its part moves to xl/chartsheets/ with a chartsheet relationship
    const retyped = rels.replace(/(<Relationship[^>]*?)relationships\/worksheet"([^>]*)Target="worksheets\/sheet3\.xml"/, '$1relationships/chartsheet"$2Target="chartsheets/sheet1.xml"');
    expect(retyped).not.toBe(rels);
    zip.file("xl/_rels/workbook.xml.rels", retyped);
    zip.remove("xl/worksheets/sheet3.xml");
    zip.file("xl/chartsheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`);
    const file = path.join(dir, "chart.xlsx");
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    await expect(openXlsxLedger(file, { sheet: "Other" })).rejects.toThrowProblem("badArgument", {
      message: "sheet 'Other' has no cells to read in chart.xlsx (it may be a chart sheet). Sheets: Hidden, Sales, Other.",
    });
    expect((await openXlsxLedger(file)).sheet).toBe("Sales");
  });

  test("the file is released when the reader stops early in a large sheet", async () => {
    if (!fs.existsSync("/proc/self/fd")) return; // open descriptors are listed by Linux's /proc
    // 100,000 stored (uncompressed) rows, 5 MB: the reader stops long before the end of the file
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = 1;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const rows: string[] = [];
    for (let r = 1; r <= 100_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    zip.file("xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`);
    const file = path.join(dir, "release.xlsx");
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }));
    const openOnFile = () =>
      fs.readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    const src = await openXlsxLedger(file, { chunkRows: 10 });
    const it = src.rows[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual([[2], [3], [4], [5], [6], [7], [8], [9], [10]]); // rest of the first chunk
    expect(openOnFile()).toBeGreaterThan(0); // still reading: the check below can see a leak
    await it.return?.(undefined);
    await new Promise((r) => setTimeout(r, 50)); // a file stream closes on a later turn of the event loop
    expect(openOnFile()).toBe(0);
  });
});

describe("openXlsxLedger: unreadable files name the path", () => {
  test("missing file", async () => {
    const missing = path.join(dir, "nope.xlsx");
    await expect(openXlsxLedger(missing)).rejects.toThrowProblem("fileUnreadable", { messageContains: missing });
  });

  test("not a workbook, a legacy .xls, a truncated zip", async () => {
    const text = path.join(dir, "text.xlsx");
    fs.writeFileSync(text, "Customer,Amount\n");
    await expect(openXlsxLedger(text)).rejects.toThrowProblem("fileUnreadable", { message: `cannot read ${text}: it is not an .xlsx workbook.` });

    const xls = path.join(dir, "old.xls");
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(openXlsxLedger(xls)).rejects.toThrowProblem("fileUnreadable", { message: /legacy \.xls/ });

    const whole = path.join(dir, "whole.xlsx");
    await ledgerWorkbook(whole, false);
    const cut = path.join(dir, "cut.xlsx");
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    await expect(openXlsxLedger(cut).then(all)).rejects.toThrowProblem("fileUnreadable", { messageContains: cut });
  });
});

describe("openXlsxLedger: part names and broken XML", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /** A hand-packed one-sheet workbook whose part names are written as `name` spells them. */
  async function packed(file: string, name: (part: string) => string, sheetXml: string): Promise<void> {
    const zip = new JSZip();
    zip.file(name("_rels/.rels"), `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
    zip.file(name("xl/workbook.xml"), `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    zip.file(name("xl/_rels/workbook.xml.rels"), `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
    zip.file(name("xl/worksheets/sheet1.xml"), `<worksheet xmlns="${MAIN}"><sheetData>${sheetXml}</sheetData></worksheet>`);
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  }
  const rows = `<row r="1"><c t="inlineStr"><is><t>Customer</t></is></c><c t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c t="inlineStr"><is><t>A &amp; B</t></is></c><c><v>12.5</v></c></row>`;

  test("parts named with a leading slash, backslashes or other letter case are found (OPC names are case-insensitive)", async () => {
    const file = path.join(dir, "names.xlsx");
    await packed(file, (p) => "/" + p.toUpperCase().replace(/\//g, "\\"), rows);
    const src = await openXlsxLedger(file);
    expect(src.header).toEqual(["Customer", "Amount"]);
    expect(await all(src)).toEqual([["A & B", 12.5]]);
  });

  test("malformed XML in the sheet: fileUnreadable naming the file and the parser's complaint", async () => {
    const file = path.join(dir, "malformed.xlsx");
    await packed(file, (p) => p, rows + `<row r="3"><c><v>1</v></row>`);
    await expect(openXlsxLedger(file).then(all)).rejects.toThrowProblem("fileUnreadable", { message: /^cannot read .*malformed\.xlsx: not a readable \.xlsx workbook \(.*unexpected close tag/ });
  });
});

test("columnIndex: A1 letters to 0-based columns", () => {
  expect(columnIndex("A1")).toBe(0);
  expect(columnIndex("Z9")).toBe(25);
  expect(columnIndex("AA10")).toBe(26);
  expect(columnIndex("XFD1048576")).toBe(16383); // Excel's last column
});
