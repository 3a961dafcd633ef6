/** Cell parsers (SPEC §1): numbers, dates, customer keys, header normalisation; and the day.ts fix they rely on. */
import { customerDisplay, customerKey, DateColumnReader, dayFromNumber, excelError, isBlankCell, isParseError, normalizeHeader, normalizeHeaderCore, parseDate, parseDateColumn, parseNumber, scanDate } from "../../../src/engine/ledger";
import type { RawCell } from "../../../src/engine/ledger";
import { dayFromExcelSerial, dayFromYmd, excelSerialFromDay, isValidYmd, isoFromDay } from "../../../src/engine/day";

describe("parseNumber", () => {
  const values: [RawCell, number][] = [
    [12, 12],
    [-0.5, -0.5],
    ["12", 12],
    ["-4.5", -4.5],
    ["1.2E3", 1200],
    ["1.2e-3", 0.0012],
    ["+5", 5],
    [".5", 0.5],
    ["12.", 12],
    ["1,234", 1234],
    ["1,234,567.89", 1234567.89],
    ["1 234 567.89", 1234567.89],
    ["1\u00a0234", 1234],
    ["1\u202f234", 1234],
    ["(1,234.50)", -1234.5],
    ["( 12 )", -12],
    ["$1,234.50", 1234.5],
    ["-$12", -12],
    ["$-12", -12],
    ["US$ 5", 5],
    ["HK$5", 5],
    ["€12", 12],
    ["12 €", 12],
    ["£3.10", 3.1],
    ["¥1,000", 1000],
    ["￥1,000", 1000],
    ["1,000元", 1000],
    ["500円", 500],
    ["USD 12", 12],
    ["12 CNY", 12],
    ["rmb 8", 8],
    ["12.5%", 0.125],
    ["7%", 0.07],
    ["-3%", -0.03],
    ["12.34%", 0.1234],
    ["１２，３４５．６", 12345.6],
    ["－５", -5],
    ["（１２）", -12],
    ["\u22123", -3],
    ["1,234.50-", -1234.5],
    ["  42  ", 42],
  ];
  test.each(values)("%p → %p", (cell, expected) => {
    expect(parseNumber(cell)).toBe(expected);
  });

  const invalid: RawCell[] = ["abc", "1,2", "12,34", "1.234,56", "1,234,5", "12万", "1.2k", "--5", "(-5)", "0x1A", "0b11", "Infinity", "NaN", "1e400", "1.2.3", "$", "%", "-", "USDX 12", true, false, NaN, Infinity];
  test.each(invalid.map((c) => [c]))("%p is not a number", (cell) => {
    const r = parseNumber(cell);
    expect(isParseError(r)).toBe(true);
    expect((r as { kind: string }).kind).toBe("invalid");
  });

  test("blank cells are undefined, not zero", () => {
    for (const c of [null, undefined, "", "   ", "\u3000", "\u00a0"]) expect(parseNumber(c)).toBeUndefined();
  });

  test("error cells are errorCell problems with their code", () => {
    for (const code of ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"]) {
      expect(parseNumber(code)).toEqual({ kind: "errorCell", code });
    }
    expect(parseNumber("#n/a")).toEqual({ kind: "errorCell", code: "#N/A" });
  });

  test("decimal commas say why they are refused", () => {
    expect(parseNumber("1,2")).toMatchObject({ kind: "invalid", why: expect.stringMatching(/thousands separator/) });
  });

  test("thousands groups on the fast path: exact groups only, the same answers as with spaces around (slow path)", () => {
    const cases: [string, number | "invalid"][] = [
      ["1,234", 1234],
      ["-1,234,567.5", -1234567.5],
      ["+12,345.678", 12345.678],
      ["1,234e2", 123400],
      ["1,23", "invalid"],
      [",123", "invalid"],
      ["1,2345", "invalid"],
      ["1234,567", "invalid"],
      ["1,234.5,6", "invalid"],
      ["1,,234", "invalid"],
    ];
    for (const [text, want] of cases) {
      for (const cell of [text, ` ${text} `]) {
        const r = parseNumber(cell);
        expect([cell, want === "invalid" ? (r as { kind?: string }).kind : r]).toEqual([cell, want]);
      }
    }
  });

  test("random values written with en-US grouping read back exactly", () => {
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 48271) % 2147483647;
      const v = ((seed % 2_000_000_000) - 1_000_000_000) / 100;
      const text = v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(parseNumber(text)).toBe(v);
    }
  });

  test("plain and grouped decimals read exactly as Number() reads the plain text (50,000 random values, up to 16 + 7 digits)", () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bad: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      const intDigits = 1 + Math.floor(rnd() * 16);
      const fracDigits = Math.floor(rnd() * 8);
      let a = String(1 + Math.floor(rnd() * 9));
      for (let d = 1; d < intDigits; d++) a += Math.floor(rnd() * 10);
      let f = "";
      for (let d = 0; d < fracDigits; d++) f += Math.floor(rnd() * 10);
      const sign = rnd() < 0.3 ? "-" : "";
      const text = sign + a + (f ? "." + f : "");
      const grouped = sign + a.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f ? "." + f : "");
      const want = Number(text);
      if (parseNumber(text) !== want || parseNumber(grouped) !== want) bad.push(grouped);
    }
    expect(bad).toEqual([]);
  });

  test("percent uses a correctly rounded division: '12.34%' is the double nearest 0.1234", () => {
    expect(parseNumber("12.34%")).toBe(0.1234);
    expect(parseNumber("0.1%")).toBe(0.001);
  });
});

