/**
 * Valid by test: every XML part of the workbooks the writer produces validates against the ECMA-376 schemas
 * (xmllint, ignorable namespaces stripped first as Excel does) — the writer fixtures, the bundled sample and Online
 * Retail through `ka analyze`, and the reports of six hostile ledgers — and each opens in openpyxl (load_workbook,
 * then save) and pandas (read_excel of every sheet). A kept fixture with the attribute exceljs used to write
 * (`dxfId` on a table column, which Excel treats as damage) must fail.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../../src/cli/main";
import { analyze as analyzeLedger } from "../../../src/engine/analysis";
import { LedgerBuilder } from "../../../src/engine/ledger";
import { buildReport } from "../../../src/engine/report";
import type { Report } from "../../../src/engine/report";
import { openLedgerFile } from "../../../src/workbook/xlsx";
import { writeXlsxFile } from "../../../src/workbook/xlsx/write-xlsx";
import { extractParts, stripIgnorable, validateParts } from "../../helpers/ooxml";
import type { PartResult } from "../../helpers/ooxml";
import { featureReport } from "../feature-report";
import { fixtureReport } from "./fixture-report";

const PYTHON = "/usr/bin/python3";
const ONLINE_RETAIL = path.resolve(__dirname, "../../../../shared/data/online-retail.csv.gz");

/** Hostile ledgers (CSV text): each must give a report whose every part is valid. */
const HOSTILE: Record<string, string> = {
  "formula-injection":
    'Customer,Date,Amount\n"=HYPERLINK(""http://evil.example"",""x"")",2024-01-05,100\n"+cmd|\' /C calc\'!A0",2024-01-06,50\n-2,2024-01-07,25\n@SUM(A1),2024-01-08,10\n"\tTAB",2024-02-01,5\n"\rCR",2024-02-02,7\n',
  "control-and-long-text": `Customer,Date,Amount\n"a\u0001b\u0002c",2024-01-05,100\n"x_x0041_y <&> ""q""",2024-01-06,50\n${"L".repeat(40000)},2024-01-07,25\n"Emoji 😀 עברית",2024-01-08,10\n`,
  "one-customer": "Customer,Date,Amount\nSolo Ltd,2024-01-05,100\nSolo Ltd,2024-03-05,120\nSolo Ltd,2024-06-05,80\n",
  "refunds-blanks-errors": "Customer,Date,Amount\nAcme,2024-01-05,100\nAcme,2024-01-06,-40\n,2024-01-07,25\nBeta,,10\nBeta,2024-02-01,#N/A\nGamma,2024-02-02,abc\nGamma,45350,30\nDelta,2024-02-03,\n",
  "chinese-headers": "客户名称,开票日期,价税合计\n北京甲公司,2024-01-05,1000\n上海乙公司,2024-02-05,500\n北京甲公司,2024-03-05,250\n",
  "credit-fields": "Customer,Invoice Date,Amount,Due Date,Paid Date\nAcme,2024-01-05,100,2024-02-04,2024-02-20\nAcme,2024-03-05,200,2024-04-04,\nBeta,2024-01-10,50,2024-02-09,2024-02-01\n",
};

class Sink extends Writable {
  text = "";
  override _write(c: Buffer, _e: BufferEncoding, done: () => void): void {
    this.text += c.toString();
    done();
  }
}

let dir: string;
const books = new Map<string, string>(); // label → xlsx path

async function sampleReport(): Promise<Report> {
  const src = await openLedgerFile(path.resolve(__dirname, "../../../assets/sample-ledger.csv"));
  const b = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904 });
  for await (const chunk of src.rows) for (const row of chunk) b.push(row);
  return buildReport(await analyzeLedger(b.finish()), { label: "sample", kind: "sample" });
}
let results: PartResult[];

