/**
 * The pane's ports over an in-memory workbook: find a ledger, read it in chunks, write a Report with the same
 * ownership, numbering and commit rules as the Office adapter (../office/plan.ts), keep settings.
 */
import type { RawCell } from "../../engine/ledger/types";
import { problem } from "../../engine/problems";
import type { Report, Scalar, SheetSpec } from "../../engine/report/types";
import type { AboutContent, Discovery, LedgerLocation, LocationInfo, Preview, ProgressOptions, RowSink, StoredSettings, WorkbookHost, WriteOptions, WrittenSheet, WrittenSheets } from "../port";
import { SETTINGS_KEY } from "../port";
import { a1, cachedValue, formulaInput, layoutSheet, parseA1 } from "../office/layout";
import type { SheetLayout } from "../office/layout";
import { isTempSheetName, newRunTag, OWNED_NAME_PREFIX, ownedSheets, planWrite, quotedSheet, sameSheetName, sheetOfReference } from "../office/plan";
import type { Role } from "../office/plan";
import type { MemorySheet, MemoryWorkbook } from "./workbook";

export interface MemoryHostOptions {
  /** Pause (ms) before each write step: lets the demo and the e2e tests watch (and cancel) a slow host. */
  writeDelayMs?: number;
  /** Rows handed to the sink at a time when reading. */
  chunkRows?: number;
  /** Rows written per step. */
  writeRows?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class MemoryHost implements WorkbookHost {
  readonly kind = "demo" as const;
  constructor(
    readonly workbook: MemoryWorkbook,
    private readonly options: MemoryHostOptions = {},
  ) {}

  async discover(): Promise<Discovery> {
    const wb = this.workbook;
    const owned = new Set(Object.values(this.owned()).map((s) => s.toUpperCase()));
    const ours = (sheet: string) => owned.has(sheet.toUpperCase()) || isTempSheetName(sheet);
    const info = (kind: LocationInfo["kind"], sheet: string, r: Rect, table?: string): LocationInfo => ({
      kind,
      sheet,
      table,
      address: a1(r.row, r.col, r.rows, r.cols),
      rows: r.rows,
      cols: r.cols,
    });
    const out: Discovery = { tables: [], sheets: [] };
    for (const t of wb.tables.values()) if (!ours(t.sheet)) out.tables.push(info("table", t.sheet, t, t.name));
    for (const s of wb.sheets) {
      if (!s.visible || ours(s.name)) continue;
      const r = usedRect(s);
      if (r) out.sheets.push(info("sheet", s.name, r));
    }
    const sel = wb.selection;
    const sheet = sel && wb.sheet(sel.sheet);
    if (sel && sheet) {
      if (sel.rows * sel.cols > 1) out.selection = info("selection", sheet.name, sel);
      const table = [...wb.tables.values()].find((t) => sameSheetName(t.sheet, sheet.name) && inside(sel.row, sel.col, t));
      if (table) out.tableAtCursor = info("table", table.sheet, table, table.name);
      else {
        const region = regionAround(sheet, sel.row, sel.col);
        if (region && region.rows * region.cols > 1) out.regionAtCursor = info("region", sheet.name, region);
      }
    }
    return out;
  }

  async preview(location: LedgerLocation, rows: number): Promise<Preview> {
    const { sheet, rect } = this.locate(location);
    const grid = slice(sheet, rect.row, rect.col, Math.min(rect.rows, rows + 1), rect.cols);
    return {
      location: { ...location, rows: rect.rows, cols: rect.cols },
      header: grid[0] ?? [],
      rows: grid.slice(1),
      date1904: this.workbook.date1904,
    };
  }

  async read(location: LedgerLocation, sink: RowSink, opts: ProgressOptions = {}): Promise<void> {
    const { sheet, rect } = this.locate(location);
    const chunk = this.options.chunkRows ?? 5000;
    const dataRows = Math.max(0, rect.rows - 1);
    sink.begin(slice(sheet, rect.row, rect.col, 1, rect.cols)[0] ?? [], { headerRow: rect.row + 1, dataRows, date1904: this.workbook.date1904 });
    for (let r = 0; r < dataRows; r += chunk) {
      if (opts.signal?.aborted) throw problem("cancelled", "Reading the ledger was cancelled.");
      sink.rows(slice(sheet, rect.row + 1 + r, rect.col, Math.min(chunk, dataRows - r), rect.cols));
      const done = Math.min(dataRows, r + chunk);
      opts.onProgress?.(done, dataRows, `${done}`);
      await sleep(0); // the page stays responsive
    }
  }

  async write(report: Report, opts: WriteOptions = {}): Promise<WrittenSheets> {
    const wb = this.workbook;
    const namesBefore = [...wb.names].map(([name, v]) => ({ name, formula: v.formula }));
    const plan = planWrite(report, { sheets: wb.sheets.map((s) => s.name), owned: this.owned(), tables: [...wb.tables.values()].map((t) => ({ name: t.name, sheet: t.sheet })) }, newRunTag());
    for (const s of plan.leftovers) wb.deleteSheet(s);
    const temp = Object.fromEntries(Object.entries(plan.tables).map(([k, v]) => [k, v.temp]));
    const tempOfRole = new Map<Role, MemorySheet>();
    const layouts = new Map<Role, SheetLayout>();
    const step = async () => {
      if (this.options.writeDelayMs) await sleep(this.options.writeDelayMs);
      else await sleep(0);
      if (opts.signal?.aborted) throw problem("cancelled", "Writing the tabs was cancelled; the workbook is as it was.");
    };
    try {
      for (const [i, sp] of plan.sheets.entries()) {
        opts.onProgress?.(i, plan.sheets.length, sp.finalName);
        await step();
        const sheet = wb.addSheet(sp.tempName, [], false);
        tempOfRole.set(sp.spec.role, sheet);
        const layout = layoutSheet(sp.spec, report);
        layouts.set(sp.spec.role, layout);
        await this.writeLayout(sheet, sp.spec, layout, temp, step);
      }
      // Charts last: their data may sit on a tab written after theirs.
      for (const [role, layout] of layouts) {
        const sheet = tempOfRole.get(role) as MemorySheet;
        for (const c of layout.charts) {
          const valueFormat = (src: { role: Role; row: number; col: number } | undefined) => {
            const s = src ? tempOfRole.get(src.role) : undefined;
            return s && src ? wb.formatAt(s, src.row, src.col) : undefined;
          };
          const column = (src: { role: Role; row: number; col: number; rows: number }) => {
            const s = tempOfRole.get(src.role);
            return s ? Array.from({ length: src.rows }, (_, k) => wb.getValue(s, src.row + k, src.col)) : [];
          };
          sheet.charts.push({
            type: c.block.type,
            title: c.block.title,
            row: c.block.row,
            col: c.block.col,
            widthCols: c.block.widthCols ?? 6,
            heightRows: c.block.heightRows ?? 15,
            categories: c.series[0]?.categories ? column(c.series[0].categories) : [],
            series: c.series.map((s) => ({ name: s.spec.name, values: column(s.values) })),
            categoryTitle: c.block.categoryAxis?.title ?? c.block.columns?.[0],
            valueTitle: c.block.valueAxis?.title ?? (c.series.length === 1 ? c.series[0].spec.name : undefined),
            valueFormat: c.block.valueAxis?.numberFormat ?? valueFormat(c.series[0]?.values),
            categoryFormat: c.block.categoryAxis?.numberFormat ?? valueFormat(c.series[0]?.categories),
          });
        }
      }
      await step();
    } catch (e) {
      for (const s of tempOfRole.values()) wb.deleteSheet(s.name);
      wb.changed();
      throw e;
    }
    opts.onProgress?.(plan.sheets.length, plan.sheets.length, "");
    const written = this.commit(report, plan, tempOfRole, namesBefore);
    return { sheets: Object.fromEntries(written.map((w) => [w.role, w.name])), skippedCharts: [] };
  }

  private async writeLayout(sheet: MemorySheet, spec: SheetSpec, layout: SheetLayout, temp: Record<string, string>, step: () => Promise<void>): Promise<void> {
    const wb = this.workbook;
    const per = this.options.writeRows ?? 2000;
    for (const rect of layout.rects) {
      for (let r0 = 0; r0 < rect.cells.length; r0 += per) {
        if (r0 > 0) await step();
        const end = Math.min(rect.cells.length, r0 + per);
        for (let i = r0; i < end; i++) {
          rect.cells[i].forEach((cell, j) => {
            const input = formulaInput(cell, temp);
            const isFormula = typeof input === "string" && input.startsWith("=");
            const value = cachedValue(cell);
            wb.setCell(sheet, rect.row + i, rect.col + j, value === "" && !isFormula ? null : value, isFormula ? input : undefined);
          });
        }
      }
    }
    for (const f of layout.formats) for (let i = 0; i < f.rows; i++) for (let j = 0; j < f.cols; j++) wb.setFormat(sheet, f.row + i, f.col + j, f.numberFormat);
    for (const s of layout.styles) for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.cols; j++) wb.setStyle(sheet, s.row + i, s.col + j, s.style);
    for (const t of layout.tables) {
      const name = temp[t.name] ?? t.name;
      wb.tables.set(name, { name, sheet: sheet.name, row: t.row, col: t.col, rows: 1 + t.bodyRows, cols: t.columns.length, columns: t.columns, style: t.style });
    }
    sheet.widths = layout.widths;
    sheet.freeze = spec.freeze;
    sheet.tabColor = spec.tabColor;
  }

