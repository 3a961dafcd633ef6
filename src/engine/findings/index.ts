/**
 * Key findings: at most ten plain sentences a reader acts on first, each with its number and the tab and rows behind
 * it (KA Summary opens with them; the JSON `findings`). Each finding comes from one rule below, in order of what a
 * finance reader needs first: whom to disclose, how concentrated revenue is (and whether it grew over a year), the
 * alerts that matter most, receivables overdue and their expected loss, revenue from customers likely lost or
 * declining, then context (the Pareto count, customers in credit, rows left out). A rule whose inputs are missing
 * (no credit columns, no model) stays silent. Sentences are written in `params.lang` from the catalogue.
 */
import type { Analysis } from "../analysis/types";
import { DEFAULT_PARAMS } from "../analysis/params";
import { messages } from "../i18n";
import type { ReportMessages } from "../i18n";
import type { AlertFact, NamedShare } from "../i18n/messages/findings";
import type { Ledger } from "../ledger/types";
import { DISCLOSURE_SHARE } from "../metrics/concentration";
import type { Finding } from "./types";
import { windowConcentration, yearWindows } from "./windows";
import type { YearWindows } from "./windows";

export const MAX_FINDINGS = 10;
/** Customers named in one sentence; the rest are counted ("and 3 more"). */
const NAMES_LISTED = 5;

export type { Finding, FindingCode, FindingLink, FindingUnit } from "./types";

export interface FindingContext {
  a: Analysis;
  m: ReportMessages;
  windows: YearWindows;
}

export type FindingRule = (x: FindingContext) => Finding | undefined;

/** Customers in rank order (largest positive revenue first) among `codes`, with their share. */
function named(a: Analysis, codes: readonly number[]): { items: NamedShare[]; more: number } {
  const share = a.concentration?.share;
  const items = codes.slice(0, NAMES_LISTED).map((c) => ({ name: a.customers.names[c], share: share ? share[c] : NaN }));
  return { items, more: Math.max(0, codes.length - NAMES_LISTED) };
}

/** Nothing to share out: say so first, with the net revenue that is missing (shares, HHI and the rest are not measured). */
function noPositiveRevenue({ a, m }: FindingContext): Finding | undefined {
  if (a.concentration) return undefined;
  return { code: "noPositiveRevenue", text: m.findings.noPositiveRevenue({ revenue: a.revenue, customers: a.customers.n }), value: a.revenue, unit: "money", link: { tab: "accounts" } };
}

function majorCustomers({ a, m }: FindingContext): Finding | undefined {
  const k = a.concentration;
  if (!k) return undefined;
  const disclosed = Array.from(k.order).filter((c) => k.disclosure[c] === 1);
  const line = DISCLOSURE_SHARE;
  if (disclosed.length === 0) {
    const top = k.order[0];
    return {
      code: "majorCustomers",
      text: m.findings.majorNone({ name: a.customers.names[top], share: k.share[top], line }),
      value: k.share[top],
      unit: "percent",
      link: { tab: "accounts", customers: [top] },
    };
  }
  let total = 0;
  for (const c of disclosed) total += k.share[c];
  const text =
    disclosed.length === 1
      ? m.findings.majorOne({ name: a.customers.names[disclosed[0]], share: k.share[disclosed[0]], line })
      : m.findings.majorMany({ count: disclosed.length, ...named(a, disclosed), total, line });
  return { code: "majorCustomers", text, value: total, unit: "percent", link: { tab: "accounts", customers: disclosed } };
}

function concentration({ a, m, windows }: FindingContext): Finding | undefined {
  const k = a.concentration;
  if (!k) return undefined;
  const top = 5;
  let text = m.findings.concentration({
    band: m.common.hhiBand[k.band],
    hhi: k.hhi,
    effective: k.effectiveCustomers,
    top,
    topShare: k.cr5,
    customers: k.positiveCustomers,
  });
  if (windows.covered) {
    const now = windowConcentration(windows.last, a.params.hhiGuidelines);
    const before = windowConcentration(windows.prior, a.params.hhiGuidelines);
    if (now && before) {
      text += m.findings.concentrationYear({ now: now.hhi, before: before.hhi, bandNow: m.common.hhiBand[now.band], bandBefore: m.common.hhiBand[before.band] });
    }
  }
  const shown = Array.from(k.order.subarray(0, Math.min(top, k.positiveCustomers)));
  return { code: "concentration", text, value: k.hhi, unit: "index", link: { tab: "accounts", customers: shown } };
}

