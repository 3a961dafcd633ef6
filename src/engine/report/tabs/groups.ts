/**
 * KA Groups: dependence within each grouping column (region, sales rep, product line, channel, entity) — per group
 * its revenue, customers, HHI and band, largest customer and share, overdue, and whether it hangs on one customer (a
 * formula over the threshold on KA About) — with a chart of the largest customer's share per group.
 */
import { messages } from "../../i18n";
import { DEPENDENCE_NAMES } from "../areas/dependence";
import { Column } from "../layout";
import type { TabDef, TableDef } from "../model";
import { str } from "../refs";
import { tableBlock, tableColumns, tableHeader } from "../tables";
import type { Cell, ChartBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";
import { printSetup } from "../print";

/** A chart is drawn for a grouping column with at most this many groups (more bars cannot be read). */
export const MAX_CHARTED_GROUPS = 30;

/** The table of the n-th grouping column (1-based): `KAGroups1`, `KAGroups2`, … */
export function groupTable(n: number): TableDef {
  return {
    name: `KAGroups${n}`,
    style: "TableStyleMedium4",
    columns: [
      { key: "group", header: "Group", width: 24 },
      { key: "revenue", header: "Net revenue", numberFormat: NumberFormat.money, width: 15 },
      { key: "revenueShare", header: "Share of revenue", numberFormat: NumberFormat.percent, width: 10 },
      { key: "customers", header: "Customers", numberFormat: NumberFormat.integer, width: 10 },
      { key: "hhi", header: "HHI", numberFormat: NumberFormat.integer, width: 8 },
      { key: "band", header: "Band", width: 22 },
      { key: "topCustomer", header: "Largest customer", width: 30 },
      { key: "topShare", header: "Its share", numberFormat: NumberFormat.percent, width: 9 },
      { key: "overdue", header: "Overdue", numberFormat: NumberFormat.money, width: 14 },
      { key: "oneCustomer", header: "Hangs on one customer", width: 11 },
    ],
  };
}

export const groupsTab: TabDef = {
  role: "groups",
  name: "KA Groups",
  build(ctx) {
    const { a } = ctx;
    const d = a.dependence;
    if (!d || d.groups.length === 0) return undefined;
    const m = messages(a.params.lang, a.params.currency);
    const g = m.dependence.groups;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: g.title, style: "title" });
    left.add<TextBlock>({ kind: "text", text: g.note({ share: a.params.groupOneCustomerShare }), style: "note", mergeCols: 8, wrap: true });
    const withCredit = a.credit !== undefined;
    d.groups.forEach((block, i) => {
      const table = groupTable(i + 1);
      const T = ctx.table(table);
      const keys = table.columns.map((c) => c.key).filter((k) => k !== "overdue" || withCredit);
      const num = (x: number): Cell => (Number.isFinite(x) ? x : null);
      const rows: Cell[][] = block.groups.map((x) => {
        const cells: Record<string, Cell> = {
          group: x.group === "" ? g.blank : x.group,
          revenue: x.revenue,
          revenueShare: num(x.revenueShare),
          customers: x.customers,
          hhi: num(x.hhi),
          band: x.band ? m.common.hhiBand[x.band] : null,
          topCustomer: x.topCustomer >= 0 ? a.customers.names[x.topCustomer] : null,
          topShare: num(x.topShare),
          overdue: num(x.overdue),
          // A threshold edited on KA About re-flags the groups.
          // Yes/No words (TRUE/FALSE reads as 1/0 in some spreadsheets).
          oneCustomer: {
            formula: `IF(AND(N(${T.thisRow("topShare")})>0,N(${T.thisRow("topShare")})>=${DEPENDENCE_NAMES.groupOneCustomer}-1E-12),${str(m.common.yes)},${str(m.common.no)})`,
            value: x.flagged ? m.common.yes : m.common.no,
          },
        };
        return keys.map((k) => cells[k]);
      });
      left.add<TextBlock>({ kind: "text", text: g.by({ header: block.header }), style: "heading" });
      left.place({ ...tableBlock(ctx, table, rows, { conditionalFormats: [{ key: "topShare", format: { kind: "dataBar", color: "C00000" } }] }), columns: tableColumns(ctx, table, keys) });
      if (block.groups.length <= MAX_CHARTED_GROUPS) {
        const chart: Omit<ChartBlock, "row" | "col"> = {
          kind: "chart",
          type: "barClustered",
          title: g.chart({ header: block.header }),
          series: [{ name: tableHeader(ctx.text, table, "topShare"), values: { table: table.name, column: tableHeader(ctx.text, table, "topShare") }, dataLabels: { numberFormat: "0%" } }],
          categories: { table: table.name, column: tableHeader(ctx.text, table, "group") },
          valueAxis: { numberFormat: "0%", min: 0, max: 1 },
          legend: "none",
          widthCols: 7,
          heightRows: Math.max(8, Math.min(24, 3 + block.groups.length)),
        };
        left.place(chart);
      }
    });
    return {
      blocks: left.blocks,
      columnWidths: groupTable(1).columns.filter((c) => c.key !== "overdue" || withCredit).map((c) => c.width ?? 12),
      tabColor: "2E75B6",
      ...printSetup(ctx),
    };
  },
};
