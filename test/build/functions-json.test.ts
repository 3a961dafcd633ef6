/**
 * The generated functions.json (and its zh-CN twin) after `npm run build`, checked against the source it was
 * generated from: every exported function of the area files (src/functions/areas.js) present under its `@customfunction` id,
 * ids and names upper case, range parameters (typed `any[][]`) as matrices, optional parameters (`?`) marked.
 * And the built bundle registers every id with CustomFunctions.associate, and computes.
 */
import * as fs from "fs";
import * as vm from "vm";
import * as ts from "typescript";
import { ROOT, distFile } from "./dist";
import { localeGaps, readLocaleFiles } from "../../src/functions/locale/localize";
import { areaFiles, areaLocaleFiles } from "../../src/functions/areas";
import { functionAnchor } from "../../src/help/help-pages";

const DEV_URL = "https://localhost:3000/";
/** An element with this id in emitted HTML (the build minifies it: attribute quotes may be gone). */
const hasId = (html: string, id: string) => new RegExp(`\\sid="?${id}"?[\\s>]`).test(html);
/** Text as the page shows it: HTML-escaped where it must be (the minifier may unescape quotes). */
const shown = (html: string, text: string) => html.includes(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")) || html.includes(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));

interface SourceFunction {
  jsName: string;
  id: string | undefined;
  params: { name: string; matrix: boolean; optional: boolean }[];
}

/** The exported functions of the area files as the TypeScript parser sees them, in build order. */
function sourceFunctions(): SourceFunction[] {
  const out: SourceFunction[] = [];
  for (const file of areaFiles(ROOT)) out.push(...fileFunctions(file));
  return out;
}

function fileFunctions(file: string): SourceFunction[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: SourceFunction[] = [];
  for (const st of sf.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name) continue;
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const tag = ts.getJSDocTags(st).find((t) => t.tagName.text.toLowerCase() === "customfunction");
    const id = tag ? String(tag.comment ?? "").trim().split(/\s+/)[0] || st.name.text.toUpperCase() : undefined;
    out.push({
      jsName: st.name.text,
      id,
      params: st.parameters.map((p) => ({
        name: p.name.getText(sf),
        matrix: /^any\[\]\[\]$/.test(p.type?.getText(sf) ?? ""),
        optional: !!p.questionToken || !!p.initializer,
      })),
    });
  }
  return out;
}

const source = sourceFunctions();
const metadata = () => JSON.parse(distFile("functions.json"));

describe("dist/functions.json", () => {
  test("every exported function of the area files is there under its @customfunction id, in order, and nothing else", () => {
    expect(source.length).toBeGreaterThanOrEqual(14);
    for (const f of source) expect([f.jsName, f.id !== undefined]).toEqual([f.jsName, true]);
    const ids = metadata().functions.map((f: any) => f.id);
    expect(ids).toEqual(source.map((f) => f.id));
  });

  test("ids and names are upper case (A–Z, 0–9, . and _), unique, and the same", () => {
    const fns = metadata().functions;
    for (const f of fns) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9._]*$/);
      expect(f.name).toBe(f.id);
    }
    expect(new Set(fns.map((f: any) => f.id)).size).toBe(fns.length);
  });

  test("range parameters are matrices, optional parameters are marked, in the source's order", () => {
    const byId = new Map(metadata().functions.map((f: any) => [f.id, f]));
    for (const f of source) {
      const meta: any = byId.get(f.id!);
      expect([f.id, meta.parameters.map((p: any) => p.name)]).toEqual([f.id, f.params.map((p) => p.name)]);
      for (const [i, p] of f.params.entries()) {
        const mp = meta.parameters[i];
        expect([f.id, p.name, mp.dimensionality === "matrix", mp.optional === true]).toEqual([f.id, p.name, p.matrix, p.optional]);
        expect(mp.description?.length ?? 0).toBeGreaterThan(10);
      }
      // a required parameter never follows an optional one (Excel could not tell them apart)
      const firstOptional = f.params.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
    expect(byId.get("ABC")).toMatchObject({ result: { dimensionality: "matrix" } });
  });
});

