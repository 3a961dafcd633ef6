/**
 * A double's shortest round-trip text — the same characters as `String(v)` — written as bytes, without making a
 * string: the xlsx writer stores millions of non-round numbers (4.5 million in the Accounts tab at 100,000
 * customers), and `String(double)` took most of its main thread there.
 *
 * For 1e-6 ≤ |v| < 1e15 (where `String` writes no exponent). The decimal d of n significant digits nearest v reads
 * back as v exactly when |d − v| < ulp(v)/2; `String` gives the shortest such d, and the nearest among them:
 * - 15 digits: m = round(v·10^s) is exact (m < 2^53), and m / 10^s is one correctly rounded division, so
 *   `m / 10^s === v` says whether m·10^−s reads back as v. When some d of at most 15 digits does, it is m with its
 *   trailing zeros dropped: the 15-digit grid is coarser than ulp(v), so that d is the grid point nearest v.
 * - 16, then 17 digits: v·10^t is taken exactly as hi + lo (Dekker's product), rounded to the integer r = base + k,
 *   and r is kept when |r − v·10^t| < ulp(v)/2·10^t (17 digits always are). r may pass 2^53: it is written as
 *   q·10^9 + rem, both exact.
 * An exact tie between two such d (v ends in …5 one place beyond them) goes to the even one, as `String` does.
 * Anything else (|v| outside the range, a distance within 1e-9 of the limit) returns -1 and the caller writes
 * `String(v)`. Tested against `String` on millions of doubles, and on every double within 50 steps of each
 * power of ten in the range.
 */

const P10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) P10.push(p); // 10^k, exact up to 10^22
/** 2^(k - 1076) for the biased exponents k of the range: half an ulp of a double with that exponent. */
const HALF_ULP: number[] = [];
for (let k = 0; k < 2047; k++) HALF_ULP.push(Math.pow(2, k - 1076)); // (0 below the subnormals; unused there)
const SPLIT = 134217729; // 2^27 + 1: Dekker's split of a double into two 26-bit halves
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const digits = new Uint8Array(24);

/**
 * Writes `String(v)`'s text for a finite non-integer v into buf at `at`; returns the end, or -1 when this path does
 * not decide (the caller writes `String(v)` then).
 */
export function putShortestNumber(buf: Uint8Array, at: number, v: number): number {
  const a = v < 0 ? -v : v;
  if (!(a >= 1e-6 && a < 1e15)) return -1;
  bits[0] = a;
  const exponent = (words[1] >>> 20) & 0x7ff;
  // 15 significant digits: m in [10^14, 10^15). The binary exponent puts the decimal one within one of its value.
  let s = 14 - Math.floor((exponent - 1023) * 0.30102999566398119521);
  let m = 0;
  for (let tries = 0; ; tries++) {
    if (s < 0 || s > 22 || tries > 2) return -1;
    m = Math.round(a * P10[s]);
    if (m >= 1e15) s--;
    else if (m < 1e14) s++;
    else break;
  }
  if (m / P10[s] === a) {
    const q = Math.floor(m / 1e9);
    return emit(buf, at, v < 0, q, m - q * 1e9, s);
  }
  const halfUlp = HALF_ULP[exponent];
  for (let t = s + 1; t <= s + 2; t++) {
    if (t > 22) return -1;
    // a·10^t = hi + lo exactly (Dekker).
    const b = P10[t];
    const hi = a * b;
    let c = SPLIT * a;
    const ah = c - (c - a);
    const al = a - ah;
    c = SPLIT * b;
    const bh = c - (c - b);
    const bl = b - bh;
    const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
    const base = Math.round(hi);
    const frac = hi - base + lo;
    let k = Math.round(frac);
    const d = frac - k;
    const dist = d < 0 ? -d : d;
    const limit = halfUlp * b;
    if (dist > limit * (1 - 1e-9) && dist < limit * (1 + 1e-9)) return -1; // too near the limit to tell here
    if (dist >= limit && t === s + 1) continue; // 16 digits do not read back: 17 do
    // An exact tie between two that read back (v = …437.5 units of the last digit): String takes the even one.
    if (dist === 0.5 && ((base % 2) + k) % 2 !== 0) k += d > 0 ? 1 : -1;
    let q = Math.floor(base / 1e9);
    let rem = base - q * 1e9 + k; // q·10^9 is exact (q·1953125 < 2^53, times 2^9), and so is the difference
    while (rem < 0) {
      rem += 1e9;
      q--;
    }
    while (rem >= 1e9) {
      rem -= 1e9;
      q++;
    }
    return emit(buf, at, v < 0, q, rem, t);
  }
  return -1;
}

/** Writes (q·10^9 + rem) · 10^−t with trailing fraction zeros dropped: `123.45`, `0.000123`. q < 2^31, rem < 10^9. */
function emit(buf: Uint8Array, at: number, negative: boolean, q: number, rem: number, t: number): number {
  // The digits, least significant first (division by the constant 10 is a multiplication in int32).
  let n = 0;
  let r = rem | 0;
  const h = q | 0;
  if (h > 0) {
    for (let i = 0; i < 9; i++) {
      digits[n++] = r % 10;
      r = (r / 10) | 0;
    }
    r = h;
  }
  do {
    digits[n++] = r % 10;
    r = (r / 10) | 0;
  } while (r > 0);
  let low = 0;
  while (t > 0 && digits[low] === 0) {
    low++;
    t--;
  }
  if (negative) buf[at++] = 45; // '-'
  // digits[n - 1] … digits[low]; the point t places from the right.
  const whole = n - low - t;
  if (whole > 0) {
    for (let i = n - 1; i >= n - whole; i--) buf[at++] = 48 + digits[i];
    if (t > 0) {
      buf[at++] = 46; // '.'
      for (let i = n - whole - 1; i >= low; i--) buf[at++] = 48 + digits[i];
    }
  } else {
    buf[at++] = 48;
    buf[at++] = 46;
    for (let i = whole; i < 0; i++) buf[at++] = 48;
    for (let i = n - 1; i >= low; i--) buf[at++] = 48 + digits[i];
  }
  return at;
}
