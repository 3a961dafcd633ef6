import type { Day } from "../../day";
import { dayOfMonthStart, monthLabel } from "../../day";

/** Period of a retention comparison: calendar month, quarter or year. */
export type RetentionPeriod = "month" | "quarter" | "year";

export const MONTHS_PER_PERIOD: Record<RetentionPeriod, number> = { month: 1, quarter: 3, year: 12 };

/**
 * Period index of a month index (months since 1970-01): months, quarters or years since 1970's first.
 *
 * @example periodOfMonth(502, "quarter") // 2011-11 → 167 (2011-Q4)
 */
export function periodOfMonth(month: number, period: RetentionPeriod): number {
  return Math.floor(month / MONTHS_PER_PERIOD[period]);
}

/** First month index of a period. */
export function firstMonthOfPeriod(p: number, period: RetentionPeriod): number {
  return p * MONTHS_PER_PERIOD[period];
}

/** Last calendar day of a period. */
export function periodEndDay(p: number, period: RetentionPeriod): Day {
  return dayOfMonthStart(firstMonthOfPeriod(p + 1, period)) - 1;
}

/**
 * Label of a period: `2011-11`, `2011-Q4`, `2011`.
 *
 * @example periodLabel(167, "quarter") // "2011-Q4"
 */
export function periodLabel(p: number, period: RetentionPeriod): string {
  const first = firstMonthOfPeriod(p, period);
  if (period === "month") return monthLabel(first);
  const year = 1970 + Math.floor(first / 12);
  if (period === "year") return String(year);
  return `${year}-Q${Math.floor((first - (year - 1970) * 12) / 3) + 1}`;
}
