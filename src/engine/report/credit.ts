/**
 * Credit risk on the report (SPEC §7, §9): Accounts columns (balances, lateness, the scorecard with its components
 * as native formulas, grade and suggested limit from parameter cells), the KA Aging tab (open balance per customer
 * by bucket, and the provision matrix whose loss rates are the named cells on KA About), the Summary's credit
 * figures, the About parameters (loss rates, scorecard weights, grade cut-offs, limit multipliers) with the
 * roll-rate table, and the JSON `credit` block.
 */
import type { Analysis } from "../analysis/types";
import type { CreditSection } from "../analysis/credit";
import type { AccountColumn, AccountColumnGroup } from "./accounts";
import { ACCOUNT_COLUMN_GROUPS, ACCOUNTS_TABLE } from "./accounts";
import { Column } from "./layout";
import { column, num, str, thisRow } from "./refs";
import type { KeyValueItem, SummaryGroup } from "./summary";
import type { Block, Cell, KeyValueBlock, SheetSpec, TableBlock, TextBlock } from "./types";
import { NumberFormat } from "./types";

export const AGING_TABLE = "KAAging";
export const PROVISION_TABLE = "KAProvision";

/** Accounts headers of the credit columns (formulas refer to each other by these). */
export const CH = {
  open: "Open balance",
  overdue: "Overdue",
  limit: "Credit limit",
  utilisation: "Utilisation",
  daysLate: "Avg days late",
  lateShare: "Paid late",
  terms: "Terms (days)",
  monthly: "Monthly revenue (12m)",
  sPayment: "Score: payment",
  sOverdue: "Score: overdue",
  sUtilisation: "Score: utilisation",
  sTenure: "Score: tenure",
  sTrend: "Score: trend",
  score: "Credit score",
  grade: "Grade",
  limitSuggested: "Suggested limit",
} as const;

/** Header of the "more than N days past due" column, N from the alert threshold. */
export function seriousHeader(a: Analysis): string {
  return `Overdue > ${a.params.alertThresholds.overdueDays} days`;
}

/** Defined names of the parameter cells on KA About. */
export const lossRateName = (k: number): string => `KA_LossRate_${k + 1}`;
export const WEIGHT_NAMES = { payment: "KA_W_Payment", overdue: "KA_W_Overdue", utilisation: "KA_W_Utilisation", tenure: "KA_W_Tenure", trend: "KA_W_Trend" } as const;
export const GRADE_NAMES = { A: "KA_Grade_A", B: "KA_Grade_B", C: "KA_Grade_C", D: "KA_Grade_D" } as const;
export const LIMIT_NAMES = { A: "KA_Limit_A", B: "KA_Limit_B", C: "KA_Limit_C", D: "KA_Limit_D", E: "KA_Limit_E" } as const;

const R = (name: string) => thisRow(ACCOUNTS_TABLE, name);
const C = (name: string) => column(ACCOUNTS_TABLE, name);

let scanning = false;
/**
 * Header of another area's Accounts column by its JSON key (`trend`, `pAlive`, `firstPurchase`), when that column is
 * on the tab: formulas reference it by header, and the header belongs to that area. Groups are scanned at call
 * time (never at module load, so the registry's import order does not matter); a group that asks while the scan
 * runs gets undefined, which stops the recursion through the credit and risk groups themselves.
 */
export function otherAccountHeader(a: Analysis, key: string): string | undefined {
  if (scanning) return undefined;
  scanning = true;
  try {
    for (const g of ACCOUNT_COLUMN_GROUPS) {
      const group = g(a);
      if (!group.applies) continue;
      const col = group.columns.find((c) => c.key === key);
      if (col) return col.header;
    }
    return undefined;
  } finally {
    scanning = false;
  }
}

/**
 * `IF(den=0,"",scale*num/den)` over components that may be blank: a blank component drops out and the weights of
 * the others are rescaled (SPEC §7, §8). `parts` are [cell reference, weight name].
 */
