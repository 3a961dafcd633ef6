/**
 * Credit risk on the report (docs/metrics.md "Credit"): Accounts columns (balances, lateness, the scorecard with its
 * components as native formulas, grade and suggested limit from parameter cells), the Summary's credit figures, the
 * About parameters (loss rates, scorecard weights, grade cut-offs, limit multipliers) with the roll-rate table, and
 * JSON `credit`. The KA Aging tab is tabs/aging.ts.
 */
import type { Analysis } from "../../analysis/types";
import { excelSerialFromDay, isoFromDay } from "../../day";
import { messages } from "../../i18n";
import { BASE_SCENARIO, disclosureTable } from "../../metrics/credit";
import type { Scenario } from "../../metrics/credit";
import type { AccountColumnDef, AccountGroupDef, KeyValueItem, LooseBlock, PanelSource, ParameterSource, SummaryGroupSource, TableDef } from "../model";
import { jsonSection, jsonSubsection } from "../model";
import { num, str } from "../refs";
import type { Cell } from "../types";
import { NumberFormat } from "../types";

/** Defined names of the parameter cells on KA About. */
export const lossRateName = (k: number): string => `KA_LossRate_${k + 1}`;
export const WEIGHT_NAMES = { payment: "KA_W_Payment", overdue: "KA_W_Overdue", utilisation: "KA_W_Utilisation", tenure: "KA_W_Tenure", trend: "KA_W_Trend" } as const;
export const GRADE_NAMES = { A: "KA_Grade_A", B: "KA_Grade_B", C: "KA_Grade_C", D: "KA_Grade_D" } as const;
export const LIMIT_NAMES = { A: "KA_Limit_A", B: "KA_Limit_B", C: "KA_Limit_C", D: "KA_Limit_D", E: "KA_Limit_E" } as const;
/** IFRS 9 parameters on KA About: the overlay factor, a multiplier per bucket, and each scenario's name, weight, multiplier. */
export const OVERLAY_NAME = "KA_Overlay";
export const bucketMultiplierName = (k: number): string => `KA_LossMult_${k + 1}`;
export const SCENARIO_NAMES = {
  name: (k: number): string => `KA_ScenarioName_${k + 1}`,
  weight: (k: number): string => `KA_ScenarioWeight_${k + 1}`,
  multiplier: (k: number): string => `KA_ScenarioMult_${k + 1}`,
} as const;

/**
 * The scenarios written on KA About: the analysis' own, padded to three rows (base, upside, downside) with weight 0,
 * so a colleague can weigh in an upside and a downside by editing two cells; a weight of 0 changes nothing.
 */
export function writtenScenarios(a: Analysis): Scenario[] {
  const own = a.credit?.ifrs9.scenarios ?? [];
  const names = messages(a.params.lang).receivables.scenarioNames;
  const pads: Scenario[] = [
    { name: names.upside, weight: 0, multiplier: 0.8 },
    { name: names.downside, weight: 0, multiplier: 1.5 },
  ];
  // The default scenario's name is the report's word (a name the user gave stays as given).
  const out = own.map((x) => ({ ...x, name: x.name === BASE_SCENARIO.name ? names.base : x.name }));
  for (const p of pads) if (out.length < 3) out.push(p);
  return out;
}

/** Each written scenario's expected credit loss on its own (the weights aside), for the cached values. */
export function scenarioLosses(a: Analysis): number[] {
  const k = a.credit;
  if (!k) return [];
  const t = disclosureTable(k.labels, k.gross, k.lossRates, { overlay: k.ifrs9.overlay, bucketMultipliers: k.ifrs9.bucketMultipliers, scenarios: writtenScenarios(a) });
  return t.scenarios.map((x) => x.ecl);
}

/**
 * `IF(den=0,"",scale*num/den)` over components that may be blank: a blank component drops out and the weights of
 * the others are rescaled (docs/metrics.md "Scores with missing components"). `parts` are [cell reference, weight name].
 */
