/**
 * "Open a CSV ledger…" in the demo pane (src/workbook/memory/csv.ts csvTextOf): a workbook or a binary file is
 * refused before anything is loaded; text is read as UTF-8, or as GB18030 when it is not valid UTF-8 (a CSV saved
 * by Excel on a Chinese Windows). The e2e test opens an .xlsx through the pane itself.
 */
import * as fs from "fs";
import * as path from "path";
import { csvTextOf } from "../../src/workbook/memory/csv";

describe("what 'Open a CSV ledger…' reads", () => {
  test("an .xlsx (by its bytes, whatever its name), an .xls and an .ods are refused as workbooks", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
    expect(csvTextOf("ledger.xlsx", zip)).toEqual({ refused: "workbook", kind: "Excel" });
    expect(csvTextOf("ledger.csv", zip)).toEqual({ refused: "workbook", kind: "Excel" }); // renamed, still a package
    expect(csvTextOf("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toEqual({ refused: "workbook", kind: "Excel" });
    expect(csvTextOf("ledger.ods", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toEqual({ refused: "workbook", kind: "OpenDocument" });
  });

  test("a binary file is refused; the bundled sample reads as itself", () => {
    expect(csvTextOf("photo.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toEqual({ refused: "binary" });
    const sample = fs.readFileSync(path.resolve(__dirname, "../../assets/sample-ledger.csv"));
    expect(csvTextOf("sample-ledger.csv", sample)).toEqual({ text: sample.toString("utf8") });
  });

  test("UTF-8 with Chinese headers as UTF-8; GBK/GB18030 bytes as GB18030", () => {
    expect(csvTextOf("a.csv", Buffer.from("客户,日期,金额\n甲,2024-01-05,10\n", "utf8"))).toEqual({ text: "客户,日期,金额\n甲,2024-01-05,10\n" });
    // "客户,金额\n甲,10\n" in GBK, written out byte by byte (客 BFCD 户 BBA7 金 BDF0 额 B6EE 甲 BCD7).
    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0xbc, 0xd7, 0x2c, 0x31, 0x30, 0x0a]);
    expect(csvTextOf("a.csv", gbk)).toEqual({ text: "客户,金额\n甲,10\n" });
  });
});
