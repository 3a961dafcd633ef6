import { dayFromYmd } from "../../../../src/engine/day";
import { NO_DAY } from "../../../../src/engine/ledger/types";
import { accountAlerts, accountRiskScore, accountTier, accountTiers, alertCounts, riskComponents, riskScores } from "../../../../src/engine/metrics/risk";

describe("tiering (SPEC §8)", () => {
  test("Strategic needs share ≥ 5 % and YoY ≥ 0: both sides of each", () => {
    expect(accountTier(0.05, 0, "A")).toBe("Strategic");
    expect(accountTier(0.0499, 0.2, "A")).toBe("Key");
    expect(accountTier(0.2, -0.0001, "A")).toBe("Key");
    expect(accountTier(0.2, -0.0001, "B")).toBe("General");
  });
  test("Key = ABC class A; else General", () => {
    expect(accountTier(0.01, 0.5, "A")).toBe("Key");
    expect(accountTier(0.01, 0.5, "B")).toBe("General");
    expect(accountTier(NaN, NaN, "")).toBe("General");
  });
  test("unknown YoY does not block Strategic; no share never Strategic", () => {
    expect(accountTier(0.3, NaN, "A")).toBe("Strategic");
    expect(accountTier(NaN, 0.5, "C")).toBe("General");
  });
  test("configurable rules; columns; bad rule → outOfRange", () => {
    expect(accountTier(0.04, -0.05, "C", { strategicShare: 0.03, strategicMinYoy: -0.1 })).toBe("Strategic");
    expect(accountTiers([0.3, 0.02, 0.001], undefined, ["A", "A", "C"])).toEqual(["Strategic", "Key", "General"]);
    expect(() => accountTier(0.1, 0, "A", { strategicShare: 2, strategicMinYoy: 0 })).toThrowProblem("outOfRange");
  });
});

describe("account risk score (SPEC §8)", () => {
  test("components by hand: churn 1 − 0.8, credit (100 − 70)/100, dependence 0.05/0.2, volatility 0.5/2, decline 12 × 0.02", () => {
    const c = riskComponents({ pAlive: 0.8, creditScore: 70, share: 0.05, maxShare: 0.2, volatility: 0.5, trend: -0.02 });
    expect(c.churn).toBeCloseTo(0.2, 12);
    expect(c.credit).toBeCloseTo(0.3, 12);
    expect(c.dependence).toBeCloseTo(0.25, 12);
    expect(c.volatility).toBeCloseTo(0.25, 12);
    expect(c.decline).toBeCloseTo(0.24, 12);
    // 100 × (0.30×0.2 + 0.25×0.3 + 0.20×0.25 + 0.15×0.25 + 0.10×0.24) = 100 × 0.2465
    expect(accountRiskScore(c)).toBeCloseTo(24.65, 10);
  });
  test("caps: CV ≥ 2 → 1; growth → decline 0; steep decline → 1", () => {
    expect(riskComponents({ volatility: 3 }).volatility).toBe(1);
    expect(riskComponents({ trend: 0.05 }).decline).toBe(0);
    expect(riskComponents({ trend: -0.5 }).decline).toBe(1);
  });
  test("missing P(alive) and volatility: (0.25×0.3 + 0.20×0.25 + 0.10×0.24) / 0.55 × 100 = 27.09", () => {
    const c = riskComponents({ creditScore: 70, share: 0.05, maxShare: 0.2, trend: -0.02 });
    expect(accountRiskScore(c)).toBeCloseTo((100 * (0.075 + 0.05 + 0.024)) / 0.55, 10);
  });
  test("columns: optional inputs, components kept, dependence 0 for a customer without positive revenue", () => {
    const res = riskScores(3, { pAlive: Float64Array.from([0.9, 0.2, NaN]), share: [0.6, 0.4, NaN], creditScore: [80, 40, NaN] });
    // customer 0: churn 0.1, credit 0.2, dependence 1 → 100 × (0.03 + 0.05 + 0.2) / 0.75 = 37.333
    // customer 1: churn 0.8, credit 0.6, dependence 0.4/0.6 → 100 × (0.24 + 0.15 + 0.1333) / 0.75 = 69.777
    // customer 2: only dependence 0 → 0
    expect(res.score[0]).toBeCloseTo((100 * (0.03 + 0.05 + 0.2)) / 0.75, 10);
    expect(res.score[1]).toBeCloseTo((100 * (0.24 + 0.15 + (0.2 * 0.4) / 0.6)) / 0.75, 10);
    expect(res.score[2]).toBe(0);
    expect(res.components.dependence[2]).toBe(0);
    expect(res.components.volatility[0]).toBeNaN();
  });
  test("no input at all → NaN; bad weights → outOfRange", () => {
    expect(riskScores(1, {}).score[0]).toBeNaN();
    expect(() => riskScores(1, {}, { churn: -1, credit: 0, dependence: 0, volatility: 0, decline: 0 })).toThrowProblem("outOfRange");
  });
});

