/**
 * The emitted HTML pages enforce "no data leaves the workbook": each carries exactly the project's
 * Content-Security-Policy, loads office.js from Microsoft's CDN and nothing else from the network, and has no
 * inline script (the CSP would block it). taskpane.html is the shared runtime: it loads the webpack runtime, the
 * chunk the pane and the custom functions share, then both. The help pages (function reference, its Chinese
 * summary, support) have no script at all.
 */
import * as fs from "fs";
import { DIST, distFile } from "./dist";

const CSP =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Attribute value of a tag (quoted or not, as html-minifier leaves it). */
function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

const EXPECTED = ["functions.html", "functions.zh-CN.html", "support.html", "taskpane.html"];
/** Every page the build emitted (each must obey the policy); the expected ones when dist/ is missing. */
const PAGES = fs.existsSync(DIST) ? fs.readdirSync(DIST).filter((f) => f.endsWith(".html")) : EXPECTED;

describe("emitted HTML", () => {
  test("the build emits the task pane and the help pages, and nothing else", () => {
    distFile("taskpane.html"); // a clear message when the build has not run
    expect([...PAGES].sort()).toEqual(EXPECTED);
  });

  test.each(PAGES)("%s has exactly the project's CSP, once, in a meta tag", (page) => {
    const html: string = distFile(page);
    const metas = (html.match(/<meta\b[^>]*>/gi) ?? []).filter((t) => /content-security-policy/i.test(attr(t, "http-equiv") ?? ""));
    expect(metas.length).toBe(1);
    expect(attr(metas[0], "content")).toBe(CSP);
    // the policy must come before any script so that it governs them all
    if (/<script\b/i.test(html)) expect(html.search(/<meta\b[^>]*content-security-policy/i)).toBeLessThan(html.search(/<script\b/i));
  });

  test.each(PAGES)("%s loads office.js from Microsoft's CDN and no other http(s) URL", (page) => {
    const html: string = distFile(page);
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    const outside = urls.filter((u) => u !== OFFICE_JS && !CSP.includes(u));
    expect(outside).toEqual([]);
    const scripts = (html.match(/<script\b[^>]*>/gi) ?? []).map((t) => attr(t, "src"));
    if (page !== "taskpane.html") expect(scripts).toEqual([]); // help pages: text only
    else expect(scripts[0]).toBe(OFFICE_JS);
    for (const src of scripts.slice(1)) expect(src).toMatch(/^[\w.-]+\.js$/); // same-origin bundles
  });

  test.each(PAGES)("%s has no inline script (the CSP blocks it) and every bundle it loads exists", (page) => {
    const html: string = distFile(page);
    const bodies = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1].trim());
    expect(bodies.filter((b) => b.length > 0)).toEqual([]);
    for (const t of html.match(/<script\b[^>]*>/gi) ?? []) {
      const src = attr(t, "src")!;
      if (!src.startsWith("https:")) expect([src, fs.existsSync(`${DIST}/${src}`)]).toEqual([src, true]);
    }
  });

  test("taskpane.html is the shared runtime: one webpack runtime, the shared chunk, then the pane and the custom functions", () => {
    const html: string = distFile("taskpane.html");
    const scripts = (html.match(/<script\b[^>]*>/gi) ?? []).map((t) => attr(t, "src"));
    expect(scripts).toEqual([OFFICE_JS, "runtime.js", "shared.js", "taskpane.js", "functions.js"]);
  });
});
