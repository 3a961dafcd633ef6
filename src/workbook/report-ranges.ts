/**
 * Where the report's ranges are: a `RangeRef` (a table column's body, or a defined name) resolved to a rectangle of
 * a tab (by role), and a chart's series with the shorthand `table` + `columns` expanded. Pure and shared by the xlsx
 * writer and the Office writer, so both draw the same series over the same cells.
 */
import type { Block, Cell, ChartBlock, ChartSeries, RangeRef, Report, SheetRole, SheetSpec, TableBlock } from "../engine/report/types";
import { bodyCell, bodyRowCount } from "../engine/report/types";

/** A rectangle of a tab, 0-based. */
export interface Place {
  role: SheetRole;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A series with its cells found. */
export interface PlacedSeries {
  spec: ChartSeries;
  values: Place;
  categories?: Place;
}

/** Tables and names of a report, indexed once. */
export class ReportRanges {
  private readonly tables = new Map<string, { role: SheetRole; block: TableBlock }>();

  constructor(private readonly report: Report) {
    for (const s of report.sheets) for (const b of s.blocks) if (b.kind === "table") this.tables.set(b.name.toLowerCase(), { role: s.role, block: b });
  }

  table(name: string): { role: SheetRole; block: TableBlock } | undefined {
    return this.tables.get(name.toLowerCase());
  }

  /**
   * The cells a reference covers: a table column's body rows (at least one: an empty table is written with one blank
   * row), or a defined name's cell or range.
   * @throws Error naming the reference when the table, column or name does not exist (a report bug)
   */
  place(ref: RangeRef): Place {
    if ("table" in ref) {
      const t = this.table(ref.table);
      if (!t) throw new Error(`the report has no table '${ref.table}'`);
      const j = t.block.columns.findIndex((c) => c.header.toLowerCase() === ref.column.toLowerCase());
      if (j < 0) throw new Error(`table '${ref.table}' has no column '${ref.column}'`);
      return { role: t.role, row: t.block.row + 1, col: t.block.col + j, rows: Math.max(1, bodyRowCount(t.block)), cols: 1 };
    }
    const n = this.report.names?.[ref.name];
    if (!n) throw new Error(`the report defines no name '${ref.name}'`);
    return { role: n.sheet, row: n.row, col: n.col, rows: n.rows ?? 1, cols: n.cols ?? 1 };
  }

  /**
   * A chart's series: the explicit `series`, or the shorthand (`table`, `columns`: categories first, then one series
   * per column), each with its value and category cells.
   * @throws Error when a referenced table, column or name is missing
   */
  chartSeries(chart: ChartBlock): PlacedSeries[] {
    let specs: ChartSeries[];
    let shared = chart.categories;
    if (chart.series && chart.series.length > 0) specs = chart.series;
    else {
      const [first, ...rest] = chart.columns ?? [];
      if (!chart.table || first === undefined) throw new Error(`chart '${chart.title}' has neither series nor a table with columns`);
      const table = chart.table;
      shared = shared ?? { table, column: first };
      specs = rest.map((column) => ({ name: column, values: { table, column } }));
    }
    return specs.map((spec) => {
      const cat = spec.categories ?? shared;
      return { spec, values: this.place(spec.values), categories: cat ? this.place(cat) : undefined };
    });
  }
}

/** A cell of the report at a position: its value and number format (for chart caches). */
export function cellAt(spec: SheetSpec, row: number, col: number): { value: Cell | undefined; numFmt?: string } {
  for (const b of spec.blocks) {
    const hit = blockCell(b, row, col);
    if (hit) return hit;
  }
  return { value: undefined };
}

function blockCell(b: Block, row: number, col: number): { value: Cell | undefined; numFmt?: string } | undefined {
  switch (b.kind) {
    case "table": {
      const j = col - b.col;
      if (j < 0 || j >= b.columns.length || row < b.row || row > b.row + Math.max(1, bodyRowCount(b))) return undefined;
      if (row === b.row) return { value: b.columns[j].header };
      return { value: bodyCell(b, row - b.row - 1, j), numFmt: b.columns[j].numberFormat };
    }
    case "keyValue": {
      const first = b.row + (b.title ? 1 : 0);
      if (b.title && row === b.row && col === b.col) return { value: b.title };
      const it = b.items[row - first];
      if (!it || row < first) return undefined;
      if (col === b.col) return { value: it.label };
      if (col === b.col + 1) return { value: it.value, numFmt: it.numberFormat };
      if (col === b.col + 2 && it.note) return { value: it.note };
      return undefined;
    }
    case "text":
      return row === b.row && col === b.col ? { value: b.text } : undefined;
    case "matrix": {
      const top = b.row + (b.title ? 1 : 0);
      if (b.title && row === b.row && col === b.col) return { value: b.title };
      const i = row - top - 1;
      const j = col - b.col - 1;
      if (row === top && j >= 0 && j < b.columnHeaders.length) return { value: b.columnHeaders[j] };
      if (i < 0 || i >= b.rowHeaders.length) return undefined;
      if (j === -1) return { value: b.rowHeaders[i] };
      if (j >= 0 && j < b.columnHeaders.length) return { value: b.cells[i]?.[j] ?? null, numFmt: b.numberFormat };
      return undefined;
    }
    case "chart":
      return undefined;
  }
}

