/**
 * Churn by recency, for when no model gives a usable P(alive) (e.g. the NBD limit, where P(alive) = 1 is an
 * assumption): a customer has lapsed when the days since its last purchase exceed `multiple` times its typical gap
 * between purchases — the mean gap (last − first purchase) / (purchases − 1), or, for a customer with one purchase,
 * the ledger's median of those typical gaps.
 *
 * Why a multiple of the customer's own gap: a customer buying at a steady rate λ and still active goes k mean gaps
 * without a purchase with probability e^(−k) (Poisson), so the default 3 flags silences that a steady buyer shows
 * about 5 % of the time.
 */
import { daysPerUnit, type CustomerSummary } from "../models/summary";
import { problem } from "../problems";

export const DEFAULT_CHURN_GAP_MULTIPLE = 3;

export interface RecencyChurn {
  readonly multiple: number;
  /** Median typical gap (days) over customers with at least two purchases; NaN when there are none. */
  readonly medianGap: number;
  /** Days from the last purchase occasion to the as-of date (NaN without an occasion). */
  readonly daysSinceLast: Float64Array;
  /** The gap the customer is measured against, in days. */
  readonly typicalGap: Float64Array;
  /** daysSinceLast / typicalGap. */
  readonly gapRatio: Float64Array;
  /** 1 where gapRatio > multiple. */
  readonly lapsed: Uint8Array;
}

/**
 * @example recencyChurn(summary).lapsed // 1 for customers silent for more than 3 × their typical gap
 * @throws KaProblem outOfRange unless multiple is a finite number > 0.
 */
export function recencyChurn(summary: Pick<CustomerSummary, "x" | "tx" | "T" | "unit">, multiple = DEFAULT_CHURN_GAP_MULTIPLE): RecencyChurn {
  if (!(multiple > 0) || !Number.isFinite(multiple)) throw problem("outOfRange", `churn gap multiple: ${multiple} must be a number > 0`, { path: "churnGapMultiple" });
  const unitDays = daysPerUnit(summary.unit);
  const n = summary.x.length;
  const gaps: number[] = [];
  for (let c = 0; c < n; c++) if (summary.x[c] >= 1) gaps.push((summary.tx[c] * unitDays) / summary.x[c]);
  gaps.sort((a, b) => a - b);
  const medianGap = gaps.length === 0 ? NaN : gaps.length % 2 === 1 ? gaps[(gaps.length - 1) / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
  const daysSinceLast = new Float64Array(n).fill(NaN);
  const typicalGap = new Float64Array(n).fill(NaN);
  const gapRatio = new Float64Array(n).fill(NaN);
  const lapsed = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const x = summary.x[c];
    if (Number.isNaN(x)) continue;
    // Whole days: the summary holds day counts divided by the unit's length.
    daysSinceLast[c] = Math.round((summary.T[c] - summary.tx[c]) * unitDays);
    typicalGap[c] = x >= 1 ? (summary.tx[c] * unitDays) / x : medianGap;
    gapRatio[c] = daysSinceLast[c] / typicalGap[c];
    if (gapRatio[c] > multiple) lapsed[c] = 1;
  }
  return { multiple, medianGap, daysSinceLast, typicalGap, gapRatio, lapsed };
}
