/**
 * Layers only point down, enforced (`npm run lint`, test/build/layers.test.ts):
 *   ledger → customers → metrics, models → analysis → report → faces (functions, taskpane, cli, workbook)
 * No import cycle anywhere in src, type-only imports included: a cycle through types still ties two modules
 * together, so neither can be read, tested or moved alone. README "Architecture" explains the layers.
 */
const engine = "^src/engine/";
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "An import cycle: move the shared part into a lower module (README, Architecture).",
      from: {},
      to: { circular: true },
    },
    {
      name: "engine-below-faces",
      severity: "error",
      comment: "The engine knows nothing of its faces or adapters.",
      from: { path: engine },
      to: { path: "^src/(?!engine/)" },
    },
    {
      name: "report-on-top-of-engine",
      severity: "error",
      comment: "Only the report reads src/engine/report; the analysis and below do not know the report exists.",
      from: { path: `${engine}(?!report/)` },
      to: { path: `${engine}report/` },
    },
    {
      name: "analysis-above-metrics",
      severity: "error",
      comment: "Metrics, models, per-customer aggregates and the ledger sit below the analysis.",
      from: { path: `${engine}(ledger|customers|metrics|models|day|problems|version)` },
      to: { path: `${engine}analysis/` },
    },
    {
      name: "customers-above-ledger",
      severity: "error",
      comment: "The ledger is the bottom layer: it reads cells, it does not aggregate or measure.",
      from: { path: `${engine}ledger/` },
      to: { path: `${engine}(customers|metrics|models)/` },
    },
    {
      name: "declared-packages-only",
      severity: "error",
      comment: "A package src imports is declared in package.json (not reached through another package's dependencies).",
      from: { path: "^(src|test/report/fixtures/undeclared)/" },
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^dist" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
