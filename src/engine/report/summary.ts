import type { Analysis } from "../analysis/types";
import { excelSerialFromDay, isoFromDay } from "../day";
import { ACCOUNTS_TABLE, TOTAL_POSITIVE } from "./accounts";
import { Column } from "./layout";
import { behaviourSummaryGroup } from "./behaviour";
import { clvSummaryGroup } from "./clv";
import { column, num, str } from "./refs";
import type { Block, Cell, ChartBlock, KeyValueBlock, SheetSpec, TableBlock, TextBlock } from "./types";
import { NumberFormat } from "./types";
import { creditSummaryGroup } from "./credit";
import { riskSummaryGroup } from "./risk";

export type KeyValueItem = KeyValueBlock["items"][number];

/** A titled group of headline figures on the Summary tab. Areas contribute groups through SUMMARY_GROUPS. */
export interface SummaryGroup {
  title: string;
  items: KeyValueItem[];
}

const A = (name: string) => column(ACCOUNTS_TABLE, name);
const positiveCount = `COUNTIF(${A("Revenue")},">0")`;

/** Share of the n largest customers, as a formula over the Accounts table (ranks are unique). */
export function crFormula(n: number): string {
  return `SUMIFS(${A("Revenue")},${A("Rank")},"<="&${num(n)},${A("Revenue")},">0")/${TOTAL_POSITIVE}`;
}

function concentrationGroup(a: Analysis): SummaryGroup | undefined {
  const k = a.concentration;
  if (!k) return undefined;
  const [low, high] = a.params.hhiGuidelines === 2010 ? [1500, 2500] : [1000, 1800];
  return {
    title: "Concentration",
    items: [
      { label: "HHI (0–10 000)", value: { formula: `SUMSQ(${A("Share")})*10000`, value: k.hhi }, numberFormat: "#,##0", name: "KA_HHI", note: "10 000 · Σ share²" },
      {
        label: "HHI band",
        value: { formula: `IF(KA_HHI<${low},${str("unconcentrated")},IF(KA_HHI<=${high},${str("moderately concentrated")},${str("highly concentrated")}))`, value: k.band },
        note: `antitrust yardsticks borrowed (${a.params.hhiGuidelines === 2010 ? "2010 Guidelines: 1500/2500" : "1000/1800"}); no customer-risk standard exists`,
      },
      { label: "Effective number of customers", value: { formula: "10000/KA_HHI", value: k.effectiveCustomers }, numberFormat: "0.0", note: "10 000 / HHI" },
      { label: "Top customer share (CR1)", value: { formula: crFormula(1), value: k.cr1 }, numberFormat: NumberFormat.percent },
      { label: "Top 5 share (CR5)", value: { formula: crFormula(5), value: k.cr5 }, numberFormat: NumberFormat.percent },
      { label: "Top 10 share (CR10)", value: { formula: crFormula(10), value: k.cr10 }, numberFormat: NumberFormat.percent },
      {
        label: "Gini coefficient",
        // Σ (n + 1 − 2·rank)·x / (n Σx) over positive customers: the ascending-order formula with rank = n + 1 − i.
        value: {
          formula: `SUMPRODUCT((${A("Revenue")}>0)*(${positiveCount}+1-2*${A("Rank")}),${A("Revenue")})/(${positiveCount}*${TOTAL_POSITIVE})`,
          value: k.gini,
        },
        numberFormat: NumberFormat.decimal,
      },
      {
        label: `Customers making ${Math.round(k.pareto.threshold * 100)}% of revenue`,
        value: { formula: `MIN(${positiveCount},COUNTIF(${A("Cumulative share")},"<"&KA_Pareto)+1)`, value: k.pareto.customers },
        numberFormat: NumberFormat.integer,
        name: "KA_ParetoCustomers",
      },
      { label: "… as a share of customers", value: { formula: `KA_ParetoCustomers/${positiveCount}`, value: k.pareto.fraction }, numberFormat: NumberFormat.percent },
      { label: "Customers ≥ 10% of revenue (disclose)", value: { formula: `COUNTIF(${A("Disclose (≥10%)")},TRUE)`, value: countDisclosed(a) }, numberFormat: NumberFormat.integer, note: "SEC Regulation S-K / ASC 280 major-customer line" },
      { label: "ABC: A customers", value: { formula: `COUNTIF(${A("ABC")},"A")`, value: k.abcCounts.A }, numberFormat: NumberFormat.integer },
      { label: "ABC: B customers", value: { formula: `COUNTIF(${A("ABC")},"B")`, value: k.abcCounts.B }, numberFormat: NumberFormat.integer },
      { label: "ABC: C customers", value: { formula: `COUNTIF(${A("ABC")},"C")`, value: k.abcCounts.C }, numberFormat: NumberFormat.integer },
    ],
  };
}

