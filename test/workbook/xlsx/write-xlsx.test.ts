import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { isKaProblem } from "../../../src/engine/problems";
import { bodyColumnCell, columnarTable, type Cell, type Report, type SheetSpec, type TableBlock, type TableBody } from "../../../src/engine/report/types";
import type { ReportWriter } from "../../../src/workbook/port";
import { conditionToA1 } from "../../../src/workbook/conditions";
import { namesInFormula } from "../../../src/workbook/xlsx/formula-names";
import type { TablePlace } from "../../../src/workbook/conditions";
import { readsAlikeInEveryRow } from "../../../src/workbook/xlsx/sheet";
import { FAST_DEFLATE_CELLS, SHARED_FORMULAS_FROM, sheetNameProblem, writeXlsxBuffer, writeXlsxFile, XlsxFileWriter } from "../../../src/workbook/xlsx/write-xlsx";
import { validateReport } from "../../../src/workbook/validate-report";
import * as validation from "../../../src/workbook/validate-report";
import { readCells } from "../../helpers/libreoffice";
import { centralDirectory, entryData } from "../../helpers/zip-records";
import type { WorkbookCells } from "../../helpers/libreoffice";
import { DATES, expected, fixtureReport, FORMULA_LIKE, LOSS_RATE, REVENUE } from "./fixture-report";

let dir: string;
let file: string;
let cells: WorkbookCells;
let book: ExcelJS.Workbook;
let zip: JSZip;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-write-"));
  file = path.join(dir, "fixture.xlsx");
  await writeXlsxFile(fixtureReport(), file);
  cells = await readCells(file);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  zip = await JSZip.loadAsync(fs.readFileSync(file));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isKaProblem(e)) return e.problem;
    throw e;
  }
  throw new Error("expected a KaProblem");
}

/** The `<c>` element of a cell in a sheet part. */
function cellXml(sheetXml: string, address: string): string {
  const m = new RegExp(`<c r="${address}"[^>]*?(/>|>.*?</c>)`).exec(sheetXml);
  if (!m) throw new Error(`no cell ${address}`);
  return m[0];
}

