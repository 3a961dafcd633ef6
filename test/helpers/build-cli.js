// Jest global setup: tests that run `ka` as a shell would (bin/ka.js) get the CLI built from the current sources.
/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads global setup as plain CommonJS */
const { buildCli } = require("../../scripts/build-cli");
module.exports = async () => buildCli();
