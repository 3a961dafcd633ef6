/**
 * The pane's state and its flows, without React: find the ledger → check the columns → parameters → run → results.
 * Pages render `state` and call the actions; the store talks to the workbook only through a `WorkbookHost` (Office
 * or the in-memory demo) and computes nothing itself — the engine does (detectColumns, LedgerBuilder, analyze,
 * buildReport, summaryJson).
 */
import { analyze, DEFAULT_PARAMS } from "../engine/analysis";
import type { Params } from "../engine/analysis";
import { dayFromIso, isoFromDay } from "../engine/day";
import { detectColumns, LedgerBuilder } from "../engine/ledger";
import type { ColumnDetection } from "../engine/ledger";
import type { Field, Ledger, RawCell } from "../engine/ledger/types";
import { isKaProblem } from "../engine/problems";
import type { Problem } from "../engine/problems";
import { buildReport, summaryJson } from "../engine/report";
import type { Report, SheetSpec, TableBlock } from "../engine/report/types";
import type { AboutContent, Discovery, LedgerLocation, LocationInfo, Preview, StoredSettings, WorkbookHost, WrittenSheet } from "../workbook/office/host-types";
import { a1 } from "../workbook/office/layout";
import type { Lang } from "./i18n";

export type Page = "data" | "columns" | "parameters" | "run" | "results";
export const PAGES: Page[] = ["data", "columns", "parameters", "run", "results"];

export type DateOrder = "dmy" | "mdy";

/** Parameters as the user types them: strings, validated before a run. Percentages in percent. */
export interface ParamForm {
  /** `yyyy-mm-dd`, or "" for the default (the ledger's last date). */
  asOf: string;
  unit: Params["unit"];
  bins: string;
  abcA: string;
  abcB: string;
  lossRates: string[];
  /** "auto": roll-rate estimates when the payment history allows, else `lossRates`; "given": always `lossRates`. */
  lossRateMethod: Params["lossRateMethod"];
}

export type ParamErrors = Partial<Record<"asOf" | "bins" | "abc" | `loss${number}`, true>>;

/** What is saved in the workbook's settings (and, for parameters and mapping, readable back from KA About). */
export interface SavedSettings {
  v: 1;
  source?: LedgerLocation;
  /** Field → header text; "" = not used. */
  map?: Partial<Record<Field, string>>;
  dateOrder?: DateOrder;
  params?: { asOf?: string; unit?: Params["unit"]; bins?: number; abcA?: number; abcB?: number; lossRates?: number[]; lossRateMethod?: Params["lossRateMethod"] };
}

export interface RunState {
  stage: "reading" | "analysing" | "writing";
  /** Engine stage name while analysing, the tab being written while writing, rows read while reading. */
  detail: string;
  /** Overall fraction done. */
  done: number;
  cancelling: boolean;
}

export interface Results {
  json: Record<string, unknown>;
  written: WrittenSheet[];
  /** Where the excluded-rows table is on KA About. */
  excluded: { sheet: string; address?: string } | undefined;
  warnings: string[];
}

export interface PaneState {
  page: Page;
  lang: Lang;
  hostKind: WorkbookHost["kind"];
  busy: boolean;
  discovery?: Discovery;
  location?: LocationInfo;
  preview?: Preview;
  detection?: ColumnDetection;
  /** The user's choices on the Columns page: field → column index, or "" for not used. */
  overrides: Partial<Record<Field, number | "">>;
  dateOrder?: DateOrder;
  /** Set when the dates need a day/month order choice. */
  needsDateOrder: boolean;
  ledger?: Ledger;
  read?: { rows: number; total: number };
  form: ParamForm;
  run?: RunState;
  results?: Results;
  problem?: ShownProblem;
  notice?: "cancelled" | "restored";
  waitingForCellEdit: boolean;
}

