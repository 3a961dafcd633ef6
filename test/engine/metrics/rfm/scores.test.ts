import { rfmScores, excelCriterion } from "../../../../src/engine/metrics/rfm/scores";

// Ten values with a tie of three 8s across a break (positions 6–8 of 10).
const V = [1, 2, 2, 3, 5, 8, 8, 8, 13, 21];

describe("count-based scores, min(bins, 1 + floor(bins · count / N))", () => {
  test("bins 5, higher is better: counts below are 0,1,1,3,4,5,5,5,8,9 → 1 + floor(count / 2)", () => {
    // The three 8s all have count(v < 8) = 5 → 1 + floor(25/10) = 3; a position rule would give 3, 4, 4.
    expect(Array.from(rfmScores(V))).toEqual([1, 1, 1, 2, 3, 3, 3, 3, 5, 5]);
  });
  test("bins 5, lower is better (recency): counts above are 9,7,7,6,5,2,2,2,1,0", () => {
    expect(Array.from(rfmScores(V, { lowerIsBetter: true }))).toEqual([5, 4, 4, 4, 3, 2, 2, 2, 1, 1]);
  });
  test("bins 3: 1 + floor(3 · count / 10) → 0,0.3,0.3,0.9,1.2,1.5,1.5,1.5,2.4,2.7 floored + 1", () => {
    expect(Array.from(rfmScores(V, { bins: 3 }))).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
  });
  test("bins 10: 1 + count (N = 10) → 1,2,2,4,5,6,6,6,9,10", () => {
    expect(Array.from(rfmScores(V, { bins: 10 }))).toEqual([1, 2, 2, 4, 5, 6, 6, 6, 9, 10]);
  });
  test("one customer: count is 0 either way → score 1", () => {
    expect(Array.from(rfmScores([42]))).toEqual([1]);
    expect(Array.from(rfmScores([42], { lowerIsBetter: true }))).toEqual([1]);
  });
  test("all customers equal: all tie at the bottom → 1", () => {
    expect(Array.from(rfmScores([7, 7, 7, 7]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(rfmScores([7, 7, 7, 7], { lowerIsBetter: true, bins: 10 }))).toEqual([1, 1, 1, 1]);
  });
  test("input order does not matter (scores follow their values)", () => {
    const shuffled = [8, 21, 1, 8, 2, 13, 3, 8, 5, 2];
    expect(Array.from(rfmScores(shuffled))).toEqual([3, 5, 1, 3, 1, 5, 2, 3, 3, 1]);
  });
  test("blanks (NaN) are not scored and not counted in N, as COUNT skips blanks", () => {
    // N = 4 over [10, 20, 30, 40]: counts 0,1,2,3 → 1 + floor(5·c/4) = 1, 2, 3, 4.
    const s = rfmScores([10, NaN, 20, 30, NaN, 40]);
    expect(Array.from(s)).toEqual([1, NaN, 2, 3, NaN, 4]);
  });
  test("16th-digit noise compares as Excel's criterion does: 0.1 + 0.2 ties with 0.3", () => {
    expect(excelCriterion(0.1 + 0.2)).toBe(0.3);
    const s = rfmScores([0.3, 0.1 + 0.2, 1]);
    expect(s[0]).toBe(s[1]);
  });
  // Speed on large inputs is measured by `npm run bench` (analysis stages), not timed here.
  test("a large input with many ties: 200 000 values, each of 0..999 two hundred times", () => {
    const n = 200_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = (i * 7919) % 1000; // 200 copies of each of 0..999
    const s = rfmScores(v);
    // value x: 200·x values below it → 1 + floor(5 · 200x / 200 000) = 1 + floor(x / 200), capped at 5.
    for (let i = 0; i < n; i++) if (s[i] !== Math.min(5, 1 + Math.floor(v[i] / 200))) throw new Error(`value ${v[i]}: score ${s[i]}`);
    expect(s[Array.from(v).indexOf(500)]).toBe(3);
  });
});

describe("fixed breakpoints (a value on a threshold goes to the bin above)", () => {
  test("frequency breaks [2, 5, 10, 20]: score = 1 + count(t ≤ x)", () => {
    // 1 → 0 → 1; 2 → 1 → 2; 3 → 1 → 2; 5 → 2 → 3; 8 → 2 → 3; 13 → 3 → 4; 21 → 4 → 5.
    expect(Array.from(rfmScores(V, { breaks: [2, 5, 10, 20] }))).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 4, 5]);
  });
  test("recency breaks [7, 30, 90, 180] days, lower is better: score = bins − count(t ≤ x)", () => {
    // 0 → 5; 6 → 5; 7 → 4 (on a threshold: the older bin); 30 → 3; 100 → 2; 180 → 1; 200 → 1.
    expect(Array.from(rfmScores([0, 6, 7, 30, 100, 180, 200], { breaks: [7, 30, 90, 180], lowerIsBetter: true }))).toEqual([5, 5, 4, 3, 2, 1, 1]);
  });
  test("bins is taken from the breaks when not given; 3 bins with 2 breaks", () => {
    expect(Array.from(rfmScores([0, 50, 100, 150], { breaks: [50, 100] }))).toEqual([1, 2, 3, 3]);
  });
});

describe("bad parameters", () => {
  test("bins outside 2..10 or not whole → outOfRange", () => {
    expect(() => rfmScores(V, { bins: 1 })).toThrowProblem("outOfRange");
    expect(() => rfmScores(V, { bins: 11 })).toThrowProblem("outOfRange");
    expect(() => rfmScores(V, { bins: 4.5 })).toThrowProblem("outOfRange");
  });
  test("breaks not strictly ascending → outOfRange; wrong count → sizeMismatch; NaN → notANumber", () => {
    expect(() => rfmScores(V, { breaks: [5, 2, 10, 20] })).toThrowProblem("outOfRange");
    expect(() => rfmScores(V, { breaks: [2, 2, 10, 20] })).toThrowProblem("outOfRange");
    expect(() => rfmScores(V, { bins: 5, breaks: [2, 5, 10] })).toThrowProblem("sizeMismatch");
    expect(() => rfmScores(V, { breaks: [2, NaN, 10, 20] })).toThrowProblem("notANumber");
  });
});
