/** Retention, churn, net revenue retention, cohorts and KPI ratios (docs/metrics.md#retention-and-cohorts). */
export { retentionRate, netRevenueRetention, ratio } from "./rates";
export { periodOfMonth, periodLabel, periodEndDay, firstMonthOfPeriod, MONTHS_PER_PERIOD } from "./periods";
export type { RetentionPeriod } from "./periods";
export { retentionByPeriod, lastCompleteStep } from "./ledger";
export type { RetentionBase, RetentionStep } from "./ledger";
export { cohortMatrix } from "./cohorts";
export type { CohortBase, CohortMatrix } from "./cohorts";
