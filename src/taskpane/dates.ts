/**
 * Dates as the user writes them in the pane's date boxes: in their locale's order (31/12/2025 in en-GB and de-DE,
 * 12/31/2025 in en-US, 2025/12/31 in zh-CN), ISO yyyy-mm-dd everywhere, 2025年12月31日, and month names (31 Dec
 * 2025, Dec 31, 2025). The form keeps the ISO text; the date picker shows the locale's format.
 */
import { dayFromIso, isoFromDay } from "../engine/day";

export type DayOrder = "ymd" | "dmy" | "mdy";

/** The order of day, month and year in `locale`'s numeric dates (ymd when the locale says nothing else). */
export function localeDayOrder(locale: string): DayOrder {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).formatToParts(Date.UTC(2025, 11, 31));
  } catch {
    return "ymd";
  }
  const order = parts
    .filter((p) => p.type === "year" || p.type === "month" || p.type === "day")
    .map((p) => p.type[0])
    .join("");
  return order === "dmy" || order === "mdy" ? order : "ymd";
}

/** `iso` (yyyy-mm-dd) as `locale` writes a date numerically: 12/31/2025 (en-US), 31/12/2025 (en-GB), 2025/12/31 (zh-CN). */
export function formatLocaleDate(iso: string, locale: string): string {
  const day = dayFromIso(iso);
  if (day === undefined) return iso;
  const [y, m, d] = isoFromDay(day).split("-").map(Number);
  try {
    return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
  } catch {
    return iso;
  }
}

function monthNames(locale: string): Map<string, number> {
  const names = new Map<string, number>();
  for (const loc of [locale, "en-US"]) {
    for (const month of ["long", "short"] as const) {
      try {
        const f = new Intl.DateTimeFormat(loc, { month, timeZone: "UTC" });
        for (let m = 0; m < 12; m++) names.set(f.format(Date.UTC(2025, m, 15)).toLowerCase().replace(/\.$/, ""), m + 1);
      } catch {
        // an unknown locale: English names only
      }
    }
  }
  return names;
}

function isoOf(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return dayFromIso(iso) === undefined ? undefined : iso; // 2025-02-30 is no day
}

const year4 = (y: string) => (y.length <= 2 ? 2000 + Number(y) : Number(y));

/**
 * The ISO date (yyyy-mm-dd) the user meant by `text` in `locale`, or undefined when it is no date. A year first
 * (2025-12-31, 2025/12/31, 2025年12月31日) is always year-month-day; otherwise the locale's order decides.
 * @example parseLocaleDate("31/12/2025", "en-GB") // "2025-12-31"
 * @example parseLocaleDate("12/31/2025", "en-US") // "2025-12-31"
 * @example parseLocaleDate("31.12.25", "de-DE") // "2025-12-31"
 */
export function parseLocaleDate(text: string, locale: string): string | undefined {
  const t = text.normalize("NFKC").trim().toLowerCase();
  if (t === "") return undefined;
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,4})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{2}|\d{4})\.?$/.exec(t);
  if (m) {
    const order = localeDayOrder(locale);
    const [a, b, c] = [Number(m[1]), Number(m[2]), m[3]];
    if (order === "ymd") return m[1].length === 4 ? isoOf(a, b, Number(c)) : undefined;
    return order === "dmy" ? isoOf(year4(c), b, a) : isoOf(year4(c), a, b);
  }
  // A month name: "31 Dec 2025", "Dec 31, 2025", "31. Dezember 2025".
  const words = t.match(/[\p{L}]+/gu) ?? [];
  const numbers = t.match(/\d+/g) ?? [];
  if (words.length === 1 && numbers.length === 2) {
    const month = monthNames(locale).get(words[0]);
    if (month === undefined) return undefined;
    const [p, q] = numbers;
    if (q.length === 4 && p.length <= 2) return isoOf(Number(q), month, Number(p));
    if (p.length === 4 && q.length <= 2) return isoOf(Number(p), month, Number(q));
  }
  return undefined;
}

/** A picker's Date (local midnight) as ISO text, and back. */
export function isoOfDate(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, "0")}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function dateOfIso(iso: string): Date | null {
  const day = dayFromIso(iso);
  if (day === undefined) return null;
  const [y, m, d] = isoFromDay(day).split("-").map(Number);
  return new Date(y, m - 1, d);
}

/** The user's locale for dates: the browser's (in Office, the system's regional format). */
export function userLocale(): string {
  return (typeof navigator !== "undefined" && navigator.language) || "en-US";
}
