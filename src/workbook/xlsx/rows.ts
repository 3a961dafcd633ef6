/**
 * Shared row plumbing of the file readers: find the header (the first non-blank row), keep interior blank rows
 * as `[]` so row numbers stay true, drop trailing blank rows, and release the file when the reader stops early.
 */
import type { RawCell } from "../../engine/ledger/types";
import { problem } from "../../engine/problems";
import type { CellRow, LedgerSource } from "../port";

/** True when no cell holds a value (`null`, `undefined` and `""` are blank; a space is a value, as in Excel). */
export function isBlankRow(row: readonly RawCell[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== null && v !== undefined && v !== "") return false;
  }
  return true;
}

/**
 * Turns chunks of rows numbered from sheet/file row 1 into a `LedgerSource`: reads up to the first non-blank row
 * (the header) at once and streams the rest.
 *
 * @param chunks rows from row 1 on, blank rows included (any shape), in chunks
 * @param info label, sheets, date system and notes of the source, or a function giving them once the header is read
 * @throws KaProblem "noRows" when every row is blank (an empty file or sheet)
 * @example
 * const src = await sourceFromChunks(readCsvRows(path), { label: "a.csv", sheets: [], date1904: false, notes: [] });
 */
export async function sourceFromChunks(
  chunks: AsyncGenerator<CellRow[], void, undefined>,
  info: Pick<LedgerSource, "label" | "sheets" | "sheet" | "date1904" | "notes"> | (() => Pick<LedgerSource, "label" | "sheets" | "sheet" | "date1904" | "notes">),
): Promise<LedgerSource> {
  const about = () => (typeof info === "function" ? info() : info);
  let rowNumber = 0;
  let header: CellRow | undefined;
  let rest: CellRow[] = [];
  try {
    while (header === undefined) {
      const next = await chunks.next();
      if (next.done) break;
      const chunk = next.value;
      for (let i = 0; i < chunk.length; i++) {
        rowNumber++;
        if (!isBlankRow(chunk[i])) {
          header = chunk[i];
          rest = chunk.slice(i + 1);
          break;
        }
      }
    }
  } catch (e) {
    await chunks.return(undefined);
    throw e;
  }
  if (header === undefined) {
    await chunks.return(undefined);
    const { label } = about();
    throw problem("noRows", `${label} has no rows: it is empty (no header row).`, { path: label });
  }
  const first = rest;
  let started = false;
  async function* dataRows(): AsyncGenerator<CellRow[], void, undefined> {
    started = true;
    let pendingBlank = 0; // blank rows held back until a non-blank row shows they are interior
    const shape = (chunk: CellRow[]): CellRow[] => {
      const out: CellRow[] = [];
      for (const row of chunk) {
        if (isBlankRow(row)) {
          pendingBlank++;
          continue;
        }
        for (; pendingBlank > 0; pendingBlank--) out.push([]);
        out.push(row);
      }
      return out;
    };
    try {
      const head = shape(first);
      if (head.length > 0) yield head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        const out = shape(next.value);
        if (out.length > 0) yield out;
      }
    } finally {
      await chunks.return(undefined);
    }
  }
  const rows = dataRows();
  return {
    ...about(), // read after the header: a workbook's sheet list and date system are known by then
    headerRow: rowNumber,
    header,
    rows,
    close: async () => {
      // A generator never started ignores return(); close the underlying reader directly then.
      if (started) await rows.return(undefined);
      else await chunks.return(undefined);
    },
  };
}
