import { NO_DAY } from "../../ledger/types";
import { agingLabels, checkAgingBounds } from "./aging";
import { collectionKpis } from "./collection";
import type { CollectionKpis } from "./collection";
import { dso } from "./dso";
import { ownOpenAt, undatedPayments } from "./history";
import { adjustedLossRates, BASE_SCENARIO, disclosureTable } from "./ifrs9";
import type { Disclosure, LossRateAdjustment, Scenario } from "./ifrs9";
import { allowanceMovement } from "./movement";
import type { AllowanceMovement } from "./movement";
import { hasOpenBalanceColumns, openAmounts } from "./open-balance";
import type { OpenBalanceSource, ReceivableRows } from "./open-balance";
import { openItems } from "./open-items";
import type { OpenItems } from "./open-items";
import { medianTermsDays, paymentBehaviour } from "./payment";
import { rollRateLossRates } from "./roll-rate";
import type { RollRateEstimate } from "./roll-rate";
import { receivableSnapshot } from "./snapshot";
import type { ReceivableSnapshot, RowGroups } from "./snapshot";
import { neumaierAdd } from "./sums";
import { monthsBefore, monthsInWindow } from "./window";
import { isoFromDay } from "../../day";
import { problem } from "../../problems";
import { compensatedSum } from "../concentration/positive";
import { englishNumber } from "../../i18n/format";

export type { RowGroups } from "./snapshot";

export interface ReceivablesOptions {
  asOf: number;
  /** Aging bounds in days past due (default 0, 30, 60, 90). */
  bounds: number[];
  /** The user's loss rates, one per bucket (bounds.length + 1). */
  lossRates: number[];
  /** `auto`: roll-rate estimates when the history allows, else the given rates; `given`: always the given rates. */
  lossRateMethod: "auto" | "given";
  /** Loss given default for the roll-rate method (default 1). */
  lossGivenDefault?: number;
  /** Fewest months of history for the roll-rate method (default 6). */
  minRollMonths?: number;
  /** Fewest invoices leaving each bucket for the roll-rate method (default 30). */
  minRollInvoices?: number;
  /** Terms assumed for a blank due date when the customer has no other due date (default 30 days). */
  defaultTermsDays?: number;
  /** Days past due above which a balance counts as seriously overdue, for alerts (default 90). */
  seriousOverdueDays?: number;
  /** Credit limit per customer (by code); NaN when none. A limit ≤ 0 is read as "not set". */
  creditLimit?: ArrayLike<number>;
  /** Forward-looking overlay, per-bucket multipliers and probability-weighted scenarios (IFRS 9 §5.5.17). */
  adjustment?: LossRateAdjustment;
  /** Items still owed more than this many days past due are written off (derecognised); default never. */
  writeOffDays?: number;
  /** Per used row: the day it was flagged written off (NO_DAY: not flagged). */
  writeOffDay?: ArrayLike<number>;
  /** Opening date of the loss-allowance movement schedule (before `asOf`); none: no schedule. */
  compareAsOf?: number;
}

/** The IFRS 9 pack: adjusted rates, the disclosure table and (with a compare date) the movement schedule. */
export interface Ifrs9Pack {
  overlay: number;
  bucketMultipliers: number[];
  scenarios: Scenario[];
  /** rate[s][b] of each scenario, and the probability-weighted rates in force. */
  scenarioRates: number[][];
  effectiveLossRates: number[];
  disclosure: Disclosure;
  movement?: AllowanceMovement;
  writeOffDays: number;
}

/**
 * Receivables per customer and in total (docs/metrics.md#credit). Money in the ledger's currency; days are calendar
 * days.
 */
