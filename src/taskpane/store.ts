/**
 * The pane's state and its flows, without React: find the ledger → check the columns → parameters → run → results.
 * Pages render `state` and call the actions. The store holds the state and sequences the steps; the steps
 * themselves are in state/: the form (params.ts), what is saved with the workbook (settings.ts), the column
 * choices (mapping.ts), reading and the run (run.ts). It talks to the workbook only through a `WorkbookHost` (Office
 * or the in-memory demo) and computes nothing itself — the engine does.
 */
import { isoFromDay } from "../engine/day";
import { detectColumns } from "../engine/ledger";
import type { ColumnDetection, DecimalMark } from "../engine/ledger";
import type { Field, Ledger } from "../engine/ledger/types";
import { isKaProblem } from "../engine/problems";
import type { Problem } from "../engine/problems";
import type { Discovery, LocationInfo, Preview, StoredSettings, WorkbookHost } from "../workbook/port";
import type { Lang } from "./i18n";
import { pickCustomer, type PickedCustomer } from "./state/drill";
import { builderMap, chooseColumn, choicesAsHeaders, choicesFromHeaders, groupByForRead, sameLocation, type ColumnChoices } from "./state/mapping";
import { defaultForm, defaultHoldoutMonths, formFromSaved, paramsFromForm, savedFromForm, validateForm, withAging, type ParamForm } from "./state/params";
import { mappingIssues, type MappingIssue } from "./state/checks";
import { readLedger, runAnalysis, type LedgerRead, type Results, type RunStage } from "./state/run";
import { readSavedSettings, settingsFromAbout, settingsToSave, type DateOrder, type SavedSettings } from "./state/settings";

export type Page = "data" | "columns" | "parameters" | "run" | "results";
export const PAGES: Page[] = ["data", "columns", "parameters", "run", "results"];

export interface RunState {
  stage: RunStage;
  /** Engine stage name while analysing, the tab being written while writing, rows read while reading. */
  detail: string;
  /** Overall fraction done. */
  done: number;
  cancelling: boolean;
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
  /** What is wrong with the mapping on the preview rows (a text column as amount, one column for two fields). */
  issues: readonly MappingIssue[];
  /** The user's choices on the Columns page: field → column index, or "" for not used. */
  overrides: ColumnChoices;
  dateOrder?: DateOrder;
  /** Set when the dates need a day/month order choice. */
  needsDateOrder: boolean;
  /** The decimal mark of text numbers, when the reader could not tell (ambiguousNumberFormat) and the user chose. */
  decimal?: DecimalMark;
  needsDecimal: boolean;
  ledger?: Ledger;
  read?: { rows: number; total: number };
  form: ParamForm;
  run?: RunState;
  results?: Results;
  /** The customer picked on the Results page: its rows, and what of them is selected in the ledger's sheet. */
  picked?: PickedCustomer;
  problem?: ShownProblem;
  notice?: "cancelled" | "restored";
  waitingForCellEdit: boolean;
}

/** A problem to show: the engine's (with its code), or an unexpected error (no code: the pane says so). */
export type ShownProblem = Omit<Problem, "code"> & { code?: Problem["code"]; page: Page };

function asProblem(e: unknown, page: Page): ShownProblem {
  if (isKaProblem(e)) return { ...e.problem, page };
  const message = e instanceof Error ? e.message : String(e);
  return { message, page };
}

/** What a new ledger location resets. */
const FRESH_LEDGER = { preview: undefined, detection: undefined, issues: [], ledger: undefined, overrides: {}, needsDateOrder: false, needsDecimal: false } as const;

/** Rows the Columns page checks the mapping on (it shows the first five). */
export const PREVIEW_ROWS = 20;

export class PaneStore {
  private state: PaneState;
  private listeners = new Set<() => void>();
  private controller?: AbortController;
  private saved?: SavedSettings;
  /** The grouping columns `state.ledger` was read with (JSON of `LedgerRead.groupBy`): a run re-reads when they changed. */
  private readGroups = "";
  private holdoutDefault?: { ledger: Ledger; asOf: number; months: number | undefined };

