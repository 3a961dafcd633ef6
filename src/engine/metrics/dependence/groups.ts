import type { Ledger, LedgerGroupColumn } from "../../ledger/types";
import { compensatedSum, hhi, hhiBand, NeumaierSum } from "../concentration";
import type { HhiBand } from "../concentration";

export interface GroupDependence {
  /** The group's value ("" for rows whose cell is blank: shown as "(blank)"). */
  group: string;
  /** Net revenue of the group's rows, and its share of the ledger's net revenue. */
  revenue: number;
  revenueShare: number;
  /** Customers with a row in the group, and those with positive net revenue in it. */
  customers: number;
  positiveCustomers: number;
  /**
   * Concentration of the group's revenue across its customers (positive ones, docs/metrics.md#concentration); NaN / ""
   * when none.
   */
  hhi: number;
  band: HhiBand | "";
  /** The group's largest customer (code; −1 when none) and its share of the group's positive revenue. */
  topCustomer: number;
  topShare: number;
  /** Overdue open amounts of the group's rows; NaN without credit fields. */
  overdue: number;
  /** The group hangs on one customer: its largest customer has at least `oneCustomerShare` of the group. */
  flagged: boolean;
}

export interface GroupDependenceOptions {
  guidelines?: 2023 | 2010;
  /** A group whose largest customer holds at least this share hangs on one customer (default 50 %). */
  oneCustomerShare?: number;
  /** Per used row: the overdue open amount (0 when not overdue); absent without credit fields. */
  rowOverdue?: ArrayLike<number>;
}

/**
 * Dependence by group: per value of a grouping column, the net revenue, customers, HHI and band of the group's
 * revenue across its customers, the largest customer and its share, overdue amounts, and whether the group hangs on
 * one customer. A customer buying in two regions counts in each with the revenue of its rows there. Groups are
 * listed largest revenue first; their revenues add up to the ledger's. One pass buckets the rows by group
 * (counting sort), then each group's customers are summed: O(rows + Σ customers per group).
 */
export function dependenceByGroup(
  rows: Pick<Ledger, "customer" | "amount" | "used">,
  customerCount: number,
  column: Pick<LedgerGroupColumn, "codes" | "values">,
  opts: GroupDependenceOptions = {},
): GroupDependence[] {
  const guidelines = opts.guidelines ?? 2023;
  const oneCustomerShare = opts.oneCustomerShare ?? 0.5;
  const G = column.values.length;
  const { customer, amount } = rows;
  const n = rows.used;
  const start = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) start[column.codes[i] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const order = new Int32Array(n);
  const cursor = start.slice(0, G);
  for (let i = 0; i < n; i++) order[cursor[column.codes[i]]++] = i;

  const sum = new Float64Array(customerCount);
  const comp = new Float64Array(customerCount);
  const seen = new Uint8Array(customerCount);
  const touched: number[] = [];
  const groupRevenue: number[] = new Array(G);
  const out: GroupDependence[] = [];
  for (let g = 0; g < G; g++) {
    touched.length = 0;
    // The group's revenue and overdue as compensatedSum adds them (the same order, the same result), without
    // gathering the rows' values into arrays first.
    const revenue = new NeumaierSum();
    const overdue = new NeumaierSum();
    for (let k = start[g]; k < start[g + 1]; k++) {
      const i = order[k];
      const c = customer[i];
      const v = amount[i];
      revenue.add(v);
      if (opts.rowOverdue && opts.rowOverdue[i] !== 0) overdue.add(opts.rowOverdue[i]);
      if (!seen[c]) {
        seen[c] = 1;
        touched.push(c);
      }
      const s = sum[c];
      const t = s + v;
      comp[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      sum[c] = t;
    }
    const pos: number[] = [];
    let top = -1;
    let topRev = 0;
    for (const c of touched) {
      const r = sum[c] + comp[c];
      sum[c] = 0;
      comp[c] = 0;
      seen[c] = 0;
      if (!(r > 0)) continue;
      pos.push(r);
      if (r > topRev || (r === topRev && c < top)) {
        top = c;
        topRev = r;
      }
    }
    groupRevenue[g] = revenue.value();
    const totalPos = compensatedSum(pos);
    const h = pos.length > 0 ? hhi(pos) : NaN;
    const topShare = pos.length > 0 ? topRev / totalPos : NaN;
    out.push({
      group: column.values[g],
      revenue: groupRevenue[g],
      revenueShare: NaN,
      customers: touched.length,
      positiveCustomers: pos.length,
      hhi: h,
      band: pos.length > 0 ? hhiBand(h, guidelines) : "",
      topCustomer: top,
      topShare,
      overdue: opts.rowOverdue ? overdue.value() : NaN,
      // 1e-12: a share of exactly the threshold in decimal counts although it is a hair below it in binary.
      flagged: topShare >= oneCustomerShare - 1e-12,
    });
  }
  const total = compensatedSum(groupRevenue);
  for (const o of out) o.revenueShare = total !== 0 ? o.revenue / total : NaN;
  // Groups with no row (a value seen only on excluded rows) say nothing: leave them out.
  return out.filter((o) => o.customers > 0).sort((a, b) => b.revenue - a.revenue || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
