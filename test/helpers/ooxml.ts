/**
 * Schema validation of written workbooks with libxml2's `xmllint` against the ECMA-376 transitional schemas in
 * `../shared/schemas/ecma-376/`. Parts are unzipped to a folder, the namespaces a part declares `mc:Ignorable` are
 * removed first (as Excel does: attributes and elements of those namespaces, and `mc:AlternateContent` replaced by
 * its `mc:Fallback`), and every part of one schema is validated by one xmllint run (the schema is parsed once).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";

export const SCHEMAS = path.resolve(__dirname, "../../../shared/schemas/ecma-376");

/** The schema a part validates against, by its path in the package; undefined: no schema ships (docProps). */
export function schemaFor(part: string): string | undefined {
  if (part.endsWith(".rels")) return "opc-relationships.xsd";
  if (part === "[Content_Types].xml") return "opc-contentTypes.xsd";
  if (part.startsWith("xl/charts/")) return "dml-chart.xsd";
  if (part.startsWith("xl/drawings/") && part.endsWith(".xml")) return "dml-spreadsheetDrawing.xsd";
  if (part.startsWith("xl/theme/")) return "dml-main.xsd";
  if (part.startsWith("xl/") && part.endsWith(".xml")) return "sml.xsd";
  return undefined;
}

const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/**
 * Removes what a consumer that does not know the `mc:Ignorable` namespaces drops: their attributes and elements,
 * the `mc:Ignorable` attribute itself, and `mc:AlternateContent` (its `mc:Fallback` content is kept).
 * @example stripIgnorable('<a xmlns:mc="…/markup-compatibility/2006" xmlns:x="u" mc:Ignorable="x" x:b="1"><x:c/></a>') // '<a xmlns:mc="…" xmlns:x="u"></a>'
 */
export function stripIgnorable(xml: string): string {
  const mcPrefix = new RegExp(`xmlns:([A-Za-z0-9_.-]+)="${MC.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`).exec(xml)?.[1];
  if (!mcPrefix) return xml;
  const ignorable = new RegExp(`\\s${mcPrefix}:Ignorable="([^"]*)"`).exec(xml);
  const prefixes = (ignorable?.[1] ?? "").split(/\s+/).filter(Boolean);
  let out = xml.replace(new RegExp(`\\s${mcPrefix}:Ignorable="[^"]*"`, "g"), "");
  // mc:AlternateContent → the content of its mc:Fallback (or nothing)
  const alt = new RegExp(`<${mcPrefix}:AlternateContent\\b[^>]*>([\\s\\S]*?)</${mcPrefix}:AlternateContent>`, "g");
  out = out.replace(alt, (_m, inner: string) => new RegExp(`<${mcPrefix}:Fallback\\b[^>]*>([\\s\\S]*?)</${mcPrefix}:Fallback>`).exec(inner)?.[1] ?? "");
  for (const p of prefixes) {
    out = out.replace(new RegExp(`\\s${p}:[A-Za-z0-9_.-]+="[^"]*"`, "g"), "");
    out = out.replace(new RegExp(`<${p}:[A-Za-z0-9_.-]+\\b[^>]*/>`, "g"), "");
    // innermost first, until none is left
    const element = new RegExp(`<(${p}:[A-Za-z0-9_.-]+)\\b[^>]*>(?:(?!<\\1\\b)[\\s\\S])*?</\\1>`, "g");
    for (let before = ""; before !== out; ) {
      before = out;
      out = out.replace(element, "");
    }
  }
  return out;
}

/** Unzips every XML part of a workbook into `dir` (ignorable namespaces stripped); returns part → file path. */
export async function extractParts(xlsx: string | Buffer, dir: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(typeof xlsx === "string" ? fs.readFileSync(xlsx) : xlsx);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir || !(name.endsWith(".xml") || name.endsWith(".rels"))) continue;
    const file = path.join(dir, name.replace(/[[\]]/g, "_"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, stripIgnorable(await entry.async("string")));
    out.set(name, file);
  }
  return out;
}

export interface PartResult {
  /** `label: part` */
  part: string;
  schema: string;
  errors: string[];
}

/**
 * Validates parts (label → part → extracted file) against their schemas: one xmllint run per schema. Parts without a
 * schema are only checked to be well-formed XML.
 */
export function validateParts(books: Map<string, Map<string, string>>): PartResult[] {
  const bySchema = new Map<string, { label: string; part: string; file: string }[]>();
  for (const [label, parts] of books) {
    for (const [part, file] of parts) {
      const schema = schemaFor(part) ?? "";
      const list = bySchema.get(schema) ?? [];
      list.push({ label, part, file });
      bySchema.set(schema, list);
    }
  }
  const results: PartResult[] = [];
  for (const [schema, list] of bySchema) {
    const args = ["--noout", ...(schema ? ["--schema", path.join(SCHEMAS, schema)] : []), ...list.map((x) => x.file)];
    const r = spawnSync("xmllint", args, { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`cannot run xmllint (apt-get install libxml2-utils): ${r.error.message}`);
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    for (const x of list) {
      const mine = lines.filter((l) => l.startsWith(`${x.file}:`) || l.startsWith(`${x.file} fails`));
      results.push({ part: `${x.label}: ${x.part}`, schema: schema || "(well-formed only)", errors: mine.filter((l) => !l.endsWith(" validates")) });
    }
  }
  return results;
}
