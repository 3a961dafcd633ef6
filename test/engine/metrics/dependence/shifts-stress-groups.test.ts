/** Share shifts, stress tests and dependence by group on hand-made ledgers; every expected figure is worked out here. */
import { dayFromYmd } from "../../../../src/engine/day";
import { dependenceByGroup, detectGroupColumns, groupKindOfHeader, loseCustomers, marginByCustomer, eclByCustomer, shareShifts, stressTests } from "../../../../src/engine/metrics/dependence";
import { accountAlerts } from "../../../../src/engine/metrics/risk";
import { makeLedger } from "../../../helpers/ledger";

const d = (y: number, m: number, day: number) => dayFromYmd(y, m, day);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe("share shifts: the last 12 months against the 12 before", () => {
  // 2023 (the earlier window): A 600, B 200, C 100, E 80, F 20 of 1,000 → 60 %, 20 %, 10 %, 8 %, 2 %.
  // 2024 (the last 12 months to 2024-12-31): A 450, B 250, E 110, D 100, C 90 of 1,000 → 45 %, 25 %, 11 %, 10 %, 9 %.
  const rows = [
    { customer: "A", day: d(2023, 1, 2), amount: 600 },
    { customer: "B", day: d(2023, 3, 1), amount: 250 },
    { customer: "B", day: d(2023, 3, 9), amount: -50 },
    { customer: "C", day: d(2023, 6, 1), amount: 100 },
    { customer: "E", day: d(2023, 9, 1), amount: 80 },
    { customer: "F", day: d(2023, 12, 31), amount: 20 },
    { customer: "A", day: d(2024, 1, 1), amount: 450 },
    { customer: "B", day: d(2024, 2, 1), amount: 250 },
    { customer: "E", day: d(2024, 5, 1), amount: 110 },
    { customer: "D", day: d(2024, 7, 1), amount: 100 },
    { customer: "C", day: d(2024, 12, 31), amount: 90 },
  ];
  const ledger = makeLedger(rows, { asOf: d(2024, 12, 31) });
  const [A, B, C, E, F, D] = [0, 1, 2, 3, 4, 5];
  const s = shareShifts(ledger, 6, { asOf: ledger.asOf });

  test("calendar-exact windows; a ledger starting on the first working day of the earlier year covers it", () => {
    expect(s.now).toEqual({ from: d(2023, 12, 31), to: d(2024, 12, 31) });
    expect(s.then).toEqual({ from: d(2022, 12, 31), to: d(2023, 12, 31) });
    expect(s.covered).toBe(true);
  });

  test("shares, ranks and changes per customer", () => {
    const then = [0.6, 0.2, 0.1, 0.08, 0.02, NaN];
    const now = [0.45, 0.25, 0.09, 0.11, NaN, 0.1];
    for (let c = 0; c < 6; c++) {
      if (Number.isNaN(then[c])) expect(s.shareThen[c]).toBeNaN();
      else close(s.shareThen[c], then[c]);
      if (Number.isNaN(now[c])) expect(s.shareNow[c]).toBeNaN();
      else close(s.shareNow[c], now[c]);
    }
    expect(Array.from(s.rankThen)).toEqual([1, 2, 3, 4, 5, 0]);
    expect(Array.from(s.rankNow)).toEqual([1, 2, 5, 3, 0, 4]);
    // A missing share counts 0 in the change: F leaves (−2 pp), D arrives (+10 pp).
    [-0.15, 0.05, -0.01, 0.03, -0.02, 0.1].forEach((x, c) => close(s.change[c], x));
    expect(s.revenueThen[B]).toBe(200);
  });

  test("rising dependence: D rises 10 pp and crosses 10 %, B rises exactly 5 pp, E crosses 10 % on a 3 pp rise", () => {
    expect(s.rising.map((r) => [r.customer, r.rise, r.crossed])).toEqual([
      [D, true, true],
      [B, true, false],
      [E, false, true],
    ]);
    // C at exactly 10 % before is not "crossing" when it falls; A falls.
    expect(s.rising.some((r) => r.customer === A || r.customer === C || r.customer === F)).toBe(false);
  });

  test("KA Alerts' rising-dependence alert: one per rising customer, medium severity, value the change, threshold 5 pp", () => {
    const alerts = accountAlerts({ n: 6, asOf: ledger.asOf, rising: { threshold: s.threshold, line: s.line, customers: s.rising } }).filter((x) => x.reason === "risingDependence");
    // No shares given: listed in customer order (B, E, D). E's 3 pp is below the threshold but it crossed 10 %.
    expect(alerts.map((x) => [x.customer, x.severity, x.threshold])).toEqual([
      [B, "medium", 0.05],
      [E, "medium", 0.05],
      [D, "medium", 0.05],
    ]);
    [0.05, 0.03, 0.1].forEach((change, i) => close(alerts[i].value, change));
    expect(alerts[0].message).toBe("share rose 5.0 pp in a year, from 20.0 % to 25.0 % (threshold 5.0 pp, or crossing 10.0 %)");
    expect(alerts[1].message).toBe("share rose 3.0 pp in a year, from 8.0 % to 11.0 %, crossing 10.0 % (threshold 5.0 pp, or crossing 10.0 %)");
    // D had no share before: from 0.
    expect(alerts[2].message).toMatch(/from 0\.0 % to 10\.0 %, crossing/);
    // Without the shifts (a ledger too short to compare two years) nothing is raised.
    expect(accountAlerts({ n: 6, asOf: ledger.asOf }).length).toBe(0);
  });

  test("a higher threshold leaves only the crossings", () => {
    const t = shareShifts(ledger, 6, { asOf: ledger.asOf, threshold: 0.2 });
    expect(t.rising.map((r) => r.customer)).toEqual([D, E]);
  });

  test("a ledger that starts after the earlier window's first month: no earlier shares, no changes, no alerts", () => {
    const late = makeLedger(rows.filter((r) => r.day >= d(2023, 3, 1)), { asOf: d(2024, 12, 31) });
    const t = shareShifts(late, late.customers.length, { asOf: late.asOf });
    expect(t.covered).toBe(false);
    expect(Array.from(t.shareThen).every(Number.isNaN)).toBe(true);
    expect(Array.from(t.change).every(Number.isNaN)).toBe(true);
    expect(t.rising).toEqual([]);
    expect(Number.isNaN(t.shareNow[0])).toBe(false);
  });
});

