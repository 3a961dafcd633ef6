/**
 * The Parameters page's form: what the user types (strings, percentages in percent), its validation, and the
 * engine's `Params` made from it. A new parameter is a field of `ParamForm` with its default, its check in
 * `validateForm`, its conversion in `paramsFromForm`, and its saved form in settings.ts.
 */
import { DEFAULT_PARAMS } from "../../engine/analysis";
import type { Params } from "../../engine/analysis";
import { dayFromIso } from "../../engine/day";
import { illustrativeLossRates } from "../../engine/metrics/credit";
import { agingBoundsOf, agingText } from "./settings";
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
}

export type ParamErrors = Partial<Record<"asOf" | "bins" | "abc" | "aging" | "compareAsOf" | `loss${number}`, true>>;

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
  return f;
}
