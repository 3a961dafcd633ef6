#!/usr/bin/env node
// The `ka` command. Runs the TypeScript CLI through tsx's require hook, so `npx ka` works right after `npm ci`.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  // exitCode, not exit(): exit() would cut off output still queued for a pipe.
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`ka: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(70);
  }
);
