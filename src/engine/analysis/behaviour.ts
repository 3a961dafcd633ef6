/**
 * Customer behaviour stages (docs/metrics.md#rfm, #retention-and-cohorts, #demand-stability-and-growth): RFM scores and
 * segments, demand stability, retention between periods and the monthly cohort matrix. Each reads the per-customer
 * base; none re-reads the ledger's rows except through `order`/`start` (stability, retention, cohorts sum amounts by
 * month).
 */
import type { Ledger } from "../ledger/types";
import { rfmCodeOf, rfmColumns } from "../metrics/rfm";
import { stabilityColumns } from "../metrics/stability";
import type { StabilityColumns } from "../metrics/stability";
import { cohortMatrix, lastCompleteStep, retentionByPeriod } from "../metrics/retention";
import type { CohortMatrix } from "../metrics/retention";
import type { Analysis, RetentionSection, RfmSection, SegmentBy } from "./types";


/**
 * Per customer, the segmentBy value carrying most of its gross sales (a customer served in two regions is counted
 * once, where most of its purchases were). O(rows).
 */
export function mainSegmentBy(a: Analysis, ledger: Ledger): SegmentBy | undefined {
  if (!ledger.segment || !ledger.segments) return undefined;
  const { order, start, n } = a.customers;
  const seg = ledger.segment;
  const values = ledger.segments;
  const sum = new Float64Array(values.length); // valid where stamp[s] === c
  const stamp = new Int32Array(values.length).fill(-1);
  const main = new Int32Array(n).fill(-1);
  const touched: number[] = []; // in order of first appearance, so a tie keeps the first seen
  for (let c = 0; c < n; c++) {
    touched.length = 0;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      const s = seg[i];
      if (s < 0 || !(ledger.amount[i] > 0)) continue;
      if (stamp[s] !== c) {
        stamp[s] = c;
        sum[s] = 0;
        touched.push(s);
      }
      sum[s] += ledger.amount[i];
    }
    let best = -1;
    for (const s of touched) if (best < 0 || sum[s] > sum[best]) best = s;
    main[c] = best;
  }
  return { header: ledger.mapping.segmentBy ?? "Segment by", values, main };
}

export function analyzeRfm(a: Analysis, ledger: Ledger): RfmSection | undefined {
  const cols = rfmColumns(a.customers, { bins: a.params.bins, frequencyBy: a.params.frequencyBy, monetaryBy: a.params.monetaryBy });
  const codes = new Array<string>(a.customers.n);
  for (let c = 0; c < a.customers.n; c++) codes[c] = rfmCodeOf(cols, c);
  if (cols.unsegmented > 0) {
    a.warnings.push({
      code: "rfmUnscored",
      message: `${cols.unsegmented} customer(s) have no purchase (only credit notes or zero amounts): they get no recency, RFM score or segment.`,
    });
  }
  return { ...cols, codes, segmentBy: mainSegmentBy(a, ledger) };
}

export function analyzeStability(a: Analysis, ledger: Ledger): StabilityColumns | undefined {
  const s = stabilityColumns(a.customers, ledger, { throughMonth: a.customers.throughMonth });
  if (!s.yoyCovered) {
    a.warnings.push({
      code: "yoyNotCovered",
      message: "Year-over-year growth is blank: the ledger does not reach back two years before the as-of date, so the earlier 12 months are not fully known.",
    });
  }
  return s;
}

export function analyzeRetention(a: Analysis, ledger: Ledger): RetentionSection | undefined {
  const period = a.params.retentionPeriod;
  const steps = retentionByPeriod(a.customers, ledger.amount, period);
  const last = lastCompleteStep(steps);
  if (!last) {
    a.warnings.push({
      code: "retentionNoPeriods",
      message: `Retention needs two consecutive ${period}s with the later one complete by the as-of date; the ledger has none.`,
    });
  }
  return { period, steps, last };
}

export function analyzeCohorts(a: Analysis, ledger: Ledger): CohortMatrix | undefined {
  const m = cohortMatrix(a.customers, ledger.amount);
  return m.cohorts.length > 0 ? m : undefined;
}
