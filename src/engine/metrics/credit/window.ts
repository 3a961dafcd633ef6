import { dayFromYmd, daysInMonth, ymdFromDay } from "../../day";
import type { Day } from "../../day";

/**
 * The same calendar day `k` months before `day` (k ≥ 0). A day past the end of the earlier month falls back to
 * that month's last day (31 May − 3 months = 28 or 29 February), and a month-end day maps to the earlier month's
 * end (29 February 2024 − 1 month = 31 January), so twelve months back from a month end are twelve whole
 * calendar months.
 * @example monthsBefore(dayFromYmd(2024, 12, 31), 1) // 2024-11-30
 */
export function monthsBefore(day: Day, k: number): Day {
  const { y, m, d } = ymdFromDay(day);
  const idx = y * 12 + (m - 1) - k;
  const y2 = Math.floor(idx / 12);
  const m2 = idx - y2 * 12 + 1;
  const last = daysInMonth(y2, m2);
  const monthEnd = d === daysInMonth(y, m);
  return dayFromYmd(y2, m2, monthEnd ? last : Math.min(d, last));
}

/**
 * "The last 12 months" at `asOf`: twelve calendar months ending on the as-of date, i.e. the days after
 * `monthsBefore(asOf, 12)` up to and including `asOf`. As-of 2024-12-31 → 2024-01-01 … 2024-12-31 (366 days in a
 * leap year, 365 otherwise); as-of 2024-06-15 → 2023-06-16 … 2024-06-15. The same window as year-over-year growth.
 * Returns the last day before the window (exclusive start).
 */
export function twelveMonthsBefore(asOf: Day): Day {
  return monthsBefore(asOf, 12);
}

/**
 * Months of the last-12-months window in which a customer existed: the window is cut into twelve monthly periods
 * ending on the as-of date, `(monthsBefore(asOf, k + 1), monthsBefore(asOf, k)]` for k = 0 … 11, and a customer
 * whose first invoice falls in period k existed in k + 1 of them (12 when it started before the window). The
 * divisor of the average monthly revenue, so a customer who started three months ago is not averaged over a year.
 * @example monthsInWindow(dayFromYmd(2024, 3, 10), dayFromYmd(2024, 12, 31)) // March … December = 10
 */
export function monthsInWindow(firstInvoice: Day, asOf: Day): number {
  // The period starts of the last as-of date asked for: every customer of a ledger asks with the same one.
  if (asOf !== startsAsOf) {
    starts = Array.from({ length: 12 }, (_, k) => monthsBefore(asOf, k + 1));
    startsAsOf = asOf;
  }
  for (let k = 0; k < 12; k++) if (firstInvoice > starts[k]) return k + 1;
  return 12;
}
let startsAsOf = NaN;
let starts: Day[] = [];