async function analyze(args: string[]): Promise<void> {
  const stderr = new Sink();
  const code = await main([...args, "--quiet"], { stdout: new Sink(), stderr });
  if (code !== 0) throw new Error(`ka ${args.join(" ")} exited ${code}: ${stderr.text}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-schema-"));
  const out = (label: string) => {
    const f = path.join(dir, `${label}.xlsx`);
    books.set(label, f);
    return f;
  };
  await writeXlsxFile(fixtureReport(), out("fixture"));
  await writeXlsxFile(featureReport(), out("features"));
  await analyze(["analyze", "--out", out("sample")]);
  // The sample's report again with shared formulas (tables of 10,000 rows or more are written so).
  await writeXlsxFile(await sampleReport(), out("sample-shared"), { sharedFormulasFrom: 2 });
  if (fs.existsSync(ONLINE_RETAIL)) await analyze(["analyze", ONLINE_RETAIL, "--out", out("online-retail")]);
  for (const [label, csv] of Object.entries(HOSTILE)) {
    const ledger = path.join(dir, `${label}.csv`);
    fs.writeFileSync(ledger, csv);
    await analyze(["analyze", ledger, "--out", out(label)]);
    // KA Rows and KA Drill (names like formulas, a 40,000-character name, in a picker cell and its list).
    if (label === "formula-injection" || label === "control-and-long-text") await analyze(["analyze", ledger, "--with-rows", "--out", out(`${label}-with-rows`)]);
  }
  const extracted = new Map<string, Map<string, string>>();
  for (const [label, file] of books) extracted.set(label, await extractParts(file, path.join(dir, "parts", label)));
  results = validateParts(extracted);
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("every part of every written workbook validates against ECMA-376", () => {
  expect(books.size).toBeGreaterThanOrEqual(9);
  const failed = results.filter((r) => r.errors.length > 0);
  expect(failed).toEqual([]);
  // The parts the schemas cover were all checked: workbook, sheets, styles, tables, drawings, charts, OPC parts.
  const schemas = new Set(results.map((r) => r.schema));
  expect([...schemas].sort()).toEqual(["(well-formed only)", "dml-chart.xsd", "dml-main.xsd", "dml-spreadsheetDrawing.xsd", "opc-contentTypes.xsd", "opc-relationships.xsd", "sml.xsd"]);
  expect(results.filter((r) => r.part.startsWith("sample: xl/charts/")).length).toBeGreaterThanOrEqual(3);
  // The --with-rows books have KA Drill and KA Rows: two more sheets than without.
  const sheets = (label: string) => results.filter((r) => r.part.startsWith(`${label}: xl/worksheets/sheet`)).length;
  expect(sheets("formula-injection-with-rows")).toBe(sheets("formula-injection") + 2);
});

test("the check has teeth: the kept fixture with an unknown attribute (dxfId on a table column) fails, naming it", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(books.get("fixture") as string));
  zip.file("xl/tables/table1.xml", fs.readFileSync(path.join(__dirname, "fixtures/table-with-dxfId.xml")));
  const bad = path.join(dir, "bad.xlsx");
  fs.writeFileSync(bad, await zip.generateAsync({ type: "nodebuffer" }));
  const parts = await extractParts(bad, path.join(dir, "parts", "bad"));
  const r = validateParts(new Map([["bad", parts]]));
  const failed = r.filter((x) => x.errors.length > 0);
  expect(failed.map((x) => x.part)).toEqual(["bad: xl/tables/table1.xml"]);
  expect(failed[0].errors.join("\n")).toMatch(/tableColumn.*attribute 'dxfId'.*not allowed/);
});

test("ignorable namespaces are stripped as Excel does, and what is left is checked", () => {
  const x14 = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="urn:x14ac" xmlns:xr="urn:xr"';
  const part = `<worksheet ${x14} mc:Ignorable="x14ac xr" xr:uid="{1}"><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><x14ac:thing a="1"><x14ac:inner/></x14ac:thing><mc:AlternateContent><mc:Choice Requires="x14"><new/></mc:Choice><mc:Fallback><old/></mc:Fallback></mc:AlternateContent></worksheet>`;
  expect(stripIgnorable(part)).toBe(`<worksheet ${x14}><sheetFormatPr defaultRowHeight="15"/><old/></worksheet>`);
  // an attribute of a namespace NOT declared ignorable stays (and would fail validation)
  const strict = `<worksheet ${x14} mc:Ignorable="x14ac" xr:uid="{1}"/>`;
  expect(stripIgnorable(strict)).toContain('xr:uid="{1}"');
});

test("each workbook opens in openpyxl (read, then save) and pandas", () => {
  // Online Retail is the slow one (4,372 × 37 formulas): openpyxl reads and saves it, pandas reads its Accounts tab.
  const script = `
import json, os, sys, openpyxl, pandas as pd
out = {}
for label, path, saved in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):
    wb = openpyxl.load_workbook(path)
    tables = sum(len(ws.tables) for ws in wb.worksheets)
    wb.save(saved)
    big = label == "online-retail"
    frames = pd.read_excel(path, sheet_name="KA Accounts" if big else None)
    if big: frames = {"KA Accounts": frames}
    # Each KA Accounts column of formulas (shared formulas in the file) reads, row by row, as its first row's formula.
    formulas = {}
    if "KA Accounts" in wb.sheetnames:
        for row in wb["KA Accounts"].iter_rows():
            for c in row:
                if c.data_type == "f": formulas.setdefault(c.column_letter, set()).add(str(c.value))
    out[label] = {"sheets": wb.sheetnames, "tables": tables, "rows": {k: int(v.shape[0]) for k, v in frames.items()}, "saved": os.path.getsize(saved),
                  "formulaCells": {k: len(v) for k, v in formulas.items()}}
print(json.dumps(out))
`;
  const args = [...books].flatMap(([label, file]) => [label, file, path.join(dir, `${label}.resaved.xlsx`)]);
  const r = spawnSync(PYTHON, ["-c", script, ...args], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 300_000 });
  expect(r.stderr).toBe("");
  const seen = JSON.parse(r.stdout) as Record<string, { sheets: string[]; tables: number; rows: Record<string, number>; saved: number; formulaCells: Record<string, number> }>;
  // The sample's KA Accounts, shared formulas or not: several columns of formulas, each one formula in every row.
  for (const label of ["sample", "sample-shared"]) {
    const columns = Object.values(seen[label].formulaCells);
    expect(columns.length).toBeGreaterThanOrEqual(10);
    expect(columns.every((distinct) => distinct === 1)).toBe(true);
  }
  expect(Object.keys(seen).sort()).toEqual([...books.keys()].sort());
  for (const [label, s] of Object.entries(seen)) {
    expect(s.saved).toBeGreaterThan(2000);
    if (label !== "fixture" && label !== "features") {
      expect(s.sheets).toEqual(expect.arrayContaining(["KA Summary", "KA Accounts", "KA About"]));
      expect(s.tables).toBeGreaterThanOrEqual(3);
    }
  }
  expect(seen["one-customer"].rows["KA Accounts"]).toBe(1);
  if (seen["online-retail"]) expect(seen["online-retail"].rows["KA Accounts"]).toBe(4372); // one row per customer under the header
}, 300_000);
