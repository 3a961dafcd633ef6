/**
 * The Office writer renders every feature of the report model (test/workbook/feature-report.ts) through Office.js,
 * on the fake Excel (office-addin-mock objects that record what the writer asked for), and formula-like text is
 * stored as text with Excel's quote prefix.
 */
import type { Report } from "../../../src/engine/report/types";
import { writeReport } from "../../../src/workbook/office/write";
import { featureReport } from "../feature-report";
import { FakeExcel } from "./fake-excel";
import type { RecordedCall } from "./fake-excel";

async function written(report: Report = featureReport(), setup?: (fake: FakeExcel) => void) {
  const fake = new FakeExcel();
  setup?.(fake);
  fake.install();
  const result = await writeReport((fake as any).context(), report, {}, undefined, "t1");
  return { fake, result };
}

const calls = (obj: any, name: string): RecordedCall[] => obj.__calls.filter((c: RecordedCall) => c.name === name);

describe("the Office writer renders the report model", () => {
  test("charts: type, placement, series over the final ranges, per-series type, secondary axis, styles, labels, axes, legend", async () => {
    const { fake } = await written();
    const charts = fake.featuresOf("KA Summary").charts;
    expect(charts.map((c) => c.type)).toEqual(["ColumnClustered", "BarClustered", "Pie", "XYScatterLinesNoMarkers"]);
    const combo = charts[0].chart;
    expect(combo.__log.plotVisibleOnly).toBe(false);
    expect(calls(combo, "setPosition")[0].args).toEqual(["A16", "G30"]);
    expect(charts[0].source).toMatchObject({ rect: { row: 7, col: 1, rows: 4, cols: 1 } }); // Revenue B8:B11
    const series = combo.series;
    const first = calls(series, "getItemAt")[0].result;
    expect(first.__log.name).toBe("Revenue");
    expect(calls(first.format.fill, "setSolidColor")[0].args).toEqual(["#1F4E79"]);
    const added = calls(series, "add");
    expect(added.map((c) => c.args[0])).toEqual(["HHI", "HHI high (2,500)"]);
    const [hhi, threshold] = added.map((c) => c.result);
    expect(hhi.__log).toMatchObject({ chartType: "Line", axisGroup: "Secondary", markerStyle: "Circle" });
    expect(threshold.__log).toMatchObject({ chartType: "Line", axisGroup: "Secondary", markerStyle: "None" });
    expect(threshold.format.line.__log).toMatchObject({ color: "#7F7F7F", lineStyle: "Dash", weight: 1.5 });
    expect(combo.axes.valueAxis.title.__log.text).toBe("Net revenue");
    expect(combo.axes.valueAxis.__log.numberFormat).toBe("#,##0");
    expect(combo.axes.categoryAxis.title.__log.text).toBe("Quarter");
    const secondary = calls(combo.axes, "getItem")[0];
    expect(secondary.args).toEqual(["Value", "Secondary"]);
    expect(secondary.result.__log).toMatchObject({ numberFormat: "#,##0", minimum: 0, maximum: 10000 });
    expect(combo.legend.__log).toMatchObject({ visible: true, position: "Bottom" });

    const bar = charts[1].chart;
    const share = calls(bar.series, "getItemAt")[0].result;
    expect(share.__log).toMatchObject({ name: "Share", hasDataLabels: true });
    expect(share.dataLabels.__log).toMatchObject({ showValue: true, numberFormat: "0.0%" });
    expect(bar.axes.categoryAxis.__log).toMatchObject({ reversePlotOrder: true, position: "Maximum" });
    expect(bar.axes.valueAxis.__log).toMatchObject({ numberFormat: "0%", minimum: 0 });
    expect(bar.legend.__log.visible).toBe(false);

    const scatter = charts[3].chart;
    const lorenz = calls(scatter.series, "getItemAt")[0].result;
    expect(calls(lorenz, "setXAxisValues")).toHaveLength(1);
    expect(charts[3].source).toMatchObject({ rect: { row: 1, col: 2, rows: 5, cols: 1 } }); // KA_LorenzY on the helper tab
  });

  test("page setup, print area and titles, header/footer with Excel's codes", async () => {
    const { fake } = await written();
    const s = fake.featuresOf("KA Summary").pageLayout;
    expect(s.__log).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
    expect(calls(s, "setPrintArea")).toHaveLength(1);
    expect(s.headersFooters.defaultForAllPages.__log).toEqual({ leftHeader: "&A", rightHeader: "As of 2024-12-31", centerFooter: "Page &P of &N", rightFooter: "R&&D &D" });
    const a = fake.featuresOf("KA Accounts").pageLayout;
    expect(a.__log).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, centerHorizontally: true, leftMargin: 36, rightMargin: 36 });
    expect(calls(a, "setPrintTitleRows")).toHaveLength(1);
    expect(calls(a, "setPrintTitleColumns")).toHaveLength(1);
    expect(a.headersFooters.defaultForAllPages.__log).toEqual({ leftFooter: "&A", rightFooter: "Page &P of &N" });
  });

  test("outline groups (collapsed where asked), hidden rows and columns, row heights, merges, gridlines", async () => {
    const { fake } = await written();
    const acc = fake.featuresOf("KA Accounts");
    expect(acc.groups).toEqual([
      { address: "D:G", by: "ByColumns", collapsed: false },
      { address: "I:J", by: "ByColumns", collapsed: true },
    ]);
    const sum = fake.featuresOf("KA Summary");
    expect(sum.groups).toEqual([{ address: "13:14", by: "ByRows", collapsed: false }]);
    expect(sum.hiddenColumns).toEqual(["D1"]);
    expect(sum.hiddenRows).toEqual(["A14"]);
    expect(sum.rowHeights).toEqual([{ address: "A2", height: 45 }]);
    expect(sum.merges).toEqual(["A1:D1", "A2:D2"]);
    expect(sum.showGridlines).toBe(false);
  });

  test("an Excel without ExcelApi 1.10 (Range.group) writes the same tabs without outline groups", async () => {
    const { fake, result } = await written(featureReport(), (f) => (f.excelApi = "1.9"));
    expect(result.written.map((w) => w.name)).toEqual(["KA Summary", "KA Accounts", "KA Helper"]);
    expect(fake.featuresOf("KA Accounts").groups).toEqual([]);
    expect(fake.featuresOf("KA Summary").groups).toEqual([]);
    expect(fake.featuresOf("KA Summary").hiddenRows).toEqual(["A14"]); // the rest of the setup is there
  });

  test("links and drop-down lists use the final sheet names (set at the commit), even when a tab was renamed", async () => {
    // A user's sheet holds the name KA Accounts: the tab is written as "KA Accounts (2)".
    const { fake, result } = await written(featureReport(), (f) => f.wb.addSheet("KA Accounts", [["mine"]]));
    expect(result.written.map((w) => w.name)).toEqual(["KA Summary", "KA Accounts (2)", "KA Helper"]);
    const sum = fake.featuresOf("KA Summary");
    expect(sum.hyperlinks).toEqual([
      { address: "A2", link: { documentReference: "'KA Accounts (2)'!A4", textToDisplay: "Beta Ltd and =Acme together make 75 % of revenue: a long finding that wraps inside its merged cells." } },
      { address: "F3", link: { documentReference: "KA_HHI_High", textToDisplay: "Pick a customer" } },
    ]);
    expect(fake.featuresOf("KA Accounts (2)").hyperlinks).toEqual([{ address: "L4", link: { documentReference: "'KA Summary'!A1", textToDisplay: "details", screenTip: "Back to the summary" } }]);
    expect(sum.validations).toEqual([
      {
        address: "G3",
        dv: {
          rule: { list: { inCellDropDown: true, source: "='KA Accounts (2)'!$A$4:$A$7" } },
          ignoreBlanks: true,
          prompt: { showPrompt: true, title: "Customer", message: "Pick a customer from KA Accounts" },
          errorAlert: { showAlert: true, style: "Stop", title: "", message: "Choose a customer from the list." },
        },
      },
    ]);
  });

  test("a hidden tab stays hidden at the commit; the first visible tab is activated", async () => {
    const { fake } = await written();
    expect(fake.wb.sheet("KA Helper")?.visible).toBe(false);
    expect(fake.wb.sheet("KA Summary")?.visible).toBe(true);
    expect(fake.wb.active).toBe("KA Summary");
  });

  test("formula-like text (=, +, -, @, tab, CR first) is written with the quote prefix and stored as text", async () => {
    const names = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "00123", "Acme"];
    const report: Report = {
      sheets: [{ name: "KA Accounts", role: "accounts", blocks: [{ kind: "table", name: "KATexts", row: 0, col: 0, columns: [{ header: "Customer" }], rows: names.map((n) => [n]) }] }],
    };
    const { fake } = await written(report);
    const sent = fake.formulaWrites.filter((w) => w.address.startsWith("A1:A")).flatMap((w) => w.formulas.map((r) => r[0]));
    expect(sent).toEqual(["Customer", ...names.slice(0, 7).map((n) => `'${n}`), "Acme"]);
    const s = fake.wb.sheet("KA Accounts")!;
    names.forEach((n, i) => expect(s.values[i + 1][0]).toBe(n)); // stored as the text itself, never a formula
  });

  test("a report that fails validation leaves the workbook untouched", async () => {
    const r = featureReport();
    r.sheets[1].columnGroups = [
      { from: 3, to: 6 },
      { from: 7, to: 8 },
    ];
    const fake = new FakeExcel();
    fake.install();
    await expect(writeReport((fake as any).context(), r, {}, undefined, "t2")).rejects.toThrowProblem("badArgument", { messageContains: "touch" });
    expect(fake.wb.sheets).toEqual([]);
    expect(fake.syncs).toBe(0);
  });
});
