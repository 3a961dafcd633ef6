/**
 * The pane's flow without React, over the in-memory workbook holding the bundled sample ledger: Data → Columns →
 * Parameters → Run → Results, restored settings, a missing column, cancel.
 */
import * as fs from "fs";
import * as path from "path";
import { MemoryHost } from "../../src/workbook/memory/host";
import { loadCsv } from "../../src/workbook/memory/csv";
import { MemoryWorkbook } from "../../src/workbook/memory/workbook";
import { SETTINGS_KEY } from "../../src/workbook/port";
import { PaneStore } from "../../src/taskpane/store";
import { defaultForm, validateForm } from "../../src/taskpane/state/params";
import { readSavedSettings, settingsFromAbout } from "../../src/taskpane/state/settings";

const SAMPLE = path.resolve(__dirname, "../../assets/sample-ledger.csv");

function sampleWorkbook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  loadCsv(wb, "Ledger", fs.readFileSync(SAMPLE, "utf8"));
  return wb;
}

describe("pane flow over the in-memory workbook", () => {
  test("data → columns → parameters → run → results on the sample ledger", async () => {
    const wb = sampleWorkbook();
    const store = new PaneStore(new MemoryHost(wb), "en");
    await store.init();
    let s = store.getState();
    expect(s.location?.kind).toBe("region");
    expect(s.location?.rows).toBe(26_057);
    expect(s.location?.cols).toBe(12);
    await store.goColumns();
    s = store.getState();
    expect(s.page).toBe("columns");
    expect(s.detection?.missing).toEqual([]);
    expect(s.detection?.mapping.customer).toBe(2);
    expect(s.issues).toEqual([]); // every detected column of the sample fits its field
    await store.goParameters();
    s = store.getState();
    expect(s.page).toBe("parameters");
    expect(s.ledger?.read).toBe(26_056);
    expect(store.defaultAsOf()).toBe("2025-12-31");
    await store.run();
    s = store.getState();
    expect(s.problem).toBeUndefined();
    expect(s.page).toBe("results");
    expect(s.results?.written.map((w) => w.name)).toEqual(expect.arrayContaining(["KA Summary", "KA Accounts", "KA About"]));
    expect(s.results?.json.customers).toBe(301);
    // Settings saved with the workbook, and readable back.
    const saved = readSavedSettings(wb.settings[SETTINGS_KEY]);
    expect(saved?.source?.sheet).toBe("Ledger");
    expect(saved?.params?.bins).toBe(5);
  }, 60_000);

  test("a ledger without an amount column: the Columns page knows why", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Sheet1", [["Customer", "Date", "Region"], ["A", "2024-01-02", "East"], ["B", "2024-01-03", "West"]]);
    wb.selection = { sheet: "Sheet1", row: 0, col: 0, rows: 1, cols: 1 };
    const store = new PaneStore(new MemoryHost(wb), "en");
    await store.init();
    await store.goColumns();
    const s = store.getState();
    expect(s.detection?.missing).toEqual(["amount"]);
    await store.goParameters();
    expect(store.getState().page).toBe("columns");
  });

  test("the Columns page refuses a text column as amount, a non-date column as date, and one column for two fields", async () => {
    const wb = new MemoryWorkbook();
    // The ledger starts at B3, so the example cells are named as the sheet shows them.
    wb.addSheet("Sheet1", [
      [],
      [],
      [null, "Client", "Invoice Date", "Region", "Sales Rep", "Amount"],
      [null, "Acme Ltd", "2024-01-05", "East", "Wang Li", 120.5],
      [null, "Beta GmbH", "2024-02-11", "West", "", "80"],
    ]);
    wb.selection = { sheet: "Sheet1", row: 2, col: 1, rows: 1, cols: 1 };
    const store = new PaneStore(new MemoryHost(wb), "en");
    await store.init();
    await store.goColumns();
    expect(store.getState().detection?.mapping).toMatchObject({ customer: 0, date: 1, amount: 4 });
    expect(store.getState().issues).toEqual([]);

    store.setColumn("amount", 3); // Sales Rep
    expect(store.getState().issues).toEqual([{ kind: "notNumber", field: "amount", column: "E", header: "Sales Rep", example: { address: "E4", text: "Wang Li" } }]);
    await store.goParameters();
    expect(store.getState().page).toBe("columns");

    store.setColumn("amount", 4);
    store.setColumn("date", 2); // Region
    expect(store.getState().issues).toEqual([{ kind: "notDate", field: "date", column: "D", header: "Region", example: { address: "D4", text: "East" } }]);

    store.setColumn("date", 1);
    store.setColumn("amount", 0); // the customer's column: both keep it, and the clash is shown
    const s = store.getState();
    expect(s.detection?.mapping).toMatchObject({ customer: 0, amount: 0 });
    expect(s.issues[0]).toEqual({ kind: "clash", fields: expect.arrayContaining(["customer", "amount"]), column: "B", header: "Client" });
    expect(s.issues.map((i) => i.kind)).toEqual(["clash", "notNumber"]);

    // Moving the amount back loses nothing: the customer is still column B.
    store.setColumn("amount", 4);
    expect(store.getState().detection?.mapping).toMatchObject({ customer: 0, date: 1, amount: 4 });
    expect(store.getState().issues).toEqual([]);
    await store.goParameters();
    expect(store.getState().page).toBe("parameters");
    expect(store.getState().ledger?.used).toBe(2);
  });

  test("numbers that read with either decimal mark: the Columns page asks, and the choice is used and saved", async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet("Sheet1", [["Customer", "Date", "Amount"], ["A", "2024-01-02", "1,250"], ["B", "2024-01-03", "2,500"], ["A", "2024-02-03", "500"]]);
    wb.selection = { sheet: "Sheet1", row: 0, col: 0, rows: 1, cols: 1 };
    const store = new PaneStore(new MemoryHost(wb), "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    let s = store.getState();
    expect(s.page).toBe("columns");
    expect(s.problem?.code).toBe("ambiguousNumberFormat");
    expect(s.needsDecimal).toBe(true);
    store.setDecimal(",");
    await store.goParameters();
    s = store.getState();
    expect(s.page).toBe("parameters");
    const { amount, sourceRow } = s.ledger!; // rows grouped by customer: put them back in sheet order
    expect(Array.from(sourceRow, (row, i) => [row, amount[i]]).sort((x, y) => x[0] - y[0]).map((x) => x[1])).toEqual([1.25, 2.5, 500]);
    await store.run();
    expect(readSavedSettings(wb.settings[SETTINGS_KEY])?.decimal).toBe(",");
  });

  test("choices restored from the document settings, or from KA About when those are lost", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb);
    const first = new PaneStore(host, "en");
    await first.init();
    await first.goColumns();
    first.setColumn("segmentBy", 3); // Region
    await first.goParameters();
    first.setParam("bins", "4");
    first.setParam("unit", "month");
    await first.run();
    expect(first.getState().page).toBe("results");

    const second = new PaneStore(host, "en");
    await second.init();
    expect(second.getState().notice).toBe("restored");
    expect(second.getState().form.bins).toBe("4");
    await second.goColumns();
    expect(second.getState().detection?.mapping.segmentBy).toBe(3);

    delete wb.settings[SETTINGS_KEY];
    const stored = await host.loadSettings();
    const fromAbout = settingsFromAbout(stored.about!);
    expect(fromAbout?.params?.bins).toBe(4);
    expect(fromAbout?.params?.unit).toBe("month");
    expect(fromAbout?.map?.customer).toBe("Customer");
    const third = new PaneStore(host, "en");
    await third.init();
    expect(third.getState().form.unit).toBe("month");
  }, 60_000);

  test("cancel during the write leaves the workbook as it was and returns to Parameters", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb, { writeDelayMs: 20 });
    const store = new PaneStore(host, "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    const before = wb.snapshot();
    const running = store.run();
    await new Promise<void>((resolve) => {
      const off = store.subscribe(() => {
        if (store.getState().run?.stage === "writing") {
          off();
          resolve();
        }
      });
    });
    store.cancel();
    await running;
    expect(store.getState().page).toBe("parameters");
    expect(store.getState().notice).toBe("cancelled");
    expect(wb.snapshot()).toEqual(before);
  }, 60_000);

  test("typing a loss rate means using it: the method becomes 'given' and KA About holds the rate", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb);
    const store = new PaneStore(host, "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    expect(store.getState().form.lossRateMethod).toBe("auto");
    store.setLossRate(0, "1.5");
    expect(store.getState().form.lossRateMethod).toBe("given");
    await store.run();
    expect(store.getState().page).toBe("results");
    const about = (await host.loadSettings()).about;
    expect(about?.names.KA_LossRate_1).toBeCloseTo(0.015, 12);
    expect(readSavedSettings(wb.settings[SETTINGS_KEY])?.params?.lossRateMethod).toBe("given");
  }, 60_000);

  test("aging buckets and the compare date: one loss-rate box per bucket, the run writes them, KA About restores them", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb);
    const store = new PaneStore(host, "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    // 30,60,90,180,365 → seven buckets: the five boxes become seven, with the illustrative rates of those buckets.
    store.setAging("30,60,90,180,365");
    expect(store.getState().form.lossRates).toEqual(["0.3", "1.6", "3.6", "6.6", "10.6", "10.6", "10.6"]);
    store.setAging("30,60,"); // half typed: already a valid list (Current, 1–30, 31–60, > 60), so four boxes
    expect(store.getState().form.lossRates).toHaveLength(4);
    store.setAging("30,60,90,180,365");
    store.setLossRate(6, "40");
    store.setParam("compareAsOf", "2025-06-30");
    expect(validateForm(store.getState().form)).toEqual({});
    await store.run();
    expect(store.getState().page).toBe("results");
    // The workbook: seven rate cells, the buckets as typed, the movement from the compare date.
    const about = (await host.loadSettings()).about!;
    expect(about.names.KA_AgingBounds).toBe("30,60,90,180,365");
    expect(about.names.KA_LossRate_7).toBeCloseTo(0.4, 12);
    const aging = wb.sheets.find((x) => x.name === "KA Aging")!;
    expect(JSON.stringify(aging.values)).toContain("181–365");
    expect(JSON.stringify(aging.values)).toContain("Loss-allowance movement, 2025-06-30 to 2025-12-31");
    // Saved settings and, when those are lost, KA About give the same buckets and rates back.
    expect(readSavedSettings(wb.settings[SETTINGS_KEY])?.params?.aging).toEqual([0, 30, 60, 90, 180, 365]);
    expect(readSavedSettings(wb.settings[SETTINGS_KEY])?.params?.compareAsOf).toBe("2025-06-30");
    const fromAbout = settingsFromAbout(about);
    expect(fromAbout?.params?.aging).toEqual([0, 30, 60, 90, 180, 365]);
    expect(fromAbout?.params?.lossRates).toHaveLength(7);
    delete wb.settings[SETTINGS_KEY];
    const again = new PaneStore(host, "en");
    await again.init();
    expect(again.getState().form.aging).toBe("30,60,90,180,365");
    expect(again.getState().form.lossRates[6]).toBe("40");
  }, 60_000);

  test("form validation", () => {
    const f = defaultForm();
    expect(validateForm(f)).toEqual({});
    expect(validateForm({ ...f, bins: "1" })).toEqual({ bins: true });
    expect(validateForm({ ...f, abcA: "96" })).toEqual({ abc: true });
    expect(validateForm({ ...f, asOf: "2025-02-30" })).toEqual({ asOf: true });
    expect(validateForm({ ...f, lossRates: ["0.3", "x", "3.6", "6.6", "101"] })).toEqual({ loss1: true, loss4: true });
    expect(validateForm({ ...f, aging: "30,20" })).toEqual({ aging: true });
    expect(validateForm({ ...f, aging: "30,60,90,180" })).toEqual({ aging: true }); // six buckets, five rates
    expect(validateForm({ ...f, compareAsOf: "30/06/2025" })).toEqual({ compareAsOf: true });
  });
});

