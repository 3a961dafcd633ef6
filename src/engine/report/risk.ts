/**
 * Key-account risk on the report (SPEC §8, §9): Accounts columns (tier, the risk score and each component as native
 * formulas over parameter cells), the KA Alerts tab (one row per account and reason, sorted by severity), the
 * Summary's tier and alert counts, the About parameters (tier rules, risk weights, alert thresholds) and the JSON
 * `alerts` block (count by reason).
 */
import type { Analysis } from "../analysis/types";
import { ALERT_REASONS } from "../metrics/risk";
import type { AlertReason, Tier } from "../metrics/risk";
import type { AccountColumnGroup } from "./accounts";
import { ACCOUNTS_TABLE } from "./accounts";
import { CH, otherAccountHeader, rescaledWeightedFormula } from "./credit";
import { Column } from "./layout";
import { column, str, thisRow } from "./refs";
import type { KeyValueItem, SummaryGroup } from "./summary";
import type { Cell, SheetSpec, TableBlock, TextBlock } from "./types";
import { NumberFormat } from "./types";

export const ALERTS_TABLE = "KAAlerts";

export const RH = {
  tier: "Tier",
  score: "Risk score",
  churn: "Risk: churn",
  credit: "Risk: credit",
  dependence: "Risk: dependence",
  volatility: "Risk: volatility",
  decline: "Risk: decline",
} as const;

export const RISK_WEIGHT_NAMES = { churn: "KA_RW_Churn", credit: "KA_RW_Credit", dependence: "KA_RW_Dependence", volatility: "KA_RW_Volatility", decline: "KA_RW_Decline" } as const;

/** What each alert reason is called on the tabs (the `Code` column keeps the JSON key). */
export const ALERT_LABELS: Record<AlertReason, string> = {
  seriousOverdue: "Seriously overdue",
  churnRisk: "Churn risk",
  revenueDecline: "Revenue decline",
  highUtilisation: "Credit limit nearly used",
  contractEnd: "Contract ending",
  majorCustomer: "Major customer",
};

const R = (name: string) => thisRow(ACCOUNTS_TABLE, name);
const C = (name: string) => column(ACCOUNTS_TABLE, name);
const clamp01 = (x: string) => `MAX(0,MIN(1,${x}))`;