describe("stress tests: what losing customers costs", () => {
  // Net revenue A 500, B 300, C 150, D 50, E −20 → positive total 1,000; E has no share.
  const inputs = {
    revenue: [500, 300, 150, 50, -20],
    margin: [100, 90, 30, 10, -5],
    openBalance: [200, -50, 0, 40, 10],
    ecl: [10, 0, 0, 4, 1],
  };
  const [A, B, C, D, E] = [0, 1, 2, 3, 4];
  const t = stressTests(inputs, { picked: [E, A] });

  test("lose the top k: revenue and share lost, margin, receivables (a credit balance counts 0), ECL, the HHI left", () => {
    const expected = [
      // k, revenue lost, share, margin, receivables, ECL, remaining HHI
      [1, 500, 0.5, 100, 200, 10, 10000 * (0.6 ** 2 + 0.3 ** 2 + 0.1 ** 2)], // B 300, C 150, D 50 of 500: 4,600
      [2, 800, 0.8, 190, 200, 10, 10000 * (0.75 ** 2 + 0.25 ** 2)], // C 150, D 50 of 200: 6,250
      [3, 950, 0.95, 220, 200, 10, 10000],
      [5, 1000, 1, 230, 240, 14, NaN], // k beyond the 4 positive customers loses them all; nobody remains
      [10, 1000, 1, 230, 240, 14, NaN],
    ];
    expect(t.totalPositive).toBe(1000);
    expect(t.topK.map((r) => r.k)).toEqual([1, 2, 3, 5, 10]);
    t.topK.forEach((r, i) => {
      const [, rev, share, margin, rec, ecl, hhi] = expected[i];
      close(r.revenueLost, rev);
      close(r.shareLost, share);
      close(r.marginLost, margin);
      close(r.receivablesExposed, rec);
      close(r.eclExposed, ecl);
      if (Number.isNaN(hhi)) {
        expect(r.remainingHhi).toBeNaN();
        expect(r.remainingBand).toBe("");
      } else close(r.remainingHhi, hhi);
    });
    expect(Array.from(t.topK[1].lost)).toEqual([A, B]);
    expect(t.topK[0].remainingBand).toBe("highly concentrated");
  });

  test("lose each customer with ≥ 5 % (D has exactly 5 %), then the picked ones; a picked large customer is marked", () => {
    expect(t.customers.map((r) => [r.customer, r.picked])).toEqual([
      [A, true],
      [B, false],
      [C, false],
      [D, false],
      [E, true],
    ]);
    const b = t.customers[1];
    close(b.shareLost, 0.3);
    close(b.remainingHhi, (10000 * (500 ** 2 + 150 ** 2 + 50 ** 2)) / 700 ** 2); // 5,612.2
    expect(b.receivablesExposed).toBe(0);
    // E nets −20: no revenue or share to lose, the HHI stays the snapshot's (50 %, 30 %, 15 %, 5 %: 3,650).
    const e = t.customers[4];
    expect([e.revenueLost, e.shareLost, e.marginLost, e.receivablesExposed, e.eclExposed]).toEqual([0, 0, -5, 10, 1]);
    close(e.remainingHhi, 3650);
  });

  test("without cost or credit inputs those figures are NaN, not 0", () => {
    const r = loseCustomers({ revenue: [50, 30, 20] }, [0]);
    close(r.remainingHhi, (10000 * (30 ** 2 + 20 ** 2)) / 50 ** 2); // 5,200
    expect(r.marginLost).toBeNaN();
    expect(r.receivablesExposed).toBeNaN();
    expect(r.eclExposed).toBeNaN();
  });

  test("margin per customer from the rows with a cost; ECL per customer by the provision matrix", () => {
    const l = makeLedger([
      { customer: "A", day: 1, amount: 100 },
      { customer: "A", day: 2, amount: 50 },
      { customer: "B", day: 3, amount: -20 },
    ]);
    l.cost = Float64Array.from([60, NaN, -12]);
    const m = marginByCustomer(l, 2);
    expect(Array.from(m.margin)).toEqual([40, -8]);
    expect(m.rowsWithoutCost).toBe(1);
    // Buckets: current (≤ 0 days), 1–30, > 30 at rates 1 %, 10 %, 50 %; items more than 90 days past due are written off.
    // A: 100 current and 50 at 20 days; B: 40 at 200 days (written off, no allowance) and a credit balance (0 net).
    const items = { rowOpenNet: [100, 50, 40, 0], rowDaysPastDue: [-5, 20, 200, 0], bounds: [0, 30], rates: [0.01, 0.1, 0.5], writeOffDays: 90 };
    const ecl = eclByCustomer([0, 0, 1, 1], 4, items, 2);
    close(ecl[0], 100 * 0.01 + 50 * 0.1);
    expect(ecl[1]).toBe(0);
  });
});