  private commit(report: Report, plan: ReturnType<typeof planWrite>, tempOfRole: Map<Role, MemorySheet>, namesBefore: { name: string; formula: string }[]): WrittenSheet[] {
    const wb = this.workbook;
    const removed = plan.remove;
    for (const s of removed) wb.deleteSheet(s);
    const written: WrittenSheet[] = [];
    for (const sp of plan.sheets) {
      const sheet = tempOfRole.get(sp.spec.role) as MemorySheet;
      wb.renameSheet(sheet.name, sp.finalName);
      sheet.visible = true;
      written.push({ role: sp.spec.role, name: sp.finalName });
    }
    for (const { temp, final } of Object.values(plan.tables)) wb.renameTable(temp, final);
    // Marks: one per tab written; marks of tabs not written this time (removed, or renamed by the user) go.
    for (const n of [...wb.names.keys()]) if (n.startsWith(OWNED_NAME_PREFIX)) wb.names.delete(n);
    for (const w of written) wb.names.set(`${OWNED_NAME_PREFIX}${w.role}`, { formula: `=${quotedSheet(w.name)}!$A$1`, visible: false });
    const finalOf = (role: Role) => written.find((w) => w.role === role)?.name;
    // KA_ names of the previous run that this run does not define would point at deleted tabs: they go too.
    for (const n of namesBefore) {
      const target = sheetOfReference(n.formula);
      if (n.name.startsWith("KA_") && !(report.names && n.name in report.names) && target !== undefined && removed.some((r) => sameSheetName(r, target))) wb.names.delete(n.name);
    }
    for (const [name, ref] of Object.entries(report.names ?? {})) {
      const sheet = finalOf(ref.sheet);
      if (sheet) wb.names.set(name, { formula: `=${quotedSheet(sheet)}!$${colLetters(ref.col)}$${ref.row + 1}`, visible: true });
    }
    wb.active = written[0]?.name ?? wb.active;
    wb.changed();
    return written;
  }

