import { NO_DAY } from "../../ledger/types";
import { DAYS_PER_MONTH } from "../../day";
import { agingBucket, agingLabels, checkAgingBounds } from "./aging";
import { dso } from "./dso";
import { expectedCreditLoss } from "./ecl";
import { hasOpenBalanceColumns, openAmounts } from "./open-balance";
import type { OpenBalanceSource, ReceivableRows } from "./open-balance";
import { medianTermsDays, paymentBehaviour } from "./payment";
import { rollRateLossRates } from "./roll-rate";
import type { RollRateEstimate } from "./roll-rate";
import { problem } from "../../problems";
import { compensatedSum } from "../concentration/positive";

/** Rows grouped by customer: rows of customer c are `order[start[c] .. start[c+1])` (a CustomerBase has these). */
export interface RowGroups {
  n: number;
  order: Int32Array;
  start: Int32Array;
}

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
}

/** Receivables per customer and in total (SPEC §7). Money in the ledger's currency; days are calendar days. */
export interface Receivables {
  labels: string[];
  bounds: number[];
  /** Per customer (by code). */
  openBalance: Float64Array;
  /** Open amounts with days past due > 0. */
  overdue: Float64Array;
  /** Open amounts more than `seriousOverdueDays` past due. */
  overdueSerious: Float64Array;
  seriousOverdueDays: number;
  /** aging[b][c]: customer c's open amount in bucket b. */
  aging: Float64Array[];
  avgDaysLate: Float64Array;
  lateShare: Float64Array;
  paidInvoices: Int32Array;
  /** Median days from invoice to due date; NaN when the customer has no due date. */
  termsDays: Float64Array;
  /** Net revenue of the last 365 days and its monthly average over the months the customer existed in them (≤ 12). */
  revenue12m: Float64Array;
  avgMonthlyRevenue12m: Float64Array;
  creditLimit: Float64Array;
  /** openBalance / creditLimit; NaN without a (positive) limit. */
  utilisation: Float64Array;
  /** Portfolio. */
  receivables: number;
  overdueTotal: number;
  agingTotals: number[];
  revenue365: number;
  revenue90: number;
  /** Receivables / revenue × days; NaN when that revenue is ≤ 0 or receivables are negative. */
  dso365: number;
  dso90: number;
  avgDaysLateAll: number;
  lateShareAll: number;
  /** The loss rates in force and where they come from. */
  lossRates: number[];
  lossRateMethod: "given" | "rollRate";
  givenLossRates: number[];
  rollRate: RollRateEstimate;
  /** Provision matrix: max(0, bucket total) × loss rate, and their sum. */
  eclByBucket: number[];
  ecl: number;
  /** Per used row: open amount of the document itself, and of an invoice after the customer's credits were applied. */
  rowOpen: Float64Array;
  rowOpenNet: Float64Array;
  /** Credit notes and overpayments applied to open invoices, and credit left over (customers in credit, ≤ 0). */
  creditsApplied: number;
  unappliedCredit: number;
  rowDaysPastDue: Float64Array;
  /** How many rows each open-balance rule decided, and how many due dates were assumed. */
  sources: Record<OpenBalanceSource, number>;
  assumedDueDates: number;
  notes: string[];
}

function neumaierAdd(sum: Float64Array, comp: Float64Array, k: number, v: number): void {
  const s = sum[k];
  const t = s + v;
  comp[k] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
  sum[k] = t;
}

function safeDso(receivables: number, revenue: number, days: number): number {
  if (!(revenue > 0) || !(receivables >= 0)) return NaN;
  return dso(receivables, revenue, days);
}

