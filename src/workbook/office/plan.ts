/**
 * How a report lands in a workbook that may already hold tabs: which sheets the add-in owns, which names the new
 * tabs get, and what a re-run replaces. Pure (no Office.js): the Office writer and the in-memory workbook both
 * follow it, so the demo and the e2e tests exercise the same rules as Excel.
 *
 * Rules:
 * - A tab the add-in wrote is marked by a hidden workbook-scope name `KA_Owned_<role>` pointing at its A1. The mark
 *   follows the sheet when a user renames it, turns into `#REF!` when the sheet is deleted, and is not copied when
 *   a user copies the sheet — so a user's copy is never taken for ours.
 * - A re-run replaces only marked tabs that still carry the tab's name (or a numbered variant). A marked tab the
 *   user renamed ("Summary March") is the user's now: kept, and its mark moves to the new tab. A user's sheet that
 *   already has a tab's name is never touched: the tab gets the first free numbered name (`KA Summary (2)`).
 * - New tabs are written under temporary hidden names first and swapped in at the very end (commit), so a cancel or
 *   a failure before the commit leaves the workbook as it was.
 */
import type { Report, SheetSpec } from "../../engine/report/types";
import { TAB_NAMES } from "../../engine/report/catalogue";

export type Role = SheetSpec["role"];

/** Prefix of the hidden names marking the add-in's tabs. */
export const OWNED_NAME_PREFIX = "KA_Owned_";

/** Temporary sheet names of an unfinished run: `KA~<tag>~<n>`; leftovers from a crashed run are removed. */
const TEMP_SHEET = /^KA~[a-z0-9]+~\d+$/;

/** Excel compares sheet names case-insensitively. */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLocaleUpperCase() === b.toLocaleUpperCase();
}

/** True for a temporary sheet left by an unfinished run. */
export function isTempSheetName(name: string): boolean {
  return TEMP_SHEET.test(name);
}

/** A short random tag for one run (base 36, 6 characters). */
export function newRunTag(random: () => number = Math.random): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += Math.floor(random() * 36).toString(36);
  return s;
}

/** `'KA Summary'!$A$1`: a sheet-qualified absolute reference (quotes doubled inside the name). */
export function quotedSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * The sheet a name's formula points at (`='KA Summary'!$A$1` → `KA Summary`), or undefined for `#REF!` and
 * anything that is not a plain sheet reference.
 * @example sheetOfReference("='Bob''s KA'!$A$1") // "Bob's KA"
 */
export function sheetOfReference(formula: string): string | undefined {
  const f = formula.startsWith("=") ? formula.slice(1) : formula;
  if (f.includes("#REF!")) return undefined;
  const quoted = /^'((?:[^']|'')+)'!/.exec(f);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bare = /^([^'!=:\s]+)!/.exec(f);
  return bare ? bare[1] : undefined;
}

/**
 * Which existing sheet holds each role, from the workbook's names. A mark pointing at a sheet that no longer exists
 * (or at `#REF!`) is ignored.
 */
export function ownedSheets(names: { name: string; formula: string }[], sheets: string[]): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  for (const n of names) {
    if (!n.name.startsWith(OWNED_NAME_PREFIX)) continue;
    const role = n.name.slice(OWNED_NAME_PREFIX.length) as Role;
    const sheet = sheetOfReference(n.formula);
    const actual = sheet === undefined ? undefined : sheets.find((s) => sameSheetName(s, sheet));
    if (actual !== undefined) out[role] = actual;
  }
  return out;
}

/** What the writer knows about the workbook before writing. */
export interface WorkbookState {
  sheets: string[];
  /** Role → the sheet the add-in wrote for it in an earlier run. */
  owned: Partial<Record<Role, string>>;
  /** Tables now in the workbook, with their sheet. */
  tables: { name: string; sheet: string }[];
}

export interface SheetPlan {
  spec: SheetSpec;
  /** Hidden name the sheet is written under. */
  tempName: string;
  /** Name after the commit: the spec's name, or a numbered one when a user's sheet has it. */
  finalName: string;
}

export interface WritePlan {
  tag: string;
  sheets: SheetPlan[];
  /** Owned sheets deleted at the commit (replaced, or of a role this run does not write). */
  remove: string[];
  /** Temporary sheets left by an earlier unfinished run: deleted before writing. */
  leftovers: string[];
  /** Report table name → the name written (temporary) and the name after the commit. */
  tables: Record<string, { temp: string; final: string }>;
}

const MAX_SHEET_NAME = 31;