/** Accounts columns of the risk area: tier, risk score and its five components (SPEC §9 keys). */
export function riskAccounts(a: Analysis): AccountColumnGroup {
  const k = a.risk;
  const share = otherAccountHeader(a, "share");
  const abc = otherAccountHeader(a, "abc");
  const yoy = k?.inputs.yoy ? otherAccountHeader(a, "yoy") : undefined;
  const pAlive = k?.inputs.pAlive ? otherAccountHeader(a, "pAlive") : undefined;
  const volatility = k?.inputs.volatility ? otherAccountHeader(a, "volatility") : undefined;
  const trend = k?.inputs.trend ? otherAccountHeader(a, "trend") : undefined;
  const hasCredit = a.credit !== undefined;
  const growthOk = yoy ? `,OR(NOT(ISNUMBER(${R(yoy)})),${R(yoy)}>=KA_Tier_YoY)` : "";
  const tierFormula =
    share && abc ? `IF(AND(ISNUMBER(${R(share)}),${R(share)}>=KA_Tier_Share${growthOk}),"Strategic",IF(${R(abc)}="A","Key","General"))` : undefined;
  const fraction = NumberFormat.ratio;
  return {
    area: "risk",
    applies: k !== undefined,
    columns: [
      { key: "tier", header: RH.tier, type: "text", width: 10, value: (c) => k?.tier[c], formula: tierFormula },
      {
        key: "riskChurn",
        header: RH.churn,
        type: "number",
        numberFormat: fraction,
        width: 8,
        value: (c) => k?.components.churn[c],
        formula: pAlive ? `IF(ISNUMBER(${R(pAlive)}),${clamp01(`1-${R(pAlive)}`)},"")` : undefined,
      },
      {
        key: "riskCredit",
        header: RH.credit,
        type: "number",
        numberFormat: fraction,
        width: 8,
        value: (c) => k?.components.credit[c],
        formula: hasCredit ? `IF(ISNUMBER(${R(CH.score)}),${clamp01(`(100-${R(CH.score)})/100`)},"")` : undefined,
      },
      {
        key: "riskDependence",
        header: RH.dependence,
        type: "number",
        numberFormat: fraction,
        width: 8,
        value: (c) => k?.components.dependence[c],
        // No positive revenue: nothing to depend on (0), not a missing component.
        formula: share ? `IF(ISNUMBER(${R(share)}),${clamp01(`${R(share)}/MAX(${C(share)})`)},0)` : undefined,
      },
      {
        key: "riskVolatility",
        header: RH.volatility,
        type: "number",
        numberFormat: fraction,
        width: 8,
        value: (c) => k?.components.volatility[c],
        formula: volatility ? `IF(ISNUMBER(${R(volatility)}),${clamp01(`${R(volatility)}/2`)},"")` : undefined,
      },
      {
        key: "riskDecline",
        header: RH.decline,
        type: "number",
        numberFormat: fraction,
        width: 8,
        value: (c) => k?.components.decline[c],
        formula: trend ? `IF(ISNUMBER(${R(trend)}),${clamp01(`-12*${R(trend)}`)},"")` : undefined,
      },
      {
        key: "riskScore",
        header: RH.score,
        type: "number",
        numberFormat: "0.0",
        width: 8,
        value: (c) => k?.score[c],
        formula: rescaledWeightedFormula(
          [
            [R(RH.churn), RISK_WEIGHT_NAMES.churn],
            [R(RH.credit), RISK_WEIGHT_NAMES.credit],
            [R(RH.dependence), RISK_WEIGHT_NAMES.dependence],
            [R(RH.volatility), RISK_WEIGHT_NAMES.volatility],
            [R(RH.decline), RISK_WEIGHT_NAMES.decline],
          ],
          100,
        ),
      },
    ],
  };
}

/** KA About: tier rules and risk weights (the formulas read them) and the alert thresholds (applied when the add-in runs). */
export function riskParameterItems(a: Analysis): KeyValueItem[] {
  if (!a.risk) return [];
  const p = a.params;
  const w = p.riskWeights;
  const t = p.alertThresholds;
  const pct = NumberFormat.percent;
  return [
    { label: "Tier: Strategic from share", value: p.tierRules.strategicShare, numberFormat: pct, name: "KA_Tier_Share", note: "and YoY growth at least the next line (unknown YoY does not block)" },
    { label: "Tier: Strategic YoY growth at least", value: p.tierRules.strategicMinYoy, numberFormat: pct, name: "KA_Tier_YoY", note: "else Key when ABC class A, else General" },
    { label: "Risk weight: churn (1 − P(alive))", value: w.churn, numberFormat: pct, name: RISK_WEIGHT_NAMES.churn, note: "weights rescale over the components present" },
    { label: "Risk weight: credit ((100 − score) / 100)", value: w.credit, numberFormat: pct, name: RISK_WEIGHT_NAMES.credit },
    { label: "Risk weight: dependence (share / largest share)", value: w.dependence, numberFormat: pct, name: RISK_WEIGHT_NAMES.dependence },
    { label: "Risk weight: volatility (min(1, CV / 2))", value: w.volatility, numberFormat: pct, name: RISK_WEIGHT_NAMES.volatility },
    { label: "Risk weight: decline (clamp(−12 · trend, 0, 1))", value: w.decline, numberFormat: pct, name: RISK_WEIGHT_NAMES.decline },
    { label: "Alert: P(alive) below", value: t.pAlive, numberFormat: "0.00", name: "KA_Alert_PAlive", note: "alert thresholds apply when the add-in writes KA Alerts (re-run to apply a change)" },
    { label: "Alert: … on accounts with share from", value: t.pAliveMinShare, numberFormat: pct, name: "KA_Alert_PAliveShare" },
    { label: `Alert: overdue > ${t.overdueDays} days above, of open balance`, value: t.overdueShare, numberFormat: pct, name: "KA_Alert_Overdue" },
    { label: "Alert: share from", value: t.majorShare, numberFormat: pct, name: "KA_Alert_Share" },
    { label: "Alert: YoY revenue decline from", value: t.yoyDecline, numberFormat: pct, name: "KA_Alert_Decline" },
    { label: "Alert: contract ends within (days)", value: t.contractDays, numberFormat: NumberFormat.integer, name: "KA_Alert_ContractDays" },
    { label: "Alert: credit limit used from", value: t.utilisation, numberFormat: pct, name: "KA_Alert_Utilisation" },
  ];
}

