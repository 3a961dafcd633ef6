// Localized custom-function metadata. Excel shows a function's `description` and each parameter's `name` and
// `description` from the metadata file the manifest names for the user's locale (<bt:Override Locale="zh-CN">).
// The metadata generator only writes English (from the JSDoc), so the build applies a locale file to the
// generated functions.json. Plain CommonJS: webpack.config.js (Node, no TypeScript) and the tests both use it.
//
// A locale's texts are one file per area (src/functions/areas/<area>.<locale>.json, beside the area's functions),
// merged by `readLocaleFiles`. File shape:
//   { "<function id>": { "description": "...", "name"?: "...",
//                        "parameters": { "<english parameter name>": { "name": "...", "description": "..." } } } }
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded by webpack.config.js */
const fs = require("fs");
const path = require("path");

/**
 * The entries of several locale files as one object; a function translated in two files is an error (naming both).
 * @param {string[]} files
 * @returns {Record<string, any>}
 */
function readLocaleFiles(files) {
  const merged = {};
  const from = {};
  for (const file of files) {
    const entries = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const [id, entry] of Object.entries(entries)) {
      if (id in merged) throw new Error(`${id} is translated in both ${path.basename(from[id])} and ${path.basename(file)}`);
      merged[id] = entry;
      from[id] = file;
    }
  }
  return merged;
}

/**
 * Every function and parameter of `metadata` that `overrides` does not translate, and every entry of `overrides`
 * that names no function or parameter (a rename left behind). Empty when the locale file is complete.
 * @param {{ functions: Array<{ id: string, parameters?: Array<{ name: string }> }> }} metadata
 * @param {Record<string, any>} overrides
 * @returns {string[]}
 */
function localeGaps(metadata, overrides) {
  const gaps = [];
  const ids = new Set();
  for (const fn of metadata.functions) {
    ids.add(fn.id);
    const entry = overrides[fn.id];
    if (!entry || typeof entry.description !== "string" || entry.description.trim() === "") {
      gaps.push(`${fn.id}: no description`);
      continue;
    }
    const params = entry.parameters || {};
    const names = new Set();
    for (const p of fn.parameters || []) {
      names.add(p.name);
      const pe = params[p.name];
      if (!pe || typeof pe.name !== "string" || pe.name.trim() === "") gaps.push(`${fn.id}.${p.name}: no name`);
      if (!pe || typeof pe.description !== "string" || pe.description.trim() === "") gaps.push(`${fn.id}.${p.name}: no description`);
    }
    for (const extra of Object.keys(params)) if (!names.has(extra)) gaps.push(`${fn.id}.${extra}: no such parameter`);
  }
  for (const extra of Object.keys(overrides)) if (!ids.has(extra)) gaps.push(`${extra}: no such function`);
  return gaps;
}

/**
 * The metadata with the locale's texts applied; ids, types and options are kept. Throws listing every gap, so a
 * function added without its translation fails the build instead of showing English help in a Chinese Excel.
 * @param {any} metadata generated functions.json, parsed
 * @param {Record<string, any>} overrides the locale file, parsed
 * @param {string} locale e.g. "zh-CN", for the message
 */
function localizeFunctionsMetadata(metadata, overrides, locale) {
  const gaps = localeGaps(metadata, overrides);
  if (gaps.length > 0) throw new Error(`${locale} metadata is incomplete: ${gaps.join("; ")}`);
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const entry = overrides[fn.id];
      return {
        ...fn,
        name: entry.name || fn.name,
        description: entry.description,
        parameters: (fn.parameters || []).map((p) => ({
          ...p,
          name: entry.parameters[p.name].name,
          description: entry.parameters[p.name].description,
        })),
      };
    }),
  };
}

module.exports = { localeGaps, localizeFunctionsMetadata, readLocaleFiles };
