/**
 * Dependence on the report (docs/functions.md "How the analysis computes dependence"): the Accounts columns of share
 * shifts (the last 12 months against the 12 before, with the rising-dependence flag as a formula over the threshold on
 * KA About), gross margin and expected credit loss per customer (what the stress tests add up), the parameters on
 * About, and the JSON `concentration.trend`, `stress` and `dependence`.
 */
import { isoFromDay } from "../../day";
import { messages } from "../../i18n";
import type { StressResult, TrendNote } from "../../metrics/dependence";
import type { AccountGroupDef, FormulaRefs, ParameterSource } from "../model";
import { jsonSection, jsonSubsection } from "../model";
import { str } from "../refs";
import { NumberFormat } from "../types";

/** Defined names of the dependence parameters on KA About. */
export const DEPENDENCE_NAMES = { risingShare: "KA_RisingShare", stressShare: "KA_StressShare", groupOneCustomer: "KA_GroupOneCustomer" } as const;

/** Percentage points, signed: the change of a share. */
export const PP_FORMAT = '+0.0" pp";-0.0" pp";0.0" pp"';

/** A number for the JSON: NaN (not measured) is null. */
function n(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

const finite = (x: number) => (Number.isFinite(x) ? x : undefined);

/** Share of a revenue column's positive total, as the engine computes it (blank when not positive or blank). */
function shareFormula(f: FormulaRefs, key: string): string {
  return `IF(N(${f.thisRow(key)})>0,${f.thisRow(key)}/SUMIF(${f.column(key)},">0"),"")`;
}

export const shiftColumns: AccountGroupDef = {
  id: "shifts",
  title: "Share shifts",
  applies: (a) => a.dependence !== undefined,
  columns: [
    {
      key: "revenueLast12m",
      detail: true,
      header: "Revenue, last 12 months",
      type: "number",
      numberFormat: NumberFormat.money,
      width: 14,
      values: (a) => (c) => a.dependence?.shifts.revenueNow[c],
    },
    {
      key: "revenuePrior12m",
      detail: true,
      header: "Revenue, 12 months before",
      type: "number",
      numberFormat: NumberFormat.money,
      width: 14,
      values: (a) => (c) => finite(a.dependence?.shifts.revenueThen[c] ?? NaN),
    },
    {
      key: "shareLast12m",
      header: "Share, last 12 months",
      type: "number",
      numberFormat: NumberFormat.percent,
      width: 10,
      values: (a) => (c) => finite(a.dependence?.shifts.shareNow[c] ?? NaN),
      formula: (f) => shareFormula(f, "revenueLast12m"),
    },
    {
      key: "sharePrior12m",
      detail: true,
      header: "Share, 12 months before",
      type: "number",
      numberFormat: NumberFormat.percent,
      width: 10,
      values: (a) => (c) => finite(a.dependence?.shifts.shareThen[c] ?? NaN),
      formula: (f) => shareFormula(f, "revenuePrior12m"),
    },
    {
      key: "rankLast12m",
      header: "Rank, last 12 months",
      type: "number",
      numberFormat: NumberFormat.integer,
      width: 8,
      values: (a) => (c) => a.dependence?.shifts.rankNow[c] || undefined,
    },
    {
      key: "rankPrior12m",
      detail: true,
      header: "Rank, 12 months before",
      type: "number",
      numberFormat: NumberFormat.integer,
      width: 8,
      values: (a) => (c) => a.dependence?.shifts.rankThen[c] || undefined,
    },
    {
      key: "shareChangePp",
      header: "Share change (pp)",
      type: "number",
      numberFormat: PP_FORMAT,
      width: 10,
      values: (a) => (c) => finite(100 * (a.dependence?.shifts.change[c] ?? NaN)),
      // Blank when the earlier year is not covered (its revenue cells are empty) or neither year gives a share; a
      // missing share counts 0 (N("") = 0).
      formula: (f) => {
        const [now, then] = [f.thisRow("shareLast12m"), f.thisRow("sharePrior12m")];
        return `IF(OR(ISBLANK(${f.thisRow("revenuePrior12m")}),AND(${now}="",${then}="")),"",100*(N(${now})-N(${then})))`;
      },
    },
    {
      key: "risingDependence",
      header: "Rising dependence",
      type: "boolean",
      width: 10,
      values: (a) => {
        const s = a.dependence?.shifts;
        const rising = new Set(s?.rising.map((r) => r.customer));
        return (c) => (s && Number.isFinite(s.change[c]) ? rising.has(c) : undefined);
      },
      // The engine's rule: a rise of at least the threshold, or crossing 10 % from below (1e-10 pp: a rise of exactly
      // the threshold in decimal counts although it is a hair below it in binary).
      formula: (f) => {
        const [now, then, change] = [f.thisRow("shareLast12m"), f.thisRow("sharePrior12m"), f.thisRow("shareChangePp")];
        return `IF(${change}="","",OR(${change}>=100*${DEPENDENCE_NAMES.risingShare}-1E-10,AND(N(${now})>=0.1-1E-12,N(${then})<0.1-1E-12)))`;
      },
    },
  ],
};

export const marginColumns: AccountGroupDef = {
  id: "margin",
  title: "Margin",
  applies: (a) => a.dependence?.margin !== undefined,
  columns: [{ key: "grossMargin", header: "Gross margin", type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.dependence?.margin?.[c] }],
};

export const eclColumns: AccountGroupDef = {
  id: "eclExposure",
  title: "Expected credit loss",
  applies: (a) => a.dependence?.ecl !== undefined,
  columns: [{ key: "expectedCreditLoss", header: "Expected credit loss", type: "number", numberFormat: NumberFormat.money, width: 13, values: (a) => (c) => a.dependence?.ecl?.[c] }],
};

/** With KA Rows and KA Drill (`--with-rows`): each account's ledger row count and a link to the drill-down. */
export const drillColumns: AccountGroupDef = {
  id: "drill",
  title: "Ledger rows",
  applies: (a) => a.params.withRows && a.concentration !== undefined,
  columns: [
    {
      key: "ledgerRows",
      header: "Ledger rows",
      type: "number",
      numberFormat: NumberFormat.integer,
      width: 9,
      values: (a) => (c) => a.customers.start[c + 1] - a.customers.start[c],
    },
    {
      key: "drill",
      header: "Drill down",
      type: "text",
      width: 9,
      values: (a) => () => messages(a.params.lang).dependence.drill.link,
      // A link to the picker on KA Drill (a defined name, so it survives a renamed tab).
      formula: (f) => `HYPERLINK("#KA_DrillCustomer",${str(messages(f.a.params.lang).dependence.drill.link)})`,
    },
  ],
};

export const dependenceParameters: ParameterSource = ({ a }) => {
  if (!a.dependence) return [];
  const m = messages(a.params.lang).dependence.params;
  return [
    { label: m.risingShare, value: a.params.risingShare, numberFormat: NumberFormat.percent, name: DEPENDENCE_NAMES.risingShare },
    { label: m.stressShare, value: a.params.stressShare, numberFormat: NumberFormat.percent, name: DEPENDENCE_NAMES.stressShare },
    { label: m.groupOneCustomer, value: a.params.groupOneCustomerShare, numberFormat: NumberFormat.percent, name: DEPENDENCE_NAMES.groupOneCustomer },
  ];
};

type TrendNoteJson = { code: "noPositiveRevenue" } | { code: "partialStart"; from: string } | { code: "partialEnd"; through: string };

function noteJson(x: TrendNote): TrendNoteJson {
  if (x.code === "partialStart") return { code: x.code, from: isoFromDay(x.from) };
  if (x.code === "partialEnd") return { code: x.code, through: isoFromDay(x.through) };
  return { code: x.code };
}

/** JSON `concentration.trend`: one object per period, oldest first. */
export const trendJson = jsonSubsection("concentration", "trend", (a) => {
  const d = a.dependence;
  if (!d) return undefined;
  const name = (c: number) => a.customers.names[c];
  return d.trend.rows.map((r) => ({
    period: r.period,
    start: isoFromDay(r.start),
    end: isoFromDay(r.end),
    revenue: r.revenue,
    customers: r.customers,
    positiveCustomers: r.positiveCustomers,
    hhi: n(r.hhi),
    band: r.band || null,
    cr1: n(r.cr1),
    cr5: n(r.cr5),
    cr10: n(r.cr10),
    effectiveCustomers: n(r.effectiveCustomers),
    gini: n(r.gini),
    top10: Array.from(r.top, name),
    entered: r.compared ? Array.from(r.entered, name) : null,
    left: r.compared ? Array.from(r.left, name) : null,
    moved: r.compared ? r.moved.map((m) => ({ customer: name(m.customer), from: m.from, to: m.to })) : null,
    notes: r.notes.map(noteJson),
  }));
});

function stressResult(r: StressResult) {
  return {
    revenueLost: r.revenueLost,
    shareLost: n(r.shareLost),
    marginLost: n(r.marginLost),
    receivablesExposed: n(r.receivablesExposed),
    eclExposed: n(r.eclExposed),
    remainingHhi: n(r.remainingHhi),
  };
}

/** JSON `stress{totalPositive, topK[], customers[]}`. */
export const stressJson = jsonSection("stress", (a) => {
  const d = a.dependence;
  if (!d) return null;
  return {
    totalPositive: d.stress.totalPositive,
    topK: d.stress.topK.map((r) => ({ k: r.k, ...stressResult(r) })),
    customers: d.stress.customers.map((r) => ({ customer: a.customers.names[r.customer], picked: r.picked, ...stressResult(r) })),
  };
});

/** JSON `dependence{trendPeriod, trendBasis, shareShifts, groups}`. */
export const dependenceJson = jsonSection("dependence", (a) => {
  const d = a.dependence;
  if (!d) return null;
  const name = (c: number) => a.customers.names[c];
  const s = d.shifts;
  return {
    trendPeriod: d.trend.period,
    trendBasis: d.trend.basis,
    shareShifts: {
      from: isoFromDay(s.then.from + 1),
      split: isoFromDay(s.now.from),
      to: isoFromDay(s.now.to),
      covered: s.covered,
      threshold: s.threshold,
      rising: s.rising.map((r) => ({ customer: name(r.customer), shareThen: n(r.shareThen), shareNow: n(r.shareNow), changePp: 100 * r.change, rise: r.rise, crossed: r.crossed })),
    },
    groups: d.groups.map((g) => ({
      header: g.header,
      kind: g.kind,
      groups: g.groups.map((x) => ({
        group: x.group,
        revenue: x.revenue,
        revenueShare: n(x.revenueShare),
        customers: x.customers,
        positiveCustomers: x.positiveCustomers,
        hhi: n(x.hhi),
        band: x.band || null,
        topCustomer: x.topCustomer >= 0 ? name(x.topCustomer) : null,
        topShare: n(x.topShare),
        overdue: n(x.overdue),
        oneCustomer: x.flagged,
      })),
    })),
  };
});
