/**
 * The written workbook in an independent spreadsheet engine: LibreOffice opens the report of the bundled sample,
 * recalculates every formula, and each formula cell must equal the value the engine cached (relative 1e-9).
 * Then a parameter cell on KA About is changed and the dependent formulas must follow.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareFormulaCells, countFormulaCells, readCells, recalcAfterEdit, recalculate } from "../helpers/libreoffice";
import { main } from "../../src/cli/main";
import { Writable } from "stream";
import { analyze } from "../../src/engine/analysis";
import { LedgerBuilder } from "../../src/engine/ledger";
import { buildReport } from "../../src/engine/report";
import { openLedgerFile } from "../../src/workbook/xlsx";
import { writeXlsxFile } from "../../src/workbook/xlsx/write-xlsx";

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

describe("report workbook recalculated by LibreOffice", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-recalc-"));
  const file = path.join(dir, "report.xlsx");
  let original: Awaited<ReturnType<typeof readCells>>;

  beforeAll(async () => {
    const code = await main(["analyze", "--out", file, "--quiet"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    original = await readCells(file);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every formula cell recalculates to the engine's value (relative 1e-9)", async () => {
    const again = await recalculate(file);
    const mismatches = compareFormulaCells(original, again, 1e-9);
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The comparison covered the formulas: share, cumulative share, ABC and disclosure for 301 customers, and Summary.
    expect(countFormulaCells(original)).toBeGreaterThan(4 * 301);
    // The HHI is among the detailed figures on KA About (KA Summary quotes it by name, =KA_HHI).
    const about = original["KA About"];
    const hhiCell = Object.values(about).find((c) => c.formula?.startsWith("SUMSQ("));
    expect(hhiCell?.formula).toBe("SUMSQ(KAAccounts[Share])*10000");
  }, 120_000);

  test("changing the ABC threshold on KA About reclassifies customers without the add-in", async () => {
    const about = original["KA About"];
    const aCell = Object.entries(about).find(([, c]) => c.value === "ABC: A while cumulative share before <")![0];
    const valueCell = aCell.replace(/^A/, "B");
    expect(about[valueCell].value).toBe(0.8);
    const countA = (cells: typeof original) => Object.values(cells["KA Accounts"]).filter((c) => c.formula?.startsWith("IF(") && c.value === "A").length;
    const before = countA(original);
    const after = await recalcAfterEdit(file, [{ sheet: "KA About", cell: valueCell, value: 0.5 }]);
    expect(countA(after)).toBeLessThan(before);
    expect(countA(after)).toBeGreaterThan(0);
  }, 120_000);
});

// Tables of 10,000 rows or more are written with shared formulas; the sample's, written that way here, must read and
// recalculate to the same values, and read back (exceljs) with the same formula in every cell.
test("the sample's report with shared formulas: every formula cell recalculates to the engine's value, the same formulas as written whole", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-shared-"));
  try {
    const src = await openLedgerFile(path.resolve(__dirname, "../../assets/sample-ledger.csv"));
    const b = new LedgerBuilder(src.header, { headerRow: src.headerRow, date1904: src.date1904 });
    for await (const chunk of src.rows) for (const row of chunk) b.push(row);
    const report = buildReport(await analyze(b.finish()), { label: "sample", kind: "sample" });
    const [whole, shared] = [path.join(dir, "whole.xlsx"), path.join(dir, "shared.xlsx")];
    await writeXlsxFile(report, whole);
    await writeXlsxFile(report, shared, { sharedFormulasFrom: 2 });
    expect(fs.statSync(shared).size).toBeLessThan(fs.statSync(whole).size);
    const [wholeCells, sharedCells] = [await readCells(whole), await readCells(shared)];
    expect(sharedCells).toEqual(wholeCells); // formula texts and cached values, cell by cell
    const again = await recalculate(shared);
    expect(compareFormulaCells(sharedCells, again, 1e-9).slice(0, 10)).toEqual([]);
    expect(countFormulaCells(sharedCells)).toBeGreaterThan(4 * 301);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
