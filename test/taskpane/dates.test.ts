/**
 * Dates typed in the pane's date boxes (src/taskpane/dates.ts): the user's locale order, ISO, Chinese and month
 * names; impossible days refused. Each case is written out with the date it must give.
 */
import { formatLocaleDate, localeDayOrder, parseLocaleDate } from "../../src/taskpane/dates";

describe("dates in the user's locale", () => {
  test("the locale decides the order of numeric dates", () => {
    expect(localeDayOrder("en-US")).toBe("mdy");
    expect(localeDayOrder("en-GB")).toBe("dmy");
    expect(localeDayOrder("de-DE")).toBe("dmy");
    expect(localeDayOrder("zh-CN")).toBe("ymd");
    expect(formatLocaleDate("2025-12-31", "en-US")).toBe("12/31/2025");
    expect(formatLocaleDate("2025-12-31", "en-GB")).toBe("31/12/2025");
    expect(formatLocaleDate("2025-12-31", "de-DE")).toBe("31.12.2025");
    expect(formatLocaleDate("2025-12-31", "zh-CN")).toBe("2025/12/31");
  });

  test.each([
    ["12/31/2025", "en-US", "2025-12-31"],
    ["3/4/2025", "en-US", "2025-03-04"],
    ["3/4/2025", "en-GB", "2025-04-03"],
    ["31/12/2025", "en-GB", "2025-12-31"],
    ["31.12.2025", "de-DE", "2025-12-31"],
    ["31.12.25", "de-DE", "2025-12-31"],
    ["2025/12/31", "zh-CN", "2025-12-31"],
    ["2025年12月31日", "zh-CN", "2025-12-31"],
    ["２０２５－１２－３１", "zh-CN", "2025-12-31"], // full-width, as a Chinese IME types it
    ["2025-12-31", "en-US", "2025-12-31"], // ISO in every locale
    ["2025-12-31", "en-GB", "2025-12-31"],
    ["31 Dec 2025", "en-GB", "2025-12-31"],
    ["Dec 31, 2025", "en-US", "2025-12-31"],
    ["31. Dezember 2025", "de-DE", "2025-12-31"],
  ])("%s in %s is %s", (text, locale, iso) => {
    expect(parseLocaleDate(text, locale)).toBe(iso);
  });

  test.each([
    ["31/12/2025", "en-US"], // no 31st month
    ["2025-02-30", "en-GB"],
    ["2025/13/01", "zh-CN"],
    ["12/31", "en-US"], // no year
    ["yesterday", "en-US"],
    ["31 Foo 2025", "en-GB"],
  ])("%s in %s is no date", (text, locale) => {
    expect(parseLocaleDate(text, locale)).toBeUndefined();
  });
});
