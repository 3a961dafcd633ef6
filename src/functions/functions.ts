// KA custom functions (namespace KA). Each is a thin wrapper: coerce the arguments (coerce.ts), call the engine
// metric, return its value — or, when anything is wrong, the Excel error from errors.ts. A KA function never
// throws and never writes to the workbook (tabs are the task pane's job).
//
// Metadata: the JSDoc block above each function becomes its entry in functions.json at build time
// (custom-functions-metadata-plugin): the first paragraph is the description Excel shows, `@customfunction ID`
// the id and name, each `@param` the argument help; `[name]` and `?` mark optional parameters. Chinese texts are
// in locale/zh-CN.json (the build emits functions.zh-CN.json). Parameter types: a range is `any[][]` (blank cells
// arrive as null on the web and as "" or 0 elsewhere; coerce.ts tells them apart), a single value is `any` so
// that text such as "80%" or "1,200" is read by the ledger's number rules.
//
// Registration: the metadata plugin's loader appends `CustomFunctions.associate("<ID>", <function>)` for every
// tagged function when webpack builds this file, so there is no hand-written associate call here (it would
// register everything twice). The tests register the functions the same way: they run the same metadata
// generator on this file and call a test double of `CustomFunctions.associate` with its (id, function) list
// (test/functions/harness.ts); test/build checks the built bundle does the same.
import "./outside-office"; // first: see the file
import { amountsForShares } from "./inputs";
import { customerTotals, numberArg, numberGrid, optionalNumberArg, requireSameShape } from "./coerce";
import { cellPosition, dateGrid, optionalDateArg as asOfDateArg } from "./coerce";
import { toExcelError } from "./errors";
import {
  abcClasses,
  concentrationRatio,
  effectiveCustomers,
  gini as giniOf,
  hhi as hhiOf,
  hhiBand as hhiBandOf,
  pareto as paretoOf,
} from "../engine/metrics/concentration";
import { simpleClv, discountedClv } from "../engine/metrics/clv";
import { conditionalExpectedPurchasesColumns, fitBgNbd, fitGammaGamma, pAliveColumns, predictedClvColumns } from "../engine/models";
import { bgnbdParams, bgnbdTable, customerRows, gammaGammaParams, gammaGammaTable, guardTable, spendRows, spillCustomers, timeUnitArg } from "./clv";
import { retentionRate, netRevenueRetention } from "../engine/metrics/retention/rates";
import { dso as dsoOf } from "../engine/metrics/credit/dso";
import { expectedCreditLoss } from "../engine/metrics/credit/ecl";
import { creditGrade as creditGradeOf } from "../engine/metrics/credit/grade";
import { agingSchedule, DEFAULT_AGING_BOUNDS } from "../engine/metrics/credit/aging";
import { creditScore as creditScoreOf } from "../engine/metrics/credit/scorecard";
import { problem } from "../engine/problems";
import { rfmFromTransactions, rfmScores, rfmSegment, resolveBins, SEGMENT_RULES } from "../engine/metrics/rfm";
import { coefficientOfVariation, relativeTrend } from "../engine/metrics/stability";
import { booleanArg, scoreGrid, transactionRows } from "./behaviour-inputs";
import { isOmitted, numbers, optionalDateArg as behaviourDateArg, optionalNumberArg as optionalNumber } from "./coerce";

/** Runs a function body; a thrown problem (or bug) becomes the cell's Excel error. */
function guard<T>(body: () => T): T | CustomFunctions.Error {
  try {
    return body();
  } catch (e) {
    return toExcelError(e);
  }
}

/** As `guard`, for spilled results: the error fills a 1×1 spill. */
function guardSpill(body: () => (string | number)[][]): (string | number | CustomFunctions.Error)[][] {
  try {
    return body();
  } catch (e) {
    return [[toExcelError(e)]];
  }
}

/**
 * Herfindahl–Hirschman index of customer concentration: 10 000 × the sum of squared revenue shares, from 0 to 10 000 (scale 1: from 0 to 1). Only customers with positive revenue have a share. Example: amounts 50, 30, 20 → 3800.
 * @customfunction HHI
 * @param amounts Revenue per customer, one cell each (money; blank cells ignored; text numbers read). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @param [scale] 10000 (default) for the 0–10 000 antitrust scale, or 1 for 0–1.
 * @returns The HHI.
 */
