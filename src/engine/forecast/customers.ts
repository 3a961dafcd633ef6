/**
 * Per-customer forecasts from the ledger's model summary: fit BG/NBD and Pareto/NBD (and the NBD when neither
 * identifies dropout), choose one (choice.ts), and give every customer P(alive), expected purchases in the next
 * 90 days and 12 months, expected spend (Gamma-Gamma) and predicted CLV — with 90 % intervals for P(alive), the
 * 12-month purchases and the CLV.
 *
 * Intervals: `draws` parameter sets are drawn from each fitted model's sampling distribution (uncertainty.ts:
 * log-normal around the estimate with the inverse observed information as covariance; the purchase model and the
 * spend model independently), reproducibly from `seed`; each customer's quantity is computed under every draw and
 * the interval is the 5th to 95th percentile of those values (linear interpolation between order statistics). They
 * show how much the forecast moves with the parameters' estimation error — not the randomness of the customer's
 * own future purchases. Under the NBD limit P(alive) is 1 by assumption, and so are its bounds.
 */
import { daysPerUnit, unitsPerMonth, type CustomerSummary, type TimeUnit } from "../models/summary";
import { isKaProblem } from "../problems";
import { fitBgNbd, type BgNbdFit } from "../models/bgnbd";
import { fitParetoNbd, type ParetoNbdFit } from "../models/paretonbd";
import { fitNbd, type NbdFit } from "../models/nbd";
import { fitGammaGamma, type GammaGammaFit, type GammaGammaParams } from "../models/gamma-gamma";
import { bgnbdUncertainty, drawParameters, gammaGammaUncertainty, nbdUncertainty, paretoNbdUncertainty, type ParameterUncertainty } from "../models/uncertainty";
import { repeatPredictor, type RepeatModel, type RepeatPredictor } from "../models/repeat-model";
import type { Backtest } from "./backtest";
import { chooseModel, type FitSummary, type ModelChoice } from "./choice";

export interface CustomerForecastOptions {
  unit: TimeUnit;
  penalizer?: number;
  /** CLV horizon in months (default 12) and monthly discount rate (default 0.01). */
  clvMonths?: number;
  monthlyDiscount?: number;
  /** Use this model when its fit converges (the user's choice). */
  forced?: "bgnbd" | "paretonbd";
  /** A backtest of the same ledger: the model with the lower hold-out error is chosen. */
  backtest?: Backtest;
  /** Parameter draws for the intervals (default 200; 0 for none) and their seed (default 1). */
  draws?: number;
  seed?: number;
  /** BG/NBD and Pareto/NBD already fitted to this summary (`fitRepeatModels`, with the same penalizer). */
  fits?: RepeatFits;
  /** Leave the interval columns to the caller: the result's `intervalWork` says what to draw (`drawIntervals`). */
  deferIntervals?: boolean;
}

/**
 * BG/NBD, Pareto/NBD and the Gamma-Gamma spend model fitted to a summary, with their parameter uncertainty: the part
 * of a forecast that needs no backtest (the CLI fits them while the backtest runs on another thread).
 */
export interface RepeatFits {
  readonly bgnbd?: BgNbdFit;
  readonly paretoNbd?: ParetoNbdFit;
  readonly bgnbdUncertainty?: ParameterUncertainty<BgNbdFit["params"]>;
  readonly paretoNbdUncertainty?: ParameterUncertainty<ParetoNbdFit["params"]>;
  /** The spend model as fitted (converged or not), and its uncertainty when it converged with q > 1. */
  readonly gammaGamma?: GammaGammaFit;
  readonly gammaGammaUncertainty?: ParameterUncertainty<GammaGammaParams>;
  /** Fits that threw, with the problem's message. */
  readonly notFitted: Partial<Record<"bgnbd" | "paretonbd" | "gammaGamma", string>>;
}

/** `fit()`, or undefined when it throws a KaProblem, whose message is kept in `notFitted[key]`. */
function attempt<K extends string, F>(notFitted: Partial<Record<K, string>>, key: K, fit: () => F): F | undefined {
  try {
    return fit();
  } catch (e) {
    if (!isKaProblem(e)) throw e;
    notFitted[key] = e.problem.message;
    return undefined;
  }
}

