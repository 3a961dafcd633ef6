/**
 * Two different texts with the same `textHash` (32 bits), found by a birthday search: texts made from a linear
 * congruential sequence until two of them collide (about 77,000 texts for even odds). For tests of the tables that
 * key on that hash and must still tell such texts apart.
 * @param make the text for the sequence's k-th value
 * @param distinct when two colliding texts count (default: different texts)
 */
import { textHash } from "../../src/engine/ledger/customer-key";

export function findHashCollision(make: (x: number) => string, distinct: (a: string, b: string) => boolean = (a, b) => a !== b, tries = 2_000_000): [string, string] | undefined {
  const seen = new Map<number, string>();
  let x = 1;
  for (let k = 0; k < tries; k++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const text = make(x);
    const h = textHash(text);
    const other = seen.get(h);
    if (other !== undefined && distinct(other, text)) return [other, text];
    if (other === undefined) seen.set(h, text);
  }
  return undefined;
}
