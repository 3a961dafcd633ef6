/**
 * Where the ledger is and which column is which: the user's choices on the Columns page over the engine's
 * detection, and the same choices saved as header text so they survive new columns.
 */
import { detectGroupColumns, type ColumnDetection } from "../../engine/ledger";
import type { Field, RawCell } from "../../engine/ledger/types";
import type { LedgerLocation } from "../../workbook/port";

/** The user's choices on the Columns page: field → column index, or "" for not used. */
export type ColumnChoices = Partial<Record<Field, number | "">>;

/** `Sheet1!A1:H20`, or `'Sales 2024'!A1:H20` when the sheet name needs quotes, as Excel writes it. */
export function rangeLabel(sheet: string, address: string): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${address}`;
}

/** The same ledger: the same table, or the same sheet (any case) and address. */
export function sameLocation(a: LedgerLocation, b: LedgerLocation): boolean {
  if (a.kind === "table" || b.kind === "table") return a.kind === b.kind && a.table === b.table;
  return a.sheet.toUpperCase() === b.sheet.toUpperCase() && a.address === b.address;
}

/**
 * The choices after `field` takes column `col`. A field that already had that column keeps it (pinned, so that
 * detection does not quietly move it elsewhere): the Columns page then shows the clash, and the user moves one of
 * the two — no mapping is lost without the user seeing it.
 */
export function chooseColumn(choices: ColumnChoices, detected: ColumnDetection["mapping"] | undefined, field: Field, col: number | ""): ColumnChoices {
  const out: ColumnChoices = { ...choices, [field]: col };
  if (col !== "") for (const [f, c] of Object.entries(detected ?? {}) as [Field, number][]) if (f !== field && c === col) out[f] = c;
  return out;
}

/** The mapping handed to the ledger builder: what the Columns page shows, by column index ("" = not used). */
export function builderMap(detected: ColumnDetection["mapping"] | undefined, choices: ColumnChoices): Partial<Record<Field, number | string>> {
  const map: Partial<Record<Field, number | string>> = { ...(detected ?? {}) };
  for (const [f, c] of Object.entries(choices) as [Field, number | ""][]) if (c === "") map[f] = "";
  return map;
}

/** The choices as header texts, for saving ("" = not used). */
export function choicesAsHeaders(choices: ColumnChoices, headers: readonly string[]): Partial<Record<Field, string>> {
  const map: Partial<Record<Field, string>> = {};
  for (const [f, c] of Object.entries(choices) as [Field, number | ""][]) map[f] = c === "" ? "" : (headers[c] ?? "");
  return map;
}

/** Saved header-text choices → column indices for this header row (choices whose header is gone are dropped). */
export function choicesFromHeaders(header: RawCell[], map: Partial<Record<Field, string>>): ColumnChoices {
  const texts = header.map((h) => (h === null || h === undefined ? "" : String(h).trim().toUpperCase()));
  const out: ColumnChoices = {};
  for (const [f, h] of Object.entries(map) as [Field, string][]) {
    if (h === "") out[f] = "";
    else {
      const i = texts.indexOf(h.trim().toUpperCase());
      if (i >= 0) out[f] = i;
    }
  }
  return out;
}

/** A column the Parameters page offers as a grouping column: its index and header text. */
export interface GroupChoice {
  col: number;
  header: string;
}

/**
 * The grouping columns on offer (every headed column not mapped to a ledger field) and the ones the engine detects
 * by their headers (region, sales rep, product line, channel, entity) — the default, as for the CLI's `--group-by`.
 */
export function groupChoices(header: readonly RawCell[], mapping: ColumnDetection["mapping"] | undefined): { choices: GroupChoice[]; detected: string[] } {
  const texts = header.map((h) => (h === null || h === undefined ? "" : String(h).trim()));
  const taken = new Set(Object.values(mapping ?? {}).filter((c): c is number => typeof c === "number"));
  const choices: GroupChoice[] = [];
  const seen = new Set<string>();
  texts.forEach((h, col) => {
    if (h === "" || taken.has(col) || seen.has(h.toUpperCase())) return;
    seen.add(h.toUpperCase());
    choices.push({ col, header: h });
  });
  return { choices, detected: detectGroupColumns(texts, taken).map((g) => g.header) };
}

/**
 * The grouping columns to read the ledger with: the user's headers that this header row still has (a saved choice
 * whose column is gone is dropped, not refused), or undefined for the engine's detection.
 */
export function groupByForRead(groupBy: readonly string[] | undefined, header: readonly RawCell[]): string[] | undefined {
  if (groupBy === undefined) return undefined;
  const texts = new Set(header.map((h) => (h === null || h === undefined ? "" : String(h).trim().toUpperCase())));
  return groupBy.filter((h) => texts.has(h.trim().toUpperCase()));
}