export function rescaledWeightedFormula(parts: [string, string][], scale = 1): string {
  const numer = parts.map(([cell, w]) => `IF(ISNUMBER(${cell}),${w}*${cell},0)`).join("+");
  const denom = parts.map(([cell, w]) => `IF(ISNUMBER(${cell}),${w},0)`).join("+");
  const factor = scale === 1 ? "" : `${num(scale)}*`;
  return `IF((${denom})=0,"",${factor}(${numer})/(${denom}))`;
}

/** Accounts columns of the credit area (SPEC §9 keys; extra keys: overdueSerious, creditLimit, termsDays, …). */
export function creditAccounts(a: Analysis): AccountColumnGroup {
  const k = a.credit;
  const s = k?.scores;
  const trendHeader = otherAccountHeader(a, "trend");
  const first = otherAccountHeader(a, "firstPurchase");
  const money = NumberFormat.money;
  const cols: AccountColumn[] = [
    { key: "openBalance", header: CH.open, type: "number", numberFormat: money, width: 14, value: (c) => k?.openBalance[c] },
    { key: "overdue", header: CH.overdue, type: "number", numberFormat: money, width: 13, value: (c) => k?.overdue[c] },
    { key: "overdueSerious", header: seriousHeader(a), type: "number", numberFormat: money, width: 13, value: (c) => k?.overdueSerious[c] },
    { key: "avgDaysLate", header: CH.daysLate, type: "number", numberFormat: "0.0", width: 9, value: (c) => k?.avgDaysLate[c] },
    { key: "lateShare", header: CH.lateShare, type: "number", numberFormat: NumberFormat.percent, width: 9, value: (c) => k?.lateShare[c] },
    { key: "creditLimit", header: CH.limit, type: "number", numberFormat: money, width: 13, value: (c) => k?.creditLimit[c] },
    {
      key: "utilisation",
      header: CH.utilisation,
      type: "number",
      numberFormat: NumberFormat.percent,
      width: 10,
      value: (c) => k?.utilisation[c],
      formula: `IF(AND(ISNUMBER(${R(CH.limit)}),${R(CH.limit)}>0),${R(CH.open)}/${R(CH.limit)},"")`,
    },
    { key: "termsDays", header: CH.terms, type: "number", numberFormat: "0.0", width: 8, value: (c) => k?.termsDays[c] },
    { key: "avgMonthlyRevenue12m", header: CH.monthly, type: "number", numberFormat: money, width: 13, value: (c) => k?.avgMonthlyRevenue12m[c] },
    {
      key: "creditPaymentScore",
      header: CH.sPayment,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.components.payment[c],
      formula: `IF(AND(ISNUMBER(${R(CH.daysLate)}),ISNUMBER(${R(CH.lateShare)})),50*(1-MIN(1,MAX(0,${R(CH.daysLate)})/60))+50*(1-${R(CH.lateShare)}),"")`,
    },
    {
      key: "creditOverdueScore",
      header: CH.sOverdue,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.components.overdue[c],
      // overdue ÷ open balance, clamped to 0..1; nothing open → nothing overdue (100).
      formula: `IF(${R(CH.open)}>0,100*(1-MAX(0,MIN(1,${R(CH.overdue)}/${R(CH.open)}))),100)`,
    },
    {
      key: "creditUtilisationScore",
      header: CH.sUtilisation,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.components.utilisation[c],
      formula: `IF(ISNUMBER(${R(CH.utilisation)}),100*(1-MIN(1,MAX(0,${R(CH.utilisation)}))),"")`,
    },
    {
      key: "creditTenureScore",
      header: CH.sTenure,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.components.tenure[c],
      formula: first ? `IF(ISNUMBER(${R(first)}),100*MIN(1,MAX(0,KA_AsOf-${R(first)})/365.25/5),"")` : undefined,
    },
    {
      key: "creditTrendScore",
      header: CH.sTrend,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.components.trend[c],
      formula: trendHeader && k?.trendUsed ? `IF(ISNUMBER(${R(trendHeader)}),50+50*MAX(-1,MIN(1,12*${R(trendHeader)})),"")` : undefined,
    },
    {
      key: "creditScore",
      header: CH.score,
      type: "number",
      numberFormat: "0.0",
      width: 8,
      value: (c) => s?.score[c],
      formula: rescaledWeightedFormula([
        [R(CH.sPayment), WEIGHT_NAMES.payment],
        [R(CH.sOverdue), WEIGHT_NAMES.overdue],
        [R(CH.sUtilisation), WEIGHT_NAMES.utilisation],
        [R(CH.sTenure), WEIGHT_NAMES.tenure],
        [R(CH.sTrend), WEIGHT_NAMES.trend],
      ]),
    },
    {
      key: "grade",
      header: CH.grade,
      type: "text",
      width: 6,
      value: (c) => (s && s.grade[c] !== "" ? s.grade[c] : undefined),
      formula: gradeFormula(R(CH.score)),
    },
    {
      key: "suggestedLimit",
      header: CH.limitSuggested,
      type: "number",
      numberFormat: money,
      width: 14,
      value: (c) => s?.suggestedLimit[c],
      formula: limitFormula(),
    },
  ];
  return { area: "credit", applies: k !== undefined, columns: cols };
}

