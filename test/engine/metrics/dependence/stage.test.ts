/**
 * Grouping columns read with the ledger, and the dependence stage on the bundled sample ledger: its parts agree with
 * the snapshot (CR_k, revenue, overdue) and with each other.
 */
import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import { ingestGrid } from "../../../../src/engine/ledger";
import type { RawCell } from "../../../../src/engine/ledger";
import { analyze } from "../../../../src/engine/analysis";
import { analysedLedger, loseCustomers, rowsOfCustomer } from "../../../../src/engine/metrics/dependence";
import { isKaProblem } from "../../../../src/engine/problems";

const SAMPLE = path.resolve(__dirname, "../../../../assets/sample-ledger.csv");

describe("grouping columns read with the ledger", () => {
  test("Chinese headers: values compared as customer keys, blanks and error cells kept as a blank group, excluded rows left out", () => {
    const grid: RawCell[][] = [
      ["客户名称", "开票日期", "价税合计", "销售区域", "业务员"],
      ["甲公司", "2024-01-05", 100, "华东", "王伟"],
      ["乙公司", "2024-01-06", 50, " 华东 ", "李娜"],
      ["丙公司", "2024-01-07", 30, null, "#N/A"],
      ["丁公司", "not a date", 30, "华南", "王伟"],
      ["甲公司", "2024-02-01", 20, "华北", "王伟"],
    ];
    const l = ingestGrid(grid);
    expect(l.groups!.map((g) => [g.header, g.kind, g.column])).toEqual([
      ["销售区域", "region", 3],
      ["业务员", "salesRep", 4],
    ]);
    const [region, rep] = l.groups!;
    expect(region.values).toEqual(["华东", "", "华北"]); // 华南 was only on the excluded row
    // Rows come grouped by customer: read the codes in sheet-row order.
    const bySheetRow = (codes: Int32Array) => Array.from(l.sourceRow, (row, i) => [row, codes[i]]).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
    expect(bySheetRow(region.codes)).toEqual([0, 0, 1, 2]);
    expect(rep.values).toEqual(["王伟", "李娜", ""]);
    expect(bySheetRow(rep.codes)).toEqual([0, 1, 2, 0]);
    expect(l.notes.some((n) => n.startsWith("group (业务员): 1 cell with an error value (row 4)"))).toBe(true);
  });

  test("groupBy chooses columns by header or index (any header: kind other); [] reads none; a missing header is a clear error", () => {
    const grid: RawCell[][] = [
      ["Customer", "Date", "Amount", "Region", "Industry"],
      ["A", "2024-01-05", 1, "North", "Retail"],
    ];
    expect(ingestGrid(grid).groups!.map((g) => g.header)).toEqual(["Region"]);
    expect(ingestGrid(grid, { groupBy: ["industry", 3] }).groups!.map((g) => [g.header, g.kind])).toEqual([
      ["Industry", "other"],
      ["Region", "region"],
    ]);
    expect(ingestGrid(grid, { groupBy: [] }).groups).toBeUndefined();
    let thrown: unknown;
    try {
      ingestGrid(grid, { groupBy: ["Channel"] });
    } catch (e) {
      thrown = e;
    }
    expect(isKaProblem(thrown) && thrown.problem).toMatchObject({ code: "badArgument", path: "groupBy" });
    expect((thrown as Error).message).toContain("'Channel'");
  });
});

