/**
 * KA Trends: concentration per month or quarter (table, a line chart of the HHI with the band limits, a line chart of
 * CR1/CR5/CR10), who entered, left or moved in the top 10, and the customers whose dependence is rising.
 */
import { excelSerialFromDay } from "../../day";
import { messages } from "../../i18n";
import type { ReportMessages } from "../../i18n";
import type { TrendNote, TrendRow } from "../../metrics/dependence";
import { PP_FORMAT } from "../areas/dependence";
import { Column } from "../layout";
import type { ChartDef, ReportContext, TabDef, TableDef } from "../model";
import { str } from "../refs";
import { tableBlock, tableHeader } from "../tables";
import type { Cell, ChartBlock, ChartSeries, TextBlock } from "../types";
import { NumberFormat } from "../types";
import { freezeAtHeader, printSetup } from "../print";

export const TREND_TABLE: TableDef = {
  name: "KATrend",
  style: "TableStyleMedium2",
  columns: [
    { key: "period", header: "Period", width: 10 },
    { key: "start", header: "From", numberFormat: NumberFormat.date, width: 11 },
    { key: "end", header: "To", numberFormat: NumberFormat.date, width: 11 },
    { key: "revenue", header: "Net revenue", numberFormat: NumberFormat.money, width: 15 },
    { key: "customers", header: "Customers", numberFormat: NumberFormat.integer, width: 10 },
    { key: "positiveCustomers", header: "Customers with a share", numberFormat: NumberFormat.integer, width: 10 },
    { key: "hhi", header: "HHI", numberFormat: NumberFormat.integer, width: 8 },
    { key: "band", header: "Band", width: 22 },
    { key: "cr1", header: "CR1", numberFormat: NumberFormat.percent, width: 8 },
    { key: "cr5", header: "CR5", numberFormat: NumberFormat.percent, width: 8 },
    { key: "cr10", header: "CR10", numberFormat: NumberFormat.percent, width: 8 },
    { key: "effectiveCustomers", header: "Effective customers", numberFormat: "0.0", width: 10 },
    { key: "gini", header: "Gini", numberFormat: NumberFormat.decimal, width: 8 },
    { key: "topCustomer", header: "Largest customer", width: 28 },
    { key: "topShare", header: "Its share", numberFormat: NumberFormat.percent, width: 8 },
    { key: "entered", header: "Entered the top 10", width: 28 },
    { key: "left", header: "Left the top 10", width: 28 },
    { key: "note", header: "Note", width: 30 },
    { key: "moderateLine", header: "Band: moderately from", numberFormat: NumberFormat.integer, width: 9 },
    { key: "highLine", header: "Band: highly above", numberFormat: NumberFormat.integer, width: 9 },
  ],
};

export const TREND_CHANGES_TABLE: TableDef = {
  name: "KATrendChanges",
  style: "TableStyleLight9",
  columns: [
    { key: "period", header: "Period", width: 10 },
    { key: "change", header: "Change", width: 12 },
    { key: "customer", header: "Customer", width: 30 },
    { key: "from", header: "Rank before", numberFormat: NumberFormat.integer, width: 8 },
    { key: "to", header: "Rank now", numberFormat: NumberFormat.integer, width: 8 },
  ],
};

export const RISING_TABLE: TableDef = {
  name: "KARisingDependence",
  style: "TableStyleLight10",
  columns: [
    { key: "customer", header: "Customer", width: 30 },
    { key: "shareThen", header: "Share, 12 months before", numberFormat: NumberFormat.percent, width: 10 },
    { key: "shareNow", header: "Share, last 12 months", numberFormat: NumberFormat.percent, width: 10 },
    { key: "change", header: "Change (pp)", numberFormat: PP_FORMAT, width: 10 },
    { key: "rise", header: "Rise ≥ threshold", width: 10 },
    { key: "crossed", header: "Crossed 10%", width: 10 },
  ],
};

export const HHI_TREND_CHART: ChartDef = { id: "hhiTrend", type: "line", title: "HHI by period, with the band limits", table: TREND_TABLE, columns: ["period", "hhi", "moderateLine", "highLine"], widthCols: 9, heightRows: 16 };
export const CR_TREND_CHART: ChartDef = { id: "crTrend", type: "line", title: "Share of the largest customers by period", table: TREND_TABLE, columns: ["period", "cr1", "cr5", "cr10"], widthCols: 9, heightRows: 16 };

/** A line chart of a table's columns, with its own series styles (band limits dashed). */
export function lineChart(ctx: ReportContext, chart: ChartDef, title: string, styles: ChartSeries["style"][], axis: { title: string; numberFormat?: string }): Omit<ChartBlock, "row" | "col"> {
  const [category, ...values] = chart.columns;
  const series: ChartSeries[] = values.map((key, k) => ({
    name: tableHeader(ctx.text, chart.table, key),
    values: { table: chart.table.name, column: tableHeader(ctx.text, chart.table, key) },
    style: styles[k],
  }));
  return {
    kind: "chart",
    type: chart.type,
    title: ctx.text(`chart.${chart.id}`, title),
    series,
    categories: { table: chart.table.name, column: tableHeader(ctx.text, chart.table, category) },
    valueAxis: axis,
    legend: "bottom",
    widthCols: chart.widthCols,
    heightRows: chart.heightRows,
  };
}

