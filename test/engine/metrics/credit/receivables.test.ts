import { dayFromYmd } from "../../../../src/engine/day";
import { NO_DAY } from "../../../../src/engine/ledger/types";
import { analyzeReceivables, scoreAccounts, agingSchedule, agingLabels, agingBucket, daysPastDue, openAmounts, paymentBehaviour, medianTermsDays } from "../../../../src/engine/metrics/credit";
import { makeRows } from "./helpers";
import type { Row } from "./helpers";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);

const IFRS_RATES = [0.003, 0.016, 0.036, 0.066, 0.106];
const AS_OF = d(2024, 6, 30);

// The hand-made receivables ledger (as-of 2024-06-30; 30-day terms unless said):
//   Alpha (0) r0 2024-01-10 due 02-09  1000 paid 02-19 (10 days late)
//             r1 2024-03-01 due 04-15  3000 paid 04-15 (45-day terms, on time)
//             r2 2024-05-15 due 06-14  2000 unpaid      → dpd 16   → 1–30
//             r3 2024-06-20 due 07-20  1500 unpaid      → dpd −20  → Current
//             r4 2024-06-25 (no due)   −500 credit note, not applied → applied to Alpha's most overdue open invoice, r2
//                                       (2000 → 1500 in 1–30); a credit note needs no due date
//   Beta  (1) r5 2024-01-05 due 02-04  4000 paid 1000 on 03-05 (30 days late) → open 3000, dpd 147 → > 90
//             r6 2024-04-10 due 05-25  2500 unpaid      → dpd 36   → 31–60
//             r7 2024-03-16 due 04-15  1200 paid 07-05 (after as-of: still open) → dpd 76 → 61–90
//   Gamma (2) r8 2023-09-01 due 10-01   800 paid 2023-09-25 (early: 0 days late)
//             r9 2023-12-01 due 12-31   600 paid 2024-01-30 (30 days late)
const LEDGER: Row[] = [
  { c: 0, day: d(2024, 1, 10), due: d(2024, 2, 9), amount: 1000, paid: d(2024, 2, 19), paidAmount: 1000 },
  { c: 0, day: d(2024, 3, 1), due: d(2024, 4, 15), amount: 3000, paid: d(2024, 4, 15), paidAmount: 3000 },
  { c: 0, day: d(2024, 5, 15), due: d(2024, 6, 14), amount: 2000 },
  { c: 0, day: d(2024, 6, 20), due: d(2024, 7, 20), amount: 1500 },
  { c: 0, day: d(2024, 6, 25), amount: -500 },
  { c: 1, day: d(2024, 1, 5), due: d(2024, 2, 4), amount: 4000, paid: d(2024, 3, 5), paidAmount: 1000 },
  { c: 1, day: d(2024, 4, 10), due: d(2024, 5, 25), amount: 2500 },
  { c: 1, day: d(2024, 3, 16), due: d(2024, 4, 15), amount: 1200, paid: d(2024, 7, 5), paidAmount: 1200 },
  { c: 2, day: d(2023, 9, 1), due: d(2023, 10, 1), amount: 800, paid: d(2023, 9, 25), paidAmount: 800 },
  { c: 2, day: d(2023, 12, 1), due: d(2023, 12, 31), amount: 600, paid: d(2024, 1, 30), paidAmount: 600 },
];

