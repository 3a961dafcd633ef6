/**
 * KA About: the parameters as named cells (every area's), the source, the row accounting, per-currency totals, notes
 * and warnings, the areas' About panels, and the excluded rows.
 */
import { isoFromDay } from "../../day";
import { PRODUCT_NAME, PRODUCT_VERSION } from "../../version";
import { Column } from "../layout";
import type { TabDef, TableDef } from "../model";
import { tableBlock } from "../tables";
import type { Cell, KeyValueBlock, TextBlock } from "../types";
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
    const { a, source, catalogue } = ctx;
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: `${PRODUCT_NAME} ${PRODUCT_VERSION} — about this report`, style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text: "These tabs hold values and native Excel formulas only: they recalculate without the add-in. Tabs named KA … are replaced when the analysis is re-run.",
      style: "note",
    });
    left.add<KeyValueBlock>({ kind: "keyValue", title: "Parameters", items: catalogue.parameters.flatMap((p) => p(ctx)) });
    left.add<KeyValueBlock>({
      kind: "keyValue",
      title: "Source",
      items: [
        { label: "Ledger", value: source.label },
        { label: "Kind", value: source.kind },
        ...(a.ledger.textFile
          ? [
              { label: "Encoding", value: a.ledger.textFile.encoding },
              { label: "Delimiter", value: a.ledger.textFile.delimiter === "\t" ? "tab" : a.ledger.textFile.delimiter },
            ]
          : []),
        { label: "As-of date", value: isoFromDay(a.asOf) },
        { label: "Version", value: `${PRODUCT_NAME} ${PRODUCT_VERSION}` },
        ...Object.entries(a.ledger.mapping).map(([field, header]) => ({ label: `Column for ${field}`, value: header as string })),
      ],
    });
    const reasons = Object.entries(a.ledger.excludedCounts) as [string, number][];
    left.add<KeyValueBlock>({
      kind: "keyValue",
      title: "Row accounting (used + excluded = read)",
      items: [
        { label: "Rows read", value: a.ledger.read, numberFormat: NumberFormat.integer },
        { label: "Rows used", value: a.ledger.used, numberFormat: NumberFormat.integer },
        ...reasons.map(([reason, n]) => ({ label: `Excluded: ${reason}`, value: n, numberFormat: NumberFormat.integer })),
      ],
    });
    if (a.ledger.currencyTotals) left.place(tableBlock(ctx, CURRENCIES_TABLE, a.ledger.currencyTotals.map((c) => [c.currency, c.revenue])));
    const notes = [...a.ledger.notes, ...a.warnings.map((w) => w.message)];
    if (source.skippedCharts && source.skippedCharts.length > 0) {
      notes.push(`Charts not drawn by this writer (open the report from the task pane in Excel for charts): ${source.skippedCharts.join(", ")}.`);
    }
    if (notes.length > 0) {
      left.add<TextBlock>({ kind: "text", text: "Notes", style: "heading" });
      for (const n of notes) left.add<TextBlock>({ kind: "text", text: n, style: "note" });
    }
    for (const panel of catalogue.aboutPanels) for (const b of panel(ctx)) left.place(b);
    const kept = a.ledger.excluded;
    const total = a.ledger.read - a.ledger.used;
    left.add<TextBlock>({
      kind: "text",
      text: kept.length < total ? `Excluded rows (first ${kept.length} of ${total}; the first rows of each reason)` : `Excluded rows (${total})`,
      style: "heading",
    });
    const rows: Cell[][] = kept.length > 0 ? kept.map((e) => [e.row, e.reason, e.detail]) : [[null, "none", ""]];
    left.place(tableBlock(ctx, EXCLUDED_TABLE, rows));
    return { blocks: left.blocks, columnWidths: [44, 28, 60], tabColor: "7F7F7F" };
  },
};