export function defaultForm(): ParamForm {
  return {
    asOf: "",
    unit: DEFAULT_PARAMS.unit,
    bins: String(DEFAULT_PARAMS.bins),
    abcA: percentText(DEFAULT_PARAMS.abcA),
    abcB: percentText(DEFAULT_PARAMS.abcB),
    lossRates: DEFAULT_PARAMS.lossRates.map(percentText),
    lossRateMethod: DEFAULT_PARAMS.lossRateMethod,
  };
}

/** 0.8 → "80", 0.003 → "0.3" (no float noise). */
export function percentText(x: number): string {
  return String(Math.round(x * 100 * 1e6) / 1e6);
}

function parsePercent(text: string): number | undefined {
  const t = text.trim().replace(/%$/, "").trim();
  if (!/^[0-9]+(\.[0-9]+)?$/.test(t)) return undefined;
  return Number(t) / 100;
}

/** Validation of the form: which fields are wrong. */
export function validateForm(f: ParamForm): ParamErrors {
  const e: ParamErrors = {};
  if (f.asOf.trim() !== "" && dayFromIso(f.asOf) === undefined) e.asOf = true;
  const bins = Number(f.bins);
  if (!/^\s*\d+\s*$/.test(f.bins) || bins < 2 || bins > 10) e.bins = true;
  const a = parsePercent(f.abcA);
  const b = parsePercent(f.abcB);
  if (a === undefined || b === undefined || !(a > 0 && b > a && b <= 1)) e.abc = true;
  f.lossRates.forEach((r, i) => {
    const x = parsePercent(r);
    if (x === undefined || x > 1) e[`loss${i}`] = true;
  });
  return e;
}

/** The engine's parameters from a valid form. */
export function paramsFromForm(f: ParamForm): Partial<Params> {
  return {
    asOf: f.asOf.trim() === "" ? undefined : dayFromIso(f.asOf),
    unit: f.unit,
    bins: Number(f.bins),
    abcA: parsePercent(f.abcA),
    abcB: parsePercent(f.abcB),
    lossRates: f.lossRates.map((r) => parsePercent(r) as number),
    lossRateMethod: f.lossRateMethod,
  };
}

