import type { Ledger } from "../../ledger/types";
import { normalizeHeader, normalizeHeaderCore } from "../../ledger/fields";
import { compensatedSum, hhi, hhiBand } from "../concentration";
import type { HhiBand } from "../concentration";

/** What a grouping column groups by. `other`: a column the user chose that fits none of the kinds. */
export type GroupKind = "region" | "salesRep" | "productLine" | "channel" | "entity" | "other";

interface GroupKindDef {
  kind: GroupKind;
  /** Headers as users write them (compared after `normalizeHeader`), English and Chinese. */
  synonyms: readonly string[];
  /** A header ending with one of these (normalised) also fits: `Sales Region`, `销售区域`. */
  suffixStems: readonly string[];
}

/**
 * The grouping columns a ledger may carry, by kind. Kept apart from the ledger's field table because a ledger can
 * hold several of them at once (Region and Sales Rep), none is required, and none is ever a ledger field.
 */
export const GROUP_KINDS: readonly GroupKindDef[] = [
  {
    kind: "region",
    synonyms: [
      "Region", "Sales Region", "Area", "Sales Area", "Territory", "Sales Territory", "District", "Zone", "Country",
      "Province", "City",
      "区域", "地区", "大区", "片区", "销售区域", "所属区域", "区域名称", "国家", "省份", "省", "城市",
    ],
    suffixStems: ["region", "territory", "区域", "地区", "大区", "片区"],
  },
  {
    kind: "salesRep",
    synonyms: [
      "Sales Rep", "Sales Representative", "Salesperson", "Sales Person", "Salesman", "Rep", "Account Manager",
      "Account Owner", "Sales Owner", "Sales Manager", "Sales Staff",
      "销售员", "业务员", "销售代表", "销售人员", "客户经理", "销售经理", "负责人", "业务负责人", "业务经理", "跟单员",
    ],
    suffixStems: ["salesrep", "salesperson", "accountmanager", "销售员", "业务员", "客户经理", "销售代表"],
  },
  {
    kind: "productLine",
    synonyms: [
      "Product Line", "Product Category", "Product Group", "Product Family", "Category", "Line of Business", "Brand",
      "Product Type",
      "产品线", "产品类别", "产品分类", "产品大类", "产品系列", "产品类型", "品类", "品牌",
    ],
    suffixStems: ["productline", "productcategory", "productgroup", "产品线", "品类"],
  },
  {
    kind: "channel",
    synonyms: ["Channel", "Sales Channel", "Distribution Channel", "渠道", "销售渠道", "分销渠道", "渠道类型"],
    suffixStems: ["channel", "渠道"],
  },
  {
    kind: "entity",
    synonyms: [
      "Entity", "Legal Entity", "Company Code", "Business Unit", "BU", "Subsidiary", "Division", "Sales Organization",
      "Sales Org", "Selling Entity",
      "主体", "法人主体", "公司主体", "签约主体", "销售主体", "所属公司", "事业部", "销售组织", "业务单元", "公司代码", "分公司",
    ],
    suffixStems: ["entity", "subsidiary", "businessunit", "主体", "事业部", "分公司"],
  },
];

const NORMALIZED: readonly { kind: GroupKind; synonyms: Set<string>; stems: string[] }[] = GROUP_KINDS.map((d) => ({
  kind: d.kind,
  synonyms: new Set(d.synonyms.map(normalizeHeader)),
  stems: d.suffixStems.map(normalizeHeader),
}));

/** The kind a header names, or undefined. Exact synonyms first (any kind), then header endings. */
export function groupKindOfHeader(header: string): GroupKind | undefined {
  const full = normalizeHeader(header);
  const core = normalizeHeaderCore(header);
  if (full.length === 0) return undefined;
  for (const d of NORMALIZED) if (d.synonyms.has(full) || (core.length > 0 && d.synonyms.has(core))) return d.kind;
  for (const d of NORMALIZED) if (d.stems.some((s) => core.length > s.length && core.endsWith(s))) return d.kind;
  return undefined;
}

export interface GroupColumnFound {
  /** 0-based column index in the source block. */
  column: number;
  header: string;
  kind: GroupKind;
}

/**
 * Grouping columns in a header row (region, sales rep, product line, channel, entity; English and Chinese headers),
 * left to right, skipping the columns already mapped to ledger fields (`taken`) — a `Customer Group` mapped as the
 * customer is not also a group. Duplicate headers: the first column only.
 * @example detectGroupColumns(["Customer", "Region", "Sales Rep", "Amount"], new Set([0, 3])) // Region, Sales Rep
 */
export function detectGroupColumns(headers: readonly string[], taken: ReadonlySet<number> = new Set()): GroupColumnFound[] {
  const out: GroupColumnFound[] = [];
  const seen = new Set<string>();
  headers.forEach((h, column) => {
    if (taken.has(column) || typeof h !== "string") return;
    const key = normalizeHeader(h);
    if (seen.has(key)) return;
    seen.add(key);
    const kind = groupKindOfHeader(h);
    if (kind) out.push({ column, header: h.trim(), kind });
  });
  return out;
}

/** One grouping column's values for the used rows: a code per row into `values` ("" = blank cell). */
export interface GroupColumn {
  header: string;
  kind: GroupKind;
  codes: Int32Array;
  values: string[];
}

export interface GroupDependence {
  /** The group's value ("" for rows whose cell is blank: shown as "(blank)"). */
  group: string;
  /** Net revenue of the group's rows, and its share of the ledger's net revenue. */
  revenue: number;
  revenueShare: number;
  /** Customers with a row in the group, and those with positive net revenue in it. */
  customers: number;
  positiveCustomers: number;
  /** Concentration of the group's revenue across its customers (positive ones, SPEC §2); NaN / "" when none. */
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
  column: Pick<GroupColumn, "codes" | "values">,
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
    const values: number[] = [];
    const overdue: number[] = [];
    for (let k = start[g]; k < start[g + 1]; k++) {
      const i = order[k];
      const c = customer[i];
      const v = amount[i];
      values.push(v);
      if (opts.rowOverdue && opts.rowOverdue[i] !== 0) overdue.push(opts.rowOverdue[i]);
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
    groupRevenue[g] = compensatedSum(values);
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
      overdue: opts.rowOverdue ? compensatedSum(overdue) : NaN,
      // 1e-12: a share of exactly the threshold in decimal counts although it is a hair below it in binary.
      flagged: topShare >= oneCustomerShare - 1e-12,
    });
  }
  const total = compensatedSum(groupRevenue);
  for (const o of out) o.revenueShare = total !== 0 ? o.revenue / total : NaN;
  // Groups with no row (a value seen only on excluded rows) say nothing: leave them out.
  return out.filter((o) => o.customers > 0).sort((a, b) => b.revenue - a.revenue || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
