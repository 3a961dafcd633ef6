/**
 * A fake of the slice of the Excel JavaScript API the adapter uses, built from office-addin-mock's OfficeMockObject
 * (so a property read without `load` + `sync` gives the mock's "not loaded" error, as in Excel) and backed by a
 * MemoryWorkbook. Like Office.js, every write and method call is queued and applied at `context.sync()`, in order.
 * It counts syncs and the payload of each (cell data written plus values loaded), and can imitate Excel on the
 * web's silent empty answer to an oversized read and cell-edit mode.
 */
/* eslint-disable @typescript-eslint/no-this-alias -- the mocks' own methods are `function (this: any)` (this = the mock), so they reach the fake through a `fake` closure */
import { OfficeMockObject } from "office-addin-mock";
import type { RawCell } from "../../../src/engine/ledger/types";
import type { Scalar } from "../../../src/engine/report/types";
import { a1, parseA1 } from "../../../src/workbook/office/layout";
import { quotedSheet, sameSheetName } from "../../../src/workbook/office/plan";
import { regionAround, usedRect } from "../../../src/workbook/memory/host";
import type { Rect } from "../../../src/workbook/memory/host";
import { MemoryWorkbook } from "../../../src/workbook/memory/workbook";
import type { MemorySheet } from "../../../src/workbook/memory/workbook";

const MOCK_ERRORS = new Set(["Error, property was not loaded", "Error, context.sync() was not called"]);

/** Largest range whose values the fake materialises (a bigger `values` load is a bug in the reader). */
const MATERIALISE_LIMIT = 2_000_000;

export interface VirtualSheet {
  rows: number;
  cols: number;
  cell(row: number, col: number): RawCell;
}

export interface FakeExcelOptions {
  /** A range read of more cells than this comes back with empty values (Excel on the web's oversized response). */
  emptyAboveCells?: number;
}

type Ref = { name: string };

/** A call recorded by a `recorder`. */
export interface RecordedCall {
  name: string;
  args: unknown[];
  result: any;
}

/**
 * An object of the Excel API the fake does not model cell by cell (charts, page layout): every property set is kept
 * in `__log`, every nested object is another recorder, every method call is kept in `__calls` (and returns a
 * recorder), so a test can read back exactly what the writer asked Excel to do.
 */
export function recorder(calls: RecordedCall[] = [], name = ""): any {
  const log: Record<string, unknown> = {};
  const children = new Map<string, any>();
  const own: RecordedCall[] = [];
  const fn = function () {
    return undefined;
  };
  return new Proxy(fn, {
    get(_t, p) {
      if (p === "__log") return log;
      if (p === "__calls") return own;
      if (typeof p !== "string" || p === "then" || p === "toJSON") return undefined;
      if (p in log) return log[p];
      let c = children.get(p);
      if (!c) children.set(p, (c = recorder(own, p)));
      return c;
    },
    set(_t, p, v) {
      log[p as string] = v;
      return true;
    },
    apply(_t, _this, args) {
      const result = recorder();
      calls.push({ name, args, result });
      return result;
    },
  });
}

/** What the writer set on a sheet beyond cells (recorded per sheet, following renames). */
export interface SheetFeatures {
  merges: string[];
  hyperlinks: { address: string; link: Excel.RangeHyperlink }[];
  validations: { address: string; dv: any }[];
  groups: { address: string; by: string; collapsed: boolean }[];
  hiddenColumns: string[];
  hiddenRows: string[];
  rowHeights: { address: string; height: number }[];
  showGridlines?: boolean;
  pageLayout: any;
  charts: any[];
}

export class FakeExcel {
  readonly wb: MemoryWorkbook;
  /** Sheets whose cells are generated on demand (a million-row ledger without a million-row array). */
  readonly virtual = new Map<string, VirtualSheet>();
  syncs = 0;
  /** Payload of each sync: JSON bytes of cell data written plus values loaded. */
  readonly syncBytes: number[] = [];
  /** Raw `formulas` writes, in order: what the adapter sent. */
  readonly formulaWrites: { sheet: string; address: string; formulas: unknown[][] }[] = [];
  /** Conditional formats added, with the sheet and rectangle they were added on. */
  readonly conditionalFormats: { type: string; sheet: string; rect: { row: number; col: number; rows: number; cols: number }; custom: { rule: { formula?: string } } }[] = [];
  calcSuspensions = 0;
  screenSuspensions = 0;
  /** Excel.run calls that fail in cell-edit mode before one succeeds. */
  cellEditFailures = 0;
  /** The newest ExcelApi set this Excel supports (Office.context.requirements.isSetSupported). */
  excelApi = "1.17";
  /** After this many syncs, the next sync calls `onSync` (e.g. to abort a controller mid-run). */
  onSync?: (n: number) => void;
  private queue: (() => void)[] = [];
  private readonly features = new Map<Ref, SheetFeatures>();
  private loaded = new Set<any>();
  private valueLoads: any[] = [];
  private batchBytes = 0;
  private syncing = false;

