/**
 * The CLV model stage (docs/metrics.md#customer-lifetime-value, #forecast-backtest): the model summary at as-of, the
 * calibration / hold-out backtest when the ledger allows one, the per-customer forecasts of the chosen model with
 * their intervals (src/engine/forecast), and churn by recency.
 */
import { aggregateCustomers } from "../customers";
import { DAYS_PER_MONTH, dayFromYmd, daysInMonth, isoFromDay, ymdFromDay, type Day } from "../day";
import { backtest, drawIntervalsSplit, fitRepeatModels, forecastCustomers, recencyChurn, type Backtest, type BacktestOptions, type IntervalRunner } from "../forecast";
import { messages } from "../i18n";
import { pick } from "../ledger/rows";
import type { Ledger } from "../ledger/types";
import { rfmColumns } from "../metrics/rfm";
import { customerSummary, type SummaryRows } from "../models";
import { isKaProblem } from "../problems";
import type { Analysis, BacktestRunner, ClvSection } from "./types";

/** The seed of the interval draws: fixed, so a re-run shows the same intervals. */
export const FORECAST_SEED = 1;

/**
 * The CLV model stage. With `runBacktest` the backtest runs elsewhere while the two repeat-purchase models are fitted
 * here; with `runIntervals` part of the interval draws does. The results are the same as in line.
 */
export async function analyzeClv(a: Analysis, ledger: Ledger, elsewhere: { runBacktest?: BacktestRunner; runIntervals?: IntervalRunner } = {}): Promise<ClvSection> {
  const { runBacktest, runIntervals } = elsewhere;
  const n = a.customers.n;
  const p = a.params;
  const unit = p.unit;
  const m = messages(p.lang, p.currency);
  const rows: SummaryRows = { customer: ledger.customer.subarray(0, ledger.used), day: ledger.day.subarray(0, ledger.used), amount: ledger.amount.subarray(0, ledger.used), nCustomers: n };
  const summary = customerSummary(rows, { asOf: a.asOf, unit });

  let bt: Backtest | undefined;
  const cut = calibrationEnd(a, ledger);
  if (cut.why) a.warnings.push({ code: "backtestNotRun", message: m.forecast.backtestNotRun({ why: cut.why }) });
  const notRun = (e: unknown) => {
    if (!isKaProblem(e)) throw e;
    a.warnings.push({ code: "backtestNotRun", message: m.forecast.backtestNotRun({ why: e.problem.message }) });
  };
  let pending: Promise<Backtest> | undefined;
  if (cut.day !== undefined) {
    try {
      const segments = rfmSegmentsAt(a, ledger, cut.day);
      const options: BacktestOptions = { calibrationEnd: cut.day, holdoutEnd: a.asOf, unit, models: ["bgnbd", "paretonbd", "nbd"], penalizer: p.penalizer, segments };
      if (runBacktest) pending = runBacktest(rows, options);
      else bt = backtest(rows, options);
    } catch (e) {
      notRun(e);
    }
  }
  // The model fits do not need the backtest (only the choice between them does): they run while it runs elsewhere.
  const fits = pending ? fitRepeatModels(summary, { penalizer: p.penalizer }) : undefined;
  if (pending) {
    try {
      bt = await pending;
    } catch (e) {
      notRun(e);
    }
  }
  for (const model of bt?.models ?? []) if (model.problem) a.warnings.push({ code: "backtestModel", message: m.forecast.backtestModelFailed({ model: model.name, why: model.problem }) });

  const f = forecastCustomers(summary, {
    fits,
    unit,
    penalizer: p.penalizer,
    clvMonths: p.clvMonths,
    monthlyDiscount: p.monthlyDiscount,
    forced: p.model,
    backtest: bt,
    draws: p.forecastDraws,
    seed: FORECAST_SEED,
    deferIntervals: runIntervals !== undefined,
  });
  if (f.intervalWork) await drawIntervalsSplit(f.intervalWork, f, runIntervals);
  for (const w of f.warnings) a.warnings.push(w);
  for (const [model, why] of Object.entries(f.issues.notFitted)) {
    if (model === "gammaGamma") a.warnings.push({ code: "gammaGammaNotFitted", message: `Gamma-Gamma spend model not fitted: ${why}. Expected spend and CLV are left blank.` });
    else a.warnings.push({ code: `${model === "paretonbd" ? "paretoNbd" : model}NotFitted`, message: m.forecast.notFitted({ model: model as "bgnbd" | "paretonbd" | "nbd", why }) });
  }
  if (f.model) a.warnings.push({ code: "forecastModel", message: m.forecast.modelWarning(f.choice) });
  else a.warnings.push({ code: "forecastNoModel", message: m.forecast.noModel });
  if (f.issues.gammaGammaUnusable) a.warnings.push({ code: "gammaGammaUnusable", message: m.forecast.gammaGammaUnusable });
  if (f.issues.noIntervals && f.model) a.warnings.push({ code: "forecastNoIntervals", message: m.forecast.noIntervals({ model: f.model.name }) });
  if (f.issues.noClvIntervals) a.warnings.push({ code: "forecastNoClvIntervals", message: m.forecast.noClvIntervals });

  let predicted = 0;
  for (let c = 0; c < n; c++) if (Number.isFinite(f.clv[c])) predicted += f.clv[c];
  return {
    unit,
    summary,
    bgnbd: f.bgnbd,
    paretoNbd: f.paretoNbd,
    nbd: f.nbd,
    gammaGamma: f.gammaGamma,
    uncertainty: { bgnbd: f.bgnbdUncertainty, paretoNbd: f.paretoNbdUncertainty, nbd: f.nbdUncertainty, gammaGamma: f.gammaGammaUncertainty },
    choice: f.choice,
    model: f.model,
    pAliveEstimated: f.model !== undefined && !f.pAliveAssumed,
    pAlive: f.pAlive,
    pAliveLow: f.pAliveLow,
    pAliveHigh: f.pAliveHigh,
    expectedPurchases90d: f.expectedPurchases90d,
    expectedPurchases12m: f.expectedPurchases12m,
    expectedPurchases12mLow: f.expectedPurchases12mLow,
    expectedPurchases12mHigh: f.expectedPurchases12mHigh,
    expectedSpend: f.expectedSpend,
    clv12m: f.clv,
    clv12mLow: f.clvLow,
    clv12mHigh: f.clvHigh,
    predicted12m: f.gammaGamma && f.model ? predicted : NaN,
    intervals: { draws: f.draws, seed: f.seed, level: f.level },
    backtest: bt,
    recency: recencyChurn(summary, p.churnGapMultiple),
  };
}

