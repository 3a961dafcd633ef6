/**
 * What the pane keeps in the workbook between sessions: where the ledger is, the column mapping (by header text),
 * the date order and the parameters. Saved in the document's settings store; when those are lost, the mapping and
 * the parameters are read back from KA About (its named parameter cells and "Column for <field>" rows).
 * A saved value is checked when read back: a damaged or foreign value is dropped field by field, never trusted.
 */
import { DEFAULT_PARAMS } from "../../engine/analysis";
import type { Params } from "../../engine/analysis";
import { dayFromIso } from "../../engine/day";
import { isField, type Field } from "../../engine/ledger";
import { parseAgingBounds } from "../../engine/metrics/credit";
import type { AboutContent, LedgerLocation } from "../../workbook/port";

export type DateOrder = "dmy" | "mdy";

/** Bounds as the user types them: without the leading 0 of Current ([0, 30, 60, 90] → "30,60,90"). */
export function agingText(bounds: readonly number[]): string {
  return (bounds[0] === 0 && bounds.length > 1 ? bounds.slice(1) : bounds).join(",");
}

/** The bounds of the typed buckets, or undefined when the text is not a valid list. */
export function agingBoundsOf(text: string): number[] | undefined {
  try {
    return parseAgingBounds(text);
  } catch {
    return undefined;
  }
}


/** Parameters as saved (numbers, fractions; the as-of date as yyyy-mm-dd when the user chose one). */
export interface SavedParams {
  asOf?: string;
  unit?: Params["unit"];
  bins?: number;
  abcA?: number;
  abcB?: number;
  lossRates?: number[];
  lossRateMethod?: Params["lossRateMethod"];
  /** Aging bounds (Current's 0 first) and the movement's opening date, yyyy-mm-dd. */
  aging?: number[];
  compareAsOf?: string;
}

/** What is saved in the workbook's settings (and, for parameters and mapping, readable back from KA About). */
export interface SavedSettings {
  v: 1;
  source?: LedgerLocation;
  /** Field → header text; "" = not used. */
  map?: Partial<Record<Field, string>>;
  dateOrder?: DateOrder;
  params?: SavedParams;
}

const UNITS: readonly unknown[] = ["day", "week", "month"];
const LOCATION_KINDS: readonly unknown[] = ["selection", "region", "table", "sheet"];

/** Settings from the document store, checked field by field (a damaged value is ignored, never trusted). */
export function readSavedSettings(value: unknown): SavedSettings | undefined {
  if (!value || typeof value !== "object" || (value as { v?: unknown }).v !== 1) return undefined;
  const v = value as Record<string, any>;
  const out: SavedSettings = { v: 1 };
  const src = v.source;
  if (src && typeof src.sheet === "string" && typeof src.address === "string" && LOCATION_KINDS.includes(src.kind)) {
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
    if (UNITS.includes(p.unit)) out.params.unit = p.unit;
    if (typeof p.bins === "number") out.params.bins = p.bins;
    if (typeof p.abcA === "number") out.params.abcA = p.abcA;
    if (typeof p.abcB === "number") out.params.abcB = p.abcB;
    if (Array.isArray(p.lossRates) && p.lossRates.every((x: unknown) => typeof x === "number")) out.params.lossRates = p.lossRates;
    if (p.lossRateMethod === "auto" || p.lossRateMethod === "given") out.params.lossRateMethod = p.lossRateMethod;
    if (Array.isArray(p.aging) && p.aging.every((x: unknown) => typeof x === "number")) {
      const bounds = agingBoundsOf((p.aging as number[]).join(","));
      if (bounds) out.params.aging = bounds;
    }
    if (typeof p.compareAsOf === "string" && dayFromIso(p.compareAsOf) !== undefined) out.params.compareAsOf = p.compareAsOf;
  }
  return out;
}

/**
 * Settings from KA About, for when the document's settings were lost: the named parameter cells and the
 * "Column for <field>" rows. The as-of date is not taken (About cannot tell a chosen date from the default).
 */
export function settingsFromAbout(about: AboutContent): SavedSettings | undefined {
  const n = about.names;
  const params: SavedParams = {};
  if (typeof n.KA_Bins === "number") params.bins = n.KA_Bins;
  if (UNITS.includes(n.KA_Unit)) params.unit = n.KA_Unit as Params["unit"];
  if (typeof n.KA_ABC_A === "number") params.abcA = n.KA_ABC_A;
  if (typeof n.KA_ABC_B === "number") params.abcB = n.KA_ABC_B;
  const loss = Object.keys(n)
    .map((k) => /^KA_LossRate_(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((x, y) => Number(x[1]) - Number(y[1]))
    .map((m) => n[m[0]]);
  // The buckets (KA_AgingBounds, as typed) decide how many loss rates belong to them.
  const bounds = typeof n.KA_AgingBounds === "string" ? agingBoundsOf(n.KA_AgingBounds) : undefined;
  if (bounds) params.aging = bounds;
  const rates = bounds ? bounds.length + 1 : DEFAULT_PARAMS.lossRates.length;
  if (loss.length === rates && loss.every((x) => typeof x === "number")) params.lossRates = loss as number[];
  const map: Partial<Record<Field, string>> = {};
  for (const [label, value] of about.pairs) {
    const m = /^Column for (\w+)$/.exec(label);
    if (m && isField(m[1]) && typeof value === "string") map[m[1]] = value;
  }
  if (Object.keys(params).length === 0 && Object.keys(map).length === 0) return undefined;
  return { v: 1, params, ...(Object.keys(map).length > 0 ? { map } : {}) };
}

/** The saved settings of the pane's current choices. */
export function settingsToSave(source: LedgerLocation, map: Partial<Record<Field, string>>, dateOrder: DateOrder | undefined, params: SavedParams): SavedSettings {
  return { v: 1, source: { kind: source.kind, sheet: source.sheet, address: source.address, table: source.table }, map, dateOrder, params };
}
