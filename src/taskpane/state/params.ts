/**
 * The Parameters page's form: what the user types (strings, percentages in percent), its validation, and the
 * engine's `Params` made from it. A new parameter is a field of `ParamForm` with its default, its check in
 * `validateForm`, its conversion in `paramsFromForm`, and its saved form in settings.ts.
 */
import { DEFAULT_PARAMS, resolveParams } from "../../engine/analysis";
import type { Params } from "../../engine/analysis";
import { calibrationEnd } from "../../engine/analysis/clv";
import { dayFromIso, type Day } from "../../engine/day";
import type { Ledger } from "../../engine/ledger/types";
import { illustrativeLossRates } from "../../engine/metrics/credit";
import { agingBoundsOf, agingText, MAX_HOLDOUT_MONTHS } from "./settings";
import type { SavedParams } from "./settings";

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
  /** Aging buckets as typed: upper bounds in days past due, `30,60,90,180,365` (one loss rate per bucket). */
  aging: string;
  /** Opening date of the loss-allowance movement, `yyyy-mm-dd`, or "" for none. */
  compareAsOf: string;
  /**
   * "Test the forecast on the last N months": undefined while the engine's default applies (on for a ledger spanning
   * 18 months or more, `calibrationEnd` in src/engine/analysis/clv.ts); the user's switch once touched.
   */
  holdoutOn?: boolean;
  /** The months held out when on, as typed ("" while the default applies). */
  holdoutMonths: string;
  /** The forecasts' model: "auto" = the better one by the hold-out test (else BIC), or the one the user forces. */
  model: "auto" | NonNullable<Params["model"]>;
  /** Concentration trend: per month or quarter, each period alone or the 12 months ending with it. */
  trendPeriod: Params["trendPeriod"];
  trendBasis: Params["trendBasis"];
  /** Grouping columns by header text; undefined = the columns the engine detects, [] = none (the CLI's `--group-by`). */
  groupBy?: string[];
  /** Extra "lose this customer" stress tests: customer names, one a line. */
  stressCustomers: string;
}

export type ParamErrors = Partial<Record<"asOf" | "bins" | "abc" | "aging" | "compareAsOf" | "holdoutMonths" | `loss${number}`, true>>;

/**
 * The hold-out the engine takes when the user leaves the switch alone (its own rule, `calibrationEnd`): the months
 * before `asOf` it holds out, or undefined when it runs no backtest (a ledger spanning less than 18 months).
 */
export function defaultHoldoutMonths(ledger: Pick<Ledger, "day" | "amount" | "used">, asOf: Day): number | undefined {
  const cut = calibrationEnd({ params: resolveParams({}), asOf }, ledger);
  return cut.day === undefined ? undefined : cut.months;
}

/** The stress-test names typed in the box: one a line, trimmed, blank lines and repeats dropped. */
export function stressNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim();
    if (name !== "" && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The form with new aging buckets: when they parse into another number of buckets than there are loss rates, the
 * rates become the illustrative ones for the new buckets (one box per bucket); otherwise the rates typed stay.
 */
export function withAging(f: ParamForm, text: string): ParamForm {
  const bounds = agingBoundsOf(text);
  if (!bounds || bounds.length + 1 === f.lossRates.length) return { ...f, aging: text };
  return { ...f, aging: text, lossRates: illustrativeLossRates(bounds).map(percentText) };
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
    aging: agingText(DEFAULT_PARAMS.agingBounds),
    compareAsOf: "",
    holdoutOn: undefined,
    holdoutMonths: "",
    model: "auto",
    trendPeriod: DEFAULT_PARAMS.trendPeriod,
    trendBasis: DEFAULT_PARAMS.trendBasis,
    groupBy: undefined,
    stressCustomers: "",
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
  const bounds = agingBoundsOf(f.aging);
  if (!bounds || bounds.length + 1 !== f.lossRates.length) e.aging = true;
  if (f.compareAsOf.trim() !== "" && dayFromIso(f.compareAsOf) === undefined) e.compareAsOf = true;
  if (f.holdoutOn === true) {
    const months = Number(f.holdoutMonths);
    if (!/^\s*\d+\s*$/.test(f.holdoutMonths) || months < 1 || months > MAX_HOLDOUT_MONTHS) e.holdoutMonths = true;
  }
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
    agingBounds: agingBoundsOf(f.aging),
    compareAsOf: f.compareAsOf.trim() === "" ? undefined : dayFromIso(f.compareAsOf),
    // undefined: the engine's default hold-out; 0: no backtest.
    holdoutMonths: f.holdoutOn === undefined ? undefined : f.holdoutOn ? Number(f.holdoutMonths) : 0,
    model: f.model === "auto" ? undefined : f.model,
    trendPeriod: f.trendPeriod,
    trendBasis: f.trendBasis,
    stressCustomers: stressNames(f.stressCustomers),
  };
}

/** The form as saved with the workbook (numbers, not text). */
export function savedFromForm(f: ParamForm): SavedParams {
  const p = paramsFromForm(f);
  return {
    asOf: f.asOf.trim() || undefined,
    unit: p.unit,
    bins: p.bins,
    abcA: p.abcA,
    abcB: p.abcB,
    lossRates: p.lossRates,
    lossRateMethod: p.lossRateMethod,
    aging: p.agingBounds,
    compareAsOf: f.compareAsOf.trim() || undefined,
    holdoutMonths: p.holdoutMonths,
    model: p.model,
    trendPeriod: p.trendPeriod,
    trendBasis: p.trendBasis,
    groupBy: f.groupBy ? [...f.groupBy] : undefined,
    stressCustomers: p.stressCustomers && p.stressCustomers.length > 0 ? p.stressCustomers : undefined,
  };
}

/** The form from saved parameters; what was not saved keeps its default. */
export function formFromSaved(p: SavedParams | undefined): ParamForm {
  const f = defaultForm();
  if (!p) return f;
  if (p.asOf) f.asOf = p.asOf;
  if (p.unit) f.unit = p.unit;
  if (p.bins !== undefined) f.bins = String(p.bins);
  if (p.abcA !== undefined) f.abcA = percentText(p.abcA);
  if (p.abcB !== undefined) f.abcB = percentText(p.abcB);
  if (p.aging) {
    const g = withAging(f, agingText(p.aging));
    f.aging = g.aging;
    f.lossRates = g.lossRates;
  }
  if (p.lossRates && p.lossRates.length === f.lossRates.length) f.lossRates = p.lossRates.map(percentText);
  if (p.lossRateMethod) f.lossRateMethod = p.lossRateMethod;
  if (p.compareAsOf) f.compareAsOf = p.compareAsOf;
  if (p.holdoutMonths !== undefined) {
    f.holdoutOn = p.holdoutMonths > 0;
    f.holdoutMonths = p.holdoutMonths > 0 ? String(p.holdoutMonths) : "";
  }
  if (p.model) f.model = p.model;
  if (p.trendPeriod) f.trendPeriod = p.trendPeriod;
  if (p.trendBasis) f.trendBasis = p.trendBasis;
  if (p.groupBy) f.groupBy = [...p.groupBy];
  if (p.stressCustomers) f.stressCustomers = p.stressCustomers.join("\n");
  return f;
}