export function rescaledWeightedFormula(parts: [string, string][], scale = 1): string {
  const numer = parts.map(([cell, w]) => `IF(ISNUMBER(${cell}),${w}*${cell},0)`).join("+");
  const denom = parts.map(([cell, w]) => `IF(ISNUMBER(${cell}),${w},0)`).join("+");
  const factor = scale === 1 ? "" : `${num(scale)}*`;
  return `IF((${denom})=0,"",${factor}(${numer})/(${denom}))`;
}

/** Grade of a score cell from the cut-off cells: A ≥ KA_Grade_A, …, else E; blank score → blank. */
export function gradeFormula(score: string): string {
  const g = GRADE_NAMES;
  return `IF(ISNUMBER(${score}),IF(${score}>=${g.A},"A",IF(${score}>=${g.B},"B",IF(${score}>=${g.C},"C",IF(${score}>=${g.D},"D","E")))),"")`;
}

const money = NumberFormat.money;

const creditColumnList = [
  { key: "openBalance", header: "Open balance", type: "number", numberFormat: money, width: 14, values: (a) => (c) => a.credit?.openBalance[c] },
  { key: "overdue", header: "Overdue", type: "number", numberFormat: money, width: 13, values: (a) => (c) => a.credit?.overdue[c] },
  {
    key: "overdueSerious", detail: true,
    header: "Overdue > {days} days",
    headerVars: (a) => ({ days: a.params.alertThresholds.overdueDays }),
    type: "number",
    numberFormat: money,
    width: 13,
    values: (a) => (c) => a.credit?.overdueSerious[c],
  },
  { key: "avgDaysLate", detail: true, header: "Avg days late", type: "number", numberFormat: "0.0", width: 9, values: (a) => (c) => a.credit?.avgDaysLate[c] },
  { key: "lateShare", detail: true, header: "Late share", type: "number", numberFormat: NumberFormat.percent, width: 9, values: (a) => (c) => a.credit?.lateShare[c] },
  { key: "creditLimit", header: "Credit limit", type: "number", numberFormat: money, width: 13, values: (a) => (c) => a.credit?.creditLimit[c] },
  {
    key: "utilisation",
    header: "Utilisation",
    type: "number",
    numberFormat: NumberFormat.percent,
    width: 10,
    values: (a) => (c) => a.credit?.utilisation[c],
    formula: (f) => `IF(AND(ISNUMBER(${f.thisRow("creditLimit")}),${f.thisRow("creditLimit")}>0),${f.thisRow("openBalance")}/${f.thisRow("creditLimit")},"")`,
  },
  { key: "termsDays", detail: true, header: "Terms (days)", type: "number", numberFormat: "0.0", width: 8, values: (a) => (c) => a.credit?.termsDays[c] },
  { key: "avgMonthlyRevenue12m", detail: true, header: "Monthly revenue (12m)", type: "number", numberFormat: money, width: 13, values: (a) => (c) => a.credit?.avgMonthlyRevenue12m[c] },
  // Collection KPIs of the customer over the 365 days to as-of (rebuilt from paid dates; blank without them).
  { key: "dso", detail: true, header: "DSO (365 days)", type: "number", numberFormat: "0.0", width: 9, values: (a) => (c) => a.credit?.collection?.perCustomer.dso[c] },
  { key: "bestPossibleDso", detail: true, header: "Best-possible DSO", type: "number", numberFormat: "0.0", width: 9, values: (a) => (c) => a.credit?.collection?.perCustomer.bestPossibleDso[c] },
  { key: "averageDaysDelinquent", detail: true, header: "ADD (days)", type: "number", numberFormat: "0.0", width: 9, values: (a) => (c) => a.credit?.collection?.perCustomer.add[c] },
  { key: "cei", detail: true, header: "CEI", type: "number", numberFormat: NumberFormat.percent, width: 8, values: (a) => (c) => a.credit?.collection?.perCustomer.cei[c] },
  {
    key: "creditPaymentScore", detail: true,
    header: "Score: payment",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.components.payment[c],
    formula: (f) =>
      `IF(AND(ISNUMBER(${f.thisRow("avgDaysLate")}),ISNUMBER(${f.thisRow("lateShare")})),50*(1-MIN(1,MAX(0,${f.thisRow("avgDaysLate")})/60))+50*(1-${f.thisRow("lateShare")}),"")`,
  },
  {
    key: "creditOverdueScore", detail: true,
    header: "Score: overdue",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.components.overdue[c],
    // overdue ÷ open balance, clamped to 0..1; nothing open → nothing overdue (100).
    formula: (f) => `IF(${f.thisRow("openBalance")}>0,100*(1-MAX(0,MIN(1,${f.thisRow("overdue")}/${f.thisRow("openBalance")}))),100)`,
  },
  {
    key: "creditUtilisationScore", detail: true,
    header: "Score: utilisation",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.components.utilisation[c],
    formula: (f) => `IF(ISNUMBER(${f.thisRow("utilisation")}),100*(1-MIN(1,MAX(0,${f.thisRow("utilisation")}))),"")`,
  },
  {
    key: "creditTenureScore", detail: true,
    header: "Score: tenure",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.components.tenure[c],
    formula: (f) => (f.has("firstPurchase") ? `IF(ISNUMBER(${f.thisRow("firstPurchase")}),100*MIN(1,MAX(0,KA_AsOf-${f.thisRow("firstPurchase")})/365.25/5),"")` : undefined),
  },
  {
    key: "creditTrendScore", detail: true,
    header: "Score: trend",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.components.trend[c],
    formula: (f) => (f.has("trend") && f.a.credit?.trendUsed ? `IF(ISNUMBER(${f.thisRow("trend")}),50+50*MAX(-1,MIN(1,12*${f.thisRow("trend")})),"")` : undefined),
  },
  {
    key: "creditScore",
    header: "Credit score",
    type: "number",
    numberFormat: "0.0",
    width: 8,
    values: (a) => (c) => a.credit?.scores.score[c],
    formula: (f) =>
      rescaledWeightedFormula([
        [f.thisRow("creditPaymentScore"), WEIGHT_NAMES.payment],
        [f.thisRow("creditOverdueScore"), WEIGHT_NAMES.overdue],
        [f.thisRow("creditUtilisationScore"), WEIGHT_NAMES.utilisation],
        [f.thisRow("creditTenureScore"), WEIGHT_NAMES.tenure],
        [f.thisRow("creditTrendScore"), WEIGHT_NAMES.trend],
      ]),
  },
  {
    key: "grade",
    header: "Grade",
    type: "text",
    width: 6,
    values: (a) => {
      const s = a.credit?.scores;
      return (c) => (s && s.grade[c] !== "" ? s.grade[c] : undefined);
    },
    formula: (f) => gradeFormula(f.thisRow("creditScore")),
  },
  {
    key: "suggestedLimit",
    header: "Suggested limit",
    type: "number",
    numberFormat: money,
    width: 14,
    values: (a) => (c) => a.credit?.scores.suggestedLimit[c],
    // MAX(0, monthly revenue) × terms (30 when unknown) / 30.4375 × the grade's multiplier.
    formula: (f) => {
      const g = f.thisRow("grade");
      const l = LIMIT_NAMES;
      const multiplier = `IF(${g}="A",${l.A},IF(${g}="B",${l.B},IF(${g}="C",${l.C},IF(${g}="D",${l.D},${l.E}))))`;
      const terms = f.thisRow("termsDays");
      return `IF(${g}="","",MAX(0,${f.thisRow("avgMonthlyRevenue12m")})*IF(ISNUMBER(${terms}),${terms},30)/30.4375*${multiplier})`;
    },
  },
] as const satisfies readonly AccountColumnDef[];