export function hhi(amounts: any[][], customers?: any[][], scale?: any): number | CustomFunctions.Error {
  return guard(() => {
    const s = numberArg(scale, "scale", 10000);
    if (s !== 10000 && s !== 1) throw problem("badArgument", `scale must be 10000 (0–10 000) or 1 (0–1), not ${s}`, { path: "scale" });
    return hhiOf(amountsForShares(amounts, customers), s);
  });
}

/**
 * Concentration band of an HHI by the US merger guidelines' yardsticks (borrowed: there is no customer-risk standard). 2023: below 1000 unconcentrated, 1000–1800 moderately, above 1800 highly concentrated; 2010: 1500 and 2500. Example: 3800 → highly concentrated.
 * @customfunction HHIBAND
 * @param hhi An HHI on the 0–10 000 scale, e.g. from KA.HHI.
 * @param [year] Guidelines year: 2023 (default; 1000/1800) or 2010 (1500/2500).
 * @returns unconcentrated, moderately concentrated or highly concentrated.
 */
export function hhiBand(hhi: any, year?: any): string | CustomFunctions.Error {
  return guard(() => {
    const value = numberArg(hhi, "hhi");
    const y = numberArg(year, "year", 2023);
    if (y !== 2023 && y !== 2010) throw problem("badArgument", `year must be 2023 (bands 1000/1800) or 2010 (1500/2500), not ${y}`, { path: "year" });
    return hhiBandOf(value, y);
  });
}

/**
 * Concentration ratio CRn: the combined revenue share of the n largest customers, from 0 to 1. Example: amounts 50, 30, 20 with n = 2 → 0.8.
 * @customfunction CR
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param n How many of the largest customers: a whole number, 1 or more (beyond the customer count gives 1).
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The share of the n largest customers (0–1).
 */
export function cr(amounts: any[][], n: any, customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => concentrationRatio(amountsForShares(amounts, customers), numberArg(n, "n")));
}

/**
 * Gini coefficient of revenue across customers with positive revenue: 0 when all are equal, near 1 when one customer has nearly everything. Example: amounts 1, 2, 3 → 0.2222.
 * @customfunction GINI
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The Gini coefficient (0–1).
 */
export function gini(amounts: any[][], customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => giniOf(amountsForShares(amounts, customers)));
}

/**
 * Effective number of customers = 10 000 / HHI: how many equal-sized customers would be as concentrated as these. Example: amounts 50, 30, 20 → 2.63.
 * @customfunction NEFF
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The effective number of customers.
 */
export function neff(amounts: any[][], customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => effectiveCustomers(amountsForShares(amounts, customers)));
}

/**
 * Pareto count: the fewest customers, largest first, whose combined revenue share reaches the threshold (default 80 %). Example: amounts 50, 30, 20 → 2.
 * @customfunction PARETO
 * @param amounts Revenue per customer, one cell each (money). With customers: revenue per invoice line.
 * @param [threshold] Share to reach, above 0 and at most 1, as 0.8 or 80% (default 0.8).
 * @param [customers] Customer name or id beside each amount, same size as amounts: amounts are summed per customer first.
 * @returns The number of customers.
 */
export function pareto(amounts: any[][], threshold?: any, customers?: any[][]): number | CustomFunctions.Error {
  return guard(() => paretoOf(amountsForShares(amounts, customers), numberArg(threshold, "threshold", 0.8)).customers);
}

/**
 * ABC class of each customer, spilled beside the amounts: customers sorted largest first; A while the share of those before is below a (80 %), B below b (95 %), else C; empty for no positive revenue. Example: 50, 30, 15, 5 → A, A, B, C.
 * @customfunction ABC
 * @param amounts Revenue per customer, one cell each (money); blank cells give an empty result.
 * @param [a] Cumulative share bounding class A, as 0.8 or 80% (default 0.8).
 * @param [b] Cumulative share bounding class B, at least a (default 0.95).
 * @returns A, B, C or empty for each amount, in the amounts' layout.
 */
