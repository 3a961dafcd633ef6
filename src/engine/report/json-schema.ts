/**
 * The whole JSON contract as one zod schema — the summary (summary-schema.ts) and, with `--accounts`, one object per
 * customer whose keys are the Accounts column catalogue's — and its JSON Schema, published as
 * docs/summary.schema.json (`npm run schema`; test/report/json-schema.test.ts keeps the file current).
 */
import { z } from "zod";
import { ACCOUNT_GROUPS } from "./catalogue";
import type { AccountJson, SummaryJson } from "./json";
import type { AccountColumnDef } from "./model";
import { SummarySchema } from "./summary-schema";
import { englishText } from "./text";

function columnSchema(def: AccountColumnDef, group: string): z.ZodType {
  const base = def.type === "number" ? z.number() : def.type === "boolean" ? z.boolean() : def.type === "date" ? z.string().regex(/^\d{4}-\d{2}-\d{2}$/) : z.string();
  const header = englishText(`column.${def.key}`, def.header, def.headerVars ? { unit: "{unit}", months: "{months}", days: "{days}" } : undefined);
  return base.nullable().describe(`${group}: "${header}" on KA Accounts; null where it does not apply`);
}

/** One customer of `--accounts`: every Accounts column by key. */
export const AccountSchema = z.strictObject(
  Object.fromEntries(ACCOUNT_GROUPS.flatMap((g) => g.columns.map((c) => [c.key, columnSchema(c, g.title)]))),
) as unknown as z.ZodType<AccountJson>;

/** The JSON `ka analyze --json` writes (`accounts` only with `--accounts`). */
export const SummaryJsonSchema = SummarySchema.extend({
  accounts: z.array(AccountSchema).optional().describe("one object per customer, largest net revenue first (with --accounts)"),
}) as unknown as z.ZodType<SummaryJson>;

/** The JSON Schema document published as docs/summary.schema.json. */
export function summaryJsonSchemaDocument(): Record<string, unknown> {
  const doc = z.toJSONSchema(SummaryJsonSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: doc.$schema,
    title: "KA Risk summary (ka analyze --json)",
    description: "The JSON summary of a KA Risk analysis. Keys are stable: new versions add keys, existing keys keep their meaning. See docs/json.md.",
    ...Object.fromEntries(Object.entries(doc).filter(([k]) => k !== "$schema")),
  };
}