/** A Gamma-Gamma fit the forecast can use: converged, with q > 1 (else the mean spend is infinite). */
function usableSpendFit(fit: GammaGammaFit): boolean {
  return fit.converged && fit.params.q > 1;
}

/**
 * Fits BG/NBD, Pareto/NBD and Gamma-Gamma to the summary (a fit that throws a KaProblem is left out and said in
 * `notFitted`).
 */
export function fitRepeatModels(summary: CustomerSummary, opts: { penalizer?: number } = {}): RepeatFits {
  const penalizer = opts.penalizer ?? 0;
  const data = { x: summary.x, tx: summary.tx, T: summary.T };
  const notFitted: RepeatFits["notFitted"] = {};
  const bgnbd = attempt(notFitted, "bgnbd", () => fitBgNbd(data, { penalizer }));
  const paretoNbd = attempt(notFitted, "paretonbd", () => fitParetoNbd(data, { penalizer }));
  const spendData = { x: summary.x, m: summary.monetary };
  const gammaGamma = attempt(notFitted, "gammaGamma", () => fitGammaGamma(spendData, { penalizer }));
  return {
    bgnbd,
    paretoNbd,
    bgnbdUncertainty: bgnbd?.converged ? bgnbdUncertainty(bgnbd, data) : undefined,
    paretoNbdUncertainty: paretoNbd?.converged ? paretoNbdUncertainty(paretoNbd, data) : undefined,
    gammaGamma,
    gammaGammaUncertainty: gammaGamma && usableSpendFit(gammaGamma) ? gammaGammaUncertainty(gammaGamma, spendData) : undefined,
    notFitted,
  };
}

/** A model's own warning (code and English message, as the fits write them). */
export interface ForecastWarning {
  code: string;
  message: string;
}

/** What could not be done, for the caller to say in the report's language. */
export interface ForecastIssues {
  /** Fits that threw, with the problem's message. */
  notFitted: Partial<Record<"bgnbd" | "paretonbd" | "nbd" | "gammaGamma", string>>;
  /** Gamma-Gamma fitted but unusable (not converged, or q ≤ 1). */
  gammaGammaUnusable: boolean;
  /** Draws were asked for but the chosen model (or the spend model) has no covariance. */
  noIntervals: boolean;
  noClvIntervals: boolean;
}

export interface CustomerForecast {
  readonly unit: TimeUnit;
  readonly bgnbd?: BgNbdFit;
  readonly bgnbdUncertainty?: ParameterUncertainty<BgNbdFit["params"]>;
  readonly paretoNbd?: ParetoNbdFit;
  readonly paretoNbdUncertainty?: ParameterUncertainty<ParetoNbdFit["params"]>;
  readonly nbd?: NbdFit;
  readonly nbdUncertainty?: ParameterUncertainty<NbdFit["params"]>;
  readonly gammaGamma?: GammaGammaFit;
  readonly gammaGammaUncertainty?: ParameterUncertainty<GammaGammaParams>;
  readonly choice: ModelChoice;
  /** The model behind the columns; undefined when not even the NBD could be fitted. */
  readonly model?: RepeatModel;
  /** P(alive) = 1 by the NBD limit's assumption (not an estimate): the churn alert must not read it. */
  readonly pAliveAssumed: boolean;
  readonly pAlive: Float64Array;
  readonly pAliveLow: Float64Array;
  readonly pAliveHigh: Float64Array;
  readonly expectedPurchases90d: Float64Array;
  readonly expectedPurchases12m: Float64Array;
  readonly expectedPurchases12mLow: Float64Array;
  readonly expectedPurchases12mHigh: Float64Array;
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
  readonly clvLow: Float64Array;
  readonly clvHigh: Float64Array;
  /** Σ predicted CLV (NaN when there is no spend model). */
  readonly predictedClv: number;
  /** Draws actually used (0 when no interval could be drawn), their seed, and the interval's level. */
  readonly draws: number;
  readonly seed: number;
  readonly level: number;
  /** With `deferIntervals`: the interval draws still to do into this result's interval columns. */
  readonly intervalWork?: IntervalWork;
  /** The models' own warnings (prefixed codes: bgnbd.atBoundary, …). */
  readonly warnings: readonly ForecastWarning[];
  readonly issues: ForecastIssues;
}

