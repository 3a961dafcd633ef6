/** Jest: TypeScript through ts-jest (type checking is `npm run typecheck`, so tests transpile only). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    // office-addin-mock pulls an ESM-only chain through office-addin-manifest; the mock never needs it.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  // expect(fn).toThrowProblem(code, { path, row }) in every test file
  setupFilesAfterEnv: ["<rootDir>/test/helpers/problems.ts"],
  // bin/ka.js runs the compiled CLI: build it from the current sources once per run (esbuild, under a second)
  globalSetup: "<rootDir>/test/helpers/build-cli.js",
  testTimeout: 60000,
  // Jest's default in CI is one worker per core but one: on a 2-core runner that runs every file in line. The heavy
  // files wait on LibreOffice, Chromium or a child process (each in its own profile folder), so two side by side fit.
  maxWorkers: Math.max(2, require("os").availableParallelism() - 1),
};
