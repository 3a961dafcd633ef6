/**
 * KA.RFMSCORE, KA.RFMSEGMENT, KA.RFM, KA.VOLATILITY and KA.TREND called as Excel calls them (registered
 * associations, 2-D ranges), checked against hand computations, with every error path: which Excel error and,
 * for #VALUE!/#N/A, which message.
 */
import { registerFunctions, call, col, ExcelErrorDouble, expectError, expectSpillError } from "./harness";

beforeAll(async () => {
  await registerFunctions();
});



const V = [1, 2, 2, 3, 5, 8, 8, 8, 13, 21];
const flat = (spill: unknown[][]) => spill.map((r) => r[0]);

describe("KA.RFMSCORE", () => {
  test("count rule, bins 5: counts below 0,1,1,3,4,5,5,5,8,9 → 1 + floor(count/2), the tie of 8s shares 3", () => {
    expect(flat(call("RFMSCORE", col(...V)))).toEqual([1, 1, 1, 2, 3, 3, 3, 3, 5, 5]);
  });
  test("lowerIsBetter (recency) as TRUE, as 1 and as text 'true': counts above 9,7,7,6,5,2,2,2,1,0", () => {
    const expected = [5, 4, 4, 4, 3, 2, 2, 2, 1, 1];
    expect(flat(call("RFMSCORE", col(...V), null, true))).toEqual(expected);
    expect(flat(call("RFMSCORE", col(...V), null, 1))).toEqual(expected);
    expect(flat(call("RFMSCORE", col(...V), null, "true"))).toEqual(expected);
  });
  test("bins 3 and 10", () => {
    expect(flat(call("RFMSCORE", col(...V), 3))).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
    expect(flat(call("RFMSCORE", col(...V), 10))).toEqual([1, 2, 2, 4, 5, 6, 6, 6, 9, 10]);
  });
  test("breaks [2, 5, 10, 20]: 1 + breakpoints ≤ value (bins taken from the breaks)", () => {
    expect(flat(call("RFMSCORE", col(...V), null, null, col(2, 5, 10, 20)))).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 4, 5]);
  });
  test("blanks (null, empty text) give empty cells and are not counted; text numbers are read; the layout is kept", () => {
    // N = 4 over 10, 20, 30, 40 → 1 + floor(5c/4): 1, 2, 3, 4.
    expect(call("RFMSCORE", col(10, null, "20", "", 30, 40))).toEqual([[1], [""], [2], [""], [3], [4]]);
    expect(call("RFMSCORE", [[10, 20], [30, 40]])).toEqual([[1, 2], [3, 4]]);
  });
  test("errors: bad cell #VALUE! with position; bins 1 or 11 #NUM!; breaks not ascending #NUM!; wrong count #VALUE!", () => {
    expectSpillError(call("RFMSCORE", col(1, "abc")), "#VALUE!", "values: row 2 is text 'abc'");
    expectSpillError(call("RFMSCORE", col(1, new ExcelErrorDouble("#N/A"))), "#VALUE!", "values: row 2 is the error #N/A");
    expectSpillError(call("RFMSCORE", col(1, 2), 1), "#NUM!");
    expectSpillError(call("RFMSCORE", col(1, 2), 11), "#NUM!");
    expectSpillError(call("RFMSCORE", col(1, 2), null, null, col(5, 2, 10, 20)), "#NUM!");
    expectSpillError(call("RFMSCORE", col(1, 2), 5, null, col(2, 5)), "#VALUE!", "breaks: 5 bins need 4 breakpoints, got 2");
    expectSpillError(call("RFMSCORE", col(1, 2), null, "maybe"), "#VALUE!", "lowerIsBetter must be TRUE or FALSE, not 'maybe'");
  });
});

describe("KA.RFMSEGMENT", () => {
  test("ranges spill one segment per row: 5,4,4 Champions; 2,5,5 Can't Lose; 5,1,2 New; 1,1,1 Lost; blank → empty", () => {
    expect(call("RFMSEGMENT", col(5, 2, 5, 1, null), col(4, 5, 1, 1, 3), col(4, 5, 2, 1, 3))).toEqual([["Champions"], ["Can't Lose"], ["New"], ["Lost"], [""]]);
  });
  test("FM rounds half up: F 2, M 3 → FM 3 → Potential Loyalist with R 4", () => {
    expect(call("RFMSEGMENT", 4, 2, 3)).toEqual([["Potential Loyalist"]]);
  });
  test("bins 10 maps to 1..5 first: R 8 → 4, F 2 → 1, M 3 → 2 → New", () => {
    expect(call("RFMSEGMENT", col(8), col(2), col(3), 10)).toEqual([["New"]]);
  });
  test("Chinese names", () => {
    expect(call("RFMSEGMENT", col(5, 1), col(5, 1), col(5, 1), null, true)).toEqual([["重要价值客户"], ["已流失客户"]]);
  });
  test("errors: a score outside 1..bins or not whole → #VALUE! naming the cell; sizes differ → #VALUE!; bins 11 → #NUM!", () => {
    expectSpillError(call("RFMSEGMENT", col(5, 6), col(1, 1), col(1, 1)), "#VALUE!", "r: row 2 is 6, not a score from 1 to 5");
    expectSpillError(call("RFMSEGMENT", col(5), col(2.5), col(1)), "#VALUE!", "f: row 1 is 2.5, not a score from 1 to 5");
    expectSpillError(call("RFMSEGMENT", col(5, 4), col(1), col(1, 1)), "#VALUE!", "f: 1 row × 1 column, but r has 2 rows × 1 column; they must match cell for cell");
    expectSpillError(call("RFMSEGMENT", col(5), col(1), col(1), 11), "#NUM!");
  });
});