  async activate(sheet: string, address?: string): Promise<void> {
    const s = this.workbook.sheet(sheet);
    if (!s) return;
    this.workbook.active = s.name;
    if (address) {
      // A multi-area address (`A2:L4,A9:L9`) selects its areas together, as Excel's getRanges(address).select().
      const areas = address.split(",").map((part) => {
        const r = parseA1(part.trim());
        return { row: r.row, col: r.col, rows: r.rows, cols: r.cols };
      });
      this.workbook.selection = { sheet: s.name, ...areas[0], ...(areas.length > 1 ? { areas } : {}) };
    }
    this.workbook.changed();
  }

  async loadSettings(): Promise<StoredSettings> {
    return { document: this.workbook.settings[SETTINGS_KEY], about: this.aboutContent() };
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.workbook.settings[SETTINGS_KEY] = JSON.parse(JSON.stringify(settings));
  }

  private owned(): Partial<Record<Role, string>> {
    const wb = this.workbook;
    return ownedSheets(
      [...wb.names].map(([name, v]) => ({ name, formula: v.formula })),
      wb.sheets.map((s) => s.name),
    );
  }

  private aboutContent(): AboutContent | undefined {
    const wb = this.workbook;
    const aboutName = this.owned().about;
    const about = aboutName ? wb.sheet(aboutName) : undefined;
    if (!about) return undefined;
    const names: Record<string, Scalar> = {};
    for (const [n, v] of wb.names) {
      if (!n.startsWith("KA_") || n.startsWith(OWNED_NAME_PREFIX)) continue;
      const target = sheetOfReference(v.formula);
      if (target === undefined || !sameSheetName(target, about.name)) continue;
      const r = parseA1(v.formula.slice(v.formula.lastIndexOf("!") + 1));
      names[n] = wb.getValue(about, r.row, r.col);
    }
    const pairs: [string, Scalar][] = [];
    about.values.forEach((row) => {
      if (typeof row[0] === "string" && row.length > 1) pairs.push([row[0], row[1] ?? null]);
    });
    return { names, pairs };
  }