describe("alerts: each threshold on both sides (SPEC §8)", () => {
  const asOf = dayFromYmd(2024, 6, 30);
  const reasons = (a: ReturnType<typeof accountAlerts>, c: number): string[] => a.filter((x) => x.customer === c).map((x) => x.reason);

  test("P(alive) < 0.5 on an account with share ≥ 1 %", () => {
    const a = accountAlerts({ n: 4, asOf, pAlive: [0.49, 0.5, 0.3, 0.3], share: [0.02, 0.02, 0.01, 0.0099] });
    expect(reasons(a, 0)).toEqual(["churnRisk"]);
    expect(reasons(a, 1)).toEqual([]); // exactly 0.5 is not below
    expect(reasons(a, 2)).toEqual(["churnRisk"]); // exactly 1 % counts
    expect(reasons(a, 3)).toEqual([]);
    const first = a.find((x) => x.customer === 0)!;
    expect(first.value).toBe(0.49);
    expect(first.threshold).toBe(0.5);
  });
  test("more than 90 days overdue above 10 % of the open balance", () => {
    const a = accountAlerts({ n: 4, asOf, openBalance: [1000, 1000, 0, -50], overdueSerious: [101, 100, 0, 10] });
    expect(reasons(a, 0)).toEqual(["seriousOverdue"]);
    expect(a[0].value).toBeCloseTo(0.101, 12);
    expect(reasons(a, 1)).toEqual([]); // exactly 10 % is not above
    expect(reasons(a, 2)).toEqual([]);
    expect(reasons(a, 3)).toEqual([]); // no positive open balance
  });
  test("share ≥ 10 %", () => {
    const a = accountAlerts({ n: 2, asOf, share: [0.1, 0.0999] });
    expect(reasons(a, 0)).toEqual(["majorCustomer"]);
    expect(reasons(a, 1)).toEqual([]);
  });
  test("YoY decline ≥ 30 % (as computed: 70 / 100 − 1 = −0.30000000000000004 and 0.7 − 1 within 1e-12 count)", () => {
    const a = accountAlerts({ n: 4, asOf, yoy: [70 / 100 - 1, -0.2999, -0.5, NaN] });
    expect(reasons(a, 0)).toEqual(["revenueDecline"]);
    expect(reasons(a, 1)).toEqual([]);
    expect(reasons(a, 2)).toEqual(["revenueDecline"]);
    expect(reasons(a, 3)).toEqual([]);
    expect(a[0].threshold).toBe(-0.3);
  });
  test("contract end within 0..90 days", () => {
    const a = accountAlerts({ n: 5, asOf, contractEnd: [asOf + 90, asOf + 91, asOf, asOf - 1, NO_DAY] });
    expect(reasons(a, 0)).toEqual(["contractEnd"]);
    expect(a.find((x) => x.customer === 0)!.value).toBe(90);
    expect(reasons(a, 1)).toEqual([]);
    expect(reasons(a, 2)).toEqual(["contractEnd"]);
    expect(reasons(a, 3)).toEqual([]);
    expect(reasons(a, 4)).toEqual([]);
  });
  test("utilisation ≥ 90 %", () => {
    const a = accountAlerts({ n: 3, asOf, utilisation: [0.9, 0.8999, NaN] });
    expect(reasons(a, 0)).toEqual(["highUtilisation"]);
    expect(reasons(a, 1)).toEqual([]);
    expect(reasons(a, 2)).toEqual([]);
  });
  test("one row per account and reason, sorted by severity, then reason, then share; counts by reason", () => {
    const a = accountAlerts({
      n: 3,
      asOf,
      share: [0.5, 0.2, 0.05],
      pAlive: [0.9, 0.4, 0.1],
      openBalance: [100, 100, 100],
      overdueSerious: [0, 50, 0],
      utilisation: [0.95, 0, 0],
    });
    expect(a.map((x) => [x.customer, x.reason, x.severity])).toEqual([
      [1, "seriousOverdue", "high"],
      [1, "churnRisk", "high"],
      [2, "churnRisk", "high"],
      [0, "highUtilisation", "medium"],
      [0, "majorCustomer", "low"],
      [1, "majorCustomer", "low"],
    ]);
    expect(alertCounts(a)).toEqual({ seriousOverdue: 1, churnRisk: 2, revenueDecline: 0, highUtilisation: 1, contractEnd: 0, risingDependence: 0, majorCustomer: 2 });
  });
  test("custom thresholds move the line", () => {
    const t = { pAlive: 0.5, pAliveMinShare: 0.01, overdueShare: 0.1, overdueDays: 90, majorShare: 0.25, yoyDecline: 0.3, contractDays: 30, utilisation: 0.9 };
    const a = accountAlerts({ n: 2, asOf, share: [0.2, 0.3], contractEnd: [asOf + 31, asOf + 30] }, t);
    expect(a.map((x) => [x.customer, x.reason])).toEqual([
      [1, "contractEnd"],
      [1, "majorCustomer"],
    ]);
  });
});