function noteText(m: ReportMessages, notes: TrendNote[]): string {
  return notes
    .map((x) => (x.code === "noPositiveRevenue" ? m.dependence.trends.notes.noPositiveRevenue : x.code === "partialStart" ? m.dependence.trends.notes.partialStart({ from: x.from }) : m.dependence.trends.notes.partialEnd({ through: x.through })))
    .join("; ");
}

const blank = (x: number): number | null => (Number.isFinite(x) ? x : null);

export const trendsTab: TabDef = {
  role: "trends",
  name: "KA Trends",
  build(ctx) {
    const { a } = ctx;
    const d = a.dependence;
    // Nothing to measure in any period (a ledger of credit notes): no tab, as the Summary says why.
    if (!d || !d.trend.rows.some((r) => r.positiveCustomers > 0)) return undefined;
    const m = messages(a.params.lang, a.params.currency);
    const t = m.dependence.trends;
    const T = ctx.table(TREND_TABLE);
    const name = (c: number) => a.customers.names[c];
    const [low, high] = a.params.hhiGuidelines === 2010 ? [1500, 2500] : [1000, 1800];
    const bands = m.common.hhiBand;
    const hhi = T.thisRow("hhi");
    const bandFormula = `IF(${hhi}="","",IF(${hhi}<${low},${str(bands.unconcentrated)},IF(${hhi}<=${high},${str(bands["moderately concentrated"])},${str(bands["highly concentrated"])})))`;
    const rows: Cell[][] = d.trend.rows.map((r: TrendRow) => [
      r.period,
      excelSerialFromDay(r.start),
      excelSerialFromDay(r.end),
      r.revenue,
      r.customers,
      r.positiveCustomers,
      blank(r.hhi),
      { formula: bandFormula, value: r.band ? bands[r.band] : "" },
      blank(r.cr1),
      blank(r.cr5),
      blank(r.cr10),
      { formula: `IF(N(${hhi})>0,10000/${hhi},"")`, value: Number.isFinite(r.effectiveCustomers) ? r.effectiveCustomers : "" },
      blank(r.gini),
      r.top.length > 0 ? name(r.top[0]) : null,
      r.top.length > 0 ? r.topShare[0] : null,
      r.compared ? Array.from(r.entered, name).join(", ") : null,
      r.compared ? Array.from(r.left, name).join(", ") : null,
      noteText(m, r.notes),
      low,
      high,
    ]);

    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t.title, style: "title" });
    left.add<TextBlock>({ kind: "text", text: t.note({ monthly: d.trend.period === "month", rolling: d.trend.basis === "rolling12" }), style: "note" });
    const header = left.place(tableBlock(ctx, TREND_TABLE, rows)).row;
    const dash = { dash: "dash" as const, width: 1.5 };
    left.place(lineChart(ctx, HHI_TREND_CHART, t.hhiChart, [{ markers: true }, { ...dash, color: "ED7D31" }, { ...dash, color: "C00000" }], { title: "HHI", numberFormat: "#,##0" }));
    left.place(lineChart(ctx, CR_TREND_CHART, t.crChart, [{ markers: true }, {}, {}], { title: "CR", numberFormat: "0%" }));

    // Who entered, left or moved in the top 10.
    const changes: Cell[][] = [];
    for (const r of d.trend.rows) {
      if (!r.compared) continue;
      for (const c of r.entered) changes.push([r.period, t.change.entered, name(c), null, r.top.indexOf(c) + 1]);
      for (const c of r.left) changes.push([r.period, t.change.left, name(c), null, null]);
      for (const x of r.moved) changes.push([r.period, t.change.moved, name(x.customer), x.from, x.to]);
    }
    left.add<TextBlock>({ kind: "text", text: t.changesTitle, style: "heading" });
    left.place(tableBlock(ctx, TREND_CHANGES_TABLE, changes.length > 0 ? changes : [["", t.noChanges, "", null, null]]));

    // Rising dependence.
    const s = d.shifts;
    left.add<TextBlock>({ kind: "text", text: t.risingTitle, style: "heading" });
    left.add<TextBlock>({
      kind: "text",
      text: s.covered ? t.risingNote({ threshold: s.threshold, from: s.then.to, to: s.now.to }) : t.notCovered({ from: s.then.from + 1 }),
      style: "note",
    });
    const rising: Cell[][] = s.rising.map((r) => [name(r.customer), blank(r.shareThen), blank(r.shareNow), 100 * r.change, r.rise ? m.common.yes : m.common.no, r.crossed ? m.common.yes : m.common.no]);
    left.place(tableBlock(ctx, RISING_TABLE, rising.length > 0 ? rising : [[t.noRising, null, null, null, "", ""]]));

    return {
      blocks: left.blocks,
      // Band limits stay visible: Excel leaves data in hidden columns out of charts.
      columnWidths: TREND_TABLE.columns.map((c) => c.width ?? 12),
      tabColor: "7030A0",
      freeze: freezeAtHeader(header, 1),
      ...printSetup(ctx, { headerRow: header }),
    };
  },
};
