/**
 * Writes docs/summary.schema.json, the JSON Schema of `ka analyze --json` (with `--accounts`), from the zod schemas in
 * src/engine/report/summary-schema.ts and the Accounts column catalogue, and the table of `accounts` keys in
 * docs/json.md (between its `accounts-keys` markers). Run `npm run schema` after changing either;
 * test/report/json-schema.test.ts fails while a committed file differs from what this writes.
 */
import * as fs from "fs";
import * as path from "path";
import { ACCOUNT_GROUPS } from "../src/engine/report/catalogue";
import { summaryJsonSchemaDocument } from "../src/engine/report/json-schema";
import { fillVars } from "../src/engine/report/text";

export const SCHEMA_FILE = path.resolve(__dirname, "../docs/summary.schema.json");
export const JSON_DOC = path.resolve(__dirname, "../docs/json.md");
const BEGIN = "<!-- accounts-keys: begin (npm run schema writes this table from the Accounts column catalogue) -->";
const END = "<!-- accounts-keys: end -->";

/** The table of `accounts` keys: key, KA Accounts header, JSON type, group, in tab order. */
export function accountKeysTable(): string {
  const type = { text: "string", number: "number", date: "string (yyyy-mm-dd)", boolean: "true / false" } as const;
  const rows = ACCOUNT_GROUPS.flatMap((g) =>
    g.columns.map((c) => {
      // Placeholders shown as the parameter they come from: "Predicted CLV {months}m".
      const header = fillVars(c.header, {}).replace(/\|/g, "\\|");
      return `| \`${c.key}\` | ${header} | ${type[c.type]} | ${g.title} |`;
    }),
  );
  return [BEGIN, "", "| key | KA Accounts column | type (or null) | group |", "|---|---|---|---|", ...rows, "", END].join("\n");
}

/** docs/json.md with its generated table replaced. */
export function jsonDocText(current: string): string {
  const i = current.indexOf(BEGIN);
  const j = current.indexOf(END);
  if (i < 0 || j < i) throw new Error(`docs/json.md: the markers ${BEGIN} … ${END} are missing`);
  return current.slice(0, i) + accountKeysTable() + current.slice(j + END.length);
}

/** The file's exact text: two-space JSON and a final newline. */
export function summarySchemaText(): string {
  return `${JSON.stringify(summaryJsonSchemaDocument(), null, 2)}\n`;
}

// Run only as a script (bin/run-ts.js puts the script's path in argv[1]), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  fs.writeFileSync(SCHEMA_FILE, summarySchemaText());
  fs.writeFileSync(JSON_DOC, jsonDocText(fs.readFileSync(JSON_DOC, "utf8")));
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} and the accounts table of ${path.relative(process.cwd(), JSON_DOC)}\n`);
}