describe("forecast and dependence parameters through the pane's flow (issues 13, 14)", () => {
  test("hold-out months, a forced model, monthly trend, no grouping, an extra stress customer: the run uses them, KA About and the settings keep them", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb);
    const store = new PaneStore(host, "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    // The sample spans 2023-01-02 to 2025-12-31, 1,094 days = 35.9 months: left alone, the engine holds out the last
    // third in whole months, 11, and the page shows that.
    expect(store.defaultHoldout()).toBe(11);
    store.setHoldoutMonths("6");
    // Forced BG/NBD (on the sample Pareto/NBD does not converge, so forcing it falls back and says so).
    store.setParam("model", "bgnbd");
    store.setParam("trendPeriod", "month");
    store.setParam("groupBy", []);
    store.setParam("stressCustomers", "Nobody Ltd");
    await store.run();
    const s = store.getState();
    expect(s.problem).toBeUndefined();
    const j = s.results!.json;
    expect(j.backtest?.calibrationEnd).toBe("2025-06-30"); // six months before 2025-12-31
    expect(j.clv?.model).toMatchObject({ name: "bgnbd", criterion: "forced" });
    expect(j.dependence?.trendPeriod).toBe("month");
    expect(j.dependence?.groups).toEqual([]);
    expect(s.results!.warnings.join("\n")).toContain("no customer named 'Nobody Ltd'");
    const about = (await host.loadSettings()).about!;
    expect(about.names.KA_HoldoutMonths).toBe(6);
    expect(about.names.KA_ForecastModel).toBe("bgnbd");
    const saved = readSavedSettings(wb.settings[SETTINGS_KEY])?.params;
    expect(saved).toMatchObject({ holdoutMonths: 6, model: "bgnbd", trendPeriod: "month", groupBy: [], stressCustomers: ["Nobody Ltd"] });
    // The ledger was read again without its grouping columns, and is the Parameters page's ledger now.
    expect(s.ledger?.groups ?? []).toEqual([]);
    // Switching the test off: no backtest.
    store.setHoldout(false);
    await store.run();
    expect(store.getState().results!.json.backtest ?? null).toBeNull();
  }, 120_000);

  test("the Results page's customer: its rows total its Accounts revenue, and they are selected in the ledger's sheet", async () => {
    const wb = sampleWorkbook();
    const host = new MemoryHost(wb);
    const store = new PaneStore(host, "en");
    await store.init();
    await store.goColumns();
    await store.goParameters();
    await store.run();
    const r = store.getState().results!;
    // The pane's workbook has the drill-down over the user's own sheet.
    expect(r.written.map((w) => w.role)).toEqual(expect.arrayContaining(["rows", "drill"]));
    const drill = r.drill!;
    const third = drill.byRevenue[2];
    await store.pickCustomer(third);
    const p = store.getState().picked!;
    expect(p.name).toBe(drill.customers.names[third]);
    expect(Math.abs(p.rows.total - p.revenue)).toBeLessThan(1e-6 * Math.abs(p.revenue));
    // The selection: the ledger's sheet, the rows of that customer in the sheet (the sample's rows read independently).
    const ledgerSheet = wb.sheet("Ledger")!;
    const customerCol = (ledgerSheet.values[0] as string[]).indexOf("Customer");
    const amountCol = (ledgerSheet.values[0] as string[]).indexOf("Amount");
    const sel = wb.selection!;
    expect(sel.sheet).toBe("Ledger");
    const areas = sel.areas ?? [sel];
    const selectedRows: number[] = [];
    for (const a of areas) {
      expect(a.col).toBe(0);
      expect(a.cols).toBe(12);
      for (let k = 0; k < a.rows; k++) selectedRows.push(a.row + k);
    }
    expect(selectedRows.length).toBe(p.selection.rows);
    const sheetRows = ledgerSheet.values.map((row, i) => (i > 0 && row[customerCol] === p.name ? i : -1)).filter((i) => i > 0);
    // Its rows are the sheet's rows of that customer (1-based sheet rows), and they add up to its revenue.
    expect(p.rows.sheetRows).toEqual(sheetRows.map((i) => i + 1));
    const total = sheetRows.reduce((a, i) => a + Number(ledgerSheet.values[i][amountCol]), 0);
    expect(Math.abs(total - p.revenue)).toBeLessThan(1e-6 * Math.abs(p.revenue));
    // The selection is those rows, from the first, as many as fit one multi-area address.
    expect(selectedRows.length).toBeGreaterThan(0);
    expect(selectedRows).toEqual(sheetRows.slice(0, selectedRows.length));
    expect(p.selection.address.length).toBeLessThanOrEqual(2000);
  }, 120_000);
});
