/**
 * RFM: recency, frequency, monetary values, count-based or fixed-break scores, and rule-table segments
 * (docs/metrics.md#rfm).
 */
export { rfmScores, resolveBins, excelCriterion, MIN_BINS, MAX_BINS, DEFAULT_BINS } from "./scores";
export type { ScoreOptions } from "./scores";
export { SEGMENT_RULES, toFiveScale, fmScore, segmentIndex, rfmSegment, rfmCode } from "./segments";
export type { SegmentRule, ScoreRange } from "./segments";
export { rfmValues, rfmColumns, rfmCodeOf } from "./columns";
export type { RfmOptions, RfmBase, RfmValues, RfmColumns } from "./columns";
export { rfmFromTransactions } from "./transactions";
export type { RfmTable } from "./transactions";
