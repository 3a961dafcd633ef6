/**
 * KA.AGING and KA.CREDITSCORE called as Excel calls them (registered associations, 2-D ranges), against hand
 * computations, and agreement of KA.DSO / KA.ECL / KA.CREDITGRADE / KA.AGING / KA.CREDITSCORE with the engine.
 */
import { registerFunctions, call, col, expectError, expectSpillError } from "./harness";
import { dayFromYmd, excelSerialFromDay } from "../../src/engine/day";
import { agingSchedule, creditGrade, creditScore, dso, expectedCreditLoss } from "../../src/engine/metrics/credit";

beforeAll(async () => {
  await registerFunctions();
});


const serial = (y: number, m: number, d: number) => excelSerialFromDay(dayFromYmd(y, m, d));

describe("KA.AGING", () => {
  test("as of 2024-03-01: 100 due that day (Current), 50 due 2024-01-15 (46 days: 31–60), 30 due 2023-11-01 (121 days: > 90)", () => {
    const out = call("AGING", col(100, 50, 30), col(serial(2024, 3, 1), serial(2024, 1, 15), serial(2023, 11, 1)), serial(2024, 3, 1));
    expect(out).toEqual([
      ["Current", 100],
      ["1–30", 0],
      ["31–60", 50],
      ["61–90", 0],
      ["> 90", 30],
    ]);
  });
  test("text dates and text amounts are read; blank rows skipped; as-of as text", () => {
    const out = call("AGING", col("1,000", null, "(200)"), col("2024-02-20", null, "2024/2/1"), "2024-03-01");
    // 1000 due 02-20: 10 days (1–30); credit −200 due 02-01: 29 days (1–30) → 1–30 = 800
    expect(out[1]).toEqual(["1–30", 800]);
  });
  test("custom bounds 0, 45: Current, 1–45, > 45", () => {
    const out = call("AGING", col(100, 50), col(serial(2024, 3, 1), serial(2024, 1, 15)), serial(2024, 3, 1), col(0, 45));
    expect(out).toEqual([
      ["Current", 100],
      ["1–45", 0],
      ["> 45", 50],
    ]);
  });
  test("no as-of: the latest due date given (2024-03-01), so the answer never changes by itself", () => {
    const withDefault = call("AGING", col(100, 50), col(serial(2024, 3, 1), serial(2024, 1, 15)));
    expect(withDefault).toEqual(call("AGING", col(100, 50), col(serial(2024, 3, 1), serial(2024, 1, 15)), serial(2024, 3, 1)));
  });
  test("agrees with the engine's agingSchedule on a larger book", () => {
    const amounts: number[] = [];
    const due: number[] = [];
    for (let i = 0; i < 200; i++) {
      amounts.push(((i * 37) % 101) * 10.5 - 100);
      due.push(dayFromYmd(2024, 1, 1) + ((i * 13) % 200));
    }
    const asOf = dayFromYmd(2024, 6, 30);
    const engine = agingSchedule(amounts, due, asOf);
    const out = call("AGING", amounts.map((v) => [v]), due.map((d) => [excelSerialFromDay(d)]), excelSerialFromDay(asOf));
    out.forEach((row: [string, number], k: number) => {
      expect(row[0]).toBe(engine.labels[k]);
      expect(row[1]).toBeCloseTo(engine.totals[k], 9);
    });
  });
  test("errors: amount without a due date (#VALUE! naming the row), bad date text, sizes differ, bad bounds (#NUM!)", () => {
    expectSpillError(call("AGING", col(100, 50), col(serial(2024, 3, 1), null), serial(2024, 3, 1)), "#VALUE!", "dueDates: row 2 is blank but amounts there is 50");
    expectSpillError(call("AGING", col(100), col("soon"), serial(2024, 3, 1)), "#VALUE!", /dueDates: row 1 is not a date/);
    expectSpillError(call("AGING", col(100, 50), col(serial(2024, 3, 1)), serial(2024, 3, 1)), "#VALUE!", /dueDates: 1 row × 1 column, but amounts has 2 rows/);
    expectSpillError(call("AGING", col(100), col(serial(2024, 3, 1)), serial(2024, 3, 1), col(30, 0)), "#NUM!");
    expectSpillError(call("AGING", col(null), col(null)), "#N/A", "amounts: no amount with a due date to age");
    expectSpillError(call("AGING", col(100), col(serial(2024, 3, 1)), "someday"), "#VALUE!", /asOf is not a date/);
  });
});

