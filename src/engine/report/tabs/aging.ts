/**
 * KA Aging (docs/report.md): the provision matrix — bucket totals (SUM of the per-customer columns), the loss rate
 * cells of KA About, and ECL = MAX(0, balance) × rate: change a rate on KA About and the ECL recalculates — then the
 * open balance per customer by bucket of days past due. No credit fields: no tab (About says why).
 */
import type { CreditSection } from "../../analysis/types";
import { lossRateName } from "../areas/credit";
import { Column } from "../layout";
import type { TabDef, TableDef } from "../model";
import { column, thisRow } from "../refs";
import { tableBlock } from "../tables";
import type { Cell, KeyValueBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

const money = NumberFormat.money;

export const PROVISION_TABLE: TableDef = {
  name: "KAProvision",
  style: "TableStyleMedium4",
  columns: [
    { key: "bucket", header: "Bucket", width: 14 },
    { key: "openBalance", header: "Open balance", numberFormat: money },
    { key: "creditBalances", header: "Credit balances", numberFormat: money },
    { key: "writtenOff", header: "Written off", numberFormat: money },
    { key: "gross", header: "Gross carrying amount", numberFormat: money },
    { key: "lossRate", header: "Loss rate", numberFormat: "0.00%" },
    { key: "ecl", header: "ECL", numberFormat: money },
  ],
};

/** Open balance by customer; one column per aging bucket follows, headed by the bucket's label. */
export const AGING_TABLE: TableDef = {
  name: "KAAging",
  style: "TableStyleMedium2",
  columns: [
    { key: "customer", header: "Customer", width: 32 },
    { key: "openBalance", header: "Open balance", numberFormat: money },
  ],
};

/** Customer codes with something open, largest open balance first (ties: code). */
function agingOrder(k: CreditSection): number[] {
  const idx: number[] = [];
  for (let c = 0; c < k.openBalance.length; c++) {
    if (k.openBalance[c] !== 0 || k.aging.some((col) => col[c] !== 0)) idx.push(c);
  }
  return idx.sort((x, y) => k.openBalance[y] - k.openBalance[x] || x - y);
}

export const agingTab: TabDef = {
  role: "aging",
  name: "KA Aging",
  build(ctx) {
    const { a } = ctx;
    const k = a.credit;
    if (!k) return undefined;
    const P = ctx.table(PROVISION_TABLE);
    // Bucket columns are headed by the bucket labels, which the analysis names.
    const bucketRow = (label: string) => thisRow(AGING_TABLE.name, label);
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: "KA Aging — open receivables by days past due", style: "title" });
    left.add<TextBlock>({
      kind: "text",
      text: `As of the as-of date on KA About. Days past due = as-of − due date; buckets ${k.labels.join(", ")}. Credit notes are applied to the same customer's most overdue invoices; credit left over sits in ${k.labels[0]}.`,
      style: "note",
    });
    left.add<TextBlock>({ kind: "text", text: "Provision matrix (IFRS 9 simplified approach)", style: "heading" });
    // Gross carrying amount = what is owed + customers' credit balances (liabilities, netted in the first bucket of the
    // aging) − items written off (still owed, no longer receivables); the allowance is on the gross amount.
    const provisionRows: Cell[][] = k.labels.map((label, b) => [
      label,
      { formula: `SUM(${column(AGING_TABLE.name, label)})`, value: k.agingTotals[b] },
      b === 0 ? -k.creditBalances : 0,
      k.writtenOffByBucket[b],
      { formula: `${P.thisRow("openBalance")}+${P.thisRow("creditBalances")}-${P.thisRow("writtenOff")}`, value: k.gross[b] },
      { formula: lossRateName(b), value: k.lossRates[b] },
      { formula: `${P.thisRow("gross")}*${P.thisRow("lossRate")}`, value: k.eclByBucket[b] },
    ]);
    left.place(tableBlock(ctx, PROVISION_TABLE, provisionRows));
    left.add<KeyValueBlock>({
      kind: "keyValue",
      items: [
        { label: "Receivables", value: { formula: `SUM(${P.column("openBalance")})`, value: k.receivables }, numberFormat: money, name: "KA_AgingReceivables" },
        { label: "Gross carrying amount", value: { formula: `SUM(${P.column("gross")})`, value: k.ifrs9.disclosure.gross }, numberFormat: money, name: "KA_GrossCarrying" },
        { label: "Expected credit loss", value: { formula: `SUM(${P.column("ecl")})`, value: k.ecl }, numberFormat: money, name: "KA_ECL" },
        {
          label: "ECL ÷ gross carrying amount",
          value: { formula: `IF(KA_GrossCarrying>0,KA_ECL/KA_GrossCarrying,"")`, value: k.ifrs9.disclosure.gross > 0 ? k.ecl / k.ifrs9.disclosure.gross : "" },
          numberFormat: "0.00%",
        },
        { label: "Loss rates", value: k.lossRateMethod === "rollRate" ? "roll-rate estimate (KA About)" : "as given on KA About" },
      ],
    });
    left.add<TextBlock>({ kind: "text", text: "Open balance by customer", style: "heading" });
    const openFormula = k.labels.map((l) => bucketRow(l)).join("+");
    const rows: Cell[][] = agingOrder(k).map((c) => [a.customers.names[c], { formula: openFormula, value: k.openBalance[c] }, ...k.aging.map((col) => col[c])]);
    left.place(
      tableBlock(ctx, AGING_TABLE, rows.length > 0 ? rows : [["(nothing open)", { formula: openFormula, value: 0 }, ...k.labels.map(() => 0)]], {
        extra: k.labels.map((l) => ({ header: l, numberFormat: money })),
        conditionalFormats: [{ header: k.labels[k.labels.length - 1], format: { kind: "dataBar", color: "C00000" } }],
      }),
    );
    return { blocks: left.blocks, columnWidths: [32, 16, 14, 14, ...k.labels.slice(3).map(() => 14)], freeze: { rows: 0, cols: 1 }, tabColor: "C55A11" };
  },
};