/** `Sheet1!A1:H20`, or `'Sales 2024'!A1:H20` when the sheet name needs quotes, as Excel writes it. */
export function rangeLabel(sheet: string, address: string): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${address}`;
}

function isField(x: string): x is Field {
  return ["customer", "date", "amount", "quantity", "unitPrice", "invoice", "dueDate", "paidDate", "paidAmount", "balance", "cost", "creditLimit", "contractEnd", "currency", "segmentBy"].includes(x);
}

/** Settings from the document store, checked field by field (a damaged value is ignored, never trusted). */
export function readSavedSettings(value: unknown): SavedSettings | undefined {
  if (!value || typeof value !== "object" || (value as { v?: unknown }).v !== 1) return undefined;
  const v = value as Record<string, any>;
  const out: SavedSettings = { v: 1 };
  const src = v.source;
  if (src && typeof src.sheet === "string" && typeof src.address === "string" && ["selection", "region", "table", "sheet"].includes(src.kind)) {
    out.source = { kind: src.kind, sheet: src.sheet, address: src.address, table: typeof src.table === "string" ? src.table : undefined };
  }
  if (v.map && typeof v.map === "object") {
    out.map = {};
    for (const [k, h] of Object.entries(v.map)) if (isField(k) && typeof h === "string") out.map[k] = h;
  }
  if (v.dateOrder === "dmy" || v.dateOrder === "mdy") out.dateOrder = v.dateOrder;
  const p = v.params;
  if (p && typeof p === "object") {
    out.params = {};
    if (typeof p.asOf === "string" && dayFromIso(p.asOf) !== undefined) out.params.asOf = p.asOf;
    if (p.unit === "day" || p.unit === "week" || p.unit === "month") out.params.unit = p.unit;
    if (typeof p.bins === "number") out.params.bins = p.bins;
    if (typeof p.abcA === "number") out.params.abcA = p.abcA;
    if (typeof p.abcB === "number") out.params.abcB = p.abcB;
    if (Array.isArray(p.lossRates) && p.lossRates.every((x: unknown) => typeof x === "number")) out.params.lossRates = p.lossRates;
    if (p.lossRateMethod === "auto" || p.lossRateMethod === "given") out.params.lossRateMethod = p.lossRateMethod;
  }
  return out;
}

/**
 * Settings from KA About, for when the document's settings were lost: the named parameter cells and the
 * "Column for <field>" rows. The as-of date is not taken (About cannot tell a chosen date from the default).
 */
export function settingsFromAbout(about: AboutContent): SavedSettings | undefined {
  const out: SavedSettings = { v: 1, params: {} };
  const n = about.names;
  const params = out.params as NonNullable<SavedSettings["params"]>;
  if (typeof n.KA_Bins === "number") params.bins = n.KA_Bins;
  if (n.KA_Unit === "day" || n.KA_Unit === "week" || n.KA_Unit === "month") params.unit = n.KA_Unit;
  if (typeof n.KA_ABC_A === "number") params.abcA = n.KA_ABC_A;
  if (typeof n.KA_ABC_B === "number") params.abcB = n.KA_ABC_B;
  const loss = Object.keys(n)
    .map((k) => /^KA_LossRate_(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((x, y) => Number(x[1]) - Number(y[1]))
    .map((m) => n[m[0]]);
  if (loss.length === DEFAULT_PARAMS.lossRates.length && loss.every((x) => typeof x === "number")) params.lossRates = loss as number[];
  const map: Partial<Record<Field, string>> = {};
  for (const [label, value] of about.pairs) {
    const m = /^Column for (\w+)$/.exec(label);
    if (m && isField(m[1]) && typeof value === "string") map[m[1]] = value;
  }
  if (Object.keys(map).length > 0) out.map = map;
  if (Object.keys(params).length === 0 && !out.map) return undefined;
  return out;
}

function formFromSaved(p: SavedSettings["params"]): ParamForm {
  const f = defaultForm();
  if (!p) return f;
  if (p.asOf) f.asOf = p.asOf;
  if (p.unit) f.unit = p.unit;
  if (p.bins !== undefined) f.bins = String(p.bins);
  if (p.abcA !== undefined) f.abcA = percentText(p.abcA);
  if (p.abcB !== undefined) f.abcB = percentText(p.abcB);
  if (p.lossRates && p.lossRates.length === f.lossRates.length) f.lossRates = p.lossRates.map(percentText);
  if (p.lossRateMethod) f.lossRateMethod = p.lossRateMethod;
  return f;
}

function sameLocation(a: LedgerLocation, b: LedgerLocation): boolean {
  if (a.kind === "table" || b.kind === "table") return a.kind === b.kind && a.table === b.table;
  return a.sheet.toUpperCase() === b.sheet.toUpperCase() && a.address === b.address;
}

/** A problem to show: the engine's (with its code), or an unexpected error (no code: the pane says so). */
export type ShownProblem = Omit<Problem, "code"> & { code?: Problem["code"]; page: Page };

function asProblem(e: unknown, page: Page): ShownProblem {
  if (isKaProblem(e)) return { ...e.problem, page };
  const message = e instanceof Error ? e.message : String(e);
  return { message, page };
}

/** Where KA About's excluded-rows table is. */
function excludedTable(report: Report, written: WrittenSheet[]): Results["excluded"] {
  const about = report.sheets.find((s: SheetSpec) => s.role === "about");
  const sheet = written.find((w) => w.role === "about")?.name;
  if (!about || !sheet) return undefined;
  const t = about.blocks.find((b) => b.kind === "table" && b.name === "KAExcluded") as TableBlock | undefined;
  return { sheet, address: t ? a1(t.row, t.col, 1 + Math.max(1, t.rows.length), t.columns.length) : undefined };
}

export class PaneStore {
  private state: PaneState;
  private listeners = new Set<() => void>();
  private controller?: AbortController;
  private saved?: SavedSettings;

  constructor(
    private readonly host: WorkbookHost,
    lang: Lang,
  ) {
    this.state = {
      page: "data",
      lang,
      hostKind: host.kind,
      busy: false,
      overrides: {},
      needsDateOrder: false,
      form: defaultForm(),
      waitingForCellEdit: false,
    };
  }

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Called by the Office host's cell-edit retry. */
  setWaitingForCellEdit(waiting: boolean): void {
    if (this.state.waitingForCellEdit !== waiting) this.set({ waitingForCellEdit: waiting });
  }

  setLang(lang: Lang): void {
    this.set({ lang });
  }

  /** Opening the pane: restore saved choices (document settings, else KA About) and look for ledgers. */
  async init(): Promise<void> {
    this.set({ busy: true });
    let stored: StoredSettings = {};
    try {
      stored = await this.host.loadSettings();
    } catch {
      stored = {};
    }
    this.saved = readSavedSettings(stored.document) ?? (stored.about ? settingsFromAbout(stored.about) : undefined);
    if (this.saved) this.set({ form: formFromSaved(this.saved.params), dateOrder: this.saved.dateOrder, notice: "restored" });
    await this.refresh();
  }

  /** Looks for ledgers again (after the user selected something in Excel); `atCursor` drops the current choice. */
  async refresh(atCursor = false): Promise<void> {
    this.set({ busy: true, problem: undefined });
    try {
      const discovery = await this.host.discover();
      const candidates = [discovery.tableAtCursor, discovery.selection, discovery.regionAtCursor, ...discovery.tables, ...discovery.sheets].filter((x): x is LocationInfo => x !== undefined);
      const current = atCursor ? undefined : this.state.location;
      const savedSource = this.saved?.source;
      const keep = current && candidates.find((c) => sameLocation(c, current) && c.kind === current.kind);
      const restored = !current && savedSource ? candidates.find((c) => sameLocation(c, savedSource)) : undefined;
      const location = keep ?? restored ?? candidates[0];
      const changed = !location || !this.state.location || !sameLocation(location, this.state.location);
      this.set({ discovery, location, busy: false, ...(changed ? { preview: undefined, detection: undefined, ledger: undefined, overrides: {}, needsDateOrder: false } : {}) });
    } catch (e) {
      this.set({ busy: false, problem: asProblem(e, "data") });
    }
  }

  chooseLocation(location: LocationInfo): void {
    const changed = !this.state.location || !sameLocation(this.state.location, location);
    this.set({ location, ...(changed ? { preview: undefined, detection: undefined, ledger: undefined, overrides: {}, needsDateOrder: false } : {}) });
  }

  goto(page: Page): void {
    this.set({ page, problem: undefined, notice: page === "data" ? this.state.notice : undefined });
  }

  /** Data → Columns: the header and first rows, and the detected mapping. */
  async goColumns(): Promise<void> {
    const location = this.state.location;
    if (!location) return;
    this.set({ busy: true, problem: undefined });
    try {
      const preview = await this.host.preview(location, 5);
      let overrides = this.state.overrides;
      if (Object.keys(overrides).length === 0 && this.saved?.map) overrides = overridesFromHeaders(preview.header, this.saved.map);
      this.set({ preview, location: { ...location, ...preview.location }, overrides, busy: false, page: "columns", ledger: undefined });
      this.detect();
    } catch (e) {
      this.set({ busy: false, problem: asProblem(e, "data") });
    }
  }

  private detect(): void {
    const preview = this.state.preview;
    if (!preview) return;
    try {
      this.set({ detection: detectColumns(preview.header, this.state.overrides) });
    } catch (e) {
      // A choice that no longer fits (the columns changed): forget the choices and detect afresh.
      this.set({ overrides: {}, detection: detectColumns(preview.header) });
      void e;
    }
  }

  /** A Columns-page choice: the column index for a field, or "" for not used. */
  setColumn(field: Field, col: number | ""): void {
    const overrides = { ...this.state.overrides, [field]: col };
    // A column serves one field: a field that had the column gives it up.
    if (col !== "") for (const [f, c] of Object.entries(this.state.detection?.mapping ?? {}) as [Field, number][]) if (f !== field && c === col) overrides[f] = "";
    this.set({ overrides, ledger: undefined });
    this.detect();
  }

  setDateOrder(order: DateOrder): void {
    this.set({ dateOrder: order, ledger: undefined });
  }

  /** The mapping handed to the ledger builder: what the Columns page shows, by column index. */
  private builderMap(): Partial<Record<Field, number | string>> {
    const map: Partial<Record<Field, number | string>> = { ...(this.state.detection?.mapping ?? {}) };
    for (const [f, c] of Object.entries(this.state.overrides) as [Field, number | ""][]) if (c === "") map[f] = "";
    return map;
  }

  private async readLedger(asOf: number | undefined, signal: AbortSignal | undefined, onRows: (rows: number, total: number) => void): Promise<Ledger> {
    const location = this.state.location as LocationInfo;
    let builder: LedgerBuilder | undefined;
    let total = 0;
    let rows = 0;
    await this.host.read(
      location,
      {
        begin: (header: RawCell[], info) => {
          builder = new LedgerBuilder(header, { map: this.builderMap(), date1904: info.date1904, headerRow: info.headerRow, dateOrder: this.state.dateOrder, asOf });
          total = info.dataRows;
          rows = 0;
        },
        rows: (chunk: RawCell[][]) => {
          const b = builder as LedgerBuilder;
          for (const r of chunk) b.push(r);
          rows += chunk.length;
          onRows(rows, total);
        },
      },
      { signal },
    );
    if (!builder) throw new Error("the host read no header");
    return builder.finish();
  }

  /** Columns → Parameters: reads the whole ledger once, so the page can show the last date and the row counts. */
  async goParameters(): Promise<void> {
    const d = this.state.detection;
    if (!d || d.missing.length > 0) return;
    if (this.state.ledger) {
      this.set({ page: "parameters", problem: undefined });
      return;
    }
    this.set({ busy: true, problem: undefined, read: { rows: 0, total: Math.max(0, (this.state.location?.rows ?? 1) - 1) } });
    try {
      const ledger = await this.readLedger(undefined, undefined, (rows, total) => this.set({ read: { rows, total } }));
      this.set({ ledger, busy: false, read: undefined, needsDateOrder: false, page: "parameters" });
    } catch (e) {
      const p = asProblem(e, "columns");
      this.set({ busy: false, read: undefined, problem: p, needsDateOrder: p.code === "ambiguousDateOrder" || this.state.needsDateOrder });
    }
  }

  setParam<K extends keyof ParamForm>(key: K, value: ParamForm[K]): void {
    this.set({ form: { ...this.state.form, [key]: value } });
  }

  /** Typing a rate means "use my rates": the method switches to "given". */
  setLossRate(i: number, value: string): void {
    const lossRates = [...this.state.form.lossRates];
    lossRates[i] = value;
    this.set({ form: { ...this.state.form, lossRates, lossRateMethod: "given" } });
  }

  resetParams(): void {
    this.set({ form: defaultForm() });
  }

  /** The as-of date the Parameters page shows as default: the ledger's last date. */
  defaultAsOf(): string | undefined {
    const l = this.state.ledger;
    return l && l.asOf !== undefined && Number.isFinite(l.asOf) && l.asOf > -1e6 ? isoFromDay(l.asOf) : undefined;
  }

  /** Parameters → Run → Results. Cancel (or an error) before the last step leaves the workbook as it was. */
  async run(): Promise<void> {
    const errors = validateForm(this.state.form);
    if (Object.keys(errors).length > 0 || !this.state.ledger || !this.state.location) return;
    const controller = new AbortController();
    this.controller = controller;
    const signal = controller.signal;
    const params = paramsFromForm(this.state.form);
    const location = this.state.location;
    this.set({ page: "run", problem: undefined, notice: undefined, run: { stage: "analysing", detail: "", done: 0, cancelling: false } });
    const progress = (stage: RunState["stage"], done: number, detail: string) => this.set({ run: { ...(this.state.run as RunState), stage, done, detail } });
    try {
      let ledger = this.state.ledger;
      const reread = params.asOf !== undefined && params.asOf !== ledger.asOf;
      const [readShare, analyseShare] = reread ? [0.3, 0.3] : [0, 0.4];
      if (reread) {
        progress("reading", 0, "0");
        ledger = await this.readLedger(params.asOf, signal, (rows, total) => progress("reading", (readShare * rows) / Math.max(1, total), String(rows)));
      }
      progress("analysing", readShare, "");
      const analysis = await analyze(ledger, params, { signal, onProgress: (stage, done) => progress("analysing", readShare + analyseShare * done, stage) });
      const kind = location.kind === "table" ? "table" : location.kind === "sheet" ? "sheet" : "range";
      const label = location.kind === "table" && location.table ? location.table : rangeLabel(location.sheet, location.address);
      const report = buildReport(analysis, { label, kind });
      const writeStart = readShare + analyseShare;
      const written = await this.host.write(report, { signal, onProgress: (_s, done, detail) => progress("writing", writeStart + (1 - writeStart) * done, detail ?? "") });
      await this.host.saveSettings(this.settingsToSave(ledger)).catch(() => undefined);
      const json = summaryJson(analysis);
      this.set({
        page: "results",
        run: undefined,
        results: { json, written, excluded: excludedTable(report, written), warnings: analysis.warnings.map((w) => w.message) },
      });
    } catch (e) {
      const p = asProblem(e, "parameters");
      if (p.code === "cancelled") this.set({ page: "parameters", run: undefined, notice: "cancelled" });
      else this.set({ page: "parameters", run: undefined, problem: p });
    } finally {
      this.controller = undefined;
    }
  }

  cancel(): void {
    if (!this.controller || !this.state.run) return;
    this.set({ run: { ...this.state.run, cancelling: true } });
    this.controller.abort();
  }

  private settingsToSave(ledger: Ledger): SavedSettings {
    const headers = this.state.preview?.header.map((h) => (h === null || h === undefined ? "" : String(h).trim())) ?? ledger.headers;
    const map: Partial<Record<Field, string>> = {};
    for (const [f, c] of Object.entries(this.state.overrides) as [Field, number | ""][]) map[f] = c === "" ? "" : (headers[c] ?? "");
    const f = paramsFromForm(this.state.form);
    const loc = this.state.location as LocationInfo;
    return {
      v: 1,
      source: { kind: loc.kind, sheet: loc.sheet, address: loc.address, table: loc.table },
      map,
      dateOrder: this.state.dateOrder,
      params: { asOf: this.state.form.asOf.trim() || undefined, unit: f.unit, bins: f.bins, abcA: f.abcA, abcB: f.abcB, lossRates: f.lossRates, lossRateMethod: f.lossRateMethod },
    };
  }

  /** Shows a written tab in Excel (and the excluded rows' table on KA About). */
  async openTab(sheet: string, address?: string): Promise<void> {
    try {
      await this.host.activate(sheet, address);
    } catch (e) {
      this.set({ problem: asProblem(e, this.state.page) });
    }
  }
}

/** Saved header-text choices → column indices for this header row (choices whose header is gone are dropped). */
function overridesFromHeaders(header: RawCell[], map: Partial<Record<Field, string>>): Partial<Record<Field, number | "">> {
  const texts = header.map((h) => (h === null || h === undefined ? "" : String(h).trim().toUpperCase()));
  const out: Partial<Record<Field, number | "">> = {};
  for (const [f, h] of Object.entries(map) as [Field, string][]) {
    if (h === "") out[f] = "";
    else {
      const i = texts.indexOf(h.trim().toUpperCase());
      if (i >= 0) out[f] = i;
    }
  }
  return out;
}

