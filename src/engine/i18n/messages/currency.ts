/** Currency: which one the report is in, and why a ledger of several currencies is refused until one is chosen. */
import { defineMessages } from "../define";
import type { Fmt } from "../format";

export const currency = defineMessages({
  en: {
    label: "Currency",
    unknown: "not given (amounts without a currency symbol)",
    fromColumn: (a: { header: string }) => `from the ledger's column ${a.header}`,
    fromParameter: "as given for this report",
    mixed: (a: { codes: string[] }, f: Fmt) =>
      `The ledger holds ${f.int(a.codes.length)} currencies (${f.list(a.codes)}), and amounts in different currencies are never added together. Choose the currency to report (ka analyze --currency CODE, or Currency on the pane's Parameters page): rows in the other currencies are then excluded and counted on KA About.`,
    notInLedger: (a: { code: string; codes: string[] }, f: Fmt) =>
      `Currency ${a.code} is not in the ledger's currency column, which holds ${f.list(a.codes)}.`,
    notACode: (a: { label: string }) => `'${a.label}' is not a currency code: use the three letters of ISO 4217, such as CNY, USD or EUR.`,
    unreadable: (a: { labels: string[] }, f: Fmt) =>
      `The currency column holds values that are not currencies (${f.list(a.labels)}): fix them, or choose the report's currency explicitly.`,
    excluded: (a: { rows: number; code: string }, f: Fmt) =>
      `${f.int(a.rows)} ${f.plural(a.rows, "row", "rows")} in currencies other than ${a.code} ${f.plural(a.rows, "was", "were")} excluded.`,
  },
  "zh-CN": {
    label: "币种",
    unknown: "未指定（金额不带货币符号）",
    fromColumn: (a) => `取自台账的 ${a.header} 列`,
    fromParameter: "按本报告的设定",
    mixed: (a, f) =>
      `台账包含 ${f.int(a.codes.length)} 种币种（${f.list(a.codes)}），不同币种的金额不会相加。请选择报告币种（ka analyze --currency 代码，或任务窗格“参数”页的“币种”）：其他币种的行将被排除，并在“KA 说明”页中计数。`,
    notInLedger: (a, f) => `台账的币种列中没有 ${a.code}，只有 ${f.list(a.codes)}。`,
    notACode: (a) => `“${a.label}”不是币种代码：请使用 ISO 4217 的三个字母，例如 CNY、USD 或 EUR。`,
    unreadable: (a, f) => `币种列中有无法识别的值（${f.list(a.labels)}）：请更正，或明确指定报告币种。`,
    excluded: (a, f) => `已排除 ${f.int(a.rows)} 行其他币种（非 ${a.code}）的记录。`,
  },
});