describe("writeXlsxFile round trip (read back with exceljs)", () => {
  test("sheets in order with their tab colours, frozen panes and column widths", () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(["KA Test", "KA Other's"]);
    const test = book.getWorksheet("KA Test")!;
    const other = book.getWorksheet("KA Other's")!;
    expect(test.properties.tabColor).toEqual({ argb: "FF1F4E79" });
    expect(other.properties.tabColor).toEqual({ argb: "FFA5A5A5" });
    expect(other.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2" });
    expect((test.views ?? [])[0]?.state ?? "normal").not.toBe("frozen");
    expect(test.getColumn(1).width).toBe(30); // sheet columnWidths
    expect(test.getColumn(5).width).toBe(24); // sheet width wins over the table column's 28
    expect(test.getColumn(9).width).toBe(12); // table column width where the sheet sets none
  });

  test("tables: name, range, header row, style, calculated columns; an empty table gets one blank body row", async () => {
    const t = (book.getWorksheet("KA Test")! as unknown as { getTable(n: string): { table: { name: string; tableRef: string; headerRow: boolean; style: { theme: string } } } }).getTable("KATest").table;
    expect(t.name).toBe("KATest");
    expect(t.tableRef).toBe("E3:J8");
    expect(t.headerRow).toBe(true);
    expect(t.style.theme).toBe("TableStyleMedium2");
    // exceljs stops reading columns at a calculatedColumnFormula, so the columns are read from the part itself.
    const part = await zip.file("xl/tables/table1.xml")!.async("string");
    expect([...part.matchAll(/<tableColumn id="\d+" name="([^"]*)"/g)].map((m) => m[1])).toEqual(["Customer", "Revenue", "Share", "ECL", "Date", "Size"]);
    // Share, ECL and Size repeat one [#This Row] formula: Excel fills a new row with it.
    expect(part).toContain('<tableColumn id="3" name="Share"><calculatedColumnFormula>KATest[[#This Row],[Revenue]]/SUM(KATest[Revenue])</calculatedColumnFormula></tableColumn>');
    expect([...part.matchAll(/<calculatedColumnFormula>/g)]).toHaveLength(3);
    const e = (book.getWorksheet("KA Other's")! as unknown as { getTable(n: string): { table: { tableRef: string } } }).getTable("KAEmpty").table;
    expect(e.tableRef).toBe("A1:B2");
  });

  test("values, formulas with cached results equal to the hand computations, number formats", () => {
    const s = cells["KA Test"];
    const ws = book.getWorksheet("KA Test")!;
    for (let i = 0; i < REVENUE.length; i++) {
      const r = 4 + i;
      expect(s[`E${r}`]).toEqual({ value: FORMULA_LIKE[i] });
      expect(s[`F${r}`]).toEqual({ value: REVENUE[i] });
      expect(s[`G${r}`]).toEqual({ formula: "KATest[[#This Row],[Revenue]]/SUM(KATest[Revenue])", value: REVENUE[i] / 1000.25 });
      expect(s[`H${r}`]).toEqual({ formula: "KATest[[#This Row],[Revenue]]*KA_LossRate", value: REVENUE[i] * LOSS_RATE });
      expect(s[`I${r}`]).toEqual({ value: DATES[i] }); // a date is its serial number…
      expect(ws.getCell(`I${r}`).numFmt).toBe("yyyy-mm-dd"); // …with a date format
      expect(ws.getCell(`F${r}`).numFmt).toBe("#,##0.00");
      expect(ws.getCell(`G${r}`).numFmt).toBe("0.0%");
    }
    expect(s.B4).toEqual({ value: 0.05 });
    expect(ws.getCell("B4").numFmt).toBe("0.0%");
    expect(s.C4).toEqual({ value: "edit me" });
    expect(s.B16).toEqual({ formula: "SUM(KATest[Revenue])", value: 1000.25 });
    // HHI by hand: 10000 · Σ (rev/1000.25)², within 1e-12 relative of the fixture's own sum
    const hhi = (10000 * REVENUE.reduce((a, x) => a + x * x, 0)) / 1000.25 ** 2;
    expect(Math.abs((s.B17.value as number) - hhi) / hhi).toBeLessThan(1e-12);
    expect(s.B19).toEqual({ formula: "INDEX(KATest[Customer],MATCH(MAX(KATest[Revenue]),KATest[Revenue],0))", value: "@SUM(A1)" });
    expect(s.B20.formula).toBe("_xlfn.STDEV.S(KATest[Revenue])"); // prefix kept for Excel
    expect(s.B20.value).toBeCloseTo(expected.sd, 12);
    expect(s.B23).toEqual({ formula: "ROUND(AVERAGE(KATest[Revenue]),2)", value: 200.05 });
    expect(s.B24).toEqual({ formula: "ISNUMBER(MATCH(\"-2\",KATest[Customer],0))", value: true });
    expect(s.B25).toEqual({ formula: 'IFERROR(1/0,"none")', value: "none" });
    expect(s.B26).toEqual({ formula: "NA()", value: { error: "#N/A" } }); // an engine "#N/A" is cached as an error
    expect(s.B27).toEqual({ formula: 'SUMIFS(KATest[Revenue],KATest[Size],"big")', value: 920.5 }); // 120.5 + 300 + 500
    expect(s.B29).toEqual({ formula: "MAX(KATest[Date])", value: DATES[4] });
    expect(ws.getCell("B29").numFmt).toBe("yyyy-mm-dd");
    // matrix: title, corner blank, headers, row headers, body with format
    expect(s.A35).toEqual({ value: "Share by half" });
    expect(s.A36).toBeUndefined();
    expect([s.B36.value, s.C36.value, s.A37.value, s.A38.value]).toEqual(["First", "Second", "Top", "Rest"]);
    expect(s.B37).toEqual({ formula: "INDEX(KATest[Share],1)", value: expected.share[0] });
    expect(s.B38).toEqual({ value: 0.5 });
    expect(s.C38).toBeUndefined(); // null cell stays empty
    expect(ws.getCell("B38").numFmt).toBe("0.0%");
    // cross-sheet key-value block without title
    expect(cells["KA Other's"].B6).toEqual({ formula: "SUM(KATest[Revenue])", value: 1000.25 });
  });

  test("text styles: title bold 14, note italic", () => {
    const ws = book.getWorksheet("KA Test")!;
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell("A2").font).toMatchObject({ italic: true });
    expect(ws.getCell("A3").font).toMatchObject({ bold: true }); // key-value title
  });

  test("defined names point at the final sheet names (quoted)", () => {
    const model = (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    const byName = Object.fromEntries(model.map((m) => [m.name, m.ranges]));
    expect(byName.KA_LossRate).toEqual(["'KA Test'!$B$4"]);
    expect(byName.KA_Threshold).toEqual(["'KA Test'!$B$5"]);
  });

  test("conditional formats: data bar, colour scales, highlights rewritten from structured references to A1", () => {
    const ws = book.getWorksheet("KA Test")! as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] };
    const byRef = Object.fromEntries(ws.conditionalFormattings.map((c) => [c.ref, c.rules[0]]));
    expect(byRef["G4:G8"].type).toBe("dataBar");
    expect(byRef["F4:F8"].type).toBe("colorScale");
    expect(byRef["E4:E8"]).toMatchObject({ type: "expression", formulae: ["F4>KA_Threshold"] });
    const matrix = ws.conditionalFormattings.filter((c) => c.ref === "B37:C38").map((c) => c.rules[0]);
    expect(matrix.map((r) => r.type).sort()).toEqual(["colorScale", "expression"]);
    expect(matrix.find((r) => r.type === "expression")!.formulae).toEqual(["B37>0.25"]);
  });

  test("formula-like text is stored as text (an inline string, no <f>) with the quote-prefix format", async () => {
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const stylesXml = await zip.file("xl/styles.xml")!.async("string");
    const xfs = [...stylesXml.replace(/^[\s\S]*<cellXfs[^>]*>/, "").replace(/<\/cellXfs>[\s\S]*$/, "").matchAll(/<xf [^>]*?(\/>|>.*?<\/xf>)/g)].map((m) => m[0]);
    const quoted = (xml: string) => {
      const s = /\bs="(\d+)"/.exec(xml);
      return s !== null && /quotePrefix="1"/.test(xfs[Number(s[1])]);
    };
    // A2: a note "=HYPERLINK(...)"; A7/B7/A8/B8: "=cmd", "+SUM(1,2)", "@label", "-3+4"; E4:E8: the customers.
    for (const address of ["A2", "A7", "B7", "A8", "B8", "E4", "E5", "E6", "E7", "E8"]) {
      const xml = cellXml(sheetXml, address);
      expect(xml).toContain('t="inlineStr"');
      expect(xml).not.toContain("<f>");
      expect(quoted(xml)).toBe(true);
    }
    expect(sheetXml).toContain("<t>=1+1</t>");
    expect(sheetXml).toContain("<t>+cmd|' /C calc'!A0</t>");
    expect(quoted(cellXml(sheetXml, "A1"))).toBe(false); // plain text: no prefix
    expect(cellXml(sheetXml, "G4")).toMatch(/<f>KATest\[\[#This Row\],\[Revenue\]\]\/SUM\(KATest\[Revenue\]\)<\/f><v>0\.12046988252936/);
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test("charts are drawn natively: one chart part each, anchored on their sheet, series over the table's cells", async () => {
    const { written } = await writeXlsxBuffer(fixtureReport());
    expect(written.skippedCharts).toEqual([]);
    expect(written.sheets).toEqual({ summary: "KA Test", about: "KA Other's" });
    const chart1 = await zip.file("xl/charts/chart1.xml")!.async("string");
    const chart2 = await zip.file("xl/charts/chart2.xml")!.async("string");
    expect(chart1).toContain("<c:barChart>");
    expect(chart1).toContain("<a:t>Revenue by customer</a:t>");
    expect(chart1).toContain("<c:f>'KA Test'!$E$4:$E$8</c:f>"); // categories: Customer
    expect(chart1).toContain("<c:f>'KA Test'!$F$4:$F$8</c:f>"); // values: Revenue
    expect(chart1).toContain('<c:pt idx="3"><c:v>500</c:v></c:pt>'); // cached values
    expect(chart2).toContain("<c:lineChart>");
    expect(chart2).toContain("<c:f>'KA Test'!$I$4:$I$8</c:f>"); // a chart on another sheet reads KA Test
    const drawing1 = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    expect(drawing1).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>34<\/xdr:row>/);
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    expect(rels).toContain("../drawings/drawing1.xml");
  });
});

describe("cell edge cases", () => {
  const one = (c: Cell): Report => ({ sheets: [{ name: "S", role: "summary", blocks: [{ kind: "keyValue", row: 0, col: 0, items: [{ label: "x", value: c }] }] }] });
  const sheetOf = async (r: Report, opts: { sharedFormulasFrom?: number } = {}) => {
    const z = await JSZip.loadAsync((await writeXlsxBuffer(r, opts)).buffer);
    return z.file("xl/worksheets/sheet1.xml")!.async("string");
  };

  test("NaN and ±Infinity are written blank (a file cannot hold them)", async () => {
    expect(await sheetOf(one(NaN))).not.toMatch(/<c r="B1"/);
    expect(await sheetOf(one(Infinity))).not.toMatch(/<c r="B1"/);
    expect(cellXml(await sheetOf(one({ formula: "1/0", value: -Infinity })), "B1")).toBe('<c r="B1"><f>1/0</f></c>');
  });

  test("text longer than Excel's 32,767 characters is cut to fit, cached formula text too", async () => {
    const text = /<c r="B1"[^>]*><is><t>(x+)<\/t>/.exec(await sheetOf(one("x".repeat(40000))))!;
    expect(text[1].length).toBe(32767);
    const cached = /<v>(y+)<\/v>/.exec(await sheetOf(one({ formula: 'REPT("y",40000)', value: "y".repeat(40000) })))!;
    expect(cached[1].length).toBe(32767);
    // never half a surrogate pair: 32,766 x then an emoji (2 code units) is cut before the emoji
    const emoji = /<c r="B1"[^>]*><is><t>(x+)(.*?)<\/t>/u.exec(await sheetOf(one("x".repeat(32766) + "😀" + "z")))!;
    expect(emoji[1].length).toBe(32766);
    expect(emoji[2]).toBe("");
  });

  test("control characters, CR and _xHHHH_ survive as SpreadsheetML escapes; the file reads back the same text", async () => {
    const nasty = "a\u0001b\rc\td_x0041_e & <f>";
    const xml = await sheetOf(one(nasty));
    expect(cellXml(xml, "B1")).toContain("a_x0001_b&#13;c\td_x005F_x0041_e &amp; &lt;f&gt;");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await writeXlsxBuffer(one("tab\there"))).buffer as unknown as ArrayBuffer);
    expect(back.getWorksheet("S")!.getCell("B1").value).toBe("tab\there");
  });

  test("table body cells (written as bytes in place): every number as String(v) writes it, formulas with each kind of cached value", async () => {
    const numbers = [0, -0, 1, -1, 7, 10, 99, 100, 123456789, -987654321, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 60, 1e21, 1e-7, 1.5e-300, -1.5e300, 0.1 + 0.2, 9803.96, -0.0011793109776867424, Number.MAX_VALUE, Number.MIN_VALUE];
    const formulas: Cell[] = [
      { formula: "1+1", value: 2.5 },
      { formula: "1+1", value: -Infinity },
      { formula: "TRUE()", value: true },
      { formula: "FALSE()", value: false },
      { formula: 'T("a")', value: "Yes & <no>" },
      { formula: 'T("")', value: "" },
      { formula: "1/0", value: "#DIV/0!" },
      { formula: "NA()", value: null },
    ];
    const columns = Array.from({ length: 30 }, (_, j) => ({ header: `H${j}`, numberFormat: j % 2 ? "0.00" : undefined }));
    const rows: Cell[][] = numbers.map((v, i) => columns.map((_, j) => (j === 0 ? v : j === 27 ? formulas[i % formulas.length] : j === 29 ? (i % 3 ? NaN : null) : j === 28 ? `t${i}` : i + j)));
    const xml = await sheetOf({ sheets: [{ name: "S", role: "summary", blocks: [{ kind: "table", name: "KAT", row: 0, col: 0, columns, rows }] }] });
    numbers.forEach((v, i) => expect(/<v>(.*?)<\/v>/.exec(cellXml(xml, `A${i + 2}`))![1]).toBe(String(v)));
    const styled = /s="(\d+)"/.exec(cellXml(xml, "B2"))![1];
    expect(cellXml(xml, "B2")).toBe(`<c r="B2" s="${styled}"><v>1</v></c>`);
    const blankStyle = /s="(\d+)"/.exec(cellXml(xml, "AD2"))![1];
    expect(cellXml(xml, "AD2")).toBe(`<c r="AD2" s="${blankStyle}"/>`); // null in a styled column: the styled blank
    expect(cellXml(xml, "AD3")).toBe(`<c r="AD3" s="${blankStyle}"/>`); // NaN too
    expect(cellXml(xml, "AB2")).toMatch(/^<c r="AB2" s="\d+"><f>1\+1<\/f><v>2.5<\/v><\/c>$/);
    expect(cellXml(xml, "AB3")).toMatch(/^<c r="AB3" s="\d+"><f>1\+1<\/f><\/c>$/);
    expect(cellXml(xml, "AB4")).toMatch(/^<c r="AB4" s="\d+" t="b"><f>TRUE\(\)<\/f><v>1<\/v><\/c>$/);
    expect(cellXml(xml, "AB5")).toMatch(/^<c r="AB5" s="\d+" t="b"><f>FALSE\(\)<\/f><v>0<\/v><\/c>$/);
    expect(cellXml(xml, "AB6")).toMatch(/^<c r="AB6" s="\d+" t="str"><f>T\(&quot;a&quot;\)<\/f><v>Yes &amp; &lt;no&gt;<\/v><\/c>$/);
    expect(cellXml(xml, "AB7")).toMatch(/^<c r="AB7" s="\d+" t="str"><f>T\(&quot;&quot;\)<\/f><v><\/v><\/c>$/);
    expect(cellXml(xml, "AB8")).toMatch(/^<c r="AB8" s="\d+" t="e"><f>1\/0<\/f><v>#DIV\/0!<\/v><\/c>$/);
    expect(cellXml(xml, "AB9")).toMatch(/^<c r="AB9" s="\d+"><f>NA\(\)<\/f><\/c>$/);
    expect(cellXml(xml, "AC2")).toMatch(/^<c r="AC2"( s="\d+")? t="inlineStr"><is><t>t0<\/t><\/is><\/c>$/); // text: writeCell's path
    expect(cellXml(xml, "C2")).toBe('<c r="C2"><v>2</v></c>'); // a column without a style: no s attribute
  });

  test("amounts in cents and their neighbours, written without String(): each reads as String(v) writes it", async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const values: number[] = [0.01, -0.01, 0.05, 0.1, 0.29, 1.5, -12.5, 100.25, 9803.96, 1234567.89, 999999999999.99, 1e12 + 0.5, 0.125, -0.005, 0.1 + 0.2];
    for (let i = 0; i < 3000; i++) {
      const k = Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 14))) * (rand() < 0.3 ? -1 : 1);
      const v = k / 100;
      values.push(v, v + Number.EPSILON * Math.abs(v) * 4, v * (1 + 1e-15), k / 1000, k / 3);
    }
    const xml = await sheetOf({ sheets: [{ name: "S", role: "summary", blocks: [{ kind: "table", name: "KAT", row: 0, col: 0, columns: [{ header: "V" }], rows: values.map((v) => [v]) }] }] });
    const written = [...xml.matchAll(/<c r="A(\d+)"><v>([^<]*)<\/v><\/c>/g)].map((m) => m[2]);
    expect(written).toEqual(values.map((v) => String(v)));
  });

  test("a table of 1 MiB chunks' worth of rows: every row whole and in order across chunk boundaries", async () => {
    // Two formulas taking turns: written whole in every cell (one formula in every row would be shared).
    const formula = (i: number) => `IF(KAT[[#This Row],[A]]>${i % 2},${"1+".repeat(150)}1,"")`;
    const rows: Cell[][] = Array.from({ length: 8_000 }, (_, i) => [i * 1.25, { formula: formula(i), value: i }, i % 7 === 0 ? null : -i]);
    const xml = await sheetOf({ sheets: [{ name: "S", role: "summary", blocks: [{ kind: "table", name: "KAT", row: 0, col: 0, columns: [{ header: "A" }, { header: "B" }, { header: "C" }], rows }] }] });
    expect(xml.length).toBeGreaterThan(3 * 1024 * 1024);
    const seen = [...xml.matchAll(/<row r="(\d+)"><c r="A\1"><v>([^<]*)<\/v><\/c><c r="B\1"><f>[^<]*<\/f><v>([^<]*)<\/v><\/c>(?:<c r="C\1"><v>([^<]*)<\/v><\/c>)?<\/row>/g)];
    expect(seen.length).toBe(rows.length);
    seen.forEach((m, i) => {
      expect([Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? null : Number(m[4])]).toEqual([i + 2, i * 1.25, i, i % 7 === 0 ? null : -i]);
    });
  });

  test("from SHARED_FORMULAS_FROM rows, a table column of one position-free formula is one shared formula; others are written whole in each cell", async () => {
    const same = "KAT[[#This Row],[A]]*KA_Rate";
    const absolute = "KAT[[#This Row],[A]]+$H$2";
    const rows: Cell[][] = Array.from({ length: 4 }, (_, i) => [
      i + 1,
      { formula: same, value: 2 * (i + 1) },
      { formula: absolute, value: i }, // absolute references read the same everywhere: shared too
      { formula: "A2*2", value: i }, // a relative reference would move down the rows: never shared
      { formula: i === 2 ? "KAT[[#This Row],[A]]" : same, value: i }, // one row differs: written whole
      i === 3 ? null : { formula: same, value: i }, // one cell blank: written whole
    ]);
    const table = (name: string, row: number): TableBlock => ({ kind: "table", name, row, col: 0, columns: ["A", "B", "C", "D", "E", "F"].map((header) => ({ header })), rows });
    const report: Report = { sheets: [{ name: "S", role: "summary", blocks: [table("KAT", 0), table("KAU", 7)] }], names: { KA_Rate: { sheet: "summary", row: 0, col: 8 } } };
    // Below SHARED_FORMULAS_FROM body rows every cell holds its formula (the form Excel writes); tests lower it.
    expect(cellXml(await sheetOf(report), "B5")).toBe(`<c r="B5"><f>KAT[[#This Row],[A]]*KA_Rate</f><v>8</v></c>`);
    expect(SHARED_FORMULAS_FROM).toBe(10_000);
    const xml = await sheetOf(report, { sharedFormulasFrom: 4 });
    expect(await sheetOf(report, { sharedFormulasFrom: 5 })).not.toContain('t="shared"'); // 4 body rows: below the bar
    expect(cellXml(xml, "B2")).toBe(`<c r="B2"><f t="shared" ref="B2:B5" si="0">KAT[[#This Row],[A]]*KA_Rate</f><v>2</v></c>`);
    expect(cellXml(xml, "B5")).toBe(`<c r="B5"><f t="shared" si="0"/><v>8</v></c>`);
    expect(cellXml(xml, "C2")).toBe(`<c r="C2"><f t="shared" ref="C2:C5" si="1">KAT[[#This Row],[A]]+$H$2</f><v>0</v></c>`);
    expect(cellXml(xml, "C4")).toBe(`<c r="C4"><f t="shared" si="1"/><v>2</v></c>`);
    for (const r of [2, 5]) for (const c of ["D", "E"]) expect(cellXml(xml, `${c}${r}`)).toMatch(/^<c r="[DE]\d"><f>[^<]+<\/f>/);
    expect(cellXml(xml, "F3")).toBe(`<c r="F3"><f>${same}</f><v>1</v></c>`);
    // The second table's shares are numbered on from the first's (si is per sheet).
    expect(cellXml(xml, "B9")).toBe(`<c r="B9"><f t="shared" ref="B9:B12" si="2">KAT[[#This Row],[A]]*KA_Rate</f><v>2</v></c>`);
    expect(cellXml(xml, "C12")).toBe(`<c r="C12"><f t="shared" si="3"/><v>3</v></c>`);
  });

  test("a table held column by column (TableBody) is written byte for byte as the same table held as rows", async () => {
    const n = 12;
    const numbers = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : i % 7 === 3 ? Infinity : (i * 1234.5) / 7));
    const cached = Float64Array.from({ length: n }, (_, i) => (i % 4 === 1 ? NaN : i / 3));
    const texts: (string | null)[] = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i === 4 ? "=HYPERLINK(\"x\")" : `name ${i} & <co>`));
    const words: (string | null)[] = Array.from({ length: n }, (_, i) => (i % 6 === 5 ? null : i % 2 ? "Yes" : "#N/A"));
    const mixed: (number | string | boolean | null)[] = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? true : i % 4 === 1 ? "x" : i % 4 === 2 ? null : i));
    const body: TableBody = {
      length: n,
      columns: [
        { values: numbers },
        { values: cached, formula: "KAT[[#This Row],[A]]/3" },
        { values: texts },
        { values: words, formula: 'IF(KAT[[#This Row],[A]]>1,"Yes",NA())' },
        { values: mixed },
        { values: Float64Array.from({ length: n }, (_, i) => i), formula: "ROWS(KAT[[#Headers],[A]]:KAT[[#This Row],[A]])-1" },
      ],
    };
    const columns = ["A", "B", "C", "D", "E", "F"].map((header, j) => ({ header, numberFormat: j % 2 ? "0.00" : undefined }));
    const spec = (table: TableBlock): Report => ({
      sheets: [{ name: "S", role: "summary", blocks: [table], hyperlinks: [{ row: 3, col: 2, to: { sheet: "summary", row: 0, col: 0 } }] }],
    });
    const asColumns = columnarTable({ kind: "table", name: "KAT", row: 0, col: 0, columns }, body);
    const asRows: TableBlock = { kind: "table", name: "KAT", row: 0, col: 0, columns, rows: body.columns.length ? Array.from({ length: n }, (_, i) => body.columns.map((c) => bodyColumnCell(c, i))) : [] };
    // The rows a columnar table shows its other readers are the cells the file holds.
    expect(asColumns.rows[1]).toEqual([1234.5 / 7, { formula: "KAT[[#This Row],[A]]/3", value: "" }, "name 1 & <co>", { formula: 'IF(KAT[[#This Row],[A]]>1,"Yes",NA())', value: "Yes" }, "x", { formula: "ROWS(KAT[[#Headers],[A]]:KAT[[#This Row],[A]])-1", value: 1 }]);
    expect(asColumns.rows[0][0]).toBeNull();
    expect(() => {
      (asColumns as { rows: Cell[][] }).rows = [];
    }).toThrow(TypeError);
    for (const shared of [undefined, 2]) {
      const written = await sheetOf(spec(asColumns), { sharedFormulasFrom: shared });
      expect(written).toBe(await sheetOf(spec(asRows), { sharedFormulasFrom: shared }));
      expect(written).toContain("<c r=\"C4\""); // the link cell, through writeCell
    }
    expect(await sheetOf(spec(asColumns), { sharedFormulasFrom: 2 })).toContain('<f t="shared" ref="B2:B13" si="0">');
    // An empty body writes the one blank row an empty table of rows gets.
    const empty: TableBody = { length: 0, columns: body.columns.map((c) => ({ ...c, values: c.values instanceof Float64Array ? new Float64Array(0) : [] })) };
    const emptyRows: TableBlock = { kind: "table", name: "KAT", row: 0, col: 0, columns, rows: [] };
    expect(await sheetOf(spec(columnarTable({ kind: "table", name: "KAT", row: 0, col: 0, columns }, empty)))).toBe(await sheetOf(spec(emptyRows)));
    const whole = await JSZip.loadAsync((await writeXlsxBuffer(spec(asColumns))).buffer);
    const rowsZip = await JSZip.loadAsync((await writeXlsxBuffer(spec(asRows))).buffer);
    expect(await whole.file("xl/tables/table1.xml")!.async("string")).toBe(await rowsZip.file("xl/tables/table1.xml")!.async("string"));
  });

  test("a sheet of more than FAST_DEFLATE_CELLS cells is deflated at level 1, the others at level 3", async () => {
    const width = 20;
    const n = Math.ceil(FAST_DEFLATE_CELLS / width) + 1;
    const columns = Array.from({ length: width }, (_, j) => ({ header: `C${j}` }));
    const body: TableBody = { length: n, columns: columns.map((_, j) => ({ values: Float64Array.from({ length: n }, (_, i) => Math.sqrt(i + j) / 7) })) };
    const small = columnarTable({ kind: "table", name: "KAS", row: 0, col: 0, columns }, { length: 10, columns: body.columns.map((c) => ({ values: c.values.slice(0, 10) })) });
    const report: Report = {
      sheets: [
        { name: "Small", role: "summary", blocks: [small] },
        { name: "Large", role: "accounts", blocks: [columnarTable({ kind: "table", name: "KAL", row: 0, col: 0, columns }, body)] },
      ],
    };
    const zip = (await writeXlsxBuffer(report)).buffer;
    // Each sheet's deflate data, from the central directory, against zlib's at each level.
    const levels = new Map<string, number>();
    for (const e of centralDirectory(zip)) {
      if (!e.name.startsWith("xl/worksheets/sheet")) continue;
      const raw = entryData(zip, e);
      const xml = zlib.inflateRawSync(raw);
      levels.set(e.name, [1, 3].find((level) => zlib.deflateRawSync(xml, { level, memLevel: 9 }).equals(raw)) ?? -1);
    }
    expect(Object.fromEntries(levels)).toEqual({ "xl/worksheets/sheet1.xml": 3, "xl/worksheets/sheet2.xml": 1 });
  });

  test("a columnar table's formulas and column lengths are validated like rows", () => {
    const table = (body: TableBody): Report => ({ sheets: [{ name: "S", role: "summary", blocks: [columnarTable({ kind: "table", name: "KAT", row: 0, col: 0, columns: [{ header: "A" }] }, body)] }] });
    expect(problemOf(() => validateReport(table({ length: 2, columns: [{ values: new Float64Array(1) }] }))).message).toMatch(/column 1 of table 'KAT' has 1 values for 2 rows/);
    expect(problemOf(() => validateReport(table({ length: 1, columns: [{ values: new Float64Array(1) }, { values: [null] }] }))).message).toMatch(/2 body columns for 1 columns/);
    expect(problemOf(() => validateReport(table({ length: 1, columns: [{ values: new Float64Array(1), formula: "KA_Nowhere*2" }] }))).message).toMatch(/uses KA_Nowhere/);
    expect(() => validateReport(table({ length: 1, columns: [{ values: new Float64Array(1), formula: "KAT[[#This Row],[A]]*2" }] }))).not.toThrow();
  });

  test("readsAlikeInEveryRow: only formulas without a relative reference", () => {
    const alike = ["KAAccounts[[#This Row],[Revenue]]/SUM(KAAccounts[Revenue])", "MIN(KA_Bins,1+INT(KA_Bins*2))", '$A$1+\'Sheet 1\'!$B$2', 'IF(X[[#This Row],[R]]="A1","B2:C3",1)', "Sheet1!$C$3*KA_ABC_A", "TODAY()-KA_AsOf", "LOG10(5)+ATAN2(1,2)"];
    const moving = ["A1", "$A1", "A$1", "SUM(B:B)", "SUM($B:$B)", "SUM(2:2)", "Sheet1!C3", "'KA Summary'!B$4", "SUM(A1:B2)+KA_X", "ZZZ100*2", "LOG10(A1)"];
    for (const f of alike) expect([f, readsAlikeInEveryRow(f)]).toEqual([f, true]);
    for (const f of moving) expect([f, readsAlikeInEveryRow(f)]).toEqual([f, false]);
  });

  test("a formula with a leading '=' is refused, naming the cell", () => {
    const p = problemOf(() => validateReport(one({ formula: "=SUM(A1)", value: 0 })));
    expect(p.code).toBe("badArgument");
    expect(p.message).toContain("'S'!B1");
  });
});

