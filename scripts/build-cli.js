#!/usr/bin/env node
/**
 * Builds the `ka` command: src/cli/main.ts and everything it imports, bundled by esbuild into one CommonJS file,
 * lib/cli/main.js (what bin/ka.js runs: start-up reads one file and needs no TypeScript compiler). Runs as the
 * `prepare` script (so `npm ci` builds it), before `npm test`, and from Jest's global setup (a targeted test run
 * spawns the CLI built from the current sources). Packages are bundled too; the XLSX reader's (yauzl, saxes) are
 * initialised only when a ledger is a workbook.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script: it runs before anything is compiled */
const path = require("path");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");

function buildCli() {
  esbuild.buildSync({
    entryPoints: [path.join(root, "src/cli/main.ts")],
    outfile: path.join(root, "lib/cli/main.js"),
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
}

module.exports = { buildCli };
if (require.main === module) buildCli();