describe("aging primitives", () => {
  test("labels of the default bounds and of custom ones", () => {
    expect(agingLabels([0, 30, 60, 90])).toEqual(["Current", "1–30", "31–60", "61–90", "> 90"]);
    expect(agingLabels([0, 45])).toEqual(["Current", "1–45", "> 45"]);
    expect(agingLabels([-10, 30])).toEqual(["≤ -10", "-9–30", "> 30"]);
  });
  test("bucket boundaries: 0 Current, 1 and 30 in 1–30, 31 in 31–60, 90 in 61–90, 91 in > 90", () => {
    const b = [0, 30, 60, 90];
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91].map((x) => agingBucket(x, b))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
  });
  test("days past due = asOf − due: due 2024-01-31, as-of 2024-03-01 → 30 (29 days of February 2024 + 1)", () => {
    expect(daysPastDue(d(2024, 1, 31), d(2024, 3, 1))).toBe(30);
    expect(daysPastDue(d(2024, 7, 20), AS_OF)).toBe(-20);
  });
  test("bad bounds → outOfRange naming the position", () => {
    expect(() => agingLabels([0, 30, 30])).toThrowProblem("outOfRange");
    expect(() => agingLabels([0, 30.5])).toThrowProblem("outOfRange");
    expect(() => agingLabels([])).toThrowProblem("outOfRange");
  });
  test("agingSchedule: 100 due on as-of (Current), 50 due 46 days before (31–60), −20 credit 5 days past due (1–30)", () => {
    const s = agingSchedule([100, 50, -20, NaN], [AS_OF, AS_OF - 46, AS_OF - 5, NaN], AS_OF);
    expect(s.labels).toEqual(["Current", "1–30", "31–60", "61–90", "> 90"]);
    expect(s.totals).toEqual([100, -20, 50, 0, 0]);
    expect(() => agingSchedule([1], [NO_DAY], AS_OF)).toThrowProblem("notADate");
    expect(() => agingSchedule([1, 2], [AS_OF], AS_OF)).toThrowProblem("sizeMismatch");
  });
});

describe("open balance per invoice: the rules in order", () => {
  test("paid amounts and paid dates: partial, full, paid after as-of, unpaid, unapplied credit note", () => {
    const { r } = makeRows(LEDGER, { due: true, paid: true, paidAmount: true });
    const { open, sources } = openAmounts(r, AS_OF);
    // r0 1000−1000, r1 3000−3000, r2 unpaid (blank paid amount, blank paid date) 2000, r3 1500, r4 −500,
    // r5 4000−1000 = 3000, r6 2500, r7 paid 07-05 > as-of → 1200 still open, r8 0, r9 0
    expect(Array.from(open)).toEqual([0, 0, 2000, 1500, -500, 3000, 2500, 1200, 0, 0]);
    expect(sources.paidAmount).toBe(6);
    expect(sources.paidDate).toBe(4); // r2, r3, r4, r6: no paid amount, the paid-date rule decides (blank → open)
  });
  test("a balance column wins over paid amounts; a blank balance falls through to them", () => {
    const rows: Row[] = [
      { c: 0, day: 1, amount: 100, balance: 40, paidAmount: 100 },
      { c: 0, day: 1, amount: 100, paidAmount: 30 },
    ];
    const { r } = makeRows(rows, { balance: true, paidAmount: true });
    expect(Array.from(openAmounts(r, 10).open)).toEqual([40, 70]);
  });
  test("paid dates only: paid on or before as-of → 0, blank or after → the amount", () => {
    const rows: Row[] = [
      { c: 0, day: 1, amount: 100, paid: 10 },
      { c: 0, day: 1, amount: 200, paid: 11 },
      { c: 0, day: 1, amount: 300 },
    ];
    const { r } = makeRows(rows, { paid: true });
    expect(Array.from(openAmounts(r, 10).open)).toEqual([0, 200, 300]);
  });
  test("only a balance column: a blank balance counts as settled (0) and is counted", () => {
    const { r } = makeRows([{ c: 0, day: 1, amount: 100, balance: 25 }, { c: 0, day: 1, amount: 100 }], { balance: true });
    const res = openAmounts(r, 10);
    expect(Array.from(res.open)).toEqual([25, 0]);
    expect(res.sources.blankBalance).toBe(1);
  });
  test("no balance/paid column at all → NaN (unknown), not 0", () => {
    const { r } = makeRows([{ c: 0, day: 1, amount: 100 }], {});
    expect(Number.isNaN(openAmounts(r, 10).open[0])).toBe(true);
  });
});

