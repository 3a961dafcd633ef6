/**
 * The forecast on the report (docs/metrics.md "Customer lifetime value", "Forecast backtest"): Accounts columns (the
 * model's values — the models do not fit in a formula — with their 90 % intervals and churn by recency, whose ratio
 * and flag are formulas), the Summary's model and expected revenue, KA About's notes and parameters, JSON `clv` and
 * `backtest`. KA Forecast (tabs/forecast.ts) holds the fits, the backtest and their charts.
 */
import { isoFromDay } from "../../day";
import type { Backtest } from "../../forecast";
import { messages } from "../../i18n";
import type { ParameterUncertainty } from "../../models";
import type { Analysis } from "../../analysis/types";
import type { AccountGroupDef, PanelSource, ParameterSource, SummaryGroup, SummaryGroupSource } from "../model";
import { jsonSection } from "../model";
import type { TextBlock } from "../types";
import { NumberFormat } from "../types";

export const clvColumns = {
  id: "clv",
  title: "Forecast (P(alive), purchases, CLV)",
  applies: (a) => a.clv !== undefined,
  columns: [
    { key: "x", detail: true, header: "Repeat purchases (x)", type: "number", numberFormat: NumberFormat.integer, width: 10, values: (a) => (c) => a.clv?.summary.x[c] },
    { key: "tx", detail: true, header: "Recency t_x ({unit}s)", headerVars: (a) => ({ unit: a.clv?.unit ?? a.params.unit }), type: "number", numberFormat: "0.00", width: 11, values: (a) => (c) => a.clv?.summary.tx[c] },
    { key: "T", detail: true, header: "Age T ({unit}s)", headerVars: (a) => ({ unit: a.clv?.unit ?? a.params.unit }), type: "number", numberFormat: "0.00", width: 10, values: (a) => (c) => a.clv?.summary.T[c] },
    { key: "repeatMean", detail: true, header: "Mean repeat purchase", type: "number", numberFormat: NumberFormat.money, width: 13, values: (a) => (c) => a.clv?.summary.monetary[c] },
    { key: "pAlive", header: "P(alive)", type: "number", numberFormat: NumberFormat.percent, width: 9, values: (a) => (c) => a.clv?.pAlive[c] },
    { key: "expectedPurchases90d", detail: true, header: "Expected purchases 90d", type: "number", numberFormat: "0.00", width: 12, values: (a) => (c) => a.clv?.expectedPurchases90d[c] },
    { key: "expectedPurchases12m", detail: true, header: "Expected purchases 12m", type: "number", numberFormat: "0.00", width: 12, values: (a) => (c) => a.clv?.expectedPurchases12m[c] },
    { key: "expectedSpend", detail: true, header: "Expected spend per purchase", type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.clv?.expectedSpend[c] },
    { key: "clv12m", header: "Predicted CLV {months}m", headerVars: (a) => ({ months: a.params.clvMonths }), type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.clv?.clv12m[c] },
  ],
} as const satisfies AccountGroupDef;

/** The 90 % intervals of the forecast (parameter draws, KA About says how): detail columns, folded away. */
export const forecastIntervalColumns = {
  id: "forecastIntervals",
  title: "Forecast 90 % intervals",
  applies: (a) => a.clv !== undefined && a.clv.intervals.draws > 0,
  columns: [
    { key: "pAliveLow", detail: true, header: "P(alive) low", type: "number", numberFormat: NumberFormat.percent, width: 9, values: (a) => (c) => a.clv?.pAliveLow[c] },
    { key: "pAliveHigh", detail: true, header: "P(alive) high", type: "number", numberFormat: NumberFormat.percent, width: 9, values: (a) => (c) => a.clv?.pAliveHigh[c] },
    { key: "expectedPurchases12mLow", detail: true, header: "Expected purchases 12m low", type: "number", numberFormat: "0.00", width: 12, values: (a) => (c) => a.clv?.expectedPurchases12mLow[c] },
    { key: "expectedPurchases12mHigh", detail: true, header: "Expected purchases 12m high", type: "number", numberFormat: "0.00", width: 12, values: (a) => (c) => a.clv?.expectedPurchases12mHigh[c] },
    { key: "clv12mLow", detail: true, header: "Predicted CLV {months}m low", headerVars: (a) => ({ months: a.params.clvMonths }), type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.clv?.clv12mLow[c] },
    { key: "clv12mHigh", detail: true, header: "Predicted CLV {months}m high", headerVars: (a) => ({ months: a.params.clvMonths }), type: "number", numberFormat: NumberFormat.money, width: 14, values: (a) => (c) => a.clv?.clv12mHigh[c] },
  ],
} as const satisfies AccountGroupDef;

