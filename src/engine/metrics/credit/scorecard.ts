import { problem } from "../../problems";
import { creditGrade, DEFAULT_GRADE_CUTOFFS } from "./grade";
import type { CreditGrade, GradeCutoffs } from "./grade";

/**
 * Weights of the credit scorecard's components (docs/metrics.md#credit). Only their ratios matter: they are rescaled to
 * sum to 1.
 */
export interface ScorecardWeights {
  payment: number;
  overdue: number;
  utilisation: number;
  tenure: number;
  trend: number;
}

export const DEFAULT_SCORECARD_WEIGHTS: Readonly<ScorecardWeights> = Object.freeze({ payment: 0.35, overdue: 0.25, utilisation: 0.15, tenure: 0.1, trend: 0.15 });

export const SCORECARD_COMPONENTS: readonly (keyof ScorecardWeights)[] = ["payment", "overdue", "utilisation", "tenure", "trend"];

/**
 * What the scorecard reads about one customer; NaN or undefined = missing (that component drops out).
 * `avgDaysLate` days (amount-weighted, ≥ 0; a negative "days early" figure counts as 0), `lateShare` 0..1,
 * `overdueRatio` overdue / open balance 0..1, `utilisation` open balance / credit limit (≥ 0, may exceed 1),
 * `tenureYears` ≥ 0, `trend` relative growth per month (docs/metrics.md#demand-stability-and-growth).
 */
export interface ScorecardInputs {
  avgDaysLate?: number;
  lateShare?: number;
  overdueRatio?: number;
  utilisation?: number;
  tenureYears?: number;
  trend?: number;
}

function present(v: number | undefined): v is number {
  return v !== undefined && !Number.isNaN(v);
}

function check(v: number | undefined, name: string, lo: number, hi: number): void {
  if (!present(v)) return;
  if (!Number.isFinite(v)) throw problem("notANumber", `${name}: ${String(v)} is not a number`, { path: name });
  if (v < lo || v > hi) throw problem("outOfRange", `${name}: ${v} is outside ${lo}–${hi === Infinity ? "∞" : hi}`, { path: name });
}

/**
 * Component scores 0–100 of the credit scorecard (docs/metrics.md#credit); NaN for a component whose input is missing:
 * - payment `50·(1 − min(1, avgDaysLate/60)) + 50·(1 − lateShare)` (needs both),
 * - overdue `100·(1 − overdueRatio)`,
 * - utilisation `100·(1 − min(1, utilisation))`,
 * - tenure `100·min(1, tenureYears/5)`,
 * - trend `50 + 50·clamp(12·trend, −1, 1)`.
 *
 * @example scorecardComponents({ avgDaysLate: 15, lateShare: 0.2 }).payment // 50·0.75 + 50·0.8 = 77.5
 * @throws KaProblem outOfRange for lateShare or overdueRatio outside 0–1, a negative utilisation or tenure;
 *   notANumber for ±Infinity.
 */
export function scorecardComponents(x: ScorecardInputs): ScorecardWeights {
  check(x.avgDaysLate, "avgDaysLate", -Infinity, Infinity);
  check(x.lateShare, "lateShare", 0, 1);
  check(x.overdueRatio, "overdueRatio", 0, 1);
  check(x.utilisation, "utilisation", 0, Infinity);
  check(x.tenureYears, "tenureYears", 0, Infinity);
  check(x.trend, "trend", -Infinity, Infinity);
  const payment =
    present(x.avgDaysLate) && present(x.lateShare) ? 50 * (1 - Math.min(1, Math.max(0, x.avgDaysLate) / 60)) + 50 * (1 - x.lateShare) : NaN;
  return {
    payment,
    overdue: present(x.overdueRatio) ? 100 * (1 - x.overdueRatio) : NaN,
    utilisation: present(x.utilisation) ? 100 * (1 - Math.min(1, x.utilisation)) : NaN,
    tenure: present(x.tenureYears) ? 100 * Math.min(1, x.tenureYears / 5) : NaN,
    trend: present(x.trend) ? 50 + 50 * Math.max(-1, Math.min(1, 12 * x.trend)) : NaN,
  };
}

