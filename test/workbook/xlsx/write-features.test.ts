/**
 * The xlsx writer renders every feature of the report model (test/workbook/feature-report.ts): read back from the
 * parts themselves, and through openpyxl (Debian's python3-openpyxl: an independent reader that loads the workbook,
 * reports what it sees, and saves it again).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import type { Report } from "../../../src/engine/report/types";
import { writeXlsxFile } from "../../../src/workbook/xlsx/write-xlsx";
import { featureReport } from "../feature-report";

const PYTHON = "/usr/bin/python3";
let dir: string;
let file: string;
let zip: JSZip;
const part = (name: string) => zip.file(name)!.async("string");

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-features-"));
  file = path.join(dir, "features.xlsx");
  await writeXlsxFile(featureReport(), file);
  zip = await JSZip.loadAsync(fs.readFileSync(file));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("sheet features in the parts", () => {
  test("page setup, fit to pages, margins, centring, header/footer with fields", async () => {
    const summary = await part("xl/worksheets/sheet1.xml");
    expect(summary).toContain('<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(summary).toContain('<pageSetup paperSize="9" fitToWidth="1" fitToHeight="1" orientation="landscape"/>');
    // & is doubled in literal text (R&D), fields become codes: &A sheet, &P page, &N pages, &D date
    expect(summary).toContain("<headerFooter><oddHeader>&amp;L&amp;A&amp;RAs of 2024-12-31</oddHeader><oddFooter>&amp;CPage &amp;P of &amp;N&amp;RR&amp;&amp;D &amp;D</oddFooter></headerFooter>");
    const accounts = await part("xl/worksheets/sheet2.xml");
    expect(accounts).toContain('<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    expect(accounts).toContain('<pageSetup fitToWidth="1" fitToHeight="0" orientation="landscape"/>');
  });

  test("print titles and print area are sheet-local defined names", async () => {
    const wb = await part("xl/workbook.xml");
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'KA Summary'!$A$1:$G$75</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'KA Accounts'!$A:$A,'KA Accounts'!$3:$3</definedName>`);
  });

  test("named ranges (hidden, with a comment), hidden sheet, first visible sheet selected", async () => {
    const wb = await part("xl/workbook.xml");
    expect(wb).toContain(`<definedName name="KA_LorenzX" comment="Lorenz x (helper)" hidden="1">'KA Helper'!$B$2:$B$6</definedName>`);
    expect(wb).toContain(`<definedName name="KA_Pick">'KA Summary'!$G$3</definedName>`);
    expect(wb).toContain('<sheet name="KA Helper" sheetId="3" state="hidden" r:id="rId3"/>');
    expect(await part("xl/worksheets/sheet1.xml")).toContain('showGridLines="0" tabSelected="1"');
  });

  test("column outline: a collapsed group is hidden, its summary column marked; levels in sheetFormatPr", async () => {
    const accounts = await part("xl/worksheets/sheet2.xml");
    expect(accounts).toContain('<sheetFormatPr defaultRowHeight="15" outlineLevelCol="1"/>');
    expect(accounts).toContain('<col min="4" max="7" width="9.140625" outlineLevel="1"/>');
    expect(accounts).toContain('<col min="9" max="10" width="9.140625" hidden="1" outlineLevel="1"/>');
    expect(accounts).toContain('<col min="11" max="11" width="9.140625" collapsed="1"/>');
    expect(accounts).toContain('<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"/>');
  });

  test("rows: height, outline level, hidden; hidden helper column; merged cells", async () => {
    const summary = await part("xl/worksheets/sheet1.xml");
    expect(summary).toContain('<row r="2" ht="45" customHeight="1">');
    expect(summary).toContain('<row r="13" outlineLevel="1">');
    expect(summary).toContain('<row r="14" hidden="1" outlineLevel="1">');
    expect(summary).toContain('<col min="4" max="4" width="10" customWidth="1" hidden="1"/>');
    expect(summary).toContain('<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A2:D2"/></mergeCells>');
  });

  test("internal links: text block, key-value label and a table cell, by sheet and cell or by defined name", async () => {
    expect(await part("xl/worksheets/sheet1.xml")).toContain(`<hyperlinks><hyperlink ref="A2" location="'KA Accounts'!A4"/><hyperlink ref="F3" location="KA_HHI_High"/></hyperlinks>`);
    expect(await part("xl/worksheets/sheet2.xml")).toContain(`<hyperlinks><hyperlink ref="L4" location="'KA Summary'!A1" tooltip="Back to the summary"/></hyperlinks>`);
  });

  test("a drop-down list over the table's customer column, with its prompt and error", async () => {
    expect(await part("xl/worksheets/sheet1.xml")).toContain(
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" error="Choose a customer from the list." promptTitle="Customer" prompt="Pick a customer from KA Accounts" sqref="G3"><formula1>'KA Accounts'!$A$4:$A$7</formula1></dataValidation>`,
    );
  });

  test("document properties", async () => {
    const core = await part("docProps/core.xml");
    expect(core).toContain("<dc:title>KA Risk feature fixture</dc:title>");
    expect(core).toContain("<dc:language>en</dc:language>");
  });
});

describe("charts in the parts", () => {
  test("combo chart: columns on the primary axis, two lines on a secondary axis, a dashed threshold, axis titles and formats", async () => {
    const c = await part("xl/charts/chart1.xml");
    expect(c).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>.*<c:tx><c:v>Revenue<\/c:v><\/c:tx>.*<c:axId val="500000001"\/><c:axId val="500000002"\/><\/c:barChart>/);
    expect(c).toMatch(/<c:lineChart>.*<c:v>HHI<\/c:v>.*<c:v>HHI high \(2,500\)<\/c:v>.*<c:axId val="500000003"\/><c:axId val="500000004"\/><\/c:lineChart>/);
    expect(c).toContain('<a:ln w="19050" cap="rnd"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill><a:prstDash val="dash"/>');
    expect(c).toContain("<c:f>'KA Summary'!$D$8:$D$11</c:f>"); // the hidden helper column…
    expect(c).toContain('<c:plotVisOnly val="0"/>'); // …still plots
    expect(c).toContain("<a:t>Net revenue</a:t>");
    expect(c).toContain('<c:numFmt formatCode="#,##0" sourceLinked="0"/>');
    expect(c).toMatch(/<c:valAx><c:axId val="500000004"\/><c:scaling><c:orientation val="minMax"\/><c:max val="10000"\/><c:min val="0"\/><\/c:scaling><c:delete val="0"\/><c:axPos val="r"\/>/);
    expect(c).toContain('<c:legend><c:legendPos val="b"/>');
    // categories are the period labels, cached as text
    expect(c).toContain(`<c:cat><c:strRef><c:f>'KA Summary'!$A$8:$A$11</c:f><c:strCache><c:ptCount val="4"/><c:pt idx="0"><c:v>2024-Q1</c:v></c:pt>`);
  });

  test("bar chart: customer names as categories, rank 1 on top, percent labels and axis", async () => {
    const c = await part("xl/charts/chart2.xml");
    expect(c).toContain('<c:barDir val="bar"/>');
    expect(c).toContain(`<c:f>'KA Accounts'!$A$4:$A$7</c:f>`);
    expect(c).toContain("<c:v>=Acme</c:v>");
    expect(c).toContain('<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/>');
    expect(c).toMatch(/<c:catAx><c:axId val="500000001"\/><c:scaling><c:orientation val="maxMin"\/>/);
    expect(c).toMatch(/<c:valAx>.*<c:numFmt formatCode="0%" sourceLinked="0"\/>.*<c:crosses val="max"\/>/);
  });

  test("pie from the shorthand table + columns; scatter over named ranges", async () => {
    const pie = await part("xl/charts/chart3.xml");
    expect(pie).toContain('<c:pieChart><c:varyColors val="1"/>');
    expect(pie).toContain('<c:legend><c:legendPos val="r"/>');
    const scatter = await part("xl/charts/chart4.xml");
    expect(scatter).toContain(`<c:xVal><c:numRef><c:f>'KA Helper'!$B$2:$B$6</c:f>`);
    expect(scatter).toContain(`<c:yVal><c:numRef><c:f>'KA Helper'!$C$2:$C$6</c:f>`);
    expect(scatter).toContain('<c:pt idx="3"><c:v>0.55</c:v></c:pt>');
  });
});

describe("openpyxl reads it, sees the features, and saves it again", () => {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s, a, h = wb["KA Summary"], wb["KA Accounts"], wb["KA Helper"]
out = {
  "sheets": wb.sheetnames,
  "helperState": h.sheet_state,
  "freeze": a.freeze_panes,
  "printTitleRows": a.print_title_rows,
  "printTitleCols": a.print_title_cols,
  "orientation": s.page_setup.orientation,
  "fitToWidth": s.page_setup.fitToWidth,
  "merged": sorted(str(r) for r in s.merged_cells.ranges),
  "validations": [(str(v.sqref), v.formula1) for v in s.data_validations.dataValidation],
  "links": [(c.coordinate, c.hyperlink.location) for c in (s["A2"], a["L4"])],
  "hiddenCols": [k for k, d in a.column_dimensions.items() if d.hidden],
  "outline": {k: d.outline_level for k, d in a.column_dimensions.items() if d.outline_level},
  "row14Hidden": s.row_dimensions[14].hidden,
  "charts": len(s._charts),
  "names": sorted(d.name for d in wb.defined_names.definedName) if hasattr(wb.defined_names, "definedName") else sorted(wb.defined_names.keys()),
  "a2": s["A2"].value,
  "quotePrefix": a["A4"].quotePrefix,
}
wb.save(sys.argv[2])
print(json.dumps(out))
`;

  test("load_workbook, inspect, save", () => {
    const resaved = path.join(dir, "resaved.xlsx");
    const r = spawnSync(PYTHON, ["-c", script, file, resaved], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const seen = JSON.parse(r.stdout);
    expect(seen).toMatchObject({
      sheets: ["KA Summary", "KA Accounts", "KA Helper"],
      helperState: "hidden",
      freeze: "B4",
      printTitleRows: "$3:$3",
      printTitleCols: "$A:$A",
      orientation: "landscape",
      fitToWidth: 1,
      merged: ["A1:D1", "A2:D2"],
      validations: [["G3", "'KA Accounts'!$A$4:$A$7"]],
      links: [["A2", "'KA Accounts'!A4"], ["L4", "'KA Summary'!A1"]],
      row14Hidden: true,
      names: ["KA_HHI_High", "KA_LorenzX", "KA_LorenzY", "KA_Pick"],
      a2: "Beta Ltd and =Acme together make 75 % of revenue: a long finding that wraps inside its merged cells.",
      quotePrefix: true, // "=Acme" stays text when edited
    });
    expect(seen.hiddenCols).toEqual(expect.arrayContaining(["I"]));
    expect(seen.outline).toMatchObject({ D: 1, I: 1 });
    expect(fs.statSync(resaved).size).toBeGreaterThan(3000);
  });
});

test("a report of only hidden sheets, or with touching outline groups of one level, is refused before writing", async () => {
  const r: Report = featureReport();
  r.sheets.forEach((s) => (s.hidden = true));
  await expect(writeXlsxFile(r, path.join(dir, "hidden.xlsx"))).rejects.toThrowProblem("badArgument", { messageContains: "hidden" });
  const g = featureReport();
  g.sheets[1].columnGroups = [
    { from: 3, to: 6 },
    { from: 7, to: 8 },
  ];
  await expect(writeXlsxFile(g, path.join(dir, "groups.xlsx"))).rejects.toThrowProblem("badArgument", { messageContains: "touch" });
  expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp") || f === "hidden.xlsx" || f === "groups.xlsx")).toEqual([]);
});