/**
 * Churn by recency (the churn alert's signal when no model estimates P(alive)): days since the last purchase, the
 * customer's typical gap, their ratio and the flag — ratio and flag as formulas over KA_ChurnGapMultiple;
 * the days and the gap are detail columns (folded with the other model internals).
 */
export const recencyChurnColumns = {
  id: "recencyChurn",
  title: "Churn by recency",
  applies: (a) => a.clv !== undefined,
  columns: [
    { key: "daysSinceLastPurchase", detail: true, header: "Days since last purchase", type: "number", numberFormat: NumberFormat.integer, width: 10, values: (a) => (c) => a.clv?.recency.daysSinceLast[c] },
    { key: "typicalGapDays", detail: true, header: "Typical gap (days)", type: "number", numberFormat: "0.0", width: 10, values: (a) => (c) => a.clv?.recency.typicalGap[c] },
    {
      key: "gapRatio",
      header: "Silence ÷ typical gap",
      type: "number",
      numberFormat: "0.00",
      width: 10,
      values: (a) => (c) => a.clv?.recency.gapRatio[c],
      formula: (f) => `IF(AND(ISNUMBER(${f.thisRow("daysSinceLastPurchase")}),ISNUMBER(${f.thisRow("typicalGapDays")})),${f.thisRow("daysSinceLastPurchase")}/${f.thisRow("typicalGapDays")},"")`,
    },
    {
      key: "lapsedByRecency",
      header: "Lapsed (recency)",
      type: "boolean",
      width: 9,
      values: (a) => (c) => (a.clv && Number.isFinite(a.clv.recency.gapRatio[c]) ? a.clv.recency.lapsed[c] === 1 : undefined),
      formula: (f) => `IF(ISNUMBER(${f.thisRow("gapRatio")}),${f.thisRow("gapRatio")}>KA_ChurnGapMultiple,"")`,
    },
  ],
} as const satisfies AccountGroupDef;

/** KA Forecast is written when something was fitted or backtested (else the warnings say why). */
export function hasForecastTab(a: Pick<Analysis, "clv">): boolean {
  const k = a.clv;
  return !!k && !!(k.model || k.bgnbd || k.paretoNbd || k.backtest);
}