/** Weights must be finite, ≥ 0 and not all 0. */
export function checkWeights<K extends string>(weights: Record<K, number>, what = "weights"): void {
  let total = 0;
  for (const [k, w] of Object.entries(weights) as [string, number][]) {
    if (!Number.isFinite(w)) throw problem("notANumber", `${what}.${k}: ${String(w)} is not a number`, { path: `${what}.${k}` });
    if (w < 0) throw problem("outOfRange", `${what}.${k}: a weight cannot be negative (got ${w})`, { path: `${what}.${k}` });
    total += w;
  }
  if (!(total > 0)) throw problem("outOfRange", `${what}: at least one weight must be positive`, { path: what });
}

/**
 * Weighted mean of the components present: `Σ w_k·s_k / Σ_{k present} w_k` — a missing component drops out and the
 * other weights are rescaled to sum to 1 (docs/metrics.md#scores-with-missing-components). NaN when no weighted
 * component is present.
 * @example weightedPresent({ a: 80, b: NaN }, { a: 0.3, b: 0.7 }) // 80
 */
export function weightedPresent<K extends string>(components: Record<K, number>, weights: Record<K, number>): number {
  let num = 0;
  let den = 0;
  for (const k of Object.keys(weights) as K[]) {
    const s = components[k];
    const w = weights[k];
    if (w > 0 && !Number.isNaN(s)) {
      num += w * s;
      den += w;
    }
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Credit score 0–100 of one customer (docs/metrics.md#credit): the weighted scorecard of `scorecardComponents`, missing
 * components dropped and the remaining weights rescaled.
 *
 * @example creditScore({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, utilisation: 0.5, tenureYears: 2, trend: 0.01 })
 *   // payment 77.5, overdue 90, utilisation 50, tenure 40, trend 56 →
 *   // 0.35·77.5 + 0.25·90 + 0.15·50 + 0.10·40 + 0.15·56 = 69.525
 * @throws KaProblem notEnoughData when every component is missing; outOfRange for bad inputs or weights.
 */
export function creditScore(inputs: ScorecardInputs, weights: ScorecardWeights = DEFAULT_SCORECARD_WEIGHTS): number {
  checkWeights(weights);
  const s = weightedPresent(scorecardComponents(inputs), weights);
  if (Number.isNaN(s)) throw problem("notEnoughData", "credit score: every component's input is missing (or has weight 0)", { path: "inputs" });
  return s;
}

/** Per-customer scorecard columns: the score, its grade ("" when no score) and each component (NaN when missing). */
export interface CreditScoreColumns {
  score: Float64Array;
  grade: (CreditGrade | "")[];
  components: Record<keyof ScorecardWeights, Float64Array>;
}

/**
 * The scorecard for n customers from columns (each optional; NaN entries are missing).
 * Columns must hold valid values (the receivables analysis produces them so); a bad value throws naming the customer.
 */
export function creditScores(
  n: number,
  cols: { [K in keyof ScorecardInputs]?: ArrayLike<number> },
  weights: ScorecardWeights = DEFAULT_SCORECARD_WEIGHTS,
  cutoffs: GradeCutoffs = DEFAULT_GRADE_CUTOFFS,
): CreditScoreColumns {
  checkWeights(weights);
  const score = new Float64Array(n);
  const grade: (CreditGrade | "")[] = new Array(n);
  const components = {
    payment: new Float64Array(n),
    overdue: new Float64Array(n),
    utilisation: new Float64Array(n),
    tenure: new Float64Array(n),
    trend: new Float64Array(n),
  };
  const at = (col: ArrayLike<number> | undefined, c: number): number => (col ? col[c] : NaN);
  for (let c = 0; c < n; c++) {
    const comp = scorecardComponents({
      avgDaysLate: at(cols.avgDaysLate, c),
      lateShare: at(cols.lateShare, c),
      overdueRatio: at(cols.overdueRatio, c),
      utilisation: at(cols.utilisation, c),
      tenureYears: at(cols.tenureYears, c),
      trend: at(cols.trend, c),
    });
    for (const k of SCORECARD_COMPONENTS) components[k][c] = comp[k];
    score[c] = weightedPresent(comp, weights);
    grade[c] = Number.isNaN(score[c]) ? "" : creditGrade(score[c], cutoffs);
  }
  return { score, grade, components };
}
