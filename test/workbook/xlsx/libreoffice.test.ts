/**
 * An independent spreadsheet engine recalculates what the writer wrote: every formula cell must equal the value the
 * engine cached (relative 1e-9), and changing an input must move the formulas that depend on it.
 * Needs LibreOffice (`soffice`); set KA_SKIP_LIBREOFFICE=1 to skip on a machine without it (the tests fail otherwise).
 */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { writeXlsxFile } from "../../../src/workbook/xlsx/write-xlsx";
import { compareFormulaCells, countFormulaCells, LibreOfficeError, readCells, recalcAfterEdit, recalculate } from "../../helpers/libreoffice";
import type { CellValue, WorkbookCells } from "../../helpers/libreoffice";
import { expected, fixtureReport, FORMULA_LIKE, LOSS_RATE, REVENUE } from "./fixture-report";

const run = process.env.KA_SKIP_LIBREOFFICE === "1" ? describe.skip : describe;
const REL = 1e-9;

/** A one-sheet workbook ("S") whose sheetData is `rows`, written as given: cached values exactly as in the XML. */
async function handWritten(file: string, rows: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S").getCell("A1").value = 1;
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

// A1 = 0. B1: cached 0, recalculates to "" (wrong cache). B2: cached "" (t="str", empty <v>), recalculates to 0
// (wrong cache). B3: cached 0, recalculates to 0. B4: cached FALSE, recalculates to FALSE.
const ZERO_VS_BLANK = `<row r="1"><c r="A1"><v>0</v></c><c r="B1"><f>IF(A1=0,"",A1)</f><v>0</v></c></row>
<row r="2"><c r="B2" t="str"><f>A1*1</f><v></v></c></row>
<row r="3"><c r="B3"><f>A1+0</f><v>0</v></c></row>
<row r="4"><c r="B4" t="b"><f>A1=1</f><v>0</v></c></row>`;

run("LibreOffice recalculation of the written workbook", () => {
  let dir: string;
  let file: string;
  let original: WorkbookCells;
  let recalculated: WorkbookCells;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-lo-"));
    file = path.join(dir, "fixture.xlsx");
    await writeXlsxFile(fixtureReport(), file);
    original = await readCells(file);
    recalculated = await recalculate(file);
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every formula cell recalculates to its cached value (relative 1e-9)", () => {
    const n = countFormulaCells(original);
    expect(n).toBe(5 * 3 + 14 + 2 + 2); // table (Share, ECL, Size × 5 rows), totals, matrix, other sheet
    expect(compareFormulaCells(original, recalculated, REL)).toEqual([]);
  });

  test("recalculated values match the hand computations (structured refs, SUMPRODUCT, COUNTIF, INDEX/MATCH, _xlfn.)", () => {
    const s = recalculated["KA Test"];
    const near = (v: unknown, x: number) => expect(Math.abs((v as number) - x)).toBeLessThanOrEqual(REL * Math.abs(x));
    REVENUE.forEach((rev, i) => {
      near(s[`G${4 + i}`].value, rev / expected.total); // [@Revenue]/SUM(KATest[Revenue])
      near(s[`H${4 + i}`].value, rev * LOSS_RATE);
    });
    near(s.B16.value, 1000.25);
    near(s.B17.value, expected.hhi); // SUMPRODUCT(KATest[Share]^2)*10000
    expect(s.B18.value).toBe(3); // COUNTIF > 100: 120.5, 300, 500
    expect(s.B19.value).toBe("@SUM(A1)"); // INDEX/MATCH of the largest revenue
    near(s.B20.value, expected.sd); // _xlfn.STDEV.S
    near(s.B21.value, 120.5); // _xlfn.PERCENTILE.INC at 0.5: the middle of 5
    expect(s.B26.value).toEqual({ error: "#N/A" });
    near(recalculated["KA Other's"].B6.value, 1000.25); // a formula on another sheet over the table
  });

  test("LibreOffice shows formula-like text as the literal text", () => {
    const s = recalculated["KA Test"];
    FORMULA_LIKE.forEach((text, i) => expect(s[`E${4 + i}`]).toEqual({ value: text }));
    expect(s.A2).toEqual({ value: '=HYPERLINK("http://evil.example","click")' });
    expect(s.B7).toEqual({ value: "+SUM(1,2)" });
    expect(s.B8).toEqual({ value: "-3+4" });
  });

  test("changing the loss rate input changes every ECL and the ECL total", async () => {
    const after = await recalcAfterEdit(file, [{ sheet: "KA Test", cell: "B4", value: 0.1 }]);
    const s = after["KA Test"];
    REVENUE.forEach((rev, i) => expect(Math.abs((s[`H${4 + i}`].value as number) - rev * 0.1)).toBeLessThanOrEqual(REL * rev * 0.1));
    expect(Math.abs((s.B22.value as number) - expected.total * 0.1)).toBeLessThanOrEqual(REL * 100); // SUM(KATest[ECL]) 50.0125 → 100.025
    expect(recalculated["KA Test"].B22.value).toBeCloseTo(50.0125, 9);
    expect(s.B28.value).toBeCloseTo(0.2, 12); // KA_LossRate*2 follows the defined name
  }, 180_000);

  test("the check has teeth: a wrong cached value is reported", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = 2;
    ws.getCell("A2").value = { formula: "A1*3", result: 6 };
    ws.getCell("A3").value = { formula: "A1*3", result: 6.000001 }; // off by 1.7e-7 relative
    const f = path.join(dir, "wrong.xlsx");
    await wb.xlsx.writeFile(f);
    const mismatches = compareFormulaCells(await readCells(f), await recalculate(f), REL);
    expect(mismatches).toEqual([{ sheet: "S", cell: "A3", formula: "A1*3", cached: 6.000001, recalculated: 6 }]);
  }, 180_000);
});