export function abc(amounts: any[][], a?: any, b?: any): any[][] {
  return guardSpill(() => {
    const grid = numberGrid(amounts, "amounts");
    // a blank is no revenue (""), not NaN: NaN would break the engine's sort order
    const revenues = grid.values.map((v) => (v === v ? v : 0));
    const classes = abcClasses(revenues, numberArg(a, "a", 0.8), numberArg(b, "b", 0.95));
    const out: string[][] = [];
    for (let r = 0; r < grid.rows; r++) out.push(classes.slice(r * grid.columns, (r + 1) * grid.columns));
    return out;
  });
}

/**
 * Simple customer lifetime value = annual revenue × years − acquisition cost (no discounting, no churn). Money. Example: 12000, 5, 8000 → 52000.
 * @customfunction CLVSIMPLE
 * @param annualRevenue Revenue (or margin) from the customer per year (money, 0 or more).
 * @param years Expected length of the relationship in years (0 or more; fractions allowed).
 * @param [acquisitionCost] Cost of winning the customer (money, default 0).
 * @returns The lifetime value (money).
 */
export function clvSimple(annualRevenue: any, years: any, acquisitionCost?: any): number | CustomFunctions.Error {
  return guard(() => simpleClv(numberArg(annualRevenue, "annualRevenue"), numberArg(years, "years"), numberArg(acquisitionCost, "acquisitionCost", 0)));
}

/**
 * Discounted customer lifetime value: the sum over periods t of margin × retention^(t−1) / (1 + discount)^t, minus the acquisition cost; all future periods when periods is blank (then margin / (1 + discount − retention)). Money. Example: 100, 80%, 10% → 333.33; with 3 periods → 205.11.
 * @customfunction CLV
 * @param margin Margin from the customer per period (money, 0 or more); the first period's is certain.
 * @param retention Chance the customer stays each period, as 0.8 or 80%; must be below 1 + discount.
 * @param discount Discount rate per period, as 0.1 or 10%.
 * @param [periods] Horizon in whole periods (1 or more); blank for no horizon.
 * @param [acquisitionCost] Cost of winning the customer (money, default 0).
 * @returns The lifetime value (money).
 */
export function clv(margin: any, retention: any, discount: any, periods?: any, acquisitionCost?: any): number | CustomFunctions.Error {
  return guard(() =>
    discountedClv(
      numberArg(margin, "margin"),
      numberArg(retention, "retention"),
      numberArg(discount, "discount"),
      optionalNumberArg(periods, "periods") ?? Infinity,
      numberArg(acquisitionCost, "acquisitionCost", 0)
    )
  );
}

/**
 * Fits the BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005) by maximum likelihood and spills a 2-column table: r, alpha, a, b, log-likelihood, converged (TRUE/FALSE). alpha is in the unit of recency and T. Example: the CDNOW 1/10 sample in weeks → r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood −9582.4, TRUE.
 * @customfunction BGNBD
 * @param frequency Repeat purchases per customer (purchase days − 1): whole numbers, 0 or more; one cell per customer; blank rows are ignored.
 * @param recency Time from each customer's first to last purchase, in the model's unit (e.g. weeks); 0 when frequency is 0.
 * @param T Time from each customer's first purchase to the as-of date, in the same unit; at least recency.
 * @param [penalizer] L2 penalty on the parameters (default 0); try 0.001 to 0.1 when the fit does not converge.
 * @returns Labels and values: r, alpha, a, b, log-likelihood, converged.
 */
export function bgnbd(frequency: any[][], recency: any[][], T: any[][], penalizer?: any): any[][] {
  return guardTable(() => {
    const rows = customerRows(frequency, recency, T);
    return bgnbdTable(fitBgNbd(rows, { penalizer: numberArg(penalizer, "penalizer", 0) }));
  });
}

/**
 * Probability that each customer is still active under a fitted BG/NBD model, spilled beside the customers: 1 / (1 + a/(b+x−1) × ((alpha+T)/(alpha+recency))^(r+x)), and 1 when frequency x is 0. Example: frequency 2, recency 30.43, T 38.86 weeks with r 0.243, alpha 4.414, a 0.793, b 2.426 → 0.7266.
 * @customfunction PALIVE
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the unit the model was fitted in.
 * @param T Time from each customer's first purchase to the as-of date, in the same unit.
 * @param params The model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b in a row or column.
 * @returns P(alive) from 0 to 1 for each customer, in the layout of frequency.
 */
