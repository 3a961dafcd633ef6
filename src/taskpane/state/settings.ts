/**
 * What the pane keeps in the workbook between sessions: where the ledger is, the column mapping (by header text),
 * the date order and the parameters — described once by a schema (`SAVED_SETTINGS`, zod) that gives the types and
 * checks a saved value when it is read back. Saved in the document's settings store; when those are lost, the
 * mapping and the parameters are read back from KA About (its named parameter cells and "Column for <field>" rows).
 * A damaged or foreign value is dropped field by field, never trusted: one bad field does not cost the others.
 */
import * as z from "zod/mini";
import { DEFAULT_PARAMS } from "../../engine/analysis";
import { dayFromIso } from "../../engine/day";
import { isField, type Field } from "../../engine/ledger";
import { parseAgingBounds } from "../../engine/metrics/credit";
import type { AboutContent, LedgerLocation } from "../../workbook/port";

/** A field that becomes undefined, instead of failing the whole value, when what was saved does not fit `schema`. */
const kept = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

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

const UNITS = ["day", "week", "month"] as const;

/** The most months the hold-out test may take (the engine also refuses a cut before the first purchase). */
export const MAX_HOLDOUT_MONTHS = 120;

/** Field → header text ("" = not used); entries for fields that do not exist (any more) are dropped. */
const ColumnMap = z.pipe(
  z.record(z.string(), z.unknown()),
  z.transform((map) => {
    const out: Partial<Record<Field, string>> = {};
    for (const [k, h] of Object.entries(map)) if (isField(k) && typeof h === "string") out[k] = h;
    return out;
  }),
);

/** The parameters as saved: numbers and fractions; the as-of date as yyyy-mm-dd when the user chose one. */
const SavedParamsSchema = z.object({
  asOf: kept(z.string().check(z.refine((s) => dayFromIso(s) !== undefined))),
  unit: kept(z.enum(UNITS)),
  bins: kept(z.number()),
  abcA: kept(z.number()),
  abcB: kept(z.number()),
  lossRates: kept(z.array(z.number())),
  lossRateMethod: kept(z.enum(["auto", "given"])),
  /** Aging bounds (Current's 0 first) and the movement's opening date, yyyy-mm-dd. */
  aging: kept(z.pipe(z.array(z.number()), z.transform((b) => agingBoundsOf(b.join(","))))),
  compareAsOf: kept(z.string().check(z.refine((s) => dayFromIso(s) !== undefined))),
  /** Months of the forecast's hold-out test (0 = none; absent = the engine's default), as KA_HoldoutMonths. */
  holdoutMonths: kept(z.number().check(z.refine((n) => Number.isInteger(n) && n >= 0 && n <= MAX_HOLDOUT_MONTHS))),
  /** The forced forecast model, as KA_ForecastModel (absent = auto). */
  model: kept(z.enum(["bgnbd", "paretonbd"])),
  trendPeriod: kept(z.enum(["month", "quarter"])),
  trendBasis: kept(z.enum(["period", "rolling12"])),
  /** Grouping columns by header text ([] = none; absent = detected). */
  groupBy: kept(z.array(z.string())),
  stressCustomers: kept(z.array(z.string())),
});

/** The saved settings, version 1. */
export const SAVED_SETTINGS = z.object({
  v: z.literal(1),
  source: kept(z.object({ kind: z.enum(["selection", "region", "table", "sheet"]), sheet: z.string(), address: z.string(), table: z.optional(z.string()) })),
  map: kept(ColumnMap),
  dateOrder: kept(z.enum(["dmy", "mdy"])),
  /** The decimal mark the user chose for a ledger whose numbers read either way. */
  decimal: kept(z.enum([".", ","])),
  params: kept(SavedParamsSchema),
});

export type SavedSettings = z.infer<typeof SAVED_SETTINGS>;
export type SavedParams = z.infer<typeof SavedParamsSchema>;
export type DateOrder = NonNullable<SavedSettings["dateOrder"]>;

/** Settings from the document store, checked by the schema; undefined for a value that is not version-1 settings. */
export function readSavedSettings(value: unknown): SavedSettings | undefined {
  const read = SAVED_SETTINGS.safeParse(value);
  return read.success ? read.data : undefined;
}

/**
 * Settings from KA About, for when the document's settings were lost: the named parameter cells and the
 * "Column for <field>" rows, through the same schema. The as-of date is not taken (About cannot tell a chosen
 * date from the default).
 */
export function settingsFromAbout(about: AboutContent): SavedSettings | undefined {
  const n = about.names;
  const loss = Object.keys(n)
    .map((k) => /^KA_LossRate_(\d+)$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((x, y) => Number(x[1]) - Number(y[1]))
    .map((m) => n[m[0]]);
  // The buckets (KA_AgingBounds, as typed) decide how many loss rates belong to them.
  const bounds = typeof n.KA_AgingBounds === "string" ? agingBoundsOf(n.KA_AgingBounds) : undefined;
  const rates = bounds ? bounds.length + 1 : DEFAULT_PARAMS.lossRates.length;
  const map: Record<string, unknown> = {};
  for (const [label, value] of about.pairs) {
    const m = /^Column for (\w+)$/.exec(label);
    if (m) map[m[1]] = value;
  }
  const read = readSavedSettings({
    v: 1,
    // KA_HoldoutMonths and KA_ForecastModel hold "auto" (in the report's language) for the default: not a number or a
    // model code, so the schema drops it and the default stays.
    params: { bins: n.KA_Bins, unit: n.KA_Unit, abcA: n.KA_ABC_A, abcB: n.KA_ABC_B, lossRates: loss.length === rates ? loss : undefined, aging: bounds, holdoutMonths: n.KA_HoldoutMonths, model: n.KA_ForecastModel },
    map,
  });
  const params = read?.params ?? {};
  const found = Object.values(params).some((v) => v !== undefined) || Object.keys(read?.map ?? {}).length > 0;
  if (!read || !found) return undefined;
  return { v: 1, params, ...(Object.keys(read.map ?? {}).length > 0 ? { map: read.map } : {}) };
}

/** The saved settings of the pane's current choices. */
export function settingsToSave(source: LedgerLocation, map: Partial<Record<Field, string>>, dateOrder: DateOrder | undefined, params: SavedParams, decimal?: "." | ","): SavedSettings {
  return { v: 1, source: { kind: source.kind, sheet: source.sheet, address: source.address, table: source.table }, map, dateOrder, ...(decimal ? { decimal } : {}), params };
}
