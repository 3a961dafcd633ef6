/**
 * Forecast models and their test: KA.PARETONBD, KA.BACKTEST (engine: src/engine/models/paretonbd.ts,
 * src/engine/forecast/backtest.ts). KA.PALIVE and KA.PURCHASES (models.ts) take a Pareto/NBD fit too.
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { isoFromDay } from "../../engine/day";
import { backtest as runBacktest } from "../../engine/forecast";
import { customerKey } from "../../engine/ledger/customer-key";
import { fitParetoNbd, paretoNbdUncertainty } from "../../engine/models";
import { problem } from "../../engine/problems";
import { numberArg, optionalDateArg } from "../coerce";
import { guardSpill } from "../guard";
import type { ResultCell } from "../guard";
import { transactionRows } from "../behaviour-inputs";
import { customerRows, repeatModelArg } from "../model-inputs";

/** Labels of KA.PARETONBD's spill, in order (KA.PALIVE / KA.PURCHASES read r, alpha, s, beta back by label). */
export const PARETONBD_LABELS = ["r", "alpha", "s", "beta", "log-likelihood", "converged", "se r", "se alpha", "se s", "se beta"] as const;

const blank = (v: number): number | string => (Number.isFinite(v) ? v : "");

/**
 * Fits the Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood and spills a 2-column table: r, alpha, s, beta, log-likelihood, converged (TRUE/FALSE), then each parameter's standard error (se r … se beta, from the observed information; empty when the fit did not converge). alpha and beta are in the unit of recency and T. Example: the CDNOW 1/10 sample in weeks → r 0.553, alpha 10.58, s 0.606, beta 11.67, log-likelihood −9595.0, TRUE.
 * @customfunction PARETONBD
 * @param frequency Repeat purchases per customer (purchase days − 1): whole numbers, 0 or more; one cell per customer; blank rows are ignored.
 * @param recency Time from each customer's first to last purchase, in the model's unit (e.g. weeks); 0 when frequency is 0.
 * @param T Time from each customer's first purchase to the as-of date, in the same unit; at least recency.
 * @param [penalizer] L2 penalty on the parameters (default 0); try 0.001 to 0.1 when the fit does not converge.
 * @returns Labels and values: r, alpha, s, beta, log-likelihood, converged, se r, se alpha, se s, se beta.
 */
export function paretoNbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any): any[][] {
  return guardSpill(() => {
    const rows = customerRows(frequency, recency, T);
    const fit = fitParetoNbd(rows, { penalizer: numberArg(penalizer, "penalizer", 0) });
    const se = paretoNbdUncertainty(fit, rows).se;
    const { r, alpha, s, beta } = fit.params;
    const out: [string, ResultCell][] = [
      ["r", r],
      ["alpha", alpha],
      ["s", s],
      ["beta", beta],
      ["log-likelihood", fit.logLikelihood],
      ["converged", fit.converged],
      ["se r", blank(se.r)],
      ["se alpha", blank(se.alpha)],
      ["se s", blank(se.s)],
      ["se beta", blank(se.beta)],
    ];
    return out;
  });
}

/**
 * Tests a forecast on what happened: fits the model on the purchases up to calibrationEnd, predicts each customer's repeat purchases from then to the latest date (the hold-out), and spills labels and values: calibration end, hold-out end, customers (who bought by the calibration end), actual (their purchases in the hold-out), predicted, error (predicted ÷ actual − 1), MAE (mean absolute error per customer), converged. A purchase is a day with a positive net amount; time in weeks. Example: the CDNOW 1/10 sample split at 1997-09-30 → 2,357 customers, actual 1,882, BG/NBD predicted about 1,653 (error −12 %).
 * @customfunction BACKTEST
 * @param customers Customer name or id of each line.
 * @param dates Date of each line, same size as customers (date cells, or text such as 2024-03-01).
 * @param amounts Amount of each line, same size as customers (money; credit notes negative).
 * @param calibrationEnd Last day of the calibration period (a date cell or 2024-06-30); the hold-out runs from the next day to the latest date.
 * @param [model] "bgnbd" (default) or "paretonbd".
 * @returns Labels and values: calibration end, hold-out end, customers, actual, predicted, error, MAE, converged.
 */
export function backtest(customers: any[][], dates: any[][], amounts: any[][], calibrationEnd: any, model?: any): any[][] {
  return guardSpill(() => {
    const name = repeatModelArg(model, "model");
    const cut = optionalDateArg(calibrationEnd, "calibrationEnd");
    if (cut === undefined) throw problem("badArgument", "calibrationEnd: give the last day of the calibration period (a date)", { path: "calibrationEnd" });
    const t = transactionRows(customers, dates, amounts);
    if (t.names.length === 0) throw problem("noRows", "there are no transactions", { path: "amounts" });
    const codes = new Map<string, number>();
    const customer = Int32Array.from(t.names, (n) => {
      const key = customerKey(n);
      let c = codes.get(key);
      if (c === undefined) codes.set(key, (c = codes.size));
      return c;
    });
    const day = Int32Array.from(t.days);
    let last = -Infinity;
    for (const d of day) if (d > last) last = d;
    const bt = runBacktest({ customer, day, amount: Float64Array.from(t.amounts), nCustomers: codes.size }, { calibrationEnd: cut, holdoutEnd: last, unit: "week", models: [name] });
    const m = bt.models[0];
    if (!m.model) throw problem("notEnoughData", `the model could not be fitted on the calibration period: ${m.problem ?? "no fit"}`, { path: "calibrationEnd" });
    const out: [string, ResultCell][] = [
      ["calibration end", isoFromDay(cut)],
      ["hold-out end", isoFromDay(last)],
      ["customers", bt.customers],
      ["actual", bt.actual],
      ["predicted", m.predicted],
      ["error", bt.actual > 0 ? m.predicted / bt.actual - 1 : ""],
      ["MAE", m.mae],
      ["converged", m.converged],
    ];
    return out;
  });
}
