/**
 * A KA function never throws and never returns a silent non-number: whatever Excel (or a careless caller)
 * passes, the result is a finite number, a string, a spilled matrix of those, or a CustomFunctions.Error —
 * and never the "internal error" #VALUE! that marks a bug.
 */
import { registerFunctions, registry, isExcelError } from "./harness";

beforeAll(async () => {
  await registerFunctions();
});

const hostile: unknown[] = [
  undefined,
  null,
  "",
  0,
  -1,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  "#N/A",
  "text",
  true,
  {},
  [],
  [[]],
  [[1], [2, 3]], // ragged (never from Excel)
  [[NaN]],
  [[Infinity], [1]],
  [[{}]],
  [1, 2, 3], // a flat list
  [[null, null], [null, null]],
  [["1,000"], ["(5)"], ["50%"]],
  [["a"], ["b"], ["a"]],
];

function checkResult(id: string, args: unknown[], result: unknown): void {
  const context = `KA.${id}(${args.map((a) => JSON.stringify(a)).join(", ")})`;
  const ok = (v: unknown): boolean =>
    (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" || (isExcelError(v) && !/internal error/.test(v.message ?? ""));
  if (Array.isArray(result)) {
    const flat = (result as unknown[][]).flat();
    if (!flat.every(ok)) throw new Error(`${context} spilled ${JSON.stringify(result)}`);
  } else if (!ok(result)) {
    throw new Error(`${context} returned ${JSON.stringify(result)}`);
  }
}

test("every registered function, every argument position, every hostile value: no throw, no NaN, no internal error", () => {
  let calls = 0;
  for (const [id, fn] of registry) {
    // a valid-looking baseline so that each position is tested on its own
    const baseline: unknown[] = [[[50], [30], [20]], 2, [["A"], ["B"], ["C"]], 0.5, 3];
    for (let pos = 0; pos < 5; pos++) {
      for (const v of hostile) {
        const args = baseline.slice();
        args[pos] = v;
        let result: unknown;
        expect(() => (result = fn(...args))).not.toThrow();
        checkResult(id, args, result);
        calls++;
      }
    }
  }
  expect(calls).toBe(registry.size * 5 * hostile.length);
});