export interface Receivables {
  labels: string[];
  bounds: number[];
  /** Per customer (by code), what it owes (credit notes applied; written-off items included). */
  openBalance: Float64Array;
  /** Open amounts with days past due > 0. */
  overdue: Float64Array;
  /** Open amounts more than `seriousOverdueDays` past due. */
  overdueSerious: Float64Array;
  seriousOverdueDays: number;
  /** aging[b][c]: customer c's open amount in bucket b. */
  aging: Float64Array[];
  /** Per customer: credit balance (≤ 0) and amount written off but still owed (≥ 0). */
  creditBalance: Float64Array;
  writtenOff: Float64Array;
  /** Amount-weighted days late and late share (see `paymentBehaviour`); NaN without paid dates. */
  avgDaysLate: Float64Array;
  lateShare: Float64Array;
  paidInvoices: Int32Array;
  /** Median days from invoice to due date; NaN when the customer has no due date. */
  termsDays: Float64Array;
  /**
   * Net revenue of the last 12 calendar months (the days after `window12mStart` up to as-of) and its monthly
   * average over the months of that window the customer existed in (1–12, see `monthsInWindow`).
   */
  revenue12m: Float64Array;
  avgMonthlyRevenue12m: Float64Array;
  window12mStart: number;
  creditLimit: Float64Array;
  /** openBalance / creditLimit; NaN without a (positive) limit. */
  utilisation: Float64Array;
  /** Portfolio. */
  receivables: number;
  overdueTotal: number;
  /** Receivables not yet due (receivables − overdue). */
  currentReceivables: number;
  agingTotals: number[];
  /** IFRS 9 view per bucket: gross carrying amount (no written-off items, no credit balances) and write-offs. */
  gross: number[];
  writtenOffByBucket: number[];
  creditBalances: number;
  revenue365: number;
  revenue90: number;
  /** Receivables / revenue × days; NaN when that revenue is ≤ 0 or receivables are negative. */
  dso365: number;
  dso90: number;
  /** Current receivables / revenue of the last 365 days × 365, and DSO − it (average days delinquent). */
  bestPossibleDso365: number;
  add365: number;
  avgDaysLateAll: number;
  lateShareAll: number;
  /** The base loss rates in force (given or roll-rate) and where they come from. */
  lossRates: number[];
  lossRateMethod: "given" | "rollRate";
  givenLossRates: number[];
  rollRate: RollRateEstimate;
  /** Loss allowance per bucket (gross carrying amount × effective rate) and in total (= the disclosure's). */
  eclByBucket: number[];
  ecl: number;
  ifrs9: Ifrs9Pack;
  /** Open items at as-of, most overdue first (reconcile to `agingTotals`). */
  openItems: OpenItems;
  /** CEI, best-possible DSO, ADD, DSO trend; undefined without paid dates. */
  collection?: CollectionKpis;
  /** Per used row: open amount of the document itself, and of an invoice after the customer's credits were applied. */
  rowOpen: Float64Array;
  rowOpenNet: Float64Array;
  /** Credit notes and overpayments applied to open invoices, and credit left over (customers in credit, ≤ 0). */
  creditsApplied: number;
  unappliedCredit: number;
  rowDaysPastDue: Float64Array;
  /** Per used row: the effective due day (the ledger's, or assumed from the terms) and whether it was assumed. */
  rowDueDay: Int32Array;
  rowDueAssumed: Uint8Array;
  /** How many rows each open-balance rule decided, how many due dates were assumed, how many payments had no date. */
  sources: Record<OpenBalanceSource, number>;
  assumedDueDates: number;
  undatedPayments: number;
  notes: string[];
}

function safeDso(receivables: number, revenue: number, days: number): number {
  if (!(revenue > 0) || !(receivables >= 0)) return NaN;
  return dso(receivables, revenue, days);
}

/** The base loss rates in force at `day`: roll-rate estimates when `auto` and the history allows, else the given. */
function baseRates(rows: ReceivableRows, effDue: Int32Array, day: number, bounds: number[], opts: ReceivablesOptions) {
  const rollRate = rollRateLossRates(rows, effDue, day, bounds, {
    minMonths: opts.minRollMonths,
    minInvoicesPerBucket: opts.minRollInvoices,
    lossGivenDefault: opts.lossGivenDefault,
  });
  const useRoll = opts.lossRateMethod === "auto" && rollRate.available;
  const rates = useRoll && rollRate.available ? rollRate.lossRates.slice() : opts.lossRates.slice();
  return { rollRate, useRoll, rates };
}

