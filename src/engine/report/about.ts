import type { Analysis } from "../analysis/types";
import { excelSerialFromDay, isoFromDay } from "../day";
import { PRODUCT_NAME, PRODUCT_VERSION } from "../version";
import { Column } from "./layout";
import { retentionParameterItems, segmentRulesPanel } from "./behaviour";
import type { KeyValueItem } from "./summary";
import type { Block, Cell, KeyValueBlock, SheetSpec, TableBlock, TextBlock } from "./types";
import { NumberFormat } from "./types";
import { creditAboutPanel, creditParameterItems } from "./credit";
import { riskParameterItems } from "./risk";

/** Where the ledger came from, as the face knows it. */
export interface SourceInfo {
  /** File path, or `Sheet1!A1:H3000`, or a table name. */
  label: string;
  kind: "file" | "range" | "table" | "sheet" | "sample";
  /** Charts the writer could not draw (the xlsx writer has no charts); listed on About. */
  skippedCharts?: string[];
}

/**
 * Parameters written as named cells on KA About: formulas elsewhere reference the names, so a colleague can change
 * a threshold in the workbook and see it recalculate, and the pane restores its settings from here.
 * Areas append theirs (loss rates, score weights, RFM rules).
 */
export const PARAMETER_ITEMS: ((a: Analysis) => KeyValueItem[])[] = [
  (a) => [
    { label: "As-of date", value: excelSerialFromDay(a.asOf), numberFormat: NumberFormat.date, name: "KA_AsOf", note: "given, or the ledger's latest date" },
    { label: "ABC: A while cumulative share before <", value: a.params.abcA, numberFormat: NumberFormat.percent, name: "KA_ABC_A" },
    { label: "ABC: B while cumulative share before <", value: a.params.abcB, numberFormat: NumberFormat.percent, name: "KA_ABC_B" },
    { label: "Pareto threshold", value: a.params.paretoThreshold, numberFormat: NumberFormat.percent, name: "KA_Pareto" },
    { label: "HHI bands", value: a.params.hhiGuidelines === 2010 ? "2010 (1500/2500)" : "2023 (1000/1800)", name: "KA_HHIBands" },
    { label: "Model time unit", value: a.params.unit, name: "KA_Unit" },
    { label: "RFM bins", value: a.params.bins, numberFormat: NumberFormat.integer, name: "KA_Bins" },
    { label: "RFM frequency counts", value: a.params.frequencyBy, name: "KA_FrequencyBy" },
    { label: "RFM monetary", value: a.params.monetaryBy, name: "KA_MonetaryBy" },
    { label: "CLV horizon (months)", value: a.params.clvMonths, numberFormat: NumberFormat.integer, name: "KA_ClvMonths" },
    { label: "CLV monthly discount rate", value: a.params.monthlyDiscount, numberFormat: "0.00%", name: "KA_MonthlyDiscount" },
    { label: "Model penalizer (L2)", value: a.params.penalizer, name: "KA_Penalizer" },
  ],
  retentionParameterItems,
  creditParameterItems,
  riskParameterItems,
];

/** Extra About blocks from areas (RFM rule table, loss-rate matrix); placed after the parameters. */
export const ABOUT_PANELS: ((a: Analysis) => Omit<Block, "row" | "col">[])[] = [segmentRulesPanel, creditAboutPanel];

export function buildAboutSheet(a: Analysis, source: SourceInfo): SheetSpec {
  const left = new Column(0, 0);
  left.add<TextBlock>({ kind: "text", text: `${PRODUCT_NAME} ${PRODUCT_VERSION} — about this report`, style: "title" });
  left.add<TextBlock>({
    kind: "text",
    text: "These tabs hold values and native Excel formulas only: they recalculate without the add-in. Tabs named KA … are replaced when the analysis is re-run.",
    style: "note",
  });
  left.add<KeyValueBlock>({
    kind: "keyValue",
    title: "Parameters",
    items: PARAMETER_ITEMS.flatMap((p) => p(a)),
  });
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
  if (a.ledger.currencyTotals) {
    left.add<TableBlock>({
      kind: "table",
      name: "KACurrencies",
      columns: [{ header: "Currency" }, { header: "Net revenue", numberFormat: NumberFormat.money }],
      rows: a.ledger.currencyTotals.map((c) => [c.currency, c.revenue]),
      style: "TableStyleLight9",
    });
  }
  const notes = [...a.ledger.notes, ...a.warnings.map((w) => w.message)];
  if (source.skippedCharts && source.skippedCharts.length > 0) {
    notes.push(`Charts not drawn by this writer (open the report from the task pane in Excel for charts): ${source.skippedCharts.join(", ")}.`);
  }
  if (notes.length > 0) {
    left.add<TextBlock>({ kind: "text", text: "Notes", style: "heading" });
    for (const n of notes) left.add<TextBlock>({ kind: "text", text: n, style: "note" });
  }
  for (const panel of ABOUT_PANELS) for (const b of panel(a)) left.add(b);
  const kept = a.ledger.excluded;
  const total = a.ledger.read - a.ledger.used;
  left.add<TextBlock>({
    kind: "text",
    text: kept.length < total ? `Excluded rows (first ${kept.length} of ${total}; the first rows of each reason)` : `Excluded rows (${total})`,
    style: "heading",
  });
  const rows: Cell[][] = kept.length > 0 ? kept.map((e) => [e.row, e.reason, e.detail]) : [[null, "none", ""]];
  left.add<TableBlock>({
    kind: "table",
    name: "KAExcluded",
    columns: [{ header: "Row", numberFormat: NumberFormat.integer }, { header: "Reason" }, { header: "Detail" }],
    rows,
    style: "TableStyleLight15",
  });
  return { name: "KA About", role: "about", blocks: left.blocks, columnWidths: [44, 28, 60], tabColor: "7F7F7F" };
}
