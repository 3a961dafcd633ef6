#!/usr/bin/env node
// The `ka` command. Runs the CLI compiled to one JavaScript file (lib/cli/main.js, built by scripts/build-cli.js,
// which `npm ci` runs as the `prepare` script), so start-up loads no TypeScript compiler. Without that file (a
// checkout where nothing was installed yet) it runs the sources through tsx, when tsx is installed.
//
// The build also leaves V8's code cache of that file (lib/cli/main.js.cache: the bytecode of every function a run on
// the bundled sample compiled), so a run starts without compiling them again: the 3-row ledger 272 -> 228 ms. The
// cache is used only when it was made from these exact bytes by this Node (a digest of both heads it: V8 itself
// checks only the length); anything else runs the file as a plain require.
"use strict";
const fs = require("fs");
const path = require("path");
const { DIGEST_BYTES, cacheDigest } = require("./code-cache");

const compiled = path.join(__dirname, "..", "lib", "cli", "main.js");
const cacheFile = `${compiled}.cache`;

/** The compiled CLI through its code cache: { cli, script, digest }, or undefined when there is no compiled file. */
function loadCompiled() {
  let source;
  try {
    source = fs.readFileSync(compiled, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return undefined;
    throw e;
  }
  const digest = cacheDigest(source);
  let cached;
  try {
    const bytes = fs.readFileSync(cacheFile);
    if (bytes.length > DIGEST_BYTES && bytes.subarray(0, DIGEST_BYTES).equals(digest)) cached = bytes.subarray(DIGEST_BYTES);
  } catch {
    // no cache: compile as usual
  }
  const vm = require("vm");
  const Module = require("module");
  const script = new vm.Script(Module.wrap(source), { filename: compiled, cachedData: cached });
  const mod = new Module(compiled, module);
  mod.filename = compiled;
  mod.paths = Module._nodeModulePaths(path.dirname(compiled));
  Module._cache[compiled] = mod; // as require would: the same module for anyone who requires the file
  const localRequire = Object.assign((id) => mod.require(id), { resolve: (id) => Module._resolveFilename(id, mod), cache: Module._cache, main: require.main });
  script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, compiled, path.dirname(compiled));
  mod.loaded = true;
  if (process.env.KA_DEBUG_CODE_CACHE) process.stderr.write(`ka: code cache ${cached === undefined ? "absent or stale" : script.cachedDataRejected ? "rejected by V8" : "used"}\n`);
  return { cli: mod.exports, script, digest };
}

function loadSources() {
  try {
    require("tsx/cjs");
  } catch {
    process.stderr.write("ka: the compiled CLI (lib/cli/main.js) is missing: run `npm run build:cli` (npm ci does it).\n");
    process.exit(70);
  }
  return { cli: require(path.join(__dirname, "..", "src", "cli", "main.ts")) };
}

/**
 * `ka --help` (and `ka` alone) prints the usage the build wrote beside the bundle (lib/cli/usage.txt, the CLI's own
 * USAGE text), without loading the 1.3 MB bundle: 40–90 ms of a help that otherwise took 150–190 ms. Without that
 * file, the bundle answers as before.
 */
function usageText(argv) {
  if (!(argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help")) return undefined;
  try {
    return fs.readFileSync(path.join(__dirname, "..", "lib", "cli", "usage.txt"), "utf8");
  } catch {
    return undefined;
  }
}

const usage = usageText(process.argv.slice(2));
if (usage !== undefined) process.stdout.write(usage);
else runCli();

/** Runs the compiled CLI (or the sources) with the arguments. */
function runCli() {
  const loaded = loadCompiled() ?? loadSources();
  loaded.cli.main(process.argv.slice(2)).then(
    // exitCode, not exit(): exit() would cut off output still queued for a pipe.
    (code) => {
      process.exitCode = code;
      // The build (scripts/build-cli.js) asks for the cache after a run on the sample has compiled what a run needs.
      if (code === 0 && process.env.KA_WRITE_CODE_CACHE === "1" && loaded.script) fs.writeFileSync(cacheFile, Buffer.concat([loaded.digest, loaded.script.createCachedData()]));
    },
    (err) => {
      process.stderr.write(`ka: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exit(70);
    },
  );
}
