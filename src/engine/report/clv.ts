import type { Analysis } from "../analysis/types";
import type { AccountColumnGroup } from "./accounts";
import type { SummaryGroup } from "./summary";
import { NumberFormat } from "./types";

/** Accounts columns of the probabilistic models (SPEC §9 keys). Values only: the models do not fit in a formula. */
export function clvColumns(a: Analysis): AccountColumnGroup {
  const k = a.clv;
  const unit = k?.unit ?? a.params.unit;
  return {
    area: "clv",
    applies: k !== undefined,
    columns: [
      { key: "x", header: `Repeat purchases (x)`, type: "number", numberFormat: NumberFormat.integer, width: 10, value: (c) => k?.summary.x[c] },
      { key: "tx", header: `Recency t_x (${unit}s)`, type: "number", numberFormat: "0.00", width: 11, value: (c) => k?.summary.tx[c] },
      { key: "T", header: `Age T (${unit}s)`, type: "number", numberFormat: "0.00", width: 10, value: (c) => k?.summary.T[c] },
      { key: "repeatMean", header: "Mean repeat purchase", type: "number", numberFormat: NumberFormat.money, width: 13, value: (c) => k?.summary.monetary[c] },
      { key: "pAlive", header: "P(alive)", type: "number", numberFormat: NumberFormat.percent, width: 9, value: (c) => k?.pAlive[c] },
      { key: "expectedPurchases90d", header: "Expected purchases 90d", type: "number", numberFormat: "0.00", width: 12, value: (c) => k?.expectedPurchases90d[c] },
      { key: "expectedPurchases12m", header: "Expected purchases 12m", type: "number", numberFormat: "0.00", width: 12, value: (c) => k?.expectedPurchases12m[c] },
      { key: "expectedSpend", header: "Expected spend per purchase", type: "number", numberFormat: NumberFormat.money, width: 14, value: (c) => k?.expectedSpend[c] },
      { key: "clv12m", header: `Predicted CLV ${a.params.clvMonths}m`, type: "number", numberFormat: NumberFormat.money, width: 14, value: (c) => k?.clv12m[c] },
    ],
  };
}

export function clvSummaryGroup(a: Analysis): SummaryGroup | undefined {
  const k = a.clv;
  if (!k) return undefined;
  const bg = k.bgnbd;
  const gg = k.gammaGamma;
  const items: SummaryGroup["items"] = [{ label: "Model time unit", value: k.unit }];
  if (bg) {
    items.push(
      { label: "BG/NBD r", value: bg.params.r, numberFormat: "0.0000" },
      { label: "BG/NBD α", value: bg.params.alpha, numberFormat: "0.0000", note: `in ${k.unit}s` },
      { label: "BG/NBD a", value: bg.params.a, numberFormat: "0.0000" },
      { label: "BG/NBD b", value: bg.params.b, numberFormat: "0.0000" },
      { label: "BG/NBD log-likelihood", value: bg.logLikelihood, numberFormat: "0.0" },
      { label: "BG/NBD converged", value: bg.converged },
      { label: "Customers in the fit", value: bg.customers, numberFormat: NumberFormat.integer },
    );
  } else items.push({ label: "BG/NBD", value: "not fitted (see warnings)" });
  if (gg) {
    items.push(
      { label: "Gamma-Gamma p", value: gg.params.p, numberFormat: "0.0000" },
      { label: "Gamma-Gamma q", value: gg.params.q, numberFormat: "0.0000" },
      { label: "Gamma-Gamma v", value: gg.params.v, numberFormat: "0.0000" },
      { label: "Gamma-Gamma converged", value: gg.converged },
      { label: "Frequency–spend correlation", value: Number.isFinite(gg.correlation) ? gg.correlation : null, numberFormat: "0.000", note: "the model assumes independence; |r| > 0.3 is warned" },
    );
  }
  items.push({
    label: `Expected revenue, next ${a.params.clvMonths} months`,
    value: Number.isFinite(k.predicted12m) ? k.predicted12m : null,
    numberFormat: NumberFormat.money,
    note: `Σ predicted CLV, discounted ${(a.params.monthlyDiscount * 100).toFixed(2)}% a month`,
  });
  return { title: "Customer lifetime value (BG/NBD + Gamma-Gamma)", items };
}

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

export function clvJson(a: Analysis): Record<string, unknown> {
  const k = a.clv;
  if (!k) return { clv: null };
  const bg = k.bgnbd;
  const gg = k.gammaGamma;
  return {
    clv: {
      unit: k.unit,
      bgnbd: bg ? { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, logLikelihood: bg.logLikelihood, converged: bg.converged } : null,
      gammaGamma: gg ? { p: gg.params.p, q: gg.params.q, v: gg.params.v, converged: gg.converged, correlation: finiteOrNull(gg.correlation) } : null,
      predicted12m: finiteOrNull(k.predicted12m),
    },
  };
}
