/** The demo grid's number formats, checked against what Excel (en-US) shows for the same value and format. */
import { displayValue, generalNumber } from "../../src/taskpane/format";

describe("demo cell display", () => {
  test.each([
    [1234.5, "#,##0.00", "1,234.50"],
    [-1234.567, "#,##0.00", "-1,234.57"],
    [1234567, "#,##0", "1,234,567"],
    [0.27125, "0.0%", "27.1%"],
    [0.0125, "0.00%", "1.25%"],
    [0.123456, "0.000", "0.123"],
    [0.12345678, "0.0000", "0.1235"],
    [8.44, "0.0", "8.4"],
    // Excel serial 46022 is 2025-12-31; 45658 is 2025-01-01 (1900 date system).
    [46022, "yyyy-mm-dd", "2025-12-31"],
    [45658, "yyyy-mm-dd", "2025-01-01"],
  ])("%p in %p shows %p", (v, f, shown) => {
    expect(displayValue(v, f)).toBe(shown);
  });

  test("text, booleans and blanks", () => {
    expect(displayValue("=HYPERLINK(1)", "@")).toBe("=HYPERLINK(1)");
    expect(displayValue(true, undefined)).toBe("TRUE");
    expect(displayValue(null, "#,##0")).toBe("");
  });

  test("General shows at most 11 significant characters", () => {
    expect(generalNumber(42)).toBe("42");
    expect(generalNumber(1 / 3)).toBe("0.3333333333");
    expect(generalNumber(1180.123456789)).toBe("1180.123457");
  });
});