/** Grade of a score cell from the cut-off cells: A ≥ KA_Grade_A, …, else E; blank score → blank. */
export function gradeFormula(score: string): string {
  const g = GRADE_NAMES;
  return `IF(ISNUMBER(${score}),IF(${score}>=${g.A},"A",IF(${score}>=${g.B},"B",IF(${score}>=${g.C},"C",IF(${score}>=${g.D},"D","E")))),"")`;
}

/** Suggested limit (SPEC §7): MAX(0, monthly revenue) × terms (30 when unknown) / 30.4375 × the grade's multiplier. */
function limitFormula(): string {
  const g = R(CH.grade);
  const l = LIMIT_NAMES;
  const multiplier = `IF(${g}="A",${l.A},IF(${g}="B",${l.B},IF(${g}="C",${l.C},IF(${g}="D",${l.D},${l.E}))))`;
  return `IF(${g}="","",MAX(0,${R(CH.monthly)})*IF(ISNUMBER(${R(CH.terms)}),${R(CH.terms)},30)/30.4375*${multiplier})`;
}

/** KA About: the loss rates (one named cell per bucket), scorecard weights, grade cut-offs and limit multipliers. */
export function creditParameterItems(a: Analysis): KeyValueItem[] {
  const k = a.credit;
  if (!k) return [];
  const p = a.params;
  const pct2 = "0.00%";
  const rateNote =
    k.lossRateMethod === "rollRate"
      ? "estimated by the roll-rate method (table below); type your own rate to override"
      : p.lossRateMethod === "given"
        ? "as given"
        : "illustrative default (IFRS 9 IE Example 12) — replace with your own";
  const items: KeyValueItem[] = k.labels.map((label, b) => ({
    label: `Loss rate: ${label}`,
    value: k.lossRates[b],
    numberFormat: pct2,
    name: lossRateName(b),
    note: b === 0 ? rateNote : undefined,
  }));
  const w = p.scorecardWeights;
  items.push(
    { label: "Scorecard weight: payment", value: w.payment, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.payment, note: "weights rescale over the components present" },
    { label: "Scorecard weight: overdue", value: w.overdue, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.overdue },
    { label: "Scorecard weight: utilisation", value: w.utilisation, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.utilisation },
    { label: "Scorecard weight: tenure", value: w.tenure, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.tenure },
    { label: "Scorecard weight: trend", value: w.trend, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.trend },
  );
  const g = p.gradeCutoffs;
  for (const grade of ["A", "B", "C", "D"] as const) {
    items.push({ label: `Grade ${grade} from score`, value: g[grade], numberFormat: "0.0", name: GRADE_NAMES[grade], note: grade === "D" ? "below D's cut-off: E" : undefined });
  }
  const m = p.limitMultipliers;
  for (const grade of ["A", "B", "C", "D", "E"] as const) {
    items.push({
      label: `Limit multiplier: grade ${grade}`,
      value: m[grade],
      numberFormat: "0.00",
      name: LIMIT_NAMES[grade],
      note: grade === "A" ? "limit = monthly revenue × terms / 30.4375 × multiplier: a starting policy, not advice" : undefined,
    });
  }
  if (k.lossRateMethod === "rollRate" || p.lossRateMethod === "auto") {
    items.push({ label: "Roll-rate loss given default", value: p.lossGivenDefault, numberFormat: NumberFormat.percent, name: "KA_LossGivenDefault", note: "share of a balance reaching the last bucket that is lost" });
  }
  return items;
}

