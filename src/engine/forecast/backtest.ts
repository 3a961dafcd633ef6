/**
 * Calibration / hold-out backtest of the repeat-purchase models (Fader, Hardie & Lee 2005, §4): fit each model on
 * the ledger up to the calibration end, predict every calibration customer's purchases in the hold-out period
 * (the conditional expectation E[Y(t) | x, t_x, T]), and compare with what they did.
 *
 * A purchase is an occasion as the models count it (a day with a positive net amount; `purchaseOccasions`), so a
 * customer's hold-out purchases are its occasions after the calibration end up to the hold-out end. Customers are
 * those with an occasion in the calibration period (customers acquired in the hold-out have no history to forecast
 * from and are left out, as in the paper).
 *
 * Results, for every model:
 * - totals: predicted vs actual hold-out purchases and the error in % ((predicted − actual) / actual × 100);
 * - tracking: cumulative purchases at the end of each week (or calendar month) of the hold-out, actual vs predicted;
 * - conditional expectations: mean hold-out purchases by calibration frequency 0, 1, …, 6, 7+ (the paper's
 *   Figure 4), actual vs predicted;
 * - mean absolute error per customer, overall and by segment (e.g. the RFM segment).
 */
import { daysPerUnit, purchaseOccasions, type SummaryRows, type TimeUnit } from "../models/summary";
import type { Day } from "../day";
import { dayFromYmd, daysInMonth, isoFromDay, ymdFromDay } from "../day";
import { isKaProblem, problem } from "../problems";
import { fitBgNbd } from "../models/bgnbd";
import { fitParetoNbd } from "../models/paretonbd";
import { fitNbd } from "../models/nbd";
import { repeatPredictor, type RepeatModel, type RepeatModelName } from "../models/repeat-model";
import type { ModelWarning } from "../models/types";

export interface BacktestOptions {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: Day;
  /** Last day of the hold-out period (inclusive), usually the as-of date. */
  holdoutEnd: Day;
  /** Time unit of the models. */
  unit: TimeUnit;
  /** Models to test (default BG/NBD and Pareto/NBD). */
  models?: readonly RepeatModelName[];
  penalizer?: number;
  /** A segment per customer code (index into `labels`, −1 for none), e.g. the RFM segment. */
  segments?: { readonly labels: readonly string[]; readonly of: ArrayLike<number> };
  /** Tracking periods: weeks of 7 days from the calibration end, or calendar months (default month for unit month, else week). */
  tracking?: "week" | "month";
  /** Count zero-net days as occasions (CDNOW's published summary; see summary.ts). Default false. */
  zeroIsPurchase?: boolean;
}

export interface BacktestModel {
  readonly name: RepeatModelName;
  /** The calibration fit; undefined when it could not be fitted (see `problem`). */
  readonly model?: RepeatModel;
  readonly converged: boolean;
  /** Why there are no predictions, or a note on them (fit failed, not converged, no dropout). */
  readonly problem?: string;
  readonly warnings: readonly ModelWarning[];
  /** Σ predicted hold-out purchases (NaN without a fit). */
  readonly predicted: number;
  readonly actual: number;
  /** (predicted − actual) / actual × 100. */
  readonly errorPct: number;
  /** Mean |predicted − actual| per customer. */
  readonly mae: number;
  /** Predicted hold-out purchases per customer code (NaN outside the calibration customers). */
  readonly perCustomer: Float64Array;
}

export interface TrackingRow {
  /** Last day of the period. */
  readonly periodEnd: Day;
  /** Cumulative actual hold-out purchases up to periodEnd. */
  readonly actual: number;
  /** Cumulative predicted purchases per model (NaN without a fit). */
  readonly predicted: Readonly<Partial<Record<RepeatModelName, number>>>;
}

export interface ConditionalRow {
  /** Calibration frequency: "0" … "6", "7+". */
  readonly frequency: string;
  readonly customers: number;
  /** Mean actual hold-out purchases of these customers. */
  readonly actual: number;
  readonly predicted: Readonly<Partial<Record<RepeatModelName, number>>>;
}