const LEVEL = 0.9;

/**
 * Forecasts every customer of the summary (NaN where a customer has no purchase occasion).
 * @example forecastCustomers(customerSummary(rows, { asOf, unit: "week" }), { unit: "week" }).choice.reason
 */
export function forecastCustomers(summary: CustomerSummary, opts: CustomerForecastOptions): CustomerForecast {
  const n = summary.x.length;
  const unit = opts.unit;
  const penalizer = opts.penalizer ?? 0;
  const months = opts.clvMonths ?? 12;
  const discount = opts.monthlyDiscount ?? 0.01;
  const drawCount = opts.draws ?? 200;
  const seed = opts.seed ?? 1;
  const warnings: ForecastWarning[] = [];
  const issues: ForecastIssues = { notFitted: {}, gammaGammaUnusable: false, noIntervals: false, noClvIntervals: false };
  const data = { x: summary.x, tx: summary.tx, T: summary.T };
  const nan = () => new Float64Array(n).fill(NaN);

  const fits = opts.fits ?? fitRepeatModels(summary, { penalizer });
  const { bgnbd, paretoNbd } = fits;
  const { gammaGamma: spendNotFitted, ...repeatNotFitted } = fits.notFitted;
  Object.assign(issues.notFitted, repeatNotFitted);
  for (const [prefix, fit] of [
    ["bgnbd", bgnbd],
    ["paretoNbd", paretoNbd],
  ] as const) {
    for (const w of fit?.warnings ?? []) if (w.code !== "skippedCustomers") warnings.push({ code: `${prefix}.${w.code}`, message: w.message });
  }
  const summaryOf = (f: BgNbdFit | ParetoNbdFit | undefined, noDropout: boolean): FitSummary | undefined =>
    f && { state: f.converged ? "ok" : noDropout ? "noDropout" : "notConverged", logLikelihood: f.logLikelihood, customers: f.customers };
  const choice = chooseModel(
    {
      // BG/NBD's a → 0 (every customer's dropout probability piles at 0) is its no-dropout limit.
      bgnbd: summaryOf(bgnbd, !!bgnbd && !bgnbd.converged && bgnbd.params.a < 1e-3),
      paretonbd: summaryOf(paretoNbd, !!paretoNbd && paretoNbd.noDropout),
    },
    { backtest: opts.backtest, forced: opts.forced },
  );
  const bgU = fits.bgnbdUncertainty;
  const pnU = fits.paretoNbdUncertainty;

  let nbd: NbdFit | undefined;
  let nbdU: ParameterUncertainty<NbdFit["params"]> | undefined;
  let model: RepeatModel | undefined;
  // Parameter sets for the intervals, drawn from the chosen model's sampling distribution.
  let drawModels: () => RepeatModel[] = () => [];
  if (choice.name === "bgnbd" && bgnbd) {
    model = { name: "bgnbd", params: bgnbd.params };
    if (bgU) drawModels = () => drawParameters(bgU, drawCount, seed).map((params) => ({ name: "bgnbd", params }));
  } else if (choice.name === "paretonbd" && paretoNbd) {
    model = { name: "paretonbd", params: paretoNbd.params };
    if (pnU) drawModels = () => drawParameters(pnU, drawCount, seed).map((params) => ({ name: "paretonbd", params }));
  } else {
    nbd = attempt(issues.notFitted, "nbd", () => fitNbd(data, { penalizer }));
    for (const w of nbd?.warnings ?? []) if (w.code !== "skippedCustomers") warnings.push({ code: `nbd.${w.code}`, message: w.message });
    // A limit that did not converge either (e.g. r, α → ∞) would be a guess shown as a result: no model, blanks.
    if (nbd && nbd.converged) {
      model = { name: "nbd", params: nbd.params };
      const u = nbdUncertainty(nbd, data);
      nbdU = u;
      drawModels = () => drawParameters(u, drawCount, seed).map((params) => ({ name: "nbd", params }));
    }
  }

  let gammaGamma = fits.gammaGamma;
  const ggU = fits.gammaGammaUncertainty;
  if (spendNotFitted !== undefined) issues.notFitted.gammaGamma = spendNotFitted; // said after the repeat models
  for (const w of gammaGamma?.warnings ?? []) if (w.code !== "skippedCustomers") warnings.push({ code: `gammaGamma.${w.code}`, message: w.message });
  if (gammaGamma && !usableSpendFit(gammaGamma)) {
    issues.gammaGammaUnusable = true;
    gammaGamma = undefined;
  }

  const out = {
    pAlive: nan(),
    pAliveLow: nan(),
    pAliveHigh: nan(),
    expectedPurchases90d: nan(),
    expectedPurchases12m: nan(),
    expectedPurchases12mLow: nan(),
    expectedPurchases12mHigh: nan(),
    expectedSpend: nan(),
    clv: nan(),
    clvLow: nan(),
    clvHigh: nan(),
  };
  let predictedClv = NaN;
  let drawsUsed = 0;
  let intervalWork: IntervalWork | undefined;
  if (model) {
    const perMonth = unitsPerMonth(unit);
    const monthCount = Math.max(12, months);
    // Horizons: months 1..max(12, clvMonths), then 90 days.
    const horizons = new Float64Array(monthCount + 1);
    for (let i = 0; i < monthCount; i++) horizons[i] = (i + 1) * perMonth;
    horizons[monthCount] = 90 / daysPerUnit(unit);
    const groups = groupHistories(summary);
    // Histories in (x, T) order: a predictor shares its per-frequency work between the histories of one frequency,
    // and the draws below reuse the while-alive purchases of equal (x, T).
    const hx = new Float64Array(groups.count);
    const htx = new Float64Array(groups.count);
    const hT = new Float64Array(groups.count);
    for (let h = 0; h < groups.count; h++) ({ x: hx[h], tx: htx[h], T: hT[h] } = groups.history(h));
    const order = Int32Array.from({ length: groups.count }, (_, h) => h);
    order.sort((p, q) => hx[p] - hx[q] || hT[p] - hT[q]);
    // The discount factor of each CLV month, worked out once (see `discounted`).
    const factors = new Float64Array(months);
    for (let i = 0, f = 1; i < months; i++) factors[i] = f /= 1 + discount;

    // Point forecasts.
    const point = repeatPredictor(model);
    const cum = new Float64Array(horizons.length);
    if (gammaGamma) predictedClv = 0;
    for (const h of order) {
      const x = hx[h];
      const alive = point.cumulative(x, htx[h], hT[h], horizons, cum);
      const value = discounted(cum, factors);
      for (let j = groups.start[h]; j < groups.start[h + 1]; j++) {
        const c = groups.member[j];
        out.pAlive[c] = alive;
        out.expectedPurchases12m[c] = cum[11];
        out.expectedPurchases90d[c] = cum[monthCount];
        if (gammaGamma) {
          out.expectedSpend[c] = expectedSpendOf(gammaGamma.params, x, summary.monetary[c]);
          out.clv[c] = value * out.expectedSpend[c];
          predictedClv += out.clv[c];
        }
      }
    }

    // Intervals from parameter draws.
    const modelDraws = drawCount > 0 ? drawModels() : [];
    const spendDraws = ggU ? drawParameters(ggU, drawCount, seed + 1) : [];
    if (drawCount > 0 && modelDraws.length === 0) issues.noIntervals = true;
    if (modelDraws.length > 0) {
      drawsUsed = modelDraws.length;
      intervalWork = {
        models: modelDraws,
        spend: spendDraws.length === modelDraws.length ? spendDraws : [],
        x: hx,
        tx: htx,
        T: hT,
        order,
        start: groups.start,
        member: groups.member,
        monetary: Float64Array.from(summary.monetary),
        horizons: horizons.slice(0, monthCount),
        factors,
      };
      if (!opts.deferIntervals) drawIntervals(intervalWork, 0, order.length, out);
      if (gammaGamma && spendDraws.length !== modelDraws.length) issues.noClvIntervals = true;
    }
  }

  return {
    unit,
    bgnbd,
    bgnbdUncertainty: bgU,
    paretoNbd,
    paretoNbdUncertainty: pnU,
    nbd,
    nbdUncertainty: nbdU,
    gammaGamma,
    gammaGammaUncertainty: ggU,
    choice,
    model,
    pAliveAssumed: model?.name === "nbd",
    ...out,
    predictedClv,
    draws: drawsUsed,
    seed,
    level: LEVEL,
    intervalWork: opts.deferIntervals ? intervalWork : undefined,
    warnings,
    issues,
  };
}

