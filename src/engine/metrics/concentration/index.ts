/**
 * Concentration of revenue across customers (docs/metrics.md#concentration). Each function takes net revenue per
 * customer.
 */
export { hhi, hhiBand, effectiveCustomers } from "./hhi";
export type { HhiBand } from "./hhi";
export { concentrationRatio, concentrationRatioOf, revenueAtRisk, pareto, abcClasses, rankOrder } from "./ranking";
export type { AbcClass } from "./ranking";
export { gini, giniOf, lorenz } from "./gini";
export { isMajorCustomer, DISCLOSURE_SHARE } from "./disclosure";
export { positiveRevenues, compensatedSum, NeumaierSum, sumScale, sortedShares } from "./positive";
export type { SortedShares } from "./positive";
export { sumByKey } from "./sum-by-key";