export interface SegmentRow {
  readonly segment: string;
  readonly customers: number;
  readonly actual: number;
  /** Mean absolute error per model. */
  readonly mae: Readonly<Partial<Record<RepeatModelName, number>>>;
}

export interface Backtest {
  readonly calibrationEnd: Day;
  readonly holdoutEnd: Day;
  readonly unit: TimeUnit;
  /** Hold-out length in model units. */
  readonly holdoutLength: number;
  readonly tracking: "week" | "month";
  /** Customers with an occasion in the calibration period (the backtest's customers). */
  readonly customers: number;
  /** Actual hold-out purchases per customer code (NaN outside the calibration customers). */
  readonly actualPerCustomer: Float64Array;
  /** Calibration summary per customer code (NaN outside): x, t_x, T in model units. */
  readonly calibration: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array };
  readonly actual: number;
  readonly models: readonly BacktestModel[];
  readonly trackingRows: readonly TrackingRow[];
  readonly conditional: readonly ConditionalRow[];
  readonly segments?: readonly SegmentRow[];
}

/** Calibration frequencies grouped 0 … 6 and 7+ (the paper's figure). */
export const CONDITIONAL_GROUPS = 8;

/**
 * Runs the backtest. Running time: one pass over the rows for the occasions, the model fits on the calibration
 * summary, and one prediction per distinct customer history and tracking period.
 * @throws KaProblem badArgument when the dates are not ordered (calibration end before the hold-out end, and
 *   hold-out within the ledger); notEnoughData when no customer bought in the calibration period.
 */
