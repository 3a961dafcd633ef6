import type { Ledger } from "../../ledger/types";
import { agingBucket } from "../credit/aging";
import { compensatedSum, hhiBand, rankOrder } from "../concentration";
import type { HhiBand } from "../concentration";

/** What a stress test reads per customer (by code). Optional inputs exist when the ledger has the columns. */
export interface StressInputs {
  /** Net revenue per customer. */
  revenue: ArrayLike<number>;
  /** Gross margin per customer (net revenue − cost), when the ledger has a cost column. */
  margin?: ArrayLike<number>;
  /** Open receivables per customer, when credit fields exist. */
  openBalance?: ArrayLike<number>;
  /** Expected credit loss per customer, when credit fields exist. */
  ecl?: ArrayLike<number>;
}

/** The cost of losing a set of customers. NaN where the input does not exist (no cost column, no credit fields). */
export interface StressResult {
  /** Customer codes lost, largest first. */
  lost: Int32Array;
  /** Positive net revenue of the lost customers (customers with net revenue ≤ 0 have no revenue to lose). */
  revenueLost: number;
  /** revenueLost ÷ total positive revenue: for the top k, exactly CR_k. */
  shareLost: number;
  /** Gross margin of the lost customers. */
  marginLost: number;
  /** Open receivables of the lost customers (credit balances count 0: nothing is owed to lose). */
  receivablesExposed: number;
  /** Their expected credit loss. */
  eclExposed: number;
  /** HHI of the customers who remain (positive net revenue, shares renormalised); NaN when none remains. */
  remainingHhi: number;
  remainingBand: HhiBand | "";
}

export interface StressOptions {
  /** The "lose the top k" scenarios (default 1, 2, 3, 5, 10). */
  ks?: number[];
  /** Every customer with at least this share gets a "lose this customer" scenario (default 5 %). */
  shareAtLeast?: number;
  /** Customers the user picked (codes), added after the large ones. */
  picked?: number[];
  guidelines?: 2023 | 2010;
}

export interface StressTests {
  /** Total positive net revenue: the base of every share. */
  totalPositive: number;
  topK: (StressResult & { k: number })[];
  customers: (StressResult & { customer: number; picked: boolean })[];
}

/**
 * "What if we lose them" (issue: dependence over time): the revenue, share, margin, receivables and expected credit
 * loss that go with a set of customers, and the HHI of those who remain. Shares use positive net revenue
 * (docs/metrics.md#concentration), so losing the top k loses CR_k of it. The remaining HHI is recomputed over the rest
 * — 10 000 · Σ (r_i / Σ r)² — not derived by subtraction, which loses precision when the lost customers dominate.
 *
 * @example loseCustomers({ revenue: [50, 30, 20] }, [0]).remainingHhi // (30² + 20²) / 50² · 10 000 = 5200
 */
export function loseCustomers(inputs: StressInputs, lost: ArrayLike<number>, totalPositive = positiveTotal(inputs.revenue), guidelines: 2023 | 2010 = 2023): StressResult {
  const { revenue } = inputs;
  const isLost = new Uint8Array(revenue.length);
  const lostList: number[] = [];
  for (let k = 0; k < lost.length; k++) {
    const c = lost[k];
    if (!isLost[c]) lostList.push(c);
    isLost[c] = 1;
  }
  lostList.sort((a, b) => revenue[b] - revenue[a] || a - b);
  const gone: number[] = [];
  const margin: number[] = [];
  const open: number[] = [];
  const ecl: number[] = [];
  for (const c of lostList) {
    if (revenue[c] > 0) gone.push(revenue[c]);
    if (inputs.margin && Number.isFinite(inputs.margin[c])) margin.push(inputs.margin[c]);
    if (inputs.openBalance && inputs.openBalance[c] > 0) open.push(inputs.openBalance[c]);
    if (inputs.ecl && inputs.ecl[c] > 0) ecl.push(inputs.ecl[c]);
  }
  const revenueLost = compensatedSum(gone);
  // Remaining shares, over the customers kept; the total is summed again rather than subtracted.
  const kept: number[] = [];
  for (let c = 0; c < revenue.length; c++) if (!isLost[c] && revenue[c] > 0) kept.push(revenue[c]);
  const keptTotal = compensatedSum(kept);
  let sumSq = 0;
  for (const v of kept) sumSq += (v / keptTotal) ** 2;
  const remainingHhi = kept.length > 0 ? 10000 * sumSq : NaN;
  return {
    lost: Int32Array.from(lostList),
    revenueLost,
    shareLost: totalPositive > 0 ? revenueLost / totalPositive : NaN,
    marginLost: inputs.margin ? compensatedSum(margin) : NaN,
    receivablesExposed: inputs.openBalance ? compensatedSum(open) : NaN,
    eclExposed: inputs.ecl ? compensatedSum(ecl) : NaN,
    remainingHhi,
    remainingBand: kept.length > 0 ? hhiBand(Math.min(10000, remainingHhi), guidelines) : "",
  };
}

