/**
 * Demand stability and growth per customer (docs/metrics.md#demand-stability-and-growth): volatility, relative trend,
 * year-over-year growth.
 */
export { coefficientOfVariation, relativeTrend, yoyGrowth, MIN_MONTHS } from "./series";
export { stabilityColumns, monthlySeries, yearsBefore } from "./columns";
export type { StabilityBase, StabilityColumns, StabilityOptions } from "./columns";
