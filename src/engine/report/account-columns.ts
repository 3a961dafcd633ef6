/**
 * The two steps of the Accounts table. Step 1 (`collectAccountColumns`) walks the catalogue's column groups once,
 * keeps the groups that apply to this analysis and resolves every header; step 2 (`accountCells`) binds values and
 * builds formulas, which name other columns by key through step 1's references. No column is looked up by scanning
 * the groups again, and no group needs to know which others exist.
 */
import type { Analysis } from "../analysis/types";
import { excelSerialFromDay, isoFromDay } from "../day";
import { NO_DAY } from "../ledger/types";
import type { AccountColumn, AccountColumnDef, AccountGroupDef, AccountRefs, FormulaRefs } from "./model";
import { column, str, thisRow } from "./refs";
import type { TextResolver } from "./text";
import type { Cell, Scalar } from "./types";

/** Excel table name of the Accounts tab (stable: formulas all over the workbook use it). */
export const ACCOUNTS_TABLE = "KAAccounts";

/** Step 1: the Accounts columns on the tab, in catalogue order, with their written headers. */
export function collectAccountColumns(a: Analysis, groups: readonly AccountGroupDef[], text: TextResolver): { columns: AccountColumn[]; refs: AccountRefs } {
  const columns: AccountColumn[] = [];
  for (const group of groups) {
    if (!group.applies(a)) continue;
    for (const def of group.columns) columns.push({ def, group, header: text(`column.${def.key}`, def.header, def.headerVars?.(a)) });
  }
  const byKey = new Map(columns.map((c) => [c.def.key, c]));
  const header = (key: string): string => {
    const c = byKey.get(key);
    if (!c) throw new Error(`Accounts column '${key}' is not on the tab (check f.has('${key}') before referring to it)`);
    return c.header;
  };
  return {
    columns,
    refs: {
      has: (key) => byKey.has(key),
      header,
      thisRow: (key) => thisRow(ACCOUNTS_TABLE, header(key)),
      column: (key) => column(ACCOUNTS_TABLE, header(key)),
    },
  };
}

/** Customer codes in Accounts-tab order: by net revenue, largest first (ties: code). */
export function accountOrder(a: Analysis): Int32Array {
  if (a.concentration) return a.concentration.order;
  const idx = Int32Array.from({ length: a.customers.n }, (_, i) => i);
  const rev = a.customers.revenue;
  return idx.sort((i, j) => rev[j] - rev[i] || i - j);
}

function blankIfMissing(v: Scalar | undefined, type: AccountColumnDef["type"]): Scalar {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  if (type === "date" && typeof v === "number") return v === NO_DAY ? null : excelSerialFromDay(v);
  return v;
}

/**
 * Step 2: the body rows of the Accounts table, one per customer in `order`. A boolean column is written as words
 * (Yes/No, 是/否: TRUE/FALSE reads as 1/0 in some spreadsheets), its formula wrapped to give the same words; the JSON
 * keeps the booleans.
 */
export function accountRows(a: Analysis, columns: readonly AccountColumn[], refs: FormulaRefs, order: Int32Array): Cell[][] {
  const words = { yes: refs.m.common.yes, no: refs.m.common.no };
  const bound = columns.map((col) => {
    const formula = col.def.formula?.(refs);
    const asWords = col.def.type === "boolean";
    return {
      type: col.def.type,
      value: col.def.values(a),
      asWords,
      codeWords: col.def.words?.(refs.m, a),
      formula: formula && asWords ? `IF(ISLOGICAL(${formula}),IF(${formula},${str(words.yes)},${str(words.no)}),${formula})` : formula,
    };
  });
  const rows: Cell[][] = new Array(order.length);
  for (let k = 0; k < order.length; k++) rows[k] = new Array(bound.length);
  // Column by column: each column's value function and source arrays stay hot through all customers.
  for (let j = 0; j < bound.length; j++) {
    const { value, type, asWords, codeWords, formula } = bound[j];
    for (let k = 0; k < order.length; k++) {
      const raw = blankIfMissing(value(order[k]), type);
      const v = asWords && typeof raw === "boolean" ? (raw ? words.yes : words.no) : codeWords && typeof raw === "string" ? (codeWords[raw] ?? raw) : raw;
      rows[k][j] = formula ? { formula, value: v ?? "" } : v;
    }
  }
  return rows;
}

/** JSON value of a column for customer `c` (ISO dates; null for blanks). */
export function accountJsonValue(type: AccountColumnDef["type"], v: Scalar | undefined): Scalar {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || (type === "date" && v === NO_DAY)) return null;
    return type === "date" ? isoFromDay(v) : v;
  }
  return v;
}
