/**
 * The JSON contract: docs/summary.schema.json is what `npm run schema` writes from the zod schemas (so it is never
 * stale), the sample's `ka analyze --json --accounts` output validates against the schema, and the schema rejects what
 * breaks the contract (a missing key, an unknown key, a non-finite number, a string where a number belongs). Online
 * Retail's JSON is validated in test/report/behaviour.test.ts, where the CLI already runs on it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ACCOUNT_COLUMNS } from "../../src/engine/report";
import { SummaryJsonSchema } from "../../src/engine/report/json-schema";
import { JSON_DOC, SCHEMA_FILE, jsonDocText, summarySchemaText } from "../../scripts/make-summary-schema";

const ROOT = path.resolve(__dirname, "../..");
const KA = path.join(ROOT, "bin/ka.js");

const problems = (value: unknown) => {
  const r = SummaryJsonSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("JSON schema", () => {
  let sample: Record<string, any>;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ka-schema-"));
    try {
      const r = spawnSync(process.execPath, [KA, "analyze", "--quiet", "--json", "-", "--accounts", "--out", "r.xlsx"], { cwd: dir, encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
      expect(r.status).toBe(0);
      sample = JSON.parse(r.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("docs/summary.schema.json and the accounts table of docs/json.md are up to date (npm run schema writes them)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(summarySchemaText());
    const doc = fs.readFileSync(JSON_DOC, "utf8");
    expect(doc).toBe(jsonDocText(doc));
    for (const key of ACCOUNT_COLUMNS.keys()) expect(doc).toContain(`| \`${key}\` |`);
  });

  test("the sample's JSON, with --accounts, validates; every Accounts column is a key of every account", () => {
    expect(problems(sample)).toEqual([]);
    expect(sample.accounts).toHaveLength(sample.customers);
    expect(Object.keys(sample.accounts[0])).toEqual([...ACCOUNT_COLUMNS.keys()]);
  });

  test("the schema rejects a missing key, an unknown key, a non-finite number and a wrong type", () => {
    const copy = () => structuredClone(sample);
    const missing = copy();
    delete missing.rows.used;
    expect(problems(missing)).toEqual(["rows.used: Invalid input: expected number, received undefined"]);
    const extra = copy();
    extra.concentration.surprise = 1;
    expect(problems(extra).join()).toMatch(/concentration.*surprise/);
    const infinite = copy();
    infinite.revenue = Infinity;
    expect(problems(infinite).length).toBe(1);
    const wrong = copy();
    wrong.accounts[0].revenue = "12";
    expect(problems(wrong)).toEqual(["accounts.0.revenue: Invalid input: expected number, received string"]);
    const badAccountKey = copy();
    badAccountKey.accounts[1].nickname = "x";
    expect(problems(badAccountKey).join()).toMatch(/accounts\.1.*nickname/);
  });

  test("the published document is JSON Schema 2020-12 and closes every object (no undocumented key passes)", () => {
    const doc = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const open: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`));
      else if (node && typeof node === "object") {
        const o = node as Record<string, unknown>;
        if (o.type === "object" && o.properties && o.additionalProperties !== false) open.push(at);
        for (const [k, v] of Object.entries(o)) walk(v, `${at}.${k}`);
      }
    };
    walk(doc, "$");
    expect(open).toEqual([]);
  });
});
