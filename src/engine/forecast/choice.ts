/**
 * Which repeat-purchase model the per-customer forecasts use, and why (a sentence a reader can check):
 * 1. the user's choice, when that model's fit converged;
 * 2. otherwise among the models whose fit converged with dropout identified: the one with the lower hold-out mean
 *    absolute error per customer when a backtest ran, else the lower BIC on the full ledger
 *    (BIC = k·ln n − 2·ln L; both have k = 4, so the higher log-likelihood wins);
 * 3. with none: the NBD limit — the data do not identify dropout (BG/NBD a → 0, Pareto/NBD s → 0 or β → ∞), so
 *    expected purchases come from the NBD and P(alive) = 1 is an assumption, said as such.
 */
import { MODEL_LABEL, type RepeatModelName } from "../models/repeat-model";
import type { Backtest } from "./backtest";

export type ModelCriterion = "forced" | "holdout" | "bic" | "only" | "noDropout";

export interface ModelChoice {
  readonly name: RepeatModelName;
  readonly criterion: ModelCriterion;
  /** English sentence: which model and why. */
  readonly reason: string;
}

/** What the choice needs to know about a full-ledger fit. */
export interface FitSummary {
  /** Converged with every parameter inside its bounds. */
  readonly converged: boolean;
  /** Ran to the no-dropout boundary. */
  readonly noDropout: boolean;
  readonly logLikelihood: number;
  readonly customers: number;
  /** Why it is unusable, when it is (a fit that threw, did not converge). */
  readonly problem?: string;
}

const fmt = (v: number, digits = 3) => v.toFixed(digits);

export function bic(fit: FitSummary, parameters = 4): number {
  return parameters * Math.log(fit.customers) - 2 * fit.logLikelihood;
}

/**
 * Picks the model (see the file comment).
 * @example chooseModel({ bgnbd: { converged: true, noDropout: false, logLikelihood: -9582.4, customers: 2357 } }).name // "bgnbd"
 */
export function chooseModel(fits: Partial<Record<"bgnbd" | "paretonbd", FitSummary>>, opts: { backtest?: Backtest; forced?: "bgnbd" | "paretonbd" } = {}): ModelChoice {
  const usable = (["bgnbd", "paretonbd"] as const).filter((n) => fits[n]?.converged && !fits[n]?.noDropout);
  const why = (n: "bgnbd" | "paretonbd"): string => {
    const f = fits[n];
    if (!f) return `${MODEL_LABEL[n]} was not fitted`;
    if (f.noDropout) return `${MODEL_LABEL[n]} finds no dropout (${n === "bgnbd" ? "a → 0" : "s → 0 or β → ∞"})`;
    return `${MODEL_LABEL[n]} ${f.problem ?? "did not converge"}`;
  };
  let prefix = "";
  if (opts.forced) {
    if (usable.includes(opts.forced)) return { name: opts.forced, criterion: "forced", reason: `${MODEL_LABEL[opts.forced]}, as chosen by the user.` };
    prefix = `${MODEL_LABEL[opts.forced]} was chosen, but ${why(opts.forced).replace(`${MODEL_LABEL[opts.forced]} `, "it ")}. `;
  }
  if (usable.length === 0) {
    return {
      name: "nbd",
      criterion: "noDropout",
      reason: `${prefix}${why("bgnbd")} and ${why("paretonbd")}: the ledger does not identify customer dropout (often a history too short for it). Expected purchases and CLV use the NBD limit (no dropout); P(alive) = 1 is an assumption of that limit, not an estimate, so churn alerts use recency instead.`,
    };
  }
  if (usable.length === 1) {
    const other = usable[0] === "bgnbd" ? "paretonbd" : "bgnbd";
    return { name: usable[0], criterion: "only", reason: `${prefix}${MODEL_LABEL[usable[0]]}: ${why(other)}.` };
  }
  const bt = opts.backtest;
  const mae = (n: RepeatModelName) => bt?.models.find((m) => m.name === n && m.converged)?.mae ?? NaN;
  if (bt && Number.isFinite(mae("bgnbd")) && Number.isFinite(mae("paretonbd"))) {
    const name = mae("paretonbd") < mae("bgnbd") ? "paretonbd" : "bgnbd";
    const other = name === "bgnbd" ? "paretonbd" : "bgnbd";
    return {
      name,
      criterion: "holdout",
      reason: `${prefix}${MODEL_LABEL[name]}: lower hold-out error — mean absolute error ${fmt(mae(name))} vs ${fmt(mae(other))} purchases per customer (${MODEL_LABEL[other]}) over the ${bt.customers} customers of the calibration period.`,
    };
  }
  const b = { bgnbd: bic(fits.bgnbd as FitSummary), paretonbd: bic(fits.paretonbd as FitSummary) };
  const name = b.paretonbd < b.bgnbd ? "paretonbd" : "bgnbd";
  const other = name === "bgnbd" ? "paretonbd" : "bgnbd";
  return {
    name,
    criterion: "bic",
    reason: `${prefix}${MODEL_LABEL[name]}: lower BIC on the full ledger (${fmt(b[name], 1)} vs ${fmt(b[other], 1)} for ${MODEL_LABEL[other]}; no hold-out test ran).`,
  };
}
