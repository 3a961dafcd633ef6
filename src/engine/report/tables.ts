/**
 * Tables other than Accounts, by key: their headers resolved once through the text resolver, references and column
 * specs built from keys, and charts placed from the chart catalogue. A formula or chart never spells a header.
 */
import type { ChartAxisDef, ChartDef, LooseBlock, ReportContext, TableColumnDef, TableDef, TableRefs } from "./model";
import type { TextResolver } from "./text";
import { column, thisRow } from "./refs";
import type { Cell, ChartAxis, ChartBlock, ChartSeries, ColumnSpec, ConditionalFormat, TableBlock } from "./types";

/** Written header of a table's column (text id `table.<TableName>.<key>`). */
export function tableHeader(text: TextResolver, table: TableDef, key: string): string {
  const col = table.columns.find((c) => c.key === key);
  if (!col) throw new Error(`table ${table.name} has no column '${key}'`);
  return text(`table.${table.name}.${key}`, col.header);
}

/** Structured references into a table by column key. */
export function tableRefs(text: TextResolver, table: TableDef): TableRefs {
  return {
    header: (key) => tableHeader(text, table, key),
    column: (key) => column(table.name, tableHeader(text, table, key)),
    thisRow: (key) => thisRow(table.name, tableHeader(text, table, key)),
  };
}

/** Column specs of a table (all its columns, or the keys given, in that order). */
export function tableColumns(ctx: ReportContext, table: TableDef, keys?: readonly string[]): ColumnSpec[] {
  const cols: readonly TableColumnDef[] = keys ? keys.map((k) => table.columns.find((c) => c.key === k) ?? missing(table, k)) : table.columns;
  return cols.map((c) => ({ header: tableHeader(ctx.text, table, c.key), key: c.key, numberFormat: c.numberFormat, width: c.width }));
}

function missing(table: TableDef, key: string): never {
  throw new Error(`table ${table.name} has no column '${key}'`);
}

/** A table block of a catalogued table; `extra` columns (e.g. one per aging bucket) follow the declared ones. */
export function tableBlock(
  ctx: ReportContext,
  table: TableDef,
  rows: Cell[][],
  opts: { extra?: ColumnSpec[]; conditionalFormats?: { key?: string; header?: string; format: Omit<ConditionalFormat, "column"> }[] } = {},
): Omit<TableBlock, "row" | "col"> {
  return {
    kind: "table",
    name: table.name,
    columns: [...tableColumns(ctx, table), ...(opts.extra ?? [])],
    rows,
    style: table.style,
    conditionalFormats: opts.conditionalFormats?.map((f) => ({ ...f.format, column: f.key !== undefined ? tableHeader(ctx.text, table, f.key) : f.header })),
  };
}

function axis(ctx: ReportContext, def: ChartAxisDef, id: string): ChartAxis {
  return { ...def, title: def.title === undefined ? undefined : ctx.text(id, def.title) };
}

/** Explicit series (needed for data labels): the first column gives the categories, each other one a series. */
function seriesOf(ctx: ReportContext, chart: ChartDef): ChartSeries[] {
  const header = (k: string) => tableHeader(ctx.text, chart.table, k);
  const categories = { table: chart.table.name, column: header(chart.columns[0]) };
  return chart.columns.slice(1).map((k) => ({
    name: header(k),
    values: { table: chart.table.name, column: header(k) },
    categories,
    dataLabels: chart.dataLabels ? { numberFormat: chart.dataLabels } : undefined,
  }));
}

/** A chart block from the chart catalogue: title, series headers and axis titles resolved. */
export function chartBlock(ctx: ReportContext, chart: ChartDef): LooseBlock {
  const block: Omit<ChartBlock, "row" | "col"> = {
    kind: "chart",
    type: chart.type,
    title: ctx.text(`chart.${chart.id}`, chart.title),
    table: chart.table.name,
    columns: chart.columns.map((k) => tableHeader(ctx.text, chart.table, k)),
    categoryAxis: chart.categoryAxis && axis(ctx, chart.categoryAxis, `chart.${chart.id}.x`),
    valueAxis: chart.valueAxis && axis(ctx, chart.valueAxis, `chart.${chart.id}.y`),
    series: chart.dataLabels ? seriesOf(ctx, chart) : undefined,
    widthCols: chart.widthCols,
    heightRows: chart.heightRows,
  };
  return block;
}
