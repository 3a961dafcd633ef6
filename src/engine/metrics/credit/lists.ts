/**
 * Credit metrics over parallel lists that may have blanks (NaN), as a user lays them out in a sheet: which blanks
 * are skipped, which are mistakes, and what a missing as-of date means. The custom functions (KA.ECL, KA.AGING,
 * KA.CREDITSCORE) call these; the analysis works on complete per-customer columns and calls the metrics directly.
 * Positions in messages are named by `at` (default "lossRates: value 3").
 */
import { problem, isKaProblem, type KaProblem } from "../../problems";
import { VALUE_POSITIONS, type ListPositions } from "../../list-positions";
import { agingSchedule, DEFAULT_AGING_BOUNDS } from "./aging";
import { expectedCreditLoss } from "./ecl";
import { MAX_SCENARIOS, scenarioEcl } from "./ifrs9";
import { creditScore, type ScorecardInputs } from "./scorecard";

/**
 * Expected credit loss of balances beside loss rates. A blank balance is nothing to provide for (skipped, whatever
 * its rate); a blank rate beside a balance of 0 is skipped too; a blank rate beside a non-zero balance is a mistake
 * (that balance's loss would vanish) — while a rate of 0 is a rate. A loss beyond the number range is outOfRange.
 * @example expectedCreditLossOfLists([1000, NaN, 0, 500], [0.003, NaN, NaN, 0.016]) // 3 + 8 = 11
 * @throws KaProblem badArgument naming the blank rate; sizeMismatch, outOfRange, notANumber as expectedCreditLoss.
 */
export function expectedCreditLossOfLists(balances: ArrayLike<number>, lossRates: ArrayLike<number>, at: ListPositions = VALUE_POSITIONS): number {
  if (balances.length !== lossRates.length) {
    throw problem("sizeMismatch", `balances has ${balances.length} values but lossRates has ${lossRates.length}`, { path: "lossRates" });
  }
  const bs: number[] = [];
  const rs: number[] = [];
  for (let i = 0; i < balances.length; i++) {
    const balance = balances[i];
    const rate = lossRates[i];
    if (balance !== balance) continue;
    if (rate !== rate) {
      if (balance === 0) continue;
      throw problem("badArgument", `${at.name("lossRates", i)} is blank but balances there is ${balance}`, { path: "lossRates", row: at.row(i) });
    }
    bs.push(balance);
    rs.push(rate);
  }
  const ecl = expectedCreditLoss(bs, rs);
  if (!Number.isFinite(ecl)) throw problem("outOfRange", "the expected credit loss is beyond the number range (about 1.8e308)", { path: "balances" });
  return ecl;
}

/**
 * The as-of date an aging defaults to: the latest due date of a row with an amount — a fixed date taken from the
 * data, so recalculating never changes the answer by itself (as TODAY() would).
 * @throws KaProblem notEnoughData when no row has both an amount and a due date.
 */
export function defaultAgingAsOf(amounts: ArrayLike<number>, dueDays: ArrayLike<number>): number {
  let day = -Infinity;
  for (let i = 0; i < amounts.length; i++) if (amounts[i] === amounts[i] && dueDays[i] > day) day = dueDays[i];
  if (day === -Infinity) throw problem("notEnoughData", "amounts: no amount with a due date to age", { path: "amounts" });
  return day;
}

/**
 * Aging schedule of open amounts beside due dates (Day numbers; NaN = blank). A blank amount row is skipped; an
 * amount without a due date is a mistake naming the row. `asOf` undefined: `defaultAgingAsOf`.
 * @example agingOfLists([100, 50], [d(2024,3,1), d(2024,1,15)]) // as of 2024-03-01: Current 100, 31–60 50
 * @throws KaProblem notADate naming the row; notEnoughData; outOfRange for bad bounds.
 */
export function agingOfLists(
  amounts: ArrayLike<number>,
  dueDays: ArrayLike<number>,
  asOf: number | undefined,
  bounds: ArrayLike<number> = DEFAULT_AGING_BOUNDS,
  at: ListPositions = VALUE_POSITIONS,
): { labels: string[]; totals: number[] } {
  if (amounts.length !== dueDays.length) {
    throw problem("sizeMismatch", `amounts has ${amounts.length} values but dueDates has ${dueDays.length}`, { path: "dueDates" });
  }
  for (let i = 0; i < amounts.length; i++) {
    if (amounts[i] === amounts[i] && dueDays[i] !== dueDays[i]) {
      throw problem("notADate", `${at.name("dueDates", i)} is blank but amounts there is ${amounts[i]}`, { path: "dueDates", row: at.row(i) });
    }
  }
  const schedule = agingSchedule(amounts, dueDays, asOf ?? defaultAgingAsOf(amounts, dueDays), bounds);
  for (let k = 0; k < schedule.totals.length; k++) {
    if (!Number.isFinite(schedule.totals[k])) throw problem("outOfRange", `the total of bucket ${schedule.labels[k]} is beyond the number range (about 1.8e308)`, { path: "amounts" });
  }
  return schedule;
}

/** The scorecard's inputs as lists: each one value (used for every row) or one value per row; NaN = blank. */
export type ScorecardLists = { [K in keyof ScorecardInputs]?: ArrayLike<number> };

