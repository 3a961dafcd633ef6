/**
 * KA Accounts: one row per customer, largest first; its columns are the catalogue's Accounts groups that apply. A
 * reader sees the results first: a group that declares `collapsed` is outlined whole, and in the other groups each run
 * of model internals (`detail` columns) is an outline group, collapsed.
 */
import { ACCOUNTS_TABLE, accountBody, accountOrder } from "../account-columns";
import type { AccountColumn, FormulaRefs, ReportContext, TabDef } from "../model";
import { freezeAtHeader, printSetup } from "../print";
import { columnarTable, type ColumnSpec, type ConditionalFormat, type OutlineGroup } from "../types";

/** Runs of adjacent detail columns outside `skip`, each one outline group (collapsed). */
export function detailGroups(cols: readonly AccountColumn[], skip: (j: number) => boolean = () => false): OutlineGroup[] {
  const out: OutlineGroup[] = [];
  cols.forEach((col, j) => {
    if (!col.def.detail || skip(j)) return;
    const last = out[out.length - 1];
    if (last && last.to === j - 1) last.to = j;
    else out.push({ from: j, to: j, level: 1, collapsed: true });
  });
  return out;
}

export const accountsTab: TabDef = {
  role: "accounts",
  name: "KA Accounts",
  build(ctx) {
    const cols = ctx.accountColumns;
    const refs: FormulaRefs = { ...ctx.accounts, a: ctx.a, m: ctx.m, table: ctx.table };
    const body = accountBody(ctx.a, cols, refs, accountOrder(ctx.a));
    const specs: ColumnSpec[] = cols.map((col) => ({ header: col.header, key: col.def.key, numberFormat: col.def.numberFormat, width: col.def.width }));
    const conditionalFormats: ConditionalFormat[] = [];
    if (ctx.accounts.has("share")) conditionalFormats.push({ column: ctx.accounts.header("share"), kind: "dataBar", color: "5B9BD5" });
    // Groups that declare `collapsed` are outlined (model internals a reader folds away); the others are not.
    const outlined = accountGroupSpans(ctx).filter((g) => g.outlined);
    // Two outline groups of one level must not touch (Excel would merge them): detail runs next to an outlined group
    // are left out (the group's own outline folds them).
    const near = (j: number) => outlined.some((g) => j >= g.first - 1 && j <= g.last + 1);
    const columnGroups: OutlineGroup[] = [
      ...outlined.map((g) => ({ from: g.first, to: g.last, collapsed: g.collapsed })),
      ...detailGroups(cols, near),
    ].sort((x, y) => x.from - y.from);
    return {
      ...(columnGroups.length > 0 ? { columnGroups } : {}),
      freeze: freezeAtHeader(0, 1),
      columnWidths: cols.map((col) => col.def.width ?? 12),
      tabColor: "2F5597",
      blocks: [columnarTable({ kind: "table", name: ACCOUNTS_TABLE, row: 0, col: 0, columns: specs, style: "TableStyleMedium2", conditionalFormats }, body)],
      ...printSetup(ctx, { headerRow: 0 }),
    };
  },
};

/**
 * The column span of each Accounts group on the tab (0-based, inclusive). A group that declares `collapsed` is outlined
 * (true: folded by default — model internals a reader can open when needed).
 */
export function accountGroupSpans(ctx: Pick<ReportContext, "accountColumns" | "text">): AccountGroupSpan[] {
  const spans: AccountGroupSpan[] = [];
  ctx.accountColumns.forEach((col, j) => {
    const last = spans[spans.length - 1];
    if (last && last.id === col.group.id) last.last = j;
    else {
      const g = col.group;
      spans.push({ id: g.id, title: ctx.text(`accounts.group.${g.id}`, g.title), first: j, last: j, outlined: g.collapsed !== undefined, collapsed: g.collapsed ?? false });
    }
  });
  return spans;
}

/** The columns of one Accounts group on the tab (0-based, inclusive) and its outline. */
export interface AccountGroupSpan {
  id: string;
  title: string;
  first: number;
  last: number;
  /** The group declares `collapsed` (true or false): its columns get an outline group. */
  outlined: boolean;
  collapsed: boolean;
}