/**
 * `discountedValue(cumulative, 1, discount, months)` (repeat-model.ts) with the months' discount factors worked out
 * once: Σ_i (E_i − E_{i−1}) · factors[i] over the CLV months.
 */
function discounted(cumulative: Float64Array, factors: Float64Array): number {
  let value = 0;
  let previous = 0;
  for (let i = 0; i < factors.length; i++) {
    value += (cumulative[i] - previous) * factors[i];
    previous = cumulative[i];
  }
  return value;
}

/** Gamma-Gamma's expected average spend of a customer with x repeat purchases of average value m. */
function expectedSpendOf(gg: GammaGammaParams, x: number, m: number): number {
  return (gg.p * (gg.v + x * (x > 0 ? m : 0))) / (gg.p * x + gg.q - 1);
}

/** What the interval draws need, all plain data (so it can go to another thread). */
export interface IntervalWork {
  /** The chosen model's parameter draws, and the spend model's (empty: no CLV intervals). */
  readonly models: readonly RepeatModel[];
  readonly spend: readonly GammaGammaParams[];
  /** Per distinct history (x, t_x, T); `order` visits them by (x, T); `start`/`member` list each one's customers. */
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly member: Int32Array;
  /** Each customer's average spend (the summary's monetary value). */
  readonly monetary: Float64Array;
  /** Month ends in model units (at least 12), and the discount factor of each CLV month. */
  readonly horizons: Float64Array;
  readonly factors: Float64Array;
}

