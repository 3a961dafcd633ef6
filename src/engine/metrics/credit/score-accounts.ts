import { NO_DAY } from "../../ledger/types";
import type { Receivables } from "./accounts";
import { DEFAULT_GRADE_CUTOFFS } from "./grade";
import type { CreditGrade, GradeCutoffs } from "./grade";
import { DEFAULT_LIMIT_MULTIPLIERS, suggestedCreditLimit } from "./limit";
import type { LimitMultipliers } from "./limit";
import { creditScores, DEFAULT_SCORECARD_WEIGHTS } from "./scorecard";
import type { ScorecardWeights, CreditScoreColumns } from "./scorecard";

/** Days in a year for tenure: the Julian year, as one month is 365.25 / 12 days everywhere. */
const DAYS_PER_YEAR = 365.25;

export interface ScoreAccountsOptions {
  asOf: number;
  /** First purchase day per customer (NO_DAY when none). */
  firstPurchase: ArrayLike<number>;
  /**
   * Relative monthly trend per customer (docs/metrics.md#demand-stability-and-growth), when the stability analysis ran.
   */
  trend?: ArrayLike<number>;
  weights?: ScorecardWeights;
  cutoffs?: GradeCutoffs;
  multipliers?: LimitMultipliers;
}

export interface AccountCreditScores extends CreditScoreColumns {
  /** Scorecard inputs as used: overdue / open balance clamped to 0..1 (0 without an open balance). */
  overdueRatio: Float64Array;
  tenureYears: Float64Array;
  /** Suggested credit limit (docs/metrics.md#credit); NaN when the customer has no score. */
  suggestedLimit: Float64Array;
}

/**
 * Credit score, grade and suggested limit of every customer from the receivables analysis (docs/metrics.md#credit).
 * Scorecard inputs: days late and late share of paid invoices; overdueRatio = overdue / open balance, clamped to
 * 0..1 and 0 when the open balance is ≤ 0 (a customer in credit has nothing overdue); utilisation clamped at 0
 * from below (a credit balance uses none of the limit); tenure = (asOf − first purchase) / 365.25 years; trend as
 * given. The limit uses the customer's median terms (else 30 days) and its average monthly revenue of the last
 * 12 months.
 */
export function scoreAccounts(rec: Receivables, opts: ScoreAccountsOptions): AccountCreditScores {
  const n = rec.openBalance.length;
  const overdueRatio = new Float64Array(n);
  const tenureYears = new Float64Array(n);
  const utilisation = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const open = rec.openBalance[c];
    overdueRatio[c] = open > 0 ? Math.max(0, Math.min(1, rec.overdue[c] / open)) : 0;
    const first = opts.firstPurchase[c];
    tenureYears[c] = first === NO_DAY ? NaN : Math.max(0, opts.asOf - first) / DAYS_PER_YEAR;
    utilisation[c] = Number.isNaN(rec.utilisation[c]) ? NaN : Math.max(0, rec.utilisation[c]);
  }
  const scores = creditScores(
    n,
    { avgDaysLate: rec.avgDaysLate, lateShare: rec.lateShare, overdueRatio, utilisation, tenureYears, trend: opts.trend },
    opts.weights ?? DEFAULT_SCORECARD_WEIGHTS,
    opts.cutoffs ?? DEFAULT_GRADE_CUTOFFS,
  );
  const suggestedLimit = new Float64Array(n).fill(NaN);
  const multipliers = opts.multipliers ?? DEFAULT_LIMIT_MULTIPLIERS;
  for (let c = 0; c < n; c++) {
    const g = scores.grade[c];
    if (g !== "") suggestedLimit[c] = suggestedCreditLimit(rec.avgMonthlyRevenue12m[c], rec.termsDays[c], g as CreditGrade, multipliers);
  }
  return { ...scores, overdueRatio, tenureYears, suggestedLimit };
}