export function backtest(rows: SummaryRows, opts: BacktestOptions): Backtest {
  const { calibrationEnd, holdoutEnd, unit } = opts;
  if (!Number.isInteger(calibrationEnd) || !Number.isInteger(holdoutEnd)) throw problem("badArgument", "calibrationEnd and holdoutEnd must be day numbers", { path: "calibrationEnd" });
  if (!(calibrationEnd < holdoutEnd)) throw problem("badArgument", `calibrationEnd (${isoFromDay(calibrationEnd)}) must be before the hold-out end (${isoFromDay(holdoutEnd)})`, { path: "calibrationEnd" });
  const unitDays = daysPerUnit(unit);
  const tracking = opts.tracking ?? (unit === "month" ? "month" : "week");
  const names = opts.models ?? (["bgnbd", "paretonbd"] as const);
  const n = rows.nCustomers;

  // Occasions up to the hold-out end, split at the calibration end.
  const occ = purchaseOccasions(rows, { through: holdoutEnd, zeroIsPurchase: opts.zeroIsPurchase });
  const periodEnds = trackingPeriodEnds(calibrationEnd, holdoutEnd, tracking);
  const x = new Float64Array(n).fill(NaN);
  const tx = new Float64Array(n).fill(NaN);
  const T = new Float64Array(n).fill(NaN);
  const actualPerCustomer = new Float64Array(n).fill(NaN);
  const actualByPeriod = new Float64Array(periodEnds.length);
  let customers = 0;
  let actual = 0;
  for (let c = 0; c < n; c++) {
    const lo = occ.start[c];
    const hi = occ.start[c + 1];
    if (hi === lo || occ.day[lo] > calibrationEnd) continue; // no calibration occasion
    customers++;
    let k = lo;
    while (k < hi && occ.day[k] <= calibrationEnd) k++;
    x[c] = k - lo - 1;
    tx[c] = (occ.day[k - 1] - occ.day[lo]) / unitDays;
    T[c] = (calibrationEnd - occ.day[lo]) / unitDays;
    actualPerCustomer[c] = hi - k;
    actual += hi - k;
    let p = 0;
    for (let j = k; j < hi; j++) {
      while (occ.day[j] > periodEnds[p]) p++;
      actualByPeriod[p]++;
    }
  }
  if (customers === 0) throw problem("notEnoughData", `No customer bought in the calibration period (up to ${isoFromDay(calibrationEnd)}): nothing to backtest`, { path: "calibrationEnd" });
  const horizons = Float64Array.from(periodEnds, (d) => (d - calibrationEnd) / unitDays);
  const holdoutLength = horizons[horizons.length - 1];

  // Customers with the same calibration history get the same predictions: evaluate each history once.
  const historyOf = new Int32Array(n).fill(-1);
  const hx: number[] = [];
  const htx: number[] = [];
  const hT: number[] = [];
  const index = new Map<string, number>();
  for (let c = 0; c < n; c++) {
    if (Number.isNaN(x[c])) continue;
    const key = `${x[c]} ${tx[c]} ${T[c]}`;
    let h = index.get(key);
    if (h === undefined) {
      h = hx.length;
      index.set(key, h);
      hx.push(x[c]);
      htx.push(tx[c]);
      hT.push(T[c]);
    }
    historyOf[c] = h;
  }

  const data = { x, tx, T };
  const models: BacktestModel[] = [];
  const trackingPredicted: Partial<Record<RepeatModelName, Float64Array>> = {};
  for (const name of names) {
    const fitted = fitModel(name, data, opts.penalizer ?? 0);
    const perCustomer = new Float64Array(n).fill(NaN);
    if (!fitted.model) {
      models.push({ name, converged: false, problem: fitted.problem, warnings: fitted.warnings, predicted: NaN, actual, errorPct: NaN, mae: NaN, perCustomer });
      continue;
    }
    const predictor = repeatPredictor(fitted.model);
    const cumulative = new Float64Array(horizons.length);
    const byHistory = new Float64Array(hx.length);
    const weight = new Float64Array(hx.length);
    for (let c = 0; c < n; c++) if (historyOf[c] >= 0) weight[historyOf[c]]++;
    const byPeriod = new Float64Array(horizons.length);
    for (let h = 0; h < hx.length; h++) {
      predictor.cumulative(hx[h], htx[h], hT[h], horizons, cumulative);
      byHistory[h] = cumulative[horizons.length - 1];
      for (let p = 0; p < horizons.length; p++) byPeriod[p] += weight[h] * cumulative[p];
    }
    let predicted = 0;
    let absError = 0;
    for (let c = 0; c < n; c++) {
      if (historyOf[c] < 0) continue;
      perCustomer[c] = byHistory[historyOf[c]];
      predicted += perCustomer[c];
      absError += Math.abs(perCustomer[c] - actualPerCustomer[c]);
    }
    trackingPredicted[name] = byPeriod;
    models.push({
      name,
      model: fitted.model,
      converged: fitted.converged,
      problem: fitted.problem,
      warnings: fitted.warnings,
      predicted,
      actual,
      errorPct: actual > 0 ? ((predicted - actual) / actual) * 100 : NaN,
      mae: absError / customers,
      perCustomer,
    });
  }

  // Tracking: cumulative by period end.
  const trackingRows: TrackingRow[] = [];
  let cumActual = 0;
  for (let p = 0; p < periodEnds.length; p++) {
    cumActual += actualByPeriod[p];
    const predicted: Partial<Record<RepeatModelName, number>> = {};
    for (const m of models) predicted[m.name] = trackingPredicted[m.name]?.[p] ?? NaN;
    trackingRows.push({ periodEnd: periodEnds[p], actual: cumActual, predicted });
  }

  // Conditional expectations by calibration frequency.
  const count = new Float64Array(CONDITIONAL_GROUPS);
  const sumActual = new Float64Array(CONDITIONAL_GROUPS);
  const sumPredicted = models.map(() => new Float64Array(CONDITIONAL_GROUPS));
  for (let c = 0; c < n; c++) {
    if (Number.isNaN(x[c])) continue;
    const g = Math.min(x[c], CONDITIONAL_GROUPS - 1);
    count[g]++;
    sumActual[g] += actualPerCustomer[c];
    models.forEach((m, k) => (sumPredicted[k][g] += m.perCustomer[c]));
  }
  const conditional: ConditionalRow[] = [];
  for (let g = 0; g < CONDITIONAL_GROUPS; g++) {
    const predicted: Partial<Record<RepeatModelName, number>> = {};
    models.forEach((m, k) => (predicted[m.name] = count[g] > 0 ? sumPredicted[k][g] / count[g] : NaN));
    conditional.push({ frequency: g === CONDITIONAL_GROUPS - 1 ? `${g}+` : String(g), customers: count[g], actual: count[g] > 0 ? sumActual[g] / count[g] : NaN, predicted });
  }

  let segments: SegmentRow[] | undefined;
  if (opts.segments) {
    const { labels, of } = opts.segments;
    if (of.length !== n) throw problem("sizeMismatch", `segments: ${of.length} customers, the ledger has ${n}`, { path: "segments" });
    const segCount = new Float64Array(labels.length);
    const segActual = new Float64Array(labels.length);
    const segAbs = models.map(() => new Float64Array(labels.length));
    for (let c = 0; c < n; c++) {
      const s = of[c];
      if (Number.isNaN(x[c]) || !(s >= 0 && s < labels.length)) continue;
      segCount[s]++;
      segActual[s] += actualPerCustomer[c];
      models.forEach((m, k) => (segAbs[k][s] += Math.abs(m.perCustomer[c] - actualPerCustomer[c])));
    }
    segments = [];
    labels.forEach((segment, s) => {
      if (segCount[s] === 0) return;
      const mae: Partial<Record<RepeatModelName, number>> = {};
      models.forEach((m, k) => (mae[m.name] = m.model ? segAbs[k][s] / segCount[s] : NaN));
      (segments as SegmentRow[]).push({ segment, customers: segCount[s], actual: segActual[s] / segCount[s], mae });
    });
  }

  return {
    calibrationEnd,
    holdoutEnd,
    unit,
    holdoutLength,
    tracking,
    customers,
    actualPerCustomer,
    calibration: { x, tx, T },
    actual,
    models,
    trackingRows,
    conditional,
    segments,
  };
}

