/**
 * The dependence stage: concentration over time, share shifts, stress tests and dependence by group
 * (src/engine/metrics/dependence). Runs after credit, whose open balances, aging and overdue rows it reads.
 */
import { isoFromDay } from "../day";
import { customerDisplay, customerKey } from "../ledger/customer-key";
import type { Ledger } from "../ledger/types";
import { concentrationTrend, dependenceByGroup, eclByCustomer, marginByCustomer, shareShifts, stressTests } from "../metrics/dependence";
import type { Analysis, DependenceSection } from "./types";

export function analyzeDependence(a: Analysis, ledger: Ledger): DependenceSection {
  const p = a.params;
  const n = a.customers.n;
  const trend = concentrationTrend(ledger, n, {
    asOf: a.asOf,
    period: p.trendPeriod,
    basis: p.trendBasis,
    guidelines: p.hhiGuidelines,
    rowMonth: a.customers.rowMonth,
  });
  if (trend.droppedPeriods > 0) {
    a.warnings.push({ code: "trendTruncated", message: `The concentration trend shows the latest ${trend.rows.length} periods; ${trend.droppedPeriods} earlier ones are left out.` });
  }

  const shifts = shareShifts(ledger, n, { asOf: a.asOf, threshold: p.risingShare });
  if (!shifts.covered) {
    a.warnings.push({
      code: "shiftsNotCovered",
      message: `Share shifts compare the last 12 months with the 12 before (from ${isoFromDay(shifts.then.from + 1)}); the ledger starts later, so earlier shares, changes and the rising-dependence alert are blank.`,
    });
  }

  const { margin, rowsWithoutCost } = ledger.cost ? marginByCustomer(ledger, n) : { margin: undefined, rowsWithoutCost: 0 };
  if (margin && rowsWithoutCost > 0) {
    a.warnings.push({ code: "marginPartial", message: `${rowsWithoutCost} rows have no readable cost: their margin is left out of the stress tests' margin lost.` });
  }
  const credit = a.credit;
  const ecl = credit
    ? eclByCustomer(ledger.customer, ledger.used, { ...credit, rates: credit.ifrs9.effectiveLossRates, writeOffDays: credit.ifrs9.writeOffDays }, n)
    : undefined;
  const { picked, unknown } = pickedCustomers(ledger, p.stressCustomers);
  if (unknown.length > 0) {
    a.warnings.push({ code: "stressCustomerUnknown", message: `Stress test: no customer named ${unknown.map((u) => `'${u}'`).join(", ")} in the ledger.` });
  }
  const stress = stressTests(
    { revenue: a.customers.revenue, margin, openBalance: credit?.openBalance, ecl },
    { shareAtLeast: p.stressShare, picked, guidelines: p.hhiGuidelines },
  );

  let rowOverdue: Float64Array | undefined;
  if (credit) {
    rowOverdue = new Float64Array(ledger.used);
    for (let i = 0; i < ledger.used; i++) if (credit.rowDaysPastDue[i] > 0) rowOverdue[i] = credit.rowOpenNet[i];
  }
  const groups = (ledger.groups ?? []).map((g) => ({
    header: g.header,
    kind: g.kind,
    groups: dependenceByGroup(ledger, n, g, { guidelines: p.hhiGuidelines, oneCustomerShare: p.groupOneCustomerShare, rowOverdue }),
  }));

  return { trend, shifts, stress, margin, rowsWithoutCost, ecl, unknownPicks: unknown, groups };
}

/** Customer codes of the names the user picked, compared as customer keys (`acme ltd` = `ACME Ltd`). */
function pickedCustomers(ledger: Ledger, names: readonly string[]): { picked: number[]; unknown: string[] } {
  if (names.length === 0) return { picked: [], unknown: [] };
  const byKey = new Map<string, number>();
  ledger.customers.forEach((name, code) => byKey.set(customerKey(name), code));
  const picked: number[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const code = byKey.get(customerKey(customerDisplay(name)));
    if (code === undefined) unknown.push(name);
    else picked.push(code);
  }
  return { picked, unknown };
}
