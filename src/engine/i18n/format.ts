/**
 * How numbers, money, dates and lists read inside a sentence, per language. Written by hand rather than with
 * `Intl`, so a report reads the same on every machine (ICU data differs between Node builds and webviews).
 * Cells keep their numbers and get number formats; these are for text only (findings, notes, alert details).
 */
import type { Day } from "../day";
import { isoFromDay, ymdFromDay } from "../day";
import { currencyInfo } from "./currency";
import type { CurrencyInfo } from "./currency";
import type { Lang } from "./lang";

export interface Fmt {
  readonly lang: Lang;
  /** The report's currency, when known. */
  readonly currency?: CurrencyInfo;
  /** A whole number with thousands separators: `1,234`. */
  int(n: number): string;
  /** A number with a fixed count of decimals and thousands separators: `1,234.50`. */
  num(x: number, decimals: number): string;
  /** A fraction as a percentage: 0.1234 → `12.3%`. */
  pct(x: number, decimals?: number): string;
  /** A difference of two fractions in percentage points, signed: 0.042 → `+4.2 pp` / `+4.2 个百分点`. */
  pp(x: number, decimals?: number): string;
  /** Money in full, with the currency symbol: `¥1,234,567.89` (`1,234,567.89` when the currency is unknown). */
  money(x: number): string;
  /** Money rounded for a sentence: `¥2.4 million` / `¥240.4万`; small amounts in full units. */
  moneyShort(x: number): string;
  /** A calendar day: `2011-12-09` / `2011年12月9日`. */
  date(day: Day): string;
  /** A list as a sentence joins it: `A, B and C` / `A、B和C`. */
  list(items: readonly string[]): string;
  /** English's count rule (one vs other); Chinese has no plural and takes `other`'s place by its own wording. */
  plural(n: number, one: string, other: string): string;
  /** A boolean as a word: Yes/No, 是/否. */
  yesNo(b: boolean): string;
}

/** Thousands-grouped decimal text of |x| with `decimals` digits; sign handled by callers. */
function grouped(x: number, decimals: number): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole, frac] = fixed.split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? withCommas : `${withCommas}.${frac}`;
}

/**
 * English text of a number with thousands separators, `1,234` or `-1,234.50`: what `toLocaleString("en-US")` writes,
 * without its first call's ICU start-up (15–25 ms: the 3-row run 221 → 202 ms). For messages; reports use `Fmt`.
 */
export function englishNumber(x: number, decimals = 0): string {
  return notFinite(x) ?? signed(x, grouped(x, decimals));
}

function signed(x: number, text: string): string {
  // A value that rounds to zero is written without a sign (no "-0.0%").
  return x < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

function notFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return "—";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  return undefined;
}

export function formatter(lang: Lang, currencyCode?: string): Fmt {
  const currency = currencyCode ? currencyInfo(currencyCode) : undefined;
  const zh = lang === "zh-CN";
  const num = englishNumber;
  const withSymbol = (x: number, body: string) => {
    if (!currency) return signed(x, body);
    const text = `${currency.symbol}${body}`;
    return signed(x, text);
  };
  return {
    lang,
    currency,
    int: (n) => num(Math.round(n), 0),
    num,
    pct: (x, decimals = 1) => notFinite(x) ?? signed(x, `${grouped(x * 100, decimals)}%`),
    pp: (x, decimals = 1) => {
      const bad = notFinite(x);
      if (bad) return bad;
      const body = grouped(x * 100, decimals);
      const sign = /[1-9]/.test(body) ? (x < 0 ? "-" : "+") : "";
      return zh ? `${sign}${body} 个百分点` : `${sign}${body} pp`;
    },
    money: (x) => notFinite(x) ?? withSymbol(x, grouped(x, currency?.decimals ?? 2)),
    moneyShort: (x) => {
      const bad = notFinite(x);
      if (bad) return bad;
      const a = Math.abs(x);
      if (zh) {
        if (a >= 1e8) return withSymbol(x, `${grouped(a / 1e8, 2)}亿`);
        if (a >= 1e4) return withSymbol(x, `${grouped(a / 1e4, 1)}万`);
        return withSymbol(x, grouped(a, 0));
      }
      if (a >= 1e9) return withSymbol(x, `${grouped(a / 1e9, 2)} billion`);
      if (a >= 1e6) return withSymbol(x, `${grouped(a / 1e6, 2)} million`);
      return withSymbol(x, grouped(a, 0));
    },
    date: (day) => {
      if (!zh) return isoFromDay(day);
      const { y, m, d } = ymdFromDay(day);
      return `${y}年${m}月${d}日`;
    },
    list: (items) => {
      if (items.length === 0) return "";
      if (items.length === 1) return items[0];
      const head = items.slice(0, -1);
      const last = items[items.length - 1];
      return zh ? `${head.join("、")}和${last}` : `${head.join(", ")} and ${last}`;
    },
    plural: (n, one, other) => (!zh && Math.abs(n) === 1 ? one : other),
    yesNo: (b) => (zh ? (b ? "是" : "否") : b ? "Yes" : "No"),
  };
}
