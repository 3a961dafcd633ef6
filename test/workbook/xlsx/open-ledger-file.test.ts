import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openLedgerFile } from "../../../src/workbook/xlsx";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-open-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("openLedgerFile: chooses the reader from the file's bytes", () => {
  test("a workbook is read as a workbook whatever its extension", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sales").addRow(["Customer", "Amount"]);
    const file = path.join(dir, "mislabelled.csv");
    await wb.xlsx.writeFile(file);
    const src = await openLedgerFile(file, { sheet: "Sales" });
    expect(src.sheets).toEqual(["Sales"]);
    expect(src.header).toEqual(["Customer", "Amount"]);
  });

  test("text is read as CSV; --sheet on a text file is a bad argument", async () => {
    const file = path.join(dir, "ledger.csv");
    fs.writeFileSync(file, "Customer,Amount\nA,1\n");
    const src = await openLedgerFile(file);
    expect(src.sheets).toEqual([]);
    expect(src.header).toEqual(["Customer", "Amount"]);
    await src.close();
    await expect(openLedgerFile(file, { sheet: "Sales" })).rejects.toThrowProblem("badArgument", { messageContains: "ledger.csv" });
  });

  test("a legacy .xls is refused with advice", async () => {
    const file = path.join(dir, "old.xls");
    fs.writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(openLedgerFile(file)).rejects.toThrowProblem("fileUnreadable", { message: /Save it as \.xlsx/ });
  });

  test("a missing file names the path", async () => {
    const file = path.join(dir, "missing.xlsx");
    await expect(openLedgerFile(file)).rejects.toThrowProblem("fileUnreadable", { messageContains: file });
  });
});
