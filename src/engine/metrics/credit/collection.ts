/**
 * Collection KPIs: collection effectiveness index (CEI), best-possible DSO, average days delinquent (ADD) and the
 * DSO trend — in total, per customer and per calendar month, rebuilt from invoice, due and paid dates.
 *
 * For a period with receivables `begin` at its start, net credit sales `sales` in it, receivables `end` at its end,
 * of which `current` not yet due, and `days` days:
 * - CEI = (begin + sales − end) / (begin + sales − current): what was collected over what could have been
 *   collected (everything except what was not yet due); 1 (100 %) = every amount due was collected.
 * - DSO = end / sales × days; best-possible DSO = current / sales × days (the DSO if nothing were overdue);
 * - ADD = DSO − best-possible DSO = (end − current) / sales × days: the days by which customers pay late on average.
 */
import { dayOfMonthStart, monthLabel, monthOfDay } from "../../day";
import { GRID_MONTHS_AFTER_DATA } from "../../customers/base";
import { NO_DAY } from "../../ledger/types";
import { problem } from "../../problems";
import { compensatedSum } from "../concentration/positive";
import { settledFrom } from "./history";
import type { ReceivableRows } from "./open-balance";
import type { RowGroups } from "./snapshot";
import { neumaierAdd } from "./sums";

function finite(v: number, name: string): void {
  if (!Number.isFinite(v)) throw problem("notANumber", `${name}: ${String(v)} is not a number`, { path: name });
}

function notAbove(current: number, total: number, what: string): void {
  if (current > total) throw problem("outOfRange", `currentReceivables: ${current} is more than ${what} (${total}); the part not yet due cannot exceed the whole`, { path: "currentReceivables" });
}

/**
 * Collection effectiveness index: `(begin + sales − end) / (begin + sales − current)`, a fraction (0.85 = 85 %).
 * @example collectionEffectiveness(10_000, 50_000, 12_000, 8_000) // 48 000 / 52 000 = 0.923
 * @throws KaProblem divideByZero when nothing could have been collected (denominator ≤ 0); outOfRange when the
 *   current part exceeds the end receivables; notANumber.
 */
export function collectionEffectiveness(begin: number, sales: number, end: number, current: number): number {
  finite(begin, "beginReceivables");
  finite(sales, "sales");
  finite(end, "endReceivables");
  finite(current, "currentReceivables");
  notAbove(current, end, "endReceivables");
  const collectible = begin + sales - current;
  if (!(collectible > 0)) throw problem("divideByZero", "CEI: nothing was collectible in the period (begin + sales − current receivables ≤ 0)", { path: "sales" });
  return (begin + sales - end) / collectible;
}

/**
 * Best-possible DSO: `current / sales × days` — the DSO the customers would give if every amount were paid on its
 * due date. Days.
 * @example bestPossibleDso(8_000, 50_000, 90) // 14.4
 * @throws KaProblem divideByZero when sales are 0; outOfRange for days ≤ 0; notANumber.
 */
export function bestPossibleDso(current: number, sales: number, days = 365): number {
  finite(current, "currentReceivables");
  finite(sales, "sales");
  finite(days, "days");
  if (days <= 0) throw problem("outOfRange", `days: the period must be positive (got ${days})`, { path: "days" });
  if (sales === 0) throw problem("divideByZero", "sales: no sales in the period, so best-possible DSO is undefined", { path: "sales" });
  return (current / sales) * days;
}

/**
 * Average days delinquent: DSO − best-possible DSO = `(receivables − current) / sales × days`, in days.
 * @example averageDaysDelinquent(12_000, 8_000, 50_000, 90) // 21.6 − 14.4 = 7.2
 * @throws KaProblem as `bestPossibleDso`; outOfRange when the current part exceeds the receivables.
 */
export function averageDaysDelinquent(receivables: number, current: number, sales: number, days = 365): number {
  finite(receivables, "receivables");
  const best = bestPossibleDso(current, sales, days);
  notAbove(current, receivables, "receivables");
  return (receivables / sales) * days - best;
}

