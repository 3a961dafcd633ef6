/**
 * Running `ka` for the hostile corpus: in-process through `main` (the CLI's own entry, no compiler start-up per case)
 * or as a real process where the process itself matters (pipes, signals, exit codes on output errors).
 * Every run is checked for the corpus' two invariants: no stack trace on stderr, and `used + excluded = read`
 * whenever a JSON summary was written.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../src/cli/main";

export const ROOT = path.resolve(__dirname, "../..");
export const KA = path.join(ROOT, "bin/ka.js");

export interface KaRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON summary when `--json -` was given and the run succeeded. */
  json?: Summary;
}

/** The keys of the JSON summary the corpus reads. */
export interface Summary {
  asOf: string;
  rows: { read: number; used: number; excluded: number; reasons: Record<string, number> };
  customers: number;
  revenue: number;
  concentration: { cr1: number; hhi: number } | null;
  warnings: { code: string; message: string }[];
  accounts?: { customer: string; revenue: number }[];
  [key: string]: unknown;
}

/** A stack trace line (`    at fn (file:1:2)`) or Node's internal-error banner. */
const STACK = /^\s+at .+[:(].*\d+:\d+\)?$|internal error|Error: .*\n\s+at /m;

function check(r: KaRun, json = true): KaRun {
  expect(r.stderr).not.toMatch(STACK);
  if (json && r.code === 0 && r.stdout.trimStart().startsWith("{")) {
    r.json = JSON.parse(r.stdout) as Summary;
    const rows = r.json.rows;
    expect(rows.used + rows.excluded).toBe(rows.read);
    expect(Object.values(rows.reasons).reduce((s, n) => s + n, 0)).toBe(rows.excluded);
  }
  return r;
}

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `ka ARGS` in this process (paths relative to `cwd`). */
export async function kaIn(args: string[], cwd: string): Promise<KaRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const here = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, { stdout, stderr });
    return check({ code, stdout: stdout.text, stderr: stderr.text });
  } finally {
    process.chdir(here);
  }
}

/** `ka ARGS` as a shell runs it (bin/ka.js in a new Node process); `shell` runs a command line through sh instead. */
export function kaProcess(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; shell?: string } = {}): KaRun {
  const r = opts.shell
    ? spawnSync("/bin/sh", ["-c", opts.shell], { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...opts.env }, maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [KA, ...args], { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, ...opts.env }, maxBuffer: 64 << 20 });
  return check({ code: r.status, stdout: r.stdout, stderr: r.stderr }, !opts.shell); // a pipeline's output may be cut on purpose
}

/** A fresh folder for one test file's cases. */
export function scratchDir(prefix: string): { dir: string; file(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
