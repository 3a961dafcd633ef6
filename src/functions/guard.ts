/**
 * The last step of every KA function: run the body, and turn whatever it produced into something Excel can show.
 * A thrown problem (or a bug) becomes the cell's Excel error (errors.ts); a number that is not finite — an
 * overflow the engine did not catch — becomes #NUM!, so Excel never receives Infinity or NaN. A spilled result
 * keeps its shape: a failure of the whole call fills a 1×1 spill, a bad number only its own cell.
 */
import { excelError, toExcelError } from "./errors";

/** A cell of a result: a number, text, TRUE/FALSE, or an Excel error. */
export type ResultCell = string | number | boolean | CustomFunctions.Error;

function finiteOr<T>(v: T): T | CustomFunctions.Error {
  return typeof v === "number" && v - v !== 0 ? excelError("invalidNumber") : v;
}

/** Runs a single-value function body. */
export function guard<T extends string | number>(body: () => T): T | CustomFunctions.Error {
  try {
    return finiteOr(body());
  } catch (e) {
    return toExcelError(e);
  }
}

/** Runs a spilling function body (rows of cells). */
export function guardSpill(body: () => ResultCell[][]): ResultCell[][] {
  try {
    const rows = body();
    for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = finiteOr(row[c]);
    return rows;
  } catch (e) {
    return [[toExcelError(e)]];
  }
}

/** Lays out one value per cell of a `rows × columns` input, row-major; NaN (a blank input) becomes an empty cell. */
export function spillCells(values: ArrayLike<number | string>, rows: number, columns: number): (string | number)[][] {
  const out: (string | number)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: (string | number)[] = new Array(columns);
    for (let c = 0; c < columns; c++) {
      const v = values[r * columns + c];
      row[c] = typeof v === "number" && v !== v ? "" : v;
    }
    out[r] = row;
  }
  return out;
}
