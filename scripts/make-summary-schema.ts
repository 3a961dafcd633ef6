/**
 * Writes docs/summary.schema.json, the JSON Schema of `ka analyze --json` (with `--accounts`), from the zod schemas in
 * src/engine/report/summary-schema.ts and the Accounts column catalogue. Run `npm run schema` after changing either;
 * test/report/json-schema.test.ts fails while the committed file differs from what this writes.
 */
import * as fs from "fs";
import * as path from "path";
import { summaryJsonSchemaDocument } from "../src/engine/report/json-schema";

export const SCHEMA_FILE = path.resolve(__dirname, "../docs/summary.schema.json");

/** The file's exact text: two-space JSON and a final newline. */
export function summarySchemaText(): string {
  return `${JSON.stringify(summaryJsonSchemaDocument(), null, 2)}\n`;
}

// Run only as a script (bin/run-ts.js puts the script's path in argv[1]), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  fs.writeFileSync(SCHEMA_FILE, summarySchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