/** The interval columns `drawIntervals` fills, one entry per customer. */
export interface IntervalColumns {
  pAliveLow: Float64Array;
  pAliveHigh: Float64Array;
  expectedPurchases12mLow: Float64Array;
  expectedPurchases12mHigh: Float64Array;
  clvLow: Float64Array;
  clvHigh: Float64Array;
}

/**
 * The 90 % intervals of the customers of the histories at `order[from … to)`, into `out`. A range that starts where
 * the frequency or T changes gives exactly what the whole run gives there, so the work can be split: each frequency is
 * prepared from all its histories, wherever the range starts in it, and no history reuses one before the range.
 */
export function drawIntervals(work: IntervalWork, from: number, to: number, out: IntervalColumns, drawer: IntervalDrawer = intervalDrawer(work)): void {
  const { order, x: hx, tx: htx, T: hT, horizons, factors } = work;
  const predictors = drawer.predictors;
  const k = predictors.length;
  const monthCount = horizons.length;
  const spendDraws = work.spend.length === k ? work.spend : [];
  const aliveK = new Float64Array(k);
  const e12K = new Float64Array(k);
  const valueK = new Float64Array(k);
  const clvK = new Float64Array(k);
  const cumK = new Float64Array(monthCount);
  // Every model's expectation is P(alive | x, t_x, T) × the expectation while alive, which depends on (x, T)
  // only: histories visited in (x, T) order reuse the previous one's while-alive purchases (CDNOW: 1,016
  // histories, 464 (x, T) pairs), which are the draws' cost.
  const whileAlive = new Float64Array(k * monthCount);
  const reusable = new Uint8Array(k);
  let lastX = NaN;
  let lastT = NaN;
  for (let o = from; o < to; o++) {
    const h = order[o];
    const x = hx[h];
    const tx = htx[h];
    const T = hT[h];
    if (x !== lastX && x !== drawer.preparedX) {
      // A new frequency: its histories lie together, T ascending; the predictors may tabulate what they share, over
      // all of them (also those before `from`: a block may start inside the frequency).
      drawer.preparedX = x;
      let start = o;
      while (start > 0 && hx[order[start - 1]] === x) start--;
      let end = start;
      let distinctT = 0;
      for (let prev = NaN; end < order.length && hx[order[end]] === x; end++) {
        if (hT[order[end]] !== prev) distinctT++;
        prev = hT[order[end]];
      }
      for (let d = 0; d < k; d++) predictors[d].prepareFrequency?.(x, hT[order[start]], hT[order[end - 1]], horizons, distinctT);
    }
    const same = x === lastX && T === lastT;
    lastX = x;
    lastT = T;
    for (let d = 0; d < k; d++) {
      const w = d * monthCount;
      if (same && reusable[d]) {
        const alive = predictors[d].pAlive(x, tx, T);
        aliveK[d] = alive;
        for (let i = 0; i < monthCount; i++) cumK[i] = alive * whileAlive[w + i];
      } else {
        const alive = predictors[d].cumulative(x, tx, T, horizons, cumK);
        aliveK[d] = alive;
        // Below ~1e-200 the division would lose digits: recompute instead.
        reusable[d] = alive > 1e-200 ? 1 : 0;
        if (reusable[d]) for (let i = 0; i < monthCount; i++) whileAlive[w + i] = cumK[i] / alive;
      }
      e12K[d] = cumK[11];
      valueK[d] = discounted(cumK, factors);
    }
    const [aLo, aHi] = interval(aliveK);
    const [eLo, eHi] = interval(e12K);
    for (let j = work.start[h]; j < work.start[h + 1]; j++) {
      const c = work.member[j];
      out.pAliveLow[c] = aLo;
      out.pAliveHigh[c] = aHi;
      out.expectedPurchases12mLow[c] = eLo;
      out.expectedPurchases12mHigh[c] = eHi;
      if (spendDraws.length === k) {
        let finite = 0;
        for (let d = 0; d < k; d++) {
          const g = spendDraws[d];
          const v = g.q > 1 ? valueK[d] * expectedSpendOf(g, x, work.monetary[c]) : Infinity; // q ≤ 1: infinite mean spend
          clvK[d] = v;
          if (Number.isFinite(v)) finite++;
        }
        if (finite >= 0.9 * k) [out.clvLow[c], out.clvHigh[c]] = interval(clvK);
      }
    }
  }
}