describe("validation: a bad report fails with one clear message", () => {
  const base = (): Report => ({
    sheets: [{ name: "Sheet", role: "summary", blocks: [{ kind: "table", name: "KATable", row: 0, col: 0, columns: [{ header: "A" }, { header: "B" }], rows: [[1, 2]] }] }],
  });
  const table = (r: Report) => r.sheets[0].blocks[0] as TableBlock;

  test("sheetNameProblem: Excel's rules", () => {
    expect(sheetNameProblem("KA Summary")).toBeUndefined();
    expect(sheetNameProblem("x".repeat(31))).toBeUndefined();
    expect(sheetNameProblem("x".repeat(32))).toMatch(/31/);
    expect(sheetNameProblem("")).toMatch(/empty/);
    for (const ch of ["[", "]", ":", "*", "?", "/", "\\"]) expect(sheetNameProblem(`a${ch}b`)).toMatch(/contains/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
    expect(sheetNameProblem("History")).toMatch(/reserved/);
    expect(sheetNameProblem("客户 O'Brien")).toBeUndefined();
  });

  const cases: [string, (r: Report) => void, RegExp][] = [
    ["invalid sheet name", (r) => (r.sheets[0].name = "Q1/Q2"), /sheet name 'Q1\/Q2' contains/],
    ["duplicate sheet name ignoring case", (r) => r.sheets.push({ name: "SHEET", role: "about", blocks: [] }), /two sheets are named 'SHEET'/],
    ["duplicate role", (r) => r.sheets.push({ name: "Other", role: "summary", blocks: [] }), /role 'summary'/],
    ["table name like a cell address", (r) => (table(r).name = "T1"), /table name 'T1' looks like a cell reference/],
    ["table name with a space", (r) => (table(r).name = "My Table"), /table name 'My Table'/],
    ["duplicate table name", (r) => r.sheets[0].blocks.push({ ...table(r), row: 5 }), /table name 'KATable' is used twice/],
    ["blank header", (r) => (table(r).columns[1].header = " "), /blank column header/],
    ["duplicate header ignoring case", (r) => (table(r).columns[1].header = "a"), /header 'a' twice/],
    ["row wider than the table", (r) => table(r).rows.push([1, 2, 3]), /row 2 of table 'KATable' has 3 cells for 2 columns/],
    ["defined name on a missing sheet", (r) => (r.names = { KA_X: { sheet: "about", row: 0, col: 0 } }), /'about' sheet that the report does not have/],
    ["defined name clashing with a table", (r) => (r.names = { katable: { sheet: "summary", row: 0, col: 0 } }), /name 'katable' is used/],
    ["bad colour", (r) => (r.sheets[0].tabColor = "blue"), /colour 'blue'/],
    ["conditional format on a missing column", (r) => (table(r).conditionalFormats = [{ column: "C", kind: "dataBar" }]), /names column 'C'/],
    ["negative position", (r) => (table(r).row = -1), /invalid position/],
    [
      "a formula using a name the report does not define",
      (r) => table(r).rows.push([1, { formula: "KATable[[#This Row],[A]]*KA_Missing", value: 0 }]),
      /the formula at 'Sheet'!B3 uses KA_Missing, which the report does not define \(Excel would show #NAME\?\)/,
    ],
  ];
  for (const [what, mutate, message] of cases) {
    test(what, () => {
      const r = base();
      mutate(r);
      const p = problemOf(() => validateReport(r));
      expect(p.code).toBe("badArgument");
      expect(p.message).toMatch(message);
    });
  }
  test("the base report itself is valid", () => {
    expect(() => validateReport(base())).not.toThrow();
  });
  test("a sheet above Excel's 1,048,576 rows is refused (outOfRange) naming the table; one at the limit is written", async () => {
    const one: Cell[] = [1];
    const tall = (bodyRows: number): Report => ({
      sheets: [{ name: "KA Accounts", role: "accounts", blocks: [{ kind: "table", name: "KAAccounts", row: 0, col: 0, columns: [{ header: "Revenue" }], rows: Array.from({ length: bodyRows }, () => one) }] }],
    });
    // header + 1,048,576 body rows = 1,048,577 rows: one too many
    expect(() => validateReport(tall(1_048_576))).toThrowProblem("outOfRange", { messageContains: ["table 'KAAccounts' on 'KA Accounts'", "1,048,577", "1,048,576 rows"] });
    await expect(writeXlsxBuffer(tall(1_048_576))).rejects.toThrowProblem("outOfRange");
    const atLimit = await writeXlsxBuffer(tall(1_048_575));
    const z = await JSZip.loadAsync(atLimit.buffer);
    const sheet = await z.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toContain('<dimension ref="A1:A1048576"/>');
    expect(sheet).toMatch(/<row r="1048576"><c r="A1048576"><v>1<\/v><\/c><\/row><\/sheetData>/);
  }, 120_000);

  test("the writer validates before writing anything", async () => {
    const r = base();
    r.sheets[0].name = "Q1/Q2";
    await expect(writeXlsxBuffer(r)).rejects.toMatchObject({ problem: { code: "badArgument" } });
  });

  test("a report is validated once per write, to a file or to memory (a walk over every cell)", async () => {
    const spy = jest.spyOn(validation, "validateReport");
    try {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ka-once-")), "r.xlsx");
      await writeXlsxFile(base(), file);
      expect(spy).toHaveBeenCalledTimes(1);
      await writeXlsxBuffer(base());
      expect(spy).toHaveBeenCalledTimes(2);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    } finally {
      spy.mockRestore();
    }
  });
});

describe("progress and cancellation", () => {
  const big = (rows: number): Report => ({
    sheets: [
      {
        name: "Big",
        role: "accounts",
        blocks: [
          { kind: "text", row: 0, col: 0, text: "t" },
          { kind: "table", name: "KABig", row: 2, col: 0, columns: [{ header: "A" }, { header: "B" }], rows: Array.from({ length: rows }, (_, i) => [i, `r${i}`]) },
        ],
      },
    ],
  });

  test("progress counts cells, never goes back, and ends at the total", async () => {
    const calls: [number, number][] = [];
    await writeXlsxBuffer(big(25000), { onProgress: (d, t) => calls.push([d, t]) });
    const total = 1 + 2 * (1 + 25000);
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    expect(calls[calls.length - 1][0]).toBe(total);
  });

  test("an aborted signal stops the write with 'cancelled' and leaves no file behind", async () => {
    const ac = new AbortController();
    const out = path.join(dir, "cancelled.xlsx");
    const before = fs.readdirSync(dir).length;
    let err: unknown;
    try {
      await writeXlsxFile(big(50000), out, { signal: ac.signal, onProgress: (d) => d > 20000 && ac.abort() });
    } catch (e) {
      err = e;
    }
    expect(isKaProblem(err) && err.problem.code).toBe("cancelled");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).length).toBe(before); // no temp file left
  });

  test("a cancelled write touches nothing once it has returned (its file descriptor may be another file's by then)", async () => {
    // Several times: whether the compressor still has data in flight when the cancel lands depends on timing.
    for (let round = 0; round < 5; round++) {
      const ac = new AbortController();
      await expect(writeXlsxFile(big(50000), path.join(dir, "cancelled.xlsx"), { signal: ac.signal, onProgress: (d) => d > 20000 && ac.abort() })).rejects.toMatchObject({ problem: { code: "cancelled" } });
      // The next file opened usually gets the number the cancelled write's temporary file had.
      const other = path.join(dir, `other-${round}.txt`);
      const fd = fs.openSync(other, "w");
      fs.writeSync(fd, "intact");
      await new Promise((r) => setTimeout(r, 300)); // the cancelled write's compressor callbacks would land here
      fs.closeSync(fd);
      expect(fs.readFileSync(other, "utf8")).toBe("intact");
    }
  });

  test("XlsxFileWriter is a ReportWriter", async () => {
    const out = path.join(dir, "writer.xlsx");
    const w: ReportWriter = new XlsxFileWriter(out);
    const written = await w.write(big(3));
    expect(written).toEqual({ sheets: { accounts: "Big" }, skippedCharts: [] });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });

  test("an unwritable path: fileUnreadable naming it", async () => {
    const out = path.join(dir, "no-such-dir", "x.xlsx");
    let err: unknown;
    try {
      await writeXlsxFile(big(1), out);
    } catch (e) {
      err = e;
    }
    expect(isKaProblem(err) && err.problem.code).toBe("fileUnreadable");
    expect(isKaProblem(err) && err.problem.message).toContain(out);
  });
});