export function palive(frequency: any[][], recency: any[][], T: any[][], params: any[][]): any[][] {
  return guardSpill(() => {
    const model = bgnbdParams(params, "params");
    const rows = customerRows(frequency, recency, T);
    return spillCustomers(rows, pAliveColumns(model, rows));
  });
}

/**
 * Expected repeat purchases of each customer in the next t time units under a fitted BG/NBD model (the conditional expectation, eq. 10 of Fader, Hardie & Lee 2005), spilled beside the customers. Example: t 52, frequency 2, recency 30.43, T 38.86 weeks with r 0.243, alpha 4.414, a 0.793, b 2.426 → 1.559.
 * @customfunction PURCHASES
 * @param t Length of the future window, in the unit the model was fitted in (52 for a year in weeks); 0 or more.
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the model's unit.
 * @param T Time from each customer's first purchase to the as-of date, in the model's unit.
 * @param params The model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b in a row or column.
 * @returns Expected purchases in the next t units for each customer, in the layout of frequency.
 */
export function purchases(t: any, frequency: any[][], recency: any[][], T: any[][], params: any[][]): any[][] {
  return guardSpill(() => {
    const horizon = numberArg(t, "t");
    const model = bgnbdParams(params, "params");
    const rows = customerRows(frequency, recency, T);
    return spillCustomers(rows, conditionalExpectedPurchasesColumns(model, horizon, rows));
  });
}

/**
 * Fits the Gamma-Gamma spend model (Fader & Hardie 2013) on the customers with a repeat purchase and spills a 2-column table: p, q, v, log-likelihood, converged (TRUE/FALSE), correlation of frequency and spend (the model assumes none: beware above 0.3). Example: the CDNOW 1/10 sample → p 6.25, q 3.74, v 15.44, TRUE.
 * @customfunction GAMMAGAMMA
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; customers with 0 are left out of the fit.
 * @param monetary Mean spend of each customer's repeat purchases (money, 0 or more); may be blank where frequency is 0.
 * @param [penalizer] L2 penalty on the parameters (default 0); try 0.001 to 0.1 when the fit does not converge.
 * @returns Labels and values: p, q, v, log-likelihood, converged, correlation.
 */
export function gammaGamma(frequency: any[][], monetary: any[][], penalizer?: any): any[][] {
  return guardTable(() => {
    const rows = spendRows(frequency, monetary);
    return gammaGammaTable(fitGammaGamma(rows, { penalizer: numberArg(penalizer, "penalizer", 0) }));
  });
}

/**
 * Predicted lifetime value of each customer over the next months: the sum over months i of expected purchases in month i (BG/NBD) × expected spend per purchase (Gamma-Gamma) / (1 + monthlyDiscount)^i; a month is 30.4375 days. Money. Example: 2, 30.43, 38.86 weeks, 22.35 with the CDNOW models (r 0.243, alpha 4.414, a 0.793, b 2.426; p 6.25, q 3.74, v 15.44) → 36.31.
 * @customfunction CLVPREDICT
 * @param frequency Repeat purchases per customer: whole numbers, 0 or more; blank rows give an empty result.
 * @param recency Time from each customer's first to last purchase, in the model's unit.
 * @param T Time from each customer's first purchase to the as-of date, in the model's unit.
 * @param monetary Mean spend of each customer's repeat purchases (money, 0 or more); may be blank where frequency is 0.
 * @param bgParams The purchase model: the table KA.BGNBD spills, or 4 cells r, alpha, a, b.
 * @param ggParams The spend model: the table KA.GAMMAGAMMA spills, or 3 cells p, q, v.
 * @param [months] Horizon in whole months (default 12).
 * @param [monthlyDiscount] Discount rate per month, as 0.01 or 1% (default 1%).
 * @param [unit] Time unit of recency, T and the BG/NBD model: "day", "week" (default) or "month".
 * @returns Predicted CLV (money) for each customer, in the layout of frequency.
 */