/**
 * One thread's predictors (one per parameter draw) and the frequency they were last prepared for: blocks drawn one
 * after another share them, so a frequency cut into several blocks is prepared once per thread, not once per block.
 */
export interface IntervalDrawer {
  readonly predictors: RepeatPredictor[];
  preparedX: number;
}

export function intervalDrawer(work: IntervalWork): IntervalDrawer {
  return { predictors: work.models.map(repeatPredictor), preparedX: NaN };
}

/** What a frequency costs the draws beyond its histories (its predictors' preparation), in histories. */
const FREQUENCY_COST = 8;

/**
 * The histories of `work` in blocks of about `size` histories each (a frequency counting `FREQUENCY_COST` more), in
 * order: [start, end) pairs of positions in `order`. Each starts where the frequency or T changes (`drawIntervals`),
 * so drawing the blocks in any order, on any thread, gives what the whole run gives. Common frequencies are cut into
 * several blocks (whole, one took 0.7 s at 100,000 customers, and the thread that drew the last block kept the other
 * waiting); kept in order, each thread meets the frequencies in turn and prepares each at most once.
 */
export function frequencyBlocks(work: IntervalWork, size: number): Int32Array {
  const { order, x, T } = work;
  const pairs: number[] = [];
  let from = 0;
  let cost = 0;
  for (let o = 0; o < order.length; o++) {
    const newX = o === 0 || x[order[o]] !== x[order[o - 1]];
    if (o > from && cost >= size && (newX || T[order[o]] !== T[order[o - 1]])) {
      pairs.push(from, o);
      from = o;
      cost = 0;
    }
    cost += newX ? 1 + FREQUENCY_COST : 1;
  }
  if (order.length > from) pairs.push(from, order.length);
  return Int32Array.from(pairs);
}