describe("excelError / isBlankCell", () => {
  test("only Excel's error values count as errors", () => {
    expect(excelError("#N/A")).toEqual({ kind: "errorCell", code: "#N/A" });
    expect(excelError(" #REF! ")).toEqual({ kind: "errorCell", code: "#REF!" });
    expect(excelError("#1 Shop")).toBeUndefined();
    expect(excelError("N/A")).toBeUndefined();
    expect(excelError(0)).toBeUndefined();
  });
  test("blank: null, undefined, empty and white-space text; 0 and FALSE are values", () => {
    for (const c of [null, undefined, "", " ", "\t", "\u3000", "\u00a0\u00a0"]) expect(isBlankCell(c)).toBe(true);
    for (const c of [0, false, "0", "-", "\u200b"]) expect(isBlankCell(c)).toBe(false);
  });
});

describe("dates", () => {
  const iso = (v: unknown) => (typeof v === "number" ? isoFromDay(v) : v);
  const forms: [RawCell, string][] = [
    ["2024-01-05", "2024-01-05"],
    ["2024-01-05 08:26", "2024-01-05"],
    ["2024-01-05 23:59:59", "2024-01-05"],
    ["2024-01-05T23:59:59", "2024-01-05"],
    ["2024-01-05T23:59:59.999Z", "2024-01-05"],
    ["2024-01-05T01:00:00-08:00", "2024-01-05"],
    ["2024-1-5", "2024-01-05"],
    ["2024/1/5", "2024-01-05"],
    ["2024/01/05 13:45", "2024-01-05"],
    ["2024.1.5", "2024-01-05"],
    ["2024年1月5日", "2024-01-05"],
    ["2024年01月05号", "2024-01-05"],
    ["2024 年 1 月 5 日", "2024-01-05"],
    ["2024年1月5日 下午3时30分", "2024-01-05"],
    ["２０２４－０１－０５", "2024-01-05"],
    ["20240105", "2024-01-05"],
    [" 2024-01-05 ", "2024-01-05"],
    [20240105, "2024-01-05"],
    [45296, "2024-01-05"],
    [45296.999, "2024-01-05"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
  ];
  test.each(forms)("%p → %s", (cell, expected) => {
    expect(iso(scanDate(cell))).toBe(expected);
  });

  test("impossible days, 1900 (not leap), numeric text and two-digit years are not dates", () => {
    for (const c of ["2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "45292", "1/2/24", "5-Jan-2024", "1899-12-31", "2024-01-05 25", "2024-01-05x"]) {
      expect(scanDate(c)).toMatchObject({ kind: "invalid" });
    }
  });

  test("a/b/yyyy on the fast path and on the general path (spaces, full width, AM/PM) read the same parts", () => {
    const parts = (c: RawCell) => {
      const r = scanDate(c) as { kind: string; a?: number; b?: number; y?: number };
      return r.kind === "slash" ? [r.a, r.b, r.y] : r.kind;
    };
    expect(parts("1/25/2024")).toEqual([1, 25, 2024]);
    expect(parts("1/25/2024 8:26")).toEqual([1, 25, 2024]);
    expect(parts("01.25.2024 18:26:59")).toEqual([1, 25, 2024]);
    expect(parts(" 1/25/2024 8:26 ")).toEqual([1, 25, 2024]);
    expect(parts("1/25/2024 8:26 PM")).toEqual([1, 25, 2024]);
    expect(parts("１/２５/２０２４")).toEqual([1, 25, 2024]);
    for (const bad of ["1/2/2024 8:2", "1/2-2024", "123/4/2024", "1/2/20245", "1/2/2024x", "1/2/2024 8:26:5"]) expect([bad, parts(bad)]).toEqual([bad, "invalid"]);
  });

  test("Excel serials: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01, 2958465 is 9999-12-31 (Excel's documented range)", () => {
    expect(iso(dayFromNumber(1))).toBe("1900-01-01");
    expect(iso(dayFromNumber(59))).toBe("1900-02-28");
    expect(iso(dayFromNumber(61))).toBe("1900-03-01");
    expect(iso(dayFromNumber(45292))).toBe("2024-01-01");
    expect(iso(dayFromNumber(2958465))).toBe("9999-12-31");
    expect(dayFromNumber(2958466)).toBeUndefined();
    expect(dayFromNumber(0)).toBeUndefined();
    expect(dayFromNumber(-1)).toBeUndefined();
  });

  test("1904 system: serial 0 is 1904-01-01, 2957003 is 9999-12-31; serial n is 1462 days after its 1900 reading", () => {
    expect(iso(dayFromNumber(0, true))).toBe("1904-01-01");
    expect(iso(dayFromNumber(2957003, true))).toBe("9999-12-31");
    expect(dayFromNumber(2957004, true)).toBeUndefined();
    for (const n of [1000, 40000, 43830]) expect((dayFromNumber(n, true) as number) - (dayFromNumber(n) as number)).toBe(1462);
  });

  test("an 8-digit number is yyyymmdd when valid and otherwise not a date (never a serial: serials stop at 2958465)", () => {
    expect(iso(dayFromNumber(19000101))).toBe("1900-01-01");
    expect(iso(dayFromNumber(99991231))).toBe("9999-12-31");
    expect(dayFromNumber(20240230)).toBeUndefined();
    expect(dayFromNumber(18991231)).toBeUndefined();
  });

  test("a/b/yyyy alone: the only valid reading, else ambiguous unless an order is given", () => {
    expect(iso(parseDate("25/12/2024"))).toBe("2024-12-25");
    expect(iso(parseDate("12/25/2024"))).toBe("2024-12-25");
    expect(iso(parseDate("5/5/2024"))).toBe("2024-05-05");
    expect(parseDate("03/04/2024")).toMatchObject({ kind: "invalid", why: expect.stringMatching(/ambiguous/) });
    expect(iso(parseDate("03/04/2024", { dateOrder: "dmy" }))).toBe("2024-04-03");
    expect(iso(parseDate("03/04/2024", { dateOrder: "mdy" }))).toBe("2024-03-04");
    expect(parseDate("25/12/2024", { dateOrder: "mdy" })).toMatchObject({ kind: "invalid" });
  });

  test("parseDateColumn settles the order over the whole column", () => {
    const r = parseDateColumn(["01/02/2024", "03/04/2024", "", "13/04/2024"]);
    expect(r.order).toBe("dmy");
    expect(r.days.map(iso)).toEqual(["2024-02-01", "2024-04-03", undefined, "2024-04-13"]);
    const m = parseDateColumn(["01/02/2024", "03/14/2024"]);
    expect(m.order).toBe("mdy");
    expect(m.days.map(iso)).toEqual(["2024-01-02", "2024-03-14"]);
    expect(() => parseDateColumn(["01/02/2024"], { column: "Dates", firstRow: 5 })).toThrowProblem("ambiguousDateOrder", { path: "Dates", row: 5 });
  });

  test("DateColumnReader counts evidence for each order", () => {
    const r = new DateColumnReader("D");
    r.read("13/01/2024", 2);
    r.read("14/01/2024", 3);
    const pending = r.read("01/02/2024", 4);
    expect(r.pendingCount).toBe(0); // not kept yet
    r.keep(pending, 4);
    r.keep(r.read("02/03/2024", 5), 5);
    r.read("03/04/2024", 6); // read but its row not kept: not pending
    expect([r.dmyCount, r.mdyCount, r.pendingCount, r.slashCount]).toEqual([2, 0, 2, 5]);
    expect(r.ambiguous).toEqual({ text: "01/02/2024", row: 4 });
    expect(r.evidence()).toBe("dmy");
    expect(r.dmy).toEqual({ text: "13/01/2024", row: 2 });
  });
});

describe("day.ts fix: dayFromYmd is exact for every year (Date.UTC reads years 0–99 as 1900–1999)", () => {
  test("agrees with Date for every day from 1800 to 2200", () => {
    let bad = 0;
    for (let day = -62091; day < 84006; day++) {
      const t = new Date(day * 86_400_000);
      if (dayFromYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) !== day) bad++;
    }
    expect(bad).toBe(0);
  });
  test("year 99 is not 1999: 0099-01-01 is 693,960 days before 1999-01-01", () => {
    // 1900 years = 4 × 400-year cycles (146,097 days each) + 300 years; the leap days in 0099-01-01 .. 0399-01-01 fall in
    // 100, 104, …, 396 (75 years) minus 100, 200, 300 → 72, so 4·146097 + 300·365 + 72 = 693,960.
    // Independent check through Date.setUTCFullYear (which, unlike Date.UTC, takes year 99 literally):
    const t = new Date(0);
    t.setUTCFullYear(99, 0, 1);
    expect(dayFromYmd(99, 1, 1)).toBe(Math.round(t.getTime() / 86_400_000));
    expect(dayFromYmd(1999, 1, 1) - dayFromYmd(99, 1, 1)).toBe(4 * 146097 + 300 * 365 + 72);
  });
  test("isValidYmd follows the Gregorian leap rule; serial round trip", () => {
    expect([isValidYmd(2024, 2, 29), isValidYmd(2023, 2, 29), isValidYmd(1900, 2, 29), isValidYmd(2000, 2, 29), isValidYmd(2024, 4, 31)]).toEqual([true, false, false, true, false]);
    for (const s of [1, 59, 61, 45292, 2958465]) expect(excelSerialFromDay(dayFromExcelSerial(s))).toBe(s);
  });
});

describe("customer keys", () => {
  test("display: trimmed, runs of any white space collapsed, zero fraction of integer ids dropped", () => {
    expect(customerDisplay("  Acme\u3000\u3000Ltd ")).toBe("Acme Ltd");
    expect(customerDisplay("Acme\t\nLtd")).toBe("Acme Ltd");
    expect(customerDisplay("A\u00a0 B")).toBe("A B");
    expect(customerDisplay(17850)).toBe("17850");
    expect(customerDisplay(17850.0)).toBe("17850");
    expect(customerDisplay("17850.0")).toBe("17850");
    expect(customerDisplay("17850.00")).toBe("17850");
    expect(customerDisplay("17850.5")).toBe("17850.5");
    expect(customerDisplay("00123")).toBe("00123");
    expect(customerDisplay(null)).toBe("");
    expect(customerDisplay("   ")).toBe("");
    expect(customerDisplay(true)).toBe("TRUE");
  });
  test("key: case-, width- and space-insensitive", () => {
    const k = customerKey(customerDisplay("Acme Ltd"));
    for (const v of ["ACME LTD", " acme  ltd", "ＡＣＭＥ　Ｌｔｄ", "Acme\u00a0Ltd"]) expect(customerKey(customerDisplay(v))).toBe(k);
    expect(customerKey(customerDisplay("Acme Ltd."))).not.toBe(k);
    expect(customerKey("客户甲")).toBe("客户甲");
  });
});

describe("header normalisation", () => {
  test("case, spaces, punctuation, underscores and width are ignored", () => {
    for (const h of ["Customer ID", "customer_id", "CUSTOMER-ID", " Customer.ID ", "ＣｕｓｔｏｍｅｒＩＤ", "customerid"]) expect(normalizeHeader(h)).toBe("customerid");
    expect(normalizeHeader("客户 名称")).toBe("客户名称");
    expect(normalizeHeader("金额（元）")).toBe("金额元");
    expect(normalizeHeaderCore("金额（元）")).toBe("金额");
    expect(normalizeHeaderCore("Amount (USD)")).toBe("amount");
  });
});