export function clvPredict(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary: any[][],
  bgParams: any[][],
  ggParams: any[][],
  months?: any,
  monthlyDiscount?: any,
  unit?: any
): any[][] {
  return guardSpill(() => {
    const bg = bgnbdParams(bgParams, "bgParams");
    const gg = gammaGammaParams(ggParams, "ggParams");
    const opts = { unit: timeUnitArg(unit, "unit"), months: numberArg(months, "months", 12), monthlyDiscount: numberArg(monthlyDiscount, "monthlyDiscount", 0.01) };
    const rows = customerRows(frequency, recency, T, monetary);
    return spillCustomers(rows, predictedClvColumns(bg, gg, { x: rows.x, tx: rows.tx, T: rows.T, monetary: rows.monetary as Float64Array }, opts));
  });
}

/**
 * Customer retention rate over a period = (customers at the end − new customers won) / customers at the start, from 0 to 1; churn is 1 minus it. Example: 200, 190, 30 → 0.8.
 * @customfunction RETENTION
 * @param startCount Customers at the start of the period.
 * @param endCount Customers at the end of the period.
 * @param newCount New customers won during the period.
 * @returns The retention rate (0–1).
 */
export function retention(startCount: any, endCount: any, newCount: any): number | CustomFunctions.Error {
  return guard(() => retentionRate(numberArg(startCount, "startCount"), numberArg(endCount, "endCount"), numberArg(newCount, "newCount")));
}

/**
 * Net revenue retention: this period's revenue from the customers who bought last period ÷ their revenue last period (above 1 means expansion). Example: customers A, B, C; previous 100, 50, 0; current 120, 0, 80 → 0.8.
 * @customfunction NRR
 * @param customers Customer name or id on each row; repeated customers are summed.
 * @param previousRevenue Revenue in the previous period on each row (money; blank = 0).
 * @param currentRevenue Revenue in the current period on each row (money; blank = 0).
 * @returns The net revenue retention (1 = 100 %).
 */
export function nrr(customers: any[][], previousRevenue: any[][], currentRevenue: any[][]): number | CustomFunctions.Error {
  return guard(() => {
    const { totals } = customerTotals(customers, "customers", [
      { value: previousRevenue, arg: "previousRevenue" },
      { value: currentRevenue, arg: "currentRevenue" },
    ]);
    return netRevenueRetention(totals[0], totals[1]);
  });
}

/**
 * Days sales outstanding = receivables / revenue of the period × days in the period. Days. Example: 120000, 730000 → 60.
 * @customfunction DSO
 * @param receivables Open receivables at the period end (money, 0 or more).
 * @param revenue Revenue (credit sales) of the period (money).
 * @param [days] Days in the period: 365 (default) or e.g. 90 for a quarter.
 * @returns DSO in days.
 */
export function dso(receivables: any, revenue: any, days?: any): number | CustomFunctions.Error {
  return guard(() => dsoOf(numberArg(receivables, "receivables"), numberArg(revenue, "revenue"), numberArg(days, "days", 365)));
}

/**
 * Expected credit loss by a provision matrix (IFRS 9 simplified approach): the sum of balance × loss rate over aging buckets. Money. Example: balances 1000, 500 with rates 0.3%, 1.6% → 11.
 * @customfunction ECL
 * @param balances Open balance per aging bucket or invoice (money; blank rows ignored).
 * @param lossRates Loss rate beside each balance, as 0.016 or 1.6%, from 0 to 1; same size as balances.
 * @returns The expected credit loss (money).
 */
export function ecl(balances: any[][], lossRates: any[][]): number | CustomFunctions.Error {
  return guard(() => {
    const b = numberGrid(balances, "balances");
    const r = numberGrid(lossRates, "lossRates");
    requireSameShape(b, "balances", r, "lossRates");
    const bs: number[] = [];
    const rs: number[] = [];
    for (let i = 0; i < b.values.length; i++) {
      const balance = b.values[i];
      const rate = r.values[i];
      if (balance !== balance) continue; // blank balance: nothing to provide for
      if (rate !== rate) {
        if (balance === 0) continue;
        const row = Math.floor(i / b.columns) + 1;
        throw problem("badArgument", `lossRates: row ${row} is blank but balances there is ${balance}`, { path: "lossRates", row });
      }
      bs.push(balance);
      rs.push(rate);
    }
    return expectedCreditLoss(bs, rs);
  });
}

/**
 * Credit grade of a 0–100 credit score: A from 80, B from 65, C from 50, D from 35, else E. Example: 72 → B.
 * @customfunction CREDITGRADE
 * @param score Credit score from 0 to 100, e.g. from a credit scorecard.
 * @returns A, B, C, D or E.
 */
