/**
 * Key findings (KA Summary's first block, the JSON `findings`): plain sentences with their numbers. Each rule in
 * src/engine/findings picks the message and hands over numbers and names; the words and the number formats are
 * the language's.
 */
import type { FindingCode } from "../../findings/types";
import type { AlertReason } from "../../metrics/risk";
import { defineMessages } from "../define";
import type { Fmt } from "../format";

/** A customer named in a finding with its share of revenue. */
export interface NamedShare {
  name: string;
  share: number;
}

/** Names with shares, at most a few listed: `A (34.1%), B (12.0%) and 3 more`. */
function namesEn(items: readonly NamedShare[], more: number, f: Fmt): string {
  const listed = items.map((x) => `${x.name} (${f.pct(x.share)})`);
  return more > 0 ? `${listed.join(", ")} and ${f.int(more)} more` : f.list(listed);
}
function namesZh(items: readonly NamedShare[], more: number, f: Fmt): string {
  const listed = items.map((x) => `${x.name}（${f.pct(x.share)}）`);
  return more > 0 ? `${listed.join("、")}等 ${f.int(more + items.length)} 个客户` : f.list(listed);
}

/** How an alert's measured value reads: in English and Chinese, by reason. */
export interface AlertFact {
  name: string;
  reason: AlertReason;
  value: number;
  /** For seriousOverdue: the days past due that make it serious. */
  days: number;
  /** "gaps": a churn alert by recency (value = days silent ÷ the customer's typical gap), not by P(alive). */
  unit?: "fraction" | "days" | "gaps";
}

function alertFactEn(x: AlertFact, f: Fmt): string {
  switch (x.reason) {
    case "seriousOverdue":
      return `${x.name}: ${f.pct(x.value)} of its open balance more than ${f.int(x.days)} days past due`;
    case "churnRisk":
      return x.unit === "gaps" ? `${x.name}: silent for ${f.num(x.value, 1)} × its usual gap between purchases` : `${x.name}: likely lost, P(alive) ${f.pct(x.value)}`;
    case "revenueDecline":
      return `${x.name}: revenue down ${f.pct(-x.value)} on the year before`;
    case "highUtilisation":
      return `${x.name}: ${f.pct(x.value)} of its credit limit used`;
    case "contractEnd":
      return `${x.name}: contract ends in ${f.int(x.value)} ${f.plural(x.value, "day", "days")}`;
    case "risingDependence":
      return `${x.name}: dependence rising, share up ${f.num(100 * x.value, 1)} percentage points in a year`;
    case "majorCustomer":
      return `${x.name}: ${f.pct(x.value)} of revenue`;
  }
}
function alertFactZh(x: AlertFact, f: Fmt): string {
  switch (x.reason) {
    case "seriousOverdue":
      return `${x.name}：未收余额的 ${f.pct(x.value)} 逾期超过 ${f.int(x.days)} 天`;
    case "churnRisk":
      return x.unit === "gaps" ? `${x.name}：已 ${f.num(x.value, 1)} 倍于其常规购买间隔未再购买` : `${x.name}：很可能已流失，P(alive) 为 ${f.pct(x.value)}`;
    case "revenueDecline":
      return `${x.name}：收入同比下降 ${f.pct(-x.value)}`;
    case "highUtilisation":
      return `${x.name}：已用信用额度的 ${f.pct(x.value)}`;
    case "contractEnd":
      return `${x.name}：合同 ${f.int(x.value)} 天后到期`;
    case "risingDependence":
      return `${x.name}：依赖度上升，份额一年内上升 ${f.num(100 * x.value, 1)} 个百分点`;
    case "majorCustomer":
      return `${x.name}：占收入的 ${f.pct(x.value)}`;
  }
}

