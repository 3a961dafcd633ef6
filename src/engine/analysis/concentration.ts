import type { CustomerBase } from "../customers";
import type { Params } from "./params";
import type { ConcentrationSection } from "./types";
import {
  abcClasses,
  compensatedSum,
  concentrationRatioOf,
  effectiveCustomers,
  giniOf,
  hhi,
  hhiBand,
  isMajorCustomer,
  lorenz,
  pareto,
  rankOrder,
  revenueAtRisk,
  sortedShares,
} from "../metrics/concentration";


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
  const shares = sortedShares(rev);
  let nonPositiveRevenue = 0;
  for (let c = 0; c < base.n; c++) if (!(rev[c] > 0)) nonPositiveRevenue += rev[c];
  return {
    totalPositive: total,
    positiveCustomers: positive,
    nonPositiveCustomers: base.n - positive,
    nonPositiveRevenue,
    hhi: h,
    band: hhiBand(h, params.hhiGuidelines),
    cr1: concentrationRatioOf(shares, 1),
    cr5: concentrationRatioOf(shares, 5),
    cr10: concentrationRatioOf(shares, 10),
    gini: giniOf(shares),
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