/** Fits one model on the calibration summary; a failure becomes a message, not an exception. */
function fitModel(name: RepeatModelName, data: { x: Float64Array; tx: Float64Array; T: Float64Array }, penalizer: number): { model?: RepeatModel; converged: boolean; problem?: string; warnings: readonly ModelWarning[] } {
  try {
    switch (name) {
      case "bgnbd": {
        const f = fitBgNbd(data, { penalizer });
        const noDropout = f.params.a < 1e-3 && !f.converged;
        return { model: { name, params: f.params }, converged: f.converged, warnings: f.warnings, problem: f.converged ? undefined : noDropout ? "dropout not identified (a → 0)" : "the fit did not converge" };
      }
      case "paretonbd": {
        const f = fitParetoNbd(data, { penalizer });
        return { model: { name, params: f.params }, converged: f.converged, warnings: f.warnings, problem: f.converged ? undefined : f.noDropout ? "dropout not identified (s → 0 or β → ∞)" : "the fit did not converge" };
      }
      case "nbd": {
        const f = fitNbd(data, { penalizer });
        return { model: { name, params: f.params }, converged: f.converged, warnings: f.warnings, problem: f.converged ? undefined : "the fit did not converge" };
      }
    }
  } catch (e) {
    if (!isKaProblem(e)) throw e;
    return { converged: false, problem: e.problem.message, warnings: [] };
  }
}

/**
 * Ends of the tracking periods after `from` up to `to`: every 7th day, or the last day of each calendar month;
 * the last period ends at `to` (possibly short).
 */
export function trackingPeriodEnds(from: Day, to: Day, period: "week" | "month"): Day[] {
  const ends: Day[] = [];
  if (period === "week") {
    for (let d = from + 7; d < to; d += 7) ends.push(d);
  } else {
    let { y, m } = ymdFromDay(from + 1);
    for (;;) {
      const end = dayFromYmd(y, m, daysInMonth(y, m));
      if (end >= to) break;
      ends.push(end);
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  ends.push(to);
  return ends;
}
