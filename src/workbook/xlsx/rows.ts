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
 * How the shared row plumbing reads a reader's parts: an array of rows is one kind (`ROW_ARRAYS`); the CSV byte
 * path's batches of byte ranges another (read-csv.ts).
 */
export interface PartKind<P> {
  rows(part: P): number;
  /** True when row r holds no value (see `isBlankRow`). */
  blank(part: P, r: number): boolean;
  row(part: P, r: number): CellRow;
  /** Rows [from, to), blank ones inside the data as `[]` where the part holds its rows as arrays. */
  slice(part: P, from: number, to: number): P;
  /** A part of `n` blank rows inside the data. */
  blanks(n: number): P;
}

/** Chunks that are arrays of rows. */
export const ROW_ARRAYS: PartKind<CellRow[]> = {
  rows: (part) => part.length,
  blank: (part, r) => isBlankRow(part[r]),
  row: (part, r) => part[r],
  slice: (part, from, to) => {
    const out = part.slice(from, to);
    for (let i = 0; i < out.length; i++) if (isBlankRow(out[i])) out[i] = [];
    return out;
  },
  blanks: (n) => Array.from({ length: n }, () => []),
};

type SourceInfo = Pick<LedgerSource, "label" | "sheets" | "sheet" | "date1904" | "notes">;

/**
 * Turns parts of rows numbered from sheet/file row 1 into a source: reads up to the first non-blank row (the header)
 * at once and streams the rest as `parts`, blank rows inside the data kept (as `kind.slice` gives them, or a part of
 * `kind.blanks`), blank rows at the end dropped.
 * @throws KaProblem "noRows" when every row is blank (an empty file or sheet)
 */
export async function sourceFromParts<P>(
  chunks: AsyncGenerator<P, void, undefined>,
  info: SourceInfo | (() => SourceInfo),
  kind: PartKind<P>,
): Promise<Omit<LedgerSource, "rows"> & { parts: AsyncGenerator<P, void, undefined> }> {
  const about = () => (typeof info === "function" ? info() : info);
  let rowNumber = 0;
  let header: CellRow | undefined;
  let rest: P | undefined;
  try {
    while (header === undefined) {
      const next = await chunks.next();
      if (next.done) break;
      const part = next.value;
      const n = kind.rows(part);
      for (let r = 0; r < n; r++) {
        rowNumber++;
        if (!kind.blank(part, r)) {
          header = kind.row(part, r);
          rest = kind.slice(part, r + 1, n);
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
  async function* dataParts(): AsyncGenerator<P, void, undefined> {
    started = true;
    let pendingBlank = 0; // blank rows held back until a non-blank row shows they are interior
    const shape = function* (part: P): Generator<P, void, undefined> {
      const n = kind.rows(part);
      let last = n - 1;
      while (last >= 0 && kind.blank(part, last)) last--;
      if (last < 0) {
        pendingBlank += n;
        return;
      }
      if (pendingBlank > 0) yield kind.blanks(pendingBlank);
      yield kind.slice(part, 0, last + 1);
      pendingBlank = n - 1 - last;
    };
    try {
      if (first !== undefined) yield* shape(first);
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        yield* shape(next.value);
      }
    } finally {
      await chunks.return(undefined);
    }
  }
  const parts = dataParts();
  return {
    ...about(), // read after the header: a workbook's sheet list and date system are known by then
    headerRow: rowNumber,
    header,
    parts,
    close: async () => {
      // A generator never started ignores return(); close the underlying reader directly then.
      if (started) await parts.return(undefined);
      else await chunks.return(undefined);
    },
  };
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
export async function sourceFromChunks(chunks: AsyncGenerator<CellRow[], void, undefined>, info: SourceInfo | (() => SourceInfo)): Promise<LedgerSource> {
  const { parts, ...source } = await sourceFromParts(chunks, info, ROW_ARRAYS);
  return { ...source, rows: parts };
}