/**
 * Receivables analysis of a ledger at `asOf` (docs/metrics.md#credit): open balance per invoice (see `openAmount`),
 * days past due against the due date (a blank due date is assumed at the invoice day + the customer's median terms,
 * else `defaultTermsDays`, and counted), aging per customer and in total (credit notes applied to the same customer's
 * most overdue items: see `receivableSnapshot`), the open items, DSO on 365 and 90 days with best-possible DSO and
 * average days delinquent, collection KPIs (with paid dates), payment lateness, the scorecard inputs, and the IFRS 9
 * pack: base loss rates (given, or roll-rate estimates when `auto` and the history allows), adjusted by the
 * forward-looking overlay and the probability-weighted scenarios, applied to the gross carrying amount by bucket
 * (written-off items and credit balances are not receivables), and — with `compareAsOf` — the allowance movement
 * between the two dates.
 *
 * @throws KaProblem when the ledger has no due-date column or no balance/paid column (notEnoughData), when the
 *   bounds are bad (outOfRange) or the loss rates do not match the buckets (sizeMismatch, outOfRange), bad
 *   scenarios or overlay (outOfRange), a compare date not before as-of (outOfRange) or without paid dates
 *   (notEnoughData).
 */
export function analyzeReceivables(rows: ReceivableRows, groups: RowGroups, opts: ReceivablesOptions): Receivables {
  const { asOf } = opts;
  const bounds = opts.bounds.slice();
  checkAgingBounds(bounds);
  const labels = agingLabels(bounds);
  const B = labels.length;
  if (opts.lossRates.length !== B) {
    throw problem("sizeMismatch", `lossRates: ${opts.lossRates.length} rates for ${B} aging buckets`, { path: "lossRates" });
  }
  const adj = opts.adjustment ?? {};
  adjustedLossRates(opts.lossRates, adj); // validates the rates (0..1), overlay, multipliers and scenarios up front
  if (!rows.dueDay) throw problem("notEnoughData", "The ledger has no due-date column, so receivables cannot be aged.", { path: "dueDate" });
  if (!hasOpenBalanceColumns(rows)) {
    throw problem("notEnoughData", "The ledger has no balance, paid-amount or paid-date column, so open balances are unknown.", { path: "balance" });
  }
  const writeOffDays = opts.writeOffDays ?? Infinity;
  if (!(writeOffDays >= 0)) throw problem("outOfRange", `writeOffDays: must be 0 or more days past due (got ${writeOffDays})`, { path: "writeOffDays" });
  if (opts.compareAsOf !== undefined && !(opts.compareAsOf < asOf)) {
    throw problem("outOfRange", `compareAsOf: the opening date ${isoFromDay(opts.compareAsOf)} must be before the as-of date ${isoFromDay(asOf)}`, { path: "compareAsOf" });
  }
  const { open, sources } = openAmounts(rows, asOf);
  const n = groups.n;
  const defaultTerms = opts.defaultTermsDays ?? 30;
  const serious = opts.seriousOverdueDays ?? 90;
  const { amount, day } = rows;
  const dueDay = rows.dueDay;

  const termsDays = new Float64Array(n);
  const effDue = new Int32Array(rows.used);
  const dueAssumed = new Uint8Array(rows.used);
  let assumed = 0;
  for (let c = 0; c < n; c++) {
    const idx = groups.order.subarray(groups.start[c], groups.start[c + 1]);
    termsDays[c] = medianTermsDays(amount, day, dueDay, idx);
    const fallback = Number.isNaN(termsDays[c]) ? defaultTerms : Math.round(termsDays[c]);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (dueDay[i] === NO_DAY) {
        effDue[i] = day[i] + fallback;
        dueAssumed[i] = 1;
        if (amount[i] > 0) assumed++; // credit notes need no due date: they are applied, not aged
      } else effDue[i] = dueDay[i];
    }
  }

  const snapOpts = { bounds, seriousOverdueDays: serious, writeOffDays, writeOffDay: opts.writeOffDay };
  const snap = receivableSnapshot(groups, open, effDue, asOf, snapOpts);

  // Revenue windows: DSO keeps its day counts (365 and 90 days); "the last 12 months" are calendar months.
  const start12 = monthsBefore(asOf, 12);
  const rev = new Float64Array(2);
  const revComp = new Float64Array(2);
  const revenue12m = new Float64Array(n);
  const firstInvoice = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < n; c++) {
    for (let k = groups.start[c]; k < groups.start[c + 1]; k++) {
      const i = groups.order[k];
      const age = asOf - day[i];
      if (age < 365) {
        neumaierAdd(rev, revComp, 0, amount[i]);
        if (age < 90) neumaierAdd(rev, revComp, 1, amount[i]);
      }
      if (day[i] > start12) revenue12m[c] += amount[i];
      if (amount[i] > 0 && day[i] < firstInvoice[c]) firstInvoice[c] = day[i];
    }
  }
  const receivables = compensatedSum(snap.agingTotals);
  const overdueTotal = compensatedSum(snap.overdue);
  const currentReceivables = receivables - overdueTotal;
  const revenue365 = rev[0] + revComp[0];
  const revenue90 = rev[1] + revComp[1];
  const avgMonthlyRevenue12m = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    avgMonthlyRevenue12m[c] = revenue12m[c] / (Number.isFinite(firstInvoice[c]) ? monthsInWindow(firstInvoice[c], asOf) : 12);
  }

  const avgDaysLate = new Float64Array(n).fill(NaN);
  const lateShare = new Float64Array(n).fill(NaN);
  const paidInvoices = new Int32Array(n);
  let all: ReturnType<typeof paymentBehaviour> | undefined;
  if (rows.paidDay) {
    const pr = { amount, dueDay: effDue, paidDay: rows.paidDay, open };
    for (let c = 0; c < n; c++) {
      const pb = paymentBehaviour(pr, asOf, groups.order.subarray(groups.start[c], groups.start[c + 1]));
      avgDaysLate[c] = pb.avgDaysLate;
      lateShare[c] = pb.lateShare;
      paidInvoices[c] = pb.paidInvoices;
    }
    all = paymentBehaviour(pr, asOf);
  }

  const creditLimit = new Float64Array(n).fill(NaN);
  const utilisation = new Float64Array(n).fill(NaN);
  if (opts.creditLimit) {
    for (let c = 0; c < n; c++) {
      const lim = opts.creditLimit[c];
      if (lim > 0) {
        creditLimit[c] = lim;
        utilisation[c] = snap.openBalance[c] / lim;
      }
    }
  }

  const base = baseRates(rows, effDue, asOf, bounds, opts);
  const rollRate = base.rollRate;
  const useRoll = base.useRoll;
  const lossRates = base.rates;
  const disclosure = disclosureTable(labels, snap.gross, lossRates, adj);
  const { byScenario, effective } = adjustedLossRates(lossRates, adj);
  const ifrs9: Ifrs9Pack = {
    overlay: adj.overlay ?? 1,
    bucketMultipliers: (adj.bucketMultipliers ?? labels.map(() => 1)).slice(),
    scenarios: (adj.scenarios ?? [BASE_SCENARIO]).map((s) => ({ ...s })),
    scenarioRates: byScenario,
    effectiveLossRates: effective,
    disclosure,
    writeOffDays,
  };
  let openingSnap: ReceivableSnapshot | undefined;
  if (opts.compareAsOf !== undefined) {
    const t0 = opts.compareAsOf;
    openingSnap = receivableSnapshot(groups, ownOpenAt(rows, open, t0, asOf), effDue, t0, snapOpts);
    const openingBase = baseRates(rows, effDue, t0, bounds, opts);
    const openingRates = adjustedLossRates(openingBase.rates, adj).effective;
    ifrs9.movement = allowanceMovement(openingSnap, snap, day, openingRates, effective);
  }

  const collection = rows.paidDay ? collectionKpis(rows, groups, open, effDue, asOf) : undefined;
  const undated = undatedPayments(rows, open);

  const writtenOffTotal = compensatedSum(snap.writtenOffByBucket);
  const notes: string[] = [];
  if (!rows.paidDay) notes.push("No paid-date column: the credit score has no payment component, and collection KPIs (CEI, monthly DSO) and the allowance movement cannot be rebuilt.");
  if (assumed > 0) notes.push(`${assumed} row${assumed === 1 ? "" : "s"} without a due date aged from the invoice date plus the customer's median terms (else ${defaultTerms} days).`);
  if (snap.creditsApplied > 0 || snap.creditBalances < 0) {
    notes.push(
      `Credit notes and overpayments (${fmtMoney(snap.creditsApplied - snap.creditBalances)}) applied to the same customer's open invoices, most overdue first (${fmtMoney(snap.creditsApplied)} applied; ${fmtMoney(-snap.creditBalances)} left as credit balances in ${labels[0]}, which are not receivables and carry no allowance).`,
    );
  }
  if (sources.blankBalance > 0) notes.push(`${sources.blankBalance} row${sources.blankBalance === 1 ? "" : "s"} with a blank balance counted as settled (0 open).`);
  if (undated > 0) notes.push(`${undated} payment${undated === 1 ? "" : "s"} without a paid date: left out of days late, and taken as made on the as-of date for receivables at earlier dates.`);
  if (writtenOffTotal > 0) {
    notes.push(`${fmtMoney(writtenOffTotal)} written off (${Number.isFinite(writeOffDays) ? `owed more than ${writeOffDays} days past due` : "flagged"}${Number.isFinite(writeOffDays) && opts.writeOffDay ? " or flagged" : ""}): still owed by the customers, no longer in the gross carrying amount.`);
  }
  notes.push(
    useRoll
      ? `Loss rates estimated by the roll-rate method from ${rollRate.available ? rollRate.months.length : 0} months of payment history (loss given default ${opts.lossGivenDefault ?? 1}).`
      : `Loss rates as given${rollRate.available ? "" : `; roll-rate estimate not available: ${rollRate.reason}`}.`,
  );

  return {
    labels,
    bounds,
    openBalance: snap.openBalance,
    overdue: snap.overdue,
    overdueSerious: snap.overdueSerious,
    seriousOverdueDays: serious,
    aging: snap.aging,
    creditBalance: snap.creditBalance,
    writtenOff: snap.writtenOff,
    avgDaysLate,
    lateShare,
    paidInvoices,
    termsDays,
    revenue12m,
    avgMonthlyRevenue12m,
    window12mStart: start12,
    creditLimit,
    utilisation,
    receivables,
    overdueTotal,
    currentReceivables,
    agingTotals: snap.agingTotals,
    gross: snap.gross,
    writtenOffByBucket: snap.writtenOffByBucket,
    creditBalances: snap.creditBalances,
    revenue365,
    revenue90,
    dso365: safeDso(receivables, revenue365, 365),
    dso90: safeDso(receivables, revenue90, 90),
    bestPossibleDso365: revenue365 > 0 && receivables >= 0 ? (currentReceivables / revenue365) * 365 : NaN,
    add365: revenue365 > 0 && receivables >= 0 ? (overdueTotal / revenue365) * 365 : NaN,
    avgDaysLateAll: all ? all.avgDaysLate : NaN,
    lateShareAll: all ? all.lateShare : NaN,
    lossRates,
    lossRateMethod: useRoll ? "rollRate" : "given",
    givenLossRates: opts.lossRates.slice(),
    rollRate,
    eclByBucket: disclosure.rows.map((r) => r.allowance),
    ecl: disclosure.allowance,
    ifrs9,
    openItems: openItems(snap, groups, { day, due: effDue, dueAssumed, invoice: rows.invoice, sourceRow: rows.sourceRow }),
    collection,
    rowOpen: open,
    rowOpenNet: snap.rowOpenNet,
    creditsApplied: snap.creditsApplied,
    unappliedCredit: snap.creditBalances,
    rowDaysPastDue: snap.rowDaysPastDue,
    rowDueDay: effDue,
    rowDueAssumed: dueAssumed,
    sources,
    assumedDueDates: assumed,
    undatedPayments: undated,
    notes,
  };
}

function fmtMoney(v: number): string {
  return englishNumber(v, 2);
}
