/**
 * The writer's double → text (number-text.ts) against `String(v)`, the text it must equal character for character:
 * random doubles of every scale in its range (uniform, log-uniform, random bits), cents and their running sums,
 * ratios, and every double within 50 steps of each power of ten from 1e-6 to 1e15, both signs.
 */
import { putShortestNumber } from "../../../src/workbook/xlsx/number-text";

const buf = new Uint8Array(64);
const text = (v: number): string | undefined => {
  const end = putShortestNumber(buf, 0, v);
  return end < 0 ? undefined : Buffer.from(buf.subarray(0, end)).toString("latin1");
};

function neighbour(x: number, steps: number): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] += BigInt(steps);
  return f[0];
}

let seed = 20261205;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);

function checkAll(values: Iterable<number>): { written: number; left: number } {
  let written = 0;
  let left = 0;
  const wrong: string[] = [];
  for (const v of values) {
    const t = text(v);
    if (t === undefined) {
      if (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e15) left++; // (declined inside its range)
    }
    else {
      written++;
      if (t !== String(v) && wrong.length < 5) wrong.push(`${String(v)} written ${t}`);
    }
  }
  expect(wrong).toEqual([]);
  return { written, left };
}

test("random doubles of every scale in the range read as String writes them", () => {
  const values = function* (): Generator<number> {
    const f = new Float64Array(1);
    const w = new Uint32Array(f.buffer);
    for (let i = 0; i < 600_000; i++) {
      const sign = rnd() < 0.5 ? -1 : 1;
      switch (i % 6) {
        case 0:
          yield sign * rnd() * Math.pow(10, Math.floor(rnd() * 21) - 6);
          break;
        case 1:
          yield sign * Math.pow(10, rnd() * 21 - 6);
          break;
        case 2:
          w[0] = (rnd() * 4294967296) >>> 0;
          w[1] = (0x3eb00000 + rnd() * (0x43000000 - 0x3eb00000)) >>> 0; // exponents of 1e-6 … 1e15
          yield sign * f[0];
          break;
        case 3:
          yield (sign * Math.round(rnd() * 1e9)) / 100;
          break;
        case 4:
          yield (rnd() * 1000) / (1 + Math.floor(rnd() * 997));
          break;
        default:
          yield 1 / (1 + Math.floor(rnd() * 100_000));
      }
    }
  };
  const { written, left } = checkAll(values());
  expect(written).toBeGreaterThan(580_000);
  expect(left / (written + left)).toBeLessThan(0.002); // ties and near-limit cases only
});

test("running sums of cents, and their shares, read as String writes them", () => {
  const values: number[] = [];
  let total = 0;
  for (let i = 0; i < 200_000; i++) {
    total += Math.round(rnd() * 1e5) / 100;
    values.push(total, total / 7, -total / 13);
  }
  checkAll(values);
});

test("every double within 50 steps of each power of ten from 1e-6 to 1e15 reads as String writes it", () => {
  const values: number[] = [];
  for (let e = -6; e <= 15; e++) {
    const p = Number(`1e${e}`);
    for (let k = -50; k <= 50; k++) values.push(neighbour(p, k), -neighbour(p, k));
  }
  const { written } = checkAll(values.filter((v) => !Number.isInteger(v)));
  expect(written).toBeGreaterThan(3000);
});

test("outside its range it declines, and the caller writes String(v)", () => {
  for (const v of [1e-7, 5e-324, 1e15 + 0.5, 1e21, -1e-7, 1.5e300]) expect(putShortestNumber(buf, 0, v)).toBe(-1);
});
