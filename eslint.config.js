// ESLint (flat config). The rule that matters: the engine stays pure, so one engine serves cells, pane and CLI.
const tseslint = require("typescript-eslint");
const reactHooks = require("eslint-plugin-react-hooks");

const hostModules = ["office-js", "office-addin-*", "@microsoft/*", "react", "react-dom", "react/*", "@fluentui/*", "exceljs", "papaparse", "fs", "fs/*", "path", "os", "child_process", "stream", "zlib", "node:*"];

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**", "*.js", "bin/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The pane's React: the rules of hooks and exhaustive effect dependencies (zero warnings in `npm run lint`).
  { files: ["src/taskpane/**/*.{ts,tsx}"], ...reactHooks.configs.flat.recommended },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: hostModules,
              message: "src/engine is pure TypeScript: no Office, React, Fluent UI, DOM or Node APIs. Hosts live in src/workbook, src/functions, src/taskpane, src/cli.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "CustomFunctions", "process", "require"],
    },
  }
);