/**
 * Receivables analysis of a ledger at `asOf` (SPEC §7): open balance per invoice (see `openAmount`), days past due
 * against the due date (a blank due date is assumed at the invoice day + the customer's median terms, else
 * `defaultTermsDays`, and counted), aging per customer and in total, DSO on 365 and 90 days, payment lateness,
 * and the provision-matrix ECL with the given loss rates or, when the history allows and `lossRateMethod` is
 * `auto`, roll-rate estimates (`rollRateLossRates`).
 *
 * Credit notes and overpayments: a row whose open amount is negative (an unapplied credit note — no paid/applied
 * date — or a payment above the amount) reduces its customer's open balance (SPEC §1, §7). For aging, the
 * customer's credits are applied to its own open invoices, most overdue first, as cash application matches them;
 * credit left after every open invoice is a credit balance in the first bucket. So the customer's open balance
 * and the receivables total are the plain sums of open amounts, while no bucket holds a negative figure from an
 * old credit note. A first-bucket total below zero (credit balances exceeding current invoices) provisions
 * nothing: a loss allowance cannot be negative.
 *
 * @throws KaProblem when the ledger has no due-date column or no balance/paid column (notEnoughData), when the
 *   bounds are bad (outOfRange) or the loss rates do not match the buckets (sizeMismatch, outOfRange).
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
  expectedCreditLoss(new Float64Array(B), opts.lossRates); // validates the rates (0..1)
  if (!rows.dueDay) throw problem("notEnoughData", "The ledger has no due-date column, so receivables cannot be aged.", { path: "dueDate" });
  if (!hasOpenBalanceColumns(rows)) {
    throw problem("notEnoughData", "The ledger has no balance, paid-amount or paid-date column, so open balances are unknown.", { path: "balance" });
  }
  const { open, sources } = openAmounts(rows, asOf);
  const n = groups.n;
  const defaultTerms = opts.defaultTermsDays ?? 30;
  const serious = opts.seriousOverdueDays ?? 90;
  const { amount, day } = rows;
  const dueDay = rows.dueDay;

  const termsDays = new Float64Array(n);
  const effDue = new Int32Array(rows.used);
  let assumed = 0;
  for (let c = 0; c < n; c++) {
    const idx = groups.order.subarray(groups.start[c], groups.start[c + 1]);
    termsDays[c] = medianTermsDays(amount, day, dueDay, idx);
    const fallback = Number.isNaN(termsDays[c]) ? defaultTerms : Math.round(termsDays[c]);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (dueDay[i] === NO_DAY) {
        effDue[i] = day[i] + fallback;
        if (amount[i] > 0) assumed++; // credit notes need no due date: they are applied, not aged
      } else effDue[i] = dueDay[i];
    }
  }

  const openSum = new Float64Array(n);
  const openComp = new Float64Array(n);
  const overdue = new Float64Array(n);
  const overdueComp = new Float64Array(n);
  const overdueSerious = new Float64Array(n);
  const aging = Array.from({ length: B }, () => new Float64Array(n));
  const agingComp = Array.from({ length: B }, () => new Float64Array(n));
  const totals = new Float64Array(B);
  const totalsComp = new Float64Array(B);
  const rowDpd = new Float64Array(rows.used);
  const rowNet = new Float64Array(rows.used);
  const rev = new Float64Array(2); // net revenue of the last 365 and 90 days
  const revComp = new Float64Array(2);
  const revenue12m = new Float64Array(n);
  const firstInvoice = new Float64Array(n).fill(Infinity);
  let unappliedTotal = 0;
  let appliedTotal = 0;
  const debits: number[] = []; // rows of the customer with a positive open amount
  for (let c = 0; c < n; c++) {
    debits.length = 0;
    let credit = 0; // unapplied credit notes and overpayments of the customer (≤ 0)
    for (let k = groups.start[c]; k < groups.start[c + 1]; k++) {
      const i = groups.order[k];
      const o = open[i];
      rowDpd[i] = asOf - effDue[i];
      if (o > 0) debits.push(i);
      else if (o < 0) credit += o;
      const age = asOf - day[i];
      if (age < 365) {
        neumaierAdd(rev, revComp, 0, amount[i]);
        revenue12m[c] += amount[i];
        if (age < 90) neumaierAdd(rev, revComp, 1, amount[i]);
      }
      if (amount[i] > 0 && day[i] < firstInvoice[c]) firstInvoice[c] = day[i];
    }
    // Apply the customer's credits to its open invoices, most overdue first (stable: ledger order among equals).
    debits.sort((x, y) => rowDpd[y] - rowDpd[x] || x - y);
    let left = -credit;
    for (const i of debits) {
      const take = Math.min(open[i], left);
      left -= take;
      appliedTotal += take;
      const net = open[i] - take;
      rowNet[i] = net;
      if (net === 0) continue;
      const dpd = rowDpd[i];
      const b = agingBucket(dpd, bounds);
      neumaierAdd(openSum, openComp, c, net);
      neumaierAdd(aging[b], agingComp[b], c, net);
      neumaierAdd(totals, totalsComp, b, net);
      if (dpd > 0) neumaierAdd(overdue, overdueComp, c, net);
      if (dpd > serious) overdueSerious[c] += net;
    }
    if (left > 0) {
      // Credit left after every open invoice: the customer is in credit; it is not past due, so it sits in
      // the first (least aged) bucket.
      neumaierAdd(openSum, openComp, c, -left);
      neumaierAdd(aging[0], agingComp[0], c, -left);
      neumaierAdd(totals, totalsComp, 0, -left);
      unappliedTotal -= left;
    }
  }
  for (let c = 0; c < n; c++) {
    openSum[c] += openComp[c];
    overdue[c] += overdueComp[c];
    for (let b = 0; b < B; b++) aging[b][c] += agingComp[b][c];
  }
  const agingTotals = Array.from(totals, (t, b) => t + totalsComp[b]);
  const receivables = compensatedSum(agingTotals);
  const overdueTotal = compensatedSum(overdue);
  const revenue365 = rev[0] + revComp[0];
  const revenue90 = rev[1] + revComp[1];

  // Average monthly revenue over the part of the last 12 months the customer existed (at least one month).
  const avgMonthlyRevenue12m = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const months = Number.isFinite(firstInvoice[c]) ? Math.min(12, Math.max(1, (asOf - firstInvoice[c] + 1) / DAYS_PER_MONTH)) : 12;
    avgMonthlyRevenue12m[c] = revenue12m[c] / months;
  }

  const avgDaysLate = new Float64Array(n).fill(NaN);
  const lateShare = new Float64Array(n).fill(NaN);
  const paidInvoices = new Int32Array(n);
  if (rows.paidDay) {
    for (let c = 0; c < n; c++) {
      const pb = paymentBehaviour(amount, effDue, rows.paidDay, asOf, groups.order.subarray(groups.start[c], groups.start[c + 1]));
      avgDaysLate[c] = pb.avgDaysLate;
      lateShare[c] = pb.lateShare;
      paidInvoices[c] = pb.paidInvoices;
    }
  }
  const all = rows.paidDay ? paymentBehaviour(amount, effDue, rows.paidDay, asOf, rangeOf(rows.used)) : undefined;

  const creditLimit = new Float64Array(n).fill(NaN);
  const utilisation = new Float64Array(n).fill(NaN);
  if (opts.creditLimit) {
    for (let c = 0; c < n; c++) {
      const lim = opts.creditLimit[c];
      if (lim > 0) {
        creditLimit[c] = lim;
        utilisation[c] = openSum[c] / lim;
      }
    }
  }

  const rollRate = rollRateLossRates(rows, effDue, asOf, bounds, {
    minMonths: opts.minRollMonths,
    minInvoicesPerBucket: opts.minRollInvoices,
    lossGivenDefault: opts.lossGivenDefault,
  });
  const useRoll = opts.lossRateMethod === "auto" && rollRate.available;
  const lossRates = useRoll && rollRate.available ? rollRate.lossRates.slice() : opts.lossRates.slice();
  const eclByBucket = agingTotals.map((t, b) => Math.max(0, t) * lossRates[b]);
  const ecl = expectedCreditLoss(agingTotals.map((t) => Math.max(0, t)), lossRates);

  const notes: string[] = [];
  if (assumed > 0) notes.push(`${assumed} row${assumed === 1 ? "" : "s"} without a due date aged from the invoice date plus the customer's median terms (else ${defaultTerms} days).`);
  if (appliedTotal > 0 || unappliedTotal < 0) {
    notes.push(
      `Credit notes and overpayments (${fmtMoney(appliedTotal - unappliedTotal)}) applied to the same customer's open invoices, most overdue first (${fmtMoney(appliedTotal)} applied; ${fmtMoney(-unappliedTotal)} left as credit balances in ${labels[0]}).`,
    );
  }
  if (sources.blankBalance > 0) notes.push(`${sources.blankBalance} row${sources.blankBalance === 1 ? "" : "s"} with a blank balance counted as settled (0 open).`);
  notes.push(
    useRoll
      ? `Loss rates estimated by the roll-rate method from ${rollRate.available ? rollRate.months.length : 0} months of payment history (loss given default ${opts.lossGivenDefault ?? 1}).`
      : `Loss rates as given${rollRate.available ? "" : `; roll-rate estimate not available: ${rollRate.reason}`}.`,
  );

  return {
    labels,
    bounds,
    openBalance: openSum,
    overdue,
    overdueSerious,
    seriousOverdueDays: serious,
    aging,
    avgDaysLate,
    lateShare,
    paidInvoices,
    termsDays,
    revenue12m,
    avgMonthlyRevenue12m,
    creditLimit,
    utilisation,
    receivables,
    overdueTotal,
    agingTotals,
    revenue365,
    revenue90,
    dso365: safeDso(receivables, revenue365, 365),
    dso90: safeDso(receivables, revenue90, 90),
    avgDaysLateAll: all ? all.avgDaysLate : NaN,
    lateShareAll: all ? all.lateShare : NaN,
    lossRates,
    lossRateMethod: useRoll ? "rollRate" : "given",
    givenLossRates: opts.lossRates.slice(),
    rollRate,
    eclByBucket,
    ecl,
    rowOpen: open,
    rowOpenNet: rowNet,
    creditsApplied: appliedTotal,
    unappliedCredit: unappliedTotal,
    rowDaysPastDue: rowDpd,
    sources,
    assumedDueDates: assumed,
    notes,
  };
}

function fmtMoney(v: number): string {
  return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function rangeOf(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
