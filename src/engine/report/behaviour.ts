/**
 * Customer behaviour on the report (SPEC §3, §5, §6, §9): Accounts columns (RFM values, native COUNTIF score
 * formulas, the segment looked up in the rule table on KA About, stability), the Summary's retention figures,
 * the RFM rule table and retention period on About, and the JSON `rfm` and `retention` blocks.
 */
import type { Analysis } from "../analysis/types";
import { SEGMENT_RULES } from "../metrics/rfm";
import type { SegmentRule } from "../metrics/rfm";
import type { AccountColumnGroup } from "./accounts";
import { ACCOUNTS_TABLE } from "./accounts";
import { column, str, thisRow } from "./refs";
import type { KeyValueItem, SummaryGroup } from "./summary";
import type { Block, TableBlock, TextBlock } from "./types";
import { NumberFormat } from "./types";

/** Table of segment rules on KA About; the Segment formulas of KA Accounts look rules up here. */
export const SEGMENT_RULES_TABLE = "KASegmentRules";

/** Accounts headers of the behaviour columns (formulas refer to each other by these). */
export const H = {
  recency: "Recency (days)",
  frequency: "Frequency",
  monetary: "Monetary",
  r: "R",
  f: "F",
  m: "M",
  rfm: "RFM",
  segment: "Segment",
  volatility: "Volatility (CV)",
  trend: "Trend (per month)",
  yoy: "YoY growth",
} as const;

const R = (name: string) => thisRow(ACCOUNTS_TABLE, name);
const C = (name: string) => column(ACCOUNTS_TABLE, name);
const RULE = (name: string) => column(SEGMENT_RULES_TABLE, name);

/**
 * The count-based score as a native formula (SPEC §3): `MIN(bins, 1 + INT(bins · COUNTIF(range, "<"&x) / COUNT(range)))`,
 * `">"` for recency; blank when the value is blank. `KA_Bins` is the bins parameter cell on KA About.
 */
