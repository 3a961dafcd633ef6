/**
 * Concentration on the report (docs/metrics.md "Concentration"): the Accounts columns share, cumulative share, rank,
 * ABC class and disclosure flag as native formulas over the Revenue column; the Summary's HHI, CR1/5/10, Gini,
 * Pareto and ABC counts; revenue at risk, the top customers and the Lorenz curve (tables and charts); JSON
 * `concentration`.
 */
import type { AccountGroupDef, AccountRefs, ChartDef, PanelSource, ReportContext, SummaryGroupSource, TableDef } from "../model";
import { jsonSection } from "../model";
import { num, str } from "../refs";
import { tableBlock } from "../tables";
import type { Cell } from "../types";
import { NumberFormat } from "../types";

/** Total positive net revenue, the denominator of every share. */
export function totalPositive(f: AccountRefs): string {
  return `SUMIF(${f.column("revenue")},">0")`;
}

/** Share of the n largest customers, as a formula over the Accounts table (ranks are unique). */
export function crFormula(f: AccountRefs, n: number): string {
  return `SUMIFS(${f.column("revenue")},${f.column("rank")},"<="&${num(n)},${f.column("revenue")},">0")/${totalPositive(f)}`;
}

export const concentrationColumns = {
  id: "concentration",
  title: "Concentration",
  applies: (a) => a.concentration !== undefined,
  columns: [
    {
      key: "share",
      header: "Share",
      type: "number",
      numberFormat: NumberFormat.percent,
      width: 9,
      values: (a) => (c) => a.concentration?.share[c],
      formula: (f) => `IF(${f.thisRow("revenue")}>0,${f.thisRow("revenue")}/${totalPositive(f)},"")`,
    },
    {
      key: "cumShare",
      header: "Cumulative share",
      type: "number",
      numberFormat: NumberFormat.percent,
      width: 11,
      values: (a) => (c) => a.concentration?.cumShare[c],
      // Ranks are unique, so the running total does not depend on how a colleague sorts the table.
      formula: (f) =>
        `IF(${f.thisRow("revenue")}>0,SUMIFS(${f.column("revenue")},${f.column("rank")},"<="&${f.thisRow("rank")},${f.column("revenue")},">0")/${totalPositive(f)},"")`,
    },
    { key: "rank", header: "Rank", type: "number", numberFormat: NumberFormat.integer, width: 7, values: (a) => (c) => a.concentration?.rank[c] },
    {
      key: "abc",
      header: "ABC",
      type: "text",
      width: 6,
      values: (a) => (c) => a.concentration?.abc[c] ?? undefined,
      // cumPrev = share of the customers ranked above; thresholds are parameter cells on KA About.
      formula: (f) => {
        const before = `SUMIFS(${f.column("revenue")},${f.column("rank")},"<"&${f.thisRow("rank")},${f.column("revenue")},">0")/${totalPositive(f)}`;
        return `IF(${f.thisRow("revenue")}>0,IF(${before}<KA_ABC_A,"A",IF(${before}<KA_ABC_B,"B","C")),"")`;
      },
    },
    {
      key: "disclosure",
      header: "Disclose (≥10%)",
      type: "boolean",
      width: 10,
      values: (a) => {
        const k = a.concentration;
        return (c) => (k && k.share[c] > 0 ? k.disclosure[c] === 1 : undefined);
      },
      formula: (f) => `IF(${f.thisRow("revenue")}>0,${f.thisRow("share")}>=0.1,"")`,
    },
  ],
} as const satisfies AccountGroupDef;

