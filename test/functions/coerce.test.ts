/** The coercion module on its own: per-customer totals and where a bad cell is reported. */
import { customerTotals, numbers, numberArg } from "../../src/functions/coerce";

describe("customerTotals", () => {
  test("keys normalised as the ledger does; grouped and scattered repeats land on one customer", () => {
    const customers = [["Acme Ltd"], ["Acme Ltd"], ["ACME  LTD"], ["Beta"], ["acme ltd"], [17850], ["17850"], ["Ｂｅｔａ"]];
    const amounts = [[1], [2], [4], [8], [16], [32], [64], [128]];
    const { keys, totals } = customerTotals(customers, "customers", [{ value: amounts, arg: "amounts" }]);
    expect(keys).toEqual(["acme ltd", "beta", "17850"]);
    expect(Array.from(totals[0])).toEqual([1 + 2 + 4 + 16, 8 + 128, 32 + 64]);
  });
  test("sums are compensated: 1e16 + 1 − 1e16 is 1, not 0 (naive left-to-right gives 0)", () => {
    const { totals } = customerTotals([["a"], ["a"], ["a"]], "customers", [{ value: [[1e16], [1], [-1e16]], arg: "amounts" }]);
    expect(1e16 + 1 - 1e16).toBe(0);
    expect(totals[0][0]).toBe(1);
  });
  test("two columns: a blank counts 0 in a row that has the other value; all-blank rows are skipped", () => {
    const { keys, totals } = customerTotals([["a"], ["b"], [null]], "customers", [
      { value: [[5], [null], [null]], arg: "previous" },
      { value: [[null], [7], [null]], arg: "current" },
    ]);
    expect(keys).toEqual(["a", "b"]);
    expect(Array.from(totals[0])).toEqual([5, 0]);
    expect(Array.from(totals[1])).toEqual([0, 7]);
  });
  test("problems name the argument and the cell", () => {
    expect(() => customerTotals([["a"], [null]], "customers", [{ value: [[1], [2]], arg: "amounts" }])).toThrowProblem("badArgument", {
      message: "customers: row 2 is blank but amounts there is 2",
      row: 2,
    });
    expect(() => customerTotals([["a", "#N/A"]], "customers", [{ value: [[1, 2]], arg: "amounts" }])).toThrowProblem("errorCell", {
      message: "customers: column 2 is the error #N/A",
    });
  });
});

describe("numbers and numberArg", () => {
  test("reading order is row by row; blanks skipped", () => {
    expect(Array.from(numbers([[1, null], ["2", 3]], "x"))).toEqual([1, 2, 3]);
  });
  test("a bad cell's problem carries its 1-based row and column", () => {
    expect(() => numbers([[1, 2], [3, "x"]], "amounts")).toThrowProblem("notANumber", {
      message: "amounts: row 2, column 2 is text 'x'",
      path: "amounts",
      row: 2,
      column: 2,
    });
  });
  test("numberArg: 1×1 range is its value, a bigger range is refused, blank takes the fallback", () => {
    expect(numberArg([[5]], "n")).toBe(5);
    expect(numberArg(" ", "n", 7)).toBe(7);
    expect(() => numberArg([[1], [2]], "n")).toThrowProblem("badArgument", { message: "n: expects one value, not a range" });
  });
});
