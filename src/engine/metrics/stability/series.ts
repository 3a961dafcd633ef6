import { problem } from "../../problems";

/**
 * Fewest monthly values volatility and trend are computed on (docs/metrics.md#demand-stability-and-growth: blank when
 * fewer than 3 months).
 */
export const MIN_MONTHS = 3;

function checkValues(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw problem("notANumber", `${what}: value ${i + 1} is not a number`, { path: what, row: i + 1 });
  }
}

/**
 * Values so large (or small) that their squares would overflow (or underflow) divided by the power of two at the
 * largest |value|. Exact in binary floating point, and the coefficient of variation and the relative trend are
 * ratios, so they are unchanged — three months of 1e308 have volatility 0, not a blank. Money never gets there:
 * the values are then returned as they are.
 */
function scaled(values: ArrayLike<number>): ArrayLike<number> {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  if (max === 0 || (max < 2 ** 500 && max > 2 ** -500)) return values;
  const unit = 2 ** Math.floor(Math.log2(max));
  return Float64Array.from(values, (v) => v / unit);
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0; // Neumaier compensation: a long series of money amounts keeps its cents
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return (s + c) / values.length;
}

/**
 * Demand volatility: coefficient of variation of a monthly revenue series, sample standard deviation (n − 1) divided by
 * the mean (docs/metrics.md#demand-stability-and-growth). Two passes (mean, then squared deviations) for accuracy. A
 * ratio: 0.5 means monthly revenue typically strays 50 % from its mean.
 *
 * Returns NaN (shown blank) when there are fewer than 3 values, or when the mean is ≤ 0 — a CV is not meaningful
 * for a series that nets to nothing or to refunds.
 *
 * @example coefficientOfVariation([10, 20, 30]) // sd = 10, mean = 20 → 0.5
 * @throws KaProblem notANumber for a non-finite value (position named).
 */
export function coefficientOfVariation(series: ArrayLike<number>, what = "values"): number {
  checkValues(series, what);
  const values = scaled(series);
  const n = values.length;
  if (n < MIN_MONTHS) return NaN;
  const m = mean(values);
  if (!(m > 0)) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1)) / m;
}

/**
 * Relative trend: the ordinary least-squares slope of a monthly series against its month number (0, 1, …), divided by
 * the series' mean (docs/metrics.md#demand-stability-and-growth) — the growth per month as a fraction of an average
 * month (0.05 = +5 % of the mean each month). Slope `b = Σ (t − t̄)(y − ȳ) / Σ (t − t̄)²` with `Σ (t − t̄)² = n (n² −
 * 1) / 12`.
 *
 * Returns NaN (blank) with fewer than 3 values (a line through two points is no trend) or a mean ≤ 0.
 *
 * @example relativeTrend([10, 20, 30]) // slope 10, mean 20 → 0.5
 * @throws KaProblem notANumber for a non-finite value (position named).
 */
export function relativeTrend(series: ArrayLike<number>, what = "values"): number {
  checkValues(series, what);
  const values = scaled(series);
  const n = values.length;
  if (n < MIN_MONTHS) return NaN;
  const m = mean(values);
  if (!(m > 0)) return NaN;
  const tBar = (n - 1) / 2;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i - tBar) * (values[i] - m);
  const sxx = (n * (n * n - 1)) / 12;
  return sxy / sxx / m;
}

/**
 * Year-over-year growth: revenue of the last 12 months over revenue of the 12 months before, minus 1
 * (0.25 = +25 %, −0.3 = a 30 % decline). NaN when the earlier year's revenue is ≤ 0: growth from nothing (a
 * customer new this year, or one whose earlier year netted to refunds) has no meaningful ratio.
 *
 * @example yoyGrowth(1200, 1000) // 0.2
 */
export function yoyGrowth(last12: number, prior12: number): number {
  if (!Number.isFinite(last12) || !Number.isFinite(prior12) || !(prior12 > 0)) return NaN;
  return last12 / prior12 - 1;
}
