/** KA Accounts: one row per customer, largest first; its columns are the catalogue's Accounts groups that apply. */
import { ACCOUNTS_TABLE, accountOrder, accountRows } from "../account-columns";
import type { FormulaRefs, TabDef } from "../model";
import type { ColumnSpec, ConditionalFormat } from "../types";

export const accountsTab: TabDef = {
  role: "accounts",
  name: "KA Accounts",
  build(ctx) {
    const cols = ctx.accountColumns;
    const refs: FormulaRefs = { ...ctx.accounts, a: ctx.a, table: ctx.table };
    const rows = accountRows(ctx.a, cols, refs, accountOrder(ctx.a));
    const specs: ColumnSpec[] = cols.map((col) => ({ header: col.header, key: col.def.key, numberFormat: col.def.numberFormat, width: col.def.width }));
    const conditionalFormats: ConditionalFormat[] = [];
    if (ctx.accounts.has("share")) conditionalFormats.push({ column: ctx.accounts.header("share"), kind: "dataBar", color: "5B9BD5" });
    return {
      freeze: { rows: 1, cols: 1 },
      columnWidths: cols.map((col) => col.def.width ?? 12),
      tabColor: "2F5597",
      blocks: [{ kind: "table", name: ACCOUNTS_TABLE, row: 0, col: 0, columns: specs, rows, style: "TableStyleMedium2", conditionalFormats }],
    };
  },
};

/**
 * The column span of each Accounts group on the tab (0-based, inclusive), for an outline over the columns: groups
 * marked `collapsed` hold model internals a reader can fold away.
 */
export function accountGroupSpans(ctx: { accountColumns: readonly { group: { id: string; title: string; collapsed?: boolean } }[]; text: (id: string, en: string) => string }): { id: string; title: string; first: number; last: number; collapsed: boolean }[] {
  const spans: { id: string; title: string; first: number; last: number; collapsed: boolean }[] = [];
  ctx.accountColumns.forEach((col, j) => {
    const last = spans[spans.length - 1];
    if (last && last.id === col.group.id) last.last = j;
    else spans.push({ id: col.group.id, title: ctx.text(`accounts.group.${col.group.id}`, col.group.title), first: j, last: j, collapsed: col.group.collapsed ?? false });
  });
  return spans;
}
