/**
 * IFRS 9 simplified approach for trade receivables (IFRS 9 §5.5.15–5.5.17, B5.5.35 provision matrix) and the
 * IFRS 7 §35H–35N disclosures: forward-looking adjustment of the historical loss rates, probability-weighted
 * scenarios, the disclosure table by aging bucket, and the loss-allowance movement between two dates.
 */
import { problem } from "../../problems";
import { compensatedSum } from "../concentration/positive";

/** One economic scenario: its probability weight and the multiplier it puts on the loss rates. */
export interface Scenario {
  name: string;
  weight: number;
  multiplier: number;
}

/** The forward-looking adjustment: one factor on every rate, and/or one multiplier per bucket (default 1). */
export interface LossRateAdjustment {
  /** One overlay factor on every bucket's rate (default 1). */
  overlay?: number;
  /** One multiplier per bucket (default all 1). */
  bucketMultipliers?: readonly number[];
  /** Probability-weighted scenarios (default one scenario, weight 1, multiplier 1). */
  scenarios?: readonly Scenario[];
}

export const BASE_SCENARIO: Readonly<Scenario> = Object.freeze({ name: "Base", weight: 1, multiplier: 1 });

/** Weights may be written as 0.5 or 50 %; their sum is accepted within this of 1 (0.1 + 0.2 + 0.7 ≠ 1 in binary). */
const WEIGHT_SUM_TOLERANCE = 1e-9;
/** A scenario list is a handful of rows; more is a mistake (and a loop bound). */
export const MAX_SCENARIOS = 20;

/**
 * Checks scenarios: at least one, names not blank, weights finite and ≥ 0 summing to 1 (within 1e-9),
 * multipliers finite and ≥ 0.
 * @throws KaProblem outOfRange naming the scenario (1-based row) or, for the sum, listing the weights.
 */
export function checkScenarios(scenarios: readonly Scenario[]): void {
  if (scenarios.length === 0) throw problem("outOfRange", "scenarios: give at least one scenario (a base case with weight 1)", { path: "scenarios" });
  if (scenarios.length > MAX_SCENARIOS) throw problem("outOfRange", `scenarios: at most ${MAX_SCENARIOS} scenarios (got ${scenarios.length})`, { path: "scenarios" });
  scenarios.forEach((s, k) => {
    const where = { path: "scenarios", row: k + 1 };
    const label = s.name && s.name.trim() !== "" ? `'${s.name}'` : `${k + 1}`;
    if (!Number.isFinite(s.weight)) throw problem("notANumber", `scenarios: the weight of scenario ${label} is not a number`, where);
    if (s.weight < 0) throw problem("outOfRange", `scenarios: the weight of scenario ${label} is negative (${s.weight})`, where);
    if (!Number.isFinite(s.multiplier)) throw problem("notANumber", `scenarios: the loss-rate multiplier of scenario ${label} is not a number`, where);
    if (s.multiplier < 0) throw problem("outOfRange", `scenarios: the loss-rate multiplier of scenario ${label} is negative (${s.multiplier})`, where);
  });
  const sum = compensatedSum(scenarios.map((s) => s.weight));
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    const parts = scenarios.map((s, k) => `${s.name || k + 1} ${fmtWeight(s.weight)}`).join(" + ");
    throw problem("outOfRange", `scenarios: the weights must sum to 1 (100 %), but ${parts} = ${fmtWeight(sum)}`, { path: "scenarios" });
  }
}

function fmtWeight(w: number): string {
  return `${Number((w * 100).toPrecision(10))} %`;
}

/**
 * Loss rates after the forward-looking adjustment, per scenario and probability-weighted (IFRS 9 §5.5.17: an
 * unbiased, probability-weighted amount reflecting forecasts of future conditions). For bucket b and scenario s:
 * `rate[s][b] = min(1, base_b × overlay × bucketMultiplier_b × multiplier_s)` — a loss rate cannot exceed 100 % —
 * and the rate in force `effective_b = Σ_s weight_s × rate[s][b]`. Because the ECL is linear in the rates,
 * `Σ_b balance_b × effective_b = Σ_s weight_s × ECL_s`.
 *
 * @example base [0.01, 0.1], overlay 1.1, scenarios base 0.6 ×1, downside 0.4 ×2 → effective
 *   [0.6×0.011 + 0.4×0.022, 0.6×0.11 + 0.4×0.22] = [0.0154, 0.154]
 * @throws KaProblem outOfRange for a rate outside 0–1, a negative overlay or multiplier, bad scenarios;
 *   sizeMismatch when the bucket multipliers do not match the rates.
 */