/** The KPIs of one period (NaN where a ratio is undefined: no sales, nothing collectible). */
export interface PeriodKpis {
  /** First and last day of the period (`from` inclusive). */
  from: number;
  to: number;
  days: number;
  begin: number;
  sales: number;
  end: number;
  /** Receivables at the end not yet due. */
  current: number;
  cei: number;
  dso: number;
  bestPossibleDso: number;
  add: number;
}

function kpis(from: number, to: number, begin: number, sales: number, end: number, current: number): PeriodKpis {
  const days = to - from + 1;
  const collectible = begin + sales - current;
  const cei = collectible > 0 ? (begin + sales - end) / collectible : NaN;
  const ok = sales > 0;
  const dso = ok ? (end / sales) * days : NaN;
  const bp = ok ? (current / sales) * days : NaN;
  return { from, to, days, begin, sales, end, current, cei, dso, bestPossibleDso: bp, add: ok ? dso - bp : NaN };
}

export interface CollectionKpis {
  /** The DSO window: the 365 days to as-of. */
  total: PeriodKpis;
  /** Per customer over the same window (NaN where undefined). */
  perCustomer: { begin: Float64Array; sales: Float64Array; end: Float64Array; current: Float64Array; cei: Float64Array; dso: Float64Array; bestPossibleDso: Float64Array; add: Float64Array };
  /**
   * Calendar months from the first invoice's month to the as-of month (the last ends on as-of), but at most 12 months
   * past the last invoice or payment day.
   */
  monthly: (PeriodKpis & { month: string })[];
  /** Least-squares slope of monthly DSO over the last 12 months with a DSO (days per month); NaN below 3 months. */
  dsoTrend: number;
}

/**
 * Collection KPIs of a ledger at `asOf` (see the module comment). Receivables at a past day are rebuilt per row —
 * the whole amount from its date to its payment day, the remainder after it (see `ownOpenAt`); credit notes
 * count until applied and a customer's credits reduce its most overdue items first, so "current" is the part
 * not yet due after credits, as on KA Aging. Sales are net (credit notes deducted), as for DSO.
 *
 * `openNow` is each row's own open amount at as-of; `effDue` the effective due days. O(rows × months open).
 * @throws KaProblem notEnoughData without paid dates (the past cannot be rebuilt).
 */
