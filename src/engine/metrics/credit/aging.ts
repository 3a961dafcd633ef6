import { problem } from "../../problems";

/** Default aging bounds in days past due (docs/metrics.md#credit): Current ≤ 0, 1–30, 31–60, 61–90, > 90. */
export const DEFAULT_AGING_BOUNDS: readonly number[] = Object.freeze([0, 30, 60, 90]);

/** More bounds than this is a typing mistake, not an aging schedule (and each bucket is a report column). */
export const MAX_AGING_BOUNDS = 30;

/**
 * Checks aging bounds: finite integers, strictly ascending, at least one. Bucket k (0-based) holds days past
 * due `d` with `bounds[k−1] < d ≤ bounds[k]`; the last bucket holds `d > bounds[last]`.
 * @throws KaProblem outOfRange (naming the bound) when a bound is not an integer or not ascending.
 */
export function checkAgingBounds(bounds: ArrayLike<number>): void {
  if (bounds.length === 0) throw problem("outOfRange", "bounds: give at least one bucket bound (e.g. 0, 30, 60, 90)", { path: "bounds" });
  if (bounds.length > MAX_AGING_BOUNDS) throw problem("outOfRange", `bounds: at most ${MAX_AGING_BOUNDS} bounds (got ${bounds.length})`, { path: "bounds" });
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k];
    if (!Number.isInteger(b)) throw problem("outOfRange", `bounds: value ${k + 1} (${String(b)}) is not a whole number of days`, { path: "bounds", row: k + 1 });
    if (k > 0 && !(b > bounds[k - 1])) {
      throw problem("outOfRange", `bounds: value ${k + 1} (${b}) must be greater than value ${k} (${bounds[k - 1]})`, { path: "bounds", row: k + 1 });
    }
  }
}

/**
 * Labels of the buckets of `bounds` (one more than bounds): the first is "Current" when its bound is 0 (else
 * "≤ b"), then "lo–hi", then "> last". Default bounds give Current, 1–30, 31–60, 61–90, > 90.
 * @example agingLabels([0, 30]) // ["Current", "1–30", "> 30"]
 */
export function agingLabels(bounds: ArrayLike<number>): string[] {
  checkAgingBounds(bounds);
  const labels = [bounds[0] === 0 ? "Current" : `≤ ${bounds[0]}`];
  for (let k = 1; k < bounds.length; k++) labels.push(`${bounds[k - 1] + 1}–${bounds[k]}`);
  labels.push(`> ${bounds[bounds.length - 1]}`);
  return labels;
}

/**
 * Bucket index (0-based) of `daysPastDue` under `bounds` (not re-checked: call `checkAgingBounds` once).
 * Linear scan: there are a handful of bounds.
 * @example agingBucket(31, [0, 30, 60, 90]) // 2 (31–60)
 */
export function agingBucket(daysPastDue: number, bounds: ArrayLike<number>): number {
  let k = 0;
  while (k < bounds.length && daysPastDue > bounds[k]) k++;
  return k;
}

/**
 * Days past due of a receivable at `asOf` (docs/metrics.md#credit): `asOf − dueDay`, in days; negative = not yet due.
 * @example daysPastDue(dayFromYmd(2024, 1, 31), dayFromYmd(2024, 3, 1)) // 30
 */
export function daysPastDue(dueDay: number, asOf: number): number {
  return asOf - dueDay;
}

/**
 * Aging schedule: open amounts summed per bucket of days past due at `asOf` (docs/metrics.md#credit), with
 * Neumaier-compensated sums. Amounts may be negative (credit notes reduce their bucket); blank amounts (NaN) are
 * skipped; a row with an amount needs a due day. Days are `Day` numbers (UTC days since 1970-01-01).
 *
 * @example agingSchedule([100, 50], [d(2024,3,1), d(2024,1,15)], d(2024,3,1)) // Current 100, 31–60 50 (46 days)
 * @returns labels and totals (bounds.length + 1 each)
 * @throws KaProblem sizeMismatch when amounts and dueDays differ in length; notADate when an amount has no due day
 *   (naming its 1-based position); outOfRange for bad bounds.
 */