describe("dist/functions.zh-CN.json", () => {
  test("same functions, ids, types and flags; Chinese descriptions and parameter names everywhere", () => {
    const en = metadata();
    const zh = JSON.parse(distFile("functions.zh-CN.json"));
    expect(zh.functions.map((f: any) => f.id)).toEqual(en.functions.map((f: any) => f.id));
    const chinese = /[\u4e00-\u9fff]/;
    en.functions.forEach((f: any, i: number) => {
      const z = zh.functions[i];
      expect(z.name).toBe(f.name);
      expect([f.id, chinese.test(z.description)]).toEqual([f.id, true]);
      expect(z.result).toEqual(f.result);
      expect(z.parameters.length).toBe(f.parameters.length);
      f.parameters.forEach((p: any, j: number) => {
        const zp = z.parameters[j];
        expect([f.id, p.name, zp.type, zp.dimensionality, zp.optional]).toEqual([f.id, p.name, p.type, p.dimensionality, p.optional]);
        expect([f.id, p.name, chinese.test(zp.description)]).toEqual([f.id, p.name, true]);
      });
    });
    const zhFile = readLocaleFiles(areaLocaleFiles(ROOT, "zh-CN"));
    expect(localeGaps(en, zhFile)).toEqual([]);
  });
});

describe("help links: every function's helpUrl opens its entry on a page the build emitted", () => {
  test.each([
    ["functions.json", "functions.html"],
    ["functions.zh-CN.json", "functions.zh-CN.html"],
  ])("%s → %s#ka-<id>", (json, page) => {
    if (process.env.KA_ADDIN_URL) return; // the links follow the deployment URL then
    const fns = JSON.parse(distFile(json)).functions;
    const html: string = distFile(page);
    for (const f of fns) {
      expect([f.id, f.helpUrl]).toEqual([f.id, `${DEV_URL}${page}#${functionAnchor(f.id)}`]);
      expect([f.id, hasId(html, functionAnchor(f.id))]).toEqual([f.id, true]);
      if (page.includes("zh-CN")) expect([f.id, shown(html, f.description)]).toEqual([f.id, true]);
    }
  });

  test("the reference is docs/functions.md: each function's heading is its anchor, and the English page has its example", () => {
    const html: string = distFile("functions.html");
    expect(html).toMatch(/<h3 id="?ka-hhi"?>KA\.HHI\(amounts, \[customers\], \[scale\]\)<\/h3>/);
    expect(html).toContain("<code>=KA.HHI({50;30;20})</code>");
  });
});

describe("dist/functions.js", () => {
  test("registers every id with CustomFunctions.associate and computes KA.HHI and KA.CLV", () => {
    const registry = new Map<string, (...args: unknown[]) => unknown>();
    class ErrorDouble {
      constructor(public code: string, public message?: string) {}
    }
    const sandbox = {
      CustomFunctions: {
        associate: (id: string, fn: (...args: unknown[]) => unknown) => {
          if (registry.has(id)) throw new Error(`${id} associated twice`);
          registry.set(id, fn);
        },
        Error: ErrorDouble,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
      },
    };
    // as taskpane.html loads them: the webpack runtime, the chunk shared with the pane, then the functions
    const context = vm.createContext(sandbox);
    (sandbox as Record<string, unknown>).self = context;
    for (const file of ["runtime.js", "shared.js", "functions.js"]) vm.runInContext(distFile(file), context, { filename: file });
    expect([...registry.keys()].sort()).toEqual(metadata().functions.map((f: any) => f.id).sort());
    expect(registry.get("HHI")!([[50], [30], [20]])).toBeCloseTo(3800, 9);
    expect(registry.get("CLV")!(100, "80%", 0.1, 3)).toBeCloseTo(205.10894, 5);
    const err = registry.get("HHI")!([[1], ["abc"]]) as ErrorDouble;
    expect([err.code, err.message]).toEqual(["#VALUE!", "amounts: row 2 is text 'abc'"]);
  });
});