describe("namesInFormula: the bare names a formula needs defined", () => {
  const cases: [string, string[]][] = [
    ['SUMIFS(KAAccounts[Revenue],KAAccounts[Rank],"<="&5,KAAccounts[Revenue],">0")/SUMIF(KAAccounts[Revenue],">0")', []],
    ['IF(KA_HHI<1000,"low",IF(KA_HHI<=1800,"mid","high"))', ["KA_HHI", "KA_HHI"]],
    ["'KA About'!$B$3*2+Sheet1!A1", []],
    ["_xlfn.STDEV.S(T[x])+_xlfn.PERCENTILE.INC(T[x],0.5)", []],
    ["SUM(A1:B2)+$C$3+SUM(A:A)+SUM(1:1)+XFD1048576", []],
    ["_xlfn.LET(_xlpm.x,2,_xlpm.x*KA_Rate)", ["KA_Rate"]],
    ["1E+5+2.5e-3*KA_X", ["KA_X"]],
    ["IFERROR(#N/A,0)+ISERROR(#DIV/0!)", []],
    ["TRUE+false", []],
    ["KAAccounts[[#This Row],[a'[b']]]*KA_Y", ["KA_Y"]],
    ['"KA_inside ""quoted"" text"&KA_Z', ["KA_Z"]],
    ["KA_Start:KA_End", ["KA_Start", "KA_End"]],
  ];
  for (const [formula, names] of cases) test(formula, () => expect(namesInFormula(formula)).toEqual(names));
});

