import type { Day } from "../../day";
import { dayOfMonthStart, monthLabel } from "../../day";

/** Calendar periods of the concentration trend: months or calendar quarters (Jan–Mar = Q1). */
export type TrendPeriod = "month" | "quarter";

/**
 * What each trend row measures: the period itself, or the 12 calendar months ending with the period's last month
 * (a rolling year, which smooths seasonal and lumpy orders).
 */
export type TrendBasis = "period" | "rolling12";

/** Months in one period. */
export function monthsPerPeriod(period: TrendPeriod): number {
  return period === "quarter" ? 3 : 1;
}

/** Period index of a month index (months since 1970-01): the month itself, or its quarter (floor, so 1969 works too). */
export function periodOfMonth(month: number, period: TrendPeriod): number {
  return period === "quarter" ? Math.floor(month / 3) : month;
}

/** First and last month index of a period. */
export function monthsOfPeriod(p: number, period: TrendPeriod): { first: number; last: number } {
  const k = monthsPerPeriod(period);
  return { first: p * k, last: p * k + k - 1 };
}

/**
 * Label of a period: `2011-03` for a month, `2011-Q1` for a quarter.
 * @example periodLabel(periodOfMonth(monthOfDay(dayFromYmd(2011, 2, 14)), "quarter"), "quarter") === "2011-Q1"
 */
export function periodLabel(p: number, period: TrendPeriod): string {
  if (period === "month") return monthLabel(p);
  const year = 1970 + Math.floor(p / 4);
  return `${year}-Q${p - (year - 1970) * 4 + 1}`;
}

/** First day of a month index and the last day of it. */
export function monthFirstDay(month: number): Day {
  return dayOfMonthStart(month);
}

export function monthLastDay(month: number): Day {
  return dayOfMonthStart(month + 1) - 1;
}