/**
 * Takes blocks of `blocks` in turn from the shared counter `next` (Atomics, so two threads never take the same) and
 * draws them into `out` until none is left; returns the indices of the blocks this thread drew.
 */
export function drawClaimedBlocks(work: IntervalWork, blocks: Int32Array, next: Int32Array, out: IntervalColumns): number[] {
  const drawn: number[] = [];
  const drawer = intervalDrawer(work);
  for (;;) {
    const b = Atomics.add(next, 0, 1);
    if (2 * b >= blocks.length) return drawn;
    drawIntervals(work, blocks[2 * b], blocks[2 * b + 1], out, drawer);
    drawn.push(b);
  }
}

/**
 * Draws the intervals of `work` into `out`. With a runner, this thread and another take blocks (`frequencyBlocks`)
 * from a shared counter, in order, until none is left, so neither waits long for the other whatever each block
 * costs (split at the middle, the high frequencies' half took the other thread 5.7 s and this one's 3.6 s at 100,000
 * customers); the columns are the same.
 */
export async function drawIntervalsSplit(work: IntervalWork, out: IntervalColumns, runner?: IntervalRunner): Promise<void> {
  const n = work.order.length;
  const blocks = runner ? frequencyBlocks(work, Math.ceil(n / 128)) : undefined;
  const next = blocks && blocks.length > 2 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const elsewhere = blocks && next ? runner?.(work, blocks, next) : undefined;
  if (!blocks || !next || !elsewhere) {
    drawIntervals(work, 0, n, out);
    return;
  }
  drawClaimedBlocks(work, blocks, next, out);
  const theirs = await elsewhere;
  for (const b of theirs.drawn) {
    for (let o = blocks[2 * b]; o < blocks[2 * b + 1]; o++) {
      const h = work.order[o];
      for (let j = work.start[h]; j < work.start[h + 1]; j++) {
        const c = work.member[j];
        for (const key of INTERVAL_KEYS) out[key][c] = theirs.columns[key][c];
      }
    }
  }
}

/**
 * Draws blocks of `blocks` elsewhere (another thread) with `drawClaimedBlocks`, answering with whole customer columns
 * and the blocks it drew; undefined: do it all here.
 */
export type IntervalRunner = (work: IntervalWork, blocks: Int32Array, next: Int32Array) => Promise<{ columns: IntervalColumns; drawn: readonly number[] | Int32Array }> | undefined;

export const INTERVAL_KEYS = ["pAliveLow", "pAliveHigh", "expectedPurchases12mLow", "expectedPurchases12mHigh", "clvLow", "clvHigh"] as const;

/**
 * The 5th and 95th percentiles of the values (reordered in place; linear interpolation, Hyndman & Fan type 7). Only
 * the four order statistics around the two positions are needed, so they are selected (quickselect), not sorted:
 * this runs for every customer and quantity (Online Retail: 13,000 times over 200 draws). NaN sorts last, as in a sort.
 */
export function interval(values: Float64Array): [number, number] {
  const n = values.length;
  if (n >= TAILS_FROM) {
    const fast = intervalFromTails(values);
    if (fast) return fast;
  }
  let finite = n;
  // NaN to the end (Float64Array.prototype.sort's order), so the selection compares numbers only.
  for (let i = 0; i < finite; ) {
    if (values[i] !== values[i]) {
      finite--;
      values[i] = values[finite];
      values[finite] = NaN;
    } else i++;
  }
  const q = (p: number, from: number) => {
    const pos = p * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    const a = orderStatistic(values, lo, from, finite);
    // values[lo + 1 …] now hold the larger ones: the next order statistic is their minimum.
    let b = a;
    if (hi > lo) {
      if (hi >= finite) b = NaN;
      else {
        b = values[hi];
        for (let i = hi + 1; i < finite; i++) if (values[i] < b) b = values[i];
      }
    }
    return { value: between(pos, lo, a, b), lo };
  };
  const low = q((1 - LEVEL) / 2, 0);
  const high = q((1 + LEVEL) / 2, low.lo + 1);
  return [low.value, high.value];
}