/** KA About: how the loss rates were found — the roll-rate table by month, or why there is none; the credit notes. */
export function creditAboutPanel(a: Analysis): Omit<Block, "row" | "col">[] {
  const k = a.credit;
  if (!k) return [];
  const out: Omit<Block, "row" | "col">[] = [{ kind: "text", text: "Credit: loss rates and open balances", style: "heading" } as Omit<TextBlock, "row" | "col">];
  for (const n of k.notes) out.push({ kind: "text", text: n, style: "note" } as Omit<TextBlock, "row" | "col">);
  const rr = k.rollRate;
  if (rr.available) {
    out.push({
      kind: "text",
      text:
        "Roll-rate method: month-end aging rebuilt from due and paid dates; each month, of the balance in a bucket, the share that rolled into a later bucket unpaid (paid = cured; still in the bucket = left out); rates averaged over the months below; loss rate of a bucket = loss given default × the product of the roll rates from it to the last bucket (reaching the last bucket is default, IFRS 9 B5.5.37).",
      style: "note",
    } as Omit<TextBlock, "row" | "col">);
    const from = k.labels.slice(0, -1);
    const rows: Cell[][] = rr.months.map((m, t) => [m, ...rr.monthly[t].map((v) => (Number.isNaN(v) ? null : v))]);
    rows.push(["Average", ...rr.rollRates]);
    out.push({
      kind: "table",
      name: "KARollRates",
      columns: [{ header: "Month end" }, ...from.map((l, b) => ({ header: `${l} → ${k.labels[b + 1]}`, numberFormat: NumberFormat.percent }))],
      rows,
      style: "TableStyleLight9",
    } as Omit<TableBlock, "row" | "col">);
  }
  return out;
}

/** Customer codes with something open, largest open balance first (ties: code). */
function agingOrder(k: CreditSection): number[] {
  const idx: number[] = [];
  for (let c = 0; c < k.openBalance.length; c++) {
    if (k.openBalance[c] !== 0 || k.aging.some((col) => col[c] !== 0)) idx.push(c);
  }
  return idx.sort((x, y) => k.openBalance[y] - k.openBalance[x] || x - y);
}

/**
 * KA Aging (SPEC §9): per customer, open balance by bucket of days past due (values traceable to the ledger rows;
 * the open balance is their sum), then the provision matrix: bucket totals (SUM of the column), the loss rate
 * cells of KA About, and ECL = MAX(0, balance) × rate — change a rate on KA About and the ECL recalculates.
 * No credit fields: no tab (About says why).
 */
