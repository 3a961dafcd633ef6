/**
 * A hand-built Report that uses every feature of the report model a writer must render: charts of every type with
 * series over table columns and named ranges (combo with a secondary axis, a dashed threshold series from a hidden
 * helper column, data labels, axis titles and formats), page setup, print titles, header/footer, column and row
 * outline groups (one collapsed), hidden rows/columns/sheet, gridlines off, row heights, merged and wrapped text,
 * internal links (text, key-value label, table cell), a drop-down list over a table column, named ranges.
 * Positions are spelled out so tests can name the cells.
 */
import { column, thisRow } from "../../src/engine/report/refs";
import type { Cell, Report } from "../../src/engine/report/types";
import { NumberFormat } from "../../src/engine/report/types";

export const PERIODS = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
export const PERIOD_REVENUE = [1200, 1500, 900, 2100];
export const PERIOD_HHI = [1850, 2100, 1700, 2600];
export const CUSTOMERS = ["=Acme", "Beta Ltd", "客户 C", "Delta"];
export const CUSTOMER_SHARE = [0.45, 0.3, 0.15, 0.1];
export const LORENZ_X = [0, 0.25, 0.5, 0.75, 1];
export const LORENZ_Y = [0, 0.1, 0.25, 0.55, 1];

/** 0-based anchors of the blocks (the tests' map of the workbook). */
export const AT = {
  trend: { row: 6, col: 0 }, // KA Summary: header A7, body A8:D11 (Period, Revenue, HHI, HHI high [helper, hidden col D])
  picker: { row: 2, col: 6 }, // KA Summary G3 (label F3): a customer picker
  accounts: { row: 2, col: 0 }, // KA Accounts: header A3, body A4:L7
  lorenz: { row: 0, col: 0 }, // KA Helper (hidden sheet): x in A1:A5, y in B1:B5 (named ranges)
};