export const concentrationSummary: SummaryGroupSource = (ctx) => {
  const { a, accounts: f, t } = ctx;
  const k = a.concentration;
  if (!k) {
    // Nothing to share out: say so where the shares would be, with the denominator that is missing.
    let positive = 0;
    for (let c = 0; c < a.customers.n; c++) if (a.customers.revenue[c] > 0) positive += a.customers.revenue[c];
    return {
      title: t("Concentration"),
      items: [
        {
          label: t("Positive net revenue to share out"),
          value: { formula: totalPositive(f), value: positive },
          numberFormat: NumberFormat.money,
          note: t("none: every customer's net revenue is ≤ 0, so there are no shares, HHI, CR, Gini, Pareto or ABC classes"),
        },
      ],
    };
  }
  const positiveCount = `COUNTIF(${f.column("revenue")},">0")`;
  let disclosed = 0;
  for (let i = 0; i < k.disclosure.length; i++) disclosed += k.disclosure[i];
  return {
    title: t("Concentration"),
    items: [
      { label: t("HHI (0–10 000)"), value: { formula: `SUMSQ(${f.column("share")})*10000`, value: k.hhi }, numberFormat: "#,##0", name: "KA_HHI", note: t("10 000 · Σ share²") },
      {
        label: t("HHI band"),
        value: { formula: hhiBandFormula(ctx, "KA_HHI"), value: ctx.m.common.hhiBand[k.band] },
        note: t("antitrust yardsticks borrowed ({lines}); no customer-risk standard exists", { lines: a.params.hhiGuidelines === 2010 ? t("2010 Guidelines: 1500/2500") : "1000/1800" }),
      },
      { label: t("Effective number of customers"), value: { formula: "10000/KA_HHI", value: k.effectiveCustomers }, numberFormat: "0.0", note: t("10 000 / HHI") },
      { label: t("Top customer share (CR1)"), value: { formula: crFormula(f, 1), value: k.cr1 }, numberFormat: NumberFormat.percent },
      { label: t("Top 5 share (CR5)"), value: { formula: crFormula(f, 5), value: k.cr5 }, numberFormat: NumberFormat.percent },
      { label: t("Top 10 share (CR10)"), value: { formula: crFormula(f, 10), value: k.cr10 }, numberFormat: NumberFormat.percent },
      {
        label: t("Gini coefficient"),
        // Σ (n + 1 − 2·rank)·x / (n Σx) over positive customers: the ascending-order formula with rank = n + 1 − i.
        value: {
          formula: `SUMPRODUCT((${f.column("revenue")}>0)*(${positiveCount}+1-2*${f.column("rank")}),${f.column("revenue")})/(${positiveCount}*${totalPositive(f)})`,
          value: k.gini,
        },
        numberFormat: NumberFormat.decimal,
      },
      {
        label: t("Customers making {threshold}% of revenue", { threshold: Math.round(k.pareto.threshold * 100) }),
        value: { formula: `MIN(${positiveCount},COUNTIF(${f.column("cumShare")},"<"&KA_Pareto)+1)`, value: k.pareto.customers },
        numberFormat: NumberFormat.integer,
        name: "KA_ParetoCustomers",
      },
      { label: t("… as a share of customers"), value: { formula: `KA_ParetoCustomers/${positiveCount}`, value: k.pareto.fraction }, numberFormat: NumberFormat.percent },
      {
        label: t("Customers ≥ 10% of revenue (disclose)"),
        value: { formula: `COUNTIF(${f.column("disclosure")},${str(ctx.m.common.yes)})`, value: disclosed },
        numberFormat: NumberFormat.integer,
        note: t("SEC Regulation S-K / ASC 280 major-customer line"),
      },
      { label: t("ABC: A customers"), value: { formula: `COUNTIF(${f.column("abc")},"A")`, value: k.abcCounts.A }, numberFormat: NumberFormat.integer },
      { label: t("ABC: B customers"), value: { formula: `COUNTIF(${f.column("abc")},"B")`, value: k.abcCounts.B }, numberFormat: NumberFormat.integer },
      { label: t("ABC: C customers"), value: { formula: `COUNTIF(${f.column("abc")},"C")`, value: k.abcCounts.C }, numberFormat: NumberFormat.integer },
    ],
  };
};

export const REVENUE_AT_RISK_TABLE: TableDef = {
  name: "KARevenueAtRisk",
  style: "TableStyleLight9",
  columns: [
    { key: "k", header: "Largest customers lost", numberFormat: NumberFormat.integer },
    { key: "shareLost", header: "Revenue share lost", numberFormat: NumberFormat.percent },
  ],
};

export const TOP_CUSTOMERS_TABLE: TableDef = {
  name: "KATopCustomers",
  style: "TableStyleLight9",
  columns: [
    { key: "rank", header: "Rank", numberFormat: NumberFormat.integer },
    { key: "customer", header: "Customer", width: 30 },
    { key: "revenue", header: "Revenue", numberFormat: NumberFormat.money },
    { key: "share", header: "Share", numberFormat: NumberFormat.percent },
  ],
};

export const LORENZ_TABLE: TableDef = {
  name: "KALorenz",
  style: "TableStyleLight1",
  columns: [
    { key: "customers", header: "Customers (cumulative)", numberFormat: NumberFormat.percent },
    { key: "revenue", header: "Revenue (cumulative)", numberFormat: NumberFormat.percent },
    // The diagonal of perfect equality, drawn beside the curve so a reader sees how far it bows.
    { key: "equality", header: "Equal shares", numberFormat: NumberFormat.percent },
  ],
};