export const creditColumns = {
  id: "credit",
  title: "Credit",
  applies: (a) => a.credit !== undefined,
  columns: creditColumnList,
} as const satisfies AccountGroupDef;

/** KA About: the loss rates (one named cell per bucket), scorecard weights, grade cut-offs and limit multipliers. */
export const creditParameters: ParameterSource = ({ a, t }) => {
  const k = a.credit;
  if (!k) return [];
  const p = a.params;
  const pct2 = "0.00%";
  const rateNote =
    k.lossRateMethod === "rollRate"
      ? t("estimated by the roll-rate method (table below); type your own rate to override")
      : p.lossRateMethod === "given"
        ? t("as given")
        : t("illustrative default (IFRS 9 IE Example 12) — replace with your own");
  const items: KeyValueItem[] = k.labels.map((label, b) => ({
    label: t("Loss rate: {label}", { label: t(label) }),
    value: k.lossRates[b],
    numberFormat: pct2,
    name: lossRateName(b),
    note: b === 0 ? rateNote : undefined,
  }));
  const r = messages(p.lang).receivables.params;
  const x = k.ifrs9;
  // The buckets as typed (Current's 0 left out), so the pane restores them with their loss rates from this tab.
  const typed = (k.bounds[0] === 0 && k.bounds.length > 1 ? k.bounds.slice(1) : k.bounds).join(",");
  items.unshift({ label: r.agingBounds, value: typed, name: "KA_AgingBounds", note: r.agingBoundsNote });
  items.push({ label: r.overlay, value: x.overlay, numberFormat: "0.00", name: OVERLAY_NAME, note: r.overlayNote });
  k.labels.forEach((label, b) => items.push({ label: r.bucketMultiplier({ label: t(label) }), value: x.bucketMultipliers[b], numberFormat: "0.00", name: bucketMultiplierName(b) }));
  writtenScenarios(a).forEach((sc, j) => {
    items.push(
      { label: r.scenarioName({ k: j + 1 }), value: sc.name, name: SCENARIO_NAMES.name(j), note: j === 0 ? r.scenarioNote : undefined },
      { label: r.scenarioWeight({ name: sc.name }), value: sc.weight, numberFormat: NumberFormat.percent, name: SCENARIO_NAMES.weight(j) },
      { label: r.scenarioMultiplier({ name: sc.name }), value: sc.multiplier, numberFormat: "0.00", name: SCENARIO_NAMES.multiplier(j) },
    );
  });
  items.push({ label: r.writeOffDays, value: Number.isFinite(x.writeOffDays) ? x.writeOffDays : r.writeOffNever, numberFormat: NumberFormat.integer });
  if (x.movement && p.compareAsOf !== undefined) items.push({ label: r.compareAsOf, value: excelSerialFromDay(p.compareAsOf), numberFormat: NumberFormat.date });
  const w = p.scorecardWeights;
  items.push(
    { label: t("Scorecard weight: payment"), value: w.payment, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.payment, note: t("weights rescale over the components present") },
    { label: t("Scorecard weight: overdue"), value: w.overdue, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.overdue },
    { label: t("Scorecard weight: utilisation"), value: w.utilisation, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.utilisation },
    { label: t("Scorecard weight: tenure"), value: w.tenure, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.tenure },
    { label: t("Scorecard weight: trend"), value: w.trend, numberFormat: NumberFormat.percent, name: WEIGHT_NAMES.trend },
  );
  const g = p.gradeCutoffs;
  for (const grade of ["A", "B", "C", "D"] as const) {
    items.push({ label: t("Grade {grade} from score", { grade }), value: g[grade], numberFormat: "0.0", name: GRADE_NAMES[grade], note: grade === "D" ? t("below D's cut-off: E") : undefined });
  }
  const m = p.limitMultipliers;
  for (const grade of ["A", "B", "C", "D", "E"] as const) {
    items.push({
      label: t("Limit multiplier: grade {grade}", { grade }),
      value: m[grade],
      numberFormat: "0.00",
      name: LIMIT_NAMES[grade],
      note: grade === "A" ? t("limit = monthly revenue × terms / 30.4375 × multiplier: a starting policy, not advice") : undefined,
    });
  }
  if (k.lossRateMethod === "rollRate" || p.lossRateMethod === "auto") {
    items.push({ label: t("Roll-rate loss given default"), value: p.lossGivenDefault, numberFormat: NumberFormat.percent, name: "KA_LossGivenDefault", note: t("share of a balance reaching the last bucket that is lost") });
  }
  return items;
};