describe("conditionToA1", () => {
  const places = new Map<string, TablePlace>([
    ["kaaccounts", { name: "KAAccounts", sheet: "KA Accounts", row: 0, col: 0, headers: ["Customer", "Revenue", "Disclose (≥10%)", "a[b]"], bodyRows: 40 }],
    ["kaother", { name: "KAOther", sheet: "KA O'Sheet", row: 4, col: 2, headers: ["X"], bodyRows: 3 }],
  ]);
  const anchor = { row: 1, col: 0, sheet: "KA Accounts" };
  test("this-row references become relative cells in the anchor's row", () => {
    expect(conditionToA1("KAAccounts[[#This Row],[Revenue]]>0", anchor, places)).toBe("B2>0");
    expect(conditionToA1("KAAccounts[[#This Row],[Disclose (≥10%)]]=TRUE", anchor, places)).toBe("C2=TRUE");
    expect(conditionToA1("KAAccounts[[#This Row],[a'[b']]]<>\"\"", anchor, places)).toBe('D2<>""');
  });
  test("whole-column references become absolute ranges, sheet-qualified off the anchor's sheet", () => {
    expect(conditionToA1("KAAccounts[[#This Row],[Revenue]]>AVERAGE(KAAccounts[Revenue])", anchor, places)).toBe("B2>AVERAGE($B$2:$B$41)");
    expect(conditionToA1("{cell}>MAX(KAOther[X])", anchor, places)).toBe("A2>MAX('KA O''Sheet'!$C$6:$C$8)");
  });
  test("unknown tables or columns fail loudly", () => {
    expect(() => conditionToA1("Nope[X]>0", anchor, places)).toThrow(/unknown table Nope/);
    expect(() => conditionToA1("KAAccounts[Nope]>0", anchor, places)).toThrow(/unknown column KAAccounts\[Nope\]/);
  });
});