  constructor(
    wb = new MemoryWorkbook(),
    readonly options: FakeExcelOptions = {},
  ) {
    this.wb = wb;
  }

  /** Installs `Excel` (and `Office` with a settings store) as globals. */
  install(settings: Record<string, unknown> = this.wb.settings): void {
    const fake = this;
    (globalThis as any).Excel = new OfficeMockObject({
      run: async function (this: any, batch: (ctx: any) => Promise<unknown>) {
        if (fake.cellEditFailures > 0) {
          fake.cellEditFailures--;
          throw Object.assign(new Error("cell edit"), { code: "InvalidOperationInCellEditMode" });
        }
        return batch(fake.context());
      },
    });
    const office: any = new OfficeMockObject({
      context: {
        document: {
          settings: {
            get: function (this: any, key: string) {
              return key in settings ? JSON.parse(JSON.stringify(settings[key])) : null;
            },
            set: function (this: any, key: string, value: unknown) {
              this.pending = { ...(this.pending ?? {}), [key]: JSON.parse(JSON.stringify(value)) };
            },
            saveAsync: function (this: any, cb: (r: { status: string }) => void) {
              Object.assign(settings, this.pending ?? {});
              this.pending = {};
              cb({ status: "succeeded" });
            },
          },
        },
      },
    });
    // Plain values: the mock would otherwise want them loaded, which Office's common API never asks for.
    office.AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
    office.context.displayLanguage = "en-US";
    // Requirement sets: ExcelApi up to `excelApi` (a current Excel by default; lower it to test a fallback).
    const upTo = (v: string) => v.split(".").map(Number);
    office.context.requirements = {
      isSetSupported: (name: string, version = "1.1") => {
        const [a, b] = [upTo(fake.excelApi), upTo(version)];
        return name === "ExcelApi" && (a[0] > b[0] || (a[0] === b[0] && (a[1] ?? 0) >= (b[1] ?? 0)));
      },
    };
    (globalThis as any).Office = office;
  }

  /** Features the writer set on the sheet now named `name`. */
  featuresOf(name: string): SheetFeatures {
    for (const [ref, f] of this.features) if (sameSheetName(ref.name, name)) return f;
    throw new Error(`no features recorded for ${name}`);
  }

  private featureLog(ref: Ref): SheetFeatures {
    for (const [r, f] of this.features) if (r === ref || sameSheetName(r.name, ref.name)) return f;
    const f: SheetFeatures = { merges: [], hyperlinks: [], validations: [], groups: [], hiddenColumns: [], hiddenRows: [], rowHeights: [], pageLayout: recorder(), charts: [] };
    this.features.set(ref, f);
    return f;
  }

  // ---- sync ---------------------------------------------------------------------------------------------------

  private async sync(): Promise<void> {
    this.syncs++;
    for (const op of this.queue) op();
    this.queue = [];
    this.syncing = true;
    for (const m of this.loaded) await m.sync();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the mock resolves loaded properties in microtasks
    this.syncing = false;
    let bytes = this.batchBytes;
    for (const r of this.valueLoads) bytes += JSON.stringify(r.values).length;
    this.syncBytes.push(bytes);
    this.batchBytes = 0;
    this.loaded.clear();
    this.valueLoads = [];
    this.onSync?.(this.syncs);
  }

