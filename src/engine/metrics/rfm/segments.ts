import { problem } from "../../problems";
import { MAX_BINS, MIN_BINS } from "./scores";

/** An inclusive range of scores on the 1..5 scale; a missing bound is open. */
export type ScoreRange = readonly [min: number, max: number];

/**
 * One row of the segment rule table: a name (English, Chinese) and conditions on the 1..5 scores R, FM
 * (= round half up of (F + M) / 2) and F. A condition left out always holds. Rules are data so that a user can
 * edit them (KA About), and are evaluated top to bottom, first match wins.
 */
export interface SegmentRule {
  readonly name: string;
  readonly nameZh: string;
  readonly r?: ScoreRange;
  readonly fm?: ScoreRange;
  readonly f?: ScoreRange;
}

/** The 11 segments (docs/metrics.md#rfm), in evaluation order. Every (R, FM, F) in 1..5 matches one of them. */
export const SEGMENT_RULES: readonly SegmentRule[] = [
  { name: "Champions", nameZh: "重要价值客户", r: [4, 5], fm: [4, 5] },
  { name: "Loyal", nameZh: "忠诚客户", r: [3, 5], fm: [4, 5] },
  { name: "Potential Loyalist", nameZh: "潜力客户", r: [4, 5], fm: [3, 3] },
  { name: "New", nameZh: "新客户", r: [4, 5], fm: [1, 2], f: [1, 1] },
  { name: "Promising", nameZh: "有望客户", r: [4, 5], fm: [1, 2] },
  { name: "Need Attention", nameZh: "需关注客户", r: [3, 3], fm: [3, 3] },
  { name: "About to Sleep", nameZh: "即将沉睡客户", r: [3, 3], fm: [1, 2] },
  { name: "Can't Lose", nameZh: "不可流失客户", r: [1, 2], fm: [5, 5] },
  { name: "At Risk", nameZh: "流失风险客户", r: [1, 2], fm: [3, 5] },
  { name: "Hibernating", nameZh: "沉睡客户", r: [2, 2], fm: [1, 2] },
  { name: "Lost", nameZh: "已流失客户", r: [1, 1], fm: [1, 2] },
];

/**
 * A score on 1..bins mapped to the 1..5 scale the segment rules use: `ceil(5 · s / bins)` (docs/metrics.md#rfm).
 * Integer arithmetic, so it is exact: bins 10 maps 1,2 → 1 … 9,10 → 5; bins 3 maps 1 → 2, 2 → 4, 3 → 5.
 *
 * @example toFiveScale(7, 10) // ceil(3.5) = 4
 */
export function toFiveScale(score: number, bins: number): number {
  return Math.floor((5 * score + bins - 1) / bins);
}

/**
 * FM: the frequency and monetary scores combined, `round((F + M) / 2)` with halves rounded up as Excel's ROUND
 * (F and M are whole numbers, so this is `floor((F + M + 1) / 2)`).
 *
 * @example fmScore(3, 4) // 3.5 → 4
 */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

function holds(range: ScoreRange | undefined, x: number): boolean {
  return range === undefined || (x >= range[0] && x <= range[1]);
}

/**
 * Index in `rules` of the first rule matching (R, FM, F) on the 1..5 scale, or −1 when none matches (only
 * possible with a user's incomplete table).
 *
 * @example segmentIndex(5, 4, 3) // 0 (Champions)
 */
export function segmentIndex(r: number, fm: number, f: number, rules: readonly SegmentRule[] = SEGMENT_RULES): number {
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k];
    if (holds(rule.r, r) && holds(rule.fm, fm) && holds(rule.f, f)) return k;
  }
  return -1;
}

function checkScore(s: number, bins: number, what: string): void {
  if (!Number.isInteger(s) || s < 1 || s > bins) {
    throw problem("outOfRange", `${what}: score ${s} is not a whole number from 1 to ${bins}`, { path: what });
  }
}

/**
 * Segment of one customer from its R, F, M scores on 1..bins: each score mapped to 1..5 (`toFiveScale`),
 * FM = round half up ((F + M) / 2), then the first matching rule. Returns the rule's index (−1 when none).
 *
 * @example SEGMENT_RULES[rfmSegment(2, 5, 5)].name // "Can't Lose"
 * @throws KaProblem outOfRange for bins outside 2..10 or a score that is not a whole number in 1..bins.
 */
export function rfmSegment(r: number, f: number, m: number, bins = 5, rules: readonly SegmentRule[] = SEGMENT_RULES): number {
  if (!Number.isInteger(bins) || bins < MIN_BINS || bins > MAX_BINS) {
    throw problem("outOfRange", `bins: ${bins} is not a whole number from ${MIN_BINS} to ${MAX_BINS}`, { path: "bins" });
  }
  checkScore(r, bins, "r");
  checkScore(f, bins, "f");
  checkScore(m, bins, "m");
  const f5 = toFiveScale(f, bins);
  return segmentIndex(toFiveScale(r, bins), fmScore(f5, toFiveScale(m, bins)), f5, rules);
}

/**
 * The RFM code shown beside the scores: the three scores written together ("545"); with 10 bins, where a
 * score has two digits, separated by hyphens ("10-3-7") so the code stays readable.
 */
export function rfmCode(r: number, f: number, m: number, bins: number): string {
  return bins >= 10 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}
