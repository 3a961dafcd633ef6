/**
 * The three credit rules an independent check found wrong, each on its own ledger with the expected values worked
 * out by hand, and the monotonicity property of the scorecard:
 * 1. a partly paid invoice is not a paid invoice;
 * 2. a customer who has not paid never scores better than one who paid late;
 * 3. "the last 12 months" are twelve calendar months (DSO keeps its day counts).
 */
import { dayFromYmd } from "../../../../src/engine/day";
import { analyzeReceivables, monthsBefore, monthsInWindow, scoreAccounts } from "../../../../src/engine/metrics/credit";
import type { Receivables } from "../../../../src/engine/metrics/credit";
import { makeRows } from "./helpers";
import type { Row } from "./helpers";

const d = (y: number, m: number, dd: number): number => dayFromYmd(y, m, dd);
const RATES = [0.003, 0.016, 0.036, 0.066, 0.106];
const BOUNDS = [0, 30, 60, 90];

function run(rows: Row[], asOf: number, cols: Parameters<typeof makeRows>[1], limits?: number[]) {
  const { r, g } = makeRows(rows, cols);
  const rec = analyzeReceivables(r, g, { asOf, bounds: BOUNDS, lossRates: RATES, lossRateMethod: "given", creditLimit: limits });
  const first = Array.from({ length: g.n }, (_, c) => Math.min(...rows.filter((x) => x.c === c && x.amount > 0).map((x) => x.day)));
  return { rec, s: scoreAccounts(rec, { asOf, firstPurchase: first }) };
}

describe("rule 1: a partly paid invoice is not a paid invoice", () => {
  // As-of 2024-09-29. P1 2000 due 06-01, paid in full 05-30 (early: 0 days). P2 4000 due 07-01, 1000 paid 07-31
  // (30 days late); its 3000 remainder is still open, 90 days past due (July 31 + August 31 + 28 days of September).
  const asOf = d(2024, 9, 29);
  const rows: Row[] = [
    { c: 0, day: d(2024, 5, 2), due: d(2024, 6, 1), amount: 2000, paid: d(2024, 5, 30), paidAmount: 2000 },
    { c: 0, day: d(2024, 6, 1), due: d(2024, 7, 1), amount: 4000, paid: d(2024, 7, 31), paidAmount: 1000 },
  ];
  const { rec, s } = run(rows, asOf, { due: true, paid: true, paidAmount: true });

  test("days late weigh each payment by the amount paid at its date, the remainder at its days past due: 50 days, 2/3 late", () => {
    // (2000 × 0 + 1000 × 30 + 3000 × 90) / 6000 = 300 000 / 6000 = 50 days (the old rule: 4000 paid 30 days late → 20).
    expect(rec.avgDaysLate[0]).toBeCloseTo(50, 12);
    // Late money: 1000 paid late + 3000 still late = 4000 of 6000 (the old rule: 1 of 2 invoices).
    expect(rec.lateShare[0]).toBeCloseTo(4000 / 6000, 12);
    expect(rec.paidInvoices[0]).toBe(2);
  });
  test("the remainder is open and overdue, in 61–90", () => {
    expect(rec.openBalance[0]).toBe(3000);
    expect(rec.overdue[0]).toBe(3000);
    expect(rec.agingTotals).toEqual([0, 0, 0, 3000, 0]);
  });
  test("payment component 50(1 − 50/60) + 50(1 − 2/3) = 8.33 + 16.67 = 25", () => {
    expect(s.components.payment[0]).toBeCloseTo(25, 10);
  });
});