export function scoreFormula(header: string, lowerIsBetter: boolean): string {
  const x = R(header);
  const op = lowerIsBetter ? ">" : "<";
  return `IF(ISNUMBER(${x}),MIN(KA_Bins,1+INT(KA_Bins*COUNTIF(${C(header)},${str(op)}&${x})/COUNT(${C(header)}))),"")`;
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
export function segmentFormula(): string {
  const r5 = fiveScale(R(H.r));
  const f5 = fiveScale(R(H.f));
  const m5 = fiveScale(R(H.m));
  const fm = `INT((${f5}+${m5}+1)/2)`;
  const within = (x: string, lo: string, hi: string) => `(${x}>=${RULE(lo)})*(${x}<=${RULE(hi)})`;
  const match = `${within(r5, "R min", "R max")}*${within(fm, "FM min", "FM max")}*${within(f5, "F min", "F max")}`;
  const first = `SUMPRODUCT(MIN(${RULE("Order")}+1000*(1-${match})))`;
  const blank = `OR(${R(H.r)}="",${R(H.f)}="",${R(H.m)}="")`;
  return `IF(${blank},"",IFERROR(INDEX(${RULE("Segment")},MATCH(${first},${RULE("Order")},0)),""))`;
}

/** The RFM code as a formula: the three scores written together, hyphenated with 10 bins. */
export function rfmCodeFormula(): string {
  const [r, f, m] = [R(H.r), R(H.f), R(H.m)];
  return `IF(OR(${r}="",${f}="",${m}=""),"",IF(KA_Bins>=10,${r}&"-"&${f}&"-"&${m},${r}&${f}&${m}))`;
}

export function rfmAccounts(a: Analysis): AccountColumnGroup {
  const k = a.rfm;
  return {
    area: "rfm",
    applies: k !== undefined,
    columns: [
      { key: "recencyDays", header: H.recency, type: "number", numberFormat: NumberFormat.integer, width: 10, value: (c) => k?.recency[c] },
      // Key fixed by SPEC §9; counts invoices instead when KA_FrequencyBy is "invoices".
      { key: "purchaseDays", header: H.frequency, type: "number", numberFormat: NumberFormat.integer, width: 10, value: (c) => k?.frequency[c] },
      { key: "monetary", header: H.monetary, type: "number", numberFormat: NumberFormat.money, width: 14, value: (c) => k?.monetary[c] },
      { key: "r", header: H.r, type: "number", numberFormat: NumberFormat.integer, width: 5, value: (c) => k?.r[c], formula: scoreFormula(H.recency, true) },
      { key: "f", header: H.f, type: "number", numberFormat: NumberFormat.integer, width: 5, value: (c) => k?.f[c], formula: scoreFormula(H.frequency, false) },
      { key: "m", header: H.m, type: "number", numberFormat: NumberFormat.integer, width: 5, value: (c) => k?.m[c], formula: scoreFormula(H.monetary, false) },
      { key: "rfm", header: H.rfm, type: "text", width: 7, value: (c) => (k && k.codes[c] !== "" ? k.codes[c] : undefined), formula: rfmCodeFormula() },
      {
        key: "segment",
        header: H.segment,
        type: "text",
        width: 18,
        value: (c) => (k && k.segment[c] >= 0 ? k.rules[k.segment[c]].name : undefined),
        formula: segmentFormula(),
      },
    ],
  };
}

export function stabilityAccounts(a: Analysis): AccountColumnGroup {
  const s = a.stability;
  return {
    area: "stability",
    applies: s !== undefined,
    columns: [
      { key: "volatility", header: H.volatility, type: "number", numberFormat: NumberFormat.decimal, width: 10, value: (c) => s?.volatility[c] },
      { key: "trend", header: H.trend, type: "number", numberFormat: NumberFormat.percent, width: 10, value: (c) => s?.trend[c] },
      { key: "yoy", header: H.yoy, type: "number", numberFormat: NumberFormat.percent, width: 10, value: (c) => s?.yoy[c] },
    ],
  };
}

/** The rule table as rows: open bounds written out (1 and 5) so that a user sees and can edit every range. */
export function segmentRuleRows(rules: readonly SegmentRule[] = SEGMENT_RULES): (string | number)[][] {
  return rules.map((rule, k) => [
    k + 1,
    rule.name,
    rule.nameZh,
    rule.r?.[0] ?? 1,
    rule.r?.[1] ?? 5,
    rule.fm?.[0] ?? 1,
    rule.fm?.[1] ?? 5,
    rule.f?.[0] ?? 1,
    rule.f?.[1] ?? 5,
  ]);
}

/** About: the RFM rule table (editable: the Segment column of KA Accounts recalculates from it). */
export function segmentRulesPanel(a: Analysis): Omit<Block, "row" | "col">[] {
  if (!a.rfm) return [];
  const int = NumberFormat.integer;
  return [
    { kind: "text", text: "RFM segment rules (first matching row by Order wins; scores on 1..5, FM = ROUND((F + M) / 2))", style: "heading" } as Omit<TextBlock, "row" | "col">,
    {
      kind: "text",
      text: "R, F and M on KA Accounts are MIN(bins, 1 + INT(bins · COUNTIF(values below) / COUNT(values))) — above for recency — and map to 1..5 as CEILING(5 · score / bins). Edit a range or an order here and the Segment column recalculates.",
      style: "note",
    } as Omit<TextBlock, "row" | "col">,
    {
      kind: "table",
      name: SEGMENT_RULES_TABLE,
      columns: [
        { header: "Order", numberFormat: int },
        { header: "Segment" },
        { header: "细分" },
        { header: "R min", numberFormat: int },
        { header: "R max", numberFormat: int },
        { header: "FM min", numberFormat: int },
        { header: "FM max", numberFormat: int },
        { header: "F min", numberFormat: int },
        { header: "F max", numberFormat: int },
      ],
      rows: segmentRuleRows(a.rfm.rules),
      style: "TableStyleLight9",
    } as Omit<TableBlock, "row" | "col">,
  ];
}

export function retentionParameterItems(a: Analysis): KeyValueItem[] {
  return [{ label: "Retention period", value: a.params.retentionPeriod, name: "KA_RetentionPeriod", note: "month, quarter or year" }];
}

/** Summary: retention, churn and NRR into the last complete period, and the RFM segments that need action. */
export function behaviourSummaryGroup(a: Analysis): SummaryGroup | undefined {
  const ret = a.retention;
  const rfm = a.rfm;
  if (!ret && !rfm) return undefined;
  const items: KeyValueItem[] = [];
  if (ret) {
    const last = ret.last;
    const span = last ? `${last.previousLabel} → ${last.label}` : "no complete period";
    items.push(
      { label: `Retention (${ret.period}, ${span})`, value: last ? last.rate : "", numberFormat: NumberFormat.percent, name: "KA_Retention", note: "bought in both ÷ bought in the earlier period" },
      { label: "Churn", value: last ? { formula: `IF(ISNUMBER(KA_Retention),1-KA_Retention,"")`, value: 1 - last.rate } : "", numberFormat: NumberFormat.percent, note: "1 − retention" },
      { label: "Net revenue retention (NRR)", value: last && Number.isFinite(last.nrr) ? last.nrr : "", numberFormat: NumberFormat.percent, note: "this period's revenue of last period's buyers ÷ their revenue then" },
    );
  }
  if (rfm) {
    const count = (name: string) => {
      const k = rfm.rules.findIndex((r) => r.name === name);
      return k >= 0 ? rfm.segmentCounts[k] : 0;
    };
    for (const name of ["Champions", "At Risk", "Can't Lose"]) {
      items.push({ label: `RFM: ${name}`, value: { formula: `COUNTIF(${C(H.segment)},${str(name)})`, value: count(name) }, numberFormat: NumberFormat.integer });
    }
  }
  return { title: "Customer behaviour", items };
}

/** JSON: `rfm{bins,segments{name:count}}` (every segment, zeros included) and `retention{period,rate,churn,nrr}`. */
export function behaviourJson(a: Analysis): Record<string, unknown> {
  const rfm = a.rfm;
  const ret = a.retention;
  const last = ret?.last;
  const num = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
  return {
    rfm: rfm
      ? { bins: rfm.bins, segments: Object.fromEntries(rfm.rules.map((r, k) => [r.name, rfm.segmentCounts[k]])), unsegmented: rfm.unsegmented }
      : null,
    retention: ret
      ? { period: ret.period, rate: num(last?.rate), churn: num(last ? 1 - last.rate : undefined), nrr: num(last?.nrr), from: last?.previousLabel ?? null, to: last?.label ?? null }
      : null,
  };
}
