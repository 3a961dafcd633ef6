/**
 * Hostile corpus, issue 17 item 6: tiny .xlsx files that claim cells Excel cannot hold. Each workbook is a few
 * hundred bytes of hand-written XML (the writer is exceljs-free: JSZip packs the parts).
 */
import JSZip from "jszip";
import { kaIn, scratchDir } from "./ka";

const tmp = scratchDir("ka-hostile-xlsx-");
afterAll(() => tmp.cleanup());

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A one-sheet workbook whose sheetData is `rows` (inline strings, so no shared-string part). */
async function workbook(name: string, rows: string): Promise<number> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`);
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  tmp.file(name, bytes);
  return bytes.length;
}

const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
const header = `<row r="1">${s("A1", "Customer")}${s("B1", "Date")}${s("C1", "Amount")}</row>`;
const data = (r: number, who: string, amount: number) => `<row r="${r}">${s(`A${r}`, who)}${n(`B${r}`, 45292)}${n(`C${r}`, amount)}</row>`;

describe("item 6: cells beyond Excel's sheet are refused; gaps of blank rows cost nothing", () => {
  test("a cell at ZZZZZZ4 (column 321,272,406) is refused with a message, before anything is allocated", async () => {
    const size = await workbook("wide.xlsx", header + data(2, "A", 1) + `<row r="4">${s("ZZZZZZ4", "x")}</row>`);
    expect(size).toBeLessThan(2000);
    const r = await kaIn(["analyze", "wide.xlsx", "--quiet", "--json", "-", "--out", "wide-report.xlsx"], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "ka: sheet 'Sales' has a cell at ZZZZZZ4, beyond what Excel can hold (its last column is XFD (16,384 columns)): the file was not saved by Excel or is damaged. Open it in Excel and save it again.\n",
    );
  });

  test("a row numbered 50,000,000 is refused with a message", async () => {
    await workbook("tall.xlsx", header + data(2, "A", 1) + `<row r="50000000">${s("A50000000", "B")}</row>`);
    const r = await kaIn(["analyze", "tall.xlsx", "--quiet", "--json", "-", "--out", "tall-report.xlsx"], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "ka: sheet 'Sales' has a row numbered 50000000, beyond what Excel can hold (its last row is 1,048,576): the file was not saved by Excel or is damaged. Open it in Excel and save it again.\n",
    );
  });

  test("rows 2 and 1,048,576 with nothing between: every row counted, the gap as blank rows", async () => {
    await workbook("gap.xlsx", header + data(2, "A", 10) + data(1048576, "B", 30));
    const r = await kaIn(["analyze", "gap.xlsx", "--quiet", "--json", "-", "--out", "gap-report.xlsx"], tmp.dir);
    expect(r.code).toBe(0);
    // Rows 2..1,048,576 are read: 2 used, the 1,048,573 between them blank.
    expect(r.json!.rows).toEqual({ read: 1048575, used: 2, excluded: 1048573, reasons: { "blank row": 1048573 } });
    expect(r.json!.revenue).toBe(40);
  });
});
