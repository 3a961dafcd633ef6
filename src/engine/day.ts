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

export function dayFromYmd(y: number, m: number, d: number): Day {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** True when y-m-d is a real calendar date (rejects 2023-02-30). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
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
  const { y, m } = ymdFromDay(day);
  return (y - 1970) * 12 + (m - 1);
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

/** Days in a month of the model's time units: one month is 365.25 / 12 days everywhere (SPEC §4). */
export const DAYS_PER_MONTH = 365.25 / 12;