describe("KA.RFM", () => {
  // Serial 45301 = 2024-01-10 (1900 system); as-of 2024-01-30.
  const customers = col("A", "B", "a ", "C", "C", null);
  const dates = col(45301, "2024-01-20", "2024/1/30", 45311, 45312, null);
  const amounts = col(50, 20, 30, 40, -40, null);
  test("header and one row per customer in order of first appearance; 'a ' is A; C's credit note nets to 0", () => {
    const t = call("RFM", customers, dates, amounts);
    expect(t[0]).toEqual(["Customer", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"]);
    expect(t.map((r: unknown[]) => r.slice(0, 4))).toEqual([
      ["Customer", "Recency", "Frequency", "Monetary"],
      ["A", 0, 2, 80],
      ["B", 10, 1, 20],
      ["C", 10, 1, 0],
    ]);
    // R over recency 0, 10, 10 (counts above 2, 0, 0) → 1 + floor(5c/3) = 4, 1, 1; F over 2, 1, 1 → 4, 1, 1;
    // M over 80, 20, 0 (counts below 2, 1, 0) → 4, 2, 1.
    expect(t.slice(1).map((r: unknown[]) => r.slice(4))).toEqual([
      [4, 4, 4, "444", "Champions"],
      [1, 1, 2, "112", "Lost"],
      [1, 1, 1, "111", "Lost"],
    ]);
  });
  test("asOf as a date serial or text; later rows left out; bins", () => {
    const t = call("RFM", customers, dates, amounts, "2024-01-25");
    expect(t.map((r: unknown[]) => r.slice(0, 4))).toEqual([
      ["Customer", "Recency", "Frequency", "Monetary"],
      ["A", 15, 1, 50],
      ["B", 5, 1, 20],
      ["C", 5, 1, 0],
    ]);
    expect(call("RFM", customers, dates, amounts, 45316, 3)[1][4]).toBe(call("RFM", customers, dates, amounts, "2024-01-25", 3)[1][4]);
  });
  test("errors: a row with a missing cell, a bad date, an error value, different sizes, nothing at all", () => {
    expectSpillError(call("RFM", col("A", "B"), col(45301, null), col(1, 2)), "#VALUE!", "dates: row 2 is blank, but the other cells of the row are not");
    expectSpillError(call("RFM", col("A", null), col(45301, 45302), col(1, 2)), "#VALUE!", "customers: row 2 is blank, but the other cells of the row are not");
    expectSpillError(call("RFM", col("A"), col("soon"), col(1)), "#VALUE!", /^dates: row 1 is not a date/);
    expectSpillError(call("RFM", col("#N/A"), col(45301), col(1)), "#VALUE!", "customers: row 1 is the error #N/A");
    expectSpillError(call("RFM", col("A", "B"), col(45301), col(1, 2)), "#VALUE!", /^dates: 1 row × 1 column, but customers has 2 rows/);
    expectSpillError(call("RFM", col(null), col(null), col(null)), "#N/A", "customers: there are no transactions (every row is blank)");
    expectSpillError(call("RFM", col("A"), col(45301), col(1), null, 1), "#NUM!");
  });
});

describe("KA.VOLATILITY and KA.TREND", () => {
  test("10, 20, 30: sd 10 / mean 20 = 0.5; slope 10 / mean 20 = 0.5", () => {
    expect(call("VOLATILITY", col(10, 20, 30))).toBeCloseTo(0.5, 12);
    expect(call("TREND", col(10, 20, 30))).toBeCloseTo(0.5, 12);
  });
  test("a row of months with zeros: 4, 0, 0, 8 → CV √(44/3)/3 = 1.276569…, trend (6/5)/3 = 0.4", () => {
    expect(call("VOLATILITY", [[4, 0, 0, 8]])).toBeCloseTo(Math.sqrt(44 / 3) / 3, 12);
    expect(call("TREND", [[4, 0, 0, 8]])).toBeCloseTo(0.4, 12);
  });
  test("fewer than 3 values or a mean ≤ 0 → empty; blanks skipped", () => {
    expect(call("VOLATILITY", col(10, null, 20))).toBe("");
    expect(call("TREND", col(-5, 0, 5))).toBe("");
  });
  test("a bad cell → #VALUE! naming it", () => {
    expectError(call("VOLATILITY", col(1, 2, "x")), "#VALUE!", "values: row 3 is text 'x'");
    expectError(call("TREND", col(1, new ExcelErrorDouble("#DIV/0!"), 3)), "#VALUE!", "values: row 2 is the error #DIV/0!");
  });
});
