/**
 * The credit metrics over lists with blanks (src/engine/metrics/credit/lists.ts): which blanks are skipped, which
 * are mistakes, the aging's default as-of date, and the scorecard row by row with one-value lists broadcast.
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { agingOfLists, creditScoreRows, defaultAgingAsOf, expectedCreditLossOfLists } from "../../../../src/engine/metrics/credit/lists";
import { KaProblem } from "../../../../src/engine/problems";
import type { ListPositions } from "../../../../src/engine/list-positions";

const d = dayFromYmd;

describe("expectedCreditLossOfLists", () => {
  test("blank balances are skipped whatever their rate; a blank rate beside 0 too: 1000 × 0.3 % + 500 × 1.6 % = 3 + 8 = 11", () => {
    expect(expectedCreditLossOfLists([1000, NaN, 0, 500, NaN], [0.003, 0.5, NaN, 0.016, NaN])).toBeCloseTo(11, 12);
  });
  test("a rate of 0 is a rate (no loss), a blank rate beside a balance is a mistake naming its position", () => {
    expect(expectedCreditLossOfLists([1000, 500], [0, 0.016])).toBeCloseTo(8, 12);
    expect(() => expectedCreditLossOfLists([1000, 500], [0.003, NaN])).toThrowProblem("badArgument", { path: "lossRates", row: 2, message: "lossRates: value 2 is blank but balances there is 500" });
  });
  test("positions are named by the caller's namer", () => {
    const at: ListPositions = { name: (arg, i) => `${arg} at cell ${String.fromCharCode(65 + i)}`, row: (i) => 10 + i };
    expect(() => expectedCreditLossOfLists([1, 2], [NaN, 0.1], at)).toThrowProblem("badArgument", { row: 10, message: "lossRates at cell A is blank but balances there is 1" });
  });
  test("an overflowing loss is outOfRange (not NaN): 1e308 × 1 + 1e308 × 1", () => {
    expect(() => expectedCreditLossOfLists([1e308, 1e308], [1, 1])).toThrowProblem("outOfRange", { path: "balances" });
  });
  test("lists of different lengths: sizeMismatch", () => {
    expect(() => expectedCreditLossOfLists([1, 2], [0.1])).toThrowProblem("sizeMismatch", { path: "lossRates" });
  });
});

describe("agingOfLists", () => {
  const amounts = [100, 50, NaN, -20];
  const due = [d(2024, 3, 1), d(2024, 1, 15), NaN, d(2024, 2, 20)];
  test("default as-of: the latest due date of a row with an amount (2024-03-01), not a blank row's", () => {
    expect(defaultAgingAsOf(amounts, due)).toBe(d(2024, 3, 1));
    expect(defaultAgingAsOf([NaN, 5], [d(2030, 1, 1), d(2024, 1, 1)])).toBe(d(2024, 1, 1));
  });
  test("as of 2024-03-01: 100 current; 50 is 46 days past due (31–60); the credit note −20 is 10 days past due (1–30)", () => {
    const s = agingOfLists(amounts, due, undefined);
    expect(s.labels).toEqual(["Current", "1–30", "31–60", "61–90", "> 90"]);
    expect(s.totals).toEqual([100, -20, 50, 0, 0]);
  });
  test("an explicit as-of and bounds are used as given: as of 2024-04-30 with bounds 0, 60 → 100 is 60 days (1–60), 50 is 106, −20 is 70", () => {
    expect(agingOfLists(amounts, due, d(2024, 4, 30), [0, 60]).totals).toEqual([0, 100, 30]);
  });
  test("an amount without a due date names the row; no amount with a due date is notEnoughData", () => {
    expect(() => agingOfLists([1, 2], [d(2024, 1, 1), NaN], undefined)).toThrowProblem("notADate", { path: "dueDates", row: 2, message: "dueDates: value 2 is blank but amounts there is 2" });
    expect(() => agingOfLists([NaN], [d(2024, 1, 1)], undefined)).toThrowProblem("notEnoughData", { path: "amounts" });
  });
  test("a bucket total beyond the number range is outOfRange", () => {
    expect(() => agingOfLists([1e308, 1e308], [d(2024, 1, 1), d(2024, 1, 1)], undefined)).toThrowProblem("outOfRange");
  });
});

describe("creditScoreRows", () => {
  test("one-value lists apply to every row: overdue 10 % / 50 % with tenure 2 years → (0.25·90 + 0.10·40)/0.35 and (0.25·50 + 0.10·40)/0.35", () => {
    const out = creditScoreRows({ overdueRatio: [0.1, 0.5], tenureYears: [2] }, 2) as number[];
    expect(out[0]).toBeCloseTo((0.25 * 90 + 0.1 * 40) / 0.35, 12);
    expect(out[1]).toBeCloseTo((0.25 * 50 + 0.1 * 40) / 0.35, 12);
  });
  test("a row with every input blank is blank; a row with an impossible value gets its problem, the others their scores", () => {
    const out = creditScoreRows({ overdueRatio: [0.1, NaN, 1.5], utilisation: [0.5, NaN, 0.5] }, 3);
    expect(out[0]).toBeCloseTo((0.25 * 90 + 0.15 * 50) / 0.4, 12);
    expect(out[1]).toBeUndefined();
    expect(out[2]).toBeInstanceOf(KaProblem);
    expect((out[2] as KaProblem).problem).toMatchObject({ code: "outOfRange", path: "overdueRatio" });
  });
  test("the only row is scored even when blank: it has no score to give (notEnoughData)", () => {
    const [only] = creditScoreRows({ overdueRatio: [NaN] }, 1);
    expect((only as KaProblem).problem.code).toBe("notEnoughData");
  });
  test("a list with neither one value nor one per row: sizeMismatch naming it", () => {
    expect(() => creditScoreRows({ overdueRatio: [0.1, 0.2], tenureYears: [1, 2, 3] }, 2)).toThrowProblem("sizeMismatch", { path: "tenureYears" });
  });
});
