import { aggregateCustomers } from "../../../../src/engine/customers";
import { dayFromYmd, isoFromDay, monthOfDay } from "../../../../src/engine/day";
import { cohortMatrix, lastCompleteStep, periodEndDay, periodLabel, periodOfMonth, retentionByPeriod } from "../../../../src/engine/metrics/retention";
import { makeLedger } from "../rfm/ledger";

const d = dayFromYmd;
/*
 * As-of 2024-04-10. By month (purchases = positive amounts):
 *   A: Jan 5 (100), Feb 3 (50), Apr 2 (30)            cohort Jan
 *   B: Jan 20 (200), Mar 1 (100), Mar 15 (−40)         cohort Jan
 *   C: Jan 31 (60)                                     cohort Jan
 *   D: Feb 10 (80), Mar 10 (40), Apr 10 (40)           cohort Feb
 *   E: Feb 28 (100), Feb 29 (−100)                     cohort Feb (net 0 in Feb)
 *   F: Mar 30 (10)                                     cohort Mar
 *   G: Jan 15 (−20) only                               never bought: no cohort, never active
 *   H: Jan 2 (−10), Mar 5 (70)                         cohort Mar (the January credit is outside the matrix)
 */
const ledger = makeLedger(
  [
    ["H", d(2024, 1, 2), -10], ["A", d(2024, 1, 5), 100], ["G", d(2024, 1, 15), -20], ["B", d(2024, 1, 20), 200],
    ["C", d(2024, 1, 31), 60], ["A", d(2024, 2, 3), 50], ["D", d(2024, 2, 10), 80], ["E", d(2024, 2, 28), 100],
    ["E", d(2024, 2, 29), -100], ["B", d(2024, 3, 1), 100], ["H", d(2024, 3, 5), 70], ["D", d(2024, 3, 10), 40],
    ["B", d(2024, 3, 15), -40], ["F", d(2024, 3, 30), 10], ["A", d(2024, 4, 2), 30], ["D", d(2024, 4, 10), 40],
  ],
  d(2024, 4, 10),
);
const base = aggregateCustomers(ledger);

describe("periods", () => {
  test("month index 502 is 2011-11: quarter 167 = 2011-Q4, year 41 = 2011", () => {
    expect(monthOfDay(d(2011, 11, 15))).toBe(502);
    expect(periodOfMonth(502, "quarter")).toBe(167);
    expect(periodLabel(167, "quarter")).toBe("2011-Q4");
    expect(periodLabel(periodOfMonth(502, "year"), "year")).toBe("2011");
    expect(periodLabel(502, "month")).toBe("2011-11");
    expect(isoFromDay(periodEndDay(167, "quarter"))).toBe("2011-12-31");
    expect(isoFromDay(periodEndDay(monthOfDay(d(2024, 2, 1)), "month"))).toBe("2024-02-29");
  });
});

describe("retention between consecutive months, by hand", () => {
  // Active: Jan {A,B,C}, Feb {A,D,E}, Mar {B,D,F,H}, Apr {A,D}.
  const steps = retentionByPeriod(base, ledger.amount, "month");
  test("labels and counts", () => {
    expect(steps.map((s) => `${s.previousLabel}→${s.label}`)).toEqual(["2024-01→2024-02", "2024-02→2024-03", "2024-03→2024-04"]);
    expect(steps.map((s) => [s.previousActive, s.active, s.retained])).toEqual([[3, 3, 1], [3, 4, 1], [4, 2, 1]]);
  });
  test("rates: Feb A of {A,B,C} = 1/3; Mar D of {A,D,E} = 1/3; Apr D of {B,D,F,H} = 1/4; churn = 1 − rate", () => {
    expect(steps[0].rate).toBeCloseTo(1 / 3, 12);
    expect(steps[1].rate).toBeCloseTo(1 / 3, 12);
    expect(steps[2].rate).toBeCloseTo(1 / 4, 12);
    expect(steps[2].churn).toBeCloseTo(3 / 4, 12);
  });
  test("NRR: Feb 50 / (100+200+60); Mar 40 / (50+80) — E's net 0 is out; Apr 40 / (60+40+10+70)", () => {
    expect(steps[0].nrr).toBeCloseTo(50 / 360, 12);
    expect(steps[1].nrr).toBeCloseTo(40 / 130, 12);
    expect(steps[2].nrr).toBeCloseTo(40 / 180, 12);
  });
  test("April is partial (as-of 10 April): the last complete step is into March", () => {
    expect(steps.map((s) => s.complete)).toEqual([true, true, false]);
    expect(lastCompleteStep(steps)?.label).toBe("2024-03");
  });
});