describe("payment behaviour", () => {
  test("Alpha: paid parts at their payment date, open parts at their days past due so far, not-yet-due parts on time", () => {
    // r0 1000 paid 10 days late, r1 3000 paid on time, r2 2000 open 16 days past due, r3 1500 open, not due (0 days);
    // the credit note r4 is no invoice. Weights 1000 + 3000 + 2000 + 1500 = 7500;
    // days late (1000×10 + 3000×0 + 2000×16 + 1500×0) / 7500 = 42000 / 7500 = 5.6; late share (1000 + 2000) / 7500 = 0.4.
    const { r } = makeRows(LEDGER, { due: true, paid: true, paidAmount: true });
    const { open } = openAmounts(r, AS_OF);
    const pb = paymentBehaviour({ amount: r.amount, dueDay: r.dueDay!, paidDay: r.paidDay!, open }, AS_OF, [0, 1, 2, 3, 4]);
    expect(pb.avgDaysLate).toBeCloseTo(5.6, 12);
    expect(pb.lateShare).toBeCloseTo(0.4, 12);
    expect(pb.paidInvoices).toBe(2);
    expect(pb.paidAmount).toBe(4000);
    expect(pb.owedPastDue).toBe(2000);
  });
  test("nothing to weigh (no invoice) → NaN; an unpaid invoice past due is late, not missing", () => {
    const none = paymentBehaviour({ amount: [-100], dueDay: [5], paidDay: [NO_DAY], open: [-100] }, 10);
    expect(none.avgDaysLate).toBeNaN();
    const unpaid = paymentBehaviour({ amount: [100], dueDay: [5], paidDay: [NO_DAY], open: [100] }, 10);
    expect(unpaid.avgDaysLate).toBe(5);
    expect(unpaid.lateShare).toBe(1);
    expect(unpaid.paidInvoices).toBe(0);
  });
  test("median terms: 30, 30, 60 → 30; 30, 45 → 37.5; none → NaN", () => {
    expect(medianTermsDays([1, 1, 1], [0, 0, 0], [30, 30, 60])).toBe(30);
    expect(medianTermsDays([1, 1], [0, 0], [30, 45])).toBe(37.5);
    expect(medianTermsDays([1], [0], [NO_DAY])).toBeNaN();
  });
});

