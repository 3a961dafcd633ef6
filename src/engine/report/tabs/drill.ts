/**
 * Drill-down from an account to its ledger rows. KA Rows lists the used rows (`KARows`) grouped by customer in KA
 * Accounts order, and KA Drill pulls one customer's rows by formula — a picker cell (a drop-down of KA Accounts'
 * customers), its rows found by its rank, so the formulas are plain INDEX arithmetic that every Excel version and
 * LibreOffice compute (no dynamic arrays, no wildcards), and the rows' total beside the customer's revenue on KA Accounts.
 * - Ledger not in the workbook (the CLI's `--with-rows`): KA Rows holds a copy of every used row's cells.
 * - Ledger in the workbook (the task pane: `SourceInfo.sheet`): KA Rows holds only rank, sheet row and amount, and KA
 *   Drill reads every column of the ledger's own sheet at those rows (`INDEX('Sheet'!$C:$C, row)`) — the engine's own
 *   customer keys pick the rows (a FILTER on the customer cell would miss spellings the engine reads as one customer,
 *   and take excluded rows), so the total reconciles with KA Accounts.
 */
import { excelSerialFromDay } from "../../day";
import { messages } from "../../i18n";
import type { Ledger } from "../../ledger/types";
import { analysedLedger } from "../../metrics/dependence";
import { NO_DAY } from "../../ledger/types";
import { Column } from "../layout";
import type { ReportContext, TabDef, TableColumnDef, TableDef } from "../model";
import { columnLetters, num } from "../refs";
import { tableBlock } from "../tables";
import type { Cell, KeyValueBlock, TableBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";
import { freezeAtHeader, printSetup } from "../print";

/** Excel's rows per sheet, less the header row. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
/** KA Drill shows at most this many rows of a customer (its count and total always cover them all). */
export const MAX_DRILL_ROWS = 5_000;

/** Defined names of the drill cells. */
export const DRILL_NAMES = { customer: "KA_DrillCustomer", rank: "KA_DrillRank", first: "KA_DrillFirst", count: "KA_DrillCount" } as const;

/** One column of KA Rows: its declaration and the cell of used row i. */
interface RowColumn {
  def: TableColumnDef;
  cell(i: number): Cell;
}

const day = (d: number): Cell => (d === NO_DAY ? null : excelSerialFromDay(d));
const money = (x: number): Cell => (Number.isFinite(x) ? x : null);

/**
 * The columns of KA Rows for this ledger: rank, row, customer, date, amount, then the optional columns it has; with
 * the ledger's sheet in the workbook, rank, sheet row and amount only.
 */
function rowColumns(ctx: ReportContext, l: Ledger): RowColumn[] {
  const { a } = ctx;
  const rank = a.concentration?.rank;
  const rankCol: RowColumn = { def: { key: "rank", header: "Rank", numberFormat: NumberFormat.integer, width: 7 }, cell: (i) => (rank ? rank[l.customer[i]] : null) };
  const rowCol: RowColumn = { def: { key: "sourceRow", header: "Ledger row", numberFormat: NumberFormat.integer, width: 9 }, cell: (i) => l.sourceRow[i] };
  if (sourceSheet(ctx)) return [rankCol, rowCol, { def: { key: "amount", header: "Amount", numberFormat: NumberFormat.money, width: 14 }, cell: (i) => l.amount[i] }];
  const cols: RowColumn[] = [
    rankCol,
    rowCol,
    { def: { key: "customer", header: "Customer", width: 30 }, cell: (i) => a.customers.names[l.customer[i]] },
    { def: { key: "date", header: "Date", numberFormat: NumberFormat.date, width: 11 }, cell: (i) => day(l.day[i]) },
    { def: { key: "amount", header: "Amount", numberFormat: NumberFormat.money, width: 14 }, cell: (i) => l.amount[i] },
  ];
  if (l.invoice) cols.push({ def: { key: "invoice", header: "Invoice", width: 16 }, cell: (i) => l.invoice![i] || null });
  if (l.dueDay) cols.push({ def: { key: "dueDate", header: "Due date", numberFormat: NumberFormat.date, width: 11 }, cell: (i) => day(l.dueDay![i]) });
  if (l.paidDay) cols.push({ def: { key: "paidDate", header: "Paid date", numberFormat: NumberFormat.date, width: 11 }, cell: (i) => day(l.paidDay![i]) });
  if (l.paidAmount) cols.push({ def: { key: "paidAmount", header: "Paid amount", numberFormat: NumberFormat.money, width: 14 }, cell: (i) => money(l.paidAmount![i]) });
  if (l.balance) cols.push({ def: { key: "balance", header: "Balance", numberFormat: NumberFormat.money, width: 14 }, cell: (i) => money(l.balance![i]) });
  if (l.cost) cols.push({ def: { key: "cost", header: "Cost", numberFormat: NumberFormat.money, width: 14 }, cell: (i) => money(l.cost![i]) });
  (l.groups ?? []).forEach((g, k) => {
    const header = g.header && !cols.some((c) => c.def.header === g.header) ? g.header : `Group ${k + 1}`;
    cols.push({ def: { key: `group${k + 1}`, header, width: 14 }, cell: (i) => g.values[g.codes[i]] || null });
  });
  return cols;
}

function rowsTable(cols: RowColumn[]): TableDef {
  return { name: "KARows", style: "TableStyleLight1", columns: cols.map((c) => c.def) };
}

/** Used rows in KA Accounts order (rank), each customer's rows in ledger order. */
function rowOrder(ctx: ReportContext): number[] {
  const { customers, concentration } = ctx.a;
  const byRank = concentration ? Array.from(concentration.order) : Array.from({ length: customers.n }, (_, c) => c);
  const out: number[] = [];
  for (const c of byRank) for (let k = customers.start[c]; k < customers.start[c + 1]; k++) out.push(customers.order[k]);
  return out;
}

/** The ledger's sheet in this workbook and the 0-based column of its rectangle's first column, when given. */
function sourceSheet(ctx: ReportContext): { name: string; firstCol: number } | undefined {
  const s = ctx.source.sheet;
  if (!s) return undefined;
  const m = /^\$?([A-Za-z]{1,3})\$?\d+/.exec(s.address.replace(/^.*!/, ""));
  if (!m) throw new Error(`source address '${s.address}' is not an A1 rectangle`);
  const firstCol = [...m[1].toUpperCase()].reduce((n, ch) => 26 * n + ch.charCodeAt(0) - 64, 0) - 1;
  return { name: s.name, firstCol };
}

/** Table headers from the sheet's header row: blank or repeated ones get the column's letter, so each is unique. */
function sourceHeaders(headers: readonly string[], firstCol: number, taken: readonly string[]): string[] {
  const seen = new Set(taken.map((h) => h.toLowerCase()));
  return headers.map((h, j) => {
    let name = h.trim() === "" ? `Column ${columnLetters(firstCol + j)}` : h.trim();
    if (seen.has(name.toLowerCase())) name = `${name} (${columnLetters(firstCol + j)})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Whether the report carries the rows: asked for, the rows given, and the analysis ranked customers. */
function hasRows(ctx: ReportContext): ctx is ReportContext & { source: { ledger: Ledger } } {
  return ctx.a.params.withRows && ctx.source.ledger !== undefined && ctx.a.concentration !== undefined;
}

export const rowsTab: TabDef = {
  role: "rows",
  name: "KA Rows",
  build(ctx) {
    if (!hasRows(ctx)) return undefined;
    const l = analysedLedger(ctx.source.ledger, ctx.a);
    const cols = rowColumns(ctx, l);
    const rows: Cell[][] = rowOrder(ctx).map((i) => cols.map((c) => c.cell(i)));
    const block = tableBlock(ctx, rowsTable(cols), rows);
    return { blocks: [{ ...block, row: 0, col: 0 } as TableBlock], columnWidths: cols.map((c) => c.def.width ?? 12), freeze: freezeAtHeader(0), tabColor: "808080", ...printSetup(ctx, { headerRow: 0 }) };
  },
};

export const drillTab: TabDef = {
  role: "drill",
  name: "KA Drill",
  build(ctx) {
    if (!hasRows(ctx)) return undefined;
    const { a, accounts: f } = ctx;
    const l = analysedLedger(ctx.source.ledger, ctx.a);
    const m = messages(a.params.lang, a.params.currency).dependence.drill;
    const cols = rowColumns(ctx, l);
    const R = ctx.table(rowsTable(cols));
    const k = a.concentration!;
    const top = k.order[0];
    const rowsOf = (c: number) => a.customers.start[c + 1] - a.customers.start[c];
    let most = 0;
    for (let c = 0; c < a.customers.n; c++) most = Math.max(most, rowsOf(c));
    const shown = Math.min(most, MAX_DRILL_ROWS);
    const firstOf = (c: number) => {
      let before = 0;
      for (let r = 0; r < k.rank[c] - 1; r++) before += rowsOf(k.order[r]);
      return before + 1;
    };
    const pick = DRILL_NAMES.customer;
    // Exact match (no wildcards, unlike MATCH or COUNTIF): the picked customer's rank, then its rows by rank.
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: m.title, style: "title" });
    left.add<TextBlock>({ kind: "text", text: m.prompt, style: "note" });
    const picker = left.add<KeyValueBlock>({
      kind: "keyValue",
      items: [
        { label: m.pick, value: a.customers.names[top], name: DRILL_NAMES.customer },
        { label: m.rank, value: { formula: `SUMPRODUCT((${f.column("customer")}=${pick})*${f.column("rank")})`, value: 1 }, name: DRILL_NAMES.rank, numberFormat: NumberFormat.integer },
        { label: m.rowsFound, value: { formula: `SUMPRODUCT(--(${R.column("rank")}=${DRILL_NAMES.rank}))`, value: rowsOf(top) }, name: DRILL_NAMES.count, numberFormat: NumberFormat.integer },
        { label: m.first, value: { formula: `1+SUMPRODUCT(--(${R.column("rank")}<${DRILL_NAMES.rank}))`, value: firstOf(top) }, name: DRILL_NAMES.first, numberFormat: NumberFormat.integer },
        {
          label: m.total,
          value: { formula: `SUMPRODUCT((${R.column("rank")}=${DRILL_NAMES.rank})*${R.column("amount")})`, value: a.customers.revenue[top] },
          numberFormat: NumberFormat.money,
        },
        { label: m.revenue, value: { formula: `SUMPRODUCT((${f.column("customer")}=${pick})*${f.column("revenue")})`, value: a.customers.revenue[top] }, numberFormat: NumberFormat.money },
      ],
    });
    if (most > shown) left.add<TextBlock>({ kind: "text", text: m.shown({ shown }), style: "note" });
    const src = sourceSheet(ctx);
    if (src) left.add<TextBlock>({ kind: "text", text: m.fromSource({ sheet: src.name }), style: "note" });

    // The body: row n of the customer is KA Rows' row (first + n − 1) while n ≤ its count.
    const body = cols.filter((c) => c.def.key !== "rank" && c.def.key !== "customer" && !(src && c.def.key === "amount"));
    // From the ledger's sheet: each of its columns at the row's sheet row (a blank cell reads "", not 0).
    const sourceCols = src ? sourceHeaders(l.headers, src.firstCol, ["#", ...body.map((c) => c.def.header)]) : [];
    const drillTable: TableDef = {
      name: "KADrill",
      style: "TableStyleLight9",
      columns: [
        { key: "n", header: "#", numberFormat: NumberFormat.integer, width: 6 },
        ...body.map((c) => c.def),
        ...sourceCols.map((header, j): TableColumnDef => ({ key: `source${j}`, header, width: 14 })),
      ],
    };
    const D = ctx.table(drillTable);
    const sheetColumn = (j: number) => `'${src!.name.replace(/'/g, "''")}'!$${columnLetters(src!.firstCol + j)}:$${columnLetters(src!.firstCol + j)}`;
    const first = a.customers.start[top];
    const rows: Cell[][] = [];
    for (let n = 1; n <= shown; n++) {
      const has = n <= rowsOf(top);
      const i = has ? a.customers.order[first + n - 1] : -1;
      rows.push([
        n,
        ...body.map((c): Cell => {
          const v = has ? c.cell(i) : "";
          // A blank cell of KA Rows reads as "" (INDEX alone would give 0).
          const at = `INDEX(${R.column(c.def.key)},${DRILL_NAMES.first}+${num(n - 1)})`;
          return { formula: `IF(${num(n)}<=${DRILL_NAMES.count},IF(${at}="","",${at}),"")`, value: v === null ? "" : (v as string | number) };
        }),
        ...sourceCols.map((_, j): Cell => {
          const row = D.thisRow("sourceRow");
          const at = `INDEX(${sheetColumn(j)},${row})`;
          // The sheet's cells are not known here (only the columns the engine read): Excel computes them on writing.
          return { formula: `IF(N(${row})=0,"",IF(${at}="","",${at}))`, value: has ? null : "" };
        }),
      ]);
    }
    const header = left.place(tableBlock(ctx, drillTable, rows)).row;
    return {
      blocks: left.blocks,
      // Column B holds the picker's figures too (the total and revenue in money): wide enough for them.
      columnWidths: [34, ...body.map((c, k) => Math.max(k === 0 ? 18 : 0, c.def.width ?? 12)), ...sourceCols.map(() => 14)],
      validations: [{ row: picker.row, col: picker.col + 1, source: { table: "KAAccounts", column: f.header("customer") }, prompt: { text: m.prompt } }],
      freeze: freezeAtHeader(header, 0),
      tabColor: "808080",
      ...printSetup(ctx, { headerRow: header }),
    };
  },
};