describe("dependence by group", () => {
  // North: A 500 − 50, B 100 → A 450 of 550. South: C 300 alone. East: A, D, E 200 each. Blank region: F −30.
  const rows = [
    { customer: "A", region: "North", amount: 500, overdue: 100 },
    { customer: "B", region: "North", amount: 100, overdue: 0 },
    { customer: "C", region: "South", amount: 300, overdue: 50 },
    { customer: "A", region: "East", amount: 200, overdue: 0 },
    { customer: "D", region: "East", amount: 200, overdue: 0 },
    { customer: "E", region: "East", amount: 200, overdue: 25 },
    { customer: "A", region: "North", amount: -50, overdue: 0 },
    { customer: "F", region: "", amount: -30, overdue: 0 },
  ];
  const ledger = makeLedger(rows.map((r, i) => ({ customer: r.customer, day: 100 + i, amount: r.amount })));
  const values = ["North", "South", "East", ""];
  const column = { codes: Int32Array.from(rows, (r) => values.indexOf(r.region)), values };
  const [A, , C] = [0, 1, 2];
  const g = dependenceByGroup(ledger, ledger.customers.length, column, { rowOverdue: rows.map((r) => r.overdue) });

  test("groups largest revenue first; revenues add up to the ledger's", () => {
    expect(g.map((x) => x.group)).toEqual(["East", "North", "South", ""]);
    expect(g.map((x) => x.revenue)).toEqual([600, 550, 300, -30]);
    close(g[0].revenueShare, 600 / 1420);
    expect(g.map((x) => x.overdue)).toEqual([25, 100, 50, 0]);
  });

  test("North hangs on A (450 of 550); South is one customer; East is spread evenly; the blank group has no share", () => {
    const [east, north, south, blank] = g;
    close(north.hhi, (10000 * (450 ** 2 + 100 ** 2)) / 550 ** 2); // 7,024.8
    expect([north.topCustomer, north.customers, north.flagged]).toEqual([A, 2, true]);
    close(north.topShare, 450 / 550);
    expect([south.customers, south.positiveCustomers, south.hhi, south.topCustomer, south.topShare, south.flagged]).toEqual([1, 1, 10000, C, 1, true]);
    expect(south.band).toBe("highly concentrated");
    close(east.hhi, 10000 / 3);
    expect([east.topCustomer, east.flagged]).toEqual([A, false]); // a three-way tie goes to the first customer in the ledger
    expect(east.band).toBe("highly concentrated");
    expect([blank.customers, blank.positiveCustomers, blank.topCustomer, blank.flagged, blank.band]).toEqual([1, 0, -1, false, ""]);
    expect(blank.hhi).toBeNaN();
  });

  test("without credit inputs overdue is NaN; the one-customer line is a parameter", () => {
    const h = dependenceByGroup(ledger, ledger.customers.length, column, { oneCustomerShare: 0.9 });
    expect(h.every((x) => Number.isNaN(x.overdue))).toBe(true);
    expect(h.filter((x) => x.flagged).map((x) => x.group)).toEqual(["South"]);
  });
});

