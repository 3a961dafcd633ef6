/**
 * A columnar table (KA Accounts) goes through buildReport's passes without its rows being made: a spread of the
 * block would read `rows`, at 100,000 customers 0.26 s and ~8 million cells made for nothing.
 */
import { applyCurrencyFormats } from "../../src/engine/report/currency-formats";
import { Column } from "../../src/engine/report/layout";
import { wrapTableHeaders } from "../../src/engine/report/print";
import { columnarTable, NumberFormat, updateTable, type Report, type TableBlock } from "../../src/engine/report/types";

/** A columnar table that counts how often its cells are read. */
function counted(header = "A") {
  const reads = { n: 0 };
  const values = new Proxy([1, 2], { get: (t, k) => (k === "0" && reads.n++, Reflect.get(t, k)) });
  const table = columnarTable({ kind: "table", name: "KAT", row: 0, col: 0, columns: [{ header, numberFormat: NumberFormat.money }] }, { length: 2, columns: [{ values }] });
  return { table, reads };
}

const stillColumnar = (b: unknown) => Object.getOwnPropertyDescriptor(b, "rows")?.get !== undefined;

describe("columnar tables through the report's passes", () => {
  test("updateTable changes fields and keeps the body, its rows made only when read", () => {
    const { table, reads } = counted();
    const moved = updateTable(table, { row: 5, wrapHeader: true });
    expect(reads.n).toBe(0);
    expect([moved.row, moved.wrapHeader, moved.name, moved.body]).toEqual([5, true, "KAT", table.body]);
    expect(stillColumnar(moved)).toBe(true);
    expect(moved.rows).toEqual([[1], [2]]);
    expect(reads.n).toBe(1);
    const plain: TableBlock = { kind: "table", name: "T", row: 0, col: 0, columns: [{ header: "A" }], rows: [[1]] };
    expect(updateTable(plain, { row: 3 })).toEqual({ ...plain, row: 3 });
  });

  test("header wrapping, currency formats and stacking leave it columnar and unread", () => {
    const { table, reads } = counted("A header far too long to sit on one line of a twelve-character column");
    const wrapped = wrapTableHeaders({ name: "S", role: "accounts", blocks: [table], columnWidths: [12] }).blocks[0] as TableBlock;
    expect(wrapped.wrapHeader).toBe(true);
    const report: Report = { sheets: [{ name: "S", role: "accounts", blocks: [wrapped] }] };
    const inYuan = applyCurrencyFormats(report, "CNY").sheets[0].blocks[0] as TableBlock;
    expect(inYuan.columns[0].numberFormat).toContain("¥");
    const placed = new Column(4, 2).add<TableBlock>(table);
    expect([placed.row, placed.col]).toEqual([4, 2]);
    expect(reads.n).toBe(0);
    for (const b of [wrapped, inYuan, placed]) expect(stillColumnar(b)).toBe(true);
    expect(inYuan.rows).toEqual([[1], [2]]);
  });
});
