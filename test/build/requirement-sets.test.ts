/**
 * The manifest declares the ExcelApi requirement set the code needs: every Office.js member the add-in's code
 * uses is annotated in @types/office-js with the set that brought it (`[Api set: ExcelApi 1.9]`), and none may be
 * newer than manifest.xml's `<Set Name="ExcelApi">` — unless the use sits under an `if (supportsExcelApi("1.10"))`
 * (src/workbook/office/requirements.ts) that checks the newer set first. The TypeScript checker resolves each member
 * to its declaration, so `range.group(...)` is told from any other `group`.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT, allElements, parseXml } from "./dist";
import { EXCEL_API } from "../../src/workbook/office/requirements";

const manifestSets = allElements(parseXml(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"))).filter((e) => e.name === "Set");
const declared = manifestSets.find((s) => s.attrs.Name === "ExcelApi")?.attrs.MinVersion;

/** "1.10" > "1.9": compared as numbers part by part. */
function newer(a: string, b: string): boolean {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

/** The files that call the Excel API: the Office adapter (the pane itself uses only Office's common API). */
function officeFiles(): string[] {
  const dir = path.join(ROOT, "src/workbook/office");
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));
}

interface Use {
  where: string;
  member: string;
  set: string;
}

/** Every use of an Excel API member in the adapter, with the set that brought it and the set its guard checks. */
function excelApiUses(): (Use & { guard?: string })[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(officeFiles(), { ...parsed!.options, types: ["office-js"], noEmit: true });
  const checker = program.getTypeChecker();
  const found: (Use & { guard?: string })[] = [];
  const guardOf = (node: ts.Node): string | undefined => {
    // the nearest `if (supportsExcelApi("x")) { … }` (or `supportsExcelApi("x") ? … :`) whose true branch holds the node
    for (let n: ts.Node = node; n.parent; n = n.parent) {
      const p = n.parent;
      const condition = ts.isIfStatement(p) && p.thenStatement === n ? p.expression : ts.isConditionalExpression(p) && p.whenTrue === n ? p.condition : undefined;
      const m = condition && /supportsExcelApi\("([\d.]+)"\)/.exec(condition.getText());
      if (m) return m[1];
    }
    return undefined;
  };
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(path.join(ROOT, "src"))) continue;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0];
        if (decl && decl.getSourceFile().fileName.includes("@types/office-js")) {
          // the set is in the declaration's `@remarks [Api set: ExcelApi 1.9]`
          const doc = symbol!.getJsDocTags(checker).map((t) => ts.displayPartsToString(t.text)).join("\n");
          const set = /\[Api set: ExcelApi ([\d.]+)/.exec(doc)?.[1];
          if (set) {
            const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
            found.push({ where: `${path.relative(ROOT, sf.fileName)}:${line + 1}`, member: node.name.text, set, guard: guardOf(node) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** The uses newer than `limit` that no supportsExcelApi(≥ their set) guards. */
function newerThan(uses: (Use & { guard?: string })[], limit: string): Use[] {
  return uses.filter((u) => newer(u.set, limit) && !(u.guard && !newer(u.set, u.guard))).map(({ where, member, set }) => ({ where, member, set }));
}

let uses: (Use & { guard?: string })[] = [];
beforeAll(() => {
  uses = excelApiUses(); // one type-checked program (a few seconds): the Office adapter against @types/office-js
});

describe("ExcelApi requirement set", () => {
  test("manifest.xml declares ExcelApi, the version requirements.ts says (EXCEL_API)", () => {
    expect(declared).toBe(EXCEL_API);
  });

  test("no Excel API member the code uses is newer than the declared set, unless it checks supportsExcelApi first", () => {
    expect(uses.length).toBeGreaterThan(50); // the check really sees the adapter's calls
    expect(newerThan(uses, declared ?? "1.1")).toEqual([]);
  });

  test("the check would catch it: against ExcelApi 1.8 the 1.9 members are listed", () => {
    const found = newerThan(uses, "1.8");
    expect(found.map((u) => u.member)).toEqual(expect.arrayContaining(["suspendScreenUpdatingUntilNextSync", "getTables"]));
    expect(found.every((u) => u.set === "1.9")).toBe(true);
  });
});
