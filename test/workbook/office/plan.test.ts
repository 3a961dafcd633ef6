/** The pure rules behind the writers: ownership marks, numbered names, temporary names, formula rewriting, text guard. */
import { needsTextGuard, parseA1, a1, withoutFilePrefixes, layoutSheet } from "../../../src/workbook/office/layout";
import { freeSheetName, isTabName, ownedSheets, planWrite, renameTables, sheetOfReference } from "../../../src/workbook/office/plan";
import type { Report } from "../../../src/engine/report/types";

describe("ownership marks", () => {
  test.each([
    ["='KA Summary'!$A$1", "KA Summary"],
    ["='Bob''s KA'!$A$1", "Bob's KA"],
    ["=Sheet1!$A$1", "Sheet1"],
    ["=#REF!", undefined],
    ["='Gone'!#REF!", undefined],
    ["=42", undefined],
  ])("%s points at %p", (formula, sheet) => {
    expect(sheetOfReference(formula)).toBe(sheet);
  });

  test("a mark counts only while its sheet exists (case-insensitive, as Excel compares names)", () => {
    const names = [
      { name: "KA_Owned_summary", formula: "='ka summary'!$A$1" },
      { name: "KA_Owned_about", formula: "=#REF!" },
      { name: "KA_Owned_accounts", formula: "='Deleted'!$A$1" },
      { name: "KA_AsOf", formula: "='KA About'!$B$3" },
    ];
    expect(ownedSheets(names, ["KA Summary", "KA About"])).toEqual({ summary: "KA Summary" });
  });
});

describe("sheet names", () => {
  test("the first free numbered name, at most 31 characters", () => {
    expect(freeSheetName("KA Summary", [])).toBe("KA Summary");
    expect(freeSheetName("KA Summary", ["ka summary"])).toBe("KA Summary (2)");
    expect(freeSheetName("KA Summary", ["KA Summary", "KA Summary (2)"])).toBe("KA Summary (3)");
    const long = "A".repeat(31);
    expect(freeSheetName(long, [long])).toBe(`${"A".repeat(27)} (2)`);
  });

  test("tab names the add-in would choose, and names a user gave", () => {
    expect(isTabName("KA Summary", "KA Summary")).toBe(true);
    expect(isTabName("KA Summary (4)", "KA Summary")).toBe(true);
    expect(isTabName("ka summary (2)", "KA Summary")).toBe(true);
    expect(isTabName("Summary March", "KA Summary")).toBe(false);
    expect(isTabName("KA Summary old (2)", "KA Summary")).toBe(false);
    expect(isTabName("KA (2)", "KA Summary")).toBe(false);
  });

  test("a plan frees marked tabs, keeps users' names, and names leftovers of an unfinished run", () => {
    const report: Report = {
      sheets: [
        { name: "KA Summary", role: "summary", blocks: [{ kind: "table", name: "KATop", row: 0, col: 0, columns: [{ header: "x" }], rows: [[1]] }] },
        { name: "KA About", role: "about", blocks: [] },
      ],
    };
    const plan = planWrite(
      report,
      {
        sheets: ["Data", "KA Summary", "KA About", "KA About (2)", "KA~old1~1"],
        owned: { summary: "KA Summary", about: "KA About (2)", accounts: "Renamed by user" },
        tables: [
          { name: "KATop", sheet: "KA Summary" },
          { name: "KATop", sheet: "Data" },
        ],
      },
      "t1",
    );
    expect(plan.sheets.map((s) => [s.tempName, s.finalName])).toEqual([
      ["KA~t1~1", "KA Summary"],
      ["KA~t1~2", "KA About (2)"], // "KA About" is a user's sheet (not marked): never touched
    ]);
    expect(plan.remove.sort()).toEqual(["KA About (2)", "KA Summary"]);
    expect(plan.leftovers).toEqual(["KA~old1~1"]);
    expect(plan.tables.KATop).toEqual({ temp: "KATop_t1", final: "KATop2" }); // a user's table kept its name
  });
});

describe("formulas and text", () => {
  test("table names are rewritten in references only, never inside string literals", () => {
    const map = { KAAccounts: "KAAccounts_x", KAAging: "KAAging_x" };
    expect(renameTables('SUM(KAAccounts[Revenue])/COUNT(kaaccounts[[#This Row],[Rank]])', map)).toBe("SUM(KAAccounts_x[Revenue])/COUNT(KAAccounts_x[[#This Row],[Rank]])");
    expect(renameTables('IF(A1="KAAccounts[x]",KAAging[Total],MyKAAccounts[x])', map)).toBe('IF(A1="KAAccounts[x]",KAAging_x[Total],MyKAAccounts[x])');
    expect(withoutFilePrefixes('_xlfn.XLOOKUP(1,_xlfn.SEQUENCE(3),B1:B3,"_xlfn.")')).toBe('XLOOKUP(1,SEQUENCE(3),B1:B3,"_xlfn.")');
  });

  test.each([
    ["=HYPERLINK(\"x\")", true],
    ["+44 20", true],
    ["-5", true],
    ["@me", true],
    ["'quoted", true],
    ["#N/A", true],
    ["00123", true],
    ["1/2", true],
    ["TRUE", true],
    ["false", true],
    ["Acme Ltd", false],
    ["上海华东机电有限公司", false],
    ["", false],
  ])("%p needs the apostrophe guard: %p", (text, guarded) => {
    expect(needsTextGuard(text)).toBe(guarded);
  });

  test("A1 addresses both ways", () => {
    expect(a1(0, 0)).toBe("A1");
    expect(a1(9, 26, 3, 2)).toBe("AA10:AB12");
    expect(parseA1("'My ''KA'' sheet'!$B$3:$D$10")).toEqual({ sheet: "My 'KA' sheet", row: 2, col: 1, rows: 8, cols: 3 });
    expect(parseA1("C5")).toEqual({ sheet: undefined, row: 4, col: 2, rows: 1, cols: 1 });
  });

  test("a key-value block lays labels, values and notes side by side, with formats on the values", () => {
    const report: Report = {
      sheets: [{ name: "S", role: "summary", blocks: [{ kind: "keyValue", row: 2, col: 1, title: "T", items: [{ label: "a", value: 1, numberFormat: "0.0%" }, { label: "b", value: { formula: "1+1", value: 2 }, note: "n" }] }] }],
    };
    const l = layoutSheet(report.sheets[0], report);
    expect(l.rects).toEqual([
      { row: 2, col: 1, cells: [["T"]] },
      { row: 3, col: 1, cells: [["a", 1, ""], ["b", { formula: "1+1", value: 2 }, "n"]] },
    ]);
    expect(l.formats).toEqual([{ row: 3, col: 2, rows: 1, cols: 1, numberFormat: "0.0%" }]);
    expect(l.rows).toBe(5);
    expect(l.cols).toBe(4);
  });
});
