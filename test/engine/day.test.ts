/**
 * monthOfDay is integer arithmetic (it runs once per ledger row): checked against the calendar of JavaScript's Date
 * for every day from 1600 to 2400, for days far out, and against months worked out by hand.
 */
import { dayFromYmd, monthOfDay } from "../../src/engine/day";

const MS_PER_DAY = 86_400_000;
const byDate = (day: number) => {
  const t = new Date(day * MS_PER_DAY);
  return (t.getUTCFullYear() - 1970) * 12 + t.getUTCMonth();
};

test("months by hand: months since January 1970", () => {
  expect(monthOfDay(dayFromYmd(1970, 1, 1))).toBe(0);
  expect(monthOfDay(dayFromYmd(1969, 12, 31))).toBe(-1);
  expect(monthOfDay(dayFromYmd(2000, 2, 29))).toBe(30 * 12 + 1); // a leap day of a century leap year
  expect(monthOfDay(dayFromYmd(1900, 3, 1))).toBe(-70 * 12 + 2); // the day after 1900-02-28 (1900 is no leap year)
  expect(monthOfDay(dayFromYmd(2011, 11, 15))).toBe(41 * 12 + 10);
  expect(monthOfDay(dayFromYmd(2024, 12, 31))).toBe(54 * 12 + 11);
  expect(monthOfDay(dayFromYmd(2025, 1, 1))).toBe(55 * 12);
});

test("every day from 1600-01-01 to 2400-12-31, and days far out, give the month Date gives", () => {
  const from = dayFromYmd(1600, 1, 1);
  const to = dayFromYmd(2400, 12, 31);
  let wrong = 0;
  for (let d = from; d <= to; d++) if (monthOfDay(d) !== byDate(d)) wrong++;
  expect(to - from).toBeGreaterThan(290_000);
  expect(wrong).toBe(0);
  for (const d of [-100_000_000, -2_000_000, -1, 0, 1, 2_932_896, 99_999_999]) expect([d, monthOfDay(d)]).toEqual([d, byDate(d)]); // Date's range is ±10⁸ days
});
