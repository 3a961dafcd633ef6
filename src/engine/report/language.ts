/**
 * The report in the reader's language: the text resolver for `params.lang`. English is written where it is declared
 * (headers, titles, labels in the catalogue and the builders); Chinese comes from the dictionary in
 * src/engine/i18n/report.zh-CN.ts, looked up by the string's id (`column.revenue`, `tab.summary`) and then by its
 * English text, so one translation serves every place a label is used. A string with no Chinese is written in English
 * and reported to `onMissing` — test/report/language.test.ts builds Chinese reports of several ledgers and fails
 * on any, so a new label cannot ship untranslated.
 */
import { REPORT_ZH, REPORT_ZH_BY_ID, REPORT_ZH_PATTERNS } from "../i18n/report.zh-CN";
import type { Lang } from "../i18n/lang";
import { fillVars } from "./text";
import type { TextResolver, TextVars } from "./text";

export function reportText(lang: Lang, onMissing?: (id: string, english: string) => void): TextResolver {
  if (lang === "en") return (_id, english, vars) => fillVars(english, vars);
  return (id, english, vars) => {
    const zh = REPORT_ZH_BY_ID[id] ?? REPORT_ZH[english];
    // A label without a word (a bucket `1–30`, `> 90`) reads the same in every language.
    // A label without a word (a bucket `1–30`, `> 90`), or one a caller already wrote in Chinese from the catalogue
    // (a chart title of the dependence tabs), reads as given.
    if (zh === undefined && (!/[A-Za-z]/.test(english.replace(/\{\w+\}/g, "")) || /[\u3400-\u9fff]/.test(english))) return fillVars(english, vars);
    if (zh === undefined) {
      onMissing?.(id, english);
      return fillVars(english, vars);
    }
    return fillVars(zh, vars && translatedVars(vars));
  };
}

/** Words among a label's variables (a time unit `week`, a period `month`) in Chinese; numbers and names stay. */
function translatedVars(vars: TextVars): TextVars {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = typeof v === "string" ? (REPORT_ZH[v] ?? v) : v;
  return out;
}

/**
 * Sentences the ledger reader and the metrics write in English (notes, excluded rows' details) in `lang`: the first
 * dictionary pattern that matches the whole sentence rewrites it; an unmatched sentence is kept as written (and
 * reported to `onMissing`, which the language test uses to find sentences still without Chinese).
 */
export function reportNote(lang: Lang, onMissing?: (english: string) => void): (english: string) => string {
  if (lang === "en") return (english) => english;
  return (english) => {
    // Already in the report's language (a message the engine wrote from the catalogue).
    if (/[\u3400-\u9fff]/.test(english)) return english;
    const exact = REPORT_ZH[english];
    if (exact !== undefined) return exact;
    for (const [pattern, zh] of REPORT_ZH_PATTERNS) {
      const m = pattern.exec(english);
      if (m) return typeof zh === "string" ? english.replace(pattern, zh) : zh(...m.slice(1));
    }
    onMissing?.(english);
    return english;
  };
}
