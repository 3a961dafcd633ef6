/** Key-account tiering, the account risk score and alerts (docs/metrics.md#account-risk). */
export { accountTier, accountTiers, checkTierRules, DEFAULT_TIER_RULES } from "./tier";
export type { Tier, TierRules } from "./tier";
export { riskComponents, accountRiskScore, riskScores, DEFAULT_RISK_WEIGHTS, RISK_COMPONENTS } from "./score";
export type { RiskWeights, RiskInputs, RiskScoreColumns } from "./score";
export { accountAlerts, alertCounts, ALERT_REASONS, ALERT_SEVERITY, DEFAULT_ALERT_THRESHOLDS } from "./alerts";
export type { Alert, AlertReason, AlertSeverity, AlertThresholds, AlertInputs } from "./alerts";