describe("grouping columns found by header", () => {
  test("English headers, with bracketed notes and compound names", () => {
    const headers = ["Invoice No", "Customer", "Sales Region", "Account Manager", "Product Line (main)", "Distribution Channel", "Legal Entity", "Amount", "Description"];
    expect(detectGroupColumns(headers, new Set([0, 1, 7]))).toEqual([
      { column: 2, header: "Sales Region", kind: "region" },
      { column: 3, header: "Account Manager", kind: "salesRep" },
      { column: 4, header: "Product Line (main)", kind: "productLine" },
      { column: 5, header: "Distribution Channel", kind: "channel" },
      { column: 6, header: "Legal Entity", kind: "entity" },
    ]);
  });

  test("Chinese headers", () => {
    const headers = ["客户名称", "开票日期", "价税合计", "销售区域", "业务员", "产品线", "销售渠道", "签约主体", "所属事业部", "备注"];
    expect(detectGroupColumns(headers, new Set([0, 1, 2])).map((f) => [f.header, f.kind])).toEqual([
      ["销售区域", "region"],
      ["业务员", "salesRep"],
      ["产品线", "productLine"],
      ["销售渠道", "channel"],
      ["签约主体", "entity"],
      ["所属事业部", "entity"],
    ]);
  });

  test("the bundled sample's Region and Sales Rep; Online Retail's Country", () => {
    const sample = ["Invoice No", "Invoice Date", "Customer", "Region", "Sales Rep", "Amount", "Currency", "Due Date", "Paid Date", "Paid Amount", "Credit Limit", "Contract End"];
    expect(detectGroupColumns(sample, new Set([0, 1, 2, 5, 6, 7, 8, 9, 10, 11]))).toEqual([
      { column: 3, header: "Region", kind: "region" },
      { column: 4, header: "Sales Rep", kind: "salesRep" },
    ]);
    const retail = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
    expect(detectGroupColumns(retail, new Set([0, 3, 4, 5, 6]))).toEqual([{ column: 7, header: "Country", kind: "region" }]);
  });

  test("columns taken by ledger fields, duplicates and look-alikes are not groups", () => {
    expect(detectGroupColumns(["Region", "Amount", "Region"])).toEqual([{ column: 0, header: "Region", kind: "region" }]);
    expect(detectGroupColumns(["Region"], new Set([0]))).toEqual([]);
    for (const h of ["Regional Discount", "Customer Group", "Amount", "Invoice Date", "Status", "", "客户", "金额"]) expect(groupKindOfHeader(h)).toBeUndefined();
  });
});