describe("KA.CREDITSCORE", () => {
  test("15 days late, 20 % late, 10 % overdue, 50 % utilised, 2 years, 1 %/month → 69.525", () => {
    // payment 50(1 − 15/60) + 50(1 − 0.2) = 77.5; overdue 90; utilisation 50; tenure 40; trend 50 + 50×0.12 = 56
    // 0.35×77.5 + 0.25×90 + 0.15×50 + 0.10×40 + 0.15×56 = 27.125 + 22.5 + 7.5 + 4 + 8.4 = 69.525
    const out = call("CREDITSCORE", [[15]], [["20%"]], [[0.1]], [[0.5]], [[2]], [["1%"]]);
    expect(out[0][0]).toBeCloseTo(69.525, 10);
    expect(out[0][0]).toBeCloseTo(creditScore({ avgDaysLate: 15, lateShare: 0.2, overdueRatio: 0.1, utilisation: 0.5, tenureYears: 2, trend: 0.01 }), 12);
  });
  test("blank inputs drop out: no utilisation, no trend → (27.125 + 22.5 + 4) / 0.70", () => {
    const out = call("CREDITSCORE", [[15]], [[0.2]], [[0.1]], [[null]], [[2]], null);
    expect(out[0][0]).toBeCloseTo(53.625 / 0.7, 10);
  });
  test("ranges spill one score per row; a one-value argument applies to every row; a blank row spills a blank", () => {
    const out = call("CREDITSCORE", col(0, 60, null), col(0, 1, null), col(0, 0.4, null), [[null]], col(5, 0.5, null), null);
    // row 1: 100, 100, tenure 100 → 100; row 2: payment 0, overdue 60, tenure 10 → 16 / 0.7
    expect(out[0][0]).toBeCloseTo(100, 12);
    expect(out[1][0]).toBeCloseTo(16 / 0.7, 10);
    expect(out[2][0]).toBe("");
  });
  test("grades agree with KA.CREDITGRADE on the same scores", () => {
    const scores = call("CREDITSCORE", col(0, 10, 30, 60), col(0, 0.2, 0.5, 1), col(0, 0.1, 0.3, 0.9), col(0.2, 0.5, 0.9, 1.5), col(6, 3, 1, 0.1), null);
    for (const [s] of scores) expect(call("CREDITGRADE", s)).toBe(creditGrade(s));
  });
  test("errors: late share above 1 → #NUM! in its own row (whole result when one value); text → #VALUE! naming the cell; all blank → #N/A", () => {
    expectSpillError(call("CREDITSCORE", [[0]], [[1.2]], [[0]], [[0]], [[1]], null), "#NUM!");
    const out = call("CREDITSCORE", col(0, 0), col(0.5, 1.2), col(0, 0), col(0, 0), col(1, 1), null);
    expect(typeof out[0][0]).toBe("number");
    expectError(out[1][0], "#NUM!");
    expectSpillError(call("CREDITSCORE", col(0, "late"), col(0, 0), col(0, 0), col(0, 0), col(1, 1), null), "#VALUE!", "avgDaysLate: row 2 is text 'late'");
    expectSpillError(call("CREDITSCORE", [[null]], [[null]], [[null]], [[null]], [[null]], null), "#N/A", /every component's input is missing/);
    expectSpillError(call("CREDITSCORE", col(0, 0), col(0, 0, 0), col(0), col(0), col(1), null), "#VALUE!", /lateShare: 3 rows × 1 column, but avgDaysLate has 2 rows/);
  });
});

describe("KA.CEI and KA.ADD", () => {
  test("CEI: (10 000 + 50 000 − 12 000) / (10 000 + 50 000 − 8 000) = 48 000 / 52 000 = 0.923", () => {
    expect(call("CEI", 10000, 50000, 12000, 8000)).toBeCloseTo(48000 / 52000, 12);
    expect(call("CEI", "10,000", 50000, 12000, "8000")).toBeCloseTo(48000 / 52000, 12);
    // Everything due was collected: end receivables are all not yet due → 1.
    expect(call("CEI", 0, 1000, 300, 300)).toBe(1);
  });
  test("ADD: (12 000 − 8 000) / 50 000 × 90 = 7.2 days; 365 days by default → 29.2", () => {
    expect(call("ADD", 12000, 8000, 50000, 90)).toBeCloseTo(7.2, 12);
    expect(call("ADD", 12000, 8000, 50000)).toBeCloseTo((4000 / 50000) * 365, 12);
    expect(call("ADD", 12000, 8000, 50000, 90)).toBeCloseTo(call("DSO", 12000, 50000, 90) - (8000 / 50000) * 90, 12);
  });
  test("errors: nothing collectible or no revenue → #DIV/0!; the current part above the whole → #NUM!; text or blank → #VALUE!", () => {
    expectError(call("CEI", 0, 100, 100, 100), "#DIV/0!");
    expectError(call("CEI", 0, 100, 50, 60), "#NUM!");
    expectError(call("CEI", "lots", 100, 50, 20), "#VALUE!", /beginReceivables/);
    expectError(call("ADD", 100, 50, 0), "#DIV/0!");
    expectError(call("ADD", 100, 150, 1000), "#NUM!");
    expectError(call("ADD", 100, 50, 1000, 0), "#NUM!");
    expectError(call("ADD", null, 50, 1000), "#VALUE!", /receivables/);
  });
});

describe("KA.ECL with scenario weights", () => {
  test("balances 1000, 500 at 0.3 %, 1.6 %: 11; weights 70 %, 30 %, multipliers 1, 2 → 0.7 × 11 + 0.3 × 22 = 14.3", () => {
    expect(call("ECL", col(1000, 500), col("0.3%", "1.6%"))).toBeCloseTo(11, 12);
    expect(call("ECL", col(1000, 500), col("0.3%", "1.6%"), col("70%", "30%"), col(1, 2))).toBeCloseTo(14.3, 12);
  });
  test("IFRS 9 Example 12, base 50 % × 1, upside 20 % × 0.8, downside 30 % × 1.5: 580 000 × 1.11 = 643 800", () => {
    const balances = col(15e6, 7.5e6, 4e6, 2.5e6, 1e6);
    const rates = col(0.003, 0.016, 0.036, 0.066, 0.106);
    expect(call("ECL", balances, rates)).toBeCloseTo(580000, 6);
    expect(call("ECL", balances, rates, col(0.5, 0.2, 0.3), col(1, 0.8, 1.5))).toBeCloseTo(643800, 6);
  });
  test("a rate times its multiplier is capped at 100 %: 100, 200 at 10 %, 80 %; 60 % × 1, 40 % × 1.5 → 0.6 × 170 + 0.4 × 215 = 188", () => {
    expect(call("ECL", col(100, 200), col(0.1, 0.8), col(0.6, 0.4), col(1, 1.5))).toBeCloseTo(188, 12);
  });
  test("weights not summing to 100 % → #VALUE! saying so; weights without multipliers; a half-blank scenario; sizes differ", () => {
    expectError(call("ECL", col(1000), col(0.01), col(0.5, 0.2, 0.2), col(1, 0.8, 1.5)), "#VALUE!", "weights: the scenario weights must sum to 1 (100 %), but 50 % + 20 % + 20 % = 90 %");
    expectError(call("ECL", col(1000), col(0.01), col(1), null), "#VALUE!", /multipliers: scenario weights and loss-rate multipliers go together/);
    expectError(call("ECL", col(1000), col(0.01), col(0.5, null), col(1, 2)), "#VALUE!", "weights: row 2 is blank but multipliers there is 2");
    expectError(call("ECL", col(1000), col(0.01), col(0.5, 0.5), col(1)), "#VALUE!", /multipliers/);
    expectError(call("ECL", col(1000), col(0.01), col(1.5, -0.5), col(1, 1)), "#NUM!");
    expectError(call("ECL", col(1000), col(0.01), col(null), col(null)), "#N/A", /no scenario given/);
  });
});

describe("the credit functions agree with the engine", () => {
  test("KA.DSO = dso; KA.ECL = expectedCreditLoss on the IFRS 9 matrix; KA.CREDITGRADE at every cut-off", () => {
    expect(call("DSO", 9700, 16100)).toBe(dso(9700, 16100));
    expect(call("DSO", 9700, 5500, 90)).toBe(dso(9700, 5500, 90));
    const balances = [15e6, 7.5e6, 4e6, 2.5e6, 1e6];
    const rates = [0.003, 0.016, 0.036, 0.066, 0.106];
    expect(call("ECL", col(...balances), col(...rates))).toBe(expectedCreditLoss(balances, rates));
    for (const s of [100, 80, 79.999, 65, 64.999, 50, 49.999, 35, 34.999, 0]) expect(call("CREDITGRADE", s)).toBe(creditGrade(s));
  });
});
