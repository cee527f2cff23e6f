// Where the project's tools keep their caches (run-ts's bundles, the tests' bundle of
// third-party packages, ESLint's, Prettier's and tsc's), and how the first two write them. node_modules/.cache, or the folder
// PLATFORM_STACKS_CACHE_DIR names (`npm run bench -- --suite` points it at an empty
// folder to time the test suite as a new machine runs it, leaving these caches as they are).
"use strict";
const fs = require("fs");
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

/** Written whole, then renamed: a run starting beside this one never reads half a file. */
function writeWhole(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** A file's text, or "" when it cannot be read (a cache key's ingredient that is not there). */
function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

module.exports = { cacheDir, writeWhole, readOrEmpty };
