import { NO_DAY } from "../../ledger/types";
import type { RisingDependence } from "../dependence/shifts";

/** Why an account is flagged (docs/metrics.md#account-risk), in severity order within each level. */
export type AlertReason = "seriousOverdue" | "churnRisk" | "revenueDecline" | "highUtilisation" | "contractEnd" | "risingDependence" | "majorCustomer";
export type AlertSeverity = "high" | "medium" | "low";

/** Reasons in the order alerts are listed: severity first, then this order. */
export const ALERT_REASONS: readonly AlertReason[] = ["seriousOverdue", "churnRisk", "revenueDecline", "highUtilisation", "contractEnd", "risingDependence", "majorCustomer"];

/**
 * Severity of each reason: money already at risk or an account likely gone is high; a warning that still leaves
 * time to act is medium; a structural fact (a large share) is low.
 */
export const ALERT_SEVERITY: Readonly<Record<AlertReason, AlertSeverity>> = Object.freeze({
  seriousOverdue: "high",
  churnRisk: "high",
  revenueDecline: "medium",
  highUtilisation: "medium",
  contractEnd: "medium",
  risingDependence: "medium",
  majorCustomer: "low",
});

const SEVERITY_RANK: Record<AlertSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Thresholds of the alerts (docs/metrics.md#account-risk); fractions are 0..1, days are calendar days. */
export interface AlertThresholds {
  /** churnRisk: P(alive) < pAlive … */
  pAlive: number;
  /** … on an account with share ≥ pAliveMinShare. */
  pAliveMinShare: number;
  /** seriousOverdue: balance more than `overdueDays` past due, above this share of the open balance. */
  overdueShare: number;
  overdueDays: number;
  /** majorCustomer: share ≥ this. */
  majorShare: number;
  /** revenueDecline: YoY ≤ −this (a decline of this fraction or more). */
  yoyDecline: number;
  /** contractEnd: contract ends within this many days of as-of (0..days). */
  contractDays: number;
  /** highUtilisation: open balance / credit limit ≥ this. */
  utilisation: number;
}

export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  pAlive: 0.5,
  pAliveMinShare: 0.01,
  overdueShare: 0.1,
  overdueDays: 90,
  majorShare: 0.1,
  yoyDecline: 0.3,
  contractDays: 90,
  utilisation: 0.9,
});

/** One alert: one account, one reason, the measured value and the threshold it crossed. */
export interface Alert {
  /** Customer code. */
  customer: number;
  reason: AlertReason;
  severity: AlertSeverity;
  /** Measured value, in the unit of the threshold (fraction, or days for contractEnd). */
  value: number;
  threshold: number;
  /** What value and threshold measure: a fraction, days (contract end), or multiples of the customer's typical gap
   *  between purchases (churn by recency). */
  unit: "fraction" | "days" | "gaps";
  /** English sentence for the tab and the CLI. */
  message: string;
}

/** Per-account inputs (all optional: an alert whose input is missing is not raised). */
export interface AlertInputs {
  n: number;
  asOf: number;
  share?: ArrayLike<number>;
  pAlive?: ArrayLike<number>;
  openBalance?: ArrayLike<number>;
  /** Open balance more than `overdueDays` past due. */
  overdueSerious?: ArrayLike<number>;
  yoy?: ArrayLike<number>;
  /** Contract end day per customer (NO_DAY when none). */
  contractEnd?: ArrayLike<number>;
  utilisation?: ArrayLike<number>;
  /**
   * Rising dependence, from the dependence stage's share shifts
   * (docs/functions.md#how-the-analysis-computes-dependence-ka-trends-stress-tests-groups-json): the customers whose
   * share of the last 12 months rose by `threshold` or more on the 12 before (`rise`), or crossed `line` from below
   * (`crossed`). Absent when the ledger does not cover both years.
   */
  rising?: { threshold: number; line: number; customers: readonly RisingDependence[] };
  /**
   * Churn by recency, read only when `pAlive` is absent (no model estimates it): days since the last purchase over
   * the customer's typical gap, flagged above `multiple` on key accounts (`keyAccount`: share ≥ pAliveMinShare or
   * ABC class A — the customers making up the first 80 % of revenue).
   */
  recency?: { gapRatio: ArrayLike<number>; daysSinceLast: ArrayLike<number>; typicalGap: ArrayLike<number>; multiple: number; keyAccount: ArrayLike<boolean> };
}

// Computed fractions land a hair off a round threshold (0.7 − 1 = −0.30000000000000004): within this, equal.
const EPS = 1e-12;
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

/**
 * Alerts for every account (docs/metrics.md#account-risk), one row per account and reason:
 * - churnRisk: P(alive) < 0.5 on an account with share ≥ 1 %; without P(alive), by recency: silent for more than
 *   `recency.multiple` times its typical gap, on a key account (share ≥ 1 % or ABC class A);
 * - seriousOverdue: open balance more than 90 days past due > 10 % of the account's open balance (accounts with a
 *   positive open balance only);
 * - majorCustomer: share ≥ 10 %;
 * - revenueDecline: YoY growth ≤ −30 %;
 * - contractEnd: contract end within 0..90 days after as-of (an already expired contract is not flagged);
 * - highUtilisation: utilisation ≥ 90 %;
 * - risingDependence: the share of the last 12 months rose ≥ 5 pp on the 12 before, or crossed 10 % from below on a
 *   smaller rise (value: the change as a fraction, threshold: the rise; the message says when it crossed).
 * "≥"/"≤" thresholds include the boundary, "<"/">" exclude it; values within 1e-12 of a threshold count as equal.
 * Sorted by severity (high, medium, low), then reason (`ALERT_REASONS`), then share, largest first, then customer code.
 *
 * @example accountAlerts({ n: 1, asOf: 0, share: [0.12] }) // [{ reason: "majorCustomer", value: 0.12, threshold: 0.1, … }]
 */
