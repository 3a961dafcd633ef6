/**
 * Probabilistic CLV models: KA.BGNBD, KA.PALIVE, KA.PURCHASES, KA.GAMMAGAMMA, KA.CLVPREDICT (engine:
 * src/engine/models). Customers' inputs and model parameters are read by ../model-inputs.ts.
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { conditionalExpectedPurchasesColumns, fitBgNbd, fitGammaGamma, pAliveColumns, paretoNbdConditionalExpectedPurchasesColumns, paretoNbdPAliveColumns, predictedClvColumns } from "../../engine/models";
import { numberArg } from "../coerce";
import { guardSpill, spillCells } from "../guard";
import { bgnbdParams, bgnbdTable, customerRows, gammaGammaParams, gammaGammaTable, paretoNbdParams, repeatModelArg, spendRows, timeUnitArg } from "../model-inputs";

/**
 * Fits the BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005) by maximum likelihood and spills a 2-column table: r, alpha, a, b, log-likelihood, converged (TRUE/FALSE). alpha is in the unit of recency and T. Example: the CDNOW 1/10 sample in weeks → r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood −9582.4, TRUE.
 * @customfunction BGNBD
 * @param frequency Repeat purchases per customer (purchase days − 1): whole numbers, 0 or more; one cell per customer; blank rows are ignored.
 * @param recency Time from each customer's first to last purchase, in the model's unit (e.g. weeks); 0 when frequency is 0.
 * @param T Time from each customer's first purchase to the as-of date, in the same unit; at least recency.
 * @param [penalizer] L2 penalty on the parameters (default 0); try 0.001 to 0.1 when the fit does not converge.
 * @returns Labels and values: r, alpha, a, b, log-likelihood, converged.
 */
export function bgnbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any): any[][] {
  return guardSpill(() => {
    const rows = customerRows(frequency, recency, T);
    return bgnbdTable(fitBgNbd(rows, { penalizer: numberArg(penalizer, "penalizer", 0) }));
  });
}

/**
 * Probability that each customer is still active under a fitted BG/NBD model, spilled beside the customers: 1 / (1 + a/(b+x−1) × ((alpha+T)/(alpha+recency))^(r+x)), and 1 when frequency x is 0; with model "paretonbd", under a fitted Pareto/NBD model. Example: frequency 2, recency 30.43, T 38.86 weeks with r 0.243, alpha 4.414, a 0.793, b 2.426 → 0.7266.
 * @customfunction PALIVE
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the unit the model was fitted in.
 * @param T Time from each customer's first purchase to the as-of date, in the same unit.
 * @param params The model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b in a row or column (with model "paretonbd": KA.PARETONBD's table, or r, alpha, s, beta).
 * @param [model] "bgnbd" (default) or "paretonbd".
 * @returns P(alive) from 0 to 1 for each customer, in the layout of frequency.
 */
export function palive(frequency: any[][], recency: any[][], T: any[][], params: any[][], model?: any): any[][] {
  return guardSpill(() => {
    const name = repeatModelArg(model, "model");
    const rows = customerRows(frequency, recency, T);
    const p = name === "paretonbd" ? paretoNbdPAliveColumns(paretoNbdParams(params, "params"), rows) : pAliveColumns(bgnbdParams(params, "params"), rows);
    return spillCells(p, rows.rows, rows.columns);
  });
}

/**
 * Expected repeat purchases of each customer in the next t time units under a fitted BG/NBD model (the conditional expectation, eq. 10 of Fader, Hardie & Lee 2005) or, with model "paretonbd", a fitted Pareto/NBD model, spilled beside the customers. Example: t 52, frequency 2, recency 30.43, T 38.86 weeks with r 0.243, alpha 4.414, a 0.793, b 2.426 → 1.559.
 * @customfunction PURCHASES
 * @param t Length of the future window, in the unit the model was fitted in (52 for a year in weeks); 0 or more.
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the model's unit.
 * @param T Time from each customer's first purchase to the as-of date, in the model's unit.
 * @param params The model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b in a row or column (with model "paretonbd": KA.PARETONBD's table, or r, alpha, s, beta).
 * @param [model] "bgnbd" (default) or "paretonbd".
 * @returns Expected purchases in the next t units for each customer, in the layout of frequency.
 */