export function creditGrade(score: any): string | CustomFunctions.Error {
  return guard(() => creditGradeOf(numberArg(score, "score")));
}

/** Lays out one value per cell of a `rows × columns` input, row-major; NaN becomes an empty cell. */
function spillCells(values: ArrayLike<number | string>, rows: number, columns: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (string | number)[] = [];
    for (let c = 0; c < columns; c++) {
      const v = values[r * columns + c];
      row.push(typeof v === "number" && v !== v ? "" : v);
    }
    out.push(row);
  }
  return out;
}

/**
 * RFM score of each value, spilled beside the values: 1 to bins, higher is better, ties share a score. Count rule: MIN(bins, 1 + INT(bins × (values below) / (values))) — above instead of below when lowerIsBetter (recency). With breaks: 1 + the breakpoints at or below the value. Example: 1, 2, 2, 3, 5, 8, 8, 8, 13, 21 → 1, 1, 1, 2, 3, 3, 3, 3, 5, 5.
 * @customfunction RFMSCORE
 * @param values Recency (days), frequency or monetary value per customer; blank cells give an empty result.
 * @param [bins] Number of scores, a whole number from 2 to 10 (default 5; with breaks, breaks + 1).
 * @param [lowerIsBetter] TRUE for recency (fewer days scores higher); FALSE (default) for frequency and monetary.
 * @param [breaks] Fixed thresholds instead of the count rule: ascending, bins − 1 of them; a value equal to one goes to the bin above it.
 * @returns A score per value, in the values' layout.
 */
export function rfmScore(values: any[][], bins?: any, lowerIsBetter?: any, breaks?: any[][]): any[][] {
  return guardSpill(() => {
    const grid = numberGrid(values, "values");
    const b = isOmitted(breaks) ? undefined : numbers(breaks, "breaks");
    const scores = rfmScores(grid.values, { bins: optionalNumber(bins, "bins"), lowerIsBetter: booleanArg(lowerIsBetter, "lowerIsBetter", false), breaks: b });
    return spillCells(scores, grid.rows, grid.columns);
  });
}

/**
 * RFM segment (Champions, Loyal, … Lost) of each customer from its R, F and M scores, spilled: scores are mapped to 1–5 (CEILING(5 × score / bins)), FM = ROUND((F + M) / 2), and the first matching rule of the 11-segment table wins. Example: R 5, F 4, M 4 → Champions; R 2, F 5, M 5 → Can't Lose.
 * @customfunction RFMSEGMENT
 * @param r Recency score per customer (a whole number from 1 to bins); a range gives one segment per cell.
 * @param f Frequency score per customer, same size as r.
 * @param m Monetary score per customer, same size as r.
 * @param [bins] The bins the scores were made with, 2 to 10 (default 5).
 * @param [chinese] TRUE for the Chinese segment names (重要价值客户 …); FALSE (default) for English.
 * @returns A segment name per customer, empty where a score is blank.
 */
export function rfmSegmentName(r: any[][], f: any[][], m: any[][], bins?: any, chinese?: any): any[][] {
  return guardSpill(() => {
    const b = resolveBins(optionalNumber(bins, "bins"));
    const zh = booleanArg(chinese, "chinese", false);
    const rg = scoreGrid(r, "r", b);
    const fg = scoreGrid(f, "f", b);
    const mg = scoreGrid(m, "m", b);
    requireSameShape(rg, "r", fg, "f");
    requireSameShape(rg, "r", mg, "m");
    const names: string[] = new Array(rg.values.length);
    for (let i = 0; i < names.length; i++) {
      const [x, y, z] = [rg.values[i], fg.values[i], mg.values[i]];
      if (x !== x || y !== y || z !== z) names[i] = "";
      else {
        const k = rfmSegment(x, y, z, b);
        names[i] = k < 0 ? "" : zh ? SEGMENT_RULES[k].nameZh : SEGMENT_RULES[k].name;
      }
    }
    return spillCells(names, rg.rows, rg.columns);
  });
}

