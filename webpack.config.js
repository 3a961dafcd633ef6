/* eslint-disable no-undef */
// Build of the add-in, in the shape of Microsoft's Office add-in templates (Excel-Custom-Functions shared runtime,
// TaskPane-React). Two entry points, the task pane (React + Fluent UI) and the custom functions, in one shared
// runtime: taskpane.html loads both (the manifest's <Runtime resid="Taskpane.Url" lifetime="long">), so the code
// they share — the engine — is split into its own chunk and loaded once, with one webpack runtime for the page.
// office.js comes from Microsoft's CDN in the HTML, never bundled. Also built: the help pages the manifest's
// SupportUrl and each function's helpUrl point at (src/help/help-pages.js).
// `npm run build` works offline and needs no certificates; only `npm run dev-server` asks office-addin-dev-certs.

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { localizeFunctionsMetadata, readLocaleFiles } = require("./src/functions/locale/localize");
const { areaFiles, areaLocaleFiles } = require("./src/functions/areas");
const { functionsSummaryZh, markdownPage, withHelpUrls } = require("./src/help/help-pages");

const urlDev = "https://localhost:3000/";
// A deployment location (e.g. https://addins.example.com/ka/) replaces the dev URL in the copied manifest.
const urlProd = process.env.KA_ADDIN_URL;
/** Where the add-in is served: the help links point there. */
const baseUrl = urlProd ? (urlProd.endsWith("/") ? urlProd : urlProd + "/") : urlDev;

/**
 * Gives every function of the generated functions.json its `helpUrl` (its anchor on the English reference page), and
 * emits functions.<locale>.json: the locale's descriptions and parameter names, `helpUrl` on the locale's page —
 * and that page (functions.<locale>.html), made from the localized metadata.
 */
class LocalizedFunctionsMetadataPlugin {
  constructor(options) {
    // { source: "functions.json", locales: { "zh-CN": [the areas' .zh-CN.json files] }, helpPage: "functions.html" }
    this.options = options;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsMetadataPlugin", (compilation) => {
      for (const files of Object.values(this.options.locales)) for (const file of files) compilation.fileDependencies.add(path.resolve(file));
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(this.options.source);
          if (!asset) return; // the metadata plugin reported its own error
          const { helpPage, source } = this.options;
          const metadata = withHelpUrls(JSON.parse(asset.source.source().toString()), baseUrl, helpPage);
          compilation.updateAsset(source, new sources.RawSource(JSON.stringify(metadata, null, 2)));
          for (const [locale, files] of Object.entries(this.options.locales)) {
            try {
              const localePage = helpPage.replace(/\.html$/, `.${locale}.html`);
              const localized = withHelpUrls(localizeFunctionsMetadata(metadata, readLocaleFiles(files), locale), baseUrl, localePage);
              compilation.emitAsset(source.replace(/\.json$/, `.${locale}.json`), new sources.RawSource(JSON.stringify(localized, null, 2)));
              compilation.emitAsset(localePage, new sources.RawSource(functionsSummaryZh(localized, helpPage)));
            } catch (e) {
              compilation.errors.push(new compiler.webpack.WebpackError(`functions metadata (${locale}): ${e.message}`));
            }
          }
        }
      );
    });
  }
}

/** Emits a help page made from a markdown document (docs/functions.md → functions.html, docs/support.md → support.html). */
class MarkdownPagePlugin {
  constructor(options) {
    this.options = options; // { source: "docs/functions.md", filename: "functions.html", title: "…" }
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("MarkdownPagePlugin", (compilation) => {
      const file = path.resolve(this.options.source);
      compilation.fileDependencies.add(file);
      compilation.hooks.processAssets.tap({ name: "MarkdownPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const markdown = require("fs").readFileSync(file, "utf8");
        compilation.emitAsset(this.options.filename, new sources.RawSource(markdownPage(markdown, { title: this.options.title })));
      });
    });
  }
}

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs"); // only the dev server needs certificates
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env) => {
  const config = {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // the no-op CustomFunctions stand-in first (see the file), then every area of functions (src/functions/areas.js)
      functions: ["./src/functions/outside-office.ts", ...areaFiles(__dirname)],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    optimization: {
      // One webpack runtime for the page, so both entry points share one module registry (one engine instance).
      runtimeChunk: "single",
      splitChunks: {
        cacheGroups: {
          // What the functions and the pane both use: the engine and its @stdlib special functions, loaded once.
          shared: { name: "shared", chunks: "all", minChunks: 2, minSize: 0, priority: 10, enforce: true },
        },
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; the bundle only transpiles (much faster on small machines).
            options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: true } },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    plugins: [
      // functions.json from the JSDoc of the area files; its loader appends CustomFunctions.associate(id, fn) calls
      // to each of them.
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: areaFiles(__dirname),
      }),
      new LocalizedFunctionsMetadataPlugin({
        source: "functions.json",
        locales: { "zh-CN": areaLocaleFiles(__dirname, "zh-CN") },
        helpPage: "functions.html",
      }),
      new MarkdownPagePlugin({ source: "docs/functions.md", filename: "functions.html", title: "KA function reference" }),
      new MarkdownPagePlugin({ source: "docs/support.md", filename: "support.html", title: "KA Risk — help and support" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // the runtime and the shared chunk come first (html-webpack-plugin adds an entry's split chunks itself)
        chunks: ["taskpane", "functions"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The standalone demo (taskpane.html opened outside Office) fetches the bundled sample ledger from here.
          { from: "assets/sample-ledger.csv", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return urlProd ? content.toString().split(urlDev).join(urlProd.endsWith("/") ? urlProd : urlProd + "/") : content;
            },
          },
        ],
      }),
    ],
    performance: { hints: false }, // the pane bundles React + Fluent UI; size is reported by webpack anyway
  };
  if (env && env.WEBPACK_SERVE) {
    config.devServer = {
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await getHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    };
  }
  return config;
};
