import { checkWeights, weightedPresent } from "../credit/scorecard";

/**
 * Weights of the account risk score's components (docs/metrics.md#account-risk); rescaled over the components present.
 */
export interface RiskWeights {
  churn: number;
  credit: number;
  dependence: number;
  volatility: number;
  decline: number;
}

export const DEFAULT_RISK_WEIGHTS: Readonly<RiskWeights> = Object.freeze({ churn: 0.3, credit: 0.25, dependence: 0.2, volatility: 0.15, decline: 0.1 });

export const RISK_COMPONENTS: readonly (keyof RiskWeights)[] = ["churn", "credit", "dependence", "volatility", "decline"];

/** What the risk score reads about one account; NaN or undefined = missing. */
export interface RiskInputs {
  /** P(alive) from the BG/NBD model, 0..1. */
  pAlive?: number;
  /** Credit score 0..100. */
  creditScore?: number;
  /** Revenue share (0..1) and the largest share among customers. */
  share?: number;
  maxShare?: number;
  /** Coefficient of variation of monthly revenue. */
  volatility?: number;
  /** Relative trend per month (docs/metrics.md#demand-stability-and-growth). */
  trend?: number;
}

const has = (v: number | undefined): v is number => v !== undefined && !Number.isNaN(v);
const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/**
 * Risk components, each 0..1 (docs/metrics.md#account-risk), NaN when the input is missing: churn `1 − P(alive)`,
 * credit `(100 − creditScore)/100`, dependence `share / maxShare`, volatility `min(1, CV/2)`, decline `clamp(−12·trend,
 * 0, 1)`. Inputs outside their range are clamped into it (they come from the engine's own columns).
 * @example riskComponents({ pAlive: 0.8, creditScore: 70, share: 0.05, maxShare: 0.2, volatility: 0.5, trend: -0.02 })
 *   // churn 0.2, credit 0.3, dependence 0.25, volatility 0.25, decline 0.24
 */
export function riskComponents(x: RiskInputs): RiskWeights {
  return {
    churn: has(x.pAlive) ? clamp01(1 - x.pAlive) : NaN,
    credit: has(x.creditScore) ? clamp01((100 - x.creditScore) / 100) : NaN,
    dependence: has(x.share) && has(x.maxShare) && x.maxShare > 0 ? clamp01(x.share / x.maxShare) : NaN,
    volatility: has(x.volatility) ? clamp01(x.volatility / 2) : NaN,
    decline: has(x.trend) ? clamp01(-12 * x.trend) : NaN,
  };
}

/**
 * Account risk score 0..100 (docs/metrics.md#account-risk): `100 · Σ w_k·component_k / Σ_{k present} w_k` — a missing
 * component drops out and the remaining weights are rescaled. NaN when every component is missing.
 * @example accountRiskScore({ churn: 0.2, credit: 0.3, dependence: 0.25, volatility: 0.25, decline: 0.24 })
 *   // 100·(0.3·0.2 + 0.25·0.3 + 0.2·0.25 + 0.15·0.25 + 0.1·0.24) = 24.65
 */
export function accountRiskScore(components: RiskWeights, weights: RiskWeights = DEFAULT_RISK_WEIGHTS): number {
  checkWeights(weights, "riskWeights");
  return 100 * weightedPresent(components, weights);
}

/**
 * Per-account risk columns: the score and each component kept (docs/metrics.md#account-risk: "shown as its own
 * column").
 */
export interface RiskScoreColumns {
  score: Float64Array;
  components: Record<keyof RiskWeights, Float64Array>;
}

/**
 * Risk score of n accounts from optional columns (undefined = that input is not available at all, e.g. no model
 * fit). `share` is NaN for customers with net revenue ≤ 0: they have no revenue we depend on, so their dependence
 * is 0 (not missing). `maxShare` is the largest share in the column.
 */
export function riskScores(
  n: number,
  cols: { pAlive?: ArrayLike<number>; creditScore?: ArrayLike<number>; share?: ArrayLike<number>; volatility?: ArrayLike<number>; trend?: ArrayLike<number> },
  weights: RiskWeights = DEFAULT_RISK_WEIGHTS,
): RiskScoreColumns {
  checkWeights(weights, "riskWeights");
  let maxShare = NaN;
  if (cols.share) for (let c = 0; c < n; c++) if (cols.share[c] > 0 && !(cols.share[c] <= maxShare)) maxShare = cols.share[c];
  const score = new Float64Array(n);
  const components = {
    churn: new Float64Array(n),
    credit: new Float64Array(n),
    dependence: new Float64Array(n),
    volatility: new Float64Array(n),
    decline: new Float64Array(n),
  };
  const at = (col: ArrayLike<number> | undefined, c: number): number => (col ? col[c] : NaN);
  for (let c = 0; c < n; c++) {
    const share = cols.share ? (cols.share[c] > 0 ? cols.share[c] : 0) : NaN;
    const comp = riskComponents({
      pAlive: at(cols.pAlive, c),
      creditScore: at(cols.creditScore, c),
      share,
      maxShare,
      volatility: at(cols.volatility, c),
      trend: at(cols.trend, c),
    });
    if (cols.share && !(maxShare > 0)) comp.dependence = NaN;
    for (const k of RISK_COMPONENTS) components[k][c] = comp[k];
    score[c] = 100 * weightedPresent(comp, weights);
  }
  return { score, components };
}