export function buildAgingSheet(a: Analysis): SheetSpec | undefined {
  const k = a.credit;
  if (!k) return undefined;
  const money = NumberFormat.money;
  const A = (label: string) => thisRow(AGING_TABLE, label);
  const left = new Column(0, 0);
  left.add<TextBlock>({ kind: "text", text: "KA Aging — open receivables by days past due", style: "title" });
  left.add<TextBlock>({
    kind: "text",
    text: `As of the as-of date on KA About. Days past due = as-of − due date; buckets ${k.labels.join(", ")}. Credit notes are applied to the same customer's most overdue invoices; credit left over sits in ${k.labels[0]}.`,
    style: "note",
  });
  left.add<TextBlock>({ kind: "text", text: "Provision matrix (IFRS 9 simplified approach)", style: "heading" });
  // Gross carrying amount = what is owed + customers' credit balances (liabilities, netted in the first bucket of the
  // aging) − items written off (still owed, no longer receivables); the allowance is on the gross amount.
  const P = (h: string) => thisRow(PROVISION_TABLE, h);
  const provisionRows: Cell[][] = k.labels.map((label, b) => [
    label,
    { formula: `SUM(${column(AGING_TABLE, label)})`, value: k.agingTotals[b] },
    b === 0 ? -k.creditBalances : 0,
    k.writtenOffByBucket[b],
    { formula: `${P("Open balance")}+${P("Credit balances")}-${P("Written off")}`, value: k.gross[b] },
    { formula: lossRateName(b), value: k.lossRates[b] },
    { formula: `${P("Gross carrying amount")}*${P("Loss rate")}`, value: k.eclByBucket[b] },
  ]);
  left.add<TableBlock>({
    kind: "table",
    name: PROVISION_TABLE,
    columns: [
      { header: "Bucket", width: 14 },
      { header: "Open balance", numberFormat: money },
      { header: "Credit balances", numberFormat: money },
      { header: "Written off", numberFormat: money },
      { header: "Gross carrying amount", numberFormat: money },
      { header: "Loss rate", numberFormat: "0.00%" },
      { header: "ECL", numberFormat: money },
    ],
    rows: provisionRows,
    style: "TableStyleMedium4",
  });
  left.add<KeyValueBlock>({
    kind: "keyValue",
    items: [
      { label: "Receivables", value: { formula: `SUM(${column(PROVISION_TABLE, "Open balance")})`, value: k.receivables }, numberFormat: money, name: "KA_AgingReceivables" },
      { label: "Gross carrying amount", value: { formula: `SUM(${column(PROVISION_TABLE, "Gross carrying amount")})`, value: k.ifrs9.disclosure.gross }, numberFormat: money, name: "KA_GrossCarrying" },
      { label: "Expected credit loss", value: { formula: `SUM(${column(PROVISION_TABLE, "ECL")})`, value: k.ecl }, numberFormat: money, name: "KA_ECL" },
      {
        label: "ECL ÷ gross carrying amount",
        value: { formula: `IF(KA_GrossCarrying>0,KA_ECL/KA_GrossCarrying,"")`, value: k.ifrs9.disclosure.gross > 0 ? k.ecl / k.ifrs9.disclosure.gross : "" },
        numberFormat: "0.00%",
      },
      { label: "Loss rates", value: k.lossRateMethod === "rollRate" ? "roll-rate estimate (KA About)" : "as given on KA About" },
    ],
  });
  left.add<TextBlock>({ kind: "text", text: "Open balance by customer", style: "heading" });
  const order = agingOrder(k);
  const rows: Cell[][] = order.map((c) => [
    a.customers.names[c],
    { formula: k.labels.map((l) => A(l)).join("+"), value: k.openBalance[c] },
    ...k.aging.map((col) => col[c]),
  ]);
  left.add<TableBlock>({
    kind: "table",
    name: AGING_TABLE,
    columns: [{ header: "Customer", width: 32 }, { header: "Open balance", numberFormat: money }, ...k.labels.map((l) => ({ header: l, numberFormat: money }))],
    rows: rows.length > 0 ? rows : [["(nothing open)", { formula: k.labels.map((l) => A(l)).join("+"), value: 0 }, ...k.labels.map(() => 0)]],
    style: "TableStyleMedium2",
    conditionalFormats: [{ column: k.labels[k.labels.length - 1], kind: "dataBar", color: "C00000" }],
  });
  return {
    name: "KA Aging",
    role: "aging",
    blocks: left.blocks,
    columnWidths: [32, 16, 14, 14, ...k.labels.slice(3).map(() => 14)],
    freeze: { rows: 0, cols: 1 },
    tabColor: "C55A11",
  };
}

