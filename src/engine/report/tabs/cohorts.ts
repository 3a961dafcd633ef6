/**
 * KA Cohorts: the monthly cohort matrices (docs/metrics.md "Cohorts") — customers of each first-purchase month buying
 * again k months later, as counts and as a share of the cohort (colour scale), and the cohort's net revenue by month,
 * absolute and relative to its first month.
 */
import { monthLabel } from "../../day";
import { Column } from "../layout";
import { freezeAtHeader, printSetup } from "../print";
import type { TabDef } from "../model";
import type { Cell, MatrixBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

export const cohortsTab: TabDef = {
  role: "cohorts",
  name: "KA Cohorts",
  build(ctx) {
    const { a, t } = ctx;
    const m = a.cohorts;
    if (!m) return undefined;
    const width = m.lastMonth - m.cohorts[0] + 1;
    const headers = Array.from({ length: width }, (_, k) => t("Month {k}", { k }));
    const rows = (pick: (j: number) => ArrayLike<number>): Cell[][] =>
      m.cohorts.map((_, j) => {
        const v = pick(j);
        const out: Cell[] = new Array(width).fill(null);
        for (let k = 0; k < v.length; k++) out[k] = Number.isFinite(v[k]) ? v[k] : null;
        return out;
      });
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t("Monthly cohorts"), style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text:
        t("A cohort is the customers whose first purchase fell in that month; Month k is k calendar months later (Month 0 = the cohort's size). A customer counts as active in a month with at least one purchase.") +
        (m.lastMonthPartial ? " " + t("The last month ({month}) runs only to the as-of date, so its cells are partial.", { month: monthLabel(m.lastMonth) }) : ""),
      style: "note",
    });
    const header = left.nextRow + 1; // the first matrix's column headers, under its title
    left.add<MatrixBlock>({
      kind: "matrix",
      title: t("Share of the cohort buying in month k"),
      columnHeaders: headers,
      rowHeaders: m.labels,
      cells: rows((j) => m.share[j]),
      numberFormat: NumberFormat.percent,
      conditionalFormats: [{ kind: "colorScale", color: "5B9BD5" }],
    });
    left.add<MatrixBlock>({
      kind: "matrix",
      title: t("Customers of the cohort buying in month k"),
      columnHeaders: headers,
      rowHeaders: m.labels,
      cells: rows((j) => m.active[j]),
      numberFormat: NumberFormat.integer,
    });
    left.add<MatrixBlock>({
      kind: "matrix",
      title: t("Net revenue of the cohort in month k, relative to its first month"),
      columnHeaders: headers,
      rowHeaders: m.labels,
      cells: rows((j) => m.revenueShare[j]),
      numberFormat: NumberFormat.percent,
      conditionalFormats: [{ kind: "colorScale", color: "70AD47" }],
    });
    left.add<MatrixBlock>({
      kind: "matrix",
      title: t("Net revenue of the cohort in month k"),
      columnHeaders: headers,
      rowHeaders: m.labels,
      cells: rows((j) => m.revenue[j]),
      numberFormat: NumberFormat.money,
    });
    return {
      blocks: left.blocks,
      columnWidths: [12, ...headers.map(() => 10)],
      tabColor: "C55A11",
      freeze: freezeAtHeader(header, 1),
      ...printSetup(ctx, { headerRow: header }),
    };
  },
};
