/**
 * The Parameters page's forecast and dependence fields (issues 13 and 14): hold-out months and the forced model,
 * the trend period and basis, grouping columns, extra stress customers — their validation, their conversion to the
 * engine's Params, their saved form and its reading back (document settings and KA About); and the Results page's
 * drill helpers (the customer picker's order, the multi-area selection address).
 */
import { calibrationEnd, monthsBefore } from "../../src/engine/analysis/clv";
import { resolveParams } from "../../src/engine/analysis";
import { dayFromIso, isoFromDay } from "../../src/engine/day";
import { pickerCustomers, selectionAddress } from "../../src/taskpane/state/drill";
import { groupByForRead, groupChoices } from "../../src/taskpane/state/mapping";
import { defaultForm, defaultHoldoutMonths, formFromSaved, paramsFromForm, savedFromForm, stressNames, validateForm } from "../../src/taskpane/state/params";
import { readSavedSettings, settingsFromAbout, settingsToSave } from "../../src/taskpane/state/settings";

/** A ledger of one positive purchase a month from `first` to `last` (yyyy-mm-dd), as the hold-out rule reads it. */
function monthly(first: string, months: number): { day: Int32Array; amount: Float64Array; used: number; last: number } {
  const d0 = dayFromIso(first)!;
  const days = Array.from({ length: months }, (_, k) => monthsBefore(d0, -k));
  return { day: Int32Array.from(days), amount: new Float64Array(months).fill(100), used: months, last: days[months - 1] };
}

describe("forecast fields: hold-out test and model", () => {
  test("left alone, the hold-out is the engine's default (undefined in Params); off is 0; on is the months typed", () => {
    const f = defaultForm();
    expect(f.holdoutOn).toBeUndefined();
    expect(paramsFromForm(f).holdoutMonths).toBeUndefined();
    expect(paramsFromForm({ ...f, holdoutOn: false, holdoutMonths: "9" }).holdoutMonths).toBe(0);
    expect(paramsFromForm({ ...f, holdoutOn: true, holdoutMonths: " 9 " }).holdoutMonths).toBe(9);
  });

  test("months are checked only when the test is on: a whole number from 1 to 120", () => {
    const f = defaultForm();
    for (const bad of ["", "0", "-3", "2.5", "x", "121"]) expect(validateForm({ ...f, holdoutOn: true, holdoutMonths: bad })).toEqual({ holdoutMonths: true });
    for (const good of ["1", "12", "120"]) expect(validateForm({ ...f, holdoutOn: true, holdoutMonths: good })).toEqual({});
    expect(validateForm({ ...f, holdoutOn: false, holdoutMonths: "x" })).toEqual({});
    expect(validateForm({ ...f, holdoutOn: undefined, holdoutMonths: "" })).toEqual({});
  });

  test("the model: auto leaves it to the engine, a forced one goes through", () => {
    expect(paramsFromForm(defaultForm()).model).toBeUndefined();
    expect(paramsFromForm({ ...defaultForm(), model: "paretonbd" }).model).toBe("paretonbd");
    expect(paramsFromForm({ ...defaultForm(), model: "bgnbd" }).model).toBe("bgnbd");
  });

  test("the default the page shows is the engine's own cut, in months before as-of (none under 18 months)", () => {
    // Spans in days over 30.4375 a month: 1,096 days (36.0 months) → the last third, at most 12 → 12; 761 days
    // (25.0) → 8; 577 days (18.96) → 6; 17 months → none.
    for (const [months, expected] of [[37, 12], [26, 8], [20, 6], [18, undefined]] as const) {
      const l = monthly("2022-01-15", months);
      const got = defaultHoldoutMonths(l, l.last);
      expect(got).toBe(expected);
      // The same cut as the engine's rule when the months are left undefined.
      const cut = calibrationEnd({ params: resolveParams({}), asOf: l.last }, l).day;
      expect(cut === undefined ? undefined : isoFromDay(cut)).toBe(got === undefined ? undefined : isoFromDay(monthsBefore(l.last, got)));
    }
  });
});

