/** KA Alerts: the tab's introduction and each alert's detail, by reason, with its measured value and threshold. */
import type { AlertReason } from "../../metrics/risk";
import { defineMessages } from "../define";
import type { Fmt } from "../format";

export interface AlertDetail {
  reason: AlertReason;
  /** Measured value and threshold: fractions, or days for contractEnd. */
  value: number;
  threshold: number;
  /** Days past due that make a balance seriously overdue. */
  days: number;
  /** The account's share of revenue (NaN when none). */
  share: number;
  /** risingDependence: the shares of the 12 months before and the last 12, whether it crossed `line` from below. */
  rising?: { then: number; now: number; crossed: boolean; line: number };
  /** churnRisk by recency (no model estimates P(alive)): value and threshold are multiples of the customer's typical
   *  gap between purchases; the days since the last purchase and that gap in days. */
  recency?: { days: number; gap: number };
}

export const alerts = defineMessages({
  en: {
    intro: (a: { alerts: number; accounts: number }, f: Fmt) =>
      `${f.int(a.alerts)} ${f.plural(a.alerts, "alert", "alerts")} on ${f.int(a.accounts)} ${f.plural(a.accounts, "account", "accounts")}, high severity first (money at risk or an account likely lost), then medium, then low; thresholds on KA About.`,
    gaps: (a: { n: number }, f: Fmt) => `${f.num(a.n, 1)} × gap`,
    detail: (a: AlertDetail, f: Fmt) => {
      switch (a.reason) {
        case "seriousOverdue":
          return `${f.pct(a.value)} of the open balance is more than ${f.int(a.days)} days past due (threshold ${f.pct(a.threshold)})`;
        case "churnRisk":
          if (a.recency) return `no purchase for ${f.int(a.recency.days)} ${f.plural(a.recency.days, "day", "days")}, ${f.num(a.value, 1)} × its typical gap of ${f.num(a.recency.gap, 1)} days (threshold ${f.num(a.threshold, 1)} ×); no model estimates P(alive) for this ledger, so recency decides`;
          return `P(alive) ${f.pct(a.value)} is below ${f.pct(a.threshold, 0)} on an account with ${f.pct(a.share)} of revenue`;
        case "revenueDecline":
          return `revenue fell ${f.pct(-a.value)} on the year before (threshold ${f.pct(-a.threshold)})`;
        case "highUtilisation":
          return `${f.pct(a.value)} of the credit limit is used (threshold ${f.pct(a.threshold)})`;
        case "contractEnd":
          return `the contract ends in ${f.int(a.value)} ${f.plural(a.value, "day", "days")} (within ${f.int(a.threshold)})`;
        case "risingDependence": {
          const r = a.rising;
          const from = r ? `, from ${f.pct(r.then)} to ${f.pct(r.now)}${r.crossed ? `, crossing ${f.pct(r.line, 0)}` : ""}` : "";
          return `share rose ${f.pp(a.value)} in a year${from} (threshold ${f.pp(a.threshold)}${r ? `, or crossing ${f.pct(r.line, 0)}` : ""})`;
        }
        case "majorCustomer":
          return `${f.pct(a.value)} of revenue from one customer (threshold ${f.pct(a.threshold)})`;
      }
    },
  },
  "zh-CN": {
    intro: (a: { alerts: number; accounts: number }, f: Fmt) => `共 ${f.int(a.alerts)} 条预警，涉及 ${f.int(a.accounts)} 个客户；先列高严重度（资金有风险或客户很可能流失），再列中、低严重度；阈值见“KA 说明”页。`,
    gaps: (a: { n: number }, f: Fmt) => `间隔的 ${f.num(a.n, 1)} 倍`,
    detail: (a: AlertDetail, f: Fmt) => {
      switch (a.reason) {
        case "seriousOverdue":
          return `未收余额的 ${f.pct(a.value)} 逾期超过 ${f.int(a.days)} 天（阈值 ${f.pct(a.threshold)}）`;
        case "churnRisk":
          if (a.recency) return `已 ${f.int(a.recency.days)} 天未购买，是其典型购买间隔（${f.num(a.recency.gap, 1)} 天）的 ${f.num(a.value, 1)} 倍（阈值 ${f.num(a.threshold, 1)} 倍）；这份台账没有模型能估计 P(alive)，因此按最近购买间隔判断`;
          return `P(alive) 为 ${f.pct(a.value)}，低于 ${f.pct(a.threshold, 0)}，该客户占收入的 ${f.pct(a.share)}`;
        case "revenueDecline":
          return `收入同比下降 ${f.pct(-a.value)}（阈值 ${f.pct(-a.threshold)}）`;
        case "highUtilisation":
          return `已用信用额度的 ${f.pct(a.value)}（阈值 ${f.pct(a.threshold)}）`;
        case "contractEnd":
          return `合同 ${f.int(a.value)} 天后到期（${f.int(a.threshold)} 天内）`;
        case "risingDependence": {
          const r = a.rising;
          const from = r ? `，从 ${f.pct(r.then)} 升至 ${f.pct(r.now)}${r.crossed ? `，越过 ${f.pct(r.line, 0)}` : ""}` : "";
          return `一年内占比变化 ${f.pp(a.value)}${from}（阈值 ${f.pp(a.threshold)}${r ? `，或越过 ${f.pct(r.line, 0)}` : ""}）`;
        }
        case "majorCustomer":
          return `单一客户占收入的 ${f.pct(a.value)}（阈值 ${f.pct(a.threshold)}）`;
      }
    },
  },
});
