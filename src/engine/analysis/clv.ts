import type { Ledger } from "../ledger/types";
import { isKaProblem } from "../problems";
import {
  conditionalExpectedPurchasesColumns,
  customerSummary,
  daysPerUnit,
  expectedAverageSpendColumns,
  fitBgNbd,
  fitGammaGamma,
  pAliveColumns,
  predictedClvColumns,
  unitsPerMonth,
} from "../models";
import type { Analysis, ClvSection, Warning } from "./types";


const nanColumn = (n: number) => new Float64Array(n).fill(NaN);

export function analyzeClv(a: Analysis, ledger: Ledger): ClvSection {
  const n = a.customers.n;
  const unit = a.params.unit;
  const summary = customerSummary(
    { customer: ledger.customer.subarray(0, ledger.used), day: ledger.day.subarray(0, ledger.used), amount: ledger.amount.subarray(0, ledger.used), nCustomers: n },
    { asOf: a.asOf, unit },
  );
  const section: ClvSection = {
    unit,
    summary,
    pAlive: nanColumn(n),
    expectedPurchases90d: nanColumn(n),
    expectedPurchases12m: nanColumn(n),
    expectedSpend: nanColumn(n),
    clv12m: nanColumn(n),
    predicted12m: NaN,
  };
  const warn = (w: Warning) => a.warnings.push(w);

  try {
    section.bgnbd = fitBgNbd({ x: summary.x, tx: summary.tx, T: summary.T }, { penalizer: a.params.penalizer });
  } catch (e) {
    if (!isKaProblem(e)) throw e;
    warn({ code: "bgnbdNotFitted", message: `BG/NBD model not fitted: ${e.problem.message}. P(alive), expected purchases and CLV are left blank.` });
    return section;
  }
  for (const w of section.bgnbd.warnings) if (w.code !== "skippedCustomers") warn({ code: `bgnbd.${w.code}`, message: w.message });
  if (!section.bgnbd.converged) {
    // a → 0 (Beta(a, b) piled at p = 0): the likelihood keeps rising towards a model in which nobody ever drops
    // out. Its predictions would treat long-silent customers as certain to buy again, so none are shown.
    const noDropout = section.bgnbd.params.a < 1e-3;
    warn({
      code: "bgnbdNotConverged",
      message: noDropout
        ? `BG/NBD fit did not converge: the dropout parameter a runs to 0 (a = ${section.bgnbd.params.a.toPrecision(2)}), i.e. this ledger shows no measurable customer dropout — often a history too short for it. P(alive), expected purchases and CLV are left blank rather than predicting that silent customers all come back; RFM recency and the alerts still flag them.`
        : "BG/NBD fit did not converge: its parameters are reported, but P(alive), expected purchases and CLV are left blank rather than shown from an unreliable fit.",
    });
    return section;
  }
  const bg = section.bgnbd.params;
  const data = { x: summary.x, tx: summary.tx, T: summary.T };
  section.pAlive = pAliveColumns(bg, data);
  section.expectedPurchases90d = conditionalExpectedPurchasesColumns(bg, 90 / daysPerUnit(unit), data);
  section.expectedPurchases12m = conditionalExpectedPurchasesColumns(bg, 12 * unitsPerMonth(unit), data);

  try {
    section.gammaGamma = fitGammaGamma({ x: summary.x, m: summary.monetary }, { penalizer: a.params.penalizer });
  } catch (e) {
    if (!isKaProblem(e)) throw e;
    warn({ code: "gammaGammaNotFitted", message: `Gamma-Gamma spend model not fitted: ${e.problem.message}. Expected spend and CLV are left blank.` });
    return section;
  }
  for (const w of section.gammaGamma.warnings) if (w.code !== "skippedCustomers") warn({ code: `gammaGamma.${w.code}`, message: w.message });
  const gg = section.gammaGamma.params;
  if (!section.gammaGamma.converged || !(gg.q > 1)) {
    warn({ code: "gammaGammaUnusable", message: "Gamma-Gamma fit did not converge or has q ≤ 1 (expected spend undefined): expected spend and CLV are left blank." });
    return section;
  }
  section.expectedSpend = expectedAverageSpendColumns(gg, { x: summary.x, m: summary.monetary });
  section.clv12m = predictedClvColumns(bg, gg, { x: summary.x, tx: summary.tx, T: summary.T, monetary: summary.monetary }, { unit, months: a.params.clvMonths, monthlyDiscount: a.params.monthlyDiscount });
  let total = 0;
  for (let c = 0; c < n; c++) if (Number.isFinite(section.clv12m[c])) total += section.clv12m[c];
  section.predicted12m = total;
  return section;
}
