import type { CustomerBase } from "../../customers";
import { NO_DAY } from "../../ledger/types";
import { excelCriterion, resolveBins, rfmScores } from "./scores";
import { fmScore, rfmCode, segmentIndex, SEGMENT_RULES, toFiveScale } from "./segments";
import type { SegmentRule } from "./segments";

export interface RfmOptions {
  /** Score bins 2..10 (default 5). */
  bins?: number;
  /** Frequency: distinct purchase days (default) or invoices. */
  frequencyBy?: "days" | "invoices";
  /** Monetary: net revenue (default) or average order value = net revenue / frequency. */
  monetaryBy?: "net" | "average";
  /** Fixed breakpoints per dimension (ascending, bins − 1 each), instead of the count-based rule. */
  breaks?: { r?: ArrayLike<number>; f?: ArrayLike<number>; m?: ArrayLike<number> };
  /** Segment rule table (default docs/metrics.md#rfm's 11 segments). */
  rules?: readonly SegmentRule[];
}

/** The fields of the customer base RFM reads. */
export type RfmBase = Pick<CustomerBase, "n" | "lastPurchase" | "purchaseDays" | "invoices" | "revenue" | "asOf">;

export interface RfmValues {
  /** Days from the last purchase day to as-of; NaN for a customer who never bought (only credit notes). */
  recency: Float64Array;
  /** Purchase days (or invoices). */
  frequency: Float64Array;
  /**
   * Net revenue (or average order value; NaN when frequency is 0), kept to 15 significant digits — what a
   * cell shows and what Excel's `COUNTIF` criterion compares, so the workbook's scores match the engine's.
   */
  monetary: Float64Array;
}

/**
 * Recency, frequency and monetary value per customer at the base's as-of day (docs/metrics.md#rfm). Purchase days and
 * the last purchase count positive amounts only: credit notes reduce monetary value but are never purchases.
 *
 * @example rfmValues(base).recency[c] // asOf − lastPurchase[c], in days
 */
export function rfmValues(base: RfmBase, opts: Pick<RfmOptions, "frequencyBy" | "monetaryBy"> = {}): RfmValues {
  const { n } = base;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const byInvoices = opts.frequencyBy === "invoices";
  const average = opts.monetaryBy === "average";
  for (let c = 0; c < n; c++) {
    const last = base.lastPurchase[c];
    recency[c] = last === NO_DAY ? NaN : base.asOf - last;
    const freq = byInvoices ? base.invoices[c] : base.purchaseDays[c];
    frequency[c] = freq;
    const m = average ? (freq > 0 ? base.revenue[c] / freq : NaN) : base.revenue[c];
    monetary[c] = Number.isFinite(m) ? excelCriterion(m) : NaN;
  }
  return { recency, frequency, monetary };
}

export interface RfmColumns extends RfmValues {
  bins: number;
  /** Scores 1..bins; NaN where the value is missing (recency of a customer who never bought). */
  r: Float64Array;
  f: Float64Array;
  m: Float64Array;
  /** Index into `rules` per customer; −1 when unscored or no rule matches. */
  segment: Int16Array;
  rules: readonly SegmentRule[];
  /** Customers per rule (same order as `rules`), and how many were left without a segment. */
  segmentCounts: number[];
  unsegmented: number;
}

/**
 * RFM for every customer of the analysis: values, scores (count-based or fixed breaks), and segments by the
 * rule table. Each dimension is scored over the customers that have a value, as `COUNTIF`/`COUNT` over the
 * Accounts column skip its blanks. O(n log n).
 *
 * @throws KaProblem outOfRange / sizeMismatch for bad bins or breaks (see `rfmScores`).
 */
export function rfmColumns(base: RfmBase, opts: RfmOptions = {}): RfmColumns {
  const bins = resolveBins(opts.bins);
  const rules = opts.rules ?? SEGMENT_RULES;
  const values = rfmValues(base, opts);
  const r = rfmScores(values.recency, { bins, lowerIsBetter: true, breaks: opts.breaks?.r });
  const f = rfmScores(values.frequency, { bins, breaks: opts.breaks?.f });
  const m = rfmScores(values.monetary, { bins, breaks: opts.breaks?.m });
  const segment = new Int16Array(base.n).fill(-1);
  const segmentCounts = new Array<number>(rules.length).fill(0);
  let unsegmented = 0;
  for (let c = 0; c < base.n; c++) {
    if (Number.isNaN(r[c]) || Number.isNaN(f[c]) || Number.isNaN(m[c])) {
      unsegmented++;
      continue;
    }
    const f5 = toFiveScale(f[c], bins);
    const k = segmentIndex(toFiveScale(r[c], bins), fmScore(f5, toFiveScale(m[c], bins)), f5, rules);
    segment[c] = k;
    if (k >= 0) segmentCounts[k]++;
    else unsegmented++;
  }
  return { ...values, bins, r, f, m, segment, rules, segmentCounts, unsegmented };
}

/** RFM code of customer `c` ("545"), or "" when unscored. */
export function rfmCodeOf(cols: Pick<RfmColumns, "r" | "f" | "m" | "bins">, c: number): string {
  if (Number.isNaN(cols.r[c]) || Number.isNaN(cols.f[c]) || Number.isNaN(cols.m[c])) return "";
  return rfmCode(cols.r[c], cols.f[c], cols.m[c], cols.bins);
}