describe("retention by quarter and year", () => {
  test("Q1 active {A,B,C,D,E,F,H} = 7, Q2 {A,D} → 2/7; NRR (30+40) / (A 150 + B 260 + C 60 + D 120 + F 10 + H 60) = 70/660", () => {
    const q = retentionByPeriod(base, ledger.amount, "quarter");
    expect(q).toHaveLength(1);
    expect(q[0].label).toBe("2024-Q2");
    expect(q[0].rate).toBeCloseTo(2 / 7, 12);
    expect(q[0].nrr).toBeCloseTo(70 / 660, 12);
    expect(q[0].complete).toBe(false);
    expect(lastCompleteStep(q)).toBeUndefined();
  });
  test("one year of data → no step", () => {
    expect(retentionByPeriod(base, ledger.amount, "year")).toEqual([]);
  });
  test("an empty month in between: nobody active in the previous month → rate and NRR NaN, then 0 retained", () => {
    const l = makeLedger([["A", d(2024, 1, 5), 10], ["A", d(2024, 3, 5), 10]], d(2024, 3, 31));
    const s = retentionByPeriod(aggregateCustomers(l), l.amount, "month");
    expect(s.map((x) => x.label)).toEqual(["2024-02", "2024-03"]);
    expect(s[0].rate).toBe(0);
    expect(s[0].nrr).toBe(0);
    expect(s[1].rate).toBeNaN();
    expect(s[1].nrr).toBeNaN();
    expect(s[1].complete).toBe(true);
  });
});

describe("cohort matrix, by hand", () => {
  const m = cohortMatrix(base, ledger.amount);
  test("cohorts Jan {A,B,C}, Feb {D,E}, Mar {F,H}; G never bought", () => {
    expect(m.labels).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(Array.from(m.size)).toEqual([3, 2, 2]);
    expect(m.lastMonthPartial).toBe(true);
  });
  test("active counts and shares: Jan cohort 3,1,1,1 (A Feb, B Mar, A Apr); Feb cohort 2,1,1; Mar cohort 2,0", () => {
    expect(m.active.map((r) => Array.from(r))).toEqual([[3, 1, 1, 1], [2, 1, 1], [2, 0]]);
    expect(Array.from(m.share[0])).toEqual([1, 1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(m.share[1])).toEqual([1, 0.5, 0.5]);
    expect(Array.from(m.share[2])).toEqual([1, 0]);
  });
  test("revenue: Jan cohort 360, 50, 60 (100 − 40), 30; Feb 80 (80 + 100 − 100), 40, 40; Mar 80 (10 + 70), 0", () => {
    expect(m.revenue.map((r) => Array.from(r))).toEqual([[360, 50, 60, 30], [80, 40, 40], [80, 0]]);
    expect(m.revenueShare[0][1]).toBeCloseTo(50 / 360, 12);
    expect(m.revenueShare[0][2]).toBeCloseTo(60 / 360, 12);
    expect(Array.from(m.revenueShare[1])).toEqual([1, 0.5, 0.5]);
  });
  test("a ledger with no purchase gives an empty matrix", () => {
    const l = makeLedger([["X", d(2024, 1, 5), -10]], d(2024, 1, 31));
    expect(cohortMatrix(aggregateCustomers(l), l.amount).cohorts).toEqual([]);
  });
});
