import { problem } from "../problems";
import { headerText } from "./cells";
import type { LedgerFieldDef } from "./fields";
import { FIELD_DEF, FIELD_DEFS, NORMALIZED_SYNONYMS, normalizeHeader, normalizeHeaderCore } from "./fields";
import type { ColumnMapping, Field, IngestOptions, RawCell } from "./types";

/** What `detectColumns` found in a header row. */
export interface ColumnDetection {
  /** Field → 0-based column index. `segmentBy` only when the user mapped it. */
  mapping: ColumnMapping;
  /** Header texts as read (trimmed), by column. */
  headers: string[];
  /** Required fields with no column (`amount` is satisfied by quantity + unitPrice). Empty when the ledger can be read. */
  missing: Field[];
  /** Non-fatal remarks: duplicate headers, other columns that fit a field. */
  notes: string[];
  /** Every column that fits each field, best first (for the mapping UI); `segmentBy` lists likely segment columns. */
  candidates: Partial<Record<Field, number[]>>;
}

/** Match strength of a header for a field; 0 = no match. */
const EXACT = 4;
const EXACT_CORE = 3;
const SUFFIX = 2;
const PREFIX = 1;

const STEMS: Readonly<Record<string, { suffix: string[]; prefix: string[]; notWith: string[] }>> = Object.fromEntries(
  FIELD_DEFS.map((d) => [
    d.field,
    {
      suffix: (d.suffixStems ?? []).map(normalizeHeader),
      prefix: (d.prefixStems ?? []).map(normalizeHeader),
      notWith: (d.notWith ?? []).map(normalizeHeader),
    },
  ]),
);

/**
 * How well a header fits a field: 4 equal to a synonym, 3 equal once bracketed notes are dropped, 2 ends with
 * a stem, 1 starts with a stem (customer, invoice), 0 no fit. `full`/`core` are the header's normalised forms.
 */
export function headerScore(def: LedgerFieldDef, full: string, core: string): number {
  if (full.length === 0) return 0;
  const syn = NORMALIZED_SYNONYMS[def.field];
  if (syn.has(full)) return EXACT;
  if (core.length > 0 && syn.has(core)) return EXACT_CORE;
  const stems = STEMS[def.field];
  if (core.length === 0 || stems.notWith.some((w) => core.includes(w))) return 0;
  if (stems.suffix.some((s) => core.length > s.length && core.endsWith(s))) return SUFFIX;
  if (stems.prefix.some((s) => core.length > s.length && core.startsWith(s))) return PREFIX;
  return 0;
}

function columnLabel(headers: string[], col: number): string {
  return headers[col] ? `'${headers[col]}' (column ${col + 1})` : `column ${col + 1}`;
}

/**
 * Detects which column holds each ledger field from the header row (docs/metrics.md#reading-a-ledger), with the user's
 * overrides.
 *
 * - Headers compare case-, space- and punctuation-insensitively, in English and Chinese (`fields.ts`).
 * - Stronger matches win: exact synonym, then exact without bracketed notes, then a header ending with a
 *   field word, then one starting with it. Each column serves one field; on a tie the leftmost column wins
 *   (duplicate headers: the first is used), and a note names the columns passed over.
 * - `map` overrides: field → header text (compared normalised; the first column with that header) or 0-based
 *   column index. A header that is not in the row, or an index outside it, is a `KaProblem` "badArgument".
 *   An empty string unmaps a field (e.g. ignore a `Balance` column). A user-mapped column is not offered to
 *   other fields. When the user maps quantity and unitPrice but not amount, amount is not auto-detected (the
 *   user asked for quantity × unit price).
 * - `segmentBy` is never auto-detected; likely columns (Region, Sales Rep, Industry, Country, 区域, 销售员, 行业, …)
 *   are listed in `candidates.segmentBy`.
 *
 * @example detectColumns(["Client", "Invoice Date", "Net Amount"]).mapping // { customer: 0, date: 1, amount: 2 }
 * @throws KaProblem "badArgument" when `map` names a header or index that is not there.
 */
