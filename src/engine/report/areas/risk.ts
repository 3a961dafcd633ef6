/**
 * Key-account risk on the report (docs/metrics.md "Account risk"): Accounts columns (tier, the risk score and each
 * component as native formulas over parameter cells), the Summary's tier and alert counts, the About parameters (tier
 * rules, risk weights, alert thresholds) and JSON `alerts`. The KA Alerts tab is tabs/alerts.ts.
 */
import { ALERT_REASONS } from "../../metrics/risk";
import type { Tier } from "../../metrics/risk";
import type { AccountGroupDef, KeyValueItem, ParameterSource, SummaryGroupSource, TableDef } from "../model";
import { jsonSection } from "../model";
import { str } from "../refs";
import { NumberFormat } from "../types";
import { rescaledWeightedFormula } from "./credit";

export const RISK_WEIGHT_NAMES = { churn: "KA_RW_Churn", credit: "KA_RW_Credit", dependence: "KA_RW_Dependence", volatility: "KA_RW_Volatility", decline: "KA_RW_Decline" } as const;

/** KA Alerts: one row per account and reason. */
export const ALERTS_TABLE: TableDef = {
  name: "KAAlerts",
  style: "TableStyleMedium3",
  columns: [
    { key: "severity", header: "Severity", width: 9 },
    { key: "customer", header: "Customer", width: 32 },
    { key: "alert", header: "Alert", width: 22 },
    { key: "measured", header: "Measured", numberFormat: "0.0%", width: 10 },
    { key: "threshold", header: "Threshold", numberFormat: "0.0%", width: 10 },
    { key: "share", header: "Share", numberFormat: NumberFormat.percent, width: 8 },
    { key: "detail", header: "Detail", width: 70 },
    { key: "code", header: "Code", width: 16 },
  ],
};

const clamp01 = (x: string) => `MAX(0,MIN(1,${x}))`;
const fraction = NumberFormat.ratio;

export const riskColumns = {
  id: "risk",
  title: "Account risk",
  applies: (a) => a.risk !== undefined,
  columns: [
    {
      key: "tier",
      header: "Tier",
      type: "text",
      width: 10,
      values: (a) => (c) => a.risk?.tier[c],
      words: (m) => m.common.tier,
      formula: (f) => {
        if (!f.has("share") || !f.has("abc")) return undefined;
        const share = f.thisRow("share");
        const yoy = f.a.risk?.inputs.yoy && f.has("yoy") ? f.thisRow("yoy") : undefined;
        const growthOk = yoy ? `,OR(NOT(ISNUMBER(${yoy})),${yoy}>=KA_Tier_YoY)` : "";
        const w = f.m.common.tier;
        return `IF(AND(ISNUMBER(${share}),${share}>=KA_Tier_Share${growthOk}),${str(w.Strategic)},IF(${f.thisRow("abc")}="A",${str(w.Key)},${str(w.General)}))`;
      },
    },
    {
      key: "riskChurn", detail: true,
      header: "Risk: churn",
      type: "number",
      numberFormat: fraction,
      width: 8,
      values: (a) => (c) => a.risk?.components.churn[c],
      formula: (f) => (f.a.risk?.inputs.pAlive && f.has("pAlive") ? `IF(ISNUMBER(${f.thisRow("pAlive")}),${clamp01(`1-${f.thisRow("pAlive")}`)},"")` : undefined),
    },
    {
      key: "riskCredit", detail: true,
      header: "Risk: credit",
      type: "number",
      numberFormat: fraction,
      width: 8,
      values: (a) => (c) => a.risk?.components.credit[c],
      formula: (f) => (f.has("creditScore") ? `IF(ISNUMBER(${f.thisRow("creditScore")}),${clamp01(`(100-${f.thisRow("creditScore")})/100`)},"")` : undefined),
    },
    {
      key: "riskDependence", detail: true,
      header: "Risk: dependence",
      type: "number",
      numberFormat: fraction,
      width: 8,
      values: (a) => (c) => a.risk?.components.dependence[c],
      // No positive revenue: nothing to depend on (0), not a missing component.
      formula: (f) => (f.has("share") ? `IF(ISNUMBER(${f.thisRow("share")}),${clamp01(`${f.thisRow("share")}/MAX(${f.column("share")})`)},0)` : undefined),
    },
    {
      key: "riskVolatility", detail: true,
      header: "Risk: volatility",
      type: "number",
      numberFormat: fraction,
      width: 8,
      values: (a) => (c) => a.risk?.components.volatility[c],
      formula: (f) => (f.a.risk?.inputs.volatility && f.has("volatility") ? `IF(ISNUMBER(${f.thisRow("volatility")}),${clamp01(`${f.thisRow("volatility")}/2`)},"")` : undefined),
    },
    {
      key: "riskDecline", detail: true,
      header: "Risk: decline",
      type: "number",
      numberFormat: fraction,
      width: 8,
      values: (a) => (c) => a.risk?.components.decline[c],
      formula: (f) => (f.a.risk?.inputs.trend && f.has("trend") ? `IF(ISNUMBER(${f.thisRow("trend")}),${clamp01(`-12*${f.thisRow("trend")}`)},"")` : undefined),
    },
    {
      key: "riskScore",
      header: "Risk score",
      type: "number",
      numberFormat: "0.0",
      width: 8,
      values: (a) => (c) => a.risk?.score[c],
      formula: (f) =>
        rescaledWeightedFormula(
          [
            [f.thisRow("riskChurn"), RISK_WEIGHT_NAMES.churn],
            [f.thisRow("riskCredit"), RISK_WEIGHT_NAMES.credit],
            [f.thisRow("riskDependence"), RISK_WEIGHT_NAMES.dependence],
            [f.thisRow("riskVolatility"), RISK_WEIGHT_NAMES.volatility],
            [f.thisRow("riskDecline"), RISK_WEIGHT_NAMES.decline],
          ],
          100,
        ),
    },
  ],
} as const satisfies AccountGroupDef;

