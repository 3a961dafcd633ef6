#!/usr/bin/env node
/**
 * Builds the `ka` command: src/cli/main.ts and everything it imports, bundled by esbuild into one CommonJS file,
 * lib/cli/main.js (what bin/ka.js runs: start-up reads one file and needs no TypeScript compiler). Runs as the
 * `prepare` script (so `npm ci` builds it), before `npm test`, and from Jest's global setup (a targeted test run
 * spawns the CLI built from the current sources). Packages are bundled too; the XLSX reader's (yauzl, saxes) are
 * initialised only when a ledger is a workbook. Then V8's code cache of the file is made (`writeCodeCache`).
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script: it runs before anything is compiled */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const esbuild = require("esbuild");
const { DIGEST_BYTES, cacheDigest } = require("../bin/code-cache");

const root = path.join(__dirname, "..");

function buildCli() {
  const outfile = path.join(root, "lib/cli/main.js");
  esbuild.buildSync({
    entryPoints: [path.join(root, "src/cli/main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // Smaller to read and parse at start-up; names are kept so an internal error's stack trace stays readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    logLevel: "warning",
  });
  // The usage text, for `ka --help` without loading the bundle (bin/ka.js): the bundle's own USAGE.
  delete require.cache[outfile]; // (a second build in one process reads the new bundle)
  fs.writeFileSync(path.join(root, "lib/cli/usage.txt"), `${require(outfile).USAGE}\n`);
  // The same bytes built again (esbuild's output is deterministic) keep their cache: `npm run analyze` and Jest
  // rebuild before every run. Any other cache goes: never one of an older build.
  const cache = `${outfile}.cache`;
  const digest = cacheDigest(fs.readFileSync(outfile, "utf8"));
  let head;
  try {
    head = fs.readFileSync(cache).subarray(0, DIGEST_BYTES);
  } catch {
    head = undefined;
  }
  if (head && head.equals(digest)) return;
  fs.rmSync(cache, { force: true });
  writeCodeCache();
}

/**
 * V8's code cache of the new file (bin/ka.js says how it is used): `ka analyze` on the bundled sample, with outputs in
 * a temporary folder, compiles what a run needs; bin/ka.js then saves the bytecode. Without it `ka` still runs.
 */
function writeCodeCache() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-code-cache-"));
  try {
    const run = spawnSync(process.execPath, [path.join(root, "bin/ka.js"), "analyze", "--out", path.join(dir, "sample.xlsx"), "--json", path.join(dir, "sample.json")], {
      env: { ...process.env, KA_WRITE_CODE_CACHE: "1" },
      encoding: "utf8",
    });
    if (run.status !== 0) process.stderr.write(`build-cli: no code cache (the sample run ended with ${run.status}): ${run.stderr}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { buildCli };
if (require.main === module) buildCli();
