#!/usr/bin/env node
// Runs a TypeScript entry point (scripts, benchmarks) through tsx's require hook: no build step needed.
require("tsx/cjs");
const path = require("path");
const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: run-ts.js FILE.ts [args...]\n");
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
