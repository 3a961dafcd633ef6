/**
 * The engine stays pure (DESIGN: one engine, three faces): no file under src/engine imports a host or Node module
 * or touches a host global. ESLint says the same while editing; this test makes `npm test` say it too, reading
 * each file with the TypeScript parser (so comments and strings never trigger it).
 */
import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";
import * as ts from "typescript";
import { ROOT } from "./dist";

const ENGINE = path.join(ROOT, "src/engine");
const BANNED_PACKAGES = ["office-js", "office-addin-", "@microsoft/", "react", "react-dom", "@fluentui/", "exceljs", "papaparse"];
const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const BANNED_GLOBALS = new Set(["window", "document", "self", "navigator", "Office", "Excel", "CustomFunctions", "OfficeRuntime", "process", "require", "Buffer", "__dirname", "__filename"]);

function bannedImport(spec: string): boolean {
  if (spec.startsWith("node:") || NODE_MODULES.has(spec) || NODE_MODULES.has(spec.split("/")[0])) return true;
  return BANNED_PACKAGES.some((p) => (p.endsWith("/") || p.endsWith("-") ? spec.startsWith(p) : spec === p || spec.startsWith(`${p}/`)));
}

/** Names a file declares itself (a local `process` variable is not the global). */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    const name = (n as { name?: ts.Node }).name;
    if (name && ts.isIdentifier(name) && (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isImportSpecifier(n) || ts.isBindingElement(n))) {
      names.add(name.text);
    }
    if (ts.isImportClause(n) && n.name) names.add(n.name.text);
    if (ts.isNamespaceImport(n)) names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/** Every violation in one file's text: `file:line what`. */
export function engineViolations(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const local = declaredNames(sf);
  const out: string[] = [];
  const at = (n: ts.Node) => `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const visit = (n: ts.Node) => {
    let spec: string | undefined;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) spec = n.moduleSpecifier.text;
    if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0]) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === "require"))) {
      spec = n.arguments[0].text;
    }
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      spec = n.moduleReference.expression.text;
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) spec = n.argument.literal.text;
    if (spec !== undefined && bannedImport(spec)) out.push(`${at(n)} imports ${spec}`);

    if (ts.isIdentifier(n) && BANNED_GLOBALS.has(n.text) && !local.has(n.text)) {
      const p = n.parent;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isQualifiedName(p) && p.right === n);
      const isKey = (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isEnumMember(p)) && p.name === n;
      if (!isMemberName && !isKey) out.push(`${at(n)} uses the global ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function engineFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return engineFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("engine boundary", () => {
  test("the detector catches what it must and ignores comments, strings and member names", () => {
    const bad = [
      'import * as fs from "fs";',
      'import { readFile } from "node:fs/promises";',
      'import path = require("path");',
      'export { x } from "react";',
      'import { Button } from "@fluentui/react-components";',
      'import type { Workbook } from "exceljs";',
      'const p = require("papaparse");',
      "const w = window.innerWidth;",
      "document.title = 'x';",
      "Office.onReady();",
      "const r: Excel.Range = null as any;",
      "const env = process.env.X;",
      "let t: typeof import('os');",
    ];
    for (const line of bad) expect([line, engineViolations("/x/src/engine/a.ts", line).length > 0]).toEqual([line, true]);
    const fine = [
      '// import * as fs from "fs"; window document Office',
      'const s = "window.document Office.js process";',
      "const o = { window: 1, process: 2 }; o.window = o.process;",
      "interface P { document: string }",
      "function f(process: number) { return process + 1; }",
      'import { hhi } from "../metrics/concentration";',
      'import { sortBy } from "./pathfinder";',
    ];
    for (const line of fine) expect([line, engineViolations("/x/src/engine/a.ts", line)]).toEqual([line, []]);
  });

  test("no file in src/engine imports Office, React, Fluent UI, exceljs, papaparse or Node, or uses a host global", () => {
    const files = engineFiles(ENGINE);
    expect(files.length).toBeGreaterThan(20);
    const violations = files.flatMap((f) => engineViolations(f, fs.readFileSync(f, "utf8")));
    expect(violations).toEqual([]);
  });
});