/** Roll rates by month (About); its bucket-pair columns are added per analysis. */
export const ROLL_RATES_TABLE: TableDef = { name: "KARollRates", style: "TableStyleLight9", columns: [{ key: "monthEnd", header: "Month end" }] };

/** KA About: how the loss rates were found — the roll-rate table by month, or why there is none; the credit notes. */
export const creditAboutPanel: PanelSource = (ctx) => {
  const { t } = ctx;
  const k = ctx.a.credit;
  if (!k) return [];
  const out: LooseBlock[] = [{ kind: "text", text: t("Credit: loss rates and open balances"), style: "heading" }];
  for (const n of k.notes) out.push({ kind: "text", text: ctx.note(n), style: "note" });
  const rr = k.rollRate;
  if (rr.available) {
    out.push({
      kind: "text",
      text: t(
        "Roll-rate method: month-end aging rebuilt from due and paid dates; each month, of the balance in a bucket, the share that rolled into a later bucket unpaid (paid = cured; still in the bucket = left out); rates averaged over the months below; loss rate of a bucket = loss given default × the product of the roll rates from it to the last bucket (reaching the last bucket is default, IFRS 9 B5.5.37).",
      ),
      style: "note",
    });
    const from = k.labels.slice(0, -1);
    const rows: Cell[][] = rr.months.map((m, t) => [m, ...rr.monthly[t].map((v) => (Number.isNaN(v) ? null : v))]);
    rows.push([t("Average"), ...rr.rollRates]);
    out.push({
      kind: "table",
      name: ROLL_RATES_TABLE.name,
      columns: [
        { header: ctx.text("table.KARollRates.monthEnd", "Month end") },
        ...from.map((l, b) => ({ header: `${t(l)} → ${t(k.labels[b + 1])}`, numberFormat: NumberFormat.percent })),
      ],
      rows,
      style: ROLL_RATES_TABLE.style,
    });
  }
  return out;
};

