import type { Ledger } from "../ledger/types";
import { accountAlerts, accountTiers, alertCounts, riskScores } from "../metrics/risk";
import type { Tier } from "../metrics/risk";
import { optionalCustomerColumn } from "./optional-inputs";
import type { Analysis, RiskSection } from "./types";


/** The risk stage: runs last, on whatever the earlier stages produced. */
export function analyzeRisk(a: Analysis, ledger: Ledger): RiskSection {
  const n = a.customers.n;
  const p = a.params;
  const share = a.concentration?.share;
  const abc = a.concentration?.abc ?? new Array<string>(n).fill("");
  const pAlive = optionalCustomerColumn(a, "pAlive");
  const volatility = optionalCustomerColumn(a, "volatility");
  const trend = optionalCustomerColumn(a, "trend");
  const yoy = optionalCustomerColumn(a, "yoy");
  const credit = a.credit;
  const tier = accountTiers(share ?? new Float64Array(n).fill(NaN), yoy, abc, p.tierRules);
  const tierCounts: Record<Tier, number> = { Strategic: 0, Key: 0, General: 0 };
  for (const t of tier) tierCounts[t]++;
  const scores = riskScores(n, { pAlive, creditScore: credit?.scores.score, share, volatility, trend }, p.riskWeights);
  const hasLimits = credit !== undefined && credit.creditLimit.some((v) => v > 0);
  const shifts = a.dependence?.shifts;
  const alerts = accountAlerts(
    {
      n,
      asOf: a.asOf,
      share,
      pAlive,
      openBalance: credit?.openBalance,
      overdueSerious: credit?.overdueSerious,
      yoy,
      contractEnd: ledger.contractEnd,
      utilisation: hasLimits ? credit?.utilisation : undefined,
      rising: shifts?.covered ? { threshold: shifts.threshold, line: shifts.line, customers: shifts.rising } : undefined,
      recency: a.clv
        ? {
            ...a.clv.recency,
            keyAccount: Array.from({ length: n }, (_, c) => abc[c] === "A" || (share !== undefined && share[c] >= p.alertThresholds.pAliveMinShare - 1e-12)),
          }
        : undefined,
    },
    p.alertThresholds,
  );
  return {
    ...scores,
    tier,
    tierCounts,
    alerts,
    alertCounts: alertCounts(alerts),
    inputs: {
      pAlive: pAlive !== undefined,
      creditScore: credit !== undefined,
      share: share !== undefined,
      volatility: volatility !== undefined,
      trend: trend !== undefined,
      yoy: yoy !== undefined,
      contractEnd: ledger.contractEnd !== undefined,
      utilisation: hasLimits,
    },
  };
}