test("speed: a 5,000-row × 30-column table (formulas in every fifth column) writes in seconds", async () => {
  const columns = Array.from({ length: 30 }, (_, j) => ({ header: `Col ${j}`, numberFormat: j % 3 === 0 ? "#,##0.00" : j % 3 === 1 ? "0.0%" : undefined }));
  const rows: Cell[][] = Array.from({ length: 5000 }, (_, i) =>
    columns.map((_, j) => (j === 0 ? `Customer ${i}` : j % 5 === 0 ? { formula: "KABig[[#This Row],[Col 1]]*2", value: 3 * i } : j === 1 ? 1.5 * i : i * j + 0.25)),
  );
  const sheet: SheetSpec = { name: "KA Accounts", role: "accounts", freeze: { rows: 1, cols: 1 }, blocks: [{ kind: "table", name: "KABig", row: 0, col: 0, columns, rows, conditionalFormats: [{ column: "Col 2", kind: "dataBar" }] }] };
  const out = path.join(dir, "big.xlsx");
  const started = performance.now();
  await writeXlsxFile({ sheets: [sheet] }, out);
  const ms = performance.now() - started;
  console.log(`xlsx write of a 5,000 × 30 table: ${ms.toFixed(0)} ms, ${fs.statSync(out).size} bytes`);
  const back = await readCells(out);
  expect(back["KA Accounts"].A5001).toEqual({ value: "Customer 4999" });
  expect(back["KA Accounts"].F5001).toEqual({ formula: "KABig[[#This Row],[Col 1]]*2", value: 3 * 4999 });
  expect(ms).toBeLessThan(30000); // generous: shared CPUs; the number is logged above
});
