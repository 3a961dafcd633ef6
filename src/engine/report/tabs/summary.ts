/**
 * KA Summary: one printed A4 page a finance reader acts on. First the key findings (src/engine/findings), each a
 * sentence linked to the rows behind it, with its number; then the headline figures beside the top-customer chart.
 * Every area's detailed figure groups, the model parameters and diagnostics are on KA About; the chart data (top
 * customers, Lorenz points) sits in hidden helper columns to the right.
 */
import { excelSerialFromDay, isoFromDay } from "../../day";
import type { Finding } from "../../findings/types";
import { crFormula, LORENZ_TABLE, lorenzRows, TOP_CUSTOMERS_CHART, TOP_CUSTOMERS_TABLE, topCustomerRows } from "../areas/concentration";
import { ALERTS_TABLE } from "../areas/risk";
import { hhiBandFormula } from "../areas/concentration";
import type { KeyValueItem, ReportContext, TabDef } from "../model";
import { printSetup, sourceLabel, textWidth } from "../print";
import { str } from "../refs";
import { chartBlock, tableBlock } from "../tables";
import type { Block, KeyValueBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

/** Columns A–F hold a finding's sentence (merged, wrapped), G its short name, H its number. */
const SENTENCE_COLS = 6;
const WIDTHS = [34, 16, 16, 16, 16, 16, 24, 16];
/** Hidden helper columns for chart data, from K. */
const HELPER_COL = 10;
const HELPER_WIDTHS = [6, 30, 14, 9, 3, 12, 12, 12];

/** Findings whose number is a named cell of the report (the credit figures on KA About and KA Aging). */
const FINDING_CELLS: Partial<Record<Finding["code"], string>> = { receivablesOverdue: "KA_Overdue", expectedLoss: "KA_ECL" };

/** The name a finding's link goes to: defined once every tab is placed (report/finding-links.ts). */
export function findingLinkName(i: number): string {
  return `KA_Finding${i + 1}`;
}

function findingFormat(f: Finding): string {
  switch (f.unit) {
    case "percent":
      return NumberFormat.percent;
    case "money":
      return NumberFormat.money;
    default:
      return NumberFormat.integer;
  }
}

/** The headline figures: formulas over the Accounts and Alerts tables and the named cells of the detail groups. */
function headline(ctx: ReportContext): KeyValueItem[] {
  const { a, t, m, accounts: f } = ctx;
  const items: KeyValueItem[] = [
    { label: t("As-of date"), value: { formula: "KA_AsOf", value: excelSerialFromDay(a.asOf) }, numberFormat: NumberFormat.date },
    { label: m.currency.label, value: a.params.currency ?? m.currency.unknown },
    { label: t("Customers"), value: { formula: `ROWS(${f.column("customer")})`, value: a.customers.n }, numberFormat: NumberFormat.integer },
    { label: t("Net revenue"), value: { formula: `SUM(${f.column("revenue")})`, value: a.revenue }, numberFormat: NumberFormat.money },
  ];
  const k = a.concentration;
  if (k) {
    let disclosed = 0;
    for (let i = 0; i < k.disclosure.length; i++) disclosed += k.disclosure[i];
    items.push(
      { label: t("HHI (0–10 000)"), value: { formula: "KA_HHI", value: k.hhi }, numberFormat: NumberFormat.integer, link: { sheet: "about" } },
      { label: t("HHI band"), value: { formula: hhiBandFormula(ctx, "KA_HHI"), value: m.common.hhiBand[k.band] } },
      { label: t("Top customer share (CR1)"), value: { formula: crFormula(f, 1), value: k.cr1 }, numberFormat: NumberFormat.percent },
      { label: t("Top 5 share (CR5)"), value: { formula: crFormula(f, 5), value: k.cr5 }, numberFormat: NumberFormat.percent },
      {
        label: t("Customers ≥ 10% of revenue (disclose)"),
        value: { formula: `COUNTIF(${f.column("disclosure")},${str(m.common.yes)})`, value: disclosed },
        numberFormat: NumberFormat.integer,
        link: { sheet: "accounts" },
      },
    );
  }
  const c = a.credit;
  if (c) {
    items.push(
      { label: t("Receivables (open balance)"), value: { formula: "KA_Receivables", value: c.receivables }, numberFormat: NumberFormat.money, link: { sheet: "aging" } },
      { label: t("Overdue"), value: { formula: "KA_Overdue", value: c.overdueTotal }, numberFormat: NumberFormat.money, link: { sheet: "aging" } },
      { label: t("Expected credit loss"), value: { formula: "KA_ECL", value: c.ecl }, numberFormat: NumberFormat.money, link: { sheet: "aging" } },
    );
  }
  const r = a.risk;
  if (r) {
    const high = r.alerts.filter((x) => x.severity === "high").length;
    items.push(
      {
        label: t("High-severity alerts"),
        value: { formula: `COUNTIF(${ctx.table(ALERTS_TABLE).column("severity")},${str(m.common.severity.high)})`, value: high },
        numberFormat: NumberFormat.integer,
        link: { sheet: "alerts" },
      },
      { label: t("Strategic accounts"), value: { formula: `COUNTIF(${f.column("tier")},${str(m.common.tier.Strategic)})`, value: r.tierCounts.Strategic }, numberFormat: NumberFormat.integer },
    );
  }
  return items;
}

export const summaryTab: TabDef = {
  role: "summary",
  name: "KA Summary",
  build(ctx) {
    const { a, t, m } = ctx;
    const blocks: Block[] = [];
    const rowHeights: { row: number; height: number }[] = [];
    const sentenceWidth = WIDTHS.slice(0, SENTENCE_COLS).reduce((s, w) => s + w, 0) - 4;
    blocks.push({ kind: "text", row: 0, col: 0, text: t("KA Risk — key-account summary"), style: "title", mergeCols: 8 } as TextBlock);
    const sub = [t("As of {date}", { date: isoFromDay(a.asOf) }), sourceLabel(ctx)];
    if (a.params.currency) sub.push(t("amounts in {currency}", { currency: a.params.currency }));
    blocks.push({ kind: "text", row: 1, col: 0, text: sub.join(" · "), style: "note", mergeCols: 8 } as TextBlock);

    let row = 3;
    blocks.push({ kind: "text", row, col: 0, text: m.findings.title, style: "heading", mergeCols: SENTENCE_COLS } as TextBlock);
    row++;
    (a.findings ?? []).forEach((f, i) => {
      const text = `${i + 1}. ${f.text}`;
      const link = { name: findingLinkName(i) };
      // The link is on the finding's number: a cell holding a link is not wrapped by LibreOffice (it becomes a field).
      blocks.push({ kind: "text", row, col: 0, text, mergeCols: SENTENCE_COLS, wrap: true } as TextBlock);
      const label = f.code === "alerts" && !a.risk?.alerts.some((x) => x.severity === "high") ? t("Alerts") : m.findings.label[f.code];
      // A number that is a named cell of the report follows it (an edited loss rate moves the allowance here too).
      const named = FINDING_CELLS[f.code];
      const value = named && a.credit ? { formula: named, value: f.value } : f.value;
      blocks.push({ kind: "keyValue", row, col: SENTENCE_COLS, wrap: true, items: [{ label, value, numberFormat: findingFormat(f), link }] } as KeyValueBlock);
      const lines = Math.max(1, Math.ceil(textWidth(text) / sentenceWidth));
      // Excel's tallest row is 409 points (a customer name of thousands of characters would ask for more).
      rowHeights.push({ row, height: Math.min(409, 15 * lines + 3) });
      row++;
    });

    row++;
    const figures: KeyValueBlock = { kind: "keyValue", row, col: 0, title: t("Headline figures"), items: headline(ctx) };
    blocks.push(figures);
    const k = a.concentration;
    let last = row + 1 + figures.items.length;
    if (k) {
      // Chart data in hidden helper columns: the chart reads them, the page does not list them.
      blocks.push({ ...tableBlock(ctx, TOP_CUSTOMERS_TABLE, topCustomerRows(ctx)), row: 0, col: HELPER_COL } as Block);
      blocks.push({ ...tableBlock(ctx, LORENZ_TABLE, lorenzRows(ctx)), row: 0, col: HELPER_COL + 5 } as Block);
      const chartRows = Math.max(16, figures.items.length + 1);
      blocks.push({ ...chartBlock(ctx, TOP_CUSTOMERS_CHART), row, col: 3, widthCols: 5, heightRows: chartRows } as Block);
      last = Math.max(last, row + chartRows);
    }
    const lastCol = WIDTHS.length - 1;
    return {
      blocks,
      columnWidths: [...WIDTHS, 3, 3, ...HELPER_WIDTHS],
      hiddenColumns: k ? [{ from: HELPER_COL, to: HELPER_COL + HELPER_WIDTHS.length - 1 }] : undefined,
      rowHeights,
      showGridLines: false,
      tabColor: "1F4E79",
      ...printSetup(ctx, { onePage: true, printArea: { row: 0, col: 0, rows: last + 1, cols: lastCol + 1 } }),
    };
  },
};