export function purchases(t: any, frequency: any[][], recency: any[][], T: any[][], params: any[][], model?: any): any[][] {
  return guardSpill(() => {
    const horizon = numberArg(t, "t");
    const name = repeatModelArg(model, "model");
    const rows = customerRows(frequency, recency, T);
    const e =
      name === "paretonbd"
        ? paretoNbdConditionalExpectedPurchasesColumns(paretoNbdParams(params, "params"), horizon, rows)
        : conditionalExpectedPurchasesColumns(bgnbdParams(params, "params"), horizon, rows);
    return spillCells(e, rows.rows, rows.columns);
  });
}

/**
 * Fits the Gamma-Gamma spend model (Fader & Hardie 2013) on the customers with a repeat purchase and spills a 2-column table: p, q, v, log-likelihood, converged (TRUE/FALSE), correlation of frequency and spend (the model assumes none: beware above 0.3). Example: the CDNOW 1/10 sample → p 6.25, q 3.74, v 15.44, TRUE.
 * @customfunction GAMMAGAMMA
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; customers with 0 are left out of the fit.
 * @param monetary Mean spend of each customer's repeat purchases (money, 0 or more); may be blank where frequency is 0.
 * @param [penalizer] L2 penalty on the parameters (default 0); try 0.001 to 0.1 when the fit does not converge.
 * @returns Labels and values: p, q, v, log-likelihood, converged, correlation.
 */
export function gammaGamma(frequency: any[][], monetary: any[][], penalizer?: any): any[][] {
  return guardSpill(() => {
    const rows = spendRows(frequency, monetary);
    return gammaGammaTable(fitGammaGamma(rows, { penalizer: numberArg(penalizer, "penalizer", 0) }));
  });
}

/**
 * Predicted lifetime value of each customer over the next months: the sum over months i of expected purchases in month i (BG/NBD) × expected spend per purchase (Gamma-Gamma) / (1 + monthlyDiscount)^i; a month is 30.4375 days. Money. Example: 2, 30.43, 38.86 weeks, 22.35 with the CDNOW models (r 0.243, alpha 4.414, a 0.793, b 2.426; p 6.25, q 3.74, v 15.44) → 36.31.
 * @customfunction CLVPREDICT
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the model's unit.
 * @param T Time from each customer's first purchase to the as-of date, in the model's unit.
 * @param monetary Mean spend of each customer's repeat purchases (money, 0 or more); may be blank where frequency is 0.
 * @param bgParams The purchase model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b.
 * @param ggParams The spend model: the table KA.GAMMAGAMMA spills, or 3 cells p, q, v.
 * @param [months] Horizon in whole months (default 12).
 * @param [monthlyDiscount] Discount rate per month, as 0.01 or 1% (default 1%).
 * @param [unit] Time unit of recency, T and the BG/NBD model: "day", "week" (default) or "month".
 * @returns Predicted CLV (money) for each customer, in the layout of frequency.
 */
export function clvPredict(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary: any[][],
  bgParams: any[][],
  ggParams: any[][],
  months?: any,
  monthlyDiscount?: any,
  unit?: any
): any[][] {
  return guardSpill(() => {
    const bg = bgnbdParams(bgParams, "bgParams");
    const gg = gammaGammaParams(ggParams, "ggParams");
    const opts = { unit: timeUnitArg(unit, "unit"), months: numberArg(months, "months", 12), monthlyDiscount: numberArg(monthlyDiscount, "monthlyDiscount", 0.01) };
    const rows = customerRows(frequency, recency, T, monetary);
    return spillCells(predictedClvColumns(bg, gg, { x: rows.x, tx: rows.tx, T: rows.T, monetary: rows.monetary as Float64Array }, opts), rows.rows, rows.columns);
  });
}
