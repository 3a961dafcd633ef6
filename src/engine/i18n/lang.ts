/**
 * The languages the report is written in. One list for every face: the CLI's `--lang`, the pane (Office's display
 * language) and the analysis parameters. JSON keys and codes never depend on it; only written text does.
 */
export const LANGS = ["en", "zh-CN"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(x: unknown): x is Lang {
  return typeof x === "string" && (LANGS as readonly string[]).includes(x);
}

/**
 * The report language for a locale tag as Office (`zh-CN`, `zh-TW`, `en-GB`) or POSIX (`zh_CN.UTF-8`, `C`) spells
 * it: any Chinese locale gets Simplified Chinese (the only Chinese catalogue), everything else English.
 */
export function langFromLocale(locale: string | undefined): Lang {
  return /^zh(?:[-_.@]|$)/i.test((locale ?? "").trim()) ? "zh-CN" : "en";
}