export const clvSummary: SummaryGroupSource = ({ a, t, m }) => {
  const k = a.clv;
  if (!k) return undefined;
  const bg = k.bgnbd;
  const gg = k.gammaGamma;
  const items: SummaryGroup["items"] = [
    { label: t("Forecast model"), value: k.model ? m.forecast.model[k.model.name] : t("none"), note: k.model ? m.forecast.choice(k.choice) : m.forecast.noModel, link: hasForecastTab(a) ? { sheet: "forecast" } : undefined },
  ];
  const used = k.backtest?.models.find((x) => x.name === k.model?.name);
  if (k.backtest && used && Number.isFinite(used.errorPct)) {
    items.push({
      label: t("Hold-out error of its forecast"),
      value: used.errorPct / 100,
      numberFormat: NumberFormat.percent,
      note: t("total purchases {from} – {to}, predicted vs actual", { from: isoFromDay(k.backtest.calibrationEnd), to: isoFromDay(k.backtest.holdoutEnd) }),
      link: { sheet: "forecast" },
    });
  }
  items.push({ label: t("Model time unit"), value: t(k.unit) });
  if (bg) {
    items.push(
      { label: t("BG/NBD r"), value: bg.params.r, numberFormat: "0.0000" },
      { label: t("BG/NBD α"), value: bg.params.alpha, numberFormat: "0.0000", note: t("in {unit}s", { unit: t(k.unit) }) },
      { label: t("BG/NBD a"), value: bg.params.a, numberFormat: "0.0000" },
      { label: t("BG/NBD b"), value: bg.params.b, numberFormat: "0.0000" },
      { label: t("BG/NBD log-likelihood"), value: bg.logLikelihood, numberFormat: "0.0" },
      { label: t("BG/NBD converged"), value: bg.converged },
      { label: t("Customers in the fit"), value: bg.customers, numberFormat: NumberFormat.integer },
    );
  } else items.push({ label: t("BG/NBD"), value: t("not fitted (see warnings)") });
  if (gg) {
    items.push(
      { label: t("Gamma-Gamma p"), value: gg.params.p, numberFormat: "0.0000" },
      { label: t("Gamma-Gamma q"), value: gg.params.q, numberFormat: "0.0000" },
      { label: t("Gamma-Gamma v"), value: gg.params.v, numberFormat: "0.0000" },
      { label: t("Gamma-Gamma converged"), value: gg.converged },
      { label: t("Frequency–spend correlation"), value: Number.isFinite(gg.correlation) ? gg.correlation : null, numberFormat: "0.000", note: t("the model assumes independence; |r| > 0.3 is warned") },
    );
  }
  items.push({
    label: t("Expected revenue, next {clvMonths} months", { clvMonths: a.params.clvMonths }),
    value: Number.isFinite(k.predicted12m) ? k.predicted12m : null,
    numberFormat: NumberFormat.money,
    note: t("Σ predicted CLV, discounted {monthlyDiscount}% a month", { monthlyDiscount: (a.params.monthlyDiscount * 100).toFixed(2) }),
  });
  return { title: t("Forecast"), items };
};

/** KA About: how the model was chosen, how the intervals are drawn, what the NBD limit assumes, churn by recency. */
export const forecastAboutPanel: PanelSource = ({ a, t, m }) => {
  const k = a.clv;
  if (!k) return [];
  const notes = [k.model ? m.forecast.choice(k.choice) : m.forecast.noModel];
  if (k.intervals.draws > 0) notes.push(m.forecast.intervalsNote({ draws: k.intervals.draws, seed: k.intervals.seed }));
  if (k.model?.name === "nbd") notes.push(m.forecast.nbdNote);
  notes.push(m.forecast.recencyNote({ multiple: k.recency.multiple, median: k.recency.medianGap }));
  return [{ kind: "text", text: t("Forecast"), style: "heading" } as Omit<TextBlock, "row" | "col">, ...notes.map((text) => ({ kind: "text", text, style: "note" }) as Omit<TextBlock, "row" | "col">)];
};

/** Parameters of the forecast on KA About; KA_ChurnGapMultiple drives the Lapsed (recency) formulas. */
export const forecastParameters: ParameterSource = ({ a, t }) => {
  const p = a.params;
  const bt = a.clv?.backtest;
  return [
    { label: t("Forecast model"), value: p.model ?? t("auto"), name: "KA_ForecastModel", note: t("bgnbd, paretonbd, or auto (lower hold-out error, else BIC)") },
    { label: t("Backtest: calibration end"), value: bt ? isoFromDay(bt.calibrationEnd) : t("none"), name: "KA_CalibrationEnd", note: t("the models are also fitted up to this date and tested on what followed") },
    { label: t("Backtest: hold-out months"), value: p.holdoutMonths ?? t("auto"), name: "KA_HoldoutMonths", note: t("auto: the last third of a ledger spanning 18 months or more, at most 12; 0: none") },
    { label: t("Forecast interval draws"), value: p.forecastDraws, numberFormat: NumberFormat.integer, name: "KA_ForecastDraws" },
    { label: t("Churn by recency: silence above × typical gap"), value: p.churnGapMultiple, numberFormat: "0.0", name: "KA_ChurnGapMultiple", note: t("used when no model estimates P(alive)") },
  ];
};

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

