// The add-in's help pages, built with the add-in and served from its own origin (no network beyond it): the
// function reference (docs/functions.md), its Chinese summary (from functions.zh-CN.json, linking each function to
// the full English text), and the support page (docs/support.md). Each function's `helpUrl` in functions.json
// (and functions.zh-CN.json) points at its anchor, `ka-<id>`; the manifest's SupportUrl at support.html.
// Plain CommonJS: webpack.config.js and the tests use it.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded by webpack.config.js */
const { Marked } = require("marked");

/** The Content-Security-Policy of every page the add-in serves (README, "Your data never leaves the workbook"). */
const CSP =
  "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'";

/** The anchor of a function on the reference pages: KA.HHI → `ka-hhi`. @param {string} id */
function functionAnchor(id) {
  return `ka-${id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A slug for other headings: lower case, runs of other characters as one hyphen. @param {string} text */
function slug(text) {
  return text.toLowerCase().replace(/<[^>]*>/g, "").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
}

/** A complete page: the CSP first, no script, readable on a narrow pane. @param {{ title: string, lang: string, body: string }} p */
function page(p) {
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<style>
body { font-family: "Segoe UI", system-ui, -apple-system, "Microsoft YaHei", sans-serif; line-height: 1.5; margin: 0 auto; max-width: 960px; padding: 16px 24px; color: #242424; }
h1, h2, h3 { line-height: 1.25; } h3 { margin-top: 2em; border-top: 1px solid #e0e0e0; padding-top: 1em; }
code { font-family: Consolas, "Courier New", monospace; background: #f5f5f5; padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d1d1d1; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
:target { background: #fff4ce; }
</style>
</head>
<body>
${p.body}
</body>
</html>
`;
}

/**
 * A markdown document as a page. Headings get ids: `### KA.HHI(amounts, …)` the function's anchor, others a slug.
 * @param {string} markdown @param {{ title: string, lang?: string }} opts
 */
function markdownPage(markdown, opts) {
  const marked = new Marked({
    renderer: {
      heading(token) {
        const inner = this.parser.parseInline(token.tokens);
        const fn = /^KA\.([A-Z0-9_.]+)\(/.exec(token.text);
        const id = fn ? functionAnchor(fn[1]) : slug(token.text);
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
    },
  });
  return page({ title: opts.title, lang: opts.lang ?? "en", body: marked.parse(markdown) });
}

/**
 * The Chinese function summary: each function's Chinese description and arguments (from the localized metadata),
 * under its anchor, with a link to its full entry in the English reference.
 * @param {{ functions: Array<{ id: string, description: string, parameters?: Array<{ name: string, description: string, optional?: boolean }> }> }} metadata
 * @param {string} reference the English reference page, e.g. "functions.html"
 */
function functionsSummaryZh(metadata, reference) {
  const parts = [
    "<h1>KA 函数参考（中文摘要）</h1>",
    `<p>每个函数的说明和参数。示例、单位和全部错误说明见<a href="${reference}">英文完整参考</a>。</p>`,
  ];
  for (const fn of metadata.functions) {
    const anchor = functionAnchor(fn.id);
    const args = (fn.parameters ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    parts.push(`<h3 id="${anchor}">KA.${escapeHtml(fn.id)}(${escapeHtml(args)})</h3>`);
    parts.push(`<p>${escapeHtml(fn.description)}</p>`);
    if ((fn.parameters ?? []).length > 0) {
      parts.push("<table><thead><tr><th>参数</th><th>说明</th></tr></thead><tbody>");
      for (const p of fn.parameters) parts.push(`<tr><td><code>${escapeHtml(p.name)}</code>${p.optional ? "（可选）" : ""}</td><td>${escapeHtml(p.description)}</td></tr>`);
      parts.push("</tbody></table>");
    }
    parts.push(`<p><a href="${reference}#${anchor}">英文完整说明</a></p>`);
  }
  return page({ title: "KA 函数参考", lang: "zh-CN", body: parts.join("\n") });
}

/**
 * The metadata with a `helpUrl` on every function: `<page>#ka-<id>` under `base`.
 * @param {{ functions: Array<{ id: string }> }} metadata @param {string} base e.g. "https://localhost:3000/" @param {string} pageName
 */
function withHelpUrls(metadata, base, pageName) {
  return { ...metadata, functions: metadata.functions.map((fn) => ({ ...fn, helpUrl: `${base}${pageName}#${functionAnchor(fn.id)}` })) };
}

module.exports = { CSP, functionAnchor, markdownPage, functionsSummaryZh, withHelpUrls };
