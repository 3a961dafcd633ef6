/** KA Segments: the tab's introduction. */
import { defineMessages } from "../define";
import type { Fmt } from "../format";

export const segments = defineMessages({
  en: {
    intro: (a: { bins: number; unsegmented: number }, f: Fmt) =>
      `Scores 1–${f.int(a.bins)} by the count rule (ties share a score); segments by the rule table on KA About. Share of revenue is of total net revenue.` +
      (a.unsegmented > 0 ? ` ${f.int(a.unsegmented)} ${f.plural(a.unsegmented, "customer", "customers")} without a purchase ${f.plural(a.unsegmented, "has", "have")} no segment.` : ""),
  },
  "zh-CN": {
    intro: (a, f) =>
      `得分 1–${f.int(a.bins)} 按计数规则计算（并列者得分相同）；细分按“KA 说明”页的规则表划分。收入占比以总净收入为分母。` +
      (a.unsegmented > 0 ? `${f.int(a.unsegmented)} 个没有购买记录的客户未归入任何细分。` : ""),
  },
});