function countDisclosed(a: Analysis): number {
  let n = 0;
  const d = a.concentration?.disclosure;
  if (d) for (let i = 0; i < d.length; i++) n += d[i];
  return n;
}

function headlineGroup(a: Analysis): SummaryGroup {
  const k = a.concentration;
  return {
    title: "Ledger",
    items: [
      { label: "As-of date", value: { formula: "KA_AsOf", value: excelSerialFromDay(a.asOf) }, numberFormat: NumberFormat.date },
      { label: "Customers", value: { formula: `ROWS(${A("Customer")})`, value: a.customers.n }, numberFormat: NumberFormat.integer, note: "with at least one used row" },
      { label: "Net revenue", value: { formula: `SUM(${A("Revenue")})`, value: a.revenue }, numberFormat: NumberFormat.money, note: "credit notes deducted" },
      {
        label: "Customers with net revenue ≤ 0",
        value: { formula: `COUNTIF(${A("Revenue")},"<=0")`, value: k ? k.nonPositiveCustomers : a.customers.n },
        numberFormat: NumberFormat.integer,
        note: "reported, never in shares",
      },
      { label: "Rows read", value: a.ledger.read, numberFormat: NumberFormat.integer },
      { label: "Rows used", value: a.ledger.used, numberFormat: NumberFormat.integer },
      { label: "Rows excluded", value: a.ledger.read - a.ledger.used, numberFormat: NumberFormat.integer, note: "reasons and rows on KA About" },
    ],
  };
}


/** Headline groups in order; areas append theirs (RFM, retention, CLV, credit, alerts). */
export const SUMMARY_GROUPS: ((a: Analysis) => SummaryGroup | undefined)[] = [headlineGroup, concentrationGroup, behaviourSummaryGroup, clvSummaryGroup, creditSummaryGroup, riskSummaryGroup];

/** Right-hand blocks (tables and charts); areas append theirs. Each returns blocks without positions. */
export const SUMMARY_PANELS: ((a: Analysis) => Omit<Block, "row" | "col">[])[] = [revenueAtRiskPanel, topCustomersPanel, lorenzPanel];

function revenueAtRiskPanel(a: Analysis): Omit<Block, "row" | "col">[] {
  const k = a.concentration;
  if (!k) return [];
  const table: Omit<TableBlock, "row" | "col"> = {
    kind: "table",
    name: "KARevenueAtRisk",
    columns: [
      { header: "Largest customers lost", numberFormat: NumberFormat.integer },
      { header: "Revenue share lost", numberFormat: NumberFormat.percent },
    ],
    rows: k.revenueAtRisk.map((r) => [r.k, { formula: crFormula(r.k), value: r.share }]),
    style: "TableStyleLight9",
  };
  return [{ kind: "text", text: "Revenue at risk", style: "heading" } as Omit<TextBlock, "row" | "col">, table];
}