describe("dependence fields: trend, grouping columns, stress customers", () => {
  test("trend period and basis go to Params as chosen (default: quarter, each period alone)", () => {
    expect(paramsFromForm(defaultForm())).toMatchObject({ trendPeriod: "quarter", trendBasis: "period" });
    expect(paramsFromForm({ ...defaultForm(), trendPeriod: "month", trendBasis: "rolling12" })).toMatchObject({ trendPeriod: "month", trendBasis: "rolling12" });
  });

  test("stress customers: one a line, trimmed, blank lines and repeats dropped", () => {
    expect(stressNames("  Acme Ltd \n\n Beta GmbH\r\nAcme Ltd\n")).toEqual(["Acme Ltd", "Beta GmbH"]);
    expect(paramsFromForm({ ...defaultForm(), stressCustomers: "Acme Ltd\nBeta GmbH" }).stressCustomers).toEqual(["Acme Ltd", "Beta GmbH"]);
    expect(paramsFromForm(defaultForm()).stressCustomers).toEqual([]);
  });

  test("grouping columns on offer: the headed columns not mapped to a field; detected ones by header, as the engine detects them", () => {
    const header = ["Invoice", "Date", "Customer", "Region", "Sales Rep", "Amount", "", "Notes", "region"];
    const { choices, detected } = groupChoices(header, { invoice: 0, date: 1, customer: 2, amount: 5 });
    expect(choices.map((c) => c.header)).toEqual(["Region", "Sales Rep", "Notes"]); // blank and repeated headers left out
    expect(detected).toEqual(["Region", "Sales Rep"]);
    // A column mapped to a field is not offered (a Region used as the segment column stays a field); the later
    // "region" column then is the region, as the engine reads it.
    expect(groupChoices(header, { customer: 2, amount: 5, segmentBy: 3 }).detected).toEqual(["Sales Rep", "region"]);
  });

  test("grouping columns to read with: the chosen headers this header row still has; undefined keeps detection", () => {
    const header = ["Customer", "Region", "Amount"];
    expect(groupByForRead(undefined, header)).toBeUndefined();
    expect(groupByForRead([], header)).toEqual([]);
    expect(groupByForRead(["region ", "Sales Rep"], header)).toEqual(["region "]);
  });
});

describe("saving and restoring the new fields", () => {
  const source = { kind: "sheet", sheet: "Ledger", address: "A1:L20" } as const;

  test("saved with the other parameters and read back into the same form", () => {
    const f = { ...defaultForm(), holdoutOn: true, holdoutMonths: "9", model: "paretonbd" as const, trendPeriod: "month" as const, trendBasis: "rolling12" as const, groupBy: ["Sales Rep"], stressCustomers: "Acme Ltd\nBeta GmbH" };
    const saved = savedFromForm(f);
    expect(saved).toMatchObject({ holdoutMonths: 9, model: "paretonbd", trendPeriod: "month", trendBasis: "rolling12", groupBy: ["Sales Rep"], stressCustomers: ["Acme Ltd", "Beta GmbH"] });
    const back = readSavedSettings(JSON.parse(JSON.stringify(settingsToSave(source as never, {}, undefined, saved))));
    expect(formFromSaved(back?.params)).toEqual(f);
  });

  test("the defaults save as absent, so they stay defaults; off saves as 0 months and comes back off; no grouping saves as []", () => {
    const saved = savedFromForm(defaultForm());
    for (const k of ["holdoutMonths", "model", "groupBy", "stressCustomers"] as const) expect(saved[k]).toBeUndefined();
    expect(formFromSaved(saved)).toEqual(defaultForm());
    const off = savedFromForm({ ...defaultForm(), holdoutOn: false, groupBy: [] });
    expect(off).toMatchObject({ holdoutMonths: 0, groupBy: [] });
    expect(formFromSaved(off)).toMatchObject({ holdoutOn: false, holdoutMonths: "", groupBy: [] });
  });

  test("damaged values are dropped field by field", () => {
    const back = readSavedSettings({ v: 1, params: { holdoutMonths: 2.5, model: "lifetimes", trendPeriod: "week", trendBasis: "rolling12", groupBy: "Region", stressCustomers: ["Acme", 3] } });
    expect(back?.params).toEqual({ trendBasis: "rolling12" });
  });

  test("from KA About: KA_HoldoutMonths and KA_ForecastModel as the report writes them ('auto' keeps the default)", () => {
    expect(settingsFromAbout({ names: { KA_HoldoutMonths: 6, KA_ForecastModel: "bgnbd" }, pairs: [] })?.params).toMatchObject({ holdoutMonths: 6, model: "bgnbd" });
    expect(settingsFromAbout({ names: { KA_Bins: 5, KA_HoldoutMonths: "auto", KA_ForecastModel: "自动" }, pairs: [] })?.params).toEqual({ bins: 5 });
  });
});

describe("Results drill helpers", () => {
  test("the picker lists customers largest revenue first (KA Accounts' order)", () => {
    const d = {
      customers: { names: ["A", "B", "C"], revenue: Float64Array.from([10, 30, 20]), order: new Int32Array(0), start: new Int32Array(4) },
      byRevenue: Int32Array.from([1, 2, 0]),
    };
    expect(pickerCustomers(d as never).map((c) => c.name)).toEqual(["B", "C", "A"]);
  });

  test("the selection: the ledger's columns at each run of rows, as many runs as fit the address length", () => {
    expect(selectionAddress("B1:M500", [[2, 4], [9, 9], [20, 21]])).toEqual({ address: "B2:M4,B9:M9,B20:M21", rows: 6 });
    // "B2:M4" is 5 characters, ",B9:M9" 6 more: at most 11 characters take the first two runs.
    expect(selectionAddress("B1:M500", [[2, 4], [9, 9], [20, 21]], 11)).toEqual({ address: "B2:M4,B9:M9", rows: 4 });
    // The first run is always selected.
    expect(selectionAddress("A1:C9", [[2, 2]], 1)).toEqual({ address: "A2:C2", rows: 1 });
  });
});
