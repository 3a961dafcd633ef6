/**
 * Customer behaviour on the report (docs/metrics.md "RFM", "Stability", "Retention"): Accounts columns (RFM values,
 * native COUNTIF score formulas, the segment looked up in the rule table on KA About, stability), the Summary's
 * retention figures, the RFM rule table and retention period on About, and the JSON `rfm` and `retention` blocks.
 */
import { SEGMENT_RULES } from "../../metrics/rfm";
import type { SegmentRule } from "../../metrics/rfm";
import type { AccountGroupDef, FormulaRefs, JsonSection, KeyValueItem, PanelSource, ParameterSource, SummaryGroupSource, TableDef } from "../model";
import { jsonSection } from "../model";
import type { Lang } from "../../i18n/lang";
import { str } from "../refs";
import { tableBlock } from "../tables";
import { NumberFormat } from "../types";

const int = NumberFormat.integer;

/** Table of segment rules on KA About; the Segment formulas of KA Accounts look rules up here. */
export const SEGMENT_RULES_TABLE: TableDef = {
  name: "KASegmentRules",
  style: "TableStyleLight9",
  columns: [
    { key: "order", header: "Order", numberFormat: int },
    { key: "segment", header: "Segment" },
    { key: "segmentZh", header: "细分" },
    { key: "rMin", header: "R min", numberFormat: int },
    { key: "rMax", header: "R max", numberFormat: int },
    { key: "fmMin", header: "FM min", numberFormat: int },
    { key: "fmMax", header: "FM max", numberFormat: int },
    { key: "fMin", header: "F min", numberFormat: int },
    { key: "fMax", header: "F max", numberFormat: int },
  ],
};

/**
 * A table with the English and Chinese segment names side by side, as the report's language writes it: in English both
 * columns (a colleague sees the Chinese name too); in Chinese only the Chinese name, in the `segment` column that
 * formulas read.
 */
export function withSegmentNames(table: TableDef, lang: Lang): TableDef {
  return lang === "en" ? table : { ...table, columns: table.columns.filter((c) => c.key !== "segmentZh") };
}

/** A segment's name in the report's language. */
export function segmentName(rule: SegmentRule, lang: Lang): string {
  return lang === "en" ? rule.name : rule.nameZh;
}

/**
 * The count-based score as a native formula (docs/metrics.md "RFM"): `MIN(bins, 1 + INT(bins · COUNTIF(range,
 * "<"&x) / COUNT(range)))`, `">"` for recency; blank when the value is blank. `KA_Bins` is the bins cell on KA About.
 */
export function scoreFormula(f: FormulaRefs, key: string, lowerIsBetter: boolean): string {
  const x = f.thisRow(key);
  const op = lowerIsBetter ? ">" : "<";
  return `IF(ISNUMBER(${x}),MIN(KA_Bins,1+INT(KA_Bins*COUNTIF(${f.column(key)},${str(op)}&${x})/COUNT(${f.column(key)}))),"")`;
}

/** A score on 1..KA_Bins mapped to the 1..5 scale of the rules: ceil(5·s/bins) = INT((5·s + bins − 1)/bins). */
function fiveScale(score: string): string {
  return `INT((5*${score}+KA_Bins-1)/KA_Bins)`;
}

/**
 * Segment as a native formula: the first rule (lowest Order) of the rule table whose ranges hold R, FM and F on the
 * 1..5 scale. `SUMPRODUCT(MIN(Order + 1000·(1 − match)))` finds that order without an array (CSE) formula, so
 * Excel and LibreOffice evaluate it alike; a user can edit the ranges or the order of the rules on KA About.
 */
export function segmentFormula(f: FormulaRefs): string {
  const rule = f.table(withSegmentNames(SEGMENT_RULES_TABLE, f.a.params.lang));
  const r5 = fiveScale(f.thisRow("r"));
  const f5 = fiveScale(f.thisRow("f"));
  const m5 = fiveScale(f.thisRow("m"));
  const fm = `INT((${f5}+${m5}+1)/2)`;
  const within = (x: string, lo: string, hi: string) => `(${x}>=${rule.column(lo)})*(${x}<=${rule.column(hi)})`;
  const match = `${within(r5, "rMin", "rMax")}*${within(fm, "fmMin", "fmMax")}*${within(f5, "fMin", "fMax")}`;
  const first = `SUMPRODUCT(MIN(${rule.column("order")}+1000*(1-${match})))`;
  const blank = `OR(${f.thisRow("r")}="",${f.thisRow("f")}="",${f.thisRow("m")}="")`;
  return `IF(${blank},"",IFERROR(INDEX(${rule.column("segment")},MATCH(${first},${rule.column("order")},0)),""))`;
}