/** Summary: receivables, overdue, DSO (365 and 90 days, from the revenue cells beside them), ECL, lateness. */
export function creditSummaryGroup(a: Analysis): SummaryGroup | undefined {
  const k = a.credit;
  if (!k) return undefined;
  const money = NumberFormat.money;
  const dso = (days: number, revenueName: string, value: number): Cell =>
    Number.isFinite(value) ? { formula: `IF(AND(${revenueName}>0,KA_Receivables>=0),KA_Receivables/${revenueName}*${days},"")`, value } : "";
  const items: KeyValueItem[] = [
    { label: "Receivables (open balance)", value: { formula: `SUM(${C(CH.open)})`, value: k.receivables }, numberFormat: money, name: "KA_Receivables", note: "credit notes deducted" },
    { label: "Overdue", value: { formula: `SUM(${C(CH.overdue)})`, value: k.overdueTotal }, numberFormat: money, name: "KA_Overdue", note: "past the due date" },
    { label: "Overdue share", value: { formula: `IF(KA_Receivables>0,KA_Overdue/KA_Receivables,"")`, value: k.receivables > 0 ? k.overdueTotal / k.receivables : "" }, numberFormat: NumberFormat.percent },
    { label: "Revenue, last 365 days", value: k.revenue365, numberFormat: money, name: "KA_Revenue365" },
    { label: "DSO (365 days)", value: dso(365, "KA_Revenue365", k.dso365), numberFormat: "0.0", note: "receivables ÷ revenue × 365" },
    { label: "Revenue, last 90 days", value: k.revenue90, numberFormat: money, name: "KA_Revenue90" },
    { label: "DSO (90 days)", value: dso(90, "KA_Revenue90", k.dso90), numberFormat: "0.0", note: "receivables ÷ revenue × 90" },
    {
      label: "Expected credit loss",
      value: { formula: "KA_ECL", value: k.ecl },
      numberFormat: money,
      note: k.lossRateMethod === "rollRate" ? "provision matrix, roll-rate loss rates (KA Aging)" : "provision matrix, loss rates as given (KA Aging)",
    },
    { label: "Avg days late (paid invoices)", value: Number.isFinite(k.avgDaysLateAll) ? k.avgDaysLateAll : "", numberFormat: "0.0", note: "amount-weighted; early counts as 0" },
    { label: "Invoices paid late", value: Number.isFinite(k.lateShareAll) ? k.lateShareAll : "", numberFormat: NumberFormat.percent },
  ];
  for (const g of ["A", "B", "C", "D", "E"] as const) {
    let n = 0;
    for (const x of k.scores.grade) if (x === g) n++;
    items.push({ label: `Credit grade ${g}`, value: { formula: `COUNTIF(${C(CH.grade)},${str(g)})`, value: n }, numberFormat: NumberFormat.integer });
  }
  return { title: "Credit", items };
}

/** JSON `credit{receivables,overdue,dso,ecl,aging{bucket:amount}}` (SPEC §9) plus dso90, lateness and the loss rates used. */
export function creditJson(a: Analysis): Record<string, unknown> {
  const k = a.credit;
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    credit: k
      ? {
          receivables: k.receivables,
          overdue: k.overdueTotal,
          dso: fin(k.dso365),
          ecl: k.ecl,
          aging: Object.fromEntries(k.labels.map((l, b) => [l, k.agingTotals[b]])),
          dso90: fin(k.dso90),
          avgDaysLate: fin(k.avgDaysLateAll),
          lateShare: fin(k.lateShareAll),
          lossRateMethod: k.lossRateMethod,
          lossRates: Object.fromEntries(k.labels.map((l, b) => [l, k.lossRates[b]])),
        }
      : null,
  };
}