export const TOP_CUSTOMERS_CHART: ChartDef = {
  id: "topCustomers",
  type: "barClustered",
  title: "Top customers by share",
  table: TOP_CUSTOMERS_TABLE,
  columns: ["customer", "share"],
  categoryAxis: { title: "Customer" },
  valueAxis: { title: "Share of net revenue", numberFormat: "0%", min: 0 },
  dataLabels: "0.0%",
  heightRows: 14,
  widthCols: 6,
};

export const LORENZ_CHART: ChartDef = {
  id: "lorenz",
  type: "scatterLines",
  title: "Lorenz curve",
  table: LORENZ_TABLE,
  columns: ["customers", "revenue", "equality"],
  categoryAxis: { title: "Share of customers (smallest first)", numberFormat: "0%", min: 0, max: 1 },
  valueAxis: { title: "Share of net revenue", numberFormat: "0%", min: 0, max: 1 },
  heightRows: 16,
  widthCols: 6,
};

/** The band of an HHI cell as a formula, in the report's words (the band lines follow the guidelines in force). */
export function hhiBandFormula(ctx: ReportContext, hhi: string): string {
  const [low, high] = ctx.a.params.hhiGuidelines === 2010 ? [1500, 2500] : [1000, 1800];
  const w = ctx.m.common.hhiBand;
  return `IF(${hhi}<${low},${str(w.unconcentrated)},IF(${hhi}<=${high},${str(w["moderately concentrated"])},${str(w["highly concentrated"])}))`;
}

export const revenueAtRiskPanel: PanelSource = (ctx) => {
  const k = ctx.a.concentration;
  if (!k) return [];
  const rows: Cell[][] = k.revenueAtRisk.map((r) => [r.k, { formula: crFormula(ctx.accounts, r.k), value: r.share }]);
  return [{ kind: "text", text: ctx.t("Revenue at risk"), style: "heading" }, tableBlock(ctx, REVENUE_AT_RISK_TABLE, rows)];
};

/** The ten largest customers, by formulas over the Accounts table (the Summary's chart reads them). */
export function topCustomerRows(ctx: ReportContext): Cell[][] {
  const { a, accounts: f } = ctx;
  const k = a.concentration;
  if (!k) return [];
  const top = Math.min(10, k.positiveCustomers);
  const rows: Cell[][] = [];
  for (let r = 1; r <= top; r++) {
    const c = k.order[r - 1];
    const match = `MATCH(${r},${f.column("rank")},0)`;
    rows.push([
      r,
      { formula: `INDEX(${f.column("customer")},${match})`, value: a.customers.names[c] },
      { formula: `INDEX(${f.column("revenue")},${match})`, value: a.customers.revenue[c] },
      { formula: `INDEX(${f.column("share")},${match})`, value: k.share[c] },
    ]);
  }
  return rows;
}

/** At most ~100 Lorenz points: enough for the curve, few enough to stay light; with the equality diagonal. */
export function lorenzRows(ctx: ReportContext): Cell[][] {
  const k = ctx.a.concentration;
  if (!k) return [];
  const n = k.lorenz.x.length - 1;
  const step = Math.max(1, Math.ceil(n / 100));
  const rows: Cell[][] = [];
  for (let i = 0; i <= n; i += step) rows.push([k.lorenz.x[i], k.lorenz.y[i], k.lorenz.x[i]]);
  if (n % step !== 0) rows.push([k.lorenz.x[n], k.lorenz.y[n], k.lorenz.x[n]]);
  return rows;
}

/** JSON `concentration{hhi,band,cr1,cr5,cr10,gini,effectiveCustomers,pareto,positiveCustomers,nonPositiveCustomers,abc}`. */
export const concentrationJson = jsonSection("concentration", (a) => {
  const k = a.concentration;
  if (!k) return null;
  return {
    hhi: k.hhi,
    band: k.band,
    cr1: k.cr1,
    cr5: k.cr5,
    cr10: k.cr10,
    gini: k.gini,
    effectiveCustomers: k.effectiveCustomers,
    pareto: { threshold: k.pareto.threshold, customers: k.pareto.customers, fraction: k.pareto.fraction },
    positiveCustomers: k.positiveCustomers,
    nonPositiveCustomers: k.nonPositiveCustomers,
    abc: { ...k.abcCounts },
  };
});
