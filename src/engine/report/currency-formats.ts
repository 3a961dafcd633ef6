import { moneyNumberFormat } from "../i18n/currency";
import { NumberFormat, updateTable } from "./types";
import type { Block, Report } from "./types";

/**
 * Money cells carry the report currency's symbol: every number format equal to the plain money format
 * (`#,##0.00`) becomes the currency's (`"¥"#,##0.00`). Builders keep saying "money"; the currency is decided once.
 */
export function applyCurrencyFormats(report: Report, code: string | undefined): Report {
  if (!code) return report;
  const money = moneyNumberFormat(code);
  const fix = <T extends { numberFormat?: string }>(x: T): T => (x.numberFormat === NumberFormat.money ? { ...x, numberFormat: money } : x);
  const blocks = (b: Block): Block => {
    switch (b.kind) {
      case "table":
        return updateTable(b, { columns: b.columns.map(fix) });
      case "keyValue":
        return { ...b, items: b.items.map(fix) };
      case "matrix":
        return fix(b);
      default:
        return b;
    }
  };
  return { ...report, sheets: report.sheets.map((s) => ({ ...s, blocks: s.blocks.map(blocks) })) };
}
