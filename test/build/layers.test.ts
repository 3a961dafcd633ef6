/**
 * Layers only point down (README "Architecture"): dependency-cruiser with the project's rules finds no import cycle
 * in src — type-only imports included — and no import from a lower layer into a higher one. The same check is part
 * of `npm run lint`; this test also shows the check can fail, on a type-only cycle kept as a fixture.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

// One run over both (dependency-cruiser takes a few seconds to start): src, and a fixture with a type-only cycle.
function cruise(...targets: string[]): { violations: Violation[]; modules: string[] } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, ...targets, "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (e) {
    // dependency-cruiser exits non-zero when it finds errors; the JSON is still on stdout.
    out = (e as { stdout: string }).stdout;
  }
  const json = JSON.parse(out);
  return { violations: json.summary.violations, modules: json.modules.map((m: { source: string }) => m.source) };
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(" → ") : v.to}`;
const FIXTURE = "test/report/fixtures/cycle/";
const UNDECLARED = "test/report/fixtures/undeclared/";
let result: ReturnType<typeof cruise>;
beforeAll(() => {
  result = cruise("src", FIXTURE, UNDECLARED);
}, 60_000);

test("src has no import cycle and no upward import", () => {
  expect(result.modules.filter((m) => m.startsWith("src/")).length).toBeGreaterThan(100); // the whole tree was read
  expect(result.violations.filter((v) => !v.from.startsWith(FIXTURE) && !v.from.startsWith(UNDECLARED)).map(describeViolation)).toEqual([]);
});

test("a type-only cycle is reported", () => {
  expect(result.violations.filter((v) => v.from.startsWith(FIXTURE)).map((v) => v.rule.name)).toContain("no-cycle");
});

test("a package that package.json does not declare is reported (src reaches only declared packages)", () => {
  expect(result.violations.filter((v) => v.from.startsWith(UNDECLARED)).map(describeViolation)).toEqual([`declared-packages-only: ${UNDECLARED}uses-pend.js → node_modules/pend/index.js`]);
});