/** From this many values the percentiles come from the two tails (`intervalFromTails`). */
const TAILS_FROM = 40;
const lowTail = new Float64Array(64);
const highTail = new Float64Array(64);

/**
 * `interval` from the values' two tails: one pass keeps the few smallest (up to the rank just above the 5th
 * percentile's position) and the few largest, each sorted, by insertion; most values are dismissed by one comparison
 * with each tail's last. The order statistics are the same values the selection finds, so the result is the same.
 * Undefined when a value is NaN or the tails would be long (the selection handles those).
 */
function intervalFromTails(values: Float64Array): [number, number] | undefined {
  const n = values.length;
  const lowPos = ((1 - LEVEL) / 2) * (n - 1);
  const highPos = ((1 + LEVEL) / 2) * (n - 1);
  const lowRank = Math.floor(lowPos);
  const highRank = Math.floor(highPos);
  const lows = Math.min(lowRank + 1, n - 1) + 1; // ranks 0 … lowRank + 1
  const highs = n - highRank; // ranks highRank … n − 1
  if (lows > lowTail.length || highs > highTail.length) return undefined;
  let nl = 0;
  let nh = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) return undefined;
    // lowTail ascending, highTail descending.
    if (nl < lows || v < lowTail[nl - 1]) {
      let j = nl < lows ? nl++ : nl - 1;
      while (j > 0 && lowTail[j - 1] > v) {
        lowTail[j] = lowTail[j - 1];
        j--;
      }
      lowTail[j] = v;
    }
    if (nh < highs || v > highTail[nh - 1]) {
      let j = nh < highs ? nh++ : nh - 1;
      while (j > 0 && highTail[j - 1] < v) {
        highTail[j] = highTail[j - 1];
        j--;
      }
      highTail[j] = v;
    }
  }
  // Rank r from the top is highTail[n − 1 − r].
  const low = between(lowPos, lowRank, lowTail[lowRank], lowTail[Math.min(lowRank + 1, n - 1)]);
  const hiRank = Math.min(highRank + 1, n - 1);
  const high = between(highPos, highRank, highTail[n - 1 - highRank], highTail[n - 1 - hiRank]);
  return [low, high];
}

/** Type 7's interpolation at position `pos` between the order statistics `a` (rank `lo`) and `b` (rank `lo` + 1). */
function between(pos: number, lo: number, a: number, b: number): number {
  return a === b ? a : a + (pos - lo) * (b - a);
}

/** The k-th smallest of values[from, to) (k ≥ from), by Hoare's selection; values[from, k) ≤ it ≤ values(k, to). */
function orderStatistic(values: Float64Array, k: number, from: number, to: number): number {
  if (k >= to) return NaN;
  let left = from;
  let right = to - 1;
  while (right > left) {
    // Median of three as the pivot.
    const mid = (left + right) >> 1;
    const a = values[left];
    const b = values[mid];
    const c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** Customers grouped by identical history (x, t_x, T): predictions are computed once per history. */
function groupHistories(s: CustomerSummary): { count: number; start: Int32Array; member: Int32Array; history(h: number): { x: number; tx: number; T: number } } {
  const n = s.x.length;
  const index = new Map<string, number>();
  const of = new Int32Array(n).fill(-1);
  const first: number[] = [];
  for (let c = 0; c < n; c++) {
    if (Number.isNaN(s.x[c])) continue;
    const key = `${s.x[c]} ${s.tx[c]} ${s.T[c]}`;
    let h = index.get(key);
    if (h === undefined) {
      h = first.length;
      index.set(key, h);
      first.push(c);
    }
    of[c] = h;
  }
  const count = first.length;
  const start = new Int32Array(count + 1);
  for (let c = 0; c < n; c++) if (of[c] >= 0) start[of[c] + 1]++;
  for (let h = 0; h < count; h++) start[h + 1] += start[h];
  const fill = start.slice(0, count);
  const member = new Int32Array(start[count]);
  for (let c = 0; c < n; c++) if (of[c] >= 0) member[fill[of[c]]++] = c;
  return { count, start, member, history: (h) => ({ x: s.x[first[h]], tx: s.tx[first[h]], T: s.T[first[h]] }) };
}