function alerts({ a, m }: FindingContext): Finding | undefined {
  const r = a.risk;
  if (!r) return undefined;
  const list = r.alerts;
  if (list.length === 0) return { code: "alerts", text: m.findings.alertsNone, value: 0, unit: "count", link: { tab: "alerts" } };
  const days = a.params.alertThresholds.overdueDays;
  const fact = (i: number): AlertFact => ({ name: a.customers.names[list[i].customer], reason: list[i].reason, value: list[i].value, days, unit: list[i].unit });
  // Alerts are sorted high severity first, then by reason and share: the first rows are the largest.
  const high = list.filter((x) => x.severity === "high").length;
  const shown = Math.min(3, high > 0 ? high : list.length);
  const rows = Array.from({ length: shown }, (_, i) => i);
  const facts = rows.map(fact);
  if (high > 0) {
    return { code: "alerts", text: m.findings.alertsHigh({ high, total: list.length, facts }), value: high, unit: "count", link: { tab: "alerts", alerts: rows } };
  }
  return { code: "alerts", text: m.findings.alertsOther({ total: list.length, facts }), value: list.length, unit: "count", link: { tab: "alerts", alerts: rows } };
}

function receivablesOverdue({ a, m }: FindingContext): Finding | undefined {
  const k = a.credit;
  if (!k || !(k.receivables > 0)) return undefined;
  if (!(k.overdueTotal > 0)) return { code: "receivablesOverdue", text: m.findings.overdueNone({ receivables: k.receivables }), value: 0, unit: "money", link: { tab: "aging" } };
  let serious = 0;
  for (let c = 0; c < k.overdueSerious.length; c++) serious += Math.max(0, k.overdueSerious[c]);
  return {
    code: "receivablesOverdue",
    text: m.findings.overdue({ overdue: k.overdueTotal, receivables: k.receivables, share: k.overdueTotal / k.receivables, serious, days: k.seriousOverdueDays }),
    value: k.overdueTotal,
    unit: "money",
    link: { tab: "aging" },
  };
}

function expectedLoss({ a, m }: FindingContext): Finding | undefined {
  const k = a.credit;
  if (!k || !(k.receivables > 0)) return undefined;
  const illustrative = k.lossRateMethod === "given" && a.params.lossRateMethod === "auto" && k.lossRates.every((r, i) => r === DEFAULT_PARAMS.lossRates[i]);
  const method = k.lossRateMethod === "rollRate" ? "rollRate" : illustrative ? "illustrative" : "given";
  return { code: "expectedLoss", text: m.findings.expectedLoss({ ecl: k.ecl, share: k.ecl / k.receivables, method }), value: k.ecl, unit: "money", link: { tab: "aging" } };
}

/**
 * Revenue at risk: last-12-month revenue of customers likely lost (P(alive) below the churn-alert line, when the
 * model converged) or whose revenue fell by the decline-alert line or more on the year before (when the ledger
 * covers two years). Without either signal the rule is silent: RFM recency scores are ranks, so they would flag a
 * fixed share of any ledger, and a monthly trend is biased by a partial last month.
 */
