import { dayFromYmd } from "../../../src/engine/day";
import { customerSummary, daysPerUnit, unitsPerMonth } from "../../../src/engine/models/summary";
import { loadCdnowSample, loadCdnowSummary } from "./helpers";

describe("customerSummary by hand", () => {
  // Customer 0: day 0 two invoices (10 + 5), day 7 a purchase of 30 and a same-day credit of −12 (net 18),
  // day 10 a credit note only (−4, not an occasion), day 21 purchase 6. Customer 1: only a credit note.
  // Customer 2: one purchase on day 14. Customer 3: no rows.
  const rows = {
    customer: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 2]),
    day: Int32Array.from([0, 0, 7, 7, 10, 21, 3, 14]),
    amount: Float64Array.from([10, 5, 30, -12, -4, 6, -8, 40]),
    nCustomers: 4,
  };

  it("counts distinct positive-net days, measures in the unit, averages the repeat days", () => {
    const s = customerSummary(rows, { asOf: 28, unit: "day" });
    // Occasions of customer 0: days 0, 7 (net 18), 21 → x = 2, tx = 21, T = 28, monetary = (18 + 6)/2 = 12.
    expect(Array.from(s.x)).toEqual([2, NaN, 0, NaN]);
    expect(Array.from(s.tx)).toEqual([21, NaN, 0, NaN]);
    expect(Array.from(s.T)).toEqual([28, NaN, 14, NaN]);
    expect(Array.from(s.monetary)).toEqual([12, NaN, 0, NaN]);
    expect(s.customersWithPurchases).toBe(2);
  });

  it("converts to weeks (7 days) and months (30.4375 days)", () => {
    const w = customerSummary(rows, { asOf: 28, unit: "week" });
    expect(w.tx[0]).toBe(3);
    expect(w.T[0]).toBe(4);
    const m = customerSummary(rows, { asOf: 28, unit: "month" });
    expect(m.tx[0]).toBeCloseTo(21 / 30.4375, 14);
    expect(daysPerUnit("month")).toBe(30.4375);
    expect(unitsPerMonth("week")).toBeCloseTo(4.348214285714286, 14);
  });

  it("ignores rows after asOf (calibration cut)", () => {
    const s = customerSummary(rows, { asOf: 20, unit: "day" });
    // Customer 0 keeps days 0 and 7: x = 1, monetary 18; the day-21 purchase is out of scope.
    expect(s.x[0]).toBe(1);
    expect(s.tx[0]).toBe(7);
    expect(s.T[0]).toBe(20);
    expect(s.monetary[0]).toBe(18);
  });

  it("treats a net within rounding of zero as zero, and zeroIsPurchase makes zero-net days occasions", () => {
    const r = { customer: Int32Array.from([0, 0, 0, 0, 0]), day: Int32Array.from([0, 5, 5, 5, 9]), amount: Float64Array.from([0.1, 0.2, 0.1, -0.3, 0]), nCustomers: 1 };
    // Day 5 nets 0.2 + 0.1 − 0.3 ≈ 5.6e-17 in floating point: zero, so no occasion by default.
    const strict = customerSummary(r, { asOf: 10, unit: "day" });
    expect(strict.x[0]).toBe(0);
    const zero = customerSummary(r, { asOf: 10, unit: "day", zeroIsPurchase: true });
    expect(zero.x[0]).toBe(2); // days 5 and 9 now count
    expect(zero.tx[0]).toBe(9);
    expect(zero.monetary[0]).toBe(0);
  });

  it("names the row of bad input", () => {
    const bad = { customer: Int32Array.from([0, 5]), day: Int32Array.from([0, 1]), amount: Float64Array.from([1, 2]), nCustomers: 2 };
    expect(() => customerSummary(bad, { asOf: 3, unit: "day" })).toThrowProblem("badArgument", { row: 2 });
    expect(() => customerSummary({ ...bad, amount: Float64Array.from([1]) }, { asOf: 3, unit: "day" })).toThrow(/same length/);
    expect(() => customerSummary({ customer: [0], day: [0], amount: [NaN], nCustomers: 1 }, { asOf: 3, unit: "day" })).toThrow(/row 1/);
  });
});

describe("customerSummary on CDNOW_sample.txt reproduces the published calibration summary", () => {
  // Fader, Hardie & Lee (2005): 39-week calibration ending 1997-09-30, weeks; the summary file rounds
  // recency and T to 2 decimals. Customer code = sample id − 1, so row i of the summary is customer i.
  const rows = loadCdnowSample();
  const published = loadCdnowSummary();
  const asOf = dayFromYmd(1997, 9, 30);

  it("matches frequency exactly and recency/T within their rounding, counting $0.00 orders (zeroIsPurchase)", () => {
    const s = customerSummary(rows, { asOf, unit: "week", zeroIsPurchase: true });
    expect(s.x.length).toBe(2357);
    expect(published.id.length).toBe(2357);
    let worstTx = 0;
    let worstT = 0;
    for (let i = 0; i < 2357; i++) {
      expect(published.id[i]).toBe(i + 1);
      expect(s.x[i]).toBe(published.x[i]);
      worstTx = Math.max(worstTx, Math.abs(s.tx[i] - published.tx[i]));
      worstT = Math.max(worstT, Math.abs(s.T[i] - published.T[i]));
    }
    // 2-decimal rounding: |error| ≤ 0.005 (+ 1e-9 for binary representation).
    expect(worstTx).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(worstT).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(s.customersWithPurchases).toBe(2357);
  });

  it("by the ledger rule (positive amounts only) the 8 customers whose only order is $0.00 have no occasion", () => {
    const s = customerSummary(rows, { asOf, unit: "week" });
    const none: number[] = [];
    for (let i = 0; i < 2357; i++) if (Number.isNaN(s.x[i])) none.push(i + 1);
    // Sample ids whose single row is 0.00 dollars (grep '  0.00$' CDNOW_sample.txt).
    expect(none).toEqual([87, 155, 227, 286, 1080, 1195, 1293, 2086]);
    expect(s.customersWithPurchases).toBe(2349);
    // Everyone else is as published.
    for (let i = 0; i < 2357; i++) if (!none.includes(i + 1)) expect(s.x[i]).toBe(published.x[i]);
  });

  it("monetary is the mean of the repeat days (customer 1: (29.73 + 14.96)/2, as in lifetimes' CDNOW summary 22.35)", () => {
    const s = customerSummary(rows, { asOf, unit: "week" });
    expect(s.monetary[0]).toBeCloseTo((29.73 + 14.96) / 2, 12);
    expect(s.monetary[2]).toBe(0); // x = 0
  });
});
