/**
 * Report text in the reader's language. `messages(lang, currency)` returns the whole catalogue bound to a
 * language and a currency: `m.common.yes`, `m.findings.band({...})`. `text(lang, "common.hhiBand.unconcentrated")`
 * reads one string by its dotted key, for tables that name strings by key.
 */
import { CATALOGUE } from "./catalogue";
import type { CatalogueMessages } from "./catalogue";
import type { Bound, Message, Messages } from "./define";
import { formatter } from "./format";
import type { Fmt } from "./format";
import type { Lang } from "./lang";

export { LANGS, isLang, langFromLocale } from "./lang";
export type { Lang } from "./lang";
export { formatter } from "./format";
export type { Fmt } from "./format";
export { currencyCode, currencyInfo, moneyNumberFormat } from "./currency";
export type { CurrencyInfo } from "./currency";
export { defineMessages } from "./define";
export type { Bound, Messages, Translation } from "./define";
export { CATALOGUE } from "./catalogue";

export type ReportMessages = Bound<CatalogueMessages>;

function bind(source: Messages, f: Fmt): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, m] of Object.entries(source)) {
    out[key] = typeof m === "string" ? m : typeof m === "function" ? (args?: unknown) => (m as Exclude<Message, string>)(args, f) : bind(m, f);
  }
  return out;
}

const cache = new Map<string, ReportMessages>();

/** The catalogue in one language, with money written in `currency` (an ISO code) when given. */
export function messages(lang: Lang, currency?: string): ReportMessages {
  const id = `${lang}|${currency ?? ""}`;
  let m = cache.get(id);
  if (!m) {
    const f = formatter(lang, currency);
    const areas: Record<string, unknown> = {};
    for (const [area, defs] of Object.entries(CATALOGUE)) areas[area] = bind(defs[lang] as Messages, f);
    m = areas as unknown as ReportMessages;
    cache.set(id, m);
  }
  return m;
}

/** Dotted keys of every plain string in the catalogue (`"common.yes"`, `"common.tier.Key"`). */
type StringKeys<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : T[K] extends (...a: any[]) => string ? never : StringKeys<T[K], `${P}${K}.`>;
}[keyof T & string];
export type TextKey = StringKeys<CatalogueMessages>;

/** One plain string by its dotted key, in `lang`. */
export function text(lang: Lang, key: TextKey): string {
  let node: unknown = messages(lang);
  // Keys below an area may contain spaces but never dots, so a plain split is exact.
  for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`i18n: '${key}' is not a string of the catalogue`);
  return node;
}