/** The RFM code as a formula: the three scores written together, hyphenated with 10 bins. */
export function rfmCodeFormula(f: FormulaRefs): string {
  const [r, fr, m] = [f.thisRow("r"), f.thisRow("f"), f.thisRow("m")];
  return `IF(OR(${r}="",${fr}="",${m}=""),"",IF(KA_Bins>=10,${r}&"-"&${fr}&"-"&${m},${r}&${fr}&${m}))`;
}

export const rfmColumns = {
  id: "rfm",
  title: "Behaviour (RFM)",
  applies: (a) => a.rfm !== undefined,
  columns: [
    { key: "recencyDays", detail: true, header: "Recency (days)", type: "number", numberFormat: int, width: 10, values: (a) => (c) => a.rfm?.recency[c] },
    // Key fixed by the JSON contract; counts invoices instead when KA_FrequencyBy is "invoices".
    { key: "purchaseDays", detail: true, header: "Frequency", type: "number", numberFormat: int, width: 10, values: (a) => (c) => a.rfm?.frequency[c] },
    { key: "monetary", detail: true, header: "Monetary", type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.rfm?.monetary[c] },
    { key: "r", detail: true, header: "R", type: "number", numberFormat: int, width: 5, values: (a) => (c) => a.rfm?.r[c], formula: (f) => scoreFormula(f, "recencyDays", true) },
    { key: "f", detail: true, header: "F", type: "number", numberFormat: int, width: 5, values: (a) => (c) => a.rfm?.f[c], formula: (f) => scoreFormula(f, "purchaseDays", false) },
    { key: "m", detail: true, header: "M", type: "number", numberFormat: int, width: 5, values: (a) => (c) => a.rfm?.m[c], formula: (f) => scoreFormula(f, "monetary", false) },
    {
      key: "rfm",
      header: "RFM",
      type: "text",
      width: 7,
      values: (a) => {
        const k = a.rfm;
        return (c) => (k && k.codes[c] !== "" ? k.codes[c] : undefined);
      },
      formula: rfmCodeFormula,
    },
    {
      key: "segment",
      header: "Segment",
      type: "text",
      width: 18,
      values: (a) => {
        const k = a.rfm;
        return (c) => (k && k.segment[c] >= 0 ? k.rules[k.segment[c]].name : undefined);
      },
      words: (_m, a) => Object.fromEntries((a.rfm?.rules ?? []).map((r) => [r.name, segmentName(r, a.params.lang)])),
      formula: segmentFormula,
    },
  ],
} as const satisfies AccountGroupDef;

export const stabilityColumns = {
  id: "stability",
  title: "Stability",
  applies: (a) => a.stability !== undefined,
  columns: [
    { key: "volatility", header: "Volatility (CV)", type: "number", numberFormat: NumberFormat.decimal, width: 10, values: (a) => (c) => a.stability?.volatility[c] },
    { key: "trend", header: "Trend (per month)", type: "number", numberFormat: NumberFormat.percent, width: 10, values: (a) => (c) => a.stability?.trend[c] },
    { key: "yoy", header: "YoY growth", type: "number", numberFormat: NumberFormat.percent, width: 10, values: (a) => (c) => a.stability?.yoy[c] },
  ],
} as const satisfies AccountGroupDef;

/** The rule table as rows: open bounds written out (1 and 5) so that a user sees and can edit every range. */
export function segmentRuleRows(rules: readonly SegmentRule[] = SEGMENT_RULES, lang: Lang = "en"): (string | number)[][] {
  return rules.map((rule, k) => [
    k + 1,
    ...(lang === "en" ? [rule.name, rule.nameZh] : [rule.nameZh]),
    rule.r?.[0] ?? 1,
    rule.r?.[1] ?? 5,
    rule.fm?.[0] ?? 1,
    rule.fm?.[1] ?? 5,
    rule.f?.[0] ?? 1,
    rule.f?.[1] ?? 5,
  ]);
}

