/**
 * KA Forecast (docs/report.md): which repeat-purchase model the forecasts use and why; every fit with its parameters,
 * standard errors and 90 % intervals (the bounds and the BIC are formulas a reader can check); and, when a backtest
 * ran, how each model forecast the hold-out period — totals with their error (formula), cumulative tracking and
 * conditional expectations by calibration frequency (with charts), and the error by RFM segment.
 */
import { excelSerialFromDay } from "../../day";
import { messages } from "../../i18n";
import type { ParameterUncertainty, RepeatModelName } from "../../models";
import { hasForecastTab } from "../areas/clv";
import { Column } from "../layout";
import { printSetup } from "../print";
import type { ChartDef, TabDef, TableDef } from "../model";
import { chartBlock, tableBlock } from "../tables";
import type { Cell, TextBlock } from "../types";
import { NumberFormat } from "../types";

const MODELS: readonly RepeatModelName[] = ["bgnbd", "paretonbd", "nbd"];

export const FORECAST_FITS_TABLE: TableDef = {
  name: "KAForecastFits",
  columns: [
    { key: "model", header: "Model", width: 18 },
    { key: "parameters", header: "Parameters", numberFormat: NumberFormat.integer, width: 11 },
    { key: "customers", header: "Customers", numberFormat: NumberFormat.integer, width: 11 },
    { key: "logLikelihood", header: "Log-likelihood", numberFormat: "#,##0.0", width: 14 },
    { key: "bic", header: "BIC", numberFormat: "#,##0.0", width: 12 },
    { key: "converged", header: "Converged", width: 10 },
    { key: "used", header: "Used for the forecasts", width: 12 },
  ],
};

export const FORECAST_PARAMETERS_TABLE: TableDef = {
  name: "KAForecastParameters",
  columns: [
    { key: "model", header: "Model", width: 18 },
    { key: "parameter", header: "Parameter", width: 11 },
    // General: a parameter at a boundary runs to 1e6 or more, which a fixed format would print as ###.
    { key: "estimate", header: "Estimate", numberFormat: "General", width: 12 },
    { key: "se", header: "Standard error", numberFormat: "General", width: 14 },
    { key: "low", header: "90% low", numberFormat: "General", width: 12 },
    { key: "high", header: "90% high", numberFormat: "General", width: 12 },
  ],
};

export const BACKTEST_TABLE: TableDef = {
  name: "KABacktest",
  columns: [
    { key: "model", header: "Model", width: 18 },
    { key: "predicted", header: "Predicted purchases", numberFormat: "#,##0.0", width: 11 },
    { key: "actual", header: "Actual purchases", numberFormat: NumberFormat.integer, width: 11 },
    { key: "error", header: "Error", numberFormat: "+0.0%;-0.0%;0.0%", width: 14 },
    { key: "mae", header: "Mean absolute error per customer", numberFormat: "0.000", width: 12 },
    { key: "converged", header: "Converged", width: 10 },
  ],
};

const modelColumns = (format: string) => [
  { key: "bgnbd", header: "BG/NBD", numberFormat: format, width: 11 },
  { key: "paretonbd", header: "Pareto/NBD", numberFormat: format, width: 11 },
  { key: "nbd", header: "NBD", numberFormat: format, width: 11 },
];

export const TRACKING_TABLE: TableDef = {
  name: "KAForecastTracking",
  columns: [{ key: "periodEnd", header: "Period ending", numberFormat: NumberFormat.date, width: 18 }, { key: "actual", header: "Actual", numberFormat: NumberFormat.integer, width: 11 }, ...modelColumns("#,##0.0")],
};

export const CONDITIONAL_TABLE: TableDef = {
  name: "KAForecastConditional",
  columns: [
    { key: "frequency", header: "Calibration purchases", width: 18 },
    { key: "customers", header: "Customers", numberFormat: NumberFormat.integer, width: 11 },
    { key: "actual", header: "Actual", numberFormat: "0.00", width: 11 },
    ...modelColumns("0.00"),
  ],
};

export const FORECAST_SEGMENTS_TABLE: TableDef = {
  name: "KAForecastSegments",
  columns: [
    { key: "segment", header: "RFM segment at calibration end", width: 18 },
    { key: "customers", header: "Customers", numberFormat: NumberFormat.integer, width: 11 },
    { key: "actual", header: "Mean actual purchases", numberFormat: "0.00", width: 11 },
    ...modelColumns("0.000"),
  ],
};

