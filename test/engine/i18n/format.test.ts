/** Numbers, money, dates and lists inside sentences, and currency codes, symbols and number formats. */
import { dayFromIso } from "../../../src/engine/day";
import { currencyCode, currencyInfo, formatter, langFromLocale, moneyNumberFormat } from "../../../src/engine/i18n";
import { englishNumber } from "../../../src/engine/i18n/format";

describe("formatter", () => {
  const en = formatter("en", "CNY");
  const zh = formatter("zh-CN", "CNY");
  const plain = formatter("en");

  test("whole numbers and decimals with thousands separators; no '-0'", () => {
    expect(en.int(1234567.4)).toBe("1,234,567");
    expect(en.int(-999.5)).toBe("-999"); // Math.round(-999.5) = -999
    expect(en.num(1234.5, 2)).toBe("1,234.50");
    expect(en.num(-0.004, 2)).toBe("0.00");
    expect(en.num(NaN, 1)).toBe("—");
  });

  test("percentages and percentage points", () => {
    expect(en.pct(0.1234)).toBe("12.3%");
    expect(zh.pct(0.1234, 2)).toBe("12.34%");
    expect(en.pct(1)).toBe("100.0%");
    expect(en.pct(-0.0004)).toBe("0.0%");
    expect(en.pp(0.042)).toBe("+4.2 pp");
    expect(en.pp(-0.042)).toBe("-4.2 pp");
    expect(zh.pp(0.042)).toBe("+4.2 个百分点");
    expect(en.pp(0.0001)).toBe("0.0 pp");
  });

  test("money with the currency's symbol and digits, full and short", () => {
    expect(en.money(1234567.891)).toBe("¥1,234,567.89");
    expect(en.money(-12.5)).toBe("-¥12.50");
    expect(plain.money(1234.5)).toBe("1,234.50");
    expect(formatter("en", "JPY").money(1234.4)).toBe("JP¥1,234");
    expect(formatter("en", "SEK").money(10)).toBe("SEK 10.00");
    expect(en.moneyShort(2_404_000)).toBe("¥2.40 million");
    expect(en.moneyShort(3_210_000_000)).toBe("¥3.21 billion");
    expect(en.moneyShort(45_600.4)).toBe("¥45,600");
    expect(zh.moneyShort(2_404_000)).toBe("¥240.4万");
    expect(zh.moneyShort(321_000_000)).toBe("¥3.21亿");
    expect(zh.moneyShort(-9_999)).toBe("-¥9,999");
  });

  test("dates, lists, plurals, booleans", () => {
    const d = dayFromIso("2011-12-09")!;
    expect(en.date(d)).toBe("2011-12-09");
    expect(zh.date(d)).toBe("2011年12月9日");
    expect(en.list(["A"])).toBe("A");
    expect(en.list(["A", "B", "C"])).toBe("A, B and C");
    expect(zh.list(["甲", "乙", "丙"])).toBe("甲、乙和丙");
    expect(en.plural(1, "alert", "alerts")).toBe("alert");
    expect(en.plural(0, "alert", "alerts")).toBe("alerts");
    expect(en.yesNo(true)).toBe("Yes");
    expect(zh.yesNo(false)).toBe("否");
  });
});

describe("currencies", () => {
  test("labels found in ledgers become ISO codes", () => {
    expect(currencyCode("CNY")).toBe("CNY");
    expect(currencyCode(" cny ")).toBe("CNY");
    expect(currencyCode("RMB")).toBe("CNY");
    expect(currencyCode("人民币")).toBe("CNY");
    expect(currencyCode("￥")).toBe("CNY");
    expect(currencyCode("US$")).toBe("USD");
    expect(currencyCode("€")).toBe("EUR");
    expect(currencyCode("港币")).toBe("HKD");
    expect(currencyCode("Dollars")).toBeUndefined();
    expect(currencyCode("")).toBeUndefined();
    expect(currencyCode("XYZ")).toBe("XYZ"); // three letters are taken as a code
  });

  test("symbols and Excel number formats", () => {
    expect(currencyInfo("usd")).toEqual({ code: "USD", symbol: "$", decimals: 2 });
    expect(moneyNumberFormat("CNY")).toBe('"¥"#,##0.00');
    expect(moneyNumberFormat("EUR", 0)).toBe('"€"#,##0');
    expect(moneyNumberFormat("KRW")).toBe('"₩"#,##0');
    expect(moneyNumberFormat("XYZ")).toBe('"XYZ "#,##0.00');
    expect(moneyNumberFormat(undefined)).toBe("#,##0.00");
  });

  test("report language from a locale", () => {
    expect(langFromLocale("zh_CN.UTF-8")).toBe("zh-CN");
    expect(langFromLocale("zh-TW")).toBe("zh-CN");
    expect(langFromLocale("zh")).toBe("zh-CN");
    expect(langFromLocale("en_US.UTF-8")).toBe("en");
    expect(langFromLocale("C")).toBe("en");
    expect(langFromLocale("zu_ZA")).toBe("en");
    expect(langFromLocale(undefined)).toBe("en");
  });
});

describe("englishNumber", () => {
  // Messages once used toLocaleString("en-US"); the hand-written text (no ICU start-up) must read exactly the same.
  test("the one difference: no '-0' (as formatter.num)", () => {
    expect(englishNumber(-0)).toBe("0");
    expect(englishNumber(-0.001, 2)).toBe("0.00");
  });

  test("writes what toLocaleString('en-US') writes, for counts and for two decimals", () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const wholes = [0, 1, 9, 10, 999, 1000, 1001, 999999, 1000000, 1048576, 2 ** 31, Number.MAX_SAFE_INTEGER, -1, -1000, -1234567];
    for (let i = 0; i < 2000; i++) wholes.push(Math.floor(next() * 10 ** Math.floor(next() * 15)) * (next() < 0.2 ? -1 : 1) || 0);
    for (const n of wholes) expect(englishNumber(n)).toBe(n.toLocaleString("en-US"));
    for (let i = 0; i < 2000; i++) {
      const x = Math.round(next() * 10 ** Math.floor(next() * 9) * 100) / 100 * (next() < 0.2 ? -1 : 1) || 0;
      expect(englishNumber(x, 2)).toBe(x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    }
  });
});