/**
 * The standard stress tests: lose the k largest customers for each k, and lose each customer whose share reaches
 * `shareAtLeast` (plus the picked ones), largest first. A k beyond the customers with positive revenue loses them all.
 */
export function stressTests(inputs: StressInputs, opts: StressOptions = {}): StressTests {
  const ks = opts.ks ?? [1, 2, 3, 5, 10];
  const shareAtLeast = opts.shareAtLeast ?? 0.05;
  const guidelines = opts.guidelines ?? 2023;
  const { revenue } = inputs;
  const total = positiveTotal(revenue);
  const order = rankOrder(revenue);
  let positives = 0;
  while (positives < order.length && revenue[order[positives]] > 0) positives++;
  const topK = ks.map((k) => ({ k, ...loseCustomers(inputs, order.subarray(0, Math.min(k, positives)), total, guidelines) }));
  const customers: StressTests["customers"] = [];
  const listed = new Set<number>();
  for (let r = 0; r < positives; r++) {
    const c = order[r];
    // 1e-12: a share of exactly 5 % in decimal must count although it is 0.04999… in binary.
    if (!(revenue[c] / total >= shareAtLeast - 1e-12)) break;
    listed.add(c);
    customers.push({ customer: c, picked: false, ...loseCustomers(inputs, [c], total, guidelines) });
  }
  for (const c of opts.picked ?? []) {
    if (listed.has(c)) {
      const row = customers.find((x) => x.customer === c);
      if (row) row.picked = true;
      continue;
    }
    listed.add(c);
    customers.push({ customer: c, picked: true, ...loseCustomers(inputs, [c], total, guidelines) });
  }
  return { totalPositive: total, topK, customers };
}

function positiveTotal(revenue: ArrayLike<number>): number {
  const pos: number[] = [];
  for (let c = 0; c < revenue.length; c++) if (revenue[c] > 0) pos.push(revenue[c]);
  return compensatedSum(pos);
}

/**
 * Gross margin per customer: Σ (amount − cost) over the rows whose cost is known. Rows without a cost leave the
 * margin (not the revenue) short; they are counted so that the report can say so.
 */
export function marginByCustomer(rows: Pick<Ledger, "customer" | "amount" | "used" | "cost">, customerCount: number): { margin: Float64Array; rowsWithoutCost: number } {
  const margin = new Float64Array(customerCount);
  const comp = new Float64Array(customerCount);
  let rowsWithoutCost = 0;
  const { cost, amount, customer } = rows;
  if (!cost) return { margin: margin.fill(NaN), rowsWithoutCost: rows.used };
  for (let i = 0; i < rows.used; i++) {
    if (!Number.isFinite(cost[i])) {
      rowsWithoutCost++;
      continue;
    }
    const c = customer[i];
    const v = amount[i] - cost[i];
    const s = margin[c];
    const t = s + v;
    comp[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    margin[c] = t;
  }
  for (let c = 0; c < customerCount; c++) margin[c] += comp[c];
  return { margin, rowsWithoutCost };
}

/** What the per-customer ECL reads of the receivables analysis (src/engine/metrics/credit). */
export interface EclRows {
  /** Per used row: the open amount after the customer's credits were applied, and its days past due. */
  rowOpenNet: ArrayLike<number>;
  rowDaysPastDue: ArrayLike<number>;
  /** Aging bucket bounds, the loss rate in force per bucket, and the days past due beyond which an item is written off. */
  bounds: readonly number[];
  rates: readonly number[];
  writeOffDays: number;
}

/**
 * Expected credit loss per customer by the provision matrix: Σ over the customer's open items (credits applied, not
 * written off) of open amount × the loss rate of its aging bucket. The items are those of the gross carrying amount,
 * so the customers' ECLs add up to the portfolio's.
 */
export function eclByCustomer(customer: ArrayLike<number>, used: number, r: EclRows, customerCount: number): Float64Array {
  const out = new Float64Array(customerCount);
  for (let i = 0; i < used; i++) {
    const net = r.rowOpenNet[i];
    const dpd = r.rowDaysPastDue[i];
    if (!(net > 0) || dpd > r.writeOffDays) continue;
    out[customer[i]] += net * r.rates[agingBucket(dpd, r.bounds)];
  }
  return out;
}