run("LibreOffice recalculation: a cached 0 is not a blank", () => {
  test("cached 0 vs recalculated \"\" and cached \"\" vs recalculated 0 are mismatches; 0 vs 0 and FALSE vs FALSE are not", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-lo0-"));
    try {
      const f = path.join(dir, "zero.xlsx");
      await handWritten(f, ZERO_VS_BLANK);
      const original = await readCells(f);
      const recalculated = await recalculate(f);
      expect(recalculated.S.B1.value).toBeNull(); // LibreOffice's "" result: blank
      expect(recalculated.S.B2.value).toBe(0);
      expect(compareFormulaCells(original, recalculated, REL)).toEqual([
        { sheet: "S", cell: "B1", formula: 'IF(A1=0,"",A1)', cached: 0, recalculated: null },
        { sheet: "S", cell: "B2", formula: "A1*1", cached: null, recalculated: 0 },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("readCells and compareFormulaCells without LibreOffice", () => {
  test("a formula's cached <v>0</v> reads as 0, FALSE as false; no <v> or an empty one as blank", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-cells-"));
    try {
      const f = path.join(dir, "cached.xlsx");
      await handWritten(f, `${ZERO_VS_BLANK}<row r="5"><c r="B5"><f>A1*2</f></c><c r="C5"><f>1/0</f><v>0</v></c><c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E5" t="str"><f>"0"</f><v>0</v></c></row>`);
      const s = (await readCells(f)).S;
      expect(s.A1).toEqual({ value: 0 });
      expect(s.B1).toEqual({ formula: 'IF(A1=0,"",A1)', value: 0 });
      expect(s.B2).toEqual({ formula: "A1*1", value: null }); // empty <v>
      expect(s.B3).toEqual({ formula: "A1+0", value: 0 });
      expect(s.B4).toEqual({ formula: "A1=1", value: false });
      expect(s.B5).toEqual({ formula: "A1*2", value: null }); // no <v>: never calculated
      expect(s.C5).toEqual({ formula: "1/0", value: 0 }); // what the file holds, however wrong
      expect(s.D5).toEqual({ formula: "1/0", value: { error: "#DIV/0!" } });
      expect(s.E5).toEqual({ formula: '"0"', value: "0" }); // text "0" stays text
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("compareFormulaCells: 0 differs from blank and from \"\"; blank equals \"\"; FALSE differs from 0", () => {
    const book = (value: CellValue): WorkbookCells => ({ S: { A1: { formula: "X", value } } });
    const differ = (a: CellValue, b: CellValue) => compareFormulaCells(book(a), book(b)).length === 1;
    expect(differ(0, "")).toBe(true);
    expect(differ("", 0)).toBe(true);
    expect(differ(0, null)).toBe(true);
    expect(differ(null, 0)).toBe(true);
    expect(differ(false, 0)).toBe(true);
    expect(differ(0, 0)).toBe(false);
    expect(differ(null, "")).toBe(false);
    expect(differ(false, false)).toBe(false);
    expect(compareFormulaCells(book(0), { S: {} })).toEqual([{ sheet: "S", cell: "A1", formula: "X", cached: 0, recalculated: undefined }]); // a vanished cell is blank
  });
});

describe("LibreOffice helper failures", () => {
  test("a missing soffice gives a clear error", async () => {
    await expect(recalculate(__filename, { soffice: "/nonexistent/soffice" })).rejects.toThrow(LibreOfficeError);
    await expect(recalculate(__filename, { soffice: "/nonexistent/soffice" })).rejects.toThrow(/LibreOffice \(soffice\) was not found/);
  });

  test("a missing workbook gives a clear error", async () => {
    if (process.env.KA_SKIP_LIBREOFFICE === "1") return;
    await expect(recalculate("/nonexistent/book.xlsx")).rejects.toThrow(/no such workbook/);
  });
});