  /** Wraps a mock: `load` is tracked for the next sync, writes to `watched` properties are queued as operations. */
  private wrap<T extends object>(mock: T, watched: Record<string, (value: any) => void> = {}): any {
    const fake = this;
    const target: any = mock;
    const originalLoad = target.load?.bind(target);
    const proxy: any = new Proxy(target, {
      set(t, p, v) {
        const handler = typeof p === "string" ? watched[p] : undefined;
        if (handler && !fake.syncing && !(typeof v === "string" && MOCK_ERRORS.has(v))) {
          fake.queue.push(() => handler(v));
          fake.batchBytes += JSON.stringify(v ?? null).length;
        }
        t[p] = v;
        return true;
      },
    });
    if (originalLoad) {
      target.load = (props?: string) => {
        fake.loaded.add(proxy);
        if (typeof props === "string" && props.split(",").map((s) => s.trim()).includes("values")) fake.valueLoads.push(proxy);
        originalLoad(props);
        return proxy;
      };
    }
    return proxy;
  }

  /** A loadable collection: `load("items/a,items/b/c")` loads those on every current item. */
  private collection(items: () => any[], extra: Record<string, unknown> = {}): any {
    const fake = this;
    const c: any = {
      items: [] as any[],
      load(props: string) {
        c.items = items();
        const paths = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
        for (const item of c.items) {
          for (const path of paths) {
            const parts = path.split("/");
            let obj = item;
            for (const nav of parts.slice(0, -1)) obj = obj[nav];
            obj.load(parts[parts.length - 1]);
          }
        }
        fake.loaded.add({ sync: async () => undefined });
        return c;
      },
      ...extra,
    };
    return c;
  }

  // ---- object model -------------------------------------------------------------------------------------------

  context(): any {
    const fake = this;
    const ctx: any = new OfficeMockObject({
      sync: function (this: any) {
        return fake.sync();
      },
    });
    ctx.application = {
      suspendApiCalculationUntilNextSync: () => fake.calcSuspensions++,
      suspendScreenUpdatingUntilNextSync: () => fake.screenSuspensions++,
    };
    ctx.workbook = {
      worksheets: this.collection(() => this.wb.sheets.map((s) => this.worksheet({ name: s.name })), {
        getItem: (name: string) => this.worksheet({ name }),
        add: (name: string) => {
          const ref = { name };
          this.queue.push(() => this.wb.addSheet(name, [], true));
          return this.worksheet(ref);
        },
      }),
      tables: this.collection(() => [...this.wb.tables.keys()].map((n) => this.table({ name: n })), {
        getItem: (name: string) => this.table({ name }),
      }),
      names: this.collection(() => [...this.wb.names.keys()].map((n) => this.namedItem(n)), {
        getItem: (name: string) => this.namedItem(name),
        add: (name: string, range: any) => {
          const where = range.__where as () => { sheet: string; rect: Rect };
          this.queue.push(() => {
            const { sheet, rect } = where();
            this.wb.names.set(name, { formula: `=${quotedSheet(sheet)}!${abs(rect.row, rect.col)}`, visible: true });
          });
          return this.namedItem(name);
        },
      }),
      functions: {
        date: (y: number, m: number, d: number) =>
          this.wrap(new OfficeMockObject({ value: y === 1904 && m === 1 && d === 1 ? (this.wb.date1904 ? 0 : 1462) : NaN })),
      },
      getSelectedRange: () => {
        const sel = this.wb.selection;
        if (!sel) return this.range({ name: this.wb.active ?? this.wb.sheets[0].name }, { row: 0, col: 0, rows: 1, cols: 1 });
        return this.range({ name: sel.sheet }, sel);
      },
    };
    return ctx;
  }

  private sheetOf(ref: Ref): MemorySheet | undefined {
    return this.wb.sheet(ref.name);
  }