describe("rule 2: not paying never scores better than paying late", () => {
  // As-of 2024-06-30; every customer has invoice A (1000, dated 03-01, due 03-31) and invoice B (1000, dated 06-15,
  // due 07-15, not yet due, unpaid). W has not paid A (91 days past due); Z paid A on 05-30 (60 days late);
  // Z1 paid A on 05-31 (61 days late). Same first purchase (03-01: tenure 121 days), no limit, no trend.
  const asOf = d(2024, 6, 30);
  const invoices = (c: number, paid?: number): Row[] => [
    { c, day: d(2024, 3, 1), due: d(2024, 3, 31), amount: 1000, paid, paidAmount: paid === undefined ? undefined : 1000 },
    { c, day: d(2024, 6, 15), due: d(2024, 7, 15), amount: 1000 },
  ];
  const rows = [...invoices(0), ...invoices(1, d(2024, 5, 30)), ...invoices(2, d(2024, 5, 31))];
  const { s } = run(rows, asOf, { due: true, paid: true, paidAmount: true });
  const tenure = (100 * (121 / 365.25)) / 5; // 6.6256

  test("W: A counts 91 days late, B on time so far → payment 50(1 − 45.5/60) + 50(1 − 0.5) = 37.08; overdue 50 → 37.35 (D)", () => {
    const payment = 50 * (1 - 45.5 / 60) + 50 * 0.5;
    expect(s.components.payment[0]).toBeCloseTo(payment, 10);
    expect(s.components.overdue[0]).toBeCloseTo(50, 10);
    expect(s.score[0]).toBeCloseTo((0.35 * payment + 0.25 * 50 + 0.1 * tenure) / 0.7, 10);
    expect(s.score[0]).toBeCloseTo(37.35, 2);
    expect(s.grade[0]).toBe("D");
  });
  test("Z: 60 days late → payment 50(1 − 30/60) + 25 = 50; nothing overdue → 61.66 (C); Z1 one day later: 61.45 (C)", () => {
    expect(s.components.payment[1]).toBeCloseTo(50, 10);
    expect(s.score[1]).toBeCloseTo((0.35 * 50 + 0.25 * 100 + 0.1 * tenure) / 0.7, 10);
    expect(s.score[1]).toBeCloseTo(61.66, 2);
    const p1 = 50 * (1 - 30.5 / 60) + 25;
    expect(s.score[2]).toBeCloseTo((0.35 * p1 + 0.25 * 100 + 0.1 * tenure) / 0.7, 10);
    expect(s.grade[1]).toBe("C");
    expect(s.grade[2]).toBe("C");
  });
  test("so W < Z1 < Z: the customer who has not paid scores lowest", () => {
    expect(s.score[0]).toBeLessThan(s.score[2]);
    expect(s.score[2]).toBeLessThan(s.score[1]);
  });
  test("the payment component drops out only when the ledger has no payment information at all", () => {
    // Paid dates known: a customer with nothing due yet is on time so far (payment 100), not missing.
    const fresh = run([{ c: 0, day: d(2024, 6, 15), due: d(2024, 7, 15), amount: 1000 }], asOf, { due: true, paid: true });
    expect(fresh.s.components.payment[0]).toBe(100);
    // A balance column alone says what is owed, not when anything was paid: no payment component for anyone.
    const balanceOnly = run(
      [
        { c: 0, day: d(2024, 3, 1), due: d(2024, 3, 31), amount: 1000, balance: 1000 },
        { c: 0, day: d(2024, 6, 15), due: d(2024, 7, 15), amount: 1000, balance: 1000 },
      ],
      asOf,
      { due: true, balance: true },
    );
    expect(balanceOnly.s.components.payment[0]).toBeNaN();
    expect(balanceOnly.s.components.overdue[0]).toBeCloseTo(50, 10);
  });
});

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("property: worsening any one input never improves the score or the grade", () => {
  const asOf = d(2024, 6, 30);
  const GRADES = "ABCDE";

  function randomLedger(next: () => number): { rows: Row[]; limit: number } {
    const rows: Row[] = [];
    const k = 1 + Math.floor(next() * 6);
    for (let j = 0; j < k; j++) {
      const day = asOf - Math.floor(next() * 200);
      const due = day + Math.floor(next() * 61);
      const amount = 100 + Math.round(next() * 4900);
      const kind = next();
      if (kind < 0.4) rows.push({ c: 0, day, due, amount, paid: due + Math.floor(next() * 130) - 10, paidAmount: amount });
      else if (kind < 0.6) rows.push({ c: 0, day, due, amount, paid: due + Math.floor(next() * 60), paidAmount: Math.round(amount * next()) });
      else rows.push({ c: 0, day, due, amount });
    }
    if (next() < 0.3) rows.push({ c: 0, day: asOf - Math.floor(next() * 60), amount: -Math.round(200 + next() * 1500), paid: next() < 0.5 ? asOf - 1 : undefined });
    // A payment dated after as-of has not happened yet (open at as-of): the rule the analysis itself applies.
    return { rows, limit: next() < 0.7 ? 1000 + Math.round(next() * 20000) : NaN };
  }

  function score(rows: Row[], limit: number): { score: number; grade: number } {
    const { s } = run(rows, asOf, { due: true, paid: true, paidAmount: true }, [limit]);
    return { score: s.score[0], grade: GRADES.indexOf(s.grade[0] as string) };
  }

  type Worsening = (rows: Row[], next: () => number) => Row[] | undefined;
  const invoices = (rows: Row[]) => rows.map((x, i) => i).filter((i) => rows[i].amount > 0);
  const pick = <T>(xs: T[], next: () => number): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(next() * xs.length)]);
  const WORSENINGS: Record<string, Worsening> = {
    // A payment moved later, past its due date, on an invoice due before as-of (an invoice not yet due is on time
    // whether paid early or not yet).
    "later payment": (rows, next) => {
      const i = pick(invoices(rows).filter((j) => rows[j].paid !== undefined && rows[j].due! < asOf), next);
      if (i === undefined) return undefined;
      const x = rows[i];
      const paid = Math.max(x.paid! + 1 + Math.floor(next() * 60), x.due! + 1);
      return rows.map((y, j) => (j === i ? { ...y, paid } : y));
    },
    // An invoice due earlier: more days past due (or late, if paid).
    "due earlier": (rows, next) => {
      const i = pick(invoices(rows), next);
      if (i === undefined) return undefined;
      return rows.map((y, j) => (j === i ? { ...y, due: y.due! - 1 - Math.floor(next() * 60) } : y));
    },
    // Less paid on an invoice already past due: more of it overdue.
    "less paid": (rows, next) => {
      const i = pick(invoices(rows).filter((j) => rows[j].paid !== undefined && rows[j].paid! <= asOf && rows[j].due! < asOf && rows[j].paidAmount! > 0), next);
      if (i === undefined) return undefined;
      return rows.map((y, j) => (j === i ? { ...y, paidAmount: Math.floor(y.paidAmount! * next()) } : y));
    },
    "higher utilisation": () => [],
    // An invoice paid late left unpaid instead.
    "unpaid instead of late": (rows, next) => {
      const i = pick(invoices(rows).filter((j) => rows[j].paid !== undefined && rows[j].paid! > rows[j].due!), next);
      if (i === undefined) return undefined;
      return rows.map((y, j) => (j === i ? { ...y, paid: undefined, paidAmount: undefined } : y));
    },
  };

  test("300 random ledgers × 5 worsenings (later payment, due earlier, less paid, lower limit, unpaid instead of late)", () => {
    const next = rng(20240630);
    let checked = 0;
    for (let t = 0; t < 300; t++) {
      const { rows, limit } = randomLedger(next);
      const before = score(rows, limit);
      for (const [name, worsen] of Object.entries(WORSENINGS)) {
        let after: { score: number; grade: number };
        if (name === "higher utilisation") {
          if (!Number.isFinite(limit)) continue;
          after = score(rows, limit * (0.2 + 0.7 * next()));
        } else {
          const worse = worsen(rows, next);
          if (!worse) continue;
          after = score(worse, limit);
        }
        checked++;
        if (after.score > before.score + 1e-9 || after.grade < before.grade) {
          throw new Error(`${name} improved the score ${before.score} → ${after.score} on ${JSON.stringify(rows)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(900);
  });
});

describe("rule 3: the last 12 months are twelve calendar months; DSO keeps its day counts", () => {
  test("window helpers: month ends map to month ends; a mid-month as-of keeps its day", () => {
    expect(monthsBefore(d(2024, 12, 31), 12)).toBe(d(2023, 12, 31));
    expect(monthsBefore(d(2024, 12, 31), 1)).toBe(d(2024, 11, 30));
    expect(monthsBefore(d(2024, 3, 31), 1)).toBe(d(2024, 2, 29));
    expect(monthsBefore(d(2024, 2, 29), 1)).toBe(d(2024, 1, 31));
    expect(monthsBefore(d(2024, 2, 29), 12)).toBe(d(2023, 2, 28));
    expect(monthsBefore(d(2024, 6, 15), 12)).toBe(d(2023, 6, 15));
    expect(monthsBefore(d(2024, 5, 30), 3)).toBe(d(2024, 2, 29));
    expect(monthsInWindow(d(2024, 3, 10), d(2024, 12, 31))).toBe(10); // March … December
    expect(monthsInWindow(d(2024, 12, 1), d(2024, 12, 31))).toBe(1);
    expect(monthsInWindow(d(2020, 1, 1), d(2024, 12, 31))).toBe(12);
  });

  test("12 monthly invoices of 1000 on the 1st of each month of 2024, as-of 2024-12-31: 1000 a month, not 916.67", () => {
    // Each invoice due 30 days later and paid on its due date.
    const asOf = d(2024, 12, 31);
    const rows: Row[] = Array.from({ length: 12 }, (_, m) => ({ c: 0, day: d(2024, m + 1, 1), due: d(2024, m + 1, 1) + 30, amount: 1000, paid: d(2024, m + 1, 1) + 30, paidAmount: 1000 }));
    const { rec, s }: { rec: Receivables; s: ReturnType<typeof scoreAccounts> } = run(rows, asOf, { due: true, paid: true, paidAmount: true });
    // Last 12 calendar months: 2024-01-01 … 2024-12-31, all twelve invoices, 12 months → 12 000 / 12.
    expect(rec.revenue12m[0]).toBe(12000);
    expect(rec.avgMonthlyRevenue12m[0]).toBe(1000);
    // The 365 days to as-of start on 2024-01-02 in a leap year: DSO's revenue leaves January's invoice out.
    expect(rec.revenue365).toBe(11000);
    // Score: payment 100 (all on time), overdue 100 (nothing open), tenure 100 × (365/365.25)/5 = 19.99, no limit,
    // no trend → (35 + 25 + 1.999) / 0.7 = 88.57 → A; limit 1000 × 30 / 30.4375 × 1.5 = 1478.44.
    expect(s.score[0]).toBeCloseTo((35 + 25 + 0.1 * 100 * (365 / 365.25 / 5)) / 0.7, 10);
    expect(s.grade[0]).toBe("A");
    expect(s.suggestedLimit[0]).toBeCloseTo((1000 * 30 * 1.5) / 30.4375, 9);
    expect(s.suggestedLimit[0]).toBeCloseTo(1478.44, 2);
  });
});
