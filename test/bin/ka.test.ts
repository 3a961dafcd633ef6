/**
 * `ka` as a shell runs it: bin/ka.js starts the compiled CLI (lib/cli/main.js, built by `npm ci`'s prepare script
 * and by Jest's global setup) and loads no TypeScript compiler (packages are bundled too, so the bundle is the only
 * file a run reads besides Node's own modules); `--help` reads only the usage text the build wrote beside it.
 * Start-up time itself is measured by `npm run bench`, not asserted here.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { USAGE } from "../../src/cli/args";

const ROOT = path.resolve(__dirname, "../..");
const KA = path.join(ROOT, "bin/ka.js");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-bin-"));
  // Records every module Node loaded, at exit.
  fs.writeFileSync(path.join(dir, "trace.js"), 'process.on("exit", () => require("fs").writeFileSync(process.env.KA_TRACE, JSON.stringify(Object.keys(require.cache))));\n');
  fs.writeFileSync(path.join(dir, "three.csv"), "Customer,Date,Amount\nAcme,2024-01-05,100\nBeta,2024-02-01,50\nAcme,2024-03-01,25\n");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs bin/ka.js with `args` the way a shell does; returns the result and the modules it loaded. */
function ka(args: string[], cwd = dir) {
  const trace = path.join(dir, `trace-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ["-r", path.join(dir, "trace.js"), KA, ...args], { cwd, encoding: "utf8", env: { ...process.env, KA_TRACE: trace }, timeout: 120_000 });
  const modules = JSON.parse(fs.readFileSync(trace, "utf8")) as string[];
  return { ...r, modules };
}

const packages = (modules: string[]) => [...new Set(modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m)?.[1]).filter((p): p is string => p !== undefined))];

test("`ka --help` (and `ka` alone) prints the CLI's usage, which the build wrote beside the bundle, without loading the bundle", () => {
  for (const args of [["--help"], []]) {
    const r = ka(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${USAGE}\n`);
    expect(r.modules).not.toContain(path.join(ROOT, "lib/cli/main.js"));
    expect(r.modules.filter((m) => m.endsWith(".ts") || /\/(tsx|typescript|esbuild|ts-node)\//.test(m))).toEqual([]);
    expect(packages(r.modules)).toEqual([]);
  }
});

test("a usage error runs the compiled CLI alone: no TypeScript, no package", () => {
  const r = ka(["analyze", "--bins", "99"]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(USAGE);
  expect(r.modules).toContain(path.join(ROOT, "lib/cli/main.js"));
  expect(r.modules.filter((m) => m.endsWith(".ts") || /\/(tsx|typescript|esbuild|ts-node)\//.test(m))).toEqual([]);
  expect(packages(r.modules)).toEqual([]);
});

test("`ka analyze` on a 3-row CSV writes the report with the compiled CLI", () => {
  const r = ka(["analyze", "three.csv", "--out", "three.xlsx", "--json", "-", "--quiet"]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).rows).toMatchObject({ read: 3, used: 3 });
  expect(fs.statSync(path.join(dir, "three.xlsx")).size).toBeGreaterThan(5000);
  expect(r.modules.filter((m) => m.endsWith(".ts") || /\/(tsx|typescript|esbuild)\//.test(m))).toEqual([]);
  expect(packages(r.modules)).toEqual([]);
});

test("the compiled CLI reads an .xlsx ledger", () => {
  const book = path.join(dir, "three.xlsx"); // the report just written: its first sheet is a ledger-like table
  const r = ka(["analyze", book, "--sheet", "KA Accounts", "--map", "customer=Customer,amount=Revenue,date=Last purchase", "--out", "again.xlsx", "--quiet"]);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.status).toBe(0);
  expect(fs.statSync(path.join(dir, "again.xlsx")).size).toBeGreaterThan(5000);
});

test("npm ci builds the CLI (the prepare script), and the build is not committed", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(pkg.scripts.prepare).toMatch(/build:cli/);
  expect(pkg.scripts["build:cli"]).toBe("node scripts/build-cli.js");
  expect(pkg.bin.ka).toBe("bin/ka.js");
  expect(pkg.dependencies.tsx).toBeUndefined(); // not needed at run time
  expect(fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8")).toMatch(/^lib\/$/m);
});

describe("V8's code cache of the compiled CLI", () => {
  const MAIN = path.join(ROOT, "lib/cli/main.js");
  /** What heads the cache: a SHA-256 of this Node's version and the file's text (as bin/ka.js computes it). */
  const cacheDigest = (source: string) => createHash("sha256").update(process.version).update("\0").update(source).digest();

  test("the build leaves a cache made from these exact bytes, and `ka` uses it", () => {
    const cache = fs.readFileSync(`${MAIN}.cache`);
    const digest = cacheDigest(fs.readFileSync(MAIN, "utf8"));
    expect(cache.subarray(0, 32).equals(digest)).toBe(true);
    expect(cache.length).toBeGreaterThan(100_000); // bytecode of what a run compiles, not just the top level
    const r = spawnSync(process.execPath, [KA, "analyze", "three.csv", "--json", "-", "--quiet"], { cwd: dir, encoding: "utf8", env: { ...process.env, KA_DEBUG_CODE_CACHE: "1" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("ka: code cache used\n");
    expect(JSON.parse(r.stdout).rows).toMatchObject({ read: 3, used: 3 });
  });

  test("a cache of other bytes is never used, and a damaged one is refused by V8: `ka` runs the same either way", () => {
    // A copy of bin/ and lib/cli/ whose main.js differs from the one the cache was made from (same length, so only
    // the digest tells them apart: V8 itself checks the length).
    const tree = fs.mkdtempSync(path.join(dir, "tree-"));
    fs.mkdirSync(path.join(tree, "bin"));
    fs.mkdirSync(path.join(tree, "lib/cli"), { recursive: true });
    fs.copyFileSync(KA, path.join(tree, "bin/ka.js"));
    fs.copyFileSync(path.join(ROOT, "bin/code-cache.js"), path.join(tree, "bin/code-cache.js"));
    const source = fs.readFileSync(MAIN, "utf8");
    const at = source.indexOf("usage: ka analyze");
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(path.join(tree, "lib/cli/main.js"), `${source.slice(0, at)}USAGE${source.slice(at + 5)}`);
    fs.copyFileSync(`${MAIN}.cache`, path.join(tree, "lib/cli/main.js.cache"));
    const run = () => spawnSync(process.execPath, [path.join(tree, "bin/ka.js"), "--help"], { encoding: "utf8", env: { ...process.env, KA_DEBUG_CODE_CACHE: "1" } });
    const stale = run();
    expect(stale.status).toBe(0);
    expect(stale.stderr).toBe("ka: code cache absent or stale\n");
    expect(stale.stdout).toMatch(/^USAGE: ka analyze/); // the file's own code ran, not the cached bytecode
    // The right digest over damaged bytecode: V8 rejects it and compiles.
    const digest = cacheDigest(fs.readFileSync(path.join(tree, "lib/cli/main.js"), "utf8"));
    fs.writeFileSync(path.join(tree, "lib/cli/main.js.cache"), Buffer.concat([digest, Buffer.alloc(5000, 7)]));
    const damaged = run();
    expect(damaged.status).toBe(0);
    expect(damaged.stderr).toBe("ka: code cache rejected by V8\n");
    expect(damaged.stdout).toMatch(/^USAGE: ka analyze/);
  });
});
