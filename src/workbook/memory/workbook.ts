/**
 * An in-memory workbook: sheets of cells with formulas (cached values), number formats and styles, Excel tables,
 * charts, defined names, document settings, a selection. It is the standalone demo's host (the pane running in a
 * plain browser) and the fake host of the end-to-end tests; `MemoryHost` (./host.ts) implements the pane's ports
 * over it with the same ownership and commit rules as the Office adapter.
 */
import type { ChartBlock, ColumnSpec, Scalar } from "../../engine/report/types";
import type { CellStyle } from "../office/layout";
import { sameSheetName } from "../office/plan";

export interface MemoryChart {
  type: ChartBlock["type"];
  title: string;
  row: number;
  col: number;
  widthCols: number;
  heightRows: number;
  /** Category labels and series values as read from the source table when the chart was drawn. */
  categories: Scalar[];
  series: { name: string; values: Scalar[] }[];
  /** Axis titles (the chart's, else the source columns' headers) and the value axis' number format. */
  categoryTitle?: string;
  valueTitle?: string;
  valueFormat?: string;
  categoryFormat?: string;
}

export interface MemorySheet {
  name: string;
  visible: boolean;
  /** Dense rows of values (a formula cell holds its cached value). */
  values: Scalar[][];
  /** `row,col` → formula text with its leading `=`. */
  formulas: Map<string, string>;
  formats: Map<string, string>;
  styles: Map<string, CellStyle>;
  widths: (number | undefined)[];
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  charts: MemoryChart[];
}

export interface MemoryTable {
  name: string;
  sheet: string;
  row: number;
  col: number;
  /** Header row + body rows. */
  rows: number;
  cols: number;
  columns: ColumnSpec[];
  style?: string;
}

export interface MemoryName {
  formula: string;
  visible: boolean;
}

const key = (row: number, col: number) => `${row},${col}`;

export class MemoryWorkbook {
  sheets: MemorySheet[] = [];
  tables = new Map<string, MemoryTable>();
  names = new Map<string, MemoryName>();
  settings: Record<string, unknown> = {};
  /** The selected rectangle (the first area); `areas` lists every area of a multi-area selection (`A2:L4,A9:L9`). */
  selection: { sheet: string; row: number; col: number; rows: number; cols: number; areas?: { row: number; col: number; rows: number; cols: number }[] } | undefined;
  active: string | undefined;
  date1904 = false;
  private listeners = new Set<() => void>();

  /** Adds a sheet, optionally with values (first row usually the header). */
  addSheet(name: string, values: Scalar[][] = [], visible = true): MemorySheet {
    if (this.sheet(name)) throw new Error(`a sheet named ${name} already exists`);
    const s: MemorySheet = { name, visible, values, formulas: new Map(), formats: new Map(), styles: new Map(), widths: [], charts: [] };
    this.sheets.push(s);
    if (this.active === undefined && visible) this.active = name;
    return s;
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => sameSheetName(s.name, name));
  }

  deleteSheet(name: string): void {
    const s = this.sheet(name);
    if (!s) return;
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const [n, t] of this.tables) if (sameSheetName(t.sheet, s.name)) this.tables.delete(n);
    // Names pointing at the deleted sheet turn into #REF!, as in Excel.
    for (const [n, v] of this.names) if (v.formula.includes(`'${s.name.replace(/'/g, "''")}'!`)) this.names.set(n, { ...v, formula: "=#REF!" });
    if (this.active !== undefined && sameSheetName(this.active, s.name)) this.active = this.sheets.find((x) => x.visible)?.name;
  }

  renameSheet(from: string, to: string): void {
    const s = this.sheet(from);
    if (!s) throw new Error(`no sheet named ${from}`);
    if (this.sheet(to) && !sameSheetName(from, to)) throw new Error(`a sheet named ${to} already exists`);
    const q = (n: string) => `'${n.replace(/'/g, "''")}'!`;
    for (const [n, v] of this.names) if (v.formula.includes(q(s.name))) this.names.set(n, { ...v, formula: v.formula.split(q(s.name)).join(q(to)) });
    for (const t of this.tables.values()) if (sameSheetName(t.sheet, s.name)) t.sheet = to;
    if (this.active !== undefined && sameSheetName(this.active, s.name)) this.active = to;
    s.name = to;
  }

  /** Renames a table and, as Excel does, every structured reference to it in formulas. */
  renameTable(from: string, to: string): void {
    const t = this.tables.get(from);
    if (!t) throw new Error(`no table named ${from}`);
    if (this.tables.has(to)) throw new Error(`a table named ${to} already exists`);
    this.tables.delete(from);
    t.name = to;
    this.tables.set(to, t);
    const pattern = new RegExp(`(?<![A-Za-z0-9_.])${from}(?=\\[)`, "g");
    for (const s of this.sheets) for (const [k, f] of s.formulas) if (f.includes(from)) s.formulas.set(k, f.replace(pattern, to));
  }

  getValue(sheet: MemorySheet, row: number, col: number): Scalar {
    return sheet.values[row]?.[col] ?? null;
  }

  setCell(sheet: MemorySheet, row: number, col: number, value: Scalar, formula?: string): void {
    while (sheet.values.length <= row) sheet.values.push([]);
    const r = sheet.values[row];
    while (r.length < col) r.push(null);
    r[col] = value;
    if (formula === undefined) sheet.formulas.delete(key(row, col));
    else sheet.formulas.set(key(row, col), formula);
  }

  formulaAt(sheet: MemorySheet, row: number, col: number): string | undefined {
    return sheet.formulas.get(key(row, col));
  }

  formatAt(sheet: MemorySheet, row: number, col: number): string | undefined {
    return sheet.formats.get(key(row, col));
  }

  styleAt(sheet: MemorySheet, row: number, col: number): CellStyle | undefined {
    return sheet.styles.get(key(row, col));
  }

  setFormat(sheet: MemorySheet, row: number, col: number, format: string): void {
    sheet.formats.set(key(row, col), format);
  }

  setStyle(sheet: MemorySheet, row: number, col: number, style: CellStyle): void {
    sheet.styles.set(key(row, col), style);
  }

  /** Rows × columns of a sheet's used area. */
  usedSize(sheet: MemorySheet): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    sheet.values.forEach((r, i) => {
      let last = -1;
      for (let j = r.length - 1; j >= 0; j--) {
        if (r[j] !== null && r[j] !== undefined && r[j] !== "") {
          last = j;
          break;
        }
      }
      if (last >= 0) {
        rows = i + 1;
        cols = Math.max(cols, last + 1);
      }
    });
    return { rows, cols };
  }

  /** Notifies listeners (the demo's tab view) that the workbook changed. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A deep, order-preserving copy as plain data: two snapshots are equal when nothing changed. */
  snapshot(): unknown {
    return JSON.parse(JSON.stringify({
      sheets: this.sheets.map((s) => ({
        name: s.name,
        visible: s.visible,
        values: s.values,
        formulas: [...s.formulas].sort(),
        formats: [...s.formats].sort(),
        styles: [...s.styles].sort(),
        widths: s.widths,
        freeze: s.freeze,
        tabColor: s.tabColor,
        charts: s.charts,
      })),
      tables: [...this.tables.values()].sort((a, b) => a.name.localeCompare(b.name)),
      names: [...this.names].sort(),
      settings: this.settings,
      active: this.active,
    }));
  }
}
