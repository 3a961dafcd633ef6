import type { Ledger } from "../ledger/types";
import { analyzeReceivables, hasOpenBalanceColumns, resolveLossRates, scoreAccounts } from "../metrics/credit";
import { optionalCustomerColumn } from "./optional-inputs";
import type { Receivables, ReceivablesOptions } from "../metrics/credit";
import type { Analysis, CreditSection } from "./types";


/**
 * The credit stage: needs a due-date column and one of balance / paid amount / paid date (docs/metrics.md#credit).
 * Without them it returns undefined and says why in the warnings (the About tab shows it; there is no Aging tab). Runs
 * after the behaviour stage so the scorecard can use each customer's trend when it exists.
 */
export function analyzeCredit(a: Analysis, ledger: Ledger, computed?: Receivables): CreditSection | undefined {
  const missing: string[] = [];
  if (!ledger.dueDay) missing.push("due-date column");
  if (!hasOpenBalanceColumns(ledger)) missing.push("balance, paid-amount or paid-date column");
  if (missing.length > 0) {
    a.warnings.push({
      code: "noCreditFields",
      message: `No credit analysis (aging, DSO, expected credit loss, credit scores): the ledger has no ${missing.join(" and no ")}.`,
    });
    return undefined;
  }
  const p = a.params;
  const rec = computed ?? analyzeReceivables(ledger, a.customers, receivablesOptions(a, ledger) as ReceivablesOptions);
  const trend = optionalCustomerColumn(a, "trend");
  const scores = scoreAccounts(rec, {
    asOf: a.asOf,
    firstPurchase: a.customers.firstPurchase,
    trend,
    weights: p.scorecardWeights,
    cutoffs: p.gradeCutoffs,
    multipliers: p.limitMultipliers,
  });
  if (!Number.isFinite(rec.dso365)) {
    a.warnings.push({ code: "dsoUndefined", message: "DSO (365 days) is not defined: net revenue of the last 365 days is not positive." });
  }
  return { ...rec, scores, trendUsed: trend !== undefined };
}

/**
 * What `analyzeReceivables` is given for this analysis (from the parameters and the ledger), or undefined when the
 * ledger has no credit columns. It reads nothing the stages before credit fill in, so it can start with them.
 */
export function receivablesOptions(a: Pick<Analysis, "params" | "asOf">, ledger: Ledger): ReceivablesOptions | undefined {
  if (!ledger.dueDay || !hasOpenBalanceColumns(ledger)) return undefined;
  const p = a.params;
  return {
    asOf: a.asOf,
    bounds: p.agingBounds,
    lossRates: resolveLossRates(p.agingBounds, p.lossRates),
    lossRateMethod: p.lossRateMethod,
    adjustment: { overlay: p.lossRateOverlay, bucketMultipliers: p.lossRateMultipliers, scenarios: p.scenarios },
    writeOffDays: p.writeOffDays,
    compareAsOf: p.compareAsOf,
    lossGivenDefault: p.lossGivenDefault,
    seriousOverdueDays: p.alertThresholds.overdueDays,
    creditLimit: ledger.creditLimit,
  };
}
