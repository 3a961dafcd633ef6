/**
 * The pane's saved settings (src/taskpane/state/settings.ts): one schema that types them and checks them when read
 * back — a damaged or foreign value is dropped field by field, never trusted — and the same rules for the settings
 * recovered from KA About.
 */
import { readSavedSettings, SAVED_SETTINGS, settingsFromAbout, settingsToSave } from "../../src/taskpane/state/settings";

const good = {
  v: 1,
  source: { kind: "table", sheet: "Sales", address: "A1:H200", table: "Ledger" },
  map: { customer: "Client", balance: "" },
  dateOrder: "dmy",
  params: { asOf: "2024-12-31", unit: "month", bins: 4, abcA: 0.7, abcB: 0.9, lossRates: [0.01, 0.02, 0.04, 0.08, 0.16], lossRateMethod: "given", aging: [0, 30, 60, 90, 180], compareAsOf: "2024-06-30" },
};

describe("saved settings read back", () => {
  test("settings as the pane saves them come back whole (through JSON, as the document stores them)", () => {
    const saved = settingsToSave(good.source as never, good.map, "dmy", good.params as never);
    expect(readSavedSettings(JSON.parse(JSON.stringify(saved)))).toEqual(good);
  });

  test("not version-1 settings (missing, another version, not an object): nothing is restored", () => {
    for (const v of [undefined, null, "x", 42, [], {}, { ...good, v: 2 }]) expect(readSavedSettings(v)).toBeUndefined();
  });

  test("a damaged field is dropped and the others are kept", () => {
    const damaged = {
      ...good,
      source: { kind: "cloud", sheet: "Sales", address: "A1" }, // no such kind
      dateOrder: "ymd",
      map: { customer: "Client", nonsense: "X", amount: 7 }, // an unknown field, a header that is not text
      params: { ...good.params, asOf: "2024-02-30", unit: "year", bins: "4", lossRates: [0.01, "2%"], abcA: Number.NaN, aging: [0, 60, 30], compareAsOf: "30/06/2024" },
      extra: { anything: true },
    };
    expect(readSavedSettings(damaged)).toEqual({
      v: 1,
      map: { customer: "Client" },
      params: { abcB: 0.9, lossRateMethod: "given" },
    });
  });

  test("the schema types what the store uses (a compile-time check) and rejects what the version does not allow", () => {
    expect(SAVED_SETTINGS.safeParse({ v: 1 }).success).toBe(true);
    expect(SAVED_SETTINGS.safeParse({ v: "1" }).success).toBe(false);
  });
});

describe("settings recovered from KA About", () => {
  test("the named parameter cells and the 'Column for <field>' rows, through the same checks", () => {
    const about = {
      names: { KA_Bins: 4, KA_Unit: "month", KA_ABC_A: 0.7, KA_ABC_B: "0.9", KA_LossRate_2: 0.02, KA_LossRate_1: 0.01, KA_LossRate_3: 0.04, KA_LossRate_4: 0.08, KA_LossRate_5: 0.16 },
      pairs: [["Column for customer", "Client"], ["Column for nonsense", "X"], ["Column for amount", 12], ["Rows read", 200]] as [string, string | number][],
    };
    expect(settingsFromAbout(about)).toEqual({
      v: 1,
      params: { bins: 4, unit: "month", abcA: 0.7, lossRates: [0.01, 0.02, 0.04, 0.08, 0.16] }, // the text "0.9" is no fraction
      map: { customer: "Client" },
    });
  });

  test("loss rates only when there is one per bucket; an About tab without parameters or columns restores nothing", () => {
    expect(settingsFromAbout({ names: { KA_LossRate_1: 0.01 }, pairs: [] })).toBeUndefined();
    expect(settingsFromAbout({ names: {}, pairs: [["Rows read", 3]] })).toBeUndefined();
  });
});