describe("analyzeReceivables on the hand-made ledger", () => {
  const { r, g } = makeRows(LEDGER, { due: true, paid: true, paidAmount: true });
  const res = analyzeReceivables(r, g, { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "given", creditLimit: [5000, 6000, NaN] });

  test("open balances: Alpha 2000 + 1500 − 500 = 3000; Beta 3000 + 2500 + 1200 = 6700; Gamma 0", () => {
    expect(Array.from(res.openBalance)).toEqual([3000, 6700, 0]);
  });
  test("days past due per row; a blank due date is assumed at day + the customer's median terms (30)", () => {
    expect(res.rowDaysPastDue[2]).toBe(16); // 06-14 → 06-30
    expect(res.rowDaysPastDue[3]).toBe(-20);
    expect(res.rowDaysPastDue[4]).toBe(-25); // 06-25 + 30 = 07-25
    expect(res.rowDaysPastDue[5]).toBe(147); // 02-04 → 06-30: 25 (Feb 2024) + 31 + 30 + 31 + 30
    expect(res.rowDaysPastDue[6]).toBe(36); // 05-25 → 06-30
    expect(res.rowDaysPastDue[7]).toBe(76); // 04-15 → 06-30: 15 + 31 + 30
    expect(res.assumedDueDates).toBe(0); // only r4, a credit note: applied, not aged
    expect(res.termsDays[0]).toBe(30); // gaps 30, 45, 30, 30 → median 30
  });
  test("aging per customer and in total: Current 1500, 1–30 2000 − 500 (credit note applied), 31–60 2500, 61–90 1200, > 90 3000", () => {
    expect(res.labels).toEqual(["Current", "1–30", "31–60", "61–90", "> 90"]);
    expect(res.aging.map((col) => Array.from(col))).toEqual([
      [1500, 0, 0],
      [1500, 0, 0],
      [0, 2500, 0],
      [0, 1200, 0],
      [0, 3000, 0],
    ]);
    expect(res.agingTotals).toEqual([1500, 1500, 2500, 1200, 3000]);
    expect(res.receivables).toBe(9700);
    expect(Array.from(res.rowOpenNet)).toEqual([0, 0, 1500, 1500, 0, 3000, 2500, 1200, 0, 0]);
    expect(res.creditsApplied).toBe(500);
    expect(res.unappliedCredit).toBe(0);
  });
  test("overdue (dpd > 0): Alpha 2000 − 500 = 1500, Beta 6700, total 8200; more than 90 days: Beta 3000", () => {
    expect(Array.from(res.overdue)).toEqual([1500, 6700, 0]);
    expect(res.overdueTotal).toBe(8200);
    expect(Array.from(res.overdueSerious)).toEqual([0, 3000, 0]);
  });
  test("ECL with the IFRS 9 rates: 1500×0.003 + 1500×0.016 + 2500×0.036 + 1200×0.066 + 3000×0.106 = 4.5 + 24 + 90 + 79.2 + 318 = 515.7", () => {
    expect(res.lossRateMethod).toBe("given");
    expect(res.eclByBucket[4]).toBeCloseTo(318, 9);
    expect(res.ecl).toBeCloseTo(515.7, 9);
  });
  test("DSO: 365 days 9700 / 16100 × 365 = 219.91; 90 days (rows after 2024-04-01) 9700 / 5500 × 90 = 158.73", () => {
    // Revenue of the last 365 days: every row, 1000 + 3000 + 2000 + 1500 − 500 + 4000 + 2500 + 1200 + 800 + 600 = 16100.
    // Last 90 days (2024-04-02 .. 06-30): 2000 + 1500 − 500 + 2500 = 5500.
    expect(res.revenue365).toBe(16100);
    expect(res.revenue90).toBe(5500);
    expect(res.dso365).toBeCloseTo((9700 / 16100) * 365, 10);
    expect(res.dso90).toBeCloseTo((9700 / 5500) * 90, 10);
  });
  test("days late and late share, amount-weighted, unpaid parts at their days past due so far", () => {
    // Alpha (see "payment behaviour"): 42000 / 7500 = 5.6 days, 3000 / 7500 late.
    // Beta: 1000 paid 30 days late (r5's payment); r5's remaining 3000 open 147 days past due; r6 2500 open 36 days;
    //   r7 1200 paid after as-of, so still open, 76 days: (30000 + 441000 + 90000 + 91200) / 7700 = 652200 / 7700; all late.
    // Gamma: 800 paid early (0), 600 paid 30 days late: 18000 / 1400 days; 600 / 1400 of the money late.
    expect(res.avgDaysLate[0]).toBeCloseTo(5.6, 12);
    expect(res.avgDaysLate[1]).toBeCloseTo(652200 / 7700, 12);
    expect(res.avgDaysLate[2]).toBeCloseTo(18000 / 1400, 12);
    expect(res.lateShare[0]).toBeCloseTo(0.4, 12);
    expect(res.lateShare[1]).toBe(1);
    expect(res.lateShare[2]).toBeCloseTo(600 / 1400, 12);
    expect(Array.from(res.paidInvoices)).toEqual([2, 1, 2]);
    expect(res.avgDaysLateAll).toBeCloseTo((42000 + 652200 + 18000) / (7500 + 7700 + 1400), 12);
    expect(res.lateShareAll).toBeCloseTo((3000 + 7700 + 600) / 16600, 12);
  });
  test("utilisation 3000/5000 = 0.6, 6700/6000 = 1.1167, no limit → NaN", () => {
    expect(res.utilisation[0]).toBeCloseTo(0.6, 12);
    expect(res.utilisation[1]).toBeCloseTo(6700 / 6000, 12);
    expect(res.utilisation[2]).toBeNaN();
  });
  test("average monthly revenue of the last 12 calendar months (July 2023 – June 2024) over the months the customer existed", () => {
    // Alpha first invoiced 2024-01-10: January … June = 6 months; revenue 1000 + 3000 + 2000 + 1500 − 500 = 7000.
    // Gamma first invoiced 2023-09-01: September … June = 10 months; 800 + 600 = 1400.
    expect(res.window12mStart).toBe(d(2023, 6, 30));
    expect(res.revenue12m[0]).toBe(7000);
    expect(res.avgMonthlyRevenue12m[0]).toBeCloseTo(7000 / 6, 9);
    expect(res.avgMonthlyRevenue12m[1]).toBeCloseTo(7700 / 6, 9);
    expect(res.avgMonthlyRevenue12m[2]).toBeCloseTo(1400 / 10, 9);
  });
  test("auto: this ledger's few invoices cannot estimate every roll rate, so the given rates are used and the reason is said", () => {
    const auto = analyzeReceivables(r, g, { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "auto" });
    expect(auto.lossRateMethod).toBe("given");
    expect(auto.rollRate.available).toBe(false);
    expect(auto.notes.join(" ")).toMatch(/roll-rate estimate not available/);
  });
  test("credits beyond the open invoices leave a credit balance in Current; the customer's balance is the plain sum", () => {
    // One customer: invoice 1000 paid in full, invoice 400 due 40 days ago unpaid, credit notes −300 and −250.
    // Applied to the 400 first (the only open invoice): 400 − 550 → 0, and 150 left as a credit balance.
    const rows: Row[] = [
      { c: 0, day: AS_OF - 100, due: AS_OF - 70, amount: 1000, paid: AS_OF - 70, paidAmount: 1000 },
      { c: 0, day: AS_OF - 70, due: AS_OF - 40, amount: 400 },
      { c: 0, day: AS_OF - 20, amount: -300 },
      { c: 0, day: AS_OF - 10, amount: -250 },
    ];
    const { r: r2, g: g2 } = makeRows(rows, { due: true, paid: true, paidAmount: true });
    const res2 = analyzeReceivables(r2, g2, { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "given" });
    expect(res2.openBalance[0]).toBe(-150); // 400 − 300 − 250
    expect(res2.agingTotals).toEqual([-150, 0, 0, 0, 0]);
    expect(res2.overdue[0]).toBe(0);
    expect(res2.creditsApplied).toBe(400);
    expect(res2.unappliedCredit).toBe(-150);
    expect(res2.ecl).toBe(0); // a negative bucket provisions nothing
  });
  test("credits applied most overdue first: 500 credit against 300 (> 90 days) and 1000 (1–30) → > 90 cleared, 1–30 800", () => {
    const rows: Row[] = [
      { c: 0, day: AS_OF - 10, due: AS_OF - 5, amount: 1000 },
      { c: 0, day: AS_OF - 150, due: AS_OF - 120, amount: 300 },
      { c: 0, day: AS_OF - 3, amount: -500 },
    ];
    const { r: r3, g: g3 } = makeRows(rows, { due: true, paid: true });
    const res3 = analyzeReceivables(r3, g3, { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "given" });
    expect(res3.agingTotals).toEqual([0, 800, 0, 0, 0]);
    expect(res3.overdueSerious[0]).toBe(0);
  });
  test("bad inputs: no due-date column, no balance/paid column, wrong number of loss rates, a rate above 1", () => {
    const noDue = makeRows(LEDGER, { paid: true });
    const noPaid = makeRows(LEDGER, { due: true });
    const opts = { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "given" as const };
    expect(() => analyzeReceivables(noDue.r, noDue.g, opts)).toThrowProblem("notEnoughData");
    expect(() => analyzeReceivables(noPaid.r, noPaid.g, opts)).toThrowProblem("notEnoughData");
    expect(() => analyzeReceivables(r, g, { ...opts, lossRates: [0.1, 0.2] })).toThrowProblem("sizeMismatch");
    expect(() => analyzeReceivables(r, g, { ...opts, lossRates: [0.1, 0.2, 0.3, 0.4, 1.5] })).toThrowProblem("outOfRange");
  });
});