  private worksheet(ref: Ref): any {
    const s = this.sheetOf(ref);
    const ws = this.wrap(new OfficeMockObject({ name: s?.name ?? ref.name, visibility: s?.visible === false ? "Hidden" : "Visible" }), {
      name: (v: string) => {
        this.wb.renameSheet(ref.name, v);
        ref.name = v;
      },
      visibility: (v: string) => {
        (this.sheetOf(ref) as MemorySheet).visible = v === "Visible";
      },
      tabColor: (v: string) => {
        (this.sheetOf(ref) as MemorySheet).tabColor = v.replace(/^#/, "");
      },
      showGridlines: (v: boolean) => {
        this.featureLog(ref).showGridlines = v;
      },
    });
    const target = ws as any;
    target.pageLayout = this.featureLog(ref).pageLayout;
    target.getRange = (address: string) => this.range(ref, parseA1(address));
    // RangeAreas (ExcelApi 1.9): a multi-area address; select() selects every area, as the pane does with a customer's rows.
    target.getRanges = (address: string) => {
      const areas = address.split(",").map((part) => {
        const r = parseA1(part.trim());
        return { row: r.row, col: r.col, rows: r.rows, cols: r.cols };
      });
      return { select: () => this.queue.push(() => (this.wb.selection = { sheet: ref.name, ...areas[0], areas })) };
    };
    target.getUsedRange = () => {
      const r = this.used(ref);
      if (!r) throw new Error("ItemNotFound: the sheet is empty");
      return this.range(ref, r);
    };
    target.getUsedRangeOrNullObject = () => {
      const r = this.used(ref);
      const range = this.range(ref, r ?? { row: 0, col: 0, rows: 1, cols: 1 });
      range.isNullObject = r === undefined;
      return range;
    };
    target.delete = () => this.queue.push(() => this.wb.deleteSheet(ref.name));
    target.activate = () => this.queue.push(() => (this.wb.active = ref.name));
    target.calculate = () => undefined;
    target.freezePanes = {
      freezeRows: (n: number) => this.queue.push(() => ((this.sheetOf(ref) as MemorySheet).freeze = { rows: n, cols: 0 })),
      freezeColumns: (n: number) => this.queue.push(() => ((this.sheetOf(ref) as MemorySheet).freeze = { rows: 0, cols: n })),
      freezeAt: (r: any) => this.queue.push(() => ((this.sheetOf(ref) as MemorySheet).freeze = { rows: r.__rect.rows, cols: r.__rect.cols })),
    };
    target.tables = {
      add: (range: any) => {
        const tref = { name: `Table${this.wb.tables.size + 1}_${Math.random().toString(36).slice(2, 6)}` };
        const at = range.__where as () => { sheet: string; rect: Rect };
        this.queue.push(() => {
          const { sheet, rect } = at();
          this.wb.tables.set(tref.name, { name: tref.name, sheet, row: rect.row, col: rect.col, rows: rect.rows, cols: rect.cols, columns: [] });
        });
        return this.table(tref);
      },
    };
    target.charts = {
      add: (type: string, source: any, seriesBy: string) => {
        const chart = recorder();
        this.featureLog(ref).charts.push({ type, source: source?.__where?.(), seriesBy, chart });
        this.queue.push(() => {
          const log = chart.__log;
          const position = chart.__calls.find((c: RecordedCall) => c.name === "setPosition");
          const p = position ? parseA1(position.args[0] as string) : { row: 0, col: 0 };
          const series = chart.series;
          const first = series.__calls.find((c: RecordedCall) => c.name === "getItemAt")?.result.__log.name;
          const names = [first, ...series.__calls.filter((c: RecordedCall) => c.name === "add").map((c: RecordedCall) => c.args[0])].filter((n) => n !== undefined);
          (this.sheetOf(ref) as MemorySheet).charts.push({ type: type as any, title: log.title?.__log?.text ?? chart.title.__log.text, row: p.row, col: p.col, widthCols: 0, heightRows: 0, categories: [], series: names.map((name: string) => ({ name, values: [] })) });
        });
        return chart;
      },
    };
    return ws;
  }

  private used(ref: Ref): Rect | undefined {
    const v = this.virtual.get(ref.name.toUpperCase());
    if (v) return { row: 0, col: 0, rows: v.rows, cols: v.cols };
    const s = this.sheetOf(ref);
    return s ? usedRect(s) : undefined;
  }

  private cells(ref: Ref, r: Rect): RawCell[][] | undefined {
    if (r.rows * r.cols > MATERIALISE_LIMIT) return undefined;
    if (this.options.emptyAboveCells !== undefined && r.rows * r.cols > this.options.emptyAboveCells) return [];
    const v = this.virtual.get(ref.name.toUpperCase());
    const s = this.sheetOf(ref);
    const out: RawCell[][] = new Array(r.rows);
    for (let i = 0; i < r.rows; i++) {
      const row: RawCell[] = new Array(r.cols);
      for (let j = 0; j < r.cols; j++) {
        const x = v ? (r.row + i < v.rows && r.col + j < v.cols ? v.cell(r.row + i, r.col + j) : "") : s?.values[r.row + i]?.[r.col + j];
        row[j] = x === null || x === undefined ? "" : x;
      }
      out[i] = row;
    }
    return out;
  }

  private range(ref: Ref, r: Rect): any {
    const fake = this;
    const values = this.cells(ref, r);
    const data: Record<string, unknown> = { address: `${quotedSheetIfNeeded(ref.name)}!${a1(r.row, r.col, r.rows, r.cols)}`, rowCount: r.rows, columnCount: r.cols };
    if (values) data.values = values;
    const range = this.wrap(new OfficeMockObject(data as any), {
      formulas: (given: unknown[][] | string | number | boolean) => {
        // A single value applies to every cell of the range (documented for values, formulas and numberFormat).
        const v: unknown[][] = Array.isArray(given) ? given : Array.from({ length: r.rows }, () => Array(r.cols).fill(given));
        fake.formulaWrites.push({ sheet: ref.name, address: a1(r.row, r.col, r.rows, r.cols), formulas: Array.isArray(given) ? v : [[given]] });
        const s = this.sheetOf(ref) as MemorySheet;
        if (!Array.isArray(v) || v.length !== r.rows || v.some((row) => !Array.isArray(row) || row.length !== r.cols)) {
          throw new Error(`formulas of ${r.rows}×${r.cols} expected at ${a1(r.row, r.col, r.rows, r.cols)}`);
        }
        for (const row of v) for (const x of row) if (typeof x === "string" && x.startsWith("=")) this.checkFormula(x);
        v.forEach((row, i) => row.forEach((x, j) => this.typeInto(s, r.row + i, r.col + j, x)));
      },
      numberFormat: (v: unknown) => {
        const s = this.sheetOf(ref) as MemorySheet;
        for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) this.wb.setFormat(s, r.row + i, r.col + j, String(Array.isArray(v) ? (v as unknown[][])[i][j] : v));
      },
    });
    const target = range as any;
    target.__rect = r;
    target.__where = () => ({ sheet: ref.name, rect: r });
    target.getRow = (i: number) => this.range(ref, { row: r.row + i, col: r.col, rows: 1, cols: r.cols });
    target.getCell = (i: number, j: number) => this.range(ref, { row: r.row + i, col: r.col + j, rows: 1, cols: 1 });
    target.getResizedRange = (dr: number, dc: number) => this.range(ref, { row: r.row, col: r.col, rows: r.rows + dr, cols: r.cols + dc });
    target.getSurroundingRegion = () => {
      const s = this.sheetOf(ref);
      return this.range(ref, (s && regionAround(s, r.row, r.col)) ?? r);
    };
    target.getTables = () =>
      this.collection(() =>
        [...this.wb.tables.values()]
          .filter((t) => sameSheetName(t.sheet, ref.name) && r.row < t.row + t.rows && t.row < r.row + r.rows && r.col < t.col + t.cols && t.col < r.col + r.cols)
          .map((t) => this.table({ name: t.name })),
      );
    target.select = () => this.queue.push(() => (this.wb.selection = { ...r, sheet: ref.name }));
    const address = a1(r.row, r.col, r.rows, r.cols);
    const features = () => this.featureLog(ref);
    target.getEntireColumn = () => {
      const c = this.range(ref, { row: 0, col: r.col, rows: 1, cols: r.cols });
      const [from, to = from] = address.replace(/\d+/g, "").split(":");
      c.__entire = `${from}:${to}`;
      return c;
    };
    target.getEntireRow = () => {
      const c = this.range(ref, { row: r.row, col: 0, rows: r.rows, cols: 1 });
      c.__entire = `${r.row + 1}:${r.row + r.rows}`;
      return c;
    };
    target.group = (by: string) => features().groups.push({ address: target.__entire ?? address, by, collapsed: false });
    target.hideGroupDetails = (by: string) => {
      const g = [...features().groups].reverse().find((x) => x.address === (target.__entire ?? address) && x.by === by);
      if (g) g.collapsed = true;
    };
    target.merge = () => features().merges.push(address);
    const format: any = { font: {}, fill: {} };
    Object.defineProperty(format, "rowHeight", { set: (h: number) => features().rowHeights.push({ address, height: h }) });
    target.format = format;
    Object.defineProperty(target, "columnHidden", { set: (v: boolean) => v && features().hiddenColumns.push(address) });
    Object.defineProperty(target, "rowHidden", { set: (v: boolean) => v && features().hiddenRows.push(address) });
    Object.defineProperty(target, "hyperlink", { set: (link: Excel.RangeHyperlink) => features().hyperlinks.push({ address, link }) });
    let dv: any;
    Object.defineProperty(target, "dataValidation", {
      get: () => {
        if (!dv) features().validations.push({ address, dv: (dv = {}) });
        return dv;
      },
    });
    target.conditionalFormats = {
      add: (type: string) => {
        const cf = { type, sheet: ref.name, rect: r, dataBar: { positiveFormat: {} }, colorScale: {}, custom: { rule: {} as { formula?: string }, format: { fill: {} } } };
        this.conditionalFormats.push(cf);
        return cf;
      },
    };
    return range;
  }

