/**
 * The ledger itself on the report: the identity columns of Accounts (customer, revenue, invoices, first and last
 * purchase), the Summary's headline figures, the general parameters on About, and the JSON's `asOf`, `rows`,
 * `customers`, `revenue`, `currencies` and `warnings`.
 */
import { excelSerialFromDay, isoFromDay } from "../../day";
import { NO_DAY } from "../../ledger/types";
import type { AccountGroupDef, JsonSection, ParameterSource, SummaryGroupSource } from "../model";
import { jsonSection } from "../model";
import { NumberFormat } from "../types";

const day = (d: number) => (d === NO_DAY ? undefined : d);

export const identityColumns = {
  id: "identity",
  title: "Customer",
  applies: () => true,
  columns: [
    { key: "customer", header: "Customer", type: "text", width: 32, values: (a) => (c) => a.customers.names[c] },
    { key: "revenue", header: "Revenue", type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.customers.revenue[c] },
    { key: "invoices", header: "Invoices", type: "number", numberFormat: NumberFormat.integer, width: 10, values: (a) => (c) => a.customers.invoices[c] },
    { key: "firstPurchase", header: "First purchase", type: "date", numberFormat: NumberFormat.date, width: 13, values: (a) => (c) => day(a.customers.firstPurchase[c]) },
    { key: "lastPurchase", header: "Last purchase", type: "date", numberFormat: NumberFormat.date, width: 13, values: (a) => (c) => day(a.customers.lastPurchase[c]) },
  ],
} as const satisfies AccountGroupDef;

export const ledgerSummary: SummaryGroupSource = ({ a, accounts: f, t }) => {
  const k = a.concentration;
  return {
    title: t("Ledger"),
    items: [
      { label: t("As-of date"), value: { formula: "KA_AsOf", value: excelSerialFromDay(a.asOf) }, numberFormat: NumberFormat.date },
      { label: t("Customers"), value: { formula: `ROWS(${f.column("customer")})`, value: a.customers.n }, numberFormat: NumberFormat.integer, note: t("with at least one used row") },
      { label: t("Net revenue"), value: { formula: `SUM(${f.column("revenue")})`, value: a.revenue }, numberFormat: NumberFormat.money, note: t("credit notes deducted") },
      {
        label: t("Customers with net revenue ≤ 0"),
        value: { formula: `COUNTIF(${f.column("revenue")},"<=0")`, value: k ? k.nonPositiveCustomers : a.customers.n },
        numberFormat: NumberFormat.integer,
        note: t("reported, never in shares"),
      },
      { label: t("Rows read"), value: a.ledger.read, numberFormat: NumberFormat.integer },
      { label: t("Rows used"), value: a.ledger.used, numberFormat: NumberFormat.integer },
      { label: t("Rows excluded"), value: a.ledger.read - a.ledger.used, numberFormat: NumberFormat.integer, note: t("reasons and rows on KA About") },
    ],
  };
};

export const generalParameters: ParameterSource = ({ a, t }) => [
  { label: t("As-of date"), value: excelSerialFromDay(a.asOf), numberFormat: NumberFormat.date, name: "KA_AsOf", note: t("given, or the ledger's latest date") },
  { label: t("ABC: A while cumulative share before <"), value: a.params.abcA, numberFormat: NumberFormat.percent, name: "KA_ABC_A" },
  { label: t("ABC: B while cumulative share before <"), value: a.params.abcB, numberFormat: NumberFormat.percent, name: "KA_ABC_B" },
  { label: t("Pareto threshold"), value: a.params.paretoThreshold, numberFormat: NumberFormat.percent, name: "KA_Pareto" },
  { label: t("HHI bands"), value: a.params.hhiGuidelines === 2010 ? "2010 (1500/2500)" : "2023 (1000/1800)", name: "KA_HHIBands" },
  { label: t("Model time unit"), value: a.params.unit, name: "KA_Unit" },
  { label: t("RFM bins"), value: a.params.bins, numberFormat: NumberFormat.integer, name: "KA_Bins" },
  { label: t("RFM frequency counts"), value: a.params.frequencyBy, name: "KA_FrequencyBy" },
  { label: t("RFM monetary"), value: a.params.monetaryBy, name: "KA_MonetaryBy" },
  { label: t("CLV horizon (months)"), value: a.params.clvMonths, numberFormat: NumberFormat.integer, name: "KA_ClvMonths" },
  { label: t("CLV monthly discount rate"), value: a.params.monthlyDiscount, numberFormat: "0.00%", name: "KA_MonthlyDiscount" },
  { label: t("Model penalizer (L2)"), value: a.params.penalizer, name: "KA_Penalizer" },
];

/** JSON `asOf`, `rows{read,used,excluded,reasons}`, `customers`, `revenue`, `currencies` (several only), `warnings`. */
export const ledgerJson: JsonSection[] = [
  jsonSection("asOf", (a) => isoFromDay(a.asOf)),
  jsonSection("rows", (a) => ({
    read: a.ledger.read,
    used: a.ledger.used,
    excluded: a.ledger.read - a.ledger.used,
    reasons: { ...a.ledger.excludedCounts },
  })),
  jsonSection("customers", (a) => a.customers.n),
  jsonSection("revenue", (a) => a.revenue),
];
export const currenciesJson = jsonSection("currencies", (a) => a.ledger.currencyTotals);
export const warningsJson = jsonSection("warnings", (a) => a.warnings.map((w) => ({ code: w.code, message: w.message })));