export function agingSchedule(
  amounts: ArrayLike<number>,
  dueDays: ArrayLike<number>,
  asOf: number,
  bounds: ArrayLike<number> = DEFAULT_AGING_BOUNDS,
): { labels: string[]; totals: number[] } {
  if (amounts.length !== dueDays.length) {
    throw problem("sizeMismatch", `amounts has ${amounts.length} values but dueDates has ${dueDays.length}`, { path: "dueDates" });
  }
  const labels = agingLabels(bounds);
  const sum = new Float64Array(labels.length);
  const comp = new Float64Array(labels.length);
  for (let i = 0; i < amounts.length; i++) {
    const v = amounts[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw problem("notANumber", `amounts: value ${i + 1} is not a number`, { path: "amounts", row: i + 1 });
    const due = dueDays[i];
    if (!Number.isFinite(due) || due < -1e8) throw problem("notADate", `dueDates: value ${i + 1} has an amount but no due date`, { path: "dueDates", row: i + 1 });
    const b = agingBucket(daysPastDue(due, asOf), bounds);
    const s = sum[b];
    const t = s + v;
    comp[b] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    sum[b] = t;
  }
  return { labels, totals: Array.from(sum, (s, b) => s + comp[b]) };
}

/**
 * Aging bounds from what a user types: upper bounds in days past due separated by commas, semicolons, spaces or
 * Chinese commas (`30,60,90,180,365`, `30，60，90`). "Current" (not yet due, ≤ 0) is always the first bucket: a
 * list whose first bound is above 0 gets 0 in front, so `30,60,90,180,365` gives Current, 1–30, 31–60, 61–90,
 * 91–180, 181–365 and > 365. A list may start at 0 or below to shape the first buckets itself.
 * @example parseAgingBounds("30,60,90") // [0, 30, 60, 90] — the default buckets
 * @throws KaProblem outOfRange naming the value that is not a whole number, not ascending, or when none is given.
 */
export function parseAgingBounds(text: string): number[] {
  const parts = text.split(/[\s,;，、；]+/).filter((p) => p !== "");
  if (parts.length === 0) throw problem("outOfRange", "aging buckets: give upper bounds in days past due, e.g. 30,60,90,180,365", { path: "bounds" });
  const bounds = parts.map((p, k) => {
    const v = /^[+-]?\d+$/.test(p) ? Number(p) : NaN;
    if (!Number.isSafeInteger(v)) throw problem("outOfRange", `aging buckets: '${p}' (value ${k + 1}) is not a whole number of days`, { path: "bounds", row: k + 1 });
    return v;
  });
  checkAgingBounds(bounds); // positions as the user typed them
  if (bounds[0] > 0) bounds.unshift(0);
  checkAgingBounds(bounds);
  return bounds;
}

/** The IFRS 9 illustrative provision matrix (IFRS 9 IE Example 12): Current, 1–30, 31–60, 61–90, > 90 days. */
export const IFRS9_EXAMPLE_RATES: readonly number[] = Object.freeze([0.003, 0.016, 0.036, 0.066, 0.106]);

/**
 * The illustrative loss rates for any buckets: each bucket takes the Example 12 rate of the default bucket its
 * first day falls in (the first bucket: of its upper bound when that is ≤ 0, else Current), so 91–180, 181–365 and
 * > 365 all get 10.6 %. A placeholder, clearly labelled as such, until the user's own rates or the roll-rate
 * estimate replace it.
 * @example illustrativeLossRates([0, 30, 60, 90, 180, 365]) // [0.003, 0.016, 0.036, 0.066, 0.106, 0.106, 0.106]
 */
export function illustrativeLossRates(bounds: ArrayLike<number>): number[] {
  checkAgingBounds(bounds);
  const rates = [IFRS9_EXAMPLE_RATES[agingBucket(Math.min(bounds[0], 0), DEFAULT_AGING_BOUNDS)]];
  for (let k = 1; k <= bounds.length; k++) rates.push(IFRS9_EXAMPLE_RATES[agingBucket(bounds[k - 1] + 1, DEFAULT_AGING_BOUNDS)]);
  return rates;
}

/**
 * The loss rates for `bounds`: the given ones when they match the buckets; the illustrative Example 12 rates
 * mapped onto the buckets when the given ones are the default illustrative five and the buckets are not the
 * default; otherwise the given ones unchanged (the analysis then refuses the mismatch, naming both counts).
 */
export function resolveLossRates(bounds: ArrayLike<number>, given: readonly number[]): number[] {
  if (given.length === bounds.length + 1) return given.slice();
  const isIllustrative = given.length === IFRS9_EXAMPLE_RATES.length && given.every((r, b) => r === IFRS9_EXAMPLE_RATES[b]);
  return isIllustrative ? illustrativeLossRates(bounds) : given.slice();
}