  /**
   * Excel refuses a formula whose structured reference names no table (a defined name may come later: #NAME?), and
   * a formula typed with the file format's `_xlfn.` prefix reads as an unknown function.
   */
  private checkFormula(f: string): void {
    // A calculated column writes one formula thousands of times: check it again only when the tables changed.
    const tables = [...this.wb.tables.keys()].join("\u0000");
    if (this.formulasChecked.get(f) === tables) return;
    this.checkFormulaNow(f);
    this.formulasChecked.set(f, tables);
  }

  private readonly formulasChecked = new Map<string, string>();

  private checkFormulaNow(f: string): void {
    const outside = f.split('"').filter((_, i) => i % 2 === 0).join('""');
    for (const m of outside.matchAll(/(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)\[/g)) {
      if (![...this.wb.tables.keys()].some((t) => t.toUpperCase() === m[1].toUpperCase())) throw Object.assign(new Error(`InvalidArgument: no table ${m[1]} in ${f}`), { code: "InvalidArgument" });
    }
    if (/_xl(fn|ws)\./i.test(outside)) throw Object.assign(new Error(`InvalidArgument: ${f}`), { code: "InvalidArgument" });
  }

  /** What Excel does with a value typed (or written through `formulas`) into a cell. */
  private typeInto(s: MemorySheet, row: number, col: number, x: unknown): void {
    if (typeof x === "string") {
      if (x.startsWith("=")) return this.wb.setCell(s, row, col, null, x);
      if (x.startsWith("'")) return this.wb.setCell(s, row, col, x.slice(1));
      if (x.trim() !== "" && Number.isFinite(Number(x))) return this.wb.setCell(s, row, col, Number(x)); // Excel converts "00123"
      if (/^(true|false)$/i.test(x)) return this.wb.setCell(s, row, col, x.toUpperCase() === "TRUE");
      return this.wb.setCell(s, row, col, x === "" ? null : x);
    }
    this.wb.setCell(s, row, col, x as Scalar);
  }

  private table(ref: Ref): any {
    const t = this.wb.tables.get(ref.name);
    const table = this.wrap(new OfficeMockObject({ name: ref.name }), {
      name: (v: string) => {
        this.wb.renameTable(ref.name, v);
        ref.name = v;
      },
      style: (v: string) => {
        const x = this.wb.tables.get(ref.name);
        if (x) x.style = v;
      },
    });
    const target = table as any;
    target.worksheet = this.worksheet({ name: t?.sheet ?? "" });
    target.getRange = () => {
      const x = this.wb.tables.get(ref.name);
      if (!x) throw new Error(`ItemNotFound: table ${ref.name}`);
      return this.range({ name: x.sheet }, x);
    };
    return table;
  }

  private namedItem(name: string): any {
    const n = this.wb.names.get(name);
    const item = this.wrap(new OfficeMockObject({ name, formula: n?.formula ?? "", visible: n?.visible ?? true }), {
      formula: (v: string) => this.wb.names.set(name, { ...(this.wb.names.get(name) ?? { visible: true }), formula: v }),
      visible: (v: boolean) => this.wb.names.set(name, { ...(this.wb.names.get(name) ?? { formula: "" }), visible: v }),
    });
    const target = item as any;
    target.delete = () => this.queue.push(() => this.wb.names.delete(name));
    target.getRange = () => {
      const f = this.wb.names.get(name)?.formula ?? "";
      const r = parseA1(f.replace(/^=/, ""));
      return this.range({ name: r.sheet ?? "" }, r);
    };
    return item;
  }
}

function abs(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}

function quotedSheetIfNeeded(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : quotedSheet(name);
}