/**
 * KA Alerts (SPEC §8): one row per account and reason with the measured value and the threshold, high severity
 * first. Fractions (shares, ratios, P(alive), growth) are written as fractions; the contract alert's value and
 * threshold are days (the Unit column says which).
 */
export function buildAlertsSheet(a: Analysis): SheetSpec | undefined {
  const k = a.risk;
  if (!k) return undefined;
  const share = a.concentration?.share;
  const left = new Column(0, 0);
  left.add<TextBlock>({ kind: "text", text: "KA Alerts — accounts that need a look", style: "title" });
  left.add<TextBlock>({
    kind: "text",
    text: `${k.alerts.length} alert${k.alerts.length === 1 ? "" : "s"} on ${new Set(k.alerts.map((x) => x.customer)).size} accounts, high severity first (money at risk or an account likely lost), then medium, then low; thresholds on KA About.`,
    style: "note",
  });
  const rows: Cell[][] = k.alerts.map((x) => [
    x.severity,
    a.customers.names[x.customer],
    ALERT_LABELS[x.reason],
    x.value,
    x.threshold,
    x.reason === "contractEnd" ? "days" : "fraction",
    share && Number.isFinite(share[x.customer]) ? share[x.customer] : null,
    x.message,
    x.reason,
  ]);
  left.add<TableBlock>({
    kind: "table",
    name: ALERTS_TABLE,
    columns: [
      { header: "Severity", width: 9 },
      { header: "Customer", width: 32 },
      { header: "Alert", width: 22 },
      { header: "Measured", numberFormat: "0.000", width: 10 },
      { header: "Threshold", numberFormat: "0.000", width: 10 },
      { header: "Unit", width: 8 },
      { header: "Share", numberFormat: NumberFormat.percent, width: 8 },
      { header: "Detail", width: 70 },
      { header: "Code", width: 16 },
    ],
    rows: rows.length > 0 ? rows : [["", "(no alerts)", "", null, null, "", null, "", ""]],
    style: "TableStyleMedium3",
  });
  return { name: "KA Alerts", role: "alerts", blocks: left.blocks, columnWidths: [9, 32, 22, 10, 10, 8, 8, 70, 16], freeze: { rows: 3, cols: 0 }, tabColor: "C00000" };
}

/** Summary: alerts counted by reason (formulas over KA Alerts) and accounts per tier (over KA Accounts). */
export function riskSummaryGroup(a: Analysis): SummaryGroup | undefined {
  const k = a.risk;
  if (!k) return undefined;
  const items: KeyValueItem[] = [
    { label: "Alerts", value: { formula: `SUMPRODUCT(--(LEN(${column(ALERTS_TABLE, "Code")})>0))`, value: k.alerts.length }, numberFormat: NumberFormat.integer, note: "rows on KA Alerts" },
  ];
  for (const r of ALERT_REASONS) {
    items.push({ label: `… ${ALERT_LABELS[r]}`, value: { formula: `COUNTIF(${column(ALERTS_TABLE, "Code")},${str(r)})`, value: k.alertCounts[r] }, numberFormat: NumberFormat.integer });
  }
  for (const t of ["Strategic", "Key", "General"] as Tier[]) {
    items.push({ label: `${t} accounts`, value: { formula: `COUNTIF(${C(RH.tier)},${str(t)})`, value: k.tierCounts[t] }, numberFormat: NumberFormat.integer });
  }
  return { title: "Account risk", items };
}

/** JSON `alerts`: count per reason (every reason, zeros included). */
export function riskJson(a: Analysis): Record<string, unknown> {
  return { alerts: a.risk ? { ...a.risk.alertCounts } : null };
}
