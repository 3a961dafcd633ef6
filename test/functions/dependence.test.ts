/** KA.HHITREND and KA.STRESS called as Excel calls them (registered associations, 2-D ranges), against hand computations. */
import { registerFunctions, call, col, ExcelErrorDouble, expectSpillError } from "./harness";

beforeAll(async () => {
  await registerFunctions();
});

// Q1 2024: A 600, B 300, C 100. Q2: A 500, B 400 − 100, C 350, D 50 − 80. Q3: A −200 only.
const LINES: [string, string | number, number][] = [
  ["A", "2024-01-10", 600],
  ["B", 45327, 300], // the serial of 2024-02-05
  ["C", "2024-03-20", 100],
  ["a ", "2024-04-02", 500], // the same customer as A
  ["B", "2024-04-15", 400],
  ["B", "2024-05-06", -100],
  ["D", "2024-05-20", 50],
  ["C", "2024-06-10", 350],
  ["D", "2024-06-28", -80],
  ["A", "2024-07-15", -200],
];
const customers = col(...LINES.map((l) => l[0]));
const dates = col(...LINES.map((l) => l[1]));
const amounts = col(...LINES.map((l) => l[2]));

describe("KA.HHITREND", () => {
  test("by quarter: header, then each quarter's figures; a quarter with no positive revenue has blank metrics", () => {
    const out = call("HHITREND", amounts, dates, customers);
    expect(out[0]).toEqual(["Period", "Revenue", "Customers", "HHI", "Band", "CR1", "CR5", "CR10", "Effective customers", "Gini"]);
    expect(out).toHaveLength(4);
    const [, q1, q2, q3] = out;
    expect([q1[0], q1[1], q1[2], q1[4]]).toEqual(["2024-Q1", 1000, 3, "highly concentrated"]);
    expect(q1[3]).toBeCloseTo(10000 * (0.36 + 0.09 + 0.01), 9);
    expect(q1[5]).toBeCloseTo(0.6, 12);
    expect(q1[8]).toBeCloseTo(10000 / 4600, 12);
    expect(q1[9]).toBeCloseTo(1 / 3, 12);
    // Q2: positives A 500, C 350, B 300 of 1,150 (D nets −30); revenue counts every line: 1,120.
    expect(q2[1]).toBe(1120);
    expect(q2[2]).toBe(4);
    expect(q2[3]).toBeCloseTo((10000 * 462500) / 1150 ** 2, 9);
    expect(q2[5]).toBeCloseTo(500 / 1150, 12);
    expect(q3).toEqual(["2024-Q3", -200, 1, "", "", "", "", "", "", ""]);
  });

  test("by month (also as 月): January to July, the latest date", () => {
    const out = call("HHITREND", amounts, dates, customers, "Month");
    expect(out.slice(1).map((r: unknown[]) => r[0])).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]);
    expect(call("HHITREND", amounts, dates, customers, "月")).toEqual(out);
    expect(out[1].slice(1, 4)).toEqual([600, 1, 10000]);
  });

  test("errors: an unknown period, ranges of other sizes, a bad date, nothing but blanks", () => {
    expectSpillError(call("HHITREND", amounts, dates, customers, "year"), "#VALUE!", `period must be "month" or "quarter", not 'year'`);
    expectSpillError(call("HHITREND", col(1, 2), col("2024-01-01"), col("A", "B")), "#VALUE!", /dates/);
    expectSpillError(call("HHITREND", col(1), col("someday"), col("A")), "#VALUE!", /dates: row 1/);
    expectSpillError(call("HHITREND", col(1), col(new ExcelErrorDouble("#N/A")), col("A")), "#VALUE!", /#N\/A/);
    expectSpillError(call("HHITREND", col(null), col(null), col(null)), "#N/A", /no transactions/);
  });
});

describe("KA.STRESS", () => {
  test("amounts one per customer: losing the largest of 50, 30, 20 loses half; 30 and 20 remain (HHI 5200)", () => {
    const out = call("STRESS", col(50, 30, 20), null, 1);
    expect(out[0]).toEqual(["share lost", 0.5]);
    expect(out[1][0]).toBe("remaining HHI");
    expect(out[1][1]).toBeCloseTo(10000 * (0.6 ** 2 + 0.4 ** 2), 9);
    expect(out[2]).toEqual(["revenue lost", 50]);
  });

  test("lines summed per customer first (A 10 + 5, B 20); nobody left after losing both: remaining HHI empty", () => {
    const lines = col(10, 20, 5);
    const names = col("A", "b", "a");
    const one = call("STRESS", lines, names, 1);
    expect(one[0][1]).toBeCloseTo(20 / 35, 12);
    expect(one[1][1]).toBe(10000);
    expect(call("STRESS", lines, names, 2)).toEqual([
      ["share lost", 1],
      ["remaining HHI", ""],
      ["revenue lost", 35],
    ]);
  });

  test("errors: k not a whole number ≥ 1 is #NUM!, text k #VALUE!, no positive revenue #N/A", () => {
    expectSpillError(call("STRESS", col(50, 30), null, 0), "#NUM!");
    expectSpillError(call("STRESS", col(50, 30), null, 1.5), "#NUM!");
    expectSpillError(call("STRESS", col(50, 30), null, "two"), "#VALUE!", "k is text 'two'");
    expectSpillError(call("STRESS", col(-5, 0), null, 1), "#N/A", /no customer with positive net revenue/);
  });
});
