/** Forecasts people can check: hold-out backtest, model choice, per-customer forecasts with intervals, churn by recency. */
export { backtest, trackingPeriodEnds, CONDITIONAL_GROUPS, type Backtest, type BacktestModel, type BacktestOptions, type ConditionalRow, type SegmentRow, type TrackingRow } from "./backtest";
export { bic, chooseModel, type FitSummary, type ModelChoice, type ModelCriterion } from "./choice";
export { drawClaimedBlocks, drawIntervals, drawIntervalsSplit, fitRepeatModels, forecastCustomers, frequencyBlocks, interval, INTERVAL_KEYS, type CustomerForecast, type CustomerForecastOptions, type ForecastWarning, type IntervalColumns, type IntervalRunner, type IntervalWork, type RepeatFits } from "./customers";
export { DEFAULT_CHURN_GAP_MULTIPLE, recencyChurn, type RecencyChurn } from "./churn";
