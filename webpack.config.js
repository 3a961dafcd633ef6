/* eslint-disable no-undef */
// Build of the add-in, in the shape of Microsoft's Office add-in templates (Excel-Custom-Functions shared runtime,
// TaskPane-React). Three bundles: the task pane (React + Fluent UI), the custom functions, the ribbon commands.
// Shared runtime: taskpane.html loads all three, so functions and pane share one JavaScript runtime (the manifest's
// <Runtime resid="Taskpane.Url" lifetime="long">). office.js comes from Microsoft's CDN in the HTML, never bundled.
// `npm run build` works offline and needs no certificates; only `npm run dev-server` asks office-addin-dev-certs.

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { localizeFunctionsMetadata, readLocaleFiles } = require("./src/functions/locale/localize");
const { areaFiles, areaLocaleFiles } = require("./src/functions/areas");

const urlDev = "https://localhost:3000/";
// A deployment location (e.g. https://addins.example.com/ka/) replaces the dev URL in the copied manifest.
const urlProd = process.env.KA_ADDIN_URL;

/** Emits functions.<locale>.json: the generated functions.json with the locale's descriptions and parameter names. */
class LocalizedFunctionsMetadataPlugin {
  constructor(options) {
    this.options = options; // { source: "functions.json", locales: { "zh-CN": [the areas' .zh-CN.json files] } }
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
          const metadata = JSON.parse(asset.source.source().toString());
          for (const [locale, files] of Object.entries(this.options.locales)) {
            try {
              const localized = localizeFunctionsMetadata(metadata, readLocaleFiles(files), locale);
              const name = this.options.source.replace(/\.json$/, `.${locale}.json`);
              compilation.emitAsset(name, new sources.RawSource(JSON.stringify(localized, null, 2)));
            } catch (e) {
              compilation.errors.push(new compiler.webpack.WebpackError(`functions metadata (${locale}): ${e.message}`));
            }
          }
        }
      );
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
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
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
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "commands", "functions"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
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
