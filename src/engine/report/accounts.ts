import type { Analysis } from "../analysis/types";
import { excelSerialFromDay, isoFromDay } from "../day";
import { NO_DAY } from "../ledger/types";
import { column, thisRow } from "./refs";
import { rfmAccounts, stabilityAccounts } from "./behaviour";
import { clvColumns } from "./clv";
import type { Cell, ColumnSpec, Scalar, SheetSpec } from "./types";
import { NumberFormat } from "./types";
import { creditAccounts } from "./credit";
import { riskAccounts } from "./risk";

export const ACCOUNTS_TABLE = "KAAccounts";

/**
 * One per-customer column: of the Accounts tab and, under `key`, of the CLI's `--accounts` JSON.
 * Declaring a column once keeps the tab and the JSON in step.
 */
export interface AccountColumn {
  /** Stable camelCase JSON key (SPEC §9). */
  key: string;
  header: string;
  type: "text" | "number" | "date" | "boolean";
  numberFormat?: string;
  width?: number;
  /** Value for customer code `c`; NaN, undefined and NO_DAY become blank / null. */
  value(c: number): Scalar | undefined;
  /** A native formula (structured references into this table) that recomputes the value in Excel. */
  formula?: string;
}

/** A group of columns contributed by one area. `applies` false: the tab omits them, the JSON gives null. */
export interface AccountColumnGroup {
  area: string;
  applies: boolean;
  columns: AccountColumn[];
}

const R = (name: string) => thisRow(ACCOUNTS_TABLE, name);
const C = (name: string) => column(ACCOUNTS_TABLE, name);

/** Total positive net revenue, the denominator of every share. */
export const TOTAL_POSITIVE = `SUMIF(${C("Revenue")},">0")`;

function identity(a: Analysis): AccountColumnGroup {
  const b = a.customers;
  const day = (d: number) => (d === NO_DAY ? undefined : d);
  return {
    area: "identity",
    applies: true,
    columns: [
      { key: "customer", header: "Customer", type: "text", width: 32, value: (c) => b.names[c] },
      { key: "revenue", header: "Revenue", type: "number", numberFormat: NumberFormat.money, width: 14, value: (c) => b.revenue[c] },
      { key: "invoices", header: "Invoices", type: "number", numberFormat: NumberFormat.integer, width: 10, value: (c) => b.invoices[c] },
      { key: "firstPurchase", header: "First purchase", type: "date", numberFormat: NumberFormat.date, width: 13, value: (c) => day(b.firstPurchase[c]) },
      { key: "lastPurchase", header: "Last purchase", type: "date", numberFormat: NumberFormat.date, width: 13, value: (c) => day(b.lastPurchase[c]) },
    ],
  };
}

function concentration(a: Analysis): AccountColumnGroup {
  const k = a.concentration;
  const revenuePositive = `${R("Revenue")}>0`;
  return {
    area: "concentration",
    applies: k !== undefined,
    columns: [
      {
        key: "share",
        header: "Share",
        type: "number",
        numberFormat: NumberFormat.percent,
        width: 9,
        value: (c) => k?.share[c],
        formula: `IF(${revenuePositive},${R("Revenue")}/${TOTAL_POSITIVE},"")`,
      },
      {
        key: "cumShare",
        header: "Cumulative share",
        type: "number",
        numberFormat: NumberFormat.percent,
        width: 11,
        value: (c) => k?.cumShare[c],
        // Ranks are unique, so the running total does not depend on how a colleague sorts the table.
        formula: `IF(${revenuePositive},SUMIFS(${C("Revenue")},${C("Rank")},"<="&${R("Rank")},${C("Revenue")},">0")/${TOTAL_POSITIVE},"")`,
      },
      { key: "rank", header: "Rank", type: "number", numberFormat: NumberFormat.integer, width: 7, value: (c) => k?.rank[c] },
      {
        key: "abc",
        header: "ABC",
        type: "text",
        width: 6,
        value: (c) => k?.abc[c] ?? undefined,
        // cumPrev = share of the customers ranked above; thresholds are parameter cells on KA About.
        formula: `IF(${revenuePositive},IF(SUMIFS(${C("Revenue")},${C("Rank")},"<"&${R("Rank")},${C("Revenue")},">0")/${TOTAL_POSITIVE}<KA_ABC_A,"A",IF(SUMIFS(${C("Revenue")},${C("Rank")},"<"&${R("Rank")},${C("Revenue")},">0")/${TOTAL_POSITIVE}<KA_ABC_B,"B","C")),"")`,
      },
      {
        key: "disclosure",
        header: "Disclose (≥10%)",
        type: "boolean",
        width: 10,
        value: (c) => (k && k.share[c] > 0 ? k.disclosure[c] === 1 : undefined),
        formula: `IF(${revenuePositive},${R("Share")}>=0.1,"")`,
      },
    ],
  };
}

