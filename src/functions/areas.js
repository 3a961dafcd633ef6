// The custom-function areas, in the order functions.json (and so Excel's list and the reference) shows them. Each
// area is src/functions/areas/<name>.ts (the functions, documented by their JSDoc) with <name>.<locale>.json beside
// it (their translations). webpack.config.js builds from this list and the tests register from it; a test fails when
// a file in areas/ is missing here. Plain CommonJS so that webpack.config.js can use it without a TypeScript step.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded by webpack.config.js */
const path = require("path");

const AREAS = ["concentration", "clv", "models", "retention", "credit", "behaviour", "stability", "dependence", "forecast"];

/** Absolute paths of the area files, in order. @param {string} root the repository */
function areaFiles(root) {
  return AREAS.map((name) => path.join(root, "src/functions/areas", `${name}.ts`));
}

/** Absolute paths of the areas' files for `locale` (e.g. "zh-CN"), in order. @param {string} root @param {string} locale */
function areaLocaleFiles(root, locale) {
  return AREAS.map((name) => path.join(root, "src/functions/areas", `${name}.${locale}.json`));
}

module.exports = { AREAS, areaFiles, areaLocaleFiles };
