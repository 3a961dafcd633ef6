import { SEGMENT_RULES, toFiveScale, fmScore, segmentIndex, rfmSegment, rfmCode } from "../../../../src/engine/metrics/rfm/segments";

const name = (k: number): string => (k >= 0 ? SEGMENT_RULES[k].name : "");

describe("segment rule table (SPEC §3)", () => {
  test("11 rules with English and Chinese names, in the spec's order", () => {
    expect(SEGMENT_RULES.map((r) => r.name)).toEqual([
      "Champions", "Loyal", "Potential Loyalist", "New", "Promising", "Need Attention",
      "About to Sleep", "Can't Lose", "At Risk", "Hibernating", "Lost",
    ]);
    expect(SEGMENT_RULES.map((r) => r.nameZh)).toEqual([
      "重要价值客户", "忠诚客户", "潜力客户", "新客户", "有望客户", "需关注客户",
      "即将沉睡客户", "不可流失客户", "流失风险客户", "沉睡客户", "已流失客户",
    ]);
  });

  // The spec's rules written out as plain if-chains: an independent reading of the table.
  function byHand(r: number, fm: number, f: number): string {
    if (r >= 4 && fm >= 4) return "Champions";
    if (r >= 3 && fm >= 4) return "Loyal";
    if (r >= 4 && fm === 3) return "Potential Loyalist";
    if (r >= 4 && fm <= 2 && f === 1) return "New";
    if (r >= 4 && fm <= 2) return "Promising";
    if (r === 3 && fm === 3) return "Need Attention";
    if (r === 3 && fm <= 2) return "About to Sleep";
    if (r <= 2 && fm === 5) return "Can't Lose";
    if (r <= 2 && fm >= 3) return "At Risk";
    if (r === 2 && fm <= 2) return "Hibernating";
    if (r === 1 && fm <= 2) return "Lost";
    return "";
  }

  test("all 125 (R, F, M) on 1..5 get a segment, the same as the if-chain reading of the spec", () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const fm = Math.floor((f + m) / 2 + 0.5);
          const k = rfmSegment(r, f, m);
          expect(k).toBeGreaterThanOrEqual(0);
          expect(name(k)).toBe(byHand(r, fm, f));
        }
  });

  test("one example per segment", () => {
    expect(name(rfmSegment(5, 5, 5))).toBe("Champions");
    expect(name(rfmSegment(3, 4, 4))).toBe("Loyal");
    expect(name(rfmSegment(4, 3, 3))).toBe("Potential Loyalist");
    expect(name(rfmSegment(5, 1, 2))).toBe("New"); // FM = round(1.5) = 2, F = 1
    expect(name(rfmSegment(5, 2, 2))).toBe("Promising");
    expect(name(rfmSegment(3, 3, 3))).toBe("Need Attention");
    expect(name(rfmSegment(3, 1, 1))).toBe("About to Sleep");
    expect(name(rfmSegment(2, 5, 5))).toBe("Can't Lose");
    expect(name(rfmSegment(1, 4, 3))).toBe("At Risk"); // FM = round(3.5) = 4
    expect(name(rfmSegment(2, 1, 2))).toBe("Hibernating");
    expect(name(rfmSegment(1, 1, 1))).toBe("Lost");
  });

  test("FM rounds halves up (Excel ROUND), not to even: F 2, M 3 → FM 3 → Potential Loyalist, not Promising", () => {
    expect(fmScore(2, 3)).toBe(3);
    expect(fmScore(4, 5)).toBe(5);
    expect(fmScore(1, 2)).toBe(2);
    expect(name(rfmSegment(4, 2, 3))).toBe("Potential Loyalist");
    expect(name(rfmSegment(2, 4, 5))).toBe("Can't Lose"); // FM = round(4.5) = 5
  });

  test("mapping to 1..5: ceil(5 s / bins)", () => {
    // bins 3: 5/3 = 1.67 → 2; 10/3 = 3.33 → 4; 15/3 = 5.
    expect([1, 2, 3].map((s) => toFiveScale(s, 3))).toEqual([2, 4, 5]);
    // bins 10: s/2 rounded up.
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => toFiveScale(s, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // bins 5: identity; bins 2: 3 (2.5 → 3) and 5.
    expect([1, 2, 3, 4, 5].map((s) => toFiveScale(s, 5))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2].map((s) => toFiveScale(s, 2))).toEqual([3, 5]);
  });

  test("segments with bins 3 and 10 go through the mapping", () => {
    // bins 3: R 2 → 4, F 1 → 2, M 1 → 2 → FM 2, F5 = 2 ≠ 1 → Promising.
    expect(name(rfmSegment(2, 1, 1, 3))).toBe("Promising");
    // bins 3: R 1 → 2, F 3 → 5, M 3 → 5 → FM 5 → Can't Lose.
    expect(name(rfmSegment(1, 3, 3, 3))).toBe("Can't Lose");
    // bins 10: R 8 → 4, F 2 → 1, M 3 → 2 → FM round(1.5) = 2, F5 = 1 → New.
    expect(name(rfmSegment(8, 2, 3, 10))).toBe("New");
    // bins 10: R 5 → 3, F 6 → 3, M 5 → 3 → Need Attention.
    expect(name(rfmSegment(5, 6, 5, 10))).toBe("Need Attention");
  });

  test("first match wins and a user's incomplete table can leave a customer without a segment", () => {
    const rules = [{ name: "Top", nameZh: "顶", r: [5, 5] as const }, { name: "Any", nameZh: "任", fm: [1, 5] as const }];
    expect(segmentIndex(5, 1, 1, rules)).toBe(0);
    expect(segmentIndex(4, 1, 1, rules)).toBe(1);
    expect(segmentIndex(4, 1, 1, [rules[0]])).toBe(-1);
  });

  test("bad scores and bins → outOfRange naming the argument", () => {
    for (const [args, path] of [[[0, 1, 1], "r"], [[1, 6, 1], "f"], [[1, 1, 2.5], "m"]] as const) {
      expect(() => rfmSegment(args[0], args[1], args[2])).toThrowProblem("outOfRange", { path });
    }
    expect(() => rfmSegment(1, 1, 1, 11)).toThrowProblem("outOfRange", { path: "bins" });
    expect(() => rfmSegment(1, 1, 1, 1)).toThrowProblem("outOfRange", { path: "bins" });
  });

  test("RFM code: digits together, hyphenated with 10 bins", () => {
    expect(rfmCode(5, 4, 3, 5)).toBe("543");
    expect(rfmCode(10, 3, 7, 10)).toBe("10-3-7");
  });
});
