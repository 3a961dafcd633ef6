import type { CustomerBase } from "../../customers";
import { monthOfDay } from "../../day";
import { periodEndDay, periodLabel, periodOfMonth } from "./periods";
import type { RetentionPeriod } from "./periods";

/** The fields of the customer base retention reads. */
export type RetentionBase = Pick<CustomerBase, "n" | "order" | "start" | "rowMonth" | "asOf"> & Partial<Pick<CustomerBase, "throughMonth">>;

/** Retention from one period to the next. */
export interface RetentionStep {
  /** Period index of the later period, and labels of both. */
  period: number;
  label: string;
  previousLabel: string;
  /** Customers who bought in the previous period / in this one / in both. */
  previousActive: number;
  active: number;
  retained: number;
  /** retained / previousActive; NaN when nobody bought in the previous period. */
  rate: number;
  /** 1 − rate. */
  churn: number;
  /** Net revenue retention: this period's net revenue of last period's net buyers ÷ their last-period net revenue. */
  nrr: number;
  /** The later period ended on or before as-of (a partial period understates retention). */
  complete: boolean;
}

function addTo(sum: Float64Array, comp: Float64Array, j: number, v: number): void {
  const s = sum[j];
  const t = s + v;
  comp[j] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s; // Neumaier: money totals keep their cents
  sum[j] = t;
}

/**
 * Retention between consecutive periods from a ledger (docs/metrics.md#retention-and-cohorts): for each period after
 * the first, customers active (with a purchase, a positive amount) in both it and the previous period ÷ customers
 * active in the previous period; churn = 1 − retention; NRR = net revenue this period of the customers whose net
 * revenue was positive last period ÷ that last-period revenue (credit notes count in NRR, not in activity). Periods run
 * from the ledger's first to the as-of period, empty ones included. O(rows + periods).
 *
 * @example retentionByPeriod(base, ledger.amount, "quarter").at(-1)?.rate
 */
export function retentionByPeriod(base: RetentionBase, amount: ArrayLike<number>, period: RetentionPeriod = "month"): RetentionStep[] {
  const { n, order, start, rowMonth } = base;
  const rows = order.length;
  if (rows === 0) return [];
  let minMonth = Infinity;
  for (let i = 0; i < rows; i++) if (rowMonth[i] < minMonth) minMonth = rowMonth[i];
  const pMin = periodOfMonth(minMonth, period);
  const pMax = Math.max(pMin, periodOfMonth(base.throughMonth ?? monthOfDay(base.asOf), period)); // bounded by the ledger's span
  const P = pMax - pMin + 1;

  const active = new Int32Array(P);
  const retained = new Int32Array(P);
  const num = new Float64Array(P);
  const numC = new Float64Array(P);
  const den = new Float64Array(P);
  const denC = new Float64Array(P);
  // Per-customer scratch, valid where stamp[p] === c (no clearing between customers).
  const stamp = new Int32Array(P).fill(-1);
  const rev = new Float64Array(P);
  const revC = new Float64Array(P);
  const bought = new Uint8Array(P);
  const touched: number[] = [];

  for (let c = 0; c < n; c++) {
    touched.length = 0;
    for (let k = start[c]; k < start[c + 1]; k++) {
      const i = order[k];
      const p = periodOfMonth(rowMonth[i], period) - pMin;
      if (p < 0 || p >= P) continue;
      if (stamp[p] !== c) {
        stamp[p] = c;
        rev[p] = 0;
        revC[p] = 0;
        bought[p] = 0;
        touched.push(p);
      }
      addTo(rev, revC, p, amount[i]);
      if (amount[i] > 0) bought[p] = 1;
    }
    for (const p of touched) {
      if (bought[p]) {
        active[p]++;
        if (p > 0 && stamp[p - 1] === c && bought[p - 1]) retained[p]++;
      }
      const net = rev[p] + revC[p];
      if (net > 0 && p + 1 < P) {
        addTo(den, denC, p + 1, net);
        if (stamp[p + 1] === c) addTo(num, numC, p + 1, rev[p + 1] + revC[p + 1]);
      }
    }
  }

  const steps: RetentionStep[] = [];
  for (let j = 1; j < P; j++) {
    const p = pMin + j;
    const rate = active[j - 1] > 0 ? retained[j] / active[j - 1] : NaN;
    const d = den[j] + denC[j];
    steps.push({
      period: p,
      label: periodLabel(p, period),
      previousLabel: periodLabel(p - 1, period),
      previousActive: active[j - 1],
      active: active[j],
      retained: retained[j],
      rate,
      churn: 1 - rate,
      nrr: d > 0 ? (num[j] + numC[j]) / d : NaN,
      complete: periodEndDay(p, period) <= base.asOf,
    });
  }
  return steps;
}

/** The step into the last complete period (what the Summary reports), or undefined when none is complete. */
export function lastCompleteStep(steps: readonly RetentionStep[]): RetentionStep | undefined {
  for (let j = steps.length - 1; j >= 0; j--) if (steps[j].complete) return steps[j];
  return undefined;
}