/** `months` calendar months before `day` (the day of the month kept, or the month's last day). */
export function monthsBefore(day: Day, months: number): Day {
  const { y, m, d } = ymdFromDay(day);
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = total - yy * 12 + 1;
  return dayFromYmd(yy, mm, Math.min(d, daysInMonth(yy, mm)));
}

/** Ledger spans of at least this many months get a backtest by default. */
export const AUTO_BACKTEST_MONTHS = 18;

/**
 * The backtest's calibration end: the user's date, else `holdoutMonths` months before as-of, else — when the ledger
 * spans at least 18 months — the last third of it held out, at most 12 months (whole months). `months` is the months
 * held out when the cut is by months (not a date the user gave); `why` says why a requested backtest cannot run.
 */
export function calibrationEnd(a: Pick<Analysis, "params" | "asOf">, ledger: Pick<Ledger, "day" | "amount" | "used">): { day?: Day; months?: number; why?: string } {
  const p = a.params;
  let first = Infinity;
  for (let i = 0; i < ledger.used; i++) if (ledger.amount[i] > 0 && ledger.day[i] < first) first = ledger.day[i];
  if (!Number.isFinite(first)) return {};
  let day: Day | undefined;
  let months: number | undefined;
  if (p.calibrationEnd !== undefined) day = p.calibrationEnd;
  else if (p.holdoutMonths !== undefined) {
    if (!(p.holdoutMonths > 0)) return {};
    months = Math.round(p.holdoutMonths);
    day = monthsBefore(a.asOf, months);
  } else {
    const spanMonths = (a.asOf - first) / DAYS_PER_MONTH;
    if (spanMonths < AUTO_BACKTEST_MONTHS) return {};
    months = Math.min(12, Math.floor(spanMonths / 3));
    day = monthsBefore(a.asOf, months);
  }
  if (!(day > first && day < a.asOf)) return { why: `the calibration end ${isoFromDay(day)} is not between the first purchase (${isoFromDay(first)}) and the as-of date (${isoFromDay(a.asOf)})` };
  return { day, months };
}

/**
 * Each customer's RFM segment at the calibration end (the segments known when the forecast is made), by the report's
 * RFM settings; labels in the report's language.
 */
function rfmSegmentsAt(a: Analysis, ledger: Ledger, cut: Day): { labels: string[]; of: Int16Array } {
  // The rows up to the cut, counted first so their positions go straight into a typed array (2 M rows at 100,000
  // customers: pushing them onto an array and copying it took ~70 ms).
  let kept = 0;
  for (let i = 0; i < ledger.used; i++) if (ledger.day[i] <= cut) kept++;
  const at = new Int32Array(kept);
  for (let i = 0, k = 0; k < kept; i++) if (ledger.day[i] <= cut) at[k++] = i;
  const base = aggregateCustomers({
    customer: pick(ledger.customer, at),
    customers: ledger.customers,
    day: pick(ledger.day, at),
    amount: pick(ledger.amount, at),
    used: kept,
    asOf: cut,
    sourceRow: pick(ledger.sourceRow, at),
    invoice: ledger.invoice ? pick(ledger.invoice, at) : undefined,
    invoiceHash: ledger.invoiceHash ? pick(ledger.invoiceHash, at) : undefined,
  });
  const p = a.params;
  const cols = rfmColumns(base, { bins: p.bins, frequencyBy: p.frequencyBy, monetaryBy: p.monetaryBy });
  return { labels: cols.rules.map((r) => (p.lang === "zh-CN" ? r.nameZh : r.name)), of: cols.segment };
}
