/**
 * Words every area uses: yes/no, the HHI bands, tiers, alert reasons and severities, why a row was excluded, the
 * analysis stages (the pane's progress shows them), currencies. Codes stay as keys (JSON, formulas' `Code`
 * columns); only what a reader sees is translated.
 */
import type { ExclusionReason } from "../../ledger/types";
import type { HhiBand } from "../../metrics/concentration/hhi";
import type { AlertReason, AlertSeverity, Tier } from "../../metrics/risk";
import { defineMessages } from "../define";
import type { Fmt } from "../format";

export const common = defineMessages({
  en: {
    /** Tab names by sheet role. Formulas never spell them (table and defined names instead), so they may differ by language. */
    tab: {
      summary: "KA Summary",
      accounts: "KA Accounts",
      segments: "KA Segments",
      aging: "KA Aging",
      cohorts: "KA Cohorts",
      alerts: "KA Alerts",
      about: "KA About",
    },
    yes: "Yes",
    no: "No",
    none: "none",
    hhiBand: {
      unconcentrated: "unconcentrated",
      "moderately concentrated": "moderately concentrated",
      "highly concentrated": "highly concentrated",
    } satisfies Record<HhiBand, string>,
    tier: { Strategic: "Strategic", Key: "Key", General: "General" } satisfies Record<Tier, string>,
    severity: { high: "high", medium: "medium", low: "low" } satisfies Record<AlertSeverity, string>,
    alertReason: {
      seriousOverdue: "Seriously overdue",
      churnRisk: "Churn risk",
      revenueDecline: "Revenue decline",
      highUtilisation: "Credit limit nearly used",
      contractEnd: "Contract ending",
      risingDependence: "Rising dependence",
      majorCustomer: "Major customer",
    } satisfies Record<AlertReason, string>,
    exclusionReason: {
      "customer is blank": "customer is blank",
      "date is blank": "date is blank",
      "date is not a date": "date is not a date",
      "amount is blank": "amount is blank",
      "amount is not a number": "amount is not a number",
      "error cell": "error cell",
      "after as-of date": "after as-of date",
      "blank row": "blank row",
      "more fields than the header": "more fields than the header",
      "other currency": "other currency",
      "date far after the other rows": "date far after the other rows",
      "date far before the other rows": "date far before the other rows",
    } satisfies Record<ExclusionReason, string>,
    /** Analysis stages by their `Stage.name` (progress in the pane and on the CLI's standard error). */
    stage: {
      customers: "Customer totals",
      concentration: "Concentration",
      rfm: "RFM scores",
      stability: "Demand stability",
      retention: "Retention and cohorts",
      "clv models": "Lifetime value models",
      credit: "Credit risk",
      risk: "Account risk",
      dependence: "Dependence and stress tests",
      findings: "Key findings",
      done: "Done",
    },
    days: (a: { n: number }, f: Fmt) => `${f.int(a.n)} ${f.plural(a.n, "day", "days")}`,
    customers: (a: { n: number }, f: Fmt) => `${f.int(a.n)} ${f.plural(a.n, "customer", "customers")}`,
  },
  "zh-CN": {
    tab: {
      summary: "KA 摘要",
      accounts: "KA 客户",
      segments: "KA 分群",
      aging: "KA 账龄",
      cohorts: "KA 同期群",
      alerts: "KA 预警",
      about: "KA 说明",
    },
    yes: "是",
    no: "否",
    none: "无",
    hhiBand: {
      unconcentrated: "非集中",
      "moderately concentrated": "中度集中",
      "highly concentrated": "高度集中",
    },
    tier: { Strategic: "战略客户", Key: "重点客户", General: "一般客户" },
    severity: { high: "高", medium: "中", low: "低" },
    alertReason: {
      seriousOverdue: "严重逾期",
      churnRisk: "流失风险",
      revenueDecline: "收入下滑",
      highUtilisation: "信用额度将用尽",
      contractEnd: "合同即将到期",
      risingDependence: "依赖度上升",
      majorCustomer: "主要客户",
    },
    exclusionReason: {
      "customer is blank": "客户为空",
      "date is blank": "日期为空",
      "date is not a date": "日期无法识别",
      "amount is blank": "金额为空",
      "amount is not a number": "金额不是数字",
      "error cell": "单元格为错误值",
      "after as-of date": "晚于分析日期",
      "blank row": "空行",
      "more fields than the header": "字段数多于表头",
      "other currency": "其他币种",
      "date far after the other rows": "日期远晚于其他行",
      "date far before the other rows": "日期远早于其他行",
    },
    stage: {
      customers: "客户汇总",
      concentration: "集中度",
      rfm: "RFM 评分",
      stability: "需求稳定性",
      retention: "留存与同期群",
      "clv models": "客户终身价值模型",
      credit: "信用风险",
      risk: "客户风险",
      dependence: "依赖度与压力测试",
      findings: "主要发现",
      done: "完成",
    },
    days: (a, f) => `${f.int(a.n)} 天`,
    customers: (a, f) => `${f.int(a.n)} 个客户`,
  },
});
