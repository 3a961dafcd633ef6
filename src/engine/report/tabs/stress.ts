/**
 * KA Stress: "what if we lose them" — lose the k largest customers (k editable in the table) and lose one customer
 * (pickable from KA Accounts), each a formula over KA Accounts: revenue and share lost, gross margin, open receivables
 * and expected credit loss exposed, and the HHI of the customers who remain.
 */
import { messages } from "../../i18n";
import type { StressResult } from "../../metrics/dependence";
import { Column } from "../layout";
import type { AccountRefs, TabDef, TableColumnDef, TableDef, TableRefs } from "../model";
import { tableBlock, tableColumns } from "../tables";
import type { Cell, DataValidationList, Scalar, TableBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";
import { printSetup } from "../print";

/** Empty rows for the user's own picks below the customers the analysis lists. */
export const PICK_ROWS = 3;

const RESULT_COLUMNS: readonly TableColumnDef[] = [
  { key: "revenueLost", header: "Revenue lost", numberFormat: NumberFormat.money, width: 16 },
  { key: "shareLost", header: "Share of revenue lost", numberFormat: NumberFormat.percent, width: 11 },
  { key: "marginLost", header: "Gross margin lost", numberFormat: NumberFormat.money, width: 15 },
  { key: "receivablesExposed", header: "Open receivables exposed", numberFormat: NumberFormat.money, width: 15 },
  { key: "eclExposed", header: "Expected credit loss exposed", numberFormat: NumberFormat.money, width: 14 },
  { key: "remainingHhi", header: "HHI of the rest", numberFormat: NumberFormat.integer, width: 10 },
];

export const STRESS_TOPK_TABLE: TableDef = {
  name: "KAStressTopK",
  style: "TableStyleMedium3",
  columns: [{ key: "k", header: "Largest customers lost (k)", numberFormat: NumberFormat.integer, width: 30 }, ...RESULT_COLUMNS],
};

export const STRESS_CUSTOMERS_TABLE: TableDef = {
  name: "KAStressCustomers",
  style: "TableStyleMedium3",
  columns: [{ key: "customer", header: "Customer lost", width: 30 }, ...RESULT_COLUMNS],
};

/** Which result columns apply: margin with a cost column, receivables and ECL with credit columns. */
function resultKeys(f: AccountRefs): string[] {
  return RESULT_COLUMNS.map((c) => c.key).filter(
    (k) => (k !== "marginLost" || f.has("grossMargin")) && (k !== "receivablesExposed" || f.has("openBalance")) && (k !== "eclExposed" || f.has("expectedCreditLoss")),
  );
}

/**
 * The result formulas of one scenario. `lost` is a 0/1 array over the Accounts rows (1 for a lost customer) as
 * SUMPRODUCT reads it; the remaining HHI is recomputed over the customers kept (positive revenue, not lost).
 */
function resultFormulas(f: AccountRefs, R: TableRefs, lost: string, guard: (x: string) => string): Record<string, string> {
  const rev = f.column("revenue");
  const positive = `(${rev}>0)`;
  const total = `SUMIF(${rev},">0")`;
  const kept = `${positive}*(1-${lost})`;
  const keptSum = `SUMPRODUCT(${kept},${rev})`;
  const out: Record<string, string> = {
    revenueLost: guard(`SUMPRODUCT(${positive}*${lost},${rev})`),
    shareLost: guard(`IF(${total}>0,${R.thisRow("revenueLost")}/${total},"")`),
    remainingHhi: guard(`IF(${keptSum}>0,10000*SUMPRODUCT(${kept},${rev}^2)/${keptSum}^2,"")`),
  };
  if (f.has("grossMargin")) out.marginLost = guard(`SUMPRODUCT(${lost}*1,${f.column("grossMargin")})`);
  if (f.has("openBalance")) out.receivablesExposed = guard(`SUMPRODUCT(${lost}*(${f.column("openBalance")}>0),${f.column("openBalance")})`);
  if (f.has("expectedCreditLoss")) out.eclExposed = guard(`SUMPRODUCT(${lost}*1,${f.column("expectedCreditLoss")})`);
  return out;
}

function resultValues(r: StressResult | undefined): Record<string, Scalar> {
  const v = (x: number | undefined): Scalar => (x !== undefined && Number.isFinite(x) ? x : "");
  return {
    revenueLost: v(r?.revenueLost),
    shareLost: v(r?.shareLost),
    marginLost: v(r?.marginLost),
    receivablesExposed: v(r?.receivablesExposed),
    eclExposed: v(r?.eclExposed),
    remainingHhi: v(r?.remainingHhi),
  };
}

export const stressTab: TabDef = {
  role: "stress",
  name: "KA Stress",
  build(ctx) {
    const { a, accounts: f } = ctx;
    const d = a.dependence;
    if (!d || !f.has("rank")) return undefined;
    const m = messages(a.params.lang, a.params.currency).dependence.stress;
    const keys = resultKeys(f);
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: m.title, style: "title" });
    left.add<TextBlock>({ kind: "text", text: m.note, style: "note", mergeCols: 7, wrap: true });

    // Lose the k largest: k is this row's input cell; ranks are unique, so rank ≤ k is exactly the k largest.
    const K = ctx.table(STRESS_TOPK_TABLE);
    const topLost = `(${f.column("rank")}<=${K.thisRow("k")})*(${f.column("revenue")}>0)`;
    const topF = resultFormulas(f, K, topLost, (x) => x);
    const topRows: Cell[][] = d.stress.topK.map((r) => {
      const v = resultValues(r);
      return [r.k, ...keys.map((k): Cell => ({ formula: topF[k], value: v[k] }))];
    });
    left.add<TextBlock>({ kind: "text", text: m.topKTitle, style: "heading" });
    left.place({ ...tableBlock(ctx, STRESS_TOPK_TABLE, topRows), columns: tableColumns(ctx, STRESS_TOPK_TABLE, ["k", ...keys]) });

    // Lose one customer: the customer cell is the input (a drop-down over KA Accounts); exact match, no wildcards.
    const C = ctx.table(STRESS_CUSTOMERS_TABLE);
    const who = C.thisRow("customer");
    const oneLost = `(${f.column("customer")}=${who})`;
    const oneF = resultFormulas(f, C, oneLost, (x) => `IF(${who}="","",${x})`);
    const names = d.stress.customers.map((r) => ({ name: a.customers.names[r.customer], r }));
    const custRows: Cell[][] = [...names, ...Array.from({ length: PICK_ROWS }, () => undefined)].map((x) => {
      const v = resultValues(x?.r);
      return [x ? x.name : null, ...keys.map((k): Cell => ({ formula: oneF[k], value: v[k] }))];
    });
    left.add<TextBlock>({ kind: "text", text: m.customersTitle, style: "heading" });
    const custBlock = left.place({ ...tableBlock(ctx, STRESS_CUSTOMERS_TABLE, custRows), columns: tableColumns(ctx, STRESS_CUSTOMERS_TABLE, ["customer", ...keys]) }) as TableBlock;

    const validations: DataValidationList[] = [
      {
        row: custBlock.row + 1,
        col: custBlock.col,
        rows: custRows.length,
        source: { table: "KAAccounts", column: f.header("customer") },
        prompt: { text: m.pickPrompt },
        error: m.pickError,
      },
    ];
    return {
      blocks: left.blocks,
      columnWidths: STRESS_TOPK_TABLE.columns.filter((c) => c.key === "k" || keys.includes(c.key)).map((c) => c.width ?? 12),
      tabColor: "C00000",
      validations,
      ...printSetup(ctx),
    };
  },
};
