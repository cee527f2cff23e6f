// Where the project's tools keep their caches: run-ts's bundles, the tests' bundle of
// third-party packages, ESLint's, Prettier's and tsc's. node_modules/.cache, or the folder
// PLATFORM_STACKS_CACHE_DIR names (`npm run bench -- --suite` points it at an empty
// folder to time the test suite as a new machine runs it, leaving these caches as they are).
"use strict";
const path = require("path");

const root = path.resolve(__dirname, "..");

/** The cache folder of one tool. */
function cacheDir(tool) {
  // A relative folder is the project's, whichever folder a process runs in.
  const base = process.env.PLATFORM_STACKS_CACHE_DIR
    ? path.resolve(root, process.env.PLATFORM_STACKS_CACHE_DIR)
    : path.join(root, "node_modules", ".cache");
  return path.join(base, tool);
}

module.exports = { cacheDir };