  constructor(
    private readonly host: WorkbookHost,
    lang: Lang,
  ) {
    this.state = {
      page: "data",
      lang,
      hostKind: host.kind,
      busy: false,
      issues: [],
      overrides: {},
      needsDateOrder: false,
      needsDecimal: false,
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
    if (this.saved) this.set({ form: formFromSaved(this.saved.params), dateOrder: this.saved.dateOrder, decimal: this.saved.decimal, notice: "restored" });
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
      this.set({ discovery, location, busy: false, ...(changed ? FRESH_LEDGER : {}) });
    } catch (e) {
      this.set({ busy: false, problem: asProblem(e, "data") });
    }
  }

  chooseLocation(location: LocationInfo): void {
    const changed = !this.state.location || !sameLocation(this.state.location, location);
    this.set({ location, ...(changed ? FRESH_LEDGER : {}) });
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
      const preview = await this.host.preview(location, PREVIEW_ROWS);
      let overrides = this.state.overrides;
      if (Object.keys(overrides).length === 0 && this.saved?.map) overrides = choicesFromHeaders(preview.header, this.saved.map);
      this.set({ preview, location: { ...location, ...preview.location }, overrides, busy: false, page: "columns", ledger: undefined });
      this.detect();
    } catch (e) {
      this.set({ busy: false, problem: asProblem(e, "data") });
    }
  }

  private detect(): void {
    const preview = this.state.preview;
    if (!preview) return;
    let detection: ColumnDetection;
    try {
      detection = detectColumns(preview.header, this.state.overrides);
    } catch {
      // A choice that no longer fits (the columns changed): forget the choices and detect afresh.
      this.set({ overrides: {} });
      detection = detectColumns(preview.header);
    }
    this.set({ detection, issues: mappingIssues(detection.mapping, preview, detection.headers) });
  }

  /** A Columns-page choice: the column index for a field, or "" for not used. */
  setColumn(field: Field, col: number | ""): void {
    this.set({ overrides: chooseColumn(this.state.overrides, this.state.detection?.mapping, field, col), ledger: undefined });
    this.detect();
  }

  setDateOrder(order: DateOrder): void {
    this.set({ dateOrder: order, ledger: undefined });
  }

  /** The decimal mark the user chose when the ledger's numbers could be read either way. */
  setDecimal(decimal: DecimalMark): void {
    this.set({ decimal, ledger: undefined });
  }

  /** How to read the ledger with the current choices. */
  private ledgerRead(): LedgerRead {
    const groupBy = this.state.preview ? groupByForRead(this.state.form.groupBy, this.state.preview.header) : undefined;
    return { location: this.state.location as LocationInfo, map: builderMap(this.state.detection?.mapping, this.state.overrides), dateOrder: this.state.dateOrder, decimal: this.state.decimal, groupBy };
  }

  /** Columns → Parameters: reads the whole ledger once, so the page can show the last date and the row counts. */
  async goParameters(): Promise<void> {
    const d = this.state.detection;
    if (!d || d.missing.length > 0 || this.state.issues.length > 0) return;
    if (this.state.ledger) {
      this.set({ page: "parameters", problem: undefined });
      return;
    }
    this.set({ busy: true, problem: undefined, read: { rows: 0, total: Math.max(0, (this.state.location?.rows ?? 1) - 1) } });
    try {
      const read = this.ledgerRead();
      const ledger = await readLedger(this.host, read, undefined, (rows, total) => this.set({ read: { rows, total } }));
      this.readGroups = JSON.stringify(read.groupBy ?? null);
      this.set({ ledger, busy: false, read: undefined, needsDateOrder: false, needsDecimal: false, page: "parameters" });
    } catch (e) {
      const p = asProblem(e, "columns");
      this.set({ busy: false, read: undefined, problem: p, needsDateOrder: p.code === "ambiguousDateOrder" || this.state.needsDateOrder, needsDecimal: p.code === "ambiguousNumberFormat" || this.state.needsDecimal });
    }
  }

  setParam<K extends keyof ParamForm>(key: K, value: ParamForm[K]): void {
    this.set({ form: { ...this.state.form, [key]: value } });
  }

  /** New aging buckets: one loss-rate box per bucket (illustrative rates when their number changes). */
  setAging(text: string): void {
    this.set({ form: withAging(this.state.form, text) });
  }

  /** Typing a rate means "use my rates": the method switches to "given". */
  setLossRate(i: number, value: string): void {
    const lossRates = [...this.state.form.lossRates];
    lossRates[i] = value;
    this.set({ form: { ...this.state.form, lossRates, lossRateMethod: "given" } });
  }

  /** The hold-out switch: on fills the months with the engine's default when none are typed. */
  setHoldout(on: boolean): void {
    const f = this.state.form;
    const months = on && f.holdoutMonths.trim() === "" ? String(this.defaultHoldout() ?? "") : f.holdoutMonths;
    this.set({ form: { ...f, holdoutOn: on, holdoutMonths: months } });
  }

  /** Typing the months means "hold out these months": the switch turns on. */
  setHoldoutMonths(text: string): void {
    this.set({ form: { ...this.state.form, holdoutOn: true, holdoutMonths: text } });
  }

  /**
   * The months the engine holds out when the user leaves the switch alone (undefined: no backtest), at the as-of
   * date typed (else the ledger's last date). Kept per ledger and date: the rule reads every row.
   */
  defaultHoldout(): number | undefined {
    const l = this.state.ledger;
    if (!l) return undefined;
    const asOf = paramsFromForm(this.state.form).asOf ?? l.asOf;
    const c = this.holdoutDefault;
    if (c && c.ledger === l && c.asOf === asOf) return c.months;
    const months = defaultHoldoutMonths(l, asOf);
    this.holdoutDefault = { ledger: l, asOf, months };
    return months;
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
    const ledger = this.state.ledger;
    if (Object.keys(errors).length > 0 || !ledger || !this.state.location) return;
    const controller = new AbortController();
    this.controller = controller;
    this.set({ page: "run", problem: undefined, notice: undefined, run: { stage: "analysing", detail: "", done: 0, cancelling: false } });
    try {
      const read = this.ledgerRead();
      const groups = JSON.stringify(read.groupBy ?? null);
      const params = { ...paramsFromForm(this.state.form), lang: this.state.lang };
      const { ledger: runLedger, ...results } = await runAnalysis({
        host: this.host,
        ledger,
        read,
        // The report is written in the pane's language (Office's display language).
        params,
        regroup: groups !== this.readGroups,
        signal: controller.signal,
        progress: (stage, done, detail) => this.set({ run: { ...(this.state.run as RunState), stage, done, detail } }),
      });
      await this.host.saveSettings(this.settingsToSave(ledger)).catch(() => undefined);
      // Read again for new grouping columns, and not cut at an earlier as-of date: the Parameters page's ledger now.
      const keep = runLedger !== ledger && (params.asOf === undefined || params.asOf === ledger.asOf);
      if (keep) this.readGroups = groups;
      this.set({ page: "results", run: undefined, results, picked: undefined, ...(keep ? { ledger: runLedger } : {}) });
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
    return settingsToSave(this.state.location as LocationInfo, choicesAsHeaders(this.state.overrides, headers), this.state.dateOrder, savedFromForm(this.state.form), this.state.decimal);
  }

  /**
   * The Results page's customer picker: the customer's rows (their total is its KA Accounts revenue) and, in the
   * ledger's sheet, those rows selected (as many areas as Excel takes at once; the page says when only the first).
   */
  async pickCustomer(code: number): Promise<void> {
    const drill = this.state.results?.drill;
    if (!drill) return;
    const picked = pickCustomer(drill, code);
    this.set({ picked, problem: undefined });
    try {
      await this.host.activate(picked.selection.sheet, picked.selection.address);
    } catch (e) {
      this.set({ problem: asProblem(e, this.state.page) });
    }
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
