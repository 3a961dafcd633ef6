import { collectPatterns } from "../../../src/engine/models/patterns";

/** 20,000 customers with a few hundred distinct histories (above the size where patterns are remembered). */
function columns(n: number) {
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i % 7;
    T[i] = 10 + (i % 13);
    tx[i] = x[i] === 0 ? 0 : T[i] - (i % 5);
  }
  return { x, tx, T };
}

describe("collectPatterns", () => {
  it("collects large typed columns once and hands the same patterns to the next reader", () => {
    const data = columns(20_000);
    const first = collectPatterns(data);
    expect(collectPatterns({ x: data.x, tx: data.tx, T: data.T })).toBe(first);
    // Hand count: 7 frequencies × 13 ages, recency fixed by (i mod 5) — patterns are the distinct (x, t_x, T).
    const distinct = new Set(Array.from(data.x, (x, i) => `${x} ${data.tx[i]} ${data.T[i]}`));
    expect(first.x.length).toBe(distinct.size);
    expect(first.totalWeight).toBe(20_000);
  });

  it("collects again when a column is another array, or small, or plain", () => {
    const data = columns(20_000);
    const first = collectPatterns(data);
    const T2 = Float64Array.from(data.T, (v) => v + 1);
    const again = collectPatterns({ x: data.x, tx: data.tx, T: T2 });
    expect(again).not.toBe(first);
    expect(Math.min(...again.T)).toBe(Math.min(...first.T) + 1);
    const small = columns(100);
    expect(collectPatterns(small)).not.toBe(collectPatterns(small));
    const plain = { x: Array.from(data.x), tx: Array.from(data.tx), T: Array.from(data.T) };
    expect(collectPatterns(plain)).not.toBe(collectPatterns(plain));
  });
});