/** Summary: receivables, overdue, DSO (365 and 90 days, from the revenue cells beside them), ECL, lateness. */
export const creditSummary: SummaryGroupSource = ({ a, accounts: f, t }) => {
  const k = a.credit;
  if (!k) return undefined;
  const dso = (days: number, revenueName: string, value: number): Cell =>
    Number.isFinite(value) ? { formula: `IF(AND(${revenueName}>0,KA_Receivables>=0),KA_Receivables/${revenueName}*${days},"")`, value } : "";
  const items: KeyValueItem[] = [
    { label: t("Receivables (open balance)"), value: { formula: `SUM(${f.column("openBalance")})`, value: k.receivables }, numberFormat: money, name: "KA_Receivables", note: t("credit notes deducted") },
    { label: t("Overdue"), value: { formula: `SUM(${f.column("overdue")})`, value: k.overdueTotal }, numberFormat: money, name: "KA_Overdue", note: t("past the due date") },
    { label: t("Overdue share"), value: { formula: `IF(KA_Receivables>0,KA_Overdue/KA_Receivables,"")`, value: k.receivables > 0 ? k.overdueTotal / k.receivables : "" }, numberFormat: NumberFormat.percent },
    { label: t("Revenue, last 365 days"), value: k.revenue365, numberFormat: money, name: "KA_Revenue365" },
    { label: t("DSO (365 days)"), value: dso(365, "KA_Revenue365", k.dso365), numberFormat: "0.0", note: t("receivables ÷ revenue × 365") },
    { label: t("Revenue, last 90 days"), value: k.revenue90, numberFormat: money, name: "KA_Revenue90" },
    { label: t("DSO (90 days)"), value: dso(90, "KA_Revenue90", k.dso90), numberFormat: "0.0", note: t("receivables ÷ revenue × 90") },
    {
      label: t("Expected credit loss"),
      value: { formula: "KA_ECL", value: k.ecl },
      numberFormat: money,
      note: k.lossRateMethod === "rollRate" ? t("provision matrix, roll-rate loss rates (KA Aging)") : t("provision matrix, loss rates as given (KA Aging)"),
    },
    { label: t("Avg days late"), value: Number.isFinite(k.avgDaysLateAll) ? k.avgDaysLateAll : "", numberFormat: "0.0", note: t("amount-weighted: paid at the payment date, owed at the days past due so far; early counts as 0") },
    { label: t("Late share of the money"), value: Number.isFinite(k.lateShareAll) ? k.lateShareAll : "", numberFormat: NumberFormat.percent },
  ];
  if (k.collection) {
    const c = k.collection.total;
    items.push(
      { label: t("CEI (365 days)"), value: { formula: "KA_CollCEI", value: Number.isFinite(c.cei) ? c.cei : "" }, numberFormat: NumberFormat.percent, note: t("collection effectiveness (KA Aging)") },
      { label: t("ADD (average days delinquent)"), value: { formula: "KA_CollADD", value: Number.isFinite(c.add) ? c.add : "" }, numberFormat: "0.0", note: t("DSO − best-possible DSO (KA Aging)") },
    );
  }
  for (const g of ["A", "B", "C", "D", "E"] as const) {
    let n = 0;
    for (const x of k.scores.grade) if (x === g) n++;
    items.push({ label: t("Credit grade {g}", { g }), value: { formula: `COUNTIF(${f.column("grade")},${str(g)})`, value: n }, numberFormat: NumberFormat.integer });
  }
  return { title: t("Credit"), items };
};