export const findings = defineMessages({
  en: {
    title: "Key findings",
    /** The short name beside each finding's number. */
    label: {
      noPositiveRevenue: "Net revenue",
      majorCustomers: "Major customers' share",
      concentration: "HHI",
      alerts: "Alerts to act on",
      receivablesOverdue: "Overdue",
      expectedLoss: "Expected credit loss",
      revenueAtRisk: "Revenue at risk",
      pareto: "Pareto customers",
      nonPositiveCustomers: "Customers in credit",
      rowsExcluded: "Rows not used",
    } satisfies Record<FindingCode, string>,
    intro: "What needs attention first; each finding's number links to the rows behind it.",
    columnFinding: "Finding",
    columnValue: "Figure",
    columnWhere: "See",
    noPositiveRevenue: (a: { revenue: number; customers: number }, f: Fmt) =>
      `There is no positive revenue to share out: the net revenue of all ${f.int(a.customers)} ${f.plural(a.customers, "customer", "customers")} is ${f.moneyShort(a.revenue)} (credit notes cancel or exceed the sales), so shares, HHI and the other concentration measures are not measured.`,
    majorOne: (a: { name: string; share: number; line: number }, f: Fmt) =>
      `${a.name} brings ${f.pct(a.share)} of revenue: disclose it as a major customer (${f.pct(a.line, 0)} or more of revenue).`,
    majorMany: (a: { count: number; items: NamedShare[]; more: number; total: number; line: number }, f: Fmt) =>
      `${f.int(a.count)} customers each bring ${f.pct(a.line, 0)} or more of revenue and are disclosed as major customers: ${namesEn(a.items, a.more, f)}; together ${f.pct(a.total)}.`,
    majorNone: (a: { name: string; share: number; line: number }, f: Fmt) =>
      `No customer reaches ${f.pct(a.line, 0)} of revenue, so none is disclosed as a major customer; the largest, ${a.name}, brings ${f.pct(a.share)}.`,
    concentration: (a: { band: string; hhi: number; effective: number; top: number; topShare: number; customers: number }, f: Fmt) =>
      `Revenue is ${a.band} (HHI ${f.int(a.hhi)}): as concentrated as ${f.num(a.effective, 1)} equal-sized ${f.plural(Math.round(a.effective * 10) / 10, "customer", "customers")}` +
      (a.customers > a.top ? `; the top ${f.int(a.top)} bring ${f.pct(a.topShare)}.` : ` among ${f.int(a.customers)} ${f.plural(a.customers, "customer", "customers")} with revenue.`),
    concentrationYear: (a: { now: number; before: number; bandNow: string; bandBefore: string }, f: Fmt) =>
      ` Over the last 12 months HHI was ${f.int(a.now)}, ${a.now > a.before ? "up" : a.now < a.before ? "down" : "unchanged"} from ${f.int(a.before)} in the 12 months before` +
      (a.bandNow !== a.bandBefore ? ` (${a.bandBefore} then, ${a.bandNow} now).` : "."),
    pareto: (a: { count: number; customers: number; fraction: number; threshold: number }, f: Fmt) =>
      `${f.int(a.count)} of ${f.int(a.customers)} ${f.plural(a.customers, "customer", "customers")} (${f.pct(a.fraction)}) ${f.plural(a.count, "brings", "bring")} ${f.pct(a.threshold, 0)} of revenue.`,
    overdue: (a: { overdue: number; receivables: number; share: number; serious: number; days: number }, f: Fmt) =>
      `${f.moneyShort(a.overdue)} of ${f.moneyShort(a.receivables)} receivables is overdue (${f.pct(a.share)}); ${f.moneyShort(a.serious)} is more than ${f.int(a.days)} days past due.`,
    overdueNone: (a: { receivables: number }, f: Fmt) => `None of the ${f.moneyShort(a.receivables)} receivables is overdue.`,
    expectedLoss: (a: { ecl: number; share: number; method: "rollRate" | "illustrative" | "given" }, f: Fmt) =>
      `Expected credit loss is ${f.moneyShort(a.ecl)}, ${f.pct(a.share, 2)} of receivables, ` +
      (a.method === "rollRate"
        ? "with loss rates estimated from the ledger's payment history (roll-rate method)."
        : a.method === "illustrative"
          ? "with the illustrative IFRS 9 loss rates: put your own on KA About."
          : "with the loss rates given on KA About."),
    /** Why a customer's revenue is at risk; joined with "or" in `atRisk`. */
    criterionLost: (a: { line: number }, f: Fmt) => `likely lost (P(alive) below ${f.pct(a.line, 0)})`,
    criterionDecline: (a: { line: number }, f: Fmt) => `with revenue down ${f.pct(a.line, 0)} or more on the year before`,
    atRisk: (a: { count: number; criteria: string[]; revenue: number; share: number; items: NamedShare[]; more: number }, f: Fmt) =>
      `${f.int(a.count)} ${f.plural(a.count, "customer", "customers")} ${a.criteria.join(" or ")} brought ${f.moneyShort(a.revenue)} in the last 12 months, ${f.pct(a.share)} of that revenue; the largest: ${namesEn(a.items, a.more, f)}.`,
    atRiskNone: (a: { criteria: string[] }) => `No customer with revenue in the last 12 months is ${a.criteria.join(" or ")}.`,
    alertsHigh: (a: { high: number; total: number; facts: AlertFact[] }, f: Fmt) =>
      `${f.int(a.high)} high-severity ${f.plural(a.high, "alert", "alerts")} (${f.int(a.total)} in all): ${a.facts.map((x) => alertFactEn(x, f)).join("; ")}.`,
    alertsOther: (a: { total: number; facts: AlertFact[] }, f: Fmt) =>
      `No high-severity alert; ${f.int(a.total)} medium or low ${f.plural(a.total, "alert", "alerts")}: ${a.facts.map((x) => alertFactEn(x, f)).join("; ")}${a.total > a.facts.length ? `; and ${f.int(a.total - a.facts.length)} more` : ""}.`,
    alertsNone: "No account crosses an alert threshold.",
    nonPositive: (a: { count: number; revenue: number }, f: Fmt) =>
      `${f.int(a.count)} ${f.plural(a.count, "customer has", "customers have")} net revenue of zero or less (credit notes at least equal to sales; ${f.moneyShort(a.revenue)} together): counted, but in no share.`,
    /** One exclusion reason with its row count, for `excluded`'s list. */
    reasonCount: (a: { reason: string; rows: number }, f: Fmt) => `${a.reason}: ${f.int(a.rows)}`,
    excluded: (a: { excluded: number; read: number; reasons: string[] }, f: Fmt) =>
      `${f.int(a.excluded)} of ${f.int(a.read)} ledger rows were not used (${f.list(a.reasons)}); each is listed with its reason on KA About.`,
  },
  "zh-CN": {
    title: "主要发现",
    label: {
      noPositiveRevenue: "净收入",
      majorCustomers: "主要客户占比",
      concentration: "HHI",
      alerts: "需处理的预警",
      receivablesOverdue: "逾期金额",
      expectedLoss: "预期信用损失",
      revenueAtRisk: "风险收入",
      pareto: "帕累托客户数",
      nonPositiveCustomers: "净收入非正的客户",
      rowsExcluded: "未使用的行",
    },
    intro: "最需要关注的事项；点击每条发现的数字可查看对应的行。",
    columnFinding: "发现",
    columnValue: "数值",
    columnWhere: "查看",
    noPositiveRevenue: (a, f) => `没有可分配的正收入：全部 ${f.int(a.customers)} 个客户的净收入为 ${f.moneyShort(a.revenue)}（贷项凭证抵消或超过销售额），因此不计算占比、HHI 等集中度指标。`,
    majorOne: (a, f) => `${a.name}贡献了 ${f.pct(a.share)} 的收入，应作为主要客户披露（收入占比 ${f.pct(a.line, 0)} 及以上）。`,
    majorMany: (a, f) =>
      `${f.int(a.count)} 个客户的收入占比均在 ${f.pct(a.line, 0)} 及以上，应作为主要客户披露：${namesZh(a.items, a.more, f)}；合计 ${f.pct(a.total)}。`,
    majorNone: (a, f) => `没有客户的收入占比达到 ${f.pct(a.line, 0)}，无需披露主要客户；最大客户${a.name}占 ${f.pct(a.share)}。`,
    concentration: (a, f) =>
      `收入${a.band}（HHI ${f.int(a.hhi)}），相当于 ${f.num(a.effective, 1)} 个同等规模的客户` +
      (a.customers > a.top ? `；前 ${f.int(a.top)} 大客户贡献 ${f.pct(a.topShare)}。` : `，有收入的客户共 ${f.int(a.customers)} 个。`),
    concentrationYear: (a, f) =>
      `近 12 个月的 HHI 为 ${f.int(a.now)}，${a.now > a.before ? "高于" : a.now < a.before ? "低于" : "等于"}此前 12 个月的 ${f.int(a.before)}` +
      (a.bandNow !== a.bandBefore ? `（由${a.bandBefore}变为${a.bandNow}）。` : "。"),
    pareto: (a, f) => `${f.int(a.customers)} 个客户中的 ${f.int(a.count)} 个（${f.pct(a.fraction)}）贡献了 ${f.pct(a.threshold, 0)} 的收入。`,
    overdue: (a, f) =>
      `应收账款 ${f.moneyShort(a.receivables)} 中有 ${f.moneyShort(a.overdue)} 已逾期（${f.pct(a.share)}），其中 ${f.moneyShort(a.serious)} 逾期超过 ${f.int(a.days)} 天。`,
    overdueNone: (a, f) => `应收账款 ${f.moneyShort(a.receivables)} 均未逾期。`,
    expectedLoss: (a, f) =>
      `预期信用损失为 ${f.moneyShort(a.ecl)}，占应收账款的 ${f.pct(a.share, 2)}，` +
      (a.method === "rollRate" ? "损失率按台账回款历史估算（迁徙率法）。" : a.method === "illustrative" ? "采用 IFRS 9 示例损失率，请在“KA 说明”页填入贵公司的损失率。" : "采用“KA 说明”页上给定的损失率。"),
    criterionLost: (a, f) => `很可能已流失（P(alive) 低于 ${f.pct(a.line, 0)}）`,
    criterionDecline: (a, f) => `收入同比下降 ${f.pct(a.line, 0)} 及以上`,
    atRisk: (a, f) =>
      `${f.int(a.count)} 个${a.criteria.join("或")}的客户近 12 个月贡献了 ${f.moneyShort(a.revenue)}，占该期间收入的 ${f.pct(a.share)}；最大的有：${namesZh(a.items, a.more, f)}。`,
    atRiskNone: (a) => `近 12 个月有收入的客户中，没有${a.criteria.join("或")}的客户。`,
    alertsHigh: (a, f) => `${f.int(a.high)} 条高严重度预警（共 ${f.int(a.total)} 条）：${a.facts.map((x) => alertFactZh(x, f)).join("；")}。`,
    alertsOther: (a, f) => `没有高严重度预警；中低严重度预警共 ${f.int(a.total)} 条：${a.facts.map((x) => alertFactZh(x, f)).join("；")}${a.total > a.facts.length ? `；另有 ${f.int(a.total - a.facts.length)} 条` : ""}。`,
    alertsNone: "没有客户触及预警阈值。",
    nonPositive: (a, f) => `${f.int(a.count)} 个客户的净收入为零或负数（贷项凭证不少于销售额，合计 ${f.moneyShort(a.revenue)}）：计入客户数，但不计入占比。`,
    reasonCount: (a, f) => `${a.reason} ${f.int(a.rows)} 行`,
    excluded: (a, f) => `台账 ${f.int(a.read)} 行中有 ${f.int(a.excluded)} 行未使用（${f.list(a.reasons)}），每行及其原因列在“KA 说明”页。`,
  },
});
