/**
 * Calendar days. A `Day` is a UTC calendar day counted from 1970-01-01 (day 0): an integer, never a
 * local-time midnight, so time zones cannot shift a date. Excel serials convert with a fixed offset.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Excel 1900 system: serial 25569 is 1970-01-01 (exact from serial 61 on; Excel's fictitious 1900-02-29 is serial 60). */
export const EXCEL_1900_EPOCH_OFFSET = 25569;
/** Excel 1904 system: serial 0 is 1904-01-01, which is day -24107, so serial 24107 is 1970-01-01. */
export const EXCEL_1904_EPOCH_OFFSET = 24107;

/**
 * Day of a proleptic Gregorian y-m-d (m 1..12, d 1..31; out-of-range days roll over as in `Date.UTC`).
 * Pure arithmetic (H. Hinnant, "chrono-compatible low-level date algorithms", days_from_civil), because
 * `Date.UTC` reads years 0–99 as 1900–1999: `Date.UTC(99, 0, 1)` is 1999-01-01.
 * @example dayFromYmd(1970, 1, 1) === 0; dayFromYmd(2024, 3, 1) === 19783
 */
export function dayFromYmd(y: number, m: number, d: number): Day {
  if (m < 1 || m > 12) {
    y += Math.floor((m - 1) / 12);
    m = ((((m - 1) % 12) + 12) % 12) + 1;
  }
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1; // [0, 365] for d in range
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Days in month m (1..12) of year y, Gregorian leap rule. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d is a real calendar date (rejects 2023-02-30). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function ymdFromDay(day: Day): { y: number; m: number; d: number } {
  const t = new Date(day * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO `yyyy-mm-dd`. */
export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses strict ISO `yyyy-mm-dd`; undefined when not a real date. */
export function dayFromIso(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : undefined;
}

/** Excel serial (1900 system by default) of a day: what a date cell holds. */
export function excelSerialFromDay(day: Day, date1904 = false): number {
  if (date1904) return day + EXCEL_1904_EPOCH_OFFSET;
  const serial = day + EXCEL_1900_EPOCH_OFFSET;
  return serial <= 60 ? serial - 1 : serial; // before 1900-03-01 Excel counts its phantom leap day
}

/** Day of an Excel serial; the fraction (time of day) is dropped. */
export function dayFromExcelSerial(serial: number, date1904 = false): Day {
  const whole = Math.floor(serial);
  if (date1904) return whole - EXCEL_1904_EPOCH_OFFSET;
  return whole - EXCEL_1900_EPOCH_OFFSET + (whole < 60 ? 1 : 0); // serial 60, the phantom 1900-02-29, lands on 02-28
}

/** Month index (months since 1970-01) of a day: the unit of monthly series and cohorts. */
export function monthOfDay(day: Day): number {
  // Integer arithmetic (Hinnant's days-to-civil, March-based years), not a Date: it runs once per ledger row, and
  // rows grouped by customer rarely repeat the previous row's day.
  const z = day + 719468; // days since 0000-03-01
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  const year = yoe + era * 400 + (mp >= 10 ? 1 : 0);
  const month0 = mp < 10 ? mp + 2 : mp - 10; // January = 0
  return (year - 1970) * 12 + month0;
}

/** `yyyy-mm` label of a month index. */
export function monthLabel(month: number): string {
  const y = 1970 + Math.floor(month / 12);
  const m = month - (y - 1970) * 12 + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** First day of a month index. */
export function dayOfMonthStart(month: number): Day {
  const y = 1970 + Math.floor(month / 12);
  return dayFromYmd(y, month - (y - 1970) * 12 + 1, 1);
}

/**
 * Days in a month of the model's time units: one month is 365.25 / 12 days everywhere
 * (docs/metrics.md#customer-lifetime-value).
 */
export const DAYS_PER_MONTH = 365.25 / 12;