/** JSON `credit{receivables,overdue,dso,ecl,aging{bucket:amount}}` plus dso90, lateness and the loss rates used. */
export const creditJson = jsonSection("credit", (a) => {
  const k = a.credit;
  if (!k) return null;
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return {
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
  };
});

/** JSON `credit.ifrs9 {overlay, bucketMultipliers, scenarios, writeOffDays, disclosure, movement}` (docs/json.md). */
export const creditIfrs9Json = jsonSubsection("credit", "ifrs9", (a: Analysis) => {
  const k = a.credit;
  if (!k) return undefined;
  const x = k.ifrs9;
  const d = x.disclosure;
  const m = x.movement;
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    overlay: x.overlay,
    bucketMultipliers: Object.fromEntries(k.labels.map((l, b) => [l, x.bucketMultipliers[b]])),
    scenarios: d.scenarios.map((sc) => ({ name: sc.name, weight: sc.weight, multiplier: sc.multiplier, ecl: sc.ecl })),
    writeOffDays: Number.isFinite(x.writeOffDays) ? x.writeOffDays : null,
    disclosure: {
      buckets: d.rows.map((r) => ({ bucket: r.bucket, gross: r.gross, lossRate: r.rate, allowance: r.allowance })),
      gross: d.gross,
      allowance: d.allowance,
      lossRate: fin(d.rate),
      creditBalances: k.creditBalances,
      writtenOff: k.writtenOffByBucket.reduce((t, v) => t + v, 0),
    },
    movement: m
      ? { from: m.from, to: m.to, opening: m.opening, newReceivables: m.newReceivables, collected: m.collected, writeOffs: m.writeOffs, remeasurement: m.remeasurement, closing: m.closing }
      : null,
  };
});

/** JSON `credit.collection {from, to, cei, dso, bestPossibleDso, add, dsoTrend, monthly[]}`; null without paid dates. */
export const creditCollectionJson = jsonSubsection("credit", "collection", (a: Analysis) => {
  const k = a.credit;
  if (!k) return undefined;
  const c = k.collection;
  if (!c) return null;
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  const t = c.total;
  return {
    from: isoFromDay(t.from),
    to: isoFromDay(t.to),
    cei: fin(t.cei),
    dso: fin(t.dso),
    bestPossibleDso: fin(t.bestPossibleDso),
    add: fin(t.add),
    dsoTrend: fin(c.dsoTrend),
    monthly: c.monthly.map((m) => ({ month: m.month, begin: m.begin, sales: m.sales, end: m.end, current: m.current, cei: fin(m.cei), dso: fin(m.dso), bestPossibleDso: fin(m.bestPossibleDso), add: fin(m.add) })),
  };
});

/** JSON `credit.openItems {count, total}`: the open items on KA Aging and what they add up to. */
export const creditOpenItemsJson = jsonSubsection("credit", "openItems", (a: Analysis) => {
  const k = a.credit;
  return k ? { count: k.openItems.row.length, total: k.receivables } : undefined;
});