export const TRACKING_CHART: ChartDef = {
  id: "forecastTracking",
  type: "line",
  title: "Cumulative repeat purchases in the hold-out period: actual vs forecast",
  table: TRACKING_TABLE,
  columns: ["periodEnd", "actual", "bgnbd", "paretonbd", "nbd"],
  categoryAxis: { title: "Period ending", numberFormat: NumberFormat.date },
  valueAxis: { title: "Repeat purchases (cumulative)", numberFormat: "#,##0" },
  widthCols: 8,
  heightRows: 18,
};

export const CONDITIONAL_CHART: ChartDef = {
  id: "forecastConditional",
  type: "columnClustered",
  title: "Mean hold-out purchases by calibration purchases: actual vs forecast",
  table: CONDITIONAL_TABLE,
  columns: ["frequency", "actual", "bgnbd", "paretonbd", "nbd"],
  categoryAxis: { title: "Calibration purchases" },
  valueAxis: { title: "Mean hold-out purchases", numberFormat: "0.0" },
  widthCols: 8,
  heightRows: 18,
};

const PARAMETER_NAMES: Record<string, string> = { alpha: "α", beta: "β" };

export const forecastTab: TabDef = {
  role: "forecast",
  name: "KA Forecast",
  build(ctx) {
    const { a, t } = ctx;
    const k = a.clv;
    // Nothing fitted (e.g. no customer ever bought): no tab; the warnings say why.
    if (!k || !hasForecastTab(a)) return undefined;
    const m = messages(a.params.lang, a.params.currency);
    const label = (name: RepeatModelName) => m.forecast.model[name];
    const left = new Column(0, 0);
    left.add<TextBlock>({ kind: "text", text: t("KA Forecast — which model, how good, how sure"), style: "title" });
    left.add<TextBlock>({ kind: "text", text: k.model ? m.forecast.choice(k.choice) : m.forecast.noModel, style: "note" });

    // Fits: log-likelihood and BIC (a formula: k·ln n − 2·ln L) of every model fitted on the full ledger.
    const F = ctx.table(FORECAST_FITS_TABLE);
    const fits: { name: RepeatModelName | "gammaGamma"; title: string; params: number; customers: number; ll: number; converged: boolean }[] = [];
    if (k.bgnbd) fits.push({ name: "bgnbd", title: label("bgnbd"), params: 4, customers: k.bgnbd.customers, ll: k.bgnbd.logLikelihood, converged: k.bgnbd.converged });
    if (k.paretoNbd) fits.push({ name: "paretonbd", title: label("paretonbd"), params: 4, customers: k.paretoNbd.customers, ll: k.paretoNbd.logLikelihood, converged: k.paretoNbd.converged });
    if (k.nbd) fits.push({ name: "nbd", title: label("nbd"), params: 2, customers: k.nbd.customers, ll: k.nbd.logLikelihood, converged: k.nbd.converged });
    if (k.gammaGamma) fits.push({ name: "gammaGamma", title: "Gamma-Gamma", params: 3, customers: k.gammaGamma.customers, ll: k.gammaGamma.logLikelihood, converged: k.gammaGamma.converged });
    const yes = m.common.yes;
    const no = m.common.no;
    if (fits.length > 0) {
      left.add<TextBlock>({ kind: "text", text: t("Models fitted on the full ledger"), style: "heading" });
      left.place(
        tableBlock(
          ctx,
          FORECAST_FITS_TABLE,
          fits.map((x): Cell[] => [
            x.title,
            x.params,
            x.customers,
            x.ll,
            { formula: `${F.thisRow("parameters")}*LN(${F.thisRow("customers")})-2*${F.thisRow("logLikelihood")}`, value: x.params * Math.log(x.customers) - 2 * x.ll },
            x.converged ? yes : no,
            x.name === k.model?.name || (x.name === "gammaGamma" && Number.isFinite(k.predicted12m)) ? yes : no,
          ]),
        ),
      );

      // Parameters with standard errors and 90 % intervals on the log scale: estimate · exp(∓1.645 · se / estimate).
      const P = ctx.table(FORECAST_PARAMETERS_TABLE);
      const rows: Cell[][] = [];
      const add = <Q extends object>(title: string, params: Q, u: ParameterUncertainty<Q> | undefined) => {
        for (const [key, value] of Object.entries(params) as [keyof Q & string, number][]) {
          const se = u?.se[key];
          const ok = se !== undefined && Number.isFinite(se);
          const z = 1.6448536269514722;
          rows.push([
            title,
            PARAMETER_NAMES[key] ?? key,
            value,
            ok ? se : null,
            ok ? { formula: `IF(ISNUMBER(${P.thisRow("se")}),${P.thisRow("estimate")}*EXP(-NORMSINV(0.95)*${P.thisRow("se")}/${P.thisRow("estimate")}),"")`, value: value * Math.exp((-z * se) / value) } : null,
            ok ? { formula: `IF(ISNUMBER(${P.thisRow("se")}),${P.thisRow("estimate")}*EXP(NORMSINV(0.95)*${P.thisRow("se")}/${P.thisRow("estimate")}),"")`, value: value * Math.exp((z * se) / value) } : null,
          ]);
        }
      };
      if (k.bgnbd) add(label("bgnbd"), k.bgnbd.params, k.uncertainty.bgnbd);
      if (k.paretoNbd) add(label("paretonbd"), k.paretoNbd.params, k.uncertainty.paretoNbd);
      if (k.nbd) add(label("nbd"), k.nbd.params, k.uncertainty.nbd);
      if (k.gammaGamma) add("Gamma-Gamma", k.gammaGamma.params, k.uncertainty.gammaGamma);
      left.add<TextBlock>({
        kind: "text",
        text: t("Parameters (α, β in {unit}s; Gamma-Gamma v in money) with standard errors from the observed information; 90% interval = estimate · EXP(∓NORMSINV(0.95) · standard error ÷ estimate), i.e. on the log scale. Blank errors: the fit did not converge.", { unit: t(k.unit) }),
        style: "note",
      });
      left.place(tableBlock(ctx, FORECAST_PARAMETERS_TABLE, rows));
    }

    const bt = k.backtest;
    let chartRow = 0;
    if (bt) {
      left.add<TextBlock>({ kind: "text", text: t("Backtest: the forecast against what happened"), style: "heading" });
      left.add<TextBlock>({ kind: "text", text: m.forecast.backtestNote({ calibrationEnd: bt.calibrationEnd, holdoutEnd: bt.holdoutEnd, customers: bt.customers, period: bt.tracking }), style: "note" });
      const B = ctx.table(BACKTEST_TABLE);
      left.place(
        tableBlock(
          ctx,
          BACKTEST_TABLE,
          bt.models.map((x): Cell[] => [
            label(x.name),
            x.model ? x.predicted : null,
            x.actual,
            x.model && x.actual > 0 ? { formula: `IF(AND(ISNUMBER(${B.thisRow("predicted")}),${B.thisRow("actual")}>0),(${B.thisRow("predicted")}-${B.thisRow("actual")})/${B.thisRow("actual")},"")`, value: (x.predicted - x.actual) / x.actual } : null,
            x.model ? x.mae : null,
            x.model ? (x.converged ? yes : no) : x.problem ? m.forecast.problem({ why: x.problem }) : no,
          ]),
        ),
      );
      const byModel = (get: (name: RepeatModelName) => number | undefined): Cell[] => MODELS.map((name) => {
        const v = get(name);
        return v !== undefined && Number.isFinite(v) ? v : null;
      });
      chartRow = left.nextRow;
      left.place(tableBlock(ctx, TRACKING_TABLE, bt.trackingRows.map((r): Cell[] => [excelSerialFromDay(r.periodEnd), r.actual, ...byModel((name) => r.predicted[name])])));
      const conditionalRow = left.nextRow;
      left.place(tableBlock(ctx, CONDITIONAL_TABLE, bt.conditional.map((r): Cell[] => [r.frequency, r.customers, Number.isFinite(r.actual) ? r.actual : null, ...byModel((name) => r.predicted[name])])));
      if (bt.segments && bt.segments.length > 0) {
        left.add<TextBlock>({ kind: "text", text: t("Mean absolute error per customer by RFM segment (segments as they stood at the calibration end)"), style: "note" });
        left.place(tableBlock(ctx, FORECAST_SEGMENTS_TABLE, bt.segments.map((r): Cell[] => [r.segment, r.customers, r.actual, ...byModel((name) => r.mae[name])])));
      }
      const right = new Column(chartRow, 8);
      right.place(chartBlock(ctx, TRACKING_CHART));
      const right2 = new Column(Math.max(conditionalRow, right.nextRow), 8);
      right2.place(chartBlock(ctx, CONDITIONAL_CHART));
      left.blocks.push(...right.blocks, ...right2.blocks);
    } else {
      left.add<TextBlock>({ kind: "text", text: t("No backtest ran: the ledger spans less than 18 months and no calibration end or hold-out period was given."), style: "note" });
    }
    if (k.intervals.draws > 0) left.add<TextBlock>({ kind: "text", text: m.forecast.intervalsNote({ draws: k.intervals.draws, seed: k.intervals.seed }), style: "note" });
    if (k.model?.name === "nbd") left.add<TextBlock>({ kind: "text", text: m.forecast.nbdNote, style: "note" });
    return { blocks: left.blocks, columnWidths: [18, 16, 16, 14, 16, 14, 12, 12], tabColor: "7030A0", freeze: { rows: 1, cols: 0 }, ...printSetup(ctx) };
  },
};
