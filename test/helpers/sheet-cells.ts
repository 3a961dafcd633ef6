/**
 * Reading a written workbook's cells as a reader would: a cell by its value, the value beside a label (key-value
 * blocks), a table as objects by its header row. Over `readCells` / `recalculate` results (test/helpers/libreoffice).
 */
import type { CellValue, WorkbookCells } from "./libreoffice";

export const split = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return { col: m[1], row: Number(m[2]) };
};

/** Address of the first cell of a sheet whose value is `value`. */
export function find(cells: WorkbookCells, sheet: string, value: unknown): string {
  const hit = Object.entries(cells[sheet]).find(([, c]) => c.value === value);
  if (!hit) throw new Error(`no cell '${String(value)}' on ${sheet}`);
  return hit[0];
}

/** Value of the cell right of a label (key-value blocks put the value in the next column). */
export function valueBeside(cells: WorkbookCells, sheet: string, label: string): CellValue | undefined {
  const { col, row } = split(find(cells, sheet, label));
  const next = String.fromCharCode(col.charCodeAt(0) + 1);
  return cells[sheet][`${next}${row}`]?.value;
}

/** A table on a sheet as objects, from its header row (found by the first header) until the first empty row. */
export function table(cells: WorkbookCells, sheet: string, firstHeader: string, headerRow?: number): Record<string, CellValue>[] {
  const hits = Object.entries(cells[sheet]).filter(([a, c]) => c.value === firstHeader && (headerRow === undefined || split(a).row === headerRow));
  if (hits.length === 0) throw new Error(`no header '${firstHeader}' on ${sheet}`);
  const { col, row } = split(hits[0][0]);
  const headers: { letter: string; name: string }[] = [];
  for (let c = col.charCodeAt(0); ; c++) {
    const letter = String.fromCharCode(c);
    const v = cells[sheet][`${letter}${row}`]?.value;
    if (typeof v !== "string" || v === "") break;
    headers.push({ letter, name: v });
  }
  const out: Record<string, CellValue>[] = [];
  for (let r = row + 1; ; r++) {
    const first = cells[sheet][`${col}${r}`];
    if (!first) break;
    const o: Record<string, CellValue> = {};
    for (const h of headers) o[h.name] = cells[sheet][`${h.letter}${r}`]?.value ?? null;
    out.push(o);
  }
  return out;
}

/** The address right of a label: where a key-value block keeps its value (the cell to edit). */
export function addressBeside(cells: WorkbookCells, sheet: string, label: string): string {
  const { col, row } = split(find(cells, sheet, label));
  return `${String.fromCharCode(col.charCodeAt(0) + 1)}${row}`;
}

/** A cell's value as a number; the reader gives a cached 0 as null, so blank reads as 0 and text as NaN. */
export const num = (v: CellValue | undefined): number => (typeof v === "number" ? v : v === null || v === undefined || v === "" ? 0 : NaN);
