/** Demand stability and growth per customer (SPEC §6): volatility, relative trend, year-over-year growth. */
export { coefficientOfVariation, relativeTrend, yoyGrowth, MIN_MONTHS } from "./series";
export { stabilityColumns, monthlySeries, yearsBefore } from "./columns";
export type { StabilityBase, StabilityColumns, StabilityOptions } from "./columns";