export function accountAlerts(x: AlertInputs, t: AlertThresholds = DEFAULT_ALERT_THRESHOLDS): Alert[] {
  const out: Alert[] = [];
  const push = (customer: number, reason: AlertReason, value: number, threshold: number, message: string): void => {
    out.push({ customer, reason, severity: ALERT_SEVERITY[reason], value, threshold, unit: reason === "contractEnd" ? "days" : "fraction", message });
  };
  const risingOf = new Map((x.rising?.customers ?? []).map((r) => [r.customer, r]));
  for (let c = 0; c < x.n; c++) {
    const share = x.share ? x.share[c] : NaN;
    if (x.openBalance && x.overdueSerious) {
      const open = x.openBalance[c];
      const ratio = open > 0 ? Math.max(0, x.overdueSerious[c]) / open : NaN;
      if (ratio > t.overdueShare + EPS) {
        push(c, "seriousOverdue", ratio, t.overdueShare, `${pct(ratio)} of the open balance is more than ${t.overdueDays} days past due (threshold ${pct(t.overdueShare)})`);
      }
    }
    if (x.pAlive) {
      const p = x.pAlive[c];
      if (p < t.pAlive - EPS && share >= t.pAliveMinShare - EPS) {
        push(c, "churnRisk", p, t.pAlive, `P(alive) ${p.toFixed(3)} is below ${t.pAlive} on an account with ${pct(share)} of revenue`);
      }
    }
    if (!x.pAlive && x.recency) {
      const r = x.recency;
      const ratio = r.gapRatio[c];
      if (r.keyAccount[c] && ratio > r.multiple + EPS) {
        const days = r.daysSinceLast[c];
        out.push({
          customer: c,
          reason: "churnRisk",
          severity: ALERT_SEVERITY.churnRisk,
          value: ratio,
          threshold: r.multiple,
          unit: "gaps",
          message: `no purchase for ${days} day${days === 1 ? "" : "s"}, ${ratio.toFixed(1)} × its typical gap of ${r.typicalGap[c].toFixed(1)} days (threshold ${r.multiple} ×; no model estimates P(alive) for this ledger)`,
        });
      }
    }
    if (x.yoy) {
      const g = x.yoy[c];
      if (g <= -t.yoyDecline + EPS) push(c, "revenueDecline", g, -t.yoyDecline, `revenue fell ${pct(-g)} year over year (threshold ${pct(t.yoyDecline)})`);
    }
    if (x.utilisation) {
      const u = x.utilisation[c];
      if (u >= t.utilisation - EPS) push(c, "highUtilisation", u, t.utilisation, `${pct(u)} of the credit limit is used (threshold ${pct(t.utilisation)})`);
    }
    if (x.contractEnd) {
      const end = x.contractEnd[c];
      if (end !== NO_DAY && Number.isFinite(end)) {
        const days = end - x.asOf;
        if (days >= 0 && days <= t.contractDays) push(c, "contractEnd", days, t.contractDays, `the contract ends in ${days} day${days === 1 ? "" : "s"} (within ${t.contractDays})`);
      }
    }
    if (x.rising && risingOf.has(c)) {
      const r = risingOf.get(c)!;
      const then = Number.isFinite(r.shareThen) ? r.shareThen : 0;
      const now = Number.isFinite(r.shareNow) ? r.shareNow : 0;
      const crossing = r.crossed ? `, crossing ${pct(x.rising.line)}` : "";
      if (r.rise || r.crossed) push(c, "risingDependence", r.change, x.rising.threshold, `share rose ${(100 * r.change).toFixed(1)} pp in a year, from ${pct(then)} to ${pct(now)}${crossing} (threshold ${(100 * x.rising.threshold).toFixed(1)} pp, or crossing ${pct(x.rising.line)})`);
    }
    if (share >= t.majorShare - EPS) push(c, "majorCustomer", share, t.majorShare, `${pct(share)} of revenue from one customer (threshold ${pct(t.majorShare)})`);
  }
  const shareOf = (c: number): number => {
    const s = x.share ? x.share[c] : NaN;
    return Number.isNaN(s) ? -Infinity : s;
  };
  out.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      ALERT_REASONS.indexOf(a.reason) - ALERT_REASONS.indexOf(b.reason) ||
      shareOf(b.customer) - shareOf(a.customer) ||
      a.customer - b.customer,
  );
  return out;
}

/** Alerts counted by reason (every reason present, 0 when none): the JSON `alerts` block. */
export function alertCounts(alerts: readonly Alert[]): Record<AlertReason, number> {
  const counts = Object.fromEntries(ALERT_REASONS.map((r) => [r, 0])) as Record<AlertReason, number>;
  for (const a of alerts) counts[a.reason]++;
  return counts;
}