describe("scoreAccounts on the hand-made ledger: score, grade and suggested limit", () => {
  const { r, g } = makeRows(LEDGER, { due: true, paid: true, paidAmount: true });
  const rec = analyzeReceivables(r, g, { asOf: AS_OF, bounds: [0, 30, 60, 90], lossRates: IFRS_RATES, lossRateMethod: "given", creditLimit: [5000, 6000, NaN] });
  const first = [d(2024, 1, 10), d(2024, 1, 5), d(2023, 9, 1)];
  const s = scoreAccounts(rec, { asOf: AS_OF, firstPurchase: first });

  test("Alpha: payment 50(1 − 5.6/60) + 50(1 − 0.4), overdue 100(1 − 1500/3000), utilisation 100(1 − 0.6), tenure; no trend", () => {
    const tenure = (AS_OF - d(2024, 1, 10)) / 365.25;
    const payment = 50 * (1 - 5.6 / 60) + 50 * (1 - 0.4); // 45.33 + 30 = 75.33
    const overdue = 100 * (1 - 1500 / 3000);
    const util = 100 * (1 - 0.6);
    const ten = 100 * Math.min(1, tenure / 5);
    const score = (0.35 * payment + 0.25 * overdue + 0.15 * util + 0.1 * ten) / 0.85; // trend missing: weights rescaled
    expect(s.tenureYears[0]).toBeCloseTo(tenure, 12);
    expect(s.overdueRatio[0]).toBeCloseTo(0.5, 12);
    expect(s.components.payment[0]).toBeCloseTo(payment, 10);
    expect(s.score[0]).toBeCloseTo(score, 10); // (26.37 + 12.5 + 6 + 0.94) / 0.85 ≈ 53.9 → C
    expect(s.grade[0]).toBe("C");
    // Limit: average monthly revenue (7000 / 6) × 30 / 30.4375 × 1.0 (C).
    expect(s.suggestedLimit[0]).toBeCloseTo((7000 / 6) * (30 / 30.4375) * 1.0, 8);
  });
  test("Beta: 84.7 days late on average and all of it late, all overdue, utilisation over 100 % → grade E, limit 0", () => {
    // payment 50(1 − min(1, 84.7/60)) + 50(1 − 1) = 0; overdue 0; utilisation 0; tenure 100 × (177/365.25)/5 = 9.69
    const ten = 100 * ((AS_OF - d(2024, 1, 5)) / 365.25 / 5);
    expect(s.components.payment[1]).toBe(0);
    expect(s.score[1]).toBeCloseTo((0.1 * ten) / 0.85, 10);
    expect(s.grade[1]).toBe("E");
    expect(s.suggestedLimit[1]).toBe(0);
  });
  test("Gamma: nothing open (overdue ratio 0), no limit (utilisation drops out)", () => {
    const payment = 50 * (1 - 18000 / 1400 / 60) + 50 * (1 - 600 / 1400);
    const ten = 100 * ((AS_OF - d(2023, 9, 1)) / 365.25 / 5);
    expect(s.components.utilisation[2]).toBeNaN();
    expect(s.score[2]).toBeCloseTo((0.35 * payment + 0.25 * 100 + 0.1 * ten) / 0.7, 10);
  });
});
