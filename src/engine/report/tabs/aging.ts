/**
 * KA Aging (docs/report.md), every figure a formula over the tables written here and the named parameter cells on
 * KA About, so a colleague who edits a loss rate, the overlay, a bucket multiplier or a scenario weight sees the
 * allowance move:
 * - the provision matrix as the IFRS 7 disclosure: per bucket, what is owed (SUM of the customer columns), less
 *   credit balances and written-off items (SUMIFS over the open items) = gross carrying amount, × the expected loss
 *   rate (scenario-weighted, overlaid) = loss allowance; the label of the rates follows the rate cells;
 * - the scenarios, each one's loss, and the weights' check;
 * - with a compare date, the loss-allowance movement (opening, new, collected, write-offs, remeasurement, closing);
 * - collection KPIs in total and by month (with a chart);
 * - the open balance per customer by bucket (the tab's main table, on the left, frozen at its header), and below
 *   everything the open items, most overdue first, each with its allowance.
 * No credit fields: no tab (About says why).
 */
import type { Analysis, CreditSection } from "../../analysis/types";
import { excelSerialFromDay } from "../../day";
import { messages } from "../../i18n";
import { NO_DAY } from "../../ledger/types";
import { bucketMultiplierName, lossRateName, OVERLAY_NAME, SCENARIO_NAMES, scenarioLosses, writtenScenarios } from "../areas/credit";
import { Column } from "../layout";
import type { ChartDef, TabDef, TableDef } from "../model";
import { column, num, str, thisRow } from "../refs";
import { chartBlock, tableBlock } from "../tables";
import { freezeAtHeader, printSetup } from "../print";
import type { Block, Cell, KeyValueBlock, TextBlock } from "../types";
import { NumberFormat } from "../types";

const money = NumberFormat.money;
const days1 = "0.0";

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
    { key: "multiplier", header: "Bucket multiplier", numberFormat: "0.00" },
    { key: "expectedRate", header: "Expected loss rate", numberFormat: "0.00%" },
    { key: "ecl", header: "ECL", numberFormat: money },
  ],
};

export const SCENARIOS_TABLE: TableDef = {
  name: "KAScenarios",
  style: "TableStyleLight11",
  columns: [
    { key: "scenario", header: "Scenario" },
    { key: "weight", header: "Weight", numberFormat: NumberFormat.percent },
    { key: "multiplier", header: "Loss-rate multiplier", numberFormat: "0.00" },
    { key: "ecl", header: "ECL in this scenario", numberFormat: money },
    { key: "weighted", header: "Weighted ECL", numberFormat: money },
  ],
};

export const COLLECTION_TABLE: TableDef = {
  name: "KACollection",
  style: "TableStyleLight9",
  columns: [
    { key: "month", header: "Month" },
    { key: "days", header: "Days", numberFormat: NumberFormat.integer },
    { key: "begin", header: "Receivables at start", numberFormat: money },
    { key: "sales", header: "Net sales", numberFormat: money },
    { key: "end", header: "Receivables at end", numberFormat: money },
    { key: "current", header: "Not yet due", numberFormat: money },
    { key: "cei", header: "CEI", numberFormat: NumberFormat.percent },
    { key: "dso", header: "DSO", numberFormat: days1 },
    { key: "bestPossibleDso", header: "Best-possible DSO", numberFormat: days1 },
    { key: "add", header: "ADD", numberFormat: days1 },
  ],
};

export const COLLECTION_CHART: ChartDef = {
  id: "collectionDso",
  type: "line",
  title: "DSO and best-possible DSO by month (the gap is ADD)",
  table: COLLECTION_TABLE,
  columns: ["month", "dso", "bestPossibleDso"],
  widthCols: 8,
  heightRows: 15,
};

export const OPEN_ITEMS_TABLE: TableDef = {
  name: "KAOpenItems",
  style: "TableStyleLight1",
  columns: [
    { key: "customer", header: "Customer", width: 32 },
    { key: "invoice", header: "Invoice" },
    { key: "date", header: "Date", numberFormat: NumberFormat.date },
    { key: "due", header: "Due date", numberFormat: NumberFormat.date },
    { key: "daysPastDue", header: "Days past due", numberFormat: NumberFormat.integer },
    { key: "open", header: "Open amount", numberFormat: money },
    { key: "bucket", header: "Bucket" },
    // Yes/No words in the report's language (1/0 reads as a number; TRUE/FALSE as 1/0 in some spreadsheets).
    { key: "writtenOff", header: "Written off" },
    { key: "isNew", header: "New since opening" },
    { key: "allowance", header: "Allowance", numberFormat: money },
    { key: "row", header: "Ledger row", numberFormat: NumberFormat.integer },
  ],
};

