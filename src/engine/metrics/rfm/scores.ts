import { problem } from "../../problems";

/** Score bins allowed: 2..10 (docs/metrics.md#rfm; bins < 2 is `#NUM!`, docs/functions.md). */
export const MIN_BINS = 2;
export const MAX_BINS = 10;
export const DEFAULT_BINS = 5;

export interface ScoreOptions {
  /** Number of score bins, 2..10 (default 5; with `breaks` and no `bins`, `breaks.length + 1`). */
  bins?: number;
  /** Smaller values score higher (recency). Default false (frequency, monetary). */
  lowerIsBetter?: boolean;
  /** Fixed breakpoints instead of the count-based rule: strictly ascending, `bins − 1` of them. */
  breaks?: ArrayLike<number>;
}

/**
 * The number Excel compares with when a formula builds a criterion `"<"&x`: `x` turned to text keeps 15
 * significant digits. Scoring with it makes the engine agree with the `COUNTIF` formulas of the workbook even
 * when a value carries noise in its 16th digit (0.1 + 0.2 is compared as 0.3).
 *
 * @example excelCriterion(0.1 + 0.2) // 0.3
 */
export function excelCriterion(x: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x;
  return Number(x.toPrecision(15));
}

/** Checks `bins` (an integer 2..10) and `breaks` (strictly ascending, finite, `bins − 1` of them); returns bins. */
export function resolveBins(bins: number | undefined, breaks?: ArrayLike<number>): number {
  const b = bins ?? (breaks ? breaks.length + 1 : DEFAULT_BINS);
  if (!Number.isInteger(b) || b < MIN_BINS || b > MAX_BINS) {
    throw problem("outOfRange", `bins: ${b} is not a whole number from ${MIN_BINS} to ${MAX_BINS}`, { path: "bins" });
  }
  if (breaks) {
    if (breaks.length !== b - 1) {
      throw problem("sizeMismatch", `breaks: ${b} bins need ${b - 1} breakpoints, got ${breaks.length}`, { path: "breaks" });
    }
    for (let j = 0; j < breaks.length; j++) {
      if (!Number.isFinite(breaks[j])) throw problem("notANumber", `breaks: value ${j + 1} is not a number`, { path: "breaks", row: j + 1 });
      if (j > 0 && !(breaks[j] > breaks[j - 1])) {
        throw problem("outOfRange", `breaks: must be strictly ascending, but value ${j + 1} (${breaks[j]}) is not above ${breaks[j - 1]}`, { path: "breaks", row: j + 1 });
      }
    }
  }
  return b;
}

/** Index of the first element ≥ x in an ascending array (count of elements < x). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in an ascending array (count of elements ≤ x). */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * RFM scores 1..bins, higher is better, ties always sharing a score (docs/metrics.md#rfm). Count-based rule over the N
 * finite values: `min(bins, 1 + floor(bins · count(v < x) / N))`, or with `lowerIsBetter` (recency)
 * `min(bins, 1 + floor(bins · count(v > x) / N))` — in Excel
 * `=MIN(5,1+INT(5*COUNTIF(range,"<"&x)/COUNT(range)))` (`">"&x` for recency). Non-finite values (blanks) are
 * not scored (NaN) and not counted in N, as `COUNT` skips blanks.
 *
 * With `breaks` t_1 < … < t_(bins−1) (fixed thresholds in the values' units): a value equal to a threshold
 * belongs to the bin above it (intervals [t_(j−1), t_j), as R's `rfm` package), so with k = count(t_j ≤ x) the
 * score is `1 + k`, or `bins − k` when lower is better. Excel: `=1+COUNTIF(breaks,"<="&x)` and
 * `=bins-COUNTIF(breaks,"<="&x)`.
 *
 * Differs from quantile binning (R `rfm`, `quantile(type = 7)` breaks): the same scores on data without ties at
 * the breaks; with ties the whole tie takes the score of its first position, and the rule fits in `COUNTIF`.
 * Running time O(n log n): one sort, then two binary searches per value.
 *
 * @example rfmScores([10, 20, 20, 40], { bins: 4 }) // counts below: 0, 1, 1, 3 → [1, 2, 2, 4]
 * @throws KaProblem outOfRange (bins not 2..10, breaks not ascending), sizeMismatch (breaks ≠ bins − 1).
 */
export function rfmScores(values: ArrayLike<number>, opts: ScoreOptions = {}): Float64Array {
  const bins = resolveBins(opts.bins, opts.breaks);
  const lower = opts.lowerIsBetter === true;
  const out = new Float64Array(values.length).fill(NaN);

  if (opts.breaks) {
    const t = Float64Array.from(opts.breaks);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      const k = upperBound(t, excelCriterion(v));
      out[i] = lower ? bins - k : 1 + k;
    }
    return out;
  }

  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const sorted = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) sorted[k++] = values[i];
  sorted.sort();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const x = excelCriterion(v);
    const count = lower ? n - upperBound(sorted, x) : lowerBound(sorted, x);
    // bins·count and N are integers: the quotient floors exactly as Excel's INT does.
    out[i] = Math.min(bins, 1 + Math.floor((bins * count) / n));
  }
  return out;
}
