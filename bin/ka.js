#!/usr/bin/env node
// The `ka` command. Runs the CLI compiled to one JavaScript file (lib/cli/main.js, built by scripts/build-cli.js,
// which `npm ci` runs as the `prepare` script), so start-up loads no TypeScript compiler. Without that file (a
// checkout where nothing was installed yet) it runs the sources through tsx, when tsx is installed.
"use strict";
const path = require("path");

function load() {
  try {
    return require("../lib/cli/main.js");
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND" || !String(e.message).includes("lib/cli/main.js")) throw e;
  }
  try {
    require("tsx/cjs");
  } catch {
    process.stderr.write("ka: the compiled CLI (lib/cli/main.js) is missing: run `npm run build:cli` (npm ci does it).\n");
    process.exit(70);
  }
  return require(path.join(__dirname, "..", "src", "cli", "main.ts"));
}

load()
  .main(process.argv.slice(2))
  .then(
    // exitCode, not exit(): exit() would cut off output still queued for a pipe.
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`ka: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exit(70);
    },
  );
