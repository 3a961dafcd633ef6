/**
 * Helpers for tests that check what `npm run build` emitted (npm test runs the build first, as `pretest`).
 * Run alone: `npm run build && npx jest test/build`.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");

/** Reads a file the build emitted; a clear failure when the build has not run. */
export function distFile(name: string, encoding: BufferEncoding | null = "utf8"): any {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) throw new Error(`dist/${name} is missing: run \`npm run build\` before these tests (npm test does it as pretest)`);
  return encoding ? fs.readFileSync(file, encoding) : fs.readFileSync(file);
}

export function distExists(name: string): boolean {
  return fs.existsSync(path.join(DIST, name));
}

/** An XML element, flattened: its qualified name, attributes, text, and the names of its ancestors. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  ancestors: string[];
  children: XmlElement[];
}

/** Parses XML into a tree of elements in document order (fast-xml-parser, order preserved). */
export function parseXml(xml: string): XmlElement {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true, trimValues: true });
  const nodes = parser.parse(xml) as any[];
  const build = (node: any, ancestors: string[]): XmlElement | undefined => {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (!name || name === "#text" || name.startsWith("?")) return undefined;
    const el: XmlElement = { name, attrs: { ...(node[":@"] ?? {}) }, text: "", ancestors, children: [] };
    for (const child of node[name] as any[]) {
      if ("#text" in child) el.text += String(child["#text"]);
      else {
        const c = build(child, [...ancestors, name]);
        if (c) el.children.push(c);
      }
    }
    return el;
  };
  const roots = nodes.map((n) => build(n, [])).filter((x): x is XmlElement => !!x);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
