/**
 * KA About: every area's figures in detail (with their formulas), the model's parameters and diagnostics, the
 * parameters as named cells, the source, the row accounting, per-currency totals, notes and warnings, the areas'
 * About panels, and the excluded rows.
 */
import { isoFromDay } from "../../day";
import { PRODUCT_NAME, PRODUCT_VERSION } from "../../version";
import { LORENZ_CHART } from "../areas/concentration";
import { Column } from "../layout";
import type { TabDef, TableDef } from "../model";
import { printSetup, sourceLabel } from "../print";
import { chartBlock, tableBlock } from "../tables";
import type { Cell, ChartBlock, KeyValueBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

export const CURRENCIES_TABLE: TableDef = {
  name: "KACurrencies",
  style: "TableStyleLight9",
  columns: [
    { key: "currency", header: "Currency" },
    { key: "revenue", header: "Net revenue", numberFormat: NumberFormat.money },
  ],
};

export const EXCLUDED_TABLE: TableDef = {
  name: "KAExcluded",
  style: "TableStyleLight15",
  columns: [
    { key: "row", header: "Row", numberFormat: NumberFormat.integer },
    { key: "reason", header: "Reason" },
    { key: "detail", header: "Detail" },
  ],
};

export const aboutTab: TabDef = {
  role: "about",
  name: "KA About",
  build(ctx) {
    const { a, source, catalogue, t, m } = ctx;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t("{product} {version} — about this report", { product: PRODUCT_NAME, version: PRODUCT_VERSION }), style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text: t("These tabs hold values and native Excel formulas only: they recalculate without the add-in. Tabs named KA … are replaced when the analysis is re-run."),
      style: "note",
    });
    left.add<TextBlock>({ kind: "text", text: t("Figures in detail"), style: "heading" });
    for (const group of catalogue.summaryGroups) {
      const g = group(ctx);
      if (g) left.add<KeyValueBlock>({ kind: "keyValue", title: g.title, items: g.items });
    }
    for (const panel of catalogue.summaryPanels) for (const b of panel(ctx)) left.place(b);
    if (a.concentration) {
      left.add<TextBlock>({ kind: "text", text: t("Lorenz curve (customers ascending by revenue)"), style: "heading" });
      left.place({ ...(chartBlock(ctx, LORENZ_CHART) as Omit<ChartBlock, "row" | "col">), widthCols: 3 });
    }
    left.add<KeyValueBlock>({ kind: "keyValue", title: t("Parameters"), items: catalogue.parameters.flatMap((p) => p(ctx)) });
    left.add<KeyValueBlock>({
      kind: "keyValue",
      title: t("Source"),
      items: [
        { label: t("Ledger"), value: sourceLabel(ctx) },
        { label: t("Kind"), value: ctx.text(`source.${source.kind}`, source.kind) },
        ...(a.ledger.textFile
          ? [
              { label: t("Encoding"), value: a.ledger.textFile.encoding },
              { label: t("Delimiter"), value: a.ledger.textFile.delimiter === "\t" ? t("tab") : a.ledger.textFile.delimiter },
            ]
          : []),
        { label: t("As-of date"), value: isoFromDay(a.asOf) },
        { label: m.currency.label, value: a.params.currency ?? m.currency.unknown },
        { label: t("Version"), value: `${PRODUCT_NAME} ${PRODUCT_VERSION}` },
        ...Object.entries(a.ledger.mapping).map(([field, header]) => ({ label: t("Column for {field}", { field: ctx.text(`field.${field}`, field) }), value: header as string })),
      ],
    });
    const reasons = Object.entries(a.ledger.excludedCounts) as [keyof typeof m.common.exclusionReason, number][];
    left.add<KeyValueBlock>({
      kind: "keyValue",
      title: t("Row accounting (used + excluded = read)"),
      items: [
        { label: t("Rows read"), value: a.ledger.read, numberFormat: NumberFormat.integer },
        { label: t("Rows used"), value: a.ledger.used, numberFormat: NumberFormat.integer },
        ...reasons.map(([reason, n]) => ({ label: t("Excluded: {reason}", { reason: m.common.exclusionReason[reason] ?? reason }), value: n, numberFormat: NumberFormat.integer })),
      ],
    });
    if (a.ledger.currencyTotals) left.place(tableBlock(ctx, CURRENCIES_TABLE, a.ledger.currencyTotals.map((c) => [c.currency, c.revenue])));
    const notes = [...a.ledger.notes, ...a.warnings.map((w) => w.message)].map((n) => ctx.note(n));
    if (source.skippedCharts && source.skippedCharts.length > 0) {
      notes.push(t("Charts not drawn by this writer (open the report from the task pane in Excel for charts): {charts}.", { charts: source.skippedCharts.join(", ") }));
    }
    if (notes.length > 0) {
      left.add<TextBlock>({ kind: "text", text: t("Notes"), style: "heading" });
      for (const n of notes) left.add<TextBlock>({ kind: "text", text: n, style: "note" });
    }
    for (const panel of catalogue.aboutPanels) for (const b of panel(ctx)) left.place(b);
    const kept = a.ledger.excluded;
    const total = a.ledger.read - a.ledger.used;
    left.add<TextBlock>({
      kind: "text",
      text: kept.length < total ? t("Excluded rows (first {kept} of {total}; the first rows of each reason)", { kept: kept.length, total }) : t("Excluded rows ({total})", { total }),
      style: "heading",
    });
    const header = left.nextRow;
    const rows: Cell[][] = kept.length > 0 ? kept.map((e) => [e.row, m.common.exclusionReason[e.reason] ?? e.reason, ctx.note(e.detail)]) : [[null, m.common.none, ""]];
    left.place(tableBlock(ctx, EXCLUDED_TABLE, rows));
    return { blocks: left.blocks, columnWidths: [44, 28, 60], tabColor: "7F7F7F", ...printSetup(ctx, { headerRow: header }) };
  },
};
