import { isoFromDay } from "../../../src/engine/day";
import { selectRows } from "../../../src/engine/ledger";
import type { Ledger } from "../../../src/engine/ledger";

/** A used row as the tests write it: [customer display, ISO date, amount, sheet row]. */
export type UsedRow = [string, string, number, number];

/** The ledger with its used rows in sheet order (the reader hands them over grouped by customer). */
export function inSheetOrder(l: Ledger): Ledger {
  const index = Array.from(l.sourceRow, (_, i) => i).sort((x, y) => l.sourceRow[x] - l.sourceRow[y]);
  return selectRows(l, index);
}

/** The used rows of a ledger, in sheet order, in the tests' shape. */
export function usedRows(ledger: Ledger): UsedRow[] {
  const l = inSheetOrder(ledger);
  const out: UsedRow[] = [];
  for (let i = 0; i < l.used; i++) out.push([l.customers[l.customer[i]], isoFromDay(l.day[i]), l.amount[i], l.sourceRow[i]]);
  return out;
}

/** Sum of excluded counts over all reasons. */
export function excludedTotal(l: Ledger): number {
  return Object.values(l.excludedCounts).reduce((s, n) => s + (n ?? 0), 0);
}

/** Seeded PRNG (mulberry32): the same seed gives the same grids on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
