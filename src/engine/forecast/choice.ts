/**
 * Which repeat-purchase model the per-customer forecasts use, and the facts behind it (the sentence saying why is
 * the language catalogue's: i18n/messages/forecast.ts):
 * 1. the user's choice, when that model's fit converged;
 * 2. otherwise among the models whose fit converged with dropout identified: the one with the lower hold-out mean
 *    absolute error per customer when a backtest ran, else the lower BIC on the full ledger
 *    (BIC = k·ln n − 2·ln L; both have k = 4, so the higher log-likelihood wins);
 * 3. with none: the NBD limit — the data do not identify dropout (BG/NBD a → 0, Pareto/NBD s → 0 or β → ∞), so
 *    expected purchases come from the NBD and P(alive) = 1 is an assumption, said as such.
 */
import type { RepeatModelName } from "../models/repeat-model";
import type { Backtest } from "./backtest";

export type ModelCriterion = "forced" | "holdout" | "bic" | "only" | "noDropout";

/** Why a model cannot be used: its fit threw, did not converge, or found no dropout. */
export type FitState = "ok" | "notFitted" | "notConverged" | "noDropout";

export type DropoutModel = "bgnbd" | "paretonbd";

export interface ModelChoice {
  readonly name: RepeatModelName;
  readonly criterion: ModelCriterion;
  /** The user's choice when it could not be used (its state says why). */
  readonly requested?: DropoutModel;
  readonly state: Readonly<Record<DropoutModel, FitState>>;
  /** criterion "holdout": each model's hold-out mean absolute error, and the backtest's customers. */
  readonly mae?: Readonly<Record<DropoutModel, number>>;
  readonly holdoutCustomers?: number;
  /** criterion "bic": each model's BIC on the full ledger. */
  readonly bic?: Readonly<Record<DropoutModel, number>>;
}

/** What the choice needs to know about a full-ledger fit. */
export interface FitSummary {
  readonly state: FitState;
  readonly logLikelihood: number;
  readonly customers: number;
}

export function bic(fit: Pick<FitSummary, "logLikelihood" | "customers">, parameters = 4): number {
  return parameters * Math.log(fit.customers) - 2 * fit.logLikelihood;
}

/**
 * Picks the model (see the file comment).
 * @example chooseModel({ bgnbd: { state: "ok", logLikelihood: -9582.4, customers: 2357 } }).name // "bgnbd"
 */
export function chooseModel(fits: Partial<Record<DropoutModel, FitSummary>>, opts: { backtest?: Backtest; forced?: DropoutModel } = {}): ModelChoice {
  const state: Record<DropoutModel, FitState> = { bgnbd: fits.bgnbd?.state ?? "notFitted", paretonbd: fits.paretonbd?.state ?? "notFitted" };
  const usable = (["bgnbd", "paretonbd"] as const).filter((n) => state[n] === "ok");
  const forced = opts.forced;
  if (forced && usable.includes(forced)) return { name: forced, criterion: "forced", state };
  const requested = forced;
  if (usable.length === 0) return { name: "nbd", criterion: "noDropout", requested, state };
  if (usable.length === 1) return { name: usable[0], criterion: "only", requested, state };
  const bt = opts.backtest;
  const maeOf = (n: DropoutModel) => bt?.models.find((m) => m.name === n && m.converged)?.mae ?? NaN;
  const mae = { bgnbd: maeOf("bgnbd"), paretonbd: maeOf("paretonbd") };
  if (bt && Number.isFinite(mae.bgnbd) && Number.isFinite(mae.paretonbd)) {
    return { name: mae.paretonbd < mae.bgnbd ? "paretonbd" : "bgnbd", criterion: "holdout", requested, state, mae, holdoutCustomers: bt.customers };
  }
  const b = { bgnbd: bic(fits.bgnbd as FitSummary), paretonbd: bic(fits.paretonbd as FitSummary) };
  return { name: b.paretonbd < b.bgnbd ? "paretonbd" : "bgnbd", criterion: "bic", requested, state, bic: b };
}
