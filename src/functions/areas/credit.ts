/**
 * Receivables and credit: KA.DSO, KA.CEI, KA.ADD, KA.ECL, KA.CREDITGRADE, KA.AGING, KA.CREDITSCORE (engine:
 * src/engine/metrics/credit; the rules for blanks in the lists a user passes are in its lists.ts).
 *
 * Each function is a wrapper — coerce the arguments (../coerce.ts), make one engine call, return the result — run
 * by `guard`/`guardSpill` (../guard.ts), which turn a problem into the cell's Excel error. Its JSDoc is its entry
 * in functions.json (see the README, "Adding a custom function"); the Chinese texts are in the .zh-CN.json beside
 * this file.
 */
import { isKaProblem } from "../../engine/problems";
import { averageDaysDelinquent, collectionEffectiveness, creditGrade as creditGradeOf, dso as dsoOf, DEFAULT_AGING_BOUNDS } from "../../engine/metrics/credit";
import { agingOfLists, creditScoreRows, scenarioEclOfLists, type ScorecardLists } from "../../engine/metrics/credit/lists";
import { dateGrid, isOmitted, numberArg, numberGrid, numbers, optionalDateArg, rangePositions, requireSameShape, type NumberGrid } from "../coerce";
import { toExcelError } from "../errors";
import { guard, guardSpill, type ResultCell } from "../guard";

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
 * Collection effectiveness index: (receivables at the start + sales − receivables at the end) ÷ (receivables at the start + sales − receivables not yet due at the end): what was collected over what could have been. A fraction (1 = 100 %). Example: 10000, 50000, 12000, 8000 → 0.923.
 * @customfunction CEI
 * @param beginReceivables Receivables at the start of the period (money).
 * @param sales Credit sales of the period, net of credit notes (money).
 * @param endReceivables Receivables at the end of the period (money).
 * @param currentReceivables The part of the end receivables not yet due (money, at most endReceivables).
 * @returns CEI as a fraction, e.g. 92.3%.
 */
export function cei(beginReceivables: any, sales: any, endReceivables: any, currentReceivables: any): number | CustomFunctions.Error {
  return guard(() =>
    collectionEffectiveness(
      numberArg(beginReceivables, "beginReceivables"),
      numberArg(sales, "sales"),
      numberArg(endReceivables, "endReceivables"),
      numberArg(currentReceivables, "currentReceivables"),
    ),
  );
}

/**
 * Average days delinquent = DSO − best-possible DSO = (receivables − receivables not yet due) ÷ revenue of the period × days: the days by which customers pay late on average. Days. Example: 12000, 8000, 50000, 90 → 7.2.
 * @customfunction ADD
 * @param receivables Open receivables at the period end (money).
 * @param currentReceivables The part of them not yet due (money, at most receivables).
 * @param revenue Revenue (credit sales) of the period (money).
 * @param [days] Days in the period: 365 (default) or e.g. 90 for a quarter.
 * @returns Days.
 */
export function add(receivables: any, currentReceivables: any, revenue: any, days?: any): number | CustomFunctions.Error {
  return guard(() => averageDaysDelinquent(numberArg(receivables, "receivables"), numberArg(currentReceivables, "currentReceivables"), numberArg(revenue, "revenue"), numberArg(days, "days", 365)));
}

/**
 * Expected credit loss by a provision matrix (IFRS 9 simplified approach): the sum of balance × loss rate over aging buckets; with scenarios, the probability-weighted sum over scenarios of each scenario's loss with its rates × its multiplier (at most 100 %). Money. Example: balances 1000, 500 with rates 0.3%, 1.6% → 11; with weights 70%, 30% and multipliers 1, 2 → 14.3.
 * @customfunction ECL
 * @param balances Open balance per aging bucket or invoice (money; blank rows ignored).
 * @param lossRates Loss rate beside each balance, as 0.016 or 1.6%, from 0 to 1; same size as balances.
 * @param [weights] Scenario probabilities, e.g. base 50%, upside 20%, downside 30%; they must sum to 100%.
 * @param [multipliers] Loss-rate multiplier of each scenario beside its weight, e.g. 1, 0.8, 1.5.
 * @returns The expected credit loss (money).
 */
