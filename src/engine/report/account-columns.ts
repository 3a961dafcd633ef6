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
import type { BodyColumn, Scalar, TableBody } from "./types";

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
 * Step 2: the body of the Accounts table, one row per customer in `order`, column by column (each column's value
 * function and source arrays stay hot through all customers). Number and date columns are Float64Arrays (NaN blank)
 * unless a value is not a number. A boolean column is written as words (Yes/No, 是/否: TRUE/FALSE reads as 1/0 in
 * some spreadsheets), its formula wrapped to give the same words; the JSON keeps the booleans.
 */
export function accountBody(a: Analysis, columns: readonly AccountColumn[], refs: FormulaRefs, order: Int32Array): TableBody {
  const words = { yes: refs.m.common.yes, no: refs.m.common.no };
  const n = order.length;
  const body: BodyColumn[] = columns.map((col) => {
    const { type, values } = col.def;
    const value = values(a);
    const asWords = type === "boolean";
    const codeWords = col.def.words?.(refs.m, a);
    const f = col.def.formula?.(refs);
    const formula = !f ? undefined : asWords ? `IF(ISLOGICAL(${f}),IF(${f},${str(words.yes)},${str(words.no)}),${f})` : f;
    const cell = (c: number): Scalar => {
      const raw = blankIfMissing(value(c), type);
      return asWords && typeof raw === "boolean" ? (raw ? words.yes : words.no) : codeWords && typeof raw === "string" ? (codeWords[raw] ?? raw) : raw;
    };
    if (type === "number" || type === "date") {
      const numbers = new Float64Array(n);
      let k = 0;
      for (; k < n; k++) {
        const v = cell(order[k]);
        if (typeof v === "number") numbers[k] = v;
        else if (v === null) numbers[k] = NaN;
        else break;
      }
      if (k === n) return { formula, values: numbers };
    }
    const scalars: Scalar[] = new Array(n);
    for (let k = 0; k < n; k++) scalars[k] = cell(order[k]);
    return { formula, values: scalars };
  });
  return { length: n, columns: body };
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
