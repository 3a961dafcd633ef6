/**
 * The contract in the repository (docs/): the code's pointers into docs/ resolve, no comment points to a document
 * outside the repository, and the pages cover what the product exposes — every CLI option in docs/cli.md, every
 * JSON key in docs/json.md, every tab in docs/report.md. A new option, key or tab fails here until it is documented.
 */
import * as fs from "fs";
import * as path from "path";
import { USAGE } from "../../src/cli/args";
import { TABS } from "../../src/engine/report";
import { SummarySchema } from "../../src/engine/report/summary-schema";

const ROOT = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = read(file).replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe("docs/", () => {
  const src = sourceFiles("src");

  test("no comment in src points to SPEC or DESIGN.md (documents outside the repository)", () => {
    const hits = src.flatMap((f) => read(f).split("\n").flatMap((l, i) => (/SPEC §|DESIGN\.md/.test(l) ? [`${f}:${i + 1}`] : [])));
    expect(hits).toEqual([]);
  });

  test("every docs/<page>.md#anchor in src and every page#anchor link in docs/ and the README resolves", () => {
    const broken: string[] = [];
    const check = (where: string, page: string, anchor: string | undefined) => {
      const file = `docs/${page}`;
      if (!fs.existsSync(path.join(ROOT, file))) broken.push(`${where}: ${file} does not exist`);
      else if (anchor && !anchors(file).has(anchor)) broken.push(`${where}: ${file}#${anchor}`);
    };
    let pointers = 0;
    for (const f of src) {
      for (const m of read(f).matchAll(/docs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
        pointers++;
        check(f, m[1], m[2]);
      }
    }
    expect(pointers).toBeGreaterThan(80);
    for (const page of fs.readdirSync(path.join(ROOT, "docs")).filter((p) => p.endsWith(".md"))) {
      for (const m of read(`docs/${page}`).matchAll(/\]\(([\w.-]+\.md)?(?:#([\w-]+))?\)/g)) check(`docs/${page}`, m[1] ?? page, m[2]);
    }
    for (const m of read("README.md").matchAll(/\]\(docs\/([\w.-]+\.md)(?:#([\w-]+))?\)/g)) check("README.md", m[1], m[2]);
    expect(broken).toEqual([]);
  });

  test("docs/cli.md documents every option of `ka analyze --help`", () => {
    const options = new Set([...USAGE.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));
    const doc = read("docs/cli.md");
    expect([...options].filter((o) => !doc.includes(`\`${o}`))).toEqual([]);
    expect(options.size).toBeGreaterThan(8);
  });

  test("docs/json.md explains every top-level key of the summary", () => {
    const doc = read("docs/json.md");
    const keys = [...Object.keys(SummarySchema.shape), "accounts"];
    expect(keys.filter((k) => !doc.includes(`| \`${k}\` |`))).toEqual([]);
  });

  test("docs/report.md has a section for every tab", () => {
    const doc = read("docs/report.md");
    expect(TABS.filter((t) => !doc.includes(`### ${t.name}\n`)).map((t) => t.name)).toEqual([]);
  });
});
