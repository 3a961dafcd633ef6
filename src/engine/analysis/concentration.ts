import type { CustomerBase } from "./customers";
import type { Params } from "./params";
import {
  abcClasses,
  compensatedSum,
  concentrationRatio,
  effectiveCustomers,
  gini,
  hhi,
  hhiBand,
  isMajorCustomer,
  lorenz,
  pareto,
  rankOrder,
  revenueAtRisk,
} from "../metrics/concentration";
import type { AbcClass, HhiBand } from "../metrics/concentration";

/** Concentration of net revenue across customers, summary and per customer (SPEC §2). */
export interface ConcentrationSection {
  totalPositive: number;
  positiveCustomers: number;
  /** Customers with net revenue ≤ 0: counted, never in shares. */
  nonPositiveCustomers: number;
  nonPositiveRevenue: number;
  hhi: number;
  band: HhiBand;
  cr1: number;
  cr5: number;
  cr10: number;
  gini: number;
  effectiveCustomers: number;
  pareto: { threshold: number; customers: number; fraction: number };
  revenueAtRisk: { k: number; share: number }[];
  lorenz: { x: Float64Array; y: Float64Array };
  /** Per customer (by code). Share and cumulative share are NaN for customers with revenue ≤ 0. */
  share: Float64Array;
  cumShare: Float64Array;
  /** 1-based rank by net revenue, largest first (all customers; ≤ 0 at the end). */
  rank: Int32Array;
  abc: AbcClass[];
  disclosure: Uint8Array;
  /** Customer codes in rank order: the row order of the Accounts tab. */
  order: Int32Array;
  abcCounts: Record<"A" | "B" | "C", number>;
}

export function analyzeConcentration(base: CustomerBase, params: Params): ConcentrationSection | undefined {
  const rev = base.revenue;
  const positive = Array.prototype.filter.call(rev, (v: number) => v > 0).length;
  if (positive === 0) return undefined;
  const order = rankOrder(rev);
  const total = compensatedSum(Array.prototype.filter.call(rev, (v: number) => v > 0) as number[]);
  const share = new Float64Array(base.n).fill(NaN);
  const cumShare = new Float64Array(base.n).fill(NaN);
  const rank = new Int32Array(base.n);
  const disclosure = new Uint8Array(base.n);
  let cum = 0;
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    rank[c] = k + 1;
    if (rev[c] > 0) {
      share[c] = rev[c] / total;
      cum += rev[c];
      cumShare[c] = cum / total;
      disclosure[c] = isMajorCustomer(share[c]) ? 1 : 0;
    }
  }
  const abc = abcClasses(rev, params.abcA, params.abcB);
  const abcCounts = { A: 0, B: 0, C: 0 };
  for (const a of abc) if (a) abcCounts[a]++;
  const h = hhi(rev);
  let nonPositiveRevenue = 0;
  for (let c = 0; c < base.n; c++) if (!(rev[c] > 0)) nonPositiveRevenue += rev[c];
  return {
    totalPositive: total,
    positiveCustomers: positive,
    nonPositiveCustomers: base.n - positive,
    nonPositiveRevenue,
    hhi: h,
    band: hhiBand(h, params.hhiGuidelines),
    cr1: concentrationRatio(rev, 1),
    cr5: concentrationRatio(rev, 5),
    cr10: concentrationRatio(rev, 10),
    gini: gini(rev),
    effectiveCustomers: effectiveCustomers(rev),
    pareto: { threshold: params.paretoThreshold, ...pareto(rev, params.paretoThreshold) },
    revenueAtRisk: revenueAtRisk(rev),
    lorenz: lorenz(rev),
    share,
    cumShare,
    rank,
    abc,
    disclosure,
    order,
    abcCounts,
  };
}
