/** Credit risk on receivables (SPEC §7): open balances, aging, DSO, lateness, ECL, scorecard, limits. */
export { dso } from "./dso";
export { expectedCreditLoss } from "./ecl";
export { creditGrade, checkCutoffs, DEFAULT_GRADE_CUTOFFS } from "./grade";
export type { CreditGrade, GradeCutoffs } from "./grade";
export { agingBucket, agingLabels, agingSchedule, checkAgingBounds, daysPastDue, DEFAULT_AGING_BOUNDS } from "./aging";
export { openAmount, openAmounts, hasOpenBalanceColumns } from "./open-balance";
export type { OpenBalanceSource, ReceivableRows } from "./open-balance";
export { paymentBehaviour, medianTermsDays } from "./payment";
export type { PaymentBehaviour } from "./payment";
export { rollRateLossRates } from "./roll-rate";
export type { RollRateEstimate, RollRateOptions } from "./roll-rate";
export { analyzeReceivables } from "./accounts";
export type { Receivables, ReceivablesOptions, RowGroups } from "./accounts";
export { creditScore, creditScores, scorecardComponents, weightedPresent, checkWeights, DEFAULT_SCORECARD_WEIGHTS, SCORECARD_COMPONENTS } from "./scorecard";
export type { ScorecardInputs, ScorecardWeights, CreditScoreColumns } from "./scorecard";
export { suggestedCreditLimit, DEFAULT_LIMIT_MULTIPLIERS, DEFAULT_TERMS_DAYS } from "./limit";
export type { LimitMultipliers } from "./limit";
