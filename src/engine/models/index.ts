/**
 * Probabilistic CLV models (docs/metrics.md#customer-lifetime-value): summary, BG/NBD, Gamma-Gamma, predicted CLV, and
 * their numerics.
 */
export { customerSummary, daysPerUnit, purchaseOccasions, unitsPerMonth, type CustomerSummary, type Occasions, type SummaryOptions, type SummaryRows, type TimeUnit } from "./summary";
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
export {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdConditionalExpectedPurchasesColumns,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  paretoNbdPAliveColumns,
  paretoNbdTotalLogLikelihood,
  type ParetoNbdFit,
  type ParetoNbdParams,
} from "./paretonbd";
export { fitNbd, nbdConditionalExpectedPurchases, nbdConditionalExpectedPurchasesColumns, nbdExpectedPurchasesNew, nbdLogLikelihood, nbdTotalLogLikelihood, type NbdFit, type NbdParams } from "./nbd";
export { bgnbdUncertainty, drawParameters, gammaGammaUncertainty, nbdUncertainty, observedInformation, parameterUncertainty, paretoNbdUncertainty, type ParameterUncertainty } from "./uncertainty";
export { discountedValue, MODEL_LABEL, repeatPredictor, type RepeatModel, type RepeatModelName, type RepeatPredictor } from "./repeat-model";
export { logPowerIntegral } from "./power-integral";
export { nelderMead, newtonMinimize, type NelderMeadOptions, type NelderMeadResult, type NewtonResult } from "./optimize";
export { betaln, gammaln, logAddExp, logSumExp } from "./special";
export type { FitOptions, ModelWarning } from "./types";