/** About: the RFM rule table (editable: the Segment column of KA Accounts recalculates from it). */
export const segmentRulesPanel: PanelSource = (ctx) => {
  const { t } = ctx;
  const rfm = ctx.a.rfm;
  if (!rfm) return [];
  return [
    { kind: "text", text: t("RFM segment rules (first matching row by Order wins; scores on 1..5, FM = ROUND((F + M) / 2))"), style: "heading" },
    {
      kind: "text",
      text: t("R, F and M on KA Accounts are MIN(bins, 1 + INT(bins · COUNTIF(values below) / COUNT(values))) — above for recency — and map to 1..5 as CEILING(5 · score / bins). Edit a range or an order here and the Segment column recalculates."),
      style: "note",
    },
    tableBlock(ctx, withSegmentNames(SEGMENT_RULES_TABLE, ctx.a.params.lang), segmentRuleRows(rfm.rules, ctx.a.params.lang)),
  ];
};

export const retentionParameters: ParameterSource = ({ a, t }) => [
  { label: t("Retention period"), value: a.params.retentionPeriod, name: "KA_RetentionPeriod", note: t("month, quarter or year") },
];

/** Summary: retention, churn and NRR into the last complete period, and the RFM segments that need action. */
export const behaviourSummary: SummaryGroupSource = ({ a, accounts: f, t }) => {
  const ret = a.retention;
  const rfm = a.rfm;
  if (!ret && !rfm) return undefined;
  const items: KeyValueItem[] = [];
  if (ret) {
    const last = ret.last;
    const span = last ? `${last.previousLabel} → ${last.label}` : t("no complete period");
    items.push(
      { label: t("Retention ({period}, {span})", { period: periodWord(t, ret.period), span }), value: last ? last.rate : "", numberFormat: NumberFormat.percent, name: "KA_Retention", note: t("bought in both ÷ bought in the earlier period") },
      { label: t("Churn"), value: last ? { formula: `IF(ISNUMBER(KA_Retention),1-KA_Retention,"")`, value: 1 - last.rate } : "", numberFormat: NumberFormat.percent, note: t("1 − retention") },
      { label: t("Net revenue retention (NRR)"), value: last && Number.isFinite(last.nrr) ? last.nrr : "", numberFormat: NumberFormat.percent, note: t("this period's revenue of last period's buyers ÷ their revenue then") },
    );
  }
  if (rfm) {
    const count = (name: string) => {
      const k = rfm.rules.findIndex((r) => r.name === name);
      return k >= 0 ? rfm.segmentCounts[k] : 0;
    };
    for (const name of ["Champions", "At Risk", "Can't Lose"]) {
      const rule = rfm.rules.find((r) => r.name === name);
      const word = rule ? segmentName(rule, a.params.lang) : name;
      items.push({ label: t("RFM: {name}", { name: word }), value: { formula: `COUNTIF(${f.column("segment")},${str(word)})`, value: count(name) }, numberFormat: NumberFormat.integer });
    }
  }
  return { title: t("Customer behaviour"), items };
};

/** A retention period (month, quarter, year) in the report's words. */
function periodWord(t: (english: string) => string, period: string): string {
  return t(period);
}

const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);

/** JSON: `rfm{bins,segments{name:count},unsegmented}` (every segment, zeros included) and `retention{period,rate,churn,nrr,from,to}`. */
export const behaviourJson: JsonSection[] = [
  jsonSection("rfm", (a) => {
    const rfm = a.rfm;
    return rfm ? { bins: rfm.bins, segments: Object.fromEntries(rfm.rules.map((r, k) => [r.name, rfm.segmentCounts[k]])), unsegmented: rfm.unsegmented } : null;
  }),
  jsonSection("retention", (a) => {
    const ret = a.retention;
    const last = ret?.last;
    return ret
      ? { period: ret.period, rate: finite(last?.rate), churn: finite(last ? 1 - last.rate : undefined), nrr: finite(last?.nrr), from: last?.previousLabel ?? null, to: last?.label ?? null }
      : null;
  }),
];