export function featureReport(): Report {
  const trendRows: Cell[][] = PERIODS.map((p, i) => [p, PERIOD_REVENUE[i], PERIOD_HHI[i], { formula: "KA_HHI_High", value: 2500 }]);
  const accountColumns = ["Customer", "Revenue", "Share", "Orders", "Recency", "Frequency", "Monetary", "P(alive)", "CLV", "Overdue", "Score", "Link"];
  const accountRows: Cell[][] = CUSTOMERS.map((c, i) => [
    c,
    CUSTOMER_SHARE[i] * 10000,
    { formula: `${thisRow("KAFeatAccounts", "Revenue")}/SUM(${column("KAFeatAccounts", "Revenue")})`, value: CUSTOMER_SHARE[i] },
    10 - i,
    5 * i,
    3 + i,
    100 * (i + 1),
    0.9 - 0.1 * i,
    1000 * (4 - i),
    i === 0 ? 250 : 0,
    80 - 10 * i,
    "details",
  ]);
  return {
    properties: { title: "KA Risk feature fixture", language: "en" },
    sheets: [
      {
        name: "KA Summary",
        role: "summary",
        showGridLines: false,
        columnWidths: [14, 12, 10, 10, 3, 22, 24],
        hiddenColumns: [{ from: 3, to: 3 }],
        rowHeights: [{ row: 1, height: 45 }],
        rowGroups: [{ from: 12, to: 13, collapsed: false }],
        hiddenRows: [{ from: 13, to: 13 }],
        pageSetup: { orientation: "landscape", paperSize: "A4", fitToWidth: 1, fitToHeight: 1, printArea: { row: 0, col: 0, rows: 75, cols: 7 } },
        headerFooter: { header: { left: "{sheet}", right: "As of 2024-12-31" }, footer: { center: "Page {page} of {pages}", right: "R&D {date}" } },
        blocks: [
          { kind: "text", row: 0, col: 0, text: "Feature fixture", style: "title", mergeCols: 4 },
          { kind: "text", row: 1, col: 0, text: "Beta Ltd and =Acme together make 75 % of revenue: a long finding that wraps inside its merged cells.", wrap: true, mergeCols: 4, link: { sheet: "accounts", row: 3, col: 0 } },
          { kind: "keyValue", row: 2, col: 5, items: [{ label: "Pick a customer", value: "Beta Ltd", name: "KA_Pick", link: { name: "KA_HHI_High" } }] },
          { kind: "keyValue", row: 3, col: 5, items: [{ label: "HHI high threshold", value: 2500, numberFormat: NumberFormat.integer, name: "KA_HHI_High" }] },
          {
            kind: "table",
            name: "KAFeatTrend",
            row: AT.trend.row,
            col: AT.trend.col,
            columns: [{ header: "Period" }, { header: "Revenue", numberFormat: NumberFormat.money }, { header: "HHI", numberFormat: NumberFormat.integer }, { header: "HHI high", numberFormat: NumberFormat.integer }],
            rows: trendRows,
          },
          { kind: "text", row: 12, col: 0, text: "grouped row 13" },
          { kind: "text", row: 13, col: 0, text: "grouped and hidden row 14" },
          {
            kind: "chart",
            type: "columnClustered",
            title: "Revenue and HHI",
            row: 15,
            col: 0,
            widthCols: 7,
            heightRows: 15,
            categories: { table: "KAFeatTrend", column: "Period" },
            series: [
              { name: "Revenue", values: { table: "KAFeatTrend", column: "Revenue" }, style: { color: "1F4E79" } },
              { name: "HHI", values: { table: "KAFeatTrend", column: "HHI" }, type: "line", secondaryAxis: true, style: { color: "C00000", markers: true } },
              { name: "HHI high (2,500)", values: { table: "KAFeatTrend", column: "HHI high" }, type: "line", secondaryAxis: true, style: { color: "7F7F7F", dash: "dash", width: 1.5 } },
            ],
            categoryAxis: { title: "Quarter" },
            valueAxis: { title: "Net revenue", numberFormat: "#,##0" },
            secondaryValueAxis: { title: "HHI", numberFormat: "#,##0", min: 0, max: 10000 },
            legend: "bottom",
          },
          {
            kind: "chart",
            type: "barClustered",
            title: "Top customers by share",
            row: 31,
            col: 0,
            widthCols: 7,
            heightRows: 14,
            series: [{ name: "Share", values: { table: "KAFeatAccounts", column: "Share" }, categories: { table: "KAFeatAccounts", column: "Customer" }, dataLabels: { numberFormat: "0.0%" } }],
            valueAxis: { title: "Share of revenue", numberFormat: "0%", min: 0 },
          },
          { kind: "chart", type: "pie", title: "Share split", row: 46, col: 0, widthCols: 5, heightRows: 12, table: "KAFeatAccounts", columns: ["Customer", "Revenue"] },
          {
            kind: "chart",
            type: "scatterLines",
            title: "Lorenz curve",
            row: 59,
            col: 0,
            widthCols: 5,
            heightRows: 14,
            categories: { name: "KA_LorenzX" },
            series: [{ name: "Lorenz", values: { name: "KA_LorenzY" } }],
            categoryAxis: { title: "Customers (cumulative)", numberFormat: "0%", min: 0, max: 1 },
            valueAxis: { title: "Revenue (cumulative)", numberFormat: "0%", min: 0, max: 1 },
          },
        ],
        validations: [{ row: AT.picker.row, col: AT.picker.col, source: { table: "KAFeatAccounts", column: "Customer" }, prompt: { title: "Customer", text: "Pick a customer from KA Accounts" }, error: "Choose a customer from the list." }],
      },
      {
        name: "KA Accounts",
        role: "accounts",
        freeze: { rows: 3, cols: 1 },
        tabColor: "2F5597",
        columnGroups: [
          { from: 3, to: 6, level: 1 },
          { from: 8, to: 9, level: 1, collapsed: true },
        ],
        pageSetup: { orientation: "landscape", fitToWidth: 1, titleRows: { from: 2, to: 2 }, titleCols: { from: 0, to: 0 }, centerHorizontally: true, margins: { left: 0.5, right: 0.5 } },
        headerFooter: { footer: { left: "{sheet}", right: "Page {page} of {pages}" } },
        hyperlinks: [{ row: 3, col: 11, to: { sheet: "summary", row: 0, col: 0 }, tooltip: "Back to the summary" }],
        blocks: [
          { kind: "text", row: 0, col: 0, text: "Accounts", style: "title" },
          {
            kind: "table",
            name: "KAFeatAccounts",
            row: AT.accounts.row,
            col: AT.accounts.col,
            columns: accountColumns.map((h, j) => ({ header: h, numberFormat: j === 2 || j === 7 ? NumberFormat.percent : j === 0 || j === 11 ? undefined : NumberFormat.money })),
            rows: accountRows,
          },
        ],
      },
      {
        name: "KA Helper",
        role: "about",
        hidden: true,
        blocks: [
          {
            kind: "matrix",
            row: AT.lorenz.row,
            col: AT.lorenz.col,
            columnHeaders: ["x", "y"],
            rowHeaders: LORENZ_X.map((_, i) => `p${i}`),
            cells: LORENZ_X.map((x, i) => [x, LORENZ_Y[i]]),
          },
        ],
      },
    ],
    names: {
      KA_Pick: { sheet: "summary", row: 2, col: 6 },
      KA_HHI_High: { sheet: "summary", row: 3, col: 6 },
      // The matrix: header row 1, body rows 2–6 (0-based 1–5), x in column B, y in column C.
      KA_LorenzX: { sheet: "about", row: 1, col: 1, rows: 5, cols: 1, hidden: true, comment: "Lorenz x (helper)" },
      KA_LorenzY: { sheet: "about", row: 1, col: 2, rows: 5, cols: 1, hidden: true },
    },
  };
}