function revenueAtRisk({ a, m, windows }: FindingContext): Finding | undefined {
  const t = a.params.alertThresholds;
  const pAlive = a.clv?.pAliveEstimated ? a.clv.pAlive : undefined;
  const yoy = a.stability?.yoyCovered ? a.stability.yoy : undefined;
  if (!pAlive && !yoy) return undefined;
  const criteria: string[] = [];
  if (pAlive) criteria.push(m.findings.criterionLost({ line: t.pAlive }));
  if (yoy) criteria.push(m.findings.criterionDecline({ line: t.yoyDecline }));
  const atRisk: number[] = [];
  let revenue = 0;
  let total = 0;
  for (let c = 0; c < a.customers.n; c++) {
    const last = windows.last[c];
    if (!(last > 0)) continue;
    total += last;
    const lost = pAlive ? pAlive[c] < t.pAlive - 1e-12 : false;
    const declining = yoy ? yoy[c] <= -t.yoyDecline + 1e-12 : false;
    if (lost || declining) {
      atRisk.push(c);
      revenue += last;
    }
  }
  if (atRisk.length === 0) return { code: "revenueAtRisk", text: m.findings.atRiskNone({ criteria }), value: 0, unit: "money", link: { tab: "accounts" } };
  atRisk.sort((x, y) => windows.last[y] - windows.last[x] || x - y);
  const share = revenue / total;
  const items = atRisk.slice(0, 3).map((c) => ({ name: a.customers.names[c], share: windows.last[c] / total }));
  return {
    code: "revenueAtRisk",
    text: m.findings.atRisk({ count: atRisk.length, criteria, revenue, share, items, more: Math.max(0, atRisk.length - items.length) }),
    value: revenue,
    unit: "money",
    link: { tab: "accounts", customers: atRisk },
  };
}

function pareto({ a, m }: FindingContext): Finding | undefined {
  const k = a.concentration;
  if (!k) return undefined;
  const p = k.pareto;
  return {
    code: "pareto",
    text: m.findings.pareto({ count: p.customers, customers: k.positiveCustomers, fraction: p.fraction, threshold: p.threshold }),
    value: p.customers,
    unit: "count",
    link: { tab: "accounts", customers: Array.from(k.order.subarray(0, p.customers)) },
  };
}

function nonPositiveCustomers({ a, m }: FindingContext): Finding | undefined {
  const k = a.concentration;
  if (!k || k.nonPositiveCustomers === 0) return undefined;
  const codes = Array.from(k.order.subarray(k.positiveCustomers));
  return {
    code: "nonPositiveCustomers",
    text: m.findings.nonPositive({ count: k.nonPositiveCustomers, revenue: k.nonPositiveRevenue }),
    value: k.nonPositiveCustomers,
    unit: "count",
    link: { tab: "accounts", customers: codes },
  };
}

function rowsExcluded({ a, m }: FindingContext): Finding | undefined {
  const excluded = a.ledger.read - a.ledger.used;
  if (excluded === 0) return undefined;
  const reasons = (Object.entries(a.ledger.excludedCounts) as [keyof ReportMessages["common"]["exclusionReason"], number][])
    .filter(([, n]) => n > 0)
    .sort((x, y) => y[1] - x[1])
    .map(([r, n]) => m.findings.reasonCount({ reason: m.common.exclusionReason[r] ?? r, rows: n }));
  return { code: "rowsExcluded", text: m.findings.excluded({ excluded, read: a.ledger.read, reasons }), value: excluded, unit: "count", link: { tab: "about" } };
}

/** The rules in the order their findings are listed; areas append theirs. At most MAX_FINDINGS are kept. */
export const FINDING_RULES: FindingRule[] = [noPositiveRevenue, majorCustomers, concentration, alerts, receivablesOverdue, expectedLoss, revenueAtRisk, pareto, nonPositiveCustomers, rowsExcluded];

/** The key findings of an analysis of `ledger`, in `analysis.params.lang`. */
export function keyFindings(a: Analysis, ledger: Pick<Ledger, "customer" | "day" | "amount" | "used" | "customers">): Finding[] {
  const x: FindingContext = { a, m: messages(a.params.lang, a.params.currency), windows: yearWindows(ledger, a.asOf) };
  const out: Finding[] = [];
  for (const rule of FINDING_RULES) {
    if (out.length >= MAX_FINDINGS) break;
    const f = rule(x);
    if (f) out.push(f);
  }
  return out;
}