export function adjustedLossRates(base: readonly number[], adj: LossRateAdjustment = {}): { byScenario: number[][]; effective: number[] } {
  base.forEach((r, b) => {
    if (!Number.isFinite(r)) throw problem("notANumber", `lossRates: value ${b + 1} is not a number`, { path: "lossRates", row: b + 1 });
    if (r < 0 || r > 1) throw problem("outOfRange", `lossRates: value ${b + 1} (${r}) is outside 0–1`, { path: "lossRates", row: b + 1 });
  });
  const overlay = adj.overlay ?? 1;
  if (!Number.isFinite(overlay)) throw problem("notANumber", "overlay: the forward-looking factor is not a number", { path: "overlay" });
  if (overlay < 0) throw problem("outOfRange", `overlay: the forward-looking factor cannot be negative (got ${overlay})`, { path: "overlay" });
  const mult = adj.bucketMultipliers ?? base.map(() => 1);
  if (mult.length !== base.length) {
    throw problem("sizeMismatch", `bucketMultipliers: ${mult.length} multipliers for ${base.length} aging buckets`, { path: "bucketMultipliers" });
  }
  mult.forEach((m, b) => {
    if (!Number.isFinite(m)) throw problem("notANumber", `bucketMultipliers: value ${b + 1} is not a number`, { path: "bucketMultipliers", row: b + 1 });
    if (m < 0) throw problem("outOfRange", `bucketMultipliers: value ${b + 1} (${m}) cannot be negative`, { path: "bucketMultipliers", row: b + 1 });
  });
  const scenarios = adj.scenarios ?? [BASE_SCENARIO];
  checkScenarios(scenarios);
  const byScenario = scenarios.map((s) => base.map((r, b) => Math.min(1, r * overlay * mult[b] * s.multiplier)));
  const effective = base.map((_, b) => compensatedSum(scenarios.map((s, k) => s.weight * byScenario[k][b])));
  return { byScenario, effective };
}

/**
 * Probability-weighted expected credit loss of a provision matrix: `Σ_s weight_s × Σ_b balance_b × min(1,
 * rate_b × multiplier_s)`. With no scenarios it is the plain matrix `Σ_b balance_b × rate_b`.
 * @example scenarioEcl([1000, 500], [0.01, 0.1], [{name: "Base", weight: 0.7, multiplier: 1}, {name: "Down", weight: 0.3, multiplier: 2}])
 *   // base 10 + 50 = 60; down 20 + 100 = 120; 0.7 × 60 + 0.3 × 120 = 78
 */
export function scenarioEcl(balances: readonly number[], rates: readonly number[], scenarios: readonly Scenario[] = [BASE_SCENARIO]): number {
  if (balances.length !== rates.length) {
    throw problem("sizeMismatch", `balances has ${balances.length} values but lossRates has ${rates.length}`, { path: "lossRates" });
  }
  const { byScenario } = adjustedLossRates(rates, { scenarios });
  return compensatedSum(scenarios.map((s, k) => s.weight * compensatedSum(balances.map((g, b) => g * byScenario[k][b]))));
}

/** One row of the IFRS 7 §35N disclosure: a bucket's gross carrying amount, expected loss rate and allowance. */
export interface DisclosureRow {
  bucket: string;
  gross: number;
  rate: number;
  allowance: number;
}

/** The disclosure table (IFRS 7 §35N, as in IFRS 9 IE Example 12) and its totals. */
export interface Disclosure {
  rows: DisclosureRow[];
  gross: number;
  allowance: number;
  /** allowance / gross; NaN when nothing is carried. */
  rate: number;
  /** What each scenario alone would give, and its weight (Σ weight × ecl = allowance). */
  scenarios: { name: string; weight: number; multiplier: number; ecl: number }[];
}

/**
 * The provision-matrix disclosure: for each bucket, gross carrying amount × the effective loss rate = loss
 * allowance, and the totals. Gross amounts must be ≥ 0 (credit balances are not receivables).
 * IFRS 9 IE Example 12: 15 M, 7.5 M, 4 M, 2.5 M, 1 M at 0.3 %, 1.6 %, 3.6 %, 6.6 %, 10.6 % → 580,000.
 */
export function disclosureTable(labels: readonly string[], gross: readonly number[], base: readonly number[], adj: LossRateAdjustment = {}): Disclosure {
  if (labels.length !== gross.length || gross.length !== base.length) {
    throw problem("sizeMismatch", `disclosure: ${labels.length} buckets, ${gross.length} balances, ${base.length} loss rates`, { path: "lossRates" });
  }
  gross.forEach((g, b) => {
    if (!Number.isFinite(g) || g < 0) throw problem("outOfRange", `gross carrying amount of ${labels[b]} must be a number ≥ 0 (got ${g})`, { path: "balances", row: b + 1 });
  });
  const { byScenario, effective } = adjustedLossRates(base, adj);
  const rows = labels.map((bucket, b) => ({ bucket, gross: gross[b], rate: effective[b], allowance: gross[b] * effective[b] }));
  const totalGross = compensatedSum(gross);
  const allowance = compensatedSum(rows.map((r) => r.allowance));
  const scenarios = (adj.scenarios ?? [BASE_SCENARIO]).map((s, k) => ({
    name: s.name,
    weight: s.weight,
    multiplier: s.multiplier,
    ecl: compensatedSum(gross.map((g, b) => g * byScenario[k][b])),
  }));
  return { rows, gross: totalGross, allowance, rate: totalGross > 0 ? allowance / totalGross : NaN, scenarios };
}