function topCustomersPanel(a: Analysis): Omit<Block, "row" | "col">[] {
  const k = a.concentration;
  if (!k) return [];
  const top = Math.min(10, k.positiveCustomers);
  const rows: Cell[][] = [];
  for (let r = 1; r <= top; r++) {
    const c = k.order[r - 1];
    const match = `MATCH(${r},${A("Rank")},0)`;
    rows.push([
      r,
      { formula: `INDEX(${A("Customer")},${match})`, value: a.customers.names[c] },
      { formula: `INDEX(${A("Revenue")},${match})`, value: a.customers.revenue[c] },
      { formula: `INDEX(${A("Share")},${match})`, value: k.share[c] },
    ]);
  }
  return [
    { kind: "text", text: "Top customers", style: "heading" } as Omit<TextBlock, "row" | "col">,
    {
      kind: "table",
      name: "KATopCustomers",
      columns: [
        { header: "Rank", numberFormat: NumberFormat.integer },
        { header: "Customer", width: 30 },
        { header: "Revenue", numberFormat: NumberFormat.money },
        { header: "Share", numberFormat: NumberFormat.percent },
      ],
      rows,
      style: "TableStyleLight9",
    } as Omit<TableBlock, "row" | "col">,
    { kind: "chart", type: "barClustered", title: "Top customers by share", table: "KATopCustomers", columns: ["Customer", "Share"], heightRows: 14, widthCols: 6 } as Omit<ChartBlock, "row" | "col">,
  ];
}

/** At most ~100 Lorenz points: enough for the curve, small enough for the tab. */
function lorenzPanel(a: Analysis): Omit<Block, "row" | "col">[] {
  const k = a.concentration;
  if (!k) return [];
  const n = k.lorenz.x.length - 1;
  const step = Math.max(1, Math.ceil(n / 100));
  const rows: Cell[][] = [];
  for (let i = 0; i <= n; i += step) rows.push([k.lorenz.x[i], k.lorenz.y[i]]);
  if ((n % step) !== 0) rows.push([k.lorenz.x[n], k.lorenz.y[n]]);
  return [
    { kind: "text", text: "Lorenz curve (customers ascending by revenue)", style: "heading" } as Omit<TextBlock, "row" | "col">,
    { kind: "chart", type: "scatterLines", title: "Lorenz curve", table: "KALorenz", columns: ["Customers (cumulative)", "Revenue (cumulative)"], heightRows: 16, widthCols: 6 } as Omit<ChartBlock, "row" | "col">,
    {
      kind: "table",
      name: "KALorenz",
      columns: [
        { header: "Customers (cumulative)", numberFormat: NumberFormat.percent },
        { header: "Revenue (cumulative)", numberFormat: NumberFormat.percent },
      ],
      rows,
      style: "TableStyleLight1",
    } as Omit<TableBlock, "row" | "col">,
  ];
}

export function buildSummarySheet(a: Analysis, sourceLabel: string): SheetSpec {
  const left = new Column(0, 0);
  left.add<TextBlock>({ kind: "text", text: "KA Risk — key-account summary", style: "title" });
  left.add<TextBlock>({ kind: "text", text: `As of ${isoFromDay(a.asOf)} · ${sourceLabel}`, style: "note" });
  for (const g of SUMMARY_GROUPS) {
    const group = g(a);
    if (group) left.add<KeyValueBlock>({ kind: "keyValue", title: group.title, items: group.items });
  }
  if (a.warnings.length > 0) {
    left.add<TextBlock>({ kind: "text", text: "Warnings", style: "heading" });
    for (const w of a.warnings) left.add<TextBlock>({ kind: "text", text: w.message, style: "note" });
  }
  const right = new Column(2, 4);
  for (const panel of SUMMARY_PANELS) for (const b of panel(a)) right.add(b);
  return {
    name: "KA Summary",
    role: "summary",
    blocks: [...left.blocks, ...right.blocks],
    columnWidths: [38, 24, 46, 3, 22, 30, 16, 12],
    tabColor: "1F4E79",
  };
}
