import type { ChartBlock, Report } from "../../src/engine/report/types";
import { ReportRanges } from "../../src/workbook/report-ranges";

const report: Report = {
  sheets: [
    {
      name: "KA Summary",
      role: "summary",
      blocks: [
        // Header at row 3 (0-based), columns E.., two body rows.
        { kind: "table", name: "KATop", row: 3, col: 4, columns: [{ header: "Customer" }, { header: "Share" }], rows: [["A", 0.6], ["B", 0.4]] },
        { kind: "table", name: "KAEmpty", row: 10, col: 0, columns: [{ header: "X" }], rows: [] },
      ],
    },
    { name: "KA About", role: "about", blocks: [] },
  ],
  names: { KA_Points: { sheet: "about", row: 5, col: 1, rows: 20, cols: 1 }, KA_One: { sheet: "about", row: 2, col: 2 } },
};

describe("ReportRanges", () => {
  const ranges = new ReportRanges(report);

  test("a table column is its body rows, header excluded; names keep their size (default one cell)", () => {
    expect(ranges.place({ table: "KATop", column: "Share" })).toEqual({ role: "summary", row: 4, col: 5, rows: 2, cols: 1 });
    expect(ranges.place({ table: "katop", column: "customer" })).toEqual({ role: "summary", row: 4, col: 4, rows: 2, cols: 1 });
    // An empty table is written with one blank body row.
    expect(ranges.place({ table: "KAEmpty", column: "X" })).toEqual({ role: "summary", row: 11, col: 0, rows: 1, cols: 1 });
    expect(ranges.place({ name: "KA_Points" })).toEqual({ role: "about", row: 5, col: 1, rows: 20, cols: 1 });
    expect(ranges.place({ name: "KA_One" })).toEqual({ role: "about", row: 2, col: 2, rows: 1, cols: 1 });
  });

  test("missing tables, columns and names are named in the error", () => {
    expect(() => ranges.place({ table: "Nope", column: "X" })).toThrow("no table 'Nope'");
    expect(() => ranges.place({ table: "KATop", column: "Revenue" })).toThrow("no column 'Revenue'");
    expect(() => ranges.place({ name: "KA_Missing" })).toThrow("no name 'KA_Missing'");
  });

  test("the shorthand table + columns is categories then one series per column", () => {
    const chart: ChartBlock = { kind: "chart", type: "barClustered", title: "Top", table: "KATop", columns: ["Customer", "Share"], row: 0, col: 0 };
    const s = ranges.chartSeries(chart);
    expect(s).toHaveLength(1);
    expect(s[0].spec.name).toBe("Share");
    expect(s[0].values).toMatchObject({ col: 5, rows: 2 });
    expect(s[0].categories).toMatchObject({ col: 4, rows: 2 });
  });

  test("explicit series win; a series' own categories override the chart's", () => {
    const chart: ChartBlock = {
      kind: "chart",
      type: "line",
      title: "T",
      table: "KATop",
      columns: ["Customer", "Share"],
      categories: { table: "KATop", column: "Customer" },
      series: [
        { name: "a", values: { table: "KATop", column: "Share" } },
        { name: "b", values: { name: "KA_Points" }, categories: { name: "KA_Points" } },
      ],
      row: 0,
      col: 0,
    };
    const s = ranges.chartSeries(chart);
    expect(s.map((x) => x.spec.name)).toEqual(["a", "b"]);
    expect(s[0].categories).toMatchObject({ role: "summary", col: 4 });
    expect(s[1].categories).toMatchObject({ role: "about", rows: 20 });
  });

  test("a chart with neither series nor columns is refused", () => {
    expect(() => ranges.chartSeries({ kind: "chart", type: "pie", title: "Empty", row: 0, col: 0 })).toThrow("chart 'Empty'");
  });
});
