/**
 * A hand-built Report with every block type, formula-like customer names, structured references, defined names,
 * `_xlfn.` functions and every cached value computed here by plain arithmetic (the reference the writer's cached
 * values and LibreOffice's recalculation are both checked against).
 */
import { column, str, thisRow } from "../../../src/engine/report/refs";
import type { Cell, Report } from "../../../src/engine/report/types";
import { NumberFormat } from "../../../src/engine/report/types";

export const TABLE = "KATest";
/** Customer names that a careless writer would turn into formulas. */
export const FORMULA_LIKE = ["=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1)", "=HYPERLINK(\"http://example.com\",\"x\")"];
export const REVENUE = [120.5, 300, 79.5, 500, 0.25];
export const LOSS_RATE = 0.05;
export const THRESHOLD = 100;
export const DATES = [45000, 45031, 45062, 45092, 45123]; // 2023-03-15 + k months (serials)

const R = (c: string) => thisRow(TABLE, c);
const C = (c: string) => column(TABLE, c);

/** Hand computations (the independent reference). */
export const expected = (() => {
  const total = REVENUE.reduce((s, x) => s + x, 0); // 1000.25
  const share = REVENUE.map((x) => x / total);
  const hhi = share.reduce((s, x) => s + x * x, 0) * 10000;
  const mean = total / REVENUE.length;
  const sd = Math.sqrt(REVENUE.reduce((s, x) => s + (x - mean) ** 2, 0) / (REVENUE.length - 1)); // sample sd (STDEV.S)
  const sorted = [...REVENUE].sort((a, b) => a - b);
  const median = sorted[2]; // 5 values: PERCENTILE.INC(.,0.5) is the middle one
  const big = REVENUE.map((x) => (x > THRESHOLD ? "big" : "small"));
  const bigSum = REVENUE.filter((x) => x > THRESHOLD).reduce((s, x) => s + x, 0); // 120.5 + 300 + 500
  return { total, share, hhi, mean, sd, median, big, bigSum, ecl: REVENUE.map((x) => x * LOSS_RATE), eclTotal: total * LOSS_RATE };
})();

/** Positions (0-based) used by tests to find cells. */
export const POS = {
  inputs: { row: 2, col: 0 }, // title row 2; Loss rate at row 3, Threshold row 4, As-of row 5, then formula-like texts
  table: { row: 2, col: 4 }, // header E3, body E4:J8
  totals: { row: 14, col: 0 }, // title row 14, items from row 15
  matrix: { row: 34, col: 0 },
};