/**
 * Credit score of each row of parallel input lists. A list of one value applies to every row. A row whose inputs
 * are all blank is blank (`undefined`) — unless it is the only row, which is scored (and so has no score to give);
 * a row with an impossible value gets its problem, so one bad row does not hide the others.
 * @example creditScoreRows({ overdueRatio: [0.1, 0.5], tenureYears: [2] }, 2) // [(0.25·90 + 0.1·40)/0.35, (0.25·50 + 0.1·40)/0.35]
 * @throws KaProblem sizeMismatch when a list has neither 1 nor `rows` values.
 */
export function creditScoreRows(lists: ScorecardLists, rows: number): (number | KaProblem | undefined)[] {
  const keys = Object.keys(lists) as (keyof ScorecardInputs)[];
  for (const k of keys) {
    const n = lists[k]?.length ?? 0;
    if (n !== 1 && n !== rows) throw problem("sizeMismatch", `${k} has ${n} values; give one value or one per row (${rows})`, { path: k });
  }
  const out: (number | KaProblem | undefined)[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const inputs: ScorecardInputs = {};
    let blank = true;
    for (const k of keys) {
      const list = lists[k] as ArrayLike<number>;
      const v = list.length === 1 ? list[0] : list[i];
      inputs[k] = v;
      if (v === v) blank = false;
    }
    if (blank && rows > 1) {
      out[i] = undefined;
      continue;
    }
    try {
      out[i] = creditScore(inputs);
    } catch (e) {
      if (!isKaProblem(e)) throw e;
      out[i] = e;
    }
  }
  return out;
}

/**
 * Probability-weighted expected credit loss of balances beside loss rates (the blank rules of
 * `expectedCreditLossOfLists`) under scenarios given as two lists, one weight and one loss-rate multiplier per
 * scenario: `Σ_s weight_s × Σ_b balance_b × min(1, rate_b × multiplier_s)`. A scenario row blank in both lists is
 * skipped; one blank beside a value is a mistake. Weights must sum to 1. Without both lists: the plain matrix.
 * @example scenarioEclOfLists([1000, 500], [0.01, 0.1], [0.7, 0.3], [1, 2]) // 0.7 × 60 + 0.3 × 120 = 78
 * @throws KaProblem sizeMismatch (weights vs multipliers), badArgument (a half-blank scenario, weights not summing to
 *   1, only one of the two lists), outOfRange (a negative weight or multiplier, more than MAX_SCENARIOS),
 *   notEnoughData (every scenario blank), as expectedCreditLossOfLists otherwise.
 */
export function scenarioEclOfLists(
  balances: ArrayLike<number>,
  lossRates: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  multipliers: ArrayLike<number> | undefined,
  at: ListPositions = VALUE_POSITIONS,
  scenarioAt: ListPositions = VALUE_POSITIONS,
): number {
  const plain = expectedCreditLossOfLists(balances, lossRates, at); // the blank rules and checks of the plain matrix
  if (weights === undefined && multipliers === undefined) return plain;
  if (weights === undefined || multipliers === undefined) {
    const missing = weights === undefined ? "weights" : "multipliers";
    throw problem("badArgument", `${missing}: scenario weights and loss-rate multipliers go together (one of each per scenario)`, { path: missing });
  }
  if (weights.length !== multipliers.length) {
    throw problem("sizeMismatch", `weights has ${weights.length} values but multipliers has ${multipliers.length}`, { path: "multipliers" });
  }
  const scenarios: { name: string; weight: number; multiplier: number }[] = [];
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const m = multipliers[i];
    if (w !== w && m !== m) continue;
    if (w !== w) throw problem("badArgument", `${scenarioAt.name("weights", i)} is blank but multipliers there is ${m}`, { path: "weights", row: scenarioAt.row(i) });
    if (m !== m) throw problem("badArgument", `${scenarioAt.name("multipliers", i)} is blank but weights there is ${w}`, { path: "multipliers", row: scenarioAt.row(i) });
    if (!(w >= 0)) throw problem("outOfRange", `${scenarioAt.name("weights", i)} is negative (${w})`, { path: "weights", row: scenarioAt.row(i) });
    if (!(m >= 0)) throw problem("outOfRange", `${scenarioAt.name("multipliers", i)} is negative (${m})`, { path: "multipliers", row: scenarioAt.row(i) });
    scenarios.push({ name: `scenario ${scenarios.length + 1}`, weight: w, multiplier: m });
  }
  if (scenarios.length === 0) throw problem("notEnoughData", "weights: no scenario given (a weight and a multiplier per scenario)", { path: "weights" });
  if (scenarios.length > MAX_SCENARIOS) throw problem("outOfRange", `weights: at most ${MAX_SCENARIOS} scenarios (got ${scenarios.length})`, { path: "weights" });
  const sum = scenarios.reduce((t, x) => t + x.weight, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    const pct = (v: number) => `${Number((v * 100).toPrecision(10))} %`;
    // badArgument, not outOfRange: the sum is a mistake in what was typed, and only #VALUE! can carry this message.
    throw problem("badArgument", `weights: the scenario weights must sum to 1 (100 %), but ${scenarios.map((x) => pct(x.weight)).join(" + ")} = ${pct(sum)}`, { path: "weights" });
  }
  const bs: number[] = [];
  const rs: number[] = [];
  for (let i = 0; i < balances.length; i++) {
    if (balances[i] !== balances[i] || lossRates[i] !== lossRates[i]) continue;
    bs.push(balances[i]);
    rs.push(lossRates[i]);
  }
  const ecl = scenarioEcl(bs, rs, scenarios);
  if (!Number.isFinite(ecl)) throw problem("outOfRange", "the expected credit loss is beyond the number range (about 1.8e308)", { path: "balances" });
  return ecl;
}