describe("the dependence stage on the bundled sample", () => {
  const grid = Papa.parse<string[]>(fs.readFileSync(SAMPLE, "utf8"), { skipEmptyLines: true }).data;
  const ledgerPromise = Promise.resolve(ingestGrid(grid));
  const analysis = ledgerPromise.then((l) => analyze(l));

  test("Region and Sales Rep are detected and analysed; group revenues and overdue add up to the ledger's", async () => {
    const a = await analysis;
    const dep = a.dependence!;
    expect(dep.groups.map((g) => [g.header, g.kind])).toEqual([
      ["Region", "region"],
      ["Sales Rep", "salesRep"],
    ]);
    const [region, rep] = dep.groups;
    expect(region.groups.map((g) => g.group).sort()).toEqual(["East", "North", "South", "West"]);
    expect(rep.groups).toHaveLength(8);
    for (const block of dep.groups) {
      const revenue = block.groups.reduce((s, g) => s + g.revenue, 0);
      expect(Math.abs(revenue - a.revenue) / a.revenue).toBeLessThan(1e-12);
      const overdue = block.groups.reduce((s, g) => s + g.overdue, 0);
      expect(Math.abs(overdue - a.credit!.overdueTotal)).toBeLessThan(1e-6);
      // One region per customer in the sample: the customers of the groups add up to all customers.
      expect(block.groups.reduce((s, g) => s + g.customers, 0)).toBe(a.customers.n);
    }
  });

  test("each customer's rows (drill-down) sum to its revenue; together they are every used row once", async () => {
    const a = await analysis;
    const l = analysedLedger(await ledgerPromise, a);
    const seen = new Set<number>();
    for (let c = 0; c < a.customers.n; c++) {
      const r = rowsOfCustomer(l, a.customers, c);
      expect(Math.abs(r.total - a.customers.revenue[c])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.customers.revenue[c])));
      expect(r.runs.reduce((s, [x, y]) => s + y - x + 1, 0)).toBe(r.sheetRows.length);
      for (const row of r.sheetRows) seen.add(row);
    }
    expect(seen.size).toBe(a.ledger.used);
  });

  test("quarters 2023-Q1 … 2025-Q4; the last rolling year's HHI is the snapshot's when the ledger is one year", async () => {
    const a = await analysis;
    const t = a.dependence!.trend;
    expect(t.rows.map((r) => r.period)).toEqual(["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    const total = t.rows.reduce((s, r) => s + r.revenue, 0);
    expect(Math.abs(total - a.revenue) / a.revenue).toBeLessThan(1e-12);
    // A ledger cut to 2025: its one rolling year ending 2025-12 is the whole ledger, so it must equal the snapshot.
    const l = await ledgerPromise;
    const cut = ingestGrid([grid[0], ...grid.slice(1).filter((r) => r[1] >= "2025-01-01")]);
    const b = await analyze(cut, { trendBasis: "rolling12", trendPeriod: "month" });
    const last = b.dependence!.trend.rows.at(-1)!;
    expect(Math.abs(last.hhi - b.concentration!.hhi) / b.concentration!.hhi).toBeLessThan(1e-12);
    expect(Math.abs(last.gini - b.concentration!.gini)).toBeLessThan(1e-12);
    expect(l.used).toBeGreaterThan(cut.used);
  });

  test("stress: top k loses CR_k; shifts are covered (three years); picked names compare as customer keys", async () => {
    const a = await analysis;
    const k = a.concentration!;
    const s = a.dependence!.stress;
    const cr = new Map([
      [1, k.cr1],
      [5, k.cr5],
      [10, k.cr10],
    ]);
    for (const r of s.topK) if (cr.has(r.k)) expect(Math.abs(r.shareLost - cr.get(r.k)!)).toBeLessThan(1e-12);
    for (const r of s.topK) expect(r.receivablesExposed).toBeGreaterThanOrEqual(0);
    // The customers' ECLs add up to the portfolio's allowance; losing everyone exposes all of it.
    const ecl = a.dependence!.ecl!;
    expect(Math.abs(ecl.reduce((x, y) => x + y, 0) - a.credit!.ecl)).toBeLessThan(1e-6);
    const all = loseCustomers(
      { revenue: a.customers.revenue, ecl, openBalance: a.credit!.openBalance },
      Array.from({ length: a.customers.n }, (_, c) => c),
    );
    expect(Math.abs(all.eclExposed - a.credit!.ecl)).toBeLessThan(1e-6);
    expect(a.dependence!.shifts.covered).toBe(true);
    const name = a.customers.names[k.order[20]];
    // A 0.5 pp rising-dependence threshold (none rises 5 pp in the sample).
    const b = await analyze(await ledgerPromise, { stressCustomers: [`  ${name.toUpperCase()} `, "Nobody Ltd"], risingShare: 0.005 });
    expect(a.risk!.alertCounts.risingDependence).toBe(a.dependence!.shifts.rising.length);
    // KA Alerts (the risk stage, after this one) raises rising dependence for exactly the shifts' rising customers.
    const risingAlerts = b.risk!.alerts.filter((x) => x.reason === "risingDependence");
    const byHand = Array.from(b.dependence!.shifts.change.keys()).filter((c) => {
      const sh = b.dependence!.shifts;
      const now = Number.isFinite(sh.shareNow[c]) ? sh.shareNow[c] : 0;
      const then = Number.isFinite(sh.shareThen[c]) ? sh.shareThen[c] : 0;
      return now - then >= 0.005 - 1e-12 || (now >= 0.1 && then < 0.1);
    });
    expect(risingAlerts.map((x) => x.customer).sort((x, y) => x - y)).toEqual(byHand);
    expect(risingAlerts.length).toBeGreaterThan(1);
    expect(b.risk!.alertCounts.risingDependence).toBe(risingAlerts.length);
    const picked = b.dependence!.stress.customers.filter((c) => c.picked);
    expect(picked.map((c) => c.customer)).toEqual([k.order[20]]);
    expect(b.dependence!.unknownPicks).toEqual(["Nobody Ltd"]);
    expect(b.warnings.some((w) => w.code === "stressCustomerUnknown")).toBe(true);
  });
});
