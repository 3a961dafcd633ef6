/**
 * Concentration trend on a hand-made ledger over three quarters of 2024, every figure worked out by hand below.
 *
 *   Q1: A 600 (Jan 10), B 300 (Feb 5), C 100 (Mar 20)                 → positives 600, 300, 100; total 1,000
 *   Q2: A 500, B 400 and a credit note −100, C 350, D 50 and −80       → A 500, C 350, B 300 (D nets −30: no share)
 *   Q3: a credit note of A −200 only; as-of 2024-08-15                 → no positive revenue
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { concentrationTrend } from "../../../../src/engine/metrics/dependence";
import { makeLedger } from "../../../helpers/ledger";

const d = (y: number, m: number, day: number) => dayFromYmd(y, m, day);
const ROWS = [
  { customer: "A", day: d(2024, 1, 10), amount: 600 },
  { customer: "B", day: d(2024, 2, 5), amount: 300 },
  { customer: "C", day: d(2024, 3, 20), amount: 100 },
  { customer: "A", day: d(2024, 4, 2), amount: 500 },
  { customer: "B", day: d(2024, 4, 15), amount: 400 },
  { customer: "B", day: d(2024, 5, 6), amount: -100 },
  { customer: "D", day: d(2024, 5, 20), amount: 50 },
  { customer: "C", day: d(2024, 6, 10), amount: 350 },
  { customer: "D", day: d(2024, 6, 28), amount: -80 },
  { customer: "A", day: d(2024, 7, 15), amount: -200 },
];
const AS_OF = d(2024, 8, 15);
const ledger = makeLedger(ROWS, { asOf: AS_OF });
const [A, B, C] = [0, 1, 2];
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe("concentration trend by quarter, by hand", () => {
  const t = concentrationTrend(ledger, ledger.customers.length, { asOf: AS_OF });
  const [q1, q2, q3] = t.rows;

  test("three quarters from the first row to the as-of date, none dropped", () => {
    expect(t.period).toBe("quarter");
    expect(t.rows.map((r) => r.period)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    expect([q1.start, q1.end]).toEqual([d(2024, 1, 1), d(2024, 3, 31)]);
    expect([q3.start, q3.end]).toEqual([d(2024, 7, 1), d(2024, 9, 30)]);
  });

  test("Q1: shares 0.6, 0.3, 0.1", () => {
    expect(q1.revenue).toBe(1000);
    expect([q1.customers, q1.positiveCustomers]).toEqual([3, 3]);
    close(q1.hhi, 10000 * (0.36 + 0.09 + 0.01)); // 4,600
    expect(q1.band).toBe("highly concentrated"); // > 1,800
    close(q1.cr1, 0.6);
    close(q1.cr5, 1);
    close(q1.cr10, 1);
    close(q1.effectiveCustomers, 10000 / 4600);
    close(q1.gini, (-2 * 100 + 0 * 300 + 2 * 600) / (3 * 1000)); // ascending 100, 300, 600: 1/3
    expect(Array.from(q1.top)).toEqual([A, B, C]);
    Array.from(q1.topShare).forEach((s, k) => close(s, [0.6, 0.3, 0.1][k]));
    expect(q1.compared).toBe(false);
    expect(q1.notes).toEqual([{ code: "partialStart", from: d(2024, 1, 10) }]);
  });

  test("Q2: the credit notes net within the quarter; D nets −30 and has no share; C overtakes B", () => {
    expect(q2.revenue).toBe(500 + 400 - 100 + 50 + 350 - 80); // 1,120: every row counts in revenue
    expect([q2.customers, q2.positiveCustomers]).toEqual([4, 3]);
    // Positives A 500, C 350, B 300 of 1,150.
    close(q2.hhi, (10000 * (500 ** 2 + 350 ** 2 + 300 ** 2)) / 1150 ** 2); // 10,000 · 462,500 / 1,322,500 = 3,497.16
    expect(q2.band).toBe("highly concentrated");
    close(q2.cr1, 500 / 1150);
    close(q2.cr5, 1);
    close(q2.effectiveCustomers, 1150 ** 2 / 462500);
    close(q2.gini, (-2 * 300 + 0 * 350 + 2 * 500) / (3 * 1150)); // 400 / 3,450
    expect(Array.from(q2.top)).toEqual([A, C, B]);
    expect(q2.compared).toBe(true);
    expect(Array.from(q2.entered)).toEqual([]);
    expect(Array.from(q2.left)).toEqual([]);
    expect(q2.moved).toEqual([
      { customer: C, from: 3, to: 2 },
      { customer: B, from: 2, to: 3 },
    ]);
    expect(q2.notes).toEqual([]);
  });

  test("Q3: no positive revenue — listed with blank metrics and a note, everyone leaves the top list", () => {
    expect(q3.revenue).toBe(-200);
    expect([q3.customers, q3.positiveCustomers]).toEqual([1, 0]);
    for (const v of [q3.hhi, q3.cr1, q3.cr5, q3.cr10, q3.effectiveCustomers, q3.gini]) expect(v).toBeNaN();
    expect(q3.band).toBe("");
    expect(Array.from(q3.top)).toEqual([]);
    expect(Array.from(q3.left)).toEqual([A, C, B]);
    expect(q3.notes).toEqual([{ code: "noPositiveRevenue" }, { code: "partialEnd", through: AS_OF }]);
  });
});

describe("concentration trend by month and on a rolling year", () => {
  test("months January to August: a month of one customer, a month netting to one positive customer, an empty month", () => {
    const t = concentrationTrend(ledger, ledger.customers.length, { asOf: AS_OF, period: "month" });
    expect(t.rows.map((r) => r.period)).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]);
    const [jan, , , apr, may, , , aug] = t.rows;
    expect([jan.hhi, jan.cr1, jan.gini, jan.effectiveCustomers]).toEqual([10000, 1, 0, 1]);
    close(apr.hhi, 10000 * ((500 / 900) ** 2 + (400 / 900) ** 2));
    // May: B −100 and D +50 → only D is positive.
    expect([may.revenue, may.customers, may.positiveCustomers, may.hhi]).toEqual([-50, 2, 1, 10000]);
    expect(Array.from(may.top)).toEqual([3]);
    expect([aug.revenue, aug.customers, aug.positiveCustomers]).toEqual([0, 0, 0]);
    expect(aug.hhi).toBeNaN();
    expect(aug.notes).toEqual([{ code: "noPositiveRevenue" }, { code: "partialEnd", through: AS_OF }]);
  });

  test("rolling 12 months to each quarter's end sum the quarters so far", () => {
    const t = concentrationTrend(ledger, ledger.customers.length, { asOf: AS_OF, basis: "rolling12" });
    const [w1, w2, w3] = t.rows;
    expect(w1.start).toBe(d(2023, 4, 1));
    expect(w1.end).toBe(d(2024, 3, 31));
    close(w1.hhi, 4600);
    // To June: A 1,100, B 600, C 450 (D −30) of 2,150.
    close(w2.hhi, (10000 * (1100 ** 2 + 600 ** 2 + 450 ** 2)) / 2150 ** 2); // 3,834.5
    expect(w2.revenue).toBe(1000 + 1120);
    // To September: A 900 after its credit note, B 600, C 450 of 1,950.
    close(w3.hhi, (10000 * (900 ** 2 + 600 ** 2 + 450 ** 2)) / 1950 ** 2); // 3,609.5
    close(w3.cr1, 900 / 1950);
    expect(w3.revenue).toBe(1920);
    expect(w3.notes).toEqual([{ code: "partialStart", from: d(2024, 1, 10) }, { code: "partialEnd", through: AS_OF }]);
  });
});

describe("concentration trend edges", () => {
  test("equal revenue ranks in ledger order; rows after the as-of date are ignored", () => {
    const l = makeLedger([
      { customer: "X", day: d(2024, 1, 5), amount: 100 },
      { customer: "Y", day: d(2024, 1, 6), amount: 100 },
      { customer: "Y", day: d(2024, 2, 6), amount: 999 },
    ]);
    const t = concentrationTrend(l, 2, { asOf: d(2024, 1, 31), period: "month" });
    expect(t.rows).toHaveLength(1);
    expect(Array.from(t.rows[0].top)).toEqual([0, 1]);
    expect(t.rows[0].hhi).toBe(5000);
  });

  test("the top list follows `top` customers; a ledger longer than maxPeriods keeps the latest periods", () => {
    const rows = Array.from({ length: 15 }, (_, k) => ({ customer: `C${k}`, day: d(2020, 1 + k, 1), amount: 10 + k }));
    const l = makeLedger(rows);
    const t = concentrationTrend(l, 15, { asOf: l.asOf, period: "month", basis: "rolling12", top: 3, maxPeriods: 4 });
    expect(t.droppedPeriods).toBe(11);
    expect(t.rows.map((r) => r.period)).toEqual(["2020-12", "2021-01", "2021-02", "2021-03"]);
    // The window to 2021-03 holds months 2020-04 … 2021-03: customers C3 … C14.
    const last = t.rows[3];
    expect(last.customers).toBe(12);
    expect(Array.from(last.top)).toEqual([14, 13, 12]);
    expect(Array.from(last.entered)).toEqual([14]);
    expect(Array.from(last.left)).toEqual([11]);
    expect(last.moved).toEqual([
      { customer: 13, from: 1, to: 2 },
      { customer: 12, from: 2, to: 3 },
    ]);
  });

  test("no row in scope gives no periods", () => {
    const l = makeLedger([{ customer: "X", day: d(2024, 5, 1), amount: 1 }]);
    expect(concentrationTrend(l, 1, { asOf: d(2024, 4, 30) }).rows).toEqual([]);
  });
});
