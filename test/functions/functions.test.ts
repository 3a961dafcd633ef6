/**
 * Every KA function called as Excel calls it (through the registered associations, with 2-D ranges), checked
 * against values computed by hand in the test names and comments, and every error path: which Excel error and,
 * for #VALUE!/#N/A, which message.
 */
import { registerFunctions, call, col, ExcelErrorDouble, expectError, expectSpillError } from "./harness";

beforeAll(async () => {
  await registerFunctions();
});



describe("KA.HHI", () => {
  test("50, 30, 20 → 10000 × (0.25 + 0.09 + 0.04) = 3800 (abs 1e-9)", () => {
    expect(call("HHI", col(50, 30, 20))).toBeCloseTo(3800, 9);
  });
  test("blanks ignored, as null (web) and as 0 (desktop) and as empty text", () => {
    expect(call("HHI", col(50, null, 30, 20))).toBeCloseTo(3800, 9);
    expect(call("HHI", col(50, 0, 30, 20))).toBeCloseTo(3800, 9);
    expect(call("HHI", col(50, "", 30, " ", 20))).toBeCloseTo(3800, 9);
  });
  test("text numbers: '1,000', '(200)', '¥500', '300' → positives 1000, 500, 300: (1e6 + 2.5e5 + 9e4) / 1800² × 10000 = 4135.802469…", () => {
    expect(call("HHI", col("1,000", "(200)", "¥500", "300"))).toBeCloseTo((1_340_000 / 3_240_000) * 10000, 9);
  });
  test("a row range and a block read the same as a column", () => {
    expect(call("HHI", [[50, 30, 20]])).toBeCloseTo(3800, 9);
    expect(call("HHI", [[50, 30], [20, null]])).toBeCloseTo(3800, 9);
  });
  test("scale 1 gives Σ s² = 0.38; scale as text '1' too; omitted scale (null) is 10000", () => {
    expect(call("HHI", col(50, 30, 20), null, 1)).toBeCloseTo(0.38, 12);
    expect(call("HHI", col(50, 30, 20), null, "1")).toBeCloseTo(0.38, 12);
    expect(call("HHI", col(50, 30, 20), null, null)).toBeCloseTo(3800, 9);
    expect(call("HHI", col(50, 30, 20), undefined, undefined)).toBeCloseTo(3800, 9);
  });
  test("customers: Acme 10 + 'ACME ' 5 = 15, Beta 20 + 'beta' 15 = 35 → shares 0.3, 0.7 → 10000 × (0.09 + 0.49) = 5800", () => {
    expect(call("HHI", col(10, 20, 5, 15), col("Acme", "Beta", "ACME ", "beta"))).toBeCloseTo(5800, 9);
  });
  test("customers with numeric ids: 17850 and '17850' are one customer (20 + 30 = 50 vs 50 → 5000)", () => {
    expect(call("HHI", col(20, 30, 50), col(17850, "17850", 12583))).toBeCloseTo(5000, 9);
  });
  test("customers: a blank amount row is ignored; a blank customer beside a blank or 0 amount too", () => {
    expect(call("HHI", col(10, null, null, 0, 15), col("A", "B", null, null, "B"))).toBeCloseTo(((10 / 25) ** 2 + (15 / 25) ** 2) * 10000, 9);
  });
  test("#VALUE! naming argument and cell: text, error value, boolean, error object", () => {
    expectError(call("HHI", col(1, 2, "abc")), "#VALUE!", "amounts: row 3 is text 'abc'");
    expectError(call("HHI", col(1, "#N/A", 3)), "#VALUE!", "amounts: row 2 is the error #N/A");
    expectError(call("HHI", col(true, 2)), "#VALUE!", "amounts: row 1 is TRUE, not a number");
    expectError(call("HHI", col(1, new ExcelErrorDouble("#DIV/0!"))), "#VALUE!", "amounts: row 2 is the error #DIV/0!");
    expectError(call("HHI", [[1, "x"]]), "#VALUE!", "amounts: column 2 is text 'x'");
    expectError(call("HHI", [[1, 2], [3, "x"]]), "#VALUE!", "amounts: row 2, column 2 is text 'x'");
  });
  test("#VALUE! for a decimal comma, with the reason", () => {
    expectError(call("HHI", col("1,5")), "#VALUE!", /^amounts: row 1 is text '1,5' \(a comma is read only as a thousands separator/);
  });
  test("#VALUE! when customers and amounts differ in size, naming both", () => {
    expectError(call("HHI", col(1, 2, 3), col("a", "b")), "#VALUE!", "amounts: 3 rows × 1 column, but customers has 2 rows × 1 column; they must match cell for cell");
  });
  test("#VALUE! for a blank customer beside an amount (its revenue would vanish)", () => {
    expectError(call("HHI", col(10, 20), col("A", null)), "#VALUE!", "customers: row 2 is blank but amounts there is 20");
    expectError(call("HHI", col(10, 20), col("A", "#N/A")), "#VALUE!", "customers: row 2 is the error #N/A");
  });
  test("#VALUE! for a scale other than 10000 or 1", () => {
    expectError(call("HHI", col(1, 2), null, 100), "#VALUE!", "scale must be 10000 (0–10 000) or 1 (0–1), not 100");
  });
  test("#N/A when no customer has positive revenue (all blank, zero or credit notes)", () => {
    expectError(call("HHI", col(null, 0, -5)), "#N/A", "amounts: no customer with positive net revenue");
  });
});

describe("KA.HHIBAND", () => {
  test("2023 bands (1000/1800): 999 unconcentrated, 1000 and 1800 moderately, 1800.01 and 3800 highly", () => {
    expect(call("HHIBAND", 999)).toBe("unconcentrated");
    expect(call("HHIBAND", 1000)).toBe("moderately concentrated");
    expect(call("HHIBAND", 1800)).toBe("moderately concentrated");
    expect(call("HHIBAND", 1800.01)).toBe("highly concentrated");
    expect(call("HHIBAND", 3800, null)).toBe("highly concentrated");
  });
  test("2010 bands (1500/2500): 1499, 1500, 2500, 2501", () => {
    expect(call("HHIBAND", 1499, 2010)).toBe("unconcentrated");
    expect(call("HHIBAND", 1500, 2010)).toBe("moderately concentrated");
    expect(call("HHIBAND", 2500, "2010")).toBe("moderately concentrated");
    expect(call("HHIBAND", 2501, 2010)).toBe("highly concentrated");
  });
  test("errors: year not 2023/2010 → #VALUE!; HHI outside 0–10 000 → #NUM!; text → #VALUE!; blank → #VALUE!", () => {
    expectError(call("HHIBAND", 2000, 2015), "#VALUE!", "year must be 2023 (bands 1000/1800) or 2010 (1500/2500), not 2015");
    expectError(call("HHIBAND", 12000), "#NUM!");
    expectError(call("HHIBAND", -1), "#NUM!");
    expectError(call("HHIBAND", "high"), "#VALUE!", "hhi is text 'high'");
    expectError(call("HHIBAND", null), "#VALUE!", "hhi is required but blank");
  });
});

describe("KA.CR", () => {
  test("50, 30, 20 with n = 2 → (50 + 30) / 100 = 0.8; n = 1 → 0.5; n beyond the count → 1", () => {
    expect(call("CR", col(50, 30, 20), 2)).toBeCloseTo(0.8, 12);
    expect(call("CR", col(20, 50, null, 30), 1)).toBeCloseTo(0.5, 12);
    expect(call("CR", col(50, 30, 20), 10)).toBeCloseTo(1, 12);
  });
  test("n as text '2'; customers summed first: A 10+30, B 40, C 20 → CR1 = 40/100 (tie, either) = 0.4, CR2 = 0.8", () => {
    expect(call("CR", col(50, 30, 20), "2")).toBeCloseTo(0.8, 12);
    expect(call("CR", col(10, 40, 30, 20), 1, col("A", "B", "a", "C"))).toBeCloseTo(0.4, 12);
    expect(call("CR", col(10, 40, 30, 20), 2, col("A", "B", "a", "C"))).toBeCloseTo(0.8, 12);
  });
  test("errors: n < 1 or fractional → #NUM!; n blank → #VALUE!; bad cell → #VALUE!", () => {
    expectError(call("CR", col(50, 30), 0), "#NUM!");
    expectError(call("CR", col(50, 30), 1.5), "#NUM!");
    expectError(call("CR", col(50, 30), null), "#VALUE!", "n is required but blank");
    expectError(call("CR", col(50, "x"), 1), "#VALUE!", "amounts: row 2 is text 'x'");
  });
});

describe("KA.GINI", () => {
  test("1, 2, 3 → ((2·1−4)·1 + (2·2−4)·2 + (2·3−4)·3) / (3·6) = 4/18 = 0.2222… (abs 1e-12)", () => {
    expect(call("GINI", col(1, 2, 3))).toBeCloseTo(4 / 18, 12);
  });
  test("equal customers → 0; one customer → 0; blanks as null or 0 change nothing", () => {
    expect(call("GINI", col(5, 5, 5, 5))).toBeCloseTo(0, 12);
    expect(call("GINI", col(7))).toBeCloseTo(0, 12);
    expect(call("GINI", col(1, null, 2, 0, 3))).toBeCloseTo(4 / 18, 12);
  });
  test("customers: a 1 + A 1 = 2, B 3 → ascending 2, 3: (−1·2 + 1·3) / (2·5) = 0.1", () => {
    expect(call("GINI", col(1, 1, 3), col("a", "A", "B"))).toBeCloseTo(0.1, 12);
  });
  test("errors: #VALUE! for a bad cell, #N/A for nothing positive", () => {
    expectError(call("GINI", col("n/a text")), "#VALUE!", "amounts: row 1 is text 'n/a text'");
    expectError(call("GINI", col(null, null)), "#N/A", /no customer with positive net revenue/);
  });
});

describe("KA.NEFF", () => {
  test("50, 30, 20 → 1 / 0.38 = 2.631578947…; four equal customers → 4 (abs 1e-9)", () => {
    expect(call("NEFF", col(50, 30, 20))).toBeCloseTo(1 / 0.38, 9);
    expect(call("NEFF", col(25, 25, "25", 25))).toBeCloseTo(4, 9);
  });
  test("customers summed first: x 5 + X 5, y 10 → two equal customers → 2", () => {
    expect(call("NEFF", col(5, 5, 10), col("x", "X", "y"))).toBeCloseTo(2, 9);
  });
  test("errors: #N/A for nothing positive", () => {
    expectError(call("NEFF", col(-1)), "#N/A", /no customer with positive net revenue/);
  });
});

describe("KA.PARETO", () => {
  test("50, 30, 20: 80 % reached by 2 customers (50 + 30); 50% by 1; 0.81 needs 3", () => {
    expect(call("PARETO", col(50, 30, 20))).toBe(2);
    expect(call("PARETO", col(50, 30, 20), "50%")).toBe(1);
    expect(call("PARETO", col(20, 30, 50), 0.81)).toBe(3);
  });
  test("customers summed first: A 40 + a 20 = 60, B 30, C 10 → 80 % needs A and B = 2", () => {
    expect(call("PARETO", col(40, 30, 20, 10), null, col("A", "B", "a", "C"))).toBe(2);
  });
  test("errors: threshold outside (0, 1] → #NUM!", () => {
    expectError(call("PARETO", col(50, 30), 1.5), "#NUM!");
    expectError(call("PARETO", col(50, 30), 0), "#NUM!");
    expectError(call("PARETO", col(50, 30), "lots"), "#VALUE!", "threshold is text 'lots'");
  });
});

describe("KA.ABC (spilled per row)", () => {
  test("50, 30, 15, 5: cumPrev 0, 0.5, 0.8, 0.95 → A, A, B, C (the customer crossing 80 % is still A)", () => {
    expect(call("ABC", col(50, 30, 15, 5))).toEqual(col("A", "A", "B", "C"));
  });
  test("aligned with the input: blanks (null or 0) and credit notes get \"\" in place", () => {
    expect(call("ABC", col(50, null, -5, 30, 15, 5))).toEqual(col("A", "", "", "A", "B", "C"));
    expect(call("ABC", col(50, 0, -5, 30, 15, 5))).toEqual(col("A", "", "", "A", "B", "C"));
  });
  test("a row range spills as a row; text numbers read", () => {
    expect(call("ABC", [["5", 15, "30", 50]])).toEqual([["C", "B", "A", "A"]]);
  });
  test("a = 50%: cumPrev 0 → A, 0.5 → B, 0.8 → B, 0.95 → C", () => {
    expect(call("ABC", col(50, 30, 15, 5), "50%")).toEqual(col("A", "B", "B", "C"));
  });
  test("errors fill a 1×1 spill: b < a → #NUM!; bad cell → #VALUE!; nothing positive → #N/A", () => {
    expectSpillError(call("ABC", col(50, 30), 0.9, 0.8), "#NUM!");
    expectSpillError(call("ABC", col(50, "abc")), "#VALUE!", "amounts: row 2 is text 'abc'");
    expectSpillError(call("ABC", col(null, 0)), "#N/A", /no customer with positive net revenue/);
  });
});

describe("KA.CLVSIMPLE", () => {
  test("12000 × 5 − 8000 = 52000; text numbers; acquisition cost omitted (null) is 0", () => {
    expect(call("CLVSIMPLE", 12000, 5, 8000)).toBe(52000);
    expect(call("CLVSIMPLE", "12,000", "5", null)).toBe(60000);
    expect(call("CLVSIMPLE", 1000, 2.5)).toBe(2500);
  });
  test("errors: negative → #NUM!; text → #VALUE!; blank required → #VALUE!", () => {
    expectError(call("CLVSIMPLE", 12000, -1), "#NUM!");
    expectError(call("CLVSIMPLE", 12000, 5, -1), "#NUM!");
    expectError(call("CLVSIMPLE", "lots", 5), "#VALUE!", "annualRevenue is text 'lots'");
    expectError(call("CLVSIMPLE", 12000, null), "#VALUE!", "years is required but blank");
  });
});

describe("KA.CLV", () => {
  test("infinite horizon: 100 / (1 + 0.1 − 0.8) = 333.333… (abs 1e-9); retention and discount as '80%', '10%'", () => {
    expect(call("CLV", 100, 0.8, 0.1)).toBeCloseTo(100 / 0.3, 9);
    expect(call("CLV", 100, "80%", "10%")).toBeCloseTo(100 / 0.3, 9);
    expect(call("CLV", 100, 0.8, 0.1, null, null)).toBeCloseTo(100 / 0.3, 9);
    expect(call("CLV", 100, 0.8, 0.1, "")).toBeCloseTo(100 / 0.3, 9);
  });
  test("3 periods by hand: 100/1.1 + 80/1.21 + 64/1.331 = 90.909091 + 66.115702 + 48.084147 = 205.108940 (abs 1e-6)", () => {
    expect(call("CLV", 100, 0.8, 0.1, 3)).toBeCloseTo(205.10894, 5);
  });
  test("acquisition cost 50 comes off: 333.333 − 50 = 283.333 (abs 1e-9)", () => {
    expect(call("CLV", 100, 0.8, 0.1, null, 50)).toBeCloseTo(100 / 0.3 - 50, 9);
  });
  test("errors: retention ≥ 1 + discount, negatives, fractional or zero periods → #NUM!; text → #VALUE!", () => {
    expectError(call("CLV", 100, 1.1, 0.1), "#NUM!");
    expectError(call("CLV", 100, "120%", 0.1, 5), "#NUM!");
    expectError(call("CLV", -100, 0.8, 0.1), "#NUM!");
    expectError(call("CLV", 100, 0.8, -0.1), "#NUM!");
    expectError(call("CLV", 100, 0.8, 0.1, 2.5), "#NUM!");
    expectError(call("CLV", 100, 0.8, 0.1, 0), "#NUM!");
    expectError(call("CLV", 100, 0.8, 0.1, 3, -5), "#NUM!");
    expectError(call("CLV", 100, "high", 0.1), "#VALUE!", "retention is text 'high'");
  });
});

describe("KA.RETENTION", () => {
  test("textbook: 200 at the start, 190 at the end, 30 new → (190 − 30) / 200 = 0.8", () => {
    expect(call("RETENTION", 200, 190, 30)).toBeCloseTo(0.8, 12);
    expect(call("RETENTION", "1,000", "1,050", "150")).toBeCloseTo(0.9, 12);
  });
  test("errors: start 0 → #DIV/0!; negative or new > end → #NUM!; blank → #VALUE!", () => {
    expectError(call("RETENTION", 0, 10, 5), "#DIV/0!");
    expectError(call("RETENTION", -1, 10, 5), "#NUM!");
    expectError(call("RETENTION", 100, 10, 20), "#NUM!");
    expectError(call("RETENTION", 100, null, 20), "#VALUE!", "endCount is required but blank");
  });
});

describe("KA.NRR", () => {
  test("A 100 → 120, B 50 → blank (churned), C blank → 80 (new, excluded) → 120 / 150 = 0.8", () => {
    expect(call("NRR", col("A", "B", "C"), col(100, 50, null), col(120, null, 80))).toBeCloseTo(0.8, 12);
  });
  test("textbook: start 100 (X 50, Y 30, Z 10, U 10); expansion +20, contraction −5, churn −10; new W 50 → (100 + 20 − 5 − 10) / 100 = 1.05", () => {
    expect(call("NRR", col("X", "Y", "Z", "U", "W"), col(50, 30, 10, 10, 0), col(70, 25, 0, 10, 50))).toBeCloseTo(1.05, 12);
  });
  test("rows of one customer are summed first: A 60 + a 40 → 100 + 20 = 120, B 50 → 0 → 120 / 150 = 0.8; blanks as 0 the same", () => {
    expect(call("NRR", col("A", "a", "B", "C"), col(60, 40, 50, null), col(100, 20, null, 80))).toBeCloseTo(0.8, 12);
    expect(call("NRR", col("A", "a", "B", "C"), col(60, 40, 50, 0), col(100, 20, 0, 80))).toBeCloseTo(0.8, 12);
  });
  test("errors: nobody bought last period → #DIV/0!; size mismatch and blank customer → #VALUE!", () => {
    expectError(call("NRR", col("A", "B"), col(null, 0), col(10, 20)), "#DIV/0!");
    expectError(call("NRR", col("A", "B"), col(1, 2, 3), col(1, 2)), "#VALUE!", "previousRevenue: 3 rows × 1 column, but customers has 2 rows × 1 column; they must match cell for cell");
    expectError(call("NRR", col("A", null), col(1, 2), col(1, 2)), "#VALUE!", "customers: row 2 is blank but previousRevenue there is 2");
    expectError(call("NRR", col("A", "B"), col(1, "two"), col(1, 2)), "#VALUE!", "previousRevenue: row 2 is text 'two'");
  });
});

describe("KA.DSO", () => {
  test("120 000 / 730 000 × 365 = 60 days; 30 000 / 90 000 × 90 = 30 days", () => {
    expect(call("DSO", 120000, 730000)).toBeCloseTo(60, 9);
    expect(call("DSO", 120000, 730000, null)).toBeCloseTo(60, 9);
    expect(call("DSO", "30,000", "90,000", 90)).toBeCloseTo(30, 9);
  });
  test("errors: revenue 0 → #DIV/0!; days ≤ 0 or receivables < 0 → #NUM!; text → #VALUE!", () => {
    expectError(call("DSO", 100, 0), "#DIV/0!");
    expectError(call("DSO", 100, 1000, 0), "#NUM!");
    expectError(call("DSO", -100, 1000), "#NUM!");
    expectError(call("DSO", "many", 1000), "#VALUE!", "receivables is text 'many'");
  });
});

describe("KA.ECL", () => {
  test("1000 × 0.3 % + 500 × 1.6 % = 3 + 8 = 11; rates as '0.3%', '1.6%'", () => {
    expect(call("ECL", col(1000, 500), col(0.003, 0.016))).toBeCloseTo(11, 9);
    expect(call("ECL", col(1000, 500), col("0.3%", "1.6%"))).toBeCloseTo(11, 9);
  });
  test("IFRS 9 IE Example 12 provision matrix: 15M×0.3% + 7.5M×1.6% + 4M×3.6% + 2.5M×6.6% + 1M×10.6% = 580 000", () => {
    const balances = col(15_000_000, 7_500_000, 4_000_000, 2_500_000, 1_000_000);
    const rates = col(0.003, 0.016, 0.036, 0.066, 0.106);
    expect(call("ECL", balances, rates)).toBeCloseTo(45_000 + 120_000 + 144_000 + 165_000 + 106_000, 6);
  });
  test("blank balance rows are ignored (with or without a rate); blank as 0 too", () => {
    expect(call("ECL", col(1000, null, 500), col(0.003, 0.5, 0.016))).toBeCloseTo(11, 9);
    expect(call("ECL", col(1000, null, 500), col(0.003, null, 0.016))).toBeCloseTo(11, 9);
    expect(call("ECL", col(1000, 0, 500), col(0.003, 0, 0.016))).toBeCloseTo(11, 9);
  });
  test("errors: rate outside 0–1 → #NUM!; blank rate beside a balance, size mismatch, bad cell → #VALUE!", () => {
    expectError(call("ECL", col(1000), col(1.5)), "#NUM!");
    expectError(call("ECL", col(1000, 500), col(0.003, null)), "#VALUE!", "lossRates: row 2 is blank but balances there is 500");
    expectError(call("ECL", col(1000, 500), col(0.003)), "#VALUE!", "lossRates: 1 row × 1 column, but balances has 2 rows × 1 column; they must match cell for cell");
    expectError(call("ECL", col(1000, "#REF!"), col(0.1, 0.1)), "#VALUE!", "balances: row 2 is the error #REF!");
  });
});

describe("KA.CREDITGRADE", () => {
  test("cut-offs inclusive: 80 A, 79.999 B, 65 B, 64.9 C, 50 C, 35 D, 34.9 E, 0 E, 100 A; text '72' → B", () => {
    const cases: [unknown, string][] = [[80, "A"], [79.999, "B"], [65, "B"], [64.9, "C"], [50, "C"], [35, "D"], [34.9, "E"], [0, "E"], [100, "A"], ["72", "B"]];
    for (const [score, grade] of cases) expect([score, call("CREDITGRADE", score)]).toEqual([score, grade]);
  });
  test("errors: outside 0–100 → #NUM!; text or blank → #VALUE!", () => {
    expectError(call("CREDITGRADE", 101), "#NUM!");
    expectError(call("CREDITGRADE", -1), "#NUM!");
    expectError(call("CREDITGRADE", "good"), "#VALUE!", "score is text 'good'");
    expectError(call("CREDITGRADE", null), "#VALUE!", "score is required but blank");
  });
});
