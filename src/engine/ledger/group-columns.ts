import { problem } from "../problems";
import { normalizeHeader, normalizeHeaderCore } from "./fields";
import type { GroupKind } from "./types";

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


/**
 * The grouping columns a ledger is read with: the user's `groupBy` (header texts, compared as headers are, or 0-based
 * indices; a column of any header, kind `other` when it names none), else the detected ones.
 * @throws KaProblem "badArgument" when `groupBy` names a header or index that is not there.
 */
export function resolveGroupColumns(headers: readonly string[], taken: ReadonlySet<number>, groupBy?: readonly (string | number)[]): GroupColumnFound[] {
  if (groupBy === undefined) return detectGroupColumns(headers, taken);
  const out: GroupColumnFound[] = [];
  const full = headers.map((h) => normalizeHeader(h ?? ""));
  for (const target of groupBy) {
    let column: number;
    if (typeof target === "number") {
      if (!Number.isInteger(target) || target < 0 || target >= headers.length) {
        throw problem("badArgument", `groupBy: column index ${target} is outside the ${headers.length} columns (0 to ${headers.length - 1}).`, { path: "groupBy" });
      }
      column = target;
    } else {
      const want = normalizeHeader(String(target));
      column = want.length > 0 ? full.indexOf(want) : -1;
      if (column < 0) throw problem("badArgument", `groupBy: there is no column '${target}' (columns: ${headers.filter((h) => h).join(", ")}).`, { path: "groupBy" });
    }
    if (out.some((g) => g.column === column)) continue;
    const header = (headers[column] ?? "").trim() || `column ${column + 1}`;
    out.push({ column, header, kind: groupKindOfHeader(header) ?? "other" });
  }
  return out;
}
