// The code cache of the compiled CLI (lib/cli/main.js.cache), shared by bin/ka.js, which reads it, and
// scripts/build-cli.js, which makes it: the file is this digest, then V8's cached data.
"use strict";
const crypto = require("crypto");

/** Bytes of the digest that heads the cache. */
const DIGEST_BYTES = 32;

/**
 * What heads a cache made from `source` by this Node: a SHA-256 of Node's version and the source. V8 itself checks
 * only the source's length, and a cache from another V8 would only be refused after being read.
 */
function cacheDigest(source) {
  return crypto.createHash("sha256").update(process.version).update("\0").update(source).digest();
}

module.exports = { DIGEST_BYTES, cacheDigest };