/** KA About: tier rules and risk weights (the formulas read them) and the alert thresholds (applied when the add-in runs). */
export const riskParameters: ParameterSource = ({ a, t: tr }) => {
  if (!a.risk) return [];
  const p = a.params;
  const w = p.riskWeights;
  const t = p.alertThresholds;
  const pct = NumberFormat.percent;
  const items: KeyValueItem[] = [
    { label: tr("Tier: Strategic from share"), value: p.tierRules.strategicShare, numberFormat: pct, name: "KA_Tier_Share", note: tr("and YoY growth at least the next line (unknown YoY does not block)") },
    { label: tr("Tier: Strategic YoY growth at least"), value: p.tierRules.strategicMinYoy, numberFormat: pct, name: "KA_Tier_YoY", note: tr("else Key when ABC class A, else General") },
    { label: tr("Risk weight: churn (1 − P(alive))"), value: w.churn, numberFormat: pct, name: RISK_WEIGHT_NAMES.churn, note: tr("weights rescale over the components present") },
    { label: tr("Risk weight: credit ((100 − score) / 100)"), value: w.credit, numberFormat: pct, name: RISK_WEIGHT_NAMES.credit },
    { label: tr("Risk weight: dependence (share / largest share)"), value: w.dependence, numberFormat: pct, name: RISK_WEIGHT_NAMES.dependence },
    { label: tr("Risk weight: volatility (min(1, CV / 2))"), value: w.volatility, numberFormat: pct, name: RISK_WEIGHT_NAMES.volatility },
    { label: tr("Risk weight: decline (clamp(−12 · trend, 0, 1))"), value: w.decline, numberFormat: pct, name: RISK_WEIGHT_NAMES.decline },
    { label: tr("Alert: P(alive) below"), value: t.pAlive, numberFormat: "0.00", name: "KA_Alert_PAlive", note: tr("alert thresholds apply when the add-in writes KA Alerts (re-run to apply a change)") },
    { label: tr("Alert: … on accounts with share from"), value: t.pAliveMinShare, numberFormat: pct, name: "KA_Alert_PAliveShare" },
    { label: tr("Alert: overdue > {overdueDays} days above, of open balance", { overdueDays: t.overdueDays }), value: t.overdueShare, numberFormat: pct, name: "KA_Alert_Overdue" },
    { label: tr("Alert: share from"), value: t.majorShare, numberFormat: pct, name: "KA_Alert_Share" },
    { label: tr("Alert: YoY revenue decline from"), value: t.yoyDecline, numberFormat: pct, name: "KA_Alert_Decline" },
    { label: tr("Alert: contract ends within (days)"), value: t.contractDays, numberFormat: NumberFormat.integer, name: "KA_Alert_ContractDays" },
    { label: tr("Alert: credit limit used from"), value: t.utilisation, numberFormat: pct, name: "KA_Alert_Utilisation" },
  ];
  return items;
};

/** Summary: alerts counted by reason (formulas over KA Alerts) and accounts per tier (over KA Accounts). */
export const riskSummary: SummaryGroupSource = (ctx) => {
  const { t, m } = ctx;
  const k = ctx.a.risk;
  if (!k) return undefined;
  const code = ctx.table(ALERTS_TABLE).column("code");
  const items: KeyValueItem[] = [
    { label: t("Alerts"), value: { formula: `SUMPRODUCT(--(LEN(${code})>0))`, value: k.alerts.length }, numberFormat: NumberFormat.integer, note: t("rows on KA Alerts") },
  ];
  for (const r of ALERT_REASONS) {
    items.push({ label: t("… {alert}", { alert: m.common.alertReason[r] }), value: { formula: `COUNTIF(${code},${str(r)})`, value: k.alertCounts[r] }, numberFormat: NumberFormat.integer });
  }
  for (const tier of ["Strategic", "Key", "General"] as Tier[]) {
    const word = m.common.tier[tier];
    items.push({ label: t("{tier} accounts", { tier: word }), value: { formula: `COUNTIF(${ctx.accounts.column("tier")},${str(word)})`, value: k.tierCounts[tier] }, numberFormat: NumberFormat.integer });
  }
  return { title: t("Account risk"), items };
};

/** JSON `alerts`: count per reason (every reason, zeros included). */
export const riskJson = jsonSection("alerts", (a) => (a.risk ? { ...a.risk.alertCounts } : null));
