/**
 * The probabilistic models on the report (docs/metrics.md "Customer lifetime value"): Accounts columns (values only:
 * the models do not fit in a formula), the Summary's fitted parameters and expected revenue, JSON `clv`.
 */
import type { AccountGroupDef, SummaryGroup, SummaryGroupSource } from "../model";
import { jsonSection } from "../model";
import { NumberFormat } from "../types";

export const clvColumns = {
  id: "clv",
  title: "Forecast (BG/NBD + Gamma-Gamma)",
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

export const clvSummary: SummaryGroupSource = ({ a, t }) => {
  const k = a.clv;
  if (!k) return undefined;
  const bg = k.bgnbd;
  const gg = k.gammaGamma;
  const items: SummaryGroup["items"] = [{ label: t("Model time unit"), value: t(k.unit) }];
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
  return { title: t("Customer lifetime value (BG/NBD + Gamma-Gamma)"), items };
};

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

/** JSON `clv{unit,bgnbd,gammaGamma,predicted12m}`. */
export const clvJson = jsonSection("clv", (a) => {
  const k = a.clv;
  if (!k) return null;
  const bg = k.bgnbd;
  const gg = k.gammaGamma;
  return {
    unit: k.unit,
    bgnbd: bg ? { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, logLikelihood: bg.logLikelihood, converged: bg.converged } : null,
    gammaGamma: gg ? { p: gg.params.p, q: gg.params.q, v: gg.params.v, converged: gg.converged, correlation: finiteOrNull(gg.correlation) } : null,
    predicted12m: finiteOrNull(k.predicted12m),
  };
});