/**
 * RFM table from transactions, spilled with a header: Customer, Recency (days since the last purchase), Frequency (purchase days), Monetary (net revenue), R, F, M, RFM, Segment; one row per customer in order of appearance. Credit notes (negative amounts) reduce Monetary but are not purchases. Example: A, B, A on 2024-01-10, 01-20, 01-30 with 50, 20, 30 → A: 0, 2, 80.
 * @customfunction RFM
 * @param customers Customer name or id on each transaction row.
 * @param dates Date of each transaction (Excel dates or text dates), same size as customers.
 * @param amounts Amount of each transaction (money; negative for credit notes), same size as customers.
 * @param [asOf] Analysis date (default: the latest date); later transactions are left out.
 * @param [bins] Number of scores, 2 to 10 (default 5).
 * @returns A table with a header row and one row per customer.
 */
export function rfm(customers: any[][], dates: any[][], amounts: any[][], asOf?: any, bins?: any): any[][] {
  return guardSpill(() => {
    const rows = transactionRows(customers, dates, amounts);
    const t = rfmFromTransactions(rows.names, rows.days, rows.amounts, { asOf: behaviourDateArg(asOf, "asOf"), bins: optionalNumber(bins, "bins") });
    const k = t.columns;
    const blank = (v: number) => (v === v ? v : "");
    const out: (string | number)[][] = [["Customer", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"]];
    for (let c = 0; c < t.customers.length; c++) {
      const s = k.segment[c];
      out.push([t.customers[c], blank(k.recency[c]), blank(k.frequency[c]), blank(k.monetary[c]), blank(k.r[c]), blank(k.f[c]), blank(k.m[c]), t.codes[c], s >= 0 ? k.rules[s].name : ""]);
    }
    return out;
  });
}

/**
 * Demand volatility: coefficient of variation of monthly revenue = sample standard deviation / mean (0.5 means months typically stray 50 % from the mean). Empty with fewer than 3 values or a mean of 0 or less. Enter months without revenue as 0: blank cells are skipped. Example: 10, 20, 30 → 0.5.
 * @customfunction VOLATILITY
 * @param values Revenue per month, oldest first (money; months without revenue as 0).
 * @returns The coefficient of variation, or empty.
 */
export function volatility(values: any[][]): number | string | CustomFunctions.Error {
  return guard(() => {
    const cv = coefficientOfVariation(numbers(values, "values"), "values");
    return cv === cv ? cv : "";
  });
}

/**
 * Relative trend of monthly revenue: the least-squares slope per month divided by the mean month (0.05 = growing by 5 % of an average month each month; negative = declining). Empty with fewer than 3 values or a mean of 0 or less. Enter months without revenue as 0. Example: 10, 20, 30 → 0.5.
 * @customfunction TREND
 * @param values Revenue per month, oldest first (money; months without revenue as 0).
 * @returns The relative slope per month, or empty.
 */
export function trend(values: any[][]): number | string | CustomFunctions.Error {
  return guard(() => {
    const t = relativeTrend(numbers(values, "values"), "values");
    return t === t ? t : "";
  });
}

/**
 * Aging schedule: open amounts summed by days past due at the as-of date, in buckets Current (not yet due), 1–30, 31–60, 61–90 and over 90 days, or your own bounds. Spills two columns: bucket and total (money). Example: amounts 100, 50 due 2024-03-01 and 2024-01-15, as of 2024-03-01 → Current 100, 31–60 50.
 * @customfunction AGING
 * @param amounts Open amount per invoice (money; credit notes negative; blank rows ignored).
 * @param dueDates Due date beside each amount (a date, or text such as 2024-03-01); same size as amounts.
 * @param [asOf] Date to age at, e.g. your period end or TODAY() (default: the latest due date given, so a recalculation never changes the answer by itself).
 * @param [bounds] Upper bounds of the buckets in days past due, ascending whole numbers (default 0, 30, 60, 90: Current, 1–30, 31–60, 61–90, > 90).
 * @returns Rows of bucket label and total.
 */
export function aging(amounts: any[][], dueDates: any[][], asOf?: any, bounds?: any[][]): any[][] {
  return guardSpill(() => {
    const a = numberGrid(amounts, "amounts");
    const d = dateGrid(dueDates, "dueDates");
    requireSameShape(a, "amounts", d, "dueDates");
    for (let i = 0; i < a.values.length; i++) {
      if (a.values[i] === a.values[i] && d.days[i] !== d.days[i]) {
        const r = Math.floor(i / a.columns);
        throw problem("notADate", `${cellPosition("dueDates", r, i - r * a.columns, a)} is blank but amounts there is ${a.values[i]}`, { path: "dueDates", row: r + 1 });
      }
    }
    let day = asOfDateArg(asOf, "asOf");
    if (day === undefined) {
      day = -Infinity;
      for (let i = 0; i < a.values.length; i++) if (a.values[i] === a.values[i] && d.days[i] > day) day = d.days[i];
      if (day === -Infinity) throw problem("notEnoughData", "amounts: no amount with a due date to age", { path: "amounts" });
    }
    const b = bounds === null || bounds === undefined ? DEFAULT_AGING_BOUNDS : Array.from(numbers(bounds, "bounds"));
    const schedule = agingSchedule(a.values, d.days, day, b);
    return schedule.labels.map((label, k) => [label, schedule.totals[k]]);
  });
}

/**
 * Credit score 0–100, the KA scorecard: payment 35 % (50·(1 − min(1, days late/60)) + 50·(1 − late share)), overdue 25 % (100·(1 − ratio)), utilisation 15 % (100·(1 − min(1, u))), tenure 10 % (100·min(1, years/5)), trend 15 % (50 + 50·clamp(12·trend, −1, 1)). A blank input drops out; the other weights rescale. Ranges: one score per row. Example: 15, 20%, 10%, 50%, 2, 1% → 69.525.
 * @customfunction CREDITSCORE
 * @param avgDaysLate Average days paid late, amount-weighted (early payment counts as 0).
 * @param lateShare Share of invoices paid late, from 0 to 1 (e.g. 20%).
 * @param overdueRatio Overdue balance ÷ open balance, from 0 to 1.
 * @param utilisation Open balance ÷ credit limit (0 or more; 1 = at the limit).
 * @param tenureYears Years since the first purchase (0 or more).
 * @param [trend] Relative revenue trend per month, e.g. 1% (as from a least-squares slope ÷ mean monthly revenue).
 * @returns The score (0–100), in the layout of the inputs.
 */
export function creditScore(avgDaysLate: any[][], lateShare: any[][], overdueRatio: any[][], utilisation: any[][], tenureYears: any[][], trend?: any[][]): any[][] {
  try {
    const args: [unknown, string][] = [
      [avgDaysLate, "avgDaysLate"],
      [lateShare, "lateShare"],
      [overdueRatio, "overdueRatio"],
      [utilisation, "utilisation"],
      [tenureYears, "tenureYears"],
      [trend, "trend"],
    ];
    // Each input is one value (used for every row) or a range; the ranges must share one shape.
    const grids = args.map(([v, name]) => (v === null || v === undefined ? undefined : { name, grid: numberGrid(v, name) }));
    let shape = { rows: 1, columns: 1, from: "" };
    for (const g of grids) {
      if (!g || (g.grid.rows === 1 && g.grid.columns === 1)) continue;
      if (shape.from === "") shape = { rows: g.grid.rows, columns: g.grid.columns, from: g.name };
      else requireSameShape({ rows: shape.rows, columns: shape.columns }, shape.from, g.grid, g.name);
    }
    const at = (k: number, i: number): number | undefined => {
      const g = grids[k]?.grid;
      if (!g) return undefined;
      return g.rows === 1 && g.columns === 1 ? g.values[0] : g.values[i];
    };
    const single = shape.rows === 1 && shape.columns === 1;
    const out: any[][] = [];
    for (let r = 0; r < shape.rows; r++) {
      const row: any[] = [];
      for (let c = 0; c < shape.columns; c++) {
        const i = r * shape.columns + c;
        const inputs = { avgDaysLate: at(0, i), lateShare: at(1, i), overdueRatio: at(2, i), utilisation: at(3, i), tenureYears: at(4, i), trend: at(5, i) };
        const blank = Object.values(inputs).every((v) => v === undefined || Number.isNaN(v));
        if (blank && !single) {
          row.push(""); // a blank row spills a blank
          continue;
        }
        try {
          row.push(creditScoreOf(inputs));
        } catch (e) {
          if (single) throw e;
          row.push(toExcelError(e)); // an impossible value shows its error in its own row
        }
      }
      out.push(row);
    }
    return out;
  } catch (e) {
    return [[toExcelError(e)]];
  }
}
