/**
 * The metadata analysts see (from the JSDoc of the area files, by the same generator the build uses) and its
 * Chinese translation: every function and parameter described, every one translated. The built files are
 * checked again in test/build after `npm run build`.
 */
import * as fs from "fs";
import * as path from "path";
import { registerFunctions, registry, AREA_FILES } from "./harness";
import { AREAS, areaLocaleFiles } from "../../src/functions/areas";
import { localeGaps, localizeFunctionsMetadata, readLocaleFiles, type LocaleFile } from "../../src/functions/locale/localize";

const ROOT = path.resolve(__dirname, "../..");
const zh: LocaleFile = readLocaleFiles(areaLocaleFiles(ROOT, "zh-CN"));
const CJK = /[\u4e00-\u9fff]/;

let metadata: any;
let associations: { id: string; sourceFileName: string }[];
beforeAll(async () => {
  ({ metadata, associations } = (await registerFunctions()) as any);
});

describe("area files", () => {
  test("src/functions/areas/ holds exactly the listed areas, each with its zh-CN file", () => {
    const files = fs.readdirSync(path.join(ROOT, "src/functions/areas")).sort();
    expect(files).toEqual(AREAS.flatMap((a) => [`${a}.ts`, `${a}.zh-CN.json`]).sort());
  });
  test("each area's translations are for its own functions", () => {
    for (const [i, file] of areaLocaleFiles(ROOT, "zh-CN").entries()) {
      const ids = metadata.functions.filter((f: any) => associations.some((a) => a.id === f.id && a.sourceFileName === AREA_FILES[i])).map((f: any) => f.id);
      expect([AREAS[i], Object.keys(JSON.parse(fs.readFileSync(file, "utf8"))).sort()]).toEqual([AREAS[i], ids.sort()]);
    }
  });
  test("a function translated in two area files is refused, naming both", () => {
    const a = path.join(ROOT, "src/functions/areas/clv.zh-CN.json");
    expect(() => readLocaleFiles([a, a])).toThrow("CLVSIMPLE is translated in both clv.zh-CN.json and clv.zh-CN.json");
  });
});

describe("functions metadata", () => {
  test("every exported function of an area file is a custom function and is registered under its id", () => {
    let exported = 0;
    for (const file of AREA_FILES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Record<string, unknown>;
      exported += Object.keys(mod).filter((k) => typeof mod[k] === "function").length;
    }
    const ids = new Set<string>(metadata.functions.map((f: any) => f.id));
    expect(exported).toBe(metadata.functions.length);
    for (const id of ids) expect(registry.has(id)).toBe(true);
    // this functions; later issues add more through the same layer
    expect([...ids]).toEqual(
      expect.arrayContaining(["ABC", "CLV", "CLVSIMPLE", "CR", "CREDITGRADE", "DSO", "ECL", "GINI", "HHI", "HHIBAND", "NEFF", "NRR", "PARETO", "RETENTION"])
    );
  });
  test("each description says what, gives an example, and describes every parameter", () => {
    for (const f of metadata.functions) {
      expect([f.id, /Example: /.test(f.description)]).toEqual([f.id, true]);
      for (const p of f.parameters) expect([f.id, p.name, (p.description ?? "").length > 10]).toEqual([f.id, p.name, true]);
    }
  });
});

describe("zh-CN metadata", () => {
  test("every function and every parameter has its Chinese description and name (no gaps, no stale entries)", () => {
    expect(localeGaps(metadata, zh)).toEqual([]);
  });
  test("the Chinese texts are Chinese", () => {
    for (const f of metadata.functions) {
      expect([f.id, CJK.test(zh[f.id].description)]).toEqual([f.id, true]);
      for (const p of f.parameters) {
        const entry = zh[f.id].parameters![p.name];
        expect([f.id, p.name, CJK.test(entry.description)]).toEqual([f.id, p.name, true]);
      }
    }
  });
  test("localizing keeps ids, types and optional flags, replaces descriptions and parameter names", () => {
    const localized = localizeFunctionsMetadata(metadata, zh, "zh-CN");
    const hhi = localized.functions.find((f) => f.id === "HHI")!;
    expect(hhi.name).toBe("HHI");
    expect(hhi.description).toBe(zh.HHI.description);
    expect(hhi.parameters.map((p) => p.name)).toEqual(["金额", "客户", "刻度"]);
    expect(hhi.parameters.map((p) => [p.dimensionality, p.optional])).toEqual([
      ["matrix", undefined],
      ["matrix", true],
      [undefined, true],
    ]);
  });
  test("a missing translation is reported by name (what the build fails with)", () => {
    const { HHI: _dropped, ...rest } = zh;
    const partial: LocaleFile = { ...rest, CR: { ...zh.CR, parameters: { amounts: zh.CR.parameters!.amounts, customers: zh.CR.parameters!.customers } } };
    expect(localeGaps(metadata, partial)).toEqual(["HHI: no description", "CR.n: no name", "CR.n: no description"]);
    expect(() => localizeFunctionsMetadata(metadata, { ...zh, NOPE: { description: "x" } }, "zh-CN")).toThrow("zh-CN metadata is incomplete: NOPE: no such function");
  });
});