  private locate(location: LedgerLocation): { sheet: MemorySheet; rect: Rect } {
    const sheet = this.workbook.sheet(location.sheet);
    if (!sheet) throw problem("badArgument", `The sheet ${location.sheet} is not in the workbook any more.`, { path: location.sheet });
    if (location.kind === "table" && location.table) {
      const t = this.workbook.tables.get(location.table);
      if (!t) throw problem("badArgument", `The table ${location.table} is not in the workbook any more.`, { path: location.table });
      return { sheet, rect: t };
    }
    return { sheet, rect: parseA1(location.address) };
  }
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function colLetters(col: number): string {
  return a1(0, col).replace(/\d+$/, "");
}

function inside(row: number, col: number, r: Rect): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

const filled = (v: Scalar | undefined) => v !== null && v !== undefined && v !== "";

/** A rectangle of values, padded with nulls (as Excel returns blank cells: ""). */
function slice(sheet: MemorySheet, row: number, col: number, rows: number, cols: number): RawCell[][] {
  const out: RawCell[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const src = sheet.values[row + i] ?? [];
    const r: RawCell[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      const v = src[col + j];
      r[j] = v === null || v === undefined ? "" : v;
    }
    out[i] = r;
  }
  return out;
}

export function usedRect(sheet: MemorySheet): Rect | undefined {
  let top = -1;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  sheet.values.forEach((r, i) => {
    r.forEach((v, j) => {
      if (!filled(v)) return;
      if (top < 0) top = i;
      bottom = i;
      left = Math.min(left, j);
      right = Math.max(right, j);
    });
  });
  return top < 0 ? undefined : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** The block of non-blank cells around (row, col), grown like Excel's Ctrl+A (current region). */
export function regionAround(sheet: MemorySheet, row: number, col: number): Rect | undefined {
  const has = (i: number, j: number) => i >= 0 && j >= 0 && filled(sheet.values[i]?.[j]);
  let r: Rect = { row, col, rows: 1, cols: 1 };
  for (;;) {
    const { row: t, col: l, rows, cols } = r;
    const b = t + rows - 1;
    const rt = l + cols - 1;
    const rowHas = (i: number) => {
      for (let j = l - 1; j <= rt + 1; j++) if (has(i, j)) return true;
      return false;
    };
    const colHas = (j: number) => {
      for (let i = t - 1; i <= b + 1; i++) if (has(i, j)) return true;
      return false;
    };
    if (t > 0 && rowHas(t - 1)) r = { ...r, row: t - 1, rows: rows + 1 };
    else if (rowHas(b + 1)) r = { ...r, rows: rows + 1 };
    else if (l > 0 && colHas(l - 1)) r = { ...r, col: l - 1, cols: cols + 1 };
    else if (colHas(rt + 1)) r = { ...r, cols: cols + 1 };
    else break;
  }
  return r.rows * r.cols === 1 && !has(row, col) ? undefined : r;
}