export function collectionKpis(
  rows: Pick<ReceivableRows, "used" | "day" | "amount" | "paidDay">,
  groups: RowGroups,
  openNow: ArrayLike<number>,
  effDue: ArrayLike<number>,
  asOf: number,
  windowDays = 365,
): CollectionKpis {
  if (!rows.paidDay) throw problem("notEnoughData", "Collection KPIs need the paid-date column: receivables at earlier dates cannot be rebuilt without it.", { path: "paidDate" });
  const n = groups.n;
  let firstDay = asOf;
  let lastEvent = -Infinity; // the last invoice or payment day on or before as-of
  for (let i = 0; i < rows.used; i++) {
    const d = rows.day[i];
    if (d < firstDay) firstDay = d;
    if (d > lastEvent) lastEvent = d;
    const p = rows.paidDay[i];
    if (p !== NO_DAY && p <= asOf && p > lastEvent) lastEvent = p;
  }
  const m0 = monthOfDay(firstDay);
  // The months run to the as-of month, but at most 12 months past the last invoice or payment (the rule of every
  // monthly grid, CustomerBase.throughMonth): --as-of 9999-12-31 listed 95,724 months and walked every open row
  // through all of them.
  const mLast = Math.max(m0, Math.min(monthOfDay(asOf), monthOfDay(Math.max(lastEvent, firstDay)) + GRID_MONTHS_AFTER_DATA));
  const M = mLast - m0 + 1;
  const ends = new Float64Array(M);
  for (let k = 0; k < M; k++) ends[k] = Math.min(asOf, dayOfMonthStart(m0 + k + 1) - 1);
  // Month (0-based from m0) of each day of the span, without a Date per row.
  const gridEnd = ends[M - 1];
  const monthAt = new Int32Array(gridEnd - firstDay + 1);
  for (let k = 0, t = firstDay; t <= gridEnd; t++) {
    while (t > ends[k]) k++;
    monthAt[t - firstDay] = k;
  }
  const salesM = new Float64Array(M);
  const salesComp = new Float64Array(M);
  const arM = new Float64Array(M);
  const arComp = new Float64Array(M);
  const overdueM = new Float64Array(M);
  const windowStart = asOf - windowDays; // exclusive
  const pc = {
    begin: new Float64Array(n),
    sales: new Float64Array(n),
    end: new Float64Array(n),
    current: new Float64Array(n),
    cei: new Float64Array(n),
    dso: new Float64Array(n),
    bestPossibleDso: new Float64Array(n),
    add: new Float64Array(n),
  };
  const ar = new Float64Array(M);
  const ovd = new Float64Array(M);
  const cred = new Float64Array(M);
  let totalBegin = 0;
  let totalOverdueEnd = 0;
  for (let c = 0; c < n; c++) {
    let kMin = M;
    let kMax = -1;
    let begin = 0;
    let sales = 0;
    let endOwn = 0;
    let endOverdueOwn = 0;
    let endCredit = 0;
    for (let q = groups.start[c]; q < groups.start[c + 1]; q++) {
      const i = groups.order[q];
      const amount = rows.amount[i];
      const d = rows.day[i];
      const due = effDue[i];
      const from = settledFrom(rows, i, asOf);
      const now = openNow[i];
      neumaierAdd(salesM, salesComp, monthAt[d - firstDay], amount);
      if (d > windowStart) sales += amount;
      else begin += windowStart >= from ? now : amount;
      if (now > 0) {
        endOwn += now;
        if (asOf - due > 0) endOverdueOwn += now;
      } else if (now < 0) {
        endOwn += now;
        endCredit -= now;
      }
      // Month ends on which the row is open: from its month until it is settled (all months when still open).
      for (let k = monthAt[d - firstDay]; k < M; k++) {
        const e = ends[k];
        const v = e >= from ? now : amount;
        if (v === 0) break; // settled for good: nothing after either
        if (k < kMin) kMin = k;
        if (k > kMax) kMax = k;
        ar[k] += v;
        if (v > 0) {
          if (e - due > 0) ovd[k] += v;
        } else cred[k] -= v;
      }
    }
    for (let k = kMin; k <= kMax; k++) {
      neumaierAdd(arM, arComp, k, ar[k]);
      overdueM[k] += Math.max(0, ovd[k] - cred[k]);
      ar[k] = 0;
      ovd[k] = 0;
      cred[k] = 0;
    }
    const overdueNet = Math.max(0, endOverdueOwn - endCredit);
    totalBegin += begin;
    totalOverdueEnd += overdueNet;
    const p = kpis(windowStart + 1, asOf, begin, sales, endOwn, endOwn - overdueNet);
    pc.begin[c] = begin;
    pc.sales[c] = sales;
    pc.end[c] = endOwn;
    pc.current[c] = p.current;
    pc.cei[c] = p.cei;
    pc.dso[c] = p.dso;
    pc.bestPossibleDso[c] = p.bestPossibleDso;
    pc.add[c] = p.add;
  }
  const totalSales = compensatedSum(pc.sales);
  const totalEnd = compensatedSum(pc.end);
  const total = kpis(windowStart + 1, asOf, totalBegin, totalSales, totalEnd, totalEnd - totalOverdueEnd);

  const monthly: (PeriodKpis & { month: string })[] = [];
  let prevAr = 0;
  for (let k = 0; k < M; k++) {
    const end = arM[k] + arComp[k];
    const start = dayOfMonthStart(m0 + k);
    monthly.push({ month: monthLabel(m0 + k), ...kpis(start, ends[k], prevAr, salesM[k] + salesComp[k], end, end - overdueM[k]) });
    prevAr = end;
  }
  return { total, perCustomer: pc, monthly, dsoTrend: slopeOfLast(monthly.map((m) => m.dso), 12) };
}

/** Least-squares slope per step of the finite values among the last `window` entries (their positions kept). */
function slopeOfLast(values: number[], window: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = Math.max(0, values.length - window); k < values.length; k++) {
    if (Number.isFinite(values[k])) {
      xs.push(k);
      ys.push(values[k]);
    }
  }
  if (xs.length < 3) return NaN;
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let j = 0; j < xs.length; j++) {
    sxy += (xs[j] - mx) * (ys[j] - my);
    sxx += (xs[j] - mx) ** 2;
  }
  return sxy / sxx;
}