export function fixtureReport(): Report {
  const rows: Cell[][] = REVENUE.map((rev, i) => [
    FORMULA_LIKE[i],
    rev,
    { formula: `${R("Revenue")}/SUM(${C("Revenue")})`, value: expected.share[i] },
    { formula: `${R("Revenue")}*KA_LossRate`, value: expected.ecl[i] },
    DATES[i],
    { formula: `IF(${R("Revenue")}>KA_Threshold,${str("big")},${str("small")})`, value: expected.big[i] },
  ]);
  const totals: { label: string; value: Cell; numberFormat?: string }[] = [
    { label: "Total revenue", value: { formula: `SUM(${C("Revenue")})`, value: expected.total }, numberFormat: NumberFormat.money },
    { label: "HHI", value: { formula: `SUMPRODUCT(${C("Share")}^2)*10000`, value: expected.hhi }, numberFormat: "#,##0" },
    { label: "Customers > 100", value: { formula: `COUNTIF(${C("Revenue")},">100")`, value: 3 }, numberFormat: NumberFormat.integer },
    { label: "Largest customer", value: { formula: `INDEX(${C("Customer")},MATCH(MAX(${C("Revenue")}),${C("Revenue")},0))`, value: "@SUM(A1)" } },
    { label: "Revenue sd (sample)", value: { formula: `_xlfn.STDEV.S(${C("Revenue")})`, value: expected.sd }, numberFormat: NumberFormat.money },
    { label: "Median revenue", value: { formula: `_xlfn.PERCENTILE.INC(${C("Revenue")},0.5)`, value: expected.median }, numberFormat: NumberFormat.money },
    { label: "ECL total", value: { formula: `SUM(${C("ECL")})`, value: expected.eclTotal }, numberFormat: NumberFormat.money },
    { label: "Mean revenue (2 dp)", value: { formula: `ROUND(AVERAGE(${C("Revenue")}),2)`, value: 200.05 }, numberFormat: NumberFormat.money },
    { label: "Has customer '-2'", value: { formula: `ISNUMBER(MATCH(${str("-2")},${C("Customer")},0))`, value: true } },
    { label: "Guarded division", value: { formula: `IFERROR(1/0,${str("none")})`, value: "none" } },
    { label: "Missing", value: { formula: "NA()", value: "#N/A" } },
    { label: "Big revenue", value: { formula: `SUMIFS(${C("Revenue")},${C("Size")},${str("big")})`, value: expected.bigSum }, numberFormat: NumberFormat.money },
    { label: "Twice the loss rate", value: { formula: "KA_LossRate*2", value: LOSS_RATE * 2 }, numberFormat: NumberFormat.percent },
    { label: "Latest date", value: { formula: `MAX(${C("Date")})`, value: DATES[4] }, numberFormat: NumberFormat.date },
  ];
  return {
    sheets: [
      {
        name: "KA Test",
        role: "summary",
        tabColor: "1F4E79",
        columnWidths: [30, 16, 30, 3, 24, 12],
        blocks: [
          { kind: "text", row: 0, col: 0, text: "KA Risk — writer fixture", style: "title" },
          { kind: "text", row: 1, col: 0, text: "=HYPERLINK(\"http://evil.example\",\"click\")", style: "note" },
          {
            kind: "keyValue",
            row: POS.inputs.row,
            col: POS.inputs.col,
            title: "Inputs",
            items: [
              { label: "Loss rate", value: LOSS_RATE, numberFormat: NumberFormat.percent, name: "KA_LossRate", note: "edit me" },
              { label: "Big customer threshold", value: THRESHOLD, numberFormat: NumberFormat.integer, name: "KA_Threshold" },
              { label: "As-of date", value: 45291, numberFormat: NumberFormat.date, note: "2023-12-31" },
              { label: "=cmd", value: "+SUM(1,2)" },
              { label: "@label", value: "-3+4" },
            ],
          },
          {
            kind: "table",
            name: TABLE,
            row: POS.table.row,
            col: POS.table.col,
            columns: [
              { header: "Customer", width: 28 },
              { header: "Revenue", numberFormat: NumberFormat.money },
              { header: "Share", numberFormat: NumberFormat.percent },
              { header: "ECL", numberFormat: NumberFormat.money },
              { header: "Date", numberFormat: NumberFormat.date, width: 12 },
              { header: "Size" },
            ],
            rows,
            style: "TableStyleMedium2",
            conditionalFormats: [
              { column: "Share", kind: "dataBar", color: "5B9BD5" },
              { column: "Revenue", kind: "colorScale" },
              { column: "Customer", kind: "highlight", condition: `${R("Revenue")}>KA_Threshold`, color: "FFC7CE" },
            ],
          },
          { kind: "keyValue", row: POS.totals.row, col: POS.totals.col, title: "Totals", items: totals },
          {
            kind: "matrix",
            row: POS.matrix.row,
            col: POS.matrix.col,
            title: "Share by half",
            columnHeaders: ["First", "Second"],
            rowHeaders: ["Top", "Rest"],
            cells: [
              [{ formula: `INDEX(${C("Share")},1)`, value: expected.share[0] }, { formula: `INDEX(${C("Share")},2)`, value: expected.share[1] }],
              [0.5, null],
            ],
            numberFormat: NumberFormat.percent,
            conditionalFormats: [{ kind: "colorScale", color: "63BE7B" }, { kind: "highlight", condition: "{cell}>0.25" }],
          },
          { kind: "chart", type: "barClustered", title: "Revenue by customer", table: TABLE, columns: ["Customer", "Revenue"], row: 34, col: 5 },
        ],
      },
      {
        name: "KA Other's",
        role: "about",
        freeze: { rows: 1, cols: 1 },
        tabColor: "#A5A5A5",
        blocks: [
          {
            kind: "table",
            name: "KAEmpty",
            row: 0,
            col: 0,
            columns: [{ header: "Customer" }, { header: "Count", numberFormat: NumberFormat.integer }],
            rows: [],
          },
          { kind: "text", row: 4, col: 0, text: "Cross-sheet", style: "heading" },
          {
            kind: "keyValue",
            row: 5,
            col: 0,
            items: [
              { label: "Revenue on KA Test", value: { formula: `SUM(${C("Revenue")})`, value: expected.total }, numberFormat: NumberFormat.money },
              { label: "Loss rate via name", value: { formula: "KA_LossRate", value: LOSS_RATE }, numberFormat: NumberFormat.percent },
            ],
          },
          { kind: "chart", type: "line", title: "Trend", table: TABLE, columns: ["Date", "Revenue"], row: 10, col: 0 },
        ],
      },
    ],
    names: {
      KA_LossRate: { sheet: "summary", row: POS.inputs.row + 1, col: POS.inputs.col + 1 },
      KA_Threshold: { sheet: "summary", row: POS.inputs.row + 2, col: POS.inputs.col + 1 },
    },
  };
}