/**
 * Open items written at most: beyond, the most overdue are listed and the figures that sum the list (credit balances,
 * write-offs, the movement's new receivables, the reconciliation check) are written as the engine's values instead.
 */
export const MAX_OPEN_ITEMS = 200_000;

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

/** A number for a cell: NaN or ±Infinity is blank. */
const fin = (v: number): number | "" => (Number.isFinite(v) ? v : "");

/** Where the rates in force came from: roll-rate estimate, as given, or the illustrative default. */
function rateSource(a: Analysis): keyof ReturnType<typeof messages>["receivables"]["rateSource"] {
  const k = a.credit!;
  if (k.lossRateMethod === "rollRate") return "rollRate";
  return a.params.lossRateMethod === "given" ? "given" : "illustrative";
}

export const agingTab: TabDef = {
  role: "aging",
  name: "KA Aging",
  build(ctx) {
    const { a, t } = ctx;
    const k = a.credit;
    if (!k) return undefined;
    const r = messages(a.params.lang, a.params.currency).receivables;
    const P = ctx.table(PROVISION_TABLE);
    const S = ctx.table(SCENARIOS_TABLE);
    const O = ctx.table(OPEN_ITEMS_TABLE);
    const M = ctx.table(COLLECTION_TABLE);
    const x = k.ifrs9;
    const listed = Math.min(k.openItems.row.length, MAX_OPEN_ITEMS);
    // Formulas that add up the open items only while the list is whole.
    const whole = listed === k.openItems.row.length;
    const overItems = (formula: string, value: number): Cell => (whole ? { formula, value } : value);
    const scenarios = writtenScenarios(a);
    const losses = scenarioLosses(a);
    // Bucket labels name the per-customer table's columns and the open items' bucket (matched by the provision
    // matrix): written, and referred to, in the reader's words.
    const labels = k.labels.map((l) => t(l));
    const YES = str(ctx.m.common.yes);

    // Title, note and heading each one row, so the customer table's header sits at row 3 (frozen, repeated in print).
    const header = 3;
    const note = t("As of the as-of date on KA About. Days past due = as-of − due date; buckets {buckets}. Credit notes are applied to the same customer's most overdue invoices; credit left over sits in {first}.", {
      buckets: labels.join(", "),
      first: labels[0],
    });
    const blocks: Block[] = [
      { kind: "text", row: 0, col: 0, text: t("KA Aging — open receivables by days past due"), style: "title" },
      { kind: "text", row: 1, col: 0, text: note, style: "note" },
      { kind: "text", row: header - 1, col: 0, text: t("Open balance by customer"), style: "heading" },
    ];

    // Left: open balance by customer, the tab's main table.
    const bucketRow = (label: string) => thisRow(AGING_TABLE.name, label);
    const openFormula = labels.map((l) => bucketRow(l)).join("+");
    const rows: Cell[][] = agingOrder(k).map((c) => [a.customers.names[c], { formula: openFormula, value: k.openBalance[c] }, ...k.aging.map((col) => col[c])]);
    const customers = new Column(header, 0);
    customers.place(
      tableBlock(ctx, AGING_TABLE, rows.length > 0 ? rows : [[t("(nothing open)"), { formula: openFormula, value: 0 }, ...labels.map(() => 0)]], {
        extra: labels.map((l) => ({ header: l, numberFormat: money })),
        conditionalFormats: [{ header: labels[labels.length - 1], format: { kind: "dataBar", color: "C00000" } }],
      }),
    );
    blocks.push(...customers.blocks);

    // Right, one blank column after the customer table: the provision matrix = the disclosure table.
    const rightCol = 2 + labels.length + 1;
    const right = new Column(header - 1, rightCol);
    right.add<TextBlock>({ kind: "text", text: r.provisionHeading, style: "heading" });
    const weighted = (base: string, mult: string) =>
      scenarios.map((_, j) => `${SCENARIO_NAMES.weight(j)}*MIN(1,${base}*${OVERLAY_NAME}*${mult}*${SCENARIO_NAMES.multiplier(j)})`).join("+");
    const provisionRows: Cell[][] = labels.map((label, b) => [
      label,
      { formula: `SUM(${column(AGING_TABLE.name, label)})`, value: k.agingTotals[b] },
      overItems(`SUMIFS(${O.column("open")},${O.column("bucket")},${P.thisRow("bucket")},${O.column("open")},"<0")`, b === 0 ? k.creditBalances : 0),
      overItems(`SUMIFS(${O.column("open")},${O.column("bucket")},${P.thisRow("bucket")},${O.column("writtenOff")},${YES})`, k.writtenOffByBucket[b]),
      { formula: `${P.thisRow("openBalance")}-${P.thisRow("creditBalances")}-${P.thisRow("writtenOff")}`, value: k.gross[b] },
      { formula: lossRateName(b), value: k.lossRates[b] },
      { formula: bucketMultiplierName(b), value: x.bucketMultipliers[b] },
      { formula: `IF(ABS(KA_ScenarioWeights-1)>1E-9,NA(),${weighted(P.thisRow("lossRate"), P.thisRow("multiplier"))})`, value: x.effectiveLossRates[b] },
      { formula: `${P.thisRow("gross")}*${P.thisRow("expectedRate")}`, value: k.eclByBucket[b] },
    ]);
    right.place(tableBlock(ctx, PROVISION_TABLE, provisionRows));
    right.add<TextBlock>({ kind: "text", text: r.provisionNote, style: "note" });
    // The label of the rates follows the rate cells: it says "edited" once a rate differs from the analysis' own.
    const same = k.lossRates.map((v, b) => `ABS(${lossRateName(b)}-${num(v)})<=1E-12`).join(",");
    right.add<KeyValueBlock>({
      kind: "keyValue",
      items: [
        { label: r.receivablesOwed, value: { formula: `SUM(${P.column("openBalance")})`, value: k.receivables }, numberFormat: money, name: "KA_AgingReceivables" },
        { label: r.gross, value: { formula: `SUM(${P.column("gross")})`, value: x.disclosure.gross }, numberFormat: money, name: "KA_GrossCarrying" },
        { label: r.allowance, value: { formula: `SUM(${P.column("ecl")})`, value: k.ecl }, numberFormat: money, name: "KA_ECL" },
        {
          label: r.allowanceRate,
          value: { formula: `IF(KA_GrossCarrying>0,KA_ECL/KA_GrossCarrying,"")`, value: x.disclosure.gross > 0 ? k.ecl / x.disclosure.gross : "" },
          numberFormat: "0.00%",
        },
        { label: r.rates, value: { formula: `IF(AND(${same}),${str(r.rateSource[rateSource(a)])},${str(r.rateSource.edited)})`, value: r.rateSource[rateSource(a)] } },
        ...(whole ? [{ label: r.openItemsCheck, value: { formula: `SUM(${O.column("open")})-KA_AgingReceivables`, value: 0 }, numberFormat: money }] : []),
      ],
    });

    // Scenarios.
    right.add<TextBlock>({ kind: "text", text: r.scenariosHeading, style: "heading" });
    right.add<TextBlock>({ kind: "text", text: r.scenariosNote, style: "note" });
    const capped = (m: string) => {
      // min(1, r) written as (r + 1 − |r − 1|) / 2, which SUMPRODUCT evaluates over the arrays in every Excel version.
      const rate = `${P.column("lossRate")}*${OVERLAY_NAME}*${P.column("multiplier")}*${m}`;
      return `(${rate}+1-ABS(${rate}-1))/2`;
    };
    const scenarioRows: Cell[][] = scenarios.map((sc, j) => [
      { formula: SCENARIO_NAMES.name(j), value: sc.name },
      { formula: SCENARIO_NAMES.weight(j), value: sc.weight },
      { formula: SCENARIO_NAMES.multiplier(j), value: sc.multiplier },
      { formula: `SUMPRODUCT(${P.column("gross")},${capped(S.thisRow("multiplier"))})`, value: losses[j] },
      { formula: `${S.thisRow("weight")}*${S.thisRow("ecl")}`, value: sc.weight * losses[j] },
    ]);
    right.place(tableBlock(ctx, SCENARIOS_TABLE, scenarioRows));
    const weightSum = scenarios.reduce((s, sc) => s + sc.weight, 0);
    right.add<KeyValueBlock>({
      kind: "keyValue",
      items: [
        { label: r.weightsTotal, value: { formula: `SUM(${S.column("weight")})`, value: weightSum }, numberFormat: NumberFormat.percent, name: "KA_ScenarioWeights" },
        { label: r.weightsCheck, value: { formula: `IF(ABS(KA_ScenarioWeights-1)>1E-9,${str(r.weightsBad)},${str(r.weightsOk)})`, value: r.weightsOk } },
      ],
    });

    // Loss-allowance movement between the compare date and as-of.
    const mv = x.movement;
    if (mv && a.params.compareAsOf !== undefined) {
      right.add<TextBlock>({ kind: "text", text: r.movementHeading({ from: a.params.compareAsOf, to: a.asOf }), style: "heading" });
      right.add<TextBlock>({ kind: "text", text: r.movementNote, style: "note" });
      right.add<KeyValueBlock>({
        kind: "keyValue",
        items: [
          { label: r.movement.opening, value: mv.opening, numberFormat: money, name: "KA_AllowanceOpening" },
          { label: r.movement.newReceivables, value: overItems(`SUMIFS(${O.column("allowance")},${O.column("isNew")},${YES})`, mv.newReceivables), numberFormat: money, name: "KA_AllowanceNew" },
          { label: r.movement.collected, value: mv.collected, numberFormat: money, name: "KA_AllowanceCollected" },
          { label: r.movement.writeOffs, value: mv.writeOffs, numberFormat: money, name: "KA_AllowanceWriteOffs" },
          {
            label: r.movement.remeasurement,
            value: { formula: "KA_AllowanceClosing-KA_AllowanceOpening-KA_AllowanceNew-KA_AllowanceCollected-KA_AllowanceWriteOffs", value: mv.remeasurement },
            numberFormat: money,
            name: "KA_AllowanceRemeasurement",
          },
          { label: r.movement.closing, value: { formula: "KA_ECL", value: mv.closing }, numberFormat: money, name: "KA_AllowanceClosing" },
        ],
      });
    }

    // Collection KPIs.
    const coll = k.collection;
    right.add<TextBlock>({ kind: "text", text: r.collectionHeading, style: "heading" });
    if (coll) {
      const c = coll.total;
      right.add<TextBlock>({ kind: "text", text: r.collectionNote, style: "note" });
      right.add<KeyValueBlock>({
        kind: "keyValue",
        items: [
          { label: r.collection.begin, value: c.begin, numberFormat: money, name: "KA_CollBegin" },
          { label: r.collection.sales, value: c.sales, numberFormat: money, name: "KA_CollSales" },
          { label: r.collection.end, value: c.end, numberFormat: money, name: "KA_CollEnd" },
          { label: r.collection.current, value: c.current, numberFormat: money, name: "KA_CollCurrent" },
          {
            label: r.collection.cei,
            value: { formula: `IF(KA_CollBegin+KA_CollSales-KA_CollCurrent>0,(KA_CollBegin+KA_CollSales-KA_CollEnd)/(KA_CollBegin+KA_CollSales-KA_CollCurrent),"")`, value: fin(c.cei) },
            numberFormat: NumberFormat.percent,
            name: "KA_CollCEI",
          },
          { label: r.collection.dso, value: { formula: `IF(KA_CollSales>0,KA_CollEnd/KA_CollSales*${c.days},"")`, value: fin(c.dso) }, numberFormat: days1, name: "KA_CollDSO" },
          { label: r.collection.bestPossibleDso, value: { formula: `IF(KA_CollSales>0,KA_CollCurrent/KA_CollSales*${c.days},"")`, value: fin(c.bestPossibleDso) }, numberFormat: days1, name: "KA_CollBPDSO" },
          { label: r.collection.add, value: { formula: `IF(KA_CollSales>0,KA_CollDSO-KA_CollBPDSO,"")`, value: fin(c.add) }, numberFormat: days1, name: "KA_CollADD" },
          { label: r.collection.dsoTrend, value: fin(coll.dsoTrend), numberFormat: "0.00" },
        ],
      });
      right.add<TextBlock>({ kind: "text", text: r.monthlyHeading, style: "heading" });
      right.place(chartBlock(ctx, COLLECTION_CHART));
      const ifSales = (expr: string) => `IF(${M.thisRow("sales")}>0,${expr},"")`;
      const monthRows: Cell[][] = coll.monthly.map((m) => [
        m.month,
        m.days,
        m.begin,
        m.sales,
        m.end,
        m.current,
        {
          formula: `IF(${M.thisRow("begin")}+${M.thisRow("sales")}-${M.thisRow("current")}>0,(${M.thisRow("begin")}+${M.thisRow("sales")}-${M.thisRow("end")})/(${M.thisRow("begin")}+${M.thisRow("sales")}-${M.thisRow("current")}),"")`,
          value: fin(m.cei),
        },
        { formula: ifSales(`${M.thisRow("end")}/${M.thisRow("sales")}*${M.thisRow("days")}`), value: fin(m.dso) },
        { formula: ifSales(`${M.thisRow("current")}/${M.thisRow("sales")}*${M.thisRow("days")}`), value: fin(m.bestPossibleDso) },
        { formula: ifSales(`${M.thisRow("dso")}-${M.thisRow("bestPossibleDso")}`), value: fin(m.add) },
      ]);
      right.place(tableBlock(ctx, COLLECTION_TABLE, monthRows));
    } else right.add<TextBlock>({ kind: "text", text: r.noCollection, style: "note" });

    // Open items, below both columns: each with its allowance at the bucket's expected loss rate (0 when written off
    // or a credit).
    const printed = Math.max(customers.nextRow, right.nextRow);
    const below = new Column(printed, 0);
    below.add<TextBlock>({ kind: "text", text: r.openItemsHeading, style: "heading" });
    // A working list (thousands of rows on a real ledger): the printed tab ends above it.
    below.add<TextBlock>({ kind: "text", text: t("A list to work from on screen: the tab's print area ends above it (clear the print area to print it)."), style: "note" });
    const it = k.openItems;
    if (!whole) below.add<TextBlock>({ kind: "text", text: r.openItemsCut({ listed, total: it.row.length }), style: "note" });
    const compare = a.params.compareAsOf;
    const rateOf = `INDEX(${P.column("expectedRate")},MATCH(${O.thisRow("bucket")},${P.column("bucket")},0))`;
    const allowanceFormula = `IF(OR(${O.thisRow("writtenOff")}=${YES},${O.thisRow("open")}<=0),0,${O.thisRow("open")}*${rateOf})`;
    const itemRows: Cell[][] = [];
    for (let j = 0; j < listed; j++) {
      const credit = it.row[j] < 0;
      const carried = !credit && it.writtenOff[j] === 0 && it.open[j] > 0;
      itemRows.push([
        a.customers.names[it.customer[j]],
        credit ? r.creditBalance : it.invoice[j],
        it.day[j] === NO_DAY ? null : excelSerialFromDay(it.day[j]),
        it.due[j] === NO_DAY ? null : excelSerialFromDay(it.due[j]),
        credit ? null : it.daysPastDue[j],
        it.open[j],
        labels[it.bucket[j]],
        it.writtenOff[j] === 1 ? ctx.m.common.yes : ctx.m.common.no,
        !credit && compare !== undefined && it.day[j] > compare ? ctx.m.common.yes : ctx.m.common.no,
        { formula: allowanceFormula, value: carried ? it.open[j] * x.effectiveLossRates[it.bucket[j]] : 0 },
        it.sourceRow[j] > 0 ? it.sourceRow[j] : null,
      ]);
    }
    below.place(tableBlock(ctx, OPEN_ITEMS_TABLE, itemRows.length > 0 ? itemRows : [[t("(nothing open)"), "", null, null, null, 0, labels[0], ctx.m.common.no, ctx.m.common.no, { formula: allowanceFormula, value: 0 }, null]]));
    blocks.push(...right.blocks, ...below.blocks);

    // Column widths: the customer table (customer, open balance, buckets), a gap, then the right-hand tables; the open
    // items below reuse the same columns.
    // The gap column is also one of the open items' columns below (Written off, with 5 buckets): wide enough for it.
    const gap = rightCol - 1 < OPEN_ITEMS_TABLE.columns.length ? 10 : 3;
    const widths = [32, 15, ...labels.map(() => 13), gap, 26, 15, 15, 15, 15, 15, 12, 13, 15, 12];
    return {
      blocks,
      columnWidths: widths,
      freeze: freezeAtHeader(header, 1),
      tabColor: "C55A11",
      ...printSetup(ctx, { headerRow: header, printArea: { row: 0, col: 0, rows: printed, cols: widths.length } }),
    };
  },
};