export function ecl(balances: any[][], lossRates: any[][], weights?: any[][], multipliers?: any[][]): number | CustomFunctions.Error {
  return guard(() => {
    const b = numberGrid(balances, "balances");
    const r = numberGrid(lossRates, "lossRates");
    requireSameShape(b, "balances", r, "lossRates");
    const w = isOmitted(weights) ? undefined : numberGrid(weights, "weights");
    const m = isOmitted(multipliers) ? undefined : numberGrid(multipliers, "multipliers");
    if (w && m) requireSameShape(w, "weights", m, "multipliers");
    return scenarioEclOfLists(b.values, r.values, w?.values, m?.values, rangePositions(b), w ? rangePositions(w) : undefined);
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
    const b = isOmitted(bounds) ? DEFAULT_AGING_BOUNDS : numbers(bounds, "bounds");
    const schedule = agingOfLists(a.values, d.days, optionalDateArg(asOf, "asOf"), b, rangePositions(a));
    return schedule.labels.map((label, k) => [label, schedule.totals[k]]);
  });
}

/**
 * Credit score 0–100, the KA scorecard: payment 35 % (50·(1 − min(1, days late/60)) + 50·(1 − late share)), overdue 25 % (100·(1 − ratio)), utilisation 15 % (100·(1 − min(1, u))), tenure 10 % (100·min(1, years/5)), trend 15 % (50 + 50·clamp(12·trend, −1, 1)). A blank input drops out; the other weights rescale. Ranges: one score per row. Example: 15, 20%, 10%, 50%, 2, 1% → 69.525.
 * @customfunction CREDITSCORE
 * @param avgDaysLate Average days late, amount-weighted: amounts paid at their payment date (early counts as 0), amounts still owed at their days past due so far.
 * @param lateShare Share of the money paid late or still owed past due, from 0 to 1 (e.g. 20%).
 * @param overdueRatio Overdue balance ÷ open balance, from 0 to 1.
 * @param utilisation Open balance ÷ credit limit (0 or more; 1 = at the limit).
 * @param tenureYears Years since the first purchase (0 or more).
 * @param [trend] Relative revenue trend per month, e.g. 1% (as from a least-squares slope ÷ mean monthly revenue).
 * @returns The score (0–100), in the layout of the inputs.
 */
export function creditScore(avgDaysLate: any[][], lateShare: any[][], overdueRatio: any[][], utilisation: any[][], tenureYears: any[][], trend?: any[][]): any[][] {
  return guardSpill(() => {
    const args = { avgDaysLate, lateShare, overdueRatio, utilisation, tenureYears, trend };
    // Each input is one value (used for every row) or a range; the ranges must share one shape.
    const lists: ScorecardLists = {};
    let shape: (NumberGrid & { name: string }) | undefined;
    for (const [name, value] of Object.entries(args) as [keyof ScorecardLists, unknown][]) {
      if (isOmitted(value)) continue;
      const grid = numberGrid(value, name);
      lists[name] = grid.values;
      if (grid.rows === 1 && grid.columns === 1) continue;
      if (shape) requireSameShape(shape, shape.name, grid, name);
      else shape = { ...grid, name };
    }
    const rows = shape?.rows ?? 1;
    const columns = shape?.columns ?? 1;
    const scores = creditScoreRows(lists, rows * columns);
    const out: ResultCell[][] = [];
    for (let r = 0; r < rows; r++) {
      out.push(
        scores.slice(r * columns, (r + 1) * columns).map((s) => (s === undefined ? "" : isKaProblem(s) ? toExcelError(s) : s)),
      );
    }
    return out;
  });
}
