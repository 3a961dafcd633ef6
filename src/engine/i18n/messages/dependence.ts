/**
 * Dependence over time and by group: the KA Trends, KA Stress, KA Groups, KA Drill and KA Rows tabs, their notes and
 * the parameters on KA About.
 */
import type { Day } from "../../day";
import type { GroupKind } from "../../ledger/types";
import { defineMessages } from "../define";
import type { Fmt } from "../format";

export const dependence = defineMessages({
  en: {
    tab: { trends: "KA Trends", stress: "KA Stress", groups: "KA Groups", drill: "KA Drill", rows: "KA Rows" },
    trends: {
      title: "Concentration over time",
      note: (a: { monthly: boolean; rolling: boolean }) =>
        `One row per calendar ${a.monthly ? "month" : "quarter"}${a.rolling ? ", each measuring the 12 calendar months that end with it" : ""}. As on the Summary, shares count the customers whose net revenue in the period is positive; a period without any is listed with blank figures. Band lines: the HHI band limits of the yardsticks on KA About.`,
      notes: {
        noPositiveRevenue: "no customer with positive net revenue",
        partialStart: (a: { from: Day }, f: Fmt) => `the ledger starts ${f.date(a.from)}`,
        partialEnd: (a: { through: Day }, f: Fmt) => `to the as-of date ${f.date(a.through)}`,
      },
      hhiChart: "HHI by period, with the band limits",
      crChart: "Share of the largest customers by period",
      moderateLine: "Moderately concentrated from",
      highLine: "Highly concentrated above",
      changesTitle: "Who entered, left or moved in the top 10",
      change: { entered: "entered", left: "left", moved: "moved" },
      noChanges: "(no change)",
      risingTitle: "Rising dependence: the last 12 months against the 12 before",
      risingNote: (a: { threshold: number; from: Day; to: Day }, f: Fmt) =>
        `Customers whose share of revenue grew by ${f.pp(a.threshold, 0)} or more, or crossed the 10% disclosure line, between the 12 months to ${f.date(a.from)} and the 12 months to ${f.date(a.to)}. The per-customer shares and ranks are on KA Accounts.`,
      notCovered: (a: { from: Day }, f: Fmt) => `The ledger does not reach back to ${f.date(a.from)}: shares of the earlier 12 months, their change and this alert are left blank.`,
      noRising: "(none)",
    },
    stress: {
      title: "What if we lose them? Stress tests",
      note: "Each line loses customers and shows what goes with them: revenue and its share (losing the k largest loses CRk), gross margin where the ledger has costs, open receivables and expected credit loss, and the HHI of the customers who remain. Every figure is a formula over KA Accounts: change k or pick a customer in the yellow cells.",
      topKTitle: "Lose the k largest customers (edit k)",
      customersTitle: "Lose one customer (each with at least the share on KA About; pick others in the empty rows)",
      pickPrompt: "Pick a customer of KA Accounts",
      pickError: "Choose a customer from the list (KA Accounts).",
    },
    groups: {
      title: "Dependence by group",
      note: (a: { share: number }, f: Fmt) =>
        `Per value of each grouping column: net revenue, customers, the HHI of the group's revenue across its customers, its largest customer and that customer's share. A group whose largest customer has ${f.pct(a.share, 0)} or more hangs on one customer. A customer buying in two groups counts in each with its rows there.`,
      kind: { region: "Region", salesRep: "Sales rep", productLine: "Product line", channel: "Channel", entity: "Entity", other: "Group" } satisfies Record<GroupKind, string>,
      by: (a: { header: string }) => `By ${a.header}`,
      chart: (a: { header: string }) => `Largest customer's share of each ${a.header}`,
      blank: "(blank)",
    },
    drill: {
      title: "Drill down: the ledger rows of one customer",
      pick: "Customer",
      prompt: "Pick a customer of KA Accounts; the rows below are its ledger rows.",
      rank: "Its rank on KA Accounts",
      first: "Its first row in KA Rows",
      rowsFound: "Rows found",
      total: "Total amount (= Revenue on KA Accounts)",
      revenue: "Revenue on KA Accounts",
      shown: (a: { shown: number }, f: Fmt) => `The first ${f.int(a.shown)} rows of the customer are shown (every customer of this ledger has at most that many).`,
      link: "rows",
      fromSource: (a: { sheet: string }) => `The rows are read by formula from the ledger's own sheet, ${a.sheet} (which the add-in never changes); KA Rows lists each used row's sheet row and amount.`,
      sheetRow: "Sheet row",
    },
    rows: {
      title: "Ledger rows used",
      note: "Every row of the ledger the analysis used, with its sheet or file row; KA Drill reads them.",
    },
    params: {
      risingShare: "Rising dependence: share rise over a year",
      stressShare: "Stress test: lose each customer with a share of at least",
      groupOneCustomer: "Group hangs on one customer: largest customer's share at least",
    },
  },
  "zh-CN": {
    tab: { trends: "KA 趋势", stress: "KA 压力测试", groups: "KA 分组", drill: "KA 明细", rows: "KA 账目行" },
    trends: {
      title: "集中度变化趋势",
      note: (a) =>
        `每个自然${a.monthly ? "月" : "季度"}一行${a.rolling ? "，每行计算截至该期末的 12 个自然月" : ""}。与摘要相同，占比只计该期间净收入为正的客户；没有此类客户的期间仍列出，数值为空。参考线：KA 说明页所选标准的 HHI 等级界限。`,
      notes: {
        noPositiveRevenue: "没有净收入为正的客户",
        partialStart: (a, f) => `账目自 ${f.date(a.from)} 开始`,
        partialEnd: (a, f) => `截至分析日 ${f.date(a.through)}`,
      },
      hhiChart: "各期 HHI 及等级界限",
      crChart: "各期最大客户的收入占比",
      moderateLine: "中度集中起点",
      highLine: "高度集中界限",
      changesTitle: "前 10 名客户的进入、退出与名次变化",
      change: { entered: "进入", left: "退出", moved: "名次变化" },
      noChanges: "（无变化）",
      risingTitle: "依赖上升：最近 12 个月与之前 12 个月对比",
      risingNote: (a, f) =>
        `在截至 ${f.date(a.from)} 的 12 个月与截至 ${f.date(a.to)} 的 12 个月之间，收入占比上升 ${f.pp(a.threshold, 0)} 或以上、或越过 10% 披露线的客户。各客户的占比与名次见 KA 客户页。`,
      notCovered: (a, f) => `账目未回溯到 ${f.date(a.from)}：之前 12 个月的占比、其变化及本预警留空。`,
      noRising: "（无）",
    },
    stress: {
      title: "如果失去他们？压力测试",
      note: "每一行假设失去若干客户，并显示随之失去的：收入及其占比（失去最大的 k 个客户即失去 CR k）、有成本数据时的毛利、未收应收款与预期信用损失，以及剩余客户的 HHI。所有数字都是基于 KA 客户页的公式：修改黄色单元格中的 k 或选择客户即可。",
      topKTitle: "失去最大的 k 个客户（可修改 k）",
      customersTitle: "失去单个客户（占比不低于 KA 说明页所设值的客户；可在空行中选择其他客户）",
      pickPrompt: "从 KA 客户页中选择客户",
      pickError: "请从列表（KA 客户页）中选择客户。",
    },
    groups: {
      title: "按分组的依赖程度",
      note: (a, f) =>
        `按每个分组列的取值：净收入、客户数、该组收入在其客户间的 HHI、最大客户及其占比。最大客户占比达到 ${f.pct(a.share, 0)} 或以上的分组即依赖单一客户。在两个分组都有购买的客户，在每个分组按其在该组的账目行计入。`,
      kind: { region: "区域", salesRep: "销售员", productLine: "产品线", channel: "渠道", entity: "主体", other: "分组" },
      by: (a) => `按${a.header}`,
      chart: (a) => `各${a.header}最大客户的占比`,
      blank: "（空白）",
    },
    drill: {
      title: "明细：单个客户的账目行",
      pick: "客户",
      prompt: "从 KA 客户页中选择客户；下方即为其账目行。",
      rank: "在 KA 客户页的名次",
      first: "在 KA 账目行页的首行",
      rowsFound: "找到的行数",
      total: "金额合计（= KA 客户页的收入）",
      revenue: "KA 客户页的收入",
      shown: (a, f) => `显示客户的前 ${f.int(a.shown)} 行（本账目中每个客户的行数都不超过此数）。`,
      link: "明细",
      fromSource: (a) => `各行由公式直接读取账目所在的工作表 ${a.sheet}（加载项从不修改该表）；KA 账目行页只列出每个已用行的行号和金额。`,
      sheetRow: "工作表行号",
    },
    rows: {
      title: "分析使用的账目行",
      note: "分析使用的每一行账目及其在工作表或文件中的行号；KA 明细页读取这些行。",
    },
    params: {
      risingShare: "依赖上升：一年内占比上升至少",
      stressShare: "压力测试：逐一失去占比不低于此值的客户",
      groupOneCustomer: "分组依赖单一客户：最大客户占比至少",
    },
  },
});