export function detectColumns(headerRow: RawCell[], map?: IngestOptions["map"]): ColumnDetection {
  const headers = headerRow.map(headerText);
  const full = headers.map(normalizeHeader);
  const core = headers.map(normalizeHeaderCore);
  const notes: string[] = [];
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  const decided = new Set<Field>();

  for (const [field, target] of Object.entries(map ?? {}) as [Field, string | number | undefined][]) {
    if (target === undefined) continue;
    if (!FIELD_DEF[field]) throw problem("badArgument", `map: '${field}' is not a ledger field (fields: ${FIELD_DEFS.map((d) => d.field).join(", ")}).`, { path: `map.${field}` });
    decided.add(field);
    if (typeof target === "number") {
      if (!Number.isInteger(target) || target < 0 || target >= headers.length) {
        throw problem("badArgument", `map: column index ${target} for ${field} is outside the ${headers.length} columns (0 to ${headers.length - 1}).`, { path: `map.${field}` });
      }
      mapping[field] = target;
      taken.add(target);
      continue;
    }
    if (typeof target !== "string") throw problem("badArgument", `map: ${field} must be a header text or a 0-based column index.`, { path: `map.${field}` });
    if (target.trim() === "") continue; // explicitly unmapped
    const want = normalizeHeader(target);
    const col = want.length > 0 ? full.indexOf(want) : headers.indexOf(target.trim());
    if (col < 0) {
      throw problem("badArgument", `map: there is no column headed '${target}' for ${field}. Headers found: ${headers.map((h) => `'${h}'`).join(", ")}.`, { path: `map.${field}` });
    }
    mapping[field] = col;
    taken.add(col);
  }
  if (map?.quantity !== undefined && map?.unitPrice !== undefined && map?.amount === undefined) decided.add("amount");

  // Every (field, column, score), best first; ties go to the leftmost column.
  const candidates: Partial<Record<Field, number[]>> = {};
  const pairs: { field: Field; col: number; score: number }[] = [];
  for (const def of FIELD_DEFS) {
    const list: { col: number; score: number }[] = [];
    for (let col = 0; col < headers.length; col++) {
      const score = headerScore(def, full[col], core[col]);
      if (score > 0) list.push({ col, score });
    }
    list.sort((x, y) => y.score - x.score || x.col - y.col);
    if (def.candidatesOnly) {
      const free = list.filter((c) => !Object.values(mapping).includes(c.col));
      if (free.length > 0) candidates[def.field] = free.map((c) => c.col);
      continue;
    }
    if (list.length > 0) candidates[def.field] = list.map((c) => c.col);
    if (!decided.has(def.field)) for (const c of list) pairs.push({ field: def.field, ...c });
  }
  pairs.sort((x, y) => y.score - x.score || x.col - y.col);
  for (const p of pairs) {
    if (mapping[p.field] !== undefined || taken.has(p.col)) continue;
    mapping[p.field] = p.col;
    taken.add(p.col);
    // Other free columns that fit this field just as well: say which one was used.
    const rivals = pairs.filter((q) => q.field === p.field && q.col !== p.col && q.score === p.score && !taken.has(q.col));
    for (const q of rivals) {
      if (full[q.col] === full[p.col]) notes.push(`Duplicate header '${headers[p.col]}' (columns ${p.col + 1} and ${q.col + 1}): the first is used for ${p.field}.`);
      else notes.push(`${columnLabel(headers, q.col)} also fits ${p.field}; ${columnLabel(headers, p.col)} is used (map ${p.field} to choose another).`);
    }
  }
  if (candidates.segmentBy) {
    const used = new Set(Object.values(mapping));
    const free = candidates.segmentBy.filter((c) => !used.has(c) || c === mapping.segmentBy);
    if (free.length > 0) candidates.segmentBy = free;
    else delete candidates.segmentBy;
  }

  const missing: Field[] = [];
  for (const def of FIELD_DEFS) {
    if (!def.required || mapping[def.field] !== undefined) continue;
    if (def.field === "amount" && mapping.quantity !== undefined && mapping.unitPrice !== undefined) continue;
    missing.push(def.field);
  }
  return { mapping, headers, missing, notes, candidates };
}

/**
 * The message of a `missingColumn` problem: which fields have no column, the headers expected for each, and
 * the headers found.
 */
export function missingColumnMessage(detection: ColumnDetection): string {
  const parts = detection.missing.map((field) => {
    const def = FIELD_DEF[field];
    const ascii = def.synonyms.filter((h) => /^[\x20-\x7e]+$/.test(h));
    const other = def.synonyms.filter((h) => !/^[\x20-\x7e]+$/.test(h));
    const expected = [...ascii.slice(0, 8), ...other.slice(0, 5)].join(", ");
    if (field === "amount") {
      const half =
        detection.mapping.quantity !== undefined ? " (a quantity column was found but no unit price)" : detection.mapping.unitPrice !== undefined ? " (a unit price column was found but no quantity)" : "";
      return `amount — expected a header like ${expected}, …, or Quantity and Unit Price columns (数量 and 单价) for quantity × unit price${half}`;
    }
    return `${field} — expected a header like ${expected}, …`;
  });
  const found = detection.headers.filter((h) => h !== "");
  return (
    `No column found for ${listWords(detection.missing)}: ${parts.join("; ")}. ` +
    `Headers found: ${found.length > 0 ? found.map((h) => `'${h}'`).join(", ") : "none"}. Map the column explicitly if it has another name.`
  );
}

function listWords(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
