/** Probabilistic CLV models (SPEC §4): summary, BG/NBD, Gamma-Gamma, predicted CLV, and their numerics. */
export { customerSummary, daysPerUnit, unitsPerMonth, type CustomerSummary, type SummaryOptions, type SummaryRows, type TimeUnit } from "./summary";
export {
  bgnbdLogLikelihood,
  bgnbdTotalLogLikelihood,
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesColumns,
  expectedPurchasesNew,
  expectedPurchasesWhileAlive,
  fitBgNbd,
  pAlive,
  pAliveColumns,
  type BgNbdFit,
  type BgNbdParams,
  type RepeatData,
} from "./bgnbd";
export {
  expectedAverageSpend,
  expectedAverageSpendColumns,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendData,
} from "./gamma-gamma";
export { predictedClv, predictedClvColumns, type ClvColumns, type ClvCustomer, type ClvOptions } from "./clv";
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./optimize";
export { betaln, gammaln, hyp2f1, logAddExp, logSumExp } from "./special";
export type { FitOptions, ModelWarning } from "./types";