function seOf<P extends object>(u: ParameterUncertainty<P> | undefined, keys: readonly (keyof P & string)[]): Record<string, number | null> {
  return Object.fromEntries(keys.map((k) => [k, finiteOrNull(u?.se[k])]));
}

/** JSON `clv`. */
export const clvJson = jsonSection("clv", (a) => {
  const k = a.clv;
  if (!k) return null;
  const { bgnbd: bg, paretoNbd: pn, nbd, gammaGamma: gg, uncertainty: u } = k;
  const m = messages(a.params.lang, a.params.currency);
  return {
    unit: k.unit,
    bgnbd: bg ? { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, logLikelihood: bg.logLikelihood, converged: bg.converged, se: seOf(u.bgnbd, ["r", "alpha", "a", "b"]) } : null,
    paretoNbd: pn ? { r: pn.params.r, alpha: pn.params.alpha, s: pn.params.s, beta: pn.params.beta, logLikelihood: pn.logLikelihood, converged: pn.converged, se: seOf(u.paretoNbd, ["r", "alpha", "s", "beta"]) } : null,
    nbd: nbd ? { r: nbd.params.r, alpha: nbd.params.alpha, logLikelihood: nbd.logLikelihood, converged: nbd.converged, se: seOf(u.nbd, ["r", "alpha"]) } : null,
    gammaGamma: gg ? { p: gg.params.p, q: gg.params.q, v: gg.params.v, converged: gg.converged, correlation: finiteOrNull(gg.correlation), se: seOf(u.gammaGamma, ["p", "q", "v"]) } : null,
    model: { name: k.model?.name ?? null, criterion: k.choice.criterion, reason: k.model ? m.forecast.choice(k.choice) : m.forecast.noModel, pAliveEstimated: k.pAliveEstimated },
    intervals: { level: k.intervals.level, draws: k.intervals.draws, seed: k.intervals.seed },
    predicted12m: finiteOrNull(k.predicted12m),
  };
});

const JSON_MODEL = { bgnbd: "bgnbd", paretonbd: "paretoNbd", nbd: "nbd" } as const;

function perModel<T>(bt: Backtest, value: (name: "bgnbd" | "paretonbd" | "nbd") => T | null): { bgnbd: T | null; paretoNbd: T | null; nbd: T | null } {
  const out = { bgnbd: null, paretoNbd: null, nbd: null } as { bgnbd: T | null; paretoNbd: T | null; nbd: T | null };
  for (const m of bt.models) out[JSON_MODEL[m.name]] = value(m.name);
  return out;
}

/** JSON `backtest`. */
export const backtestJson = jsonSection("backtest", (a) => {
  const bt = a.clv?.backtest;
  if (!bt) return null;
  const fitted = (name: string) => bt.models.find((m) => m.name === name && m.model !== undefined);
  return {
    calibrationEnd: isoFromDay(bt.calibrationEnd),
    holdoutEnd: isoFromDay(bt.holdoutEnd),
    unit: bt.unit,
    period: bt.tracking,
    customers: bt.customers,
    actual: bt.actual,
    models: perModel(bt, (name) => {
      const m = fitted(name);
      return m ? { predicted: m.predicted, actual: m.actual, errorPct: finiteOrNull(m.errorPct), mae: m.mae, converged: m.converged } : null;
    }),
    tracking: bt.trackingRows.map((r) => ({ periodEnd: isoFromDay(r.periodEnd), actual: r.actual, ...perModel(bt, (name) => finiteOrNull(r.predicted[name])) })),
    conditional: bt.conditional.map((r) => ({ frequency: r.frequency, customers: r.customers, actual: finiteOrNull(r.actual), ...perModel(bt, (name) => finiteOrNull(r.predicted[name])) })),
    segments: (bt.segments ?? []).map((r) => ({ segment: r.segment, customers: r.customers, actual: r.actual, ...perModel(bt, (name) => finiteOrNull(r.mae[name])) })),
  };
});