/**
 * Column groups in tab order. Later areas (RFM, stability, models, credit, risk) append their group here.
 */
export const ACCOUNT_COLUMN_GROUPS: ((a: Analysis) => AccountColumnGroup)[] = [identity, concentration, rfmAccounts, stabilityAccounts, clvColumns, creditAccounts, riskAccounts];

/** Columns of the Accounts tab in order (groups that apply). */
export function accountColumns(a: Analysis): AccountColumn[] {
  return ACCOUNT_COLUMN_GROUPS.map((g) => g(a))
    .filter((g) => g.applies)
    .flatMap((g) => g.columns);
}

/** Every column, applying or not: the JSON has every key, null where a metric does not apply. */
export function allAccountColumns(a: Analysis): { column: AccountColumn; applies: boolean }[] {
  return ACCOUNT_COLUMN_GROUPS.map((g) => g(a)).flatMap((g) => g.columns.map((column) => ({ column, applies: g.applies })));
}

/** Customer codes in Accounts-tab order: by net revenue, largest first. */
export function accountOrder(a: Analysis): Int32Array {
  if (a.concentration) return a.concentration.order;
  const idx = Int32Array.from({ length: a.customers.n }, (_, i) => i);
  const rev = a.customers.revenue;
  return idx.sort((i, j) => rev[j] - rev[i] || i - j);
}

function blankIfMissing(v: Scalar | undefined, type: AccountColumn["type"]): Scalar {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  if (type === "date" && typeof v === "number") return v === NO_DAY ? null : excelSerialFromDay(v);
  return v;
}

/** The cell written for customer `c` in column `col`: a formula with its cached value, or a value. */
export function accountCell(col: AccountColumn, c: number): Cell {
  const v = blankIfMissing(col.value(c), col.type);
  if (col.formula) return { formula: col.formula, value: v ?? "" };
  return v;
}

/** JSON value of a column for customer `c` (ISO dates; null for blanks). */
export function accountJsonValue(col: AccountColumn, c: number): Scalar {
  const v = col.value(c);
  if (v === undefined || v === null) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || (col.type === "date" && v === NO_DAY)) return null;
    return col.type === "date" ? isoFromDay(v) : v;
  }
  return v;
}

export function buildAccountsSheet(a: Analysis): SheetSpec {
  const cols = accountColumns(a);
  const order = accountOrder(a);
  const rows: Cell[][] = new Array(order.length);
  for (let k = 0; k < order.length; k++) rows[k] = cols.map((col) => accountCell(col, order[k]));
  const specs: ColumnSpec[] = cols.map((col) => ({ header: col.header, key: col.key, numberFormat: col.numberFormat, width: col.width }));
  return {
    name: "KA Accounts",
    role: "accounts",
    freeze: { rows: 1, cols: 1 },
    columnWidths: cols.map((col) => col.width ?? 12),
    tabColor: "2F5597",
    blocks: [
      {
        kind: "table",
        name: ACCOUNTS_TABLE,
        row: 0,
        col: 0,
        columns: specs,
        rows,
        style: "TableStyleMedium2",
        conditionalFormats: [{ column: "Share", kind: "dataBar", color: "5B9BD5" }],
      },
    ],
  };
}

