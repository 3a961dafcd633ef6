/**
 * KA Segments: per RFM segment — customers, revenue, share of revenue, average recency, frequency and monetary —
 * as native formulas over the Accounts table (so they follow when a colleague edits the rules), and the segment ×
 * segmentBy cross-tables (customers, revenue) when a segmentBy column is mapped.
 */
import { compensatedSum } from "../../metrics/concentration";
import { Column } from "../layout";
import type { ChartDef, TabDef, TableDef } from "../model";
import { segmentName, withSegmentNames } from "../areas/behaviour";
import { freezeAtHeader, printSetup } from "../print";
import { chartBlock, tableBlock } from "../tables";
import type { Cell, MatrixBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

export const SEGMENTS_TABLE: TableDef = {
  name: "KASegments",
  style: "TableStyleMedium2",
  columns: [
    { key: "segment", header: "Segment", width: 20 },
    { key: "segmentZh", header: "细分", width: 14 },
    { key: "customers", header: "Customers", numberFormat: NumberFormat.integer },
    { key: "revenue", header: "Revenue", numberFormat: NumberFormat.money },
    { key: "share", header: "Share of revenue", numberFormat: NumberFormat.percent },
    { key: "recency", header: "Average recency (days)", numberFormat: "0.0" },
    { key: "frequency", header: "Average frequency", numberFormat: "0.00" },
    { key: "monetary", header: "Average monetary", numberFormat: NumberFormat.money },
  ],
};

export const SEGMENTS_CHART: ChartDef = {
  id: "segments",
  type: "barClustered",
  title: "Customers by segment",
  table: SEGMENTS_TABLE,
  columns: ["segment", "customers"],
  categoryAxis: { title: "Segment" },
  valueAxis: { title: "Customers", numberFormat: "#,##0", min: 0 },
  heightRows: 16,
  widthCols: 6,
};

/** Cross-tables show at most this many segmentBy values (largest by revenue); the rest are summed as "Other". */
export const MAX_SEGMENT_BY_COLUMNS = 30;

function mean(values: number[]): number | string {
  return values.length > 0 ? compensatedSum(values) / values.length : "";
}

export const segmentsTab: TabDef = {
  role: "segments",
  name: "KA Segments",
  build(ctx) {
    const { a, accounts: f, t, m } = ctx;
    const lang = a.params.lang;
    const table = withSegmentNames(SEGMENTS_TABLE, lang);
    const rfm = a.rfm;
    if (!rfm) return undefined;
    const S = ctx.table(table);
    const b = a.customers;
    const total = compensatedSum(b.revenue);
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t("Customer segments (RFM)"), style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text: m.segments.intro({ bins: rfm.bins, unsegmented: rfm.unsegmented }),
      style: "note",
    });

    const avg = (key: string) => `IF(${S.thisRow("customers")}>0,AVERAGEIF(${f.column("segment")},${S.thisRow("segment")},${f.column(key)}),"")`;
    const rows: Cell[][] = rfm.rules.map((rule, k) => {
      const members: number[] = [];
      for (let c = 0; c < b.n; c++) if (rfm.segment[c] === k) members.push(c);
      const revenue = compensatedSum(members.map((c) => b.revenue[c]));
      return [
        ...(lang === "en" ? [rule.name, rule.nameZh] : [rule.nameZh]),
        { formula: `COUNTIF(${f.column("segment")},${S.thisRow("segment")})`, value: members.length },
        { formula: `SUMIF(${f.column("segment")},${S.thisRow("segment")},${f.column("revenue")})`, value: revenue },
        { formula: `IF(SUM(${f.column("revenue")})>0,${S.thisRow("revenue")}/SUM(${f.column("revenue")}),"")`, value: total > 0 ? revenue / total : "" },
        { formula: avg("recencyDays"), value: mean(members.map((c) => rfm.recency[c])) },
        { formula: avg("purchaseDays"), value: mean(members.map((c) => rfm.frequency[c])) },
        { formula: avg("monetary"), value: mean(members.map((c) => rfm.monetary[c])) },
      ];
    });
    const header = left.nextRow;
    left.place(tableBlock(ctx, table, rows, { conditionalFormats: [{ key: "share", format: { kind: "dataBar", color: "5B9BD5" } }] }));
    left.place(chartBlock(ctx, SEGMENTS_CHART));

    const by = rfm.segmentBy;
    if (by) {
      // Columns: the segmentBy values with most revenue (then "Other"), so a long list of sales reps stays readable.
      const revenueOf = new Float64Array(by.values.length);
      const customersOf = new Int32Array(by.values.length);
      for (let c = 0; c < b.n; c++) {
        if (by.main[c] < 0) continue;
        revenueOf[by.main[c]] += b.revenue[c];
        customersOf[by.main[c]]++;
      }
      const ranked = by.values.map((_, v) => v).filter((v) => customersOf[v] > 0).sort((x, y) => revenueOf[y] - revenueOf[x] || x - y);
      const shown = ranked.length > MAX_SEGMENT_BY_COLUMNS ? ranked.slice(0, MAX_SEGMENT_BY_COLUMNS - 1) : ranked;
      const columnOf = new Int32Array(by.values.length).fill(shown.length); // "Other" by default
      shown.forEach((v, j) => (columnOf[v] = j));
      const headers = shown.map((v) => by.values[v] || t("(blank)"));
      const width = ranked.length > shown.length ? shown.length + 1 : shown.length;
      if (width > shown.length) headers.push(t("Other"));
      const counts = rfm.rules.map(() => new Array<number>(width).fill(0));
      const revenue = rfm.rules.map(() => new Array<number>(width).fill(0));
      for (let c = 0; c < b.n; c++) {
        const k = rfm.segment[c];
        if (k < 0 || by.main[c] < 0) continue;
        const j = columnOf[by.main[c]];
        counts[k][j]++;
        revenue[k][j] += b.revenue[c];
      }
      const rowHeaders = rfm.rules.map((r) => segmentName(r, lang));
      left.add<MatrixBlock>({
        kind: "matrix",
        title: t("Customers by segment and {by} (each customer under the {by} of most of its purchases)", { by: by.header }),
        columnHeaders: headers,
        rowHeaders,
        cells: counts,
        numberFormat: NumberFormat.integer,
        conditionalFormats: [{ kind: "colorScale", color: "5B9BD5" }],
      });
      left.add<MatrixBlock>({
        kind: "matrix",
        title: t("Net revenue by segment and {by}", { by: by.header }),
        columnHeaders: headers,
        rowHeaders,
        cells: revenue,
        numberFormat: NumberFormat.money,
      });
    }
    return {
      blocks: left.blocks,
      // Wide enough for each header in the reader's language (a header cut short prints cut short).
      columnWidths: lang === "en" ? [24, 14, 11, 17, 17, 23, 18, 18] : [16, 12, 16, 12, 14, 12, 16],
      tabColor: "548235",
      freeze: freezeAtHeader(header, 1),
      ...printSetup(ctx, { headerRow: header }),
    };
  },
};