/** `base`, or `base (2)`, `base (3)`, … : the first name not in `taken` (case-insensitive), at most 31 characters. */
export function freeSheetName(base: string, taken: string[]): string {
  const isTaken = (n: string) => taken.some((t) => sameSheetName(t, n));
  if (!isTaken(base)) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!isTaken(name)) return name;
  }
}

/** `base`, or `base2`, `base3`, …: the first table name not in `taken` (Excel compares them case-insensitively). */
function freeTableName(base: string, taken: string[]): string {
  const isTaken = (n: string) => taken.some((t) => t.toUpperCase() === n.toUpperCase());
  if (!isTaken(base)) return base;
  for (let k = 2; ; k++) if (!isTaken(`${base}${k}`)) return `${base}${k}`;
}

/** Tab names by role, for marked tabs of a role the new report does not write (e.g. no credit fields this time). */
export { TAB_NAMES };

/** True when `sheet` is `base` or a numbered variant `base (k)`: a tab name the add-in would have chosen. */
export function isTabName(sheet: string, base: string): boolean {
  if (sameSheetName(sheet, base)) return true;
  const m = /^(.*) \((\d+)\)$/.exec(sheet);
  return m !== null && base.toLocaleUpperCase().startsWith(m[1].toLocaleUpperCase()) && m[1].length >= Math.min(base.length, MAX_SHEET_NAME - m[2].length - 3);
}

/** Marked sheets the next run may replace: those still named as the add-in named them. */
export function replaceableSheets(report: Report, owned: Partial<Record<Role, string>>): string[] {
  const out: string[] = [];
  for (const [role, sheet] of Object.entries(owned) as [Role, string][]) {
    const base = report.sheets.find((s) => s.role === role)?.name ?? TAB_NAMES[role];
    if (base !== undefined && isTabName(sheet, base)) out.push(sheet);
  }
  return out;
}

/**
 * Plans a write: temporary and final names of every tab and table. Replaceable owned sheets are freed (they are
 * deleted at the commit); every other sheet's name is taken and never reused.
 */
export function planWrite(report: Report, state: WorkbookState, tag: string): WritePlan {
  const ownedNames = replaceableSheets(report, state.owned);
  const isOwned = (s: string) => ownedNames.some((o) => sameSheetName(o, s));
  const leftovers = state.sheets.filter(isTempSheetName);
  const userSheets = state.sheets.filter((s) => !isOwned(s) && !isTempSheetName(s));
  const taken = [...userSheets];
  const allTaken = [...state.sheets];
  const sheets: SheetPlan[] = report.sheets.map((spec, i) => {
    const finalName = freeSheetName(spec.name, taken);
    taken.push(finalName);
    let tempName = `KA~${tag}~${i + 1}`;
    while (allTaken.some((s) => sameSheetName(s, tempName))) tempName += "0";
    allTaken.push(tempName);
    return { spec, tempName, finalName };
  });
  const userTables = state.tables.filter((t) => !isOwned(t.sheet) && !isTempSheetName(t.sheet)).map((t) => t.name);
  const tables: WritePlan["tables"] = {};
  const finalTaken = [...userTables];
  for (const spec of report.sheets) {
    for (const b of spec.blocks) {
      if (b.kind !== "table") continue;
      const final = freeTableName(b.name, finalTaken);
      finalTaken.push(final);
      tables[b.name] = { temp: `${b.name}_${tag}`, final };
    }
  }
  return { tag, sheets, remove: ownedNames, leftovers, tables };
}

/**
 * Replaces table names in structured references (`KAAccounts[...]`) outside string literals. Used to point the new
 * tabs' formulas at the temporary tables while the old ones still exist; Excel rewrites them on the final rename.
 * @example renameTables('SUM(KAAccounts[Revenue])&"KAAccounts["', { KAAccounts: "KAAccounts_x1" })
 *   // 'SUM(KAAccounts_x1[Revenue])&"KAAccounts["'
 */
export function renameTables(formula: string, names: Record<string, string>): string {
  const keys = Object.keys(names);
  if (keys.length === 0) return formula;
  const pattern = new RegExp(`(?<![A-Za-z0-9_.])(${keys.map(escapeRegExp).join("|")})(?=\\[)`, "gi");
  const lookup = new Map(keys.map((k) => [k.toUpperCase(), names[k]]));
  // Even segments between double quotes are formula text; odd ones are string literals ("" escapes pair up).
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.replace(pattern, (m) => lookup.get(m.toUpperCase()) ?? m) : part))
    .join('"');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
