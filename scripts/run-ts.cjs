#!/usr/bin/env node
// Runs a TypeScript entry point fast: esbuild bundles the project's own code
// (dependencies stay external, loaded by Node as usual) into one CommonJS file
// and Node runs it. No type checking here; `npm test` runs tsc.
// Why not ts-node or tsx: their per-module hooks and source-mapped stack traces
// (cdktf captures one for every token) cost more than the synth itself.
"use strict";
const path = require("path");
const esbuild = require("esbuild");

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.cjs <entry.ts> [args...]");
  process.exit(2);
}
const filename = path.resolve(entry);
const debug = Boolean(process.env.DEBUG);
let code;
try {
  code = esbuild.buildSync({
    entryPoints: [filename],
    write: false,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    // Source maps only when debugging: they make every cdktf token slower.
    sourcemap: debug ? "inline" : false,
    logLevel: "error",
  }).outputFiles[0].text;
} catch {
  process.exit(1); // esbuild has printed the error
}
if (debug) process.setSourceMapsEnabled(true);
// Compiled from memory as if it were the entry file, so nothing is written and
// dependencies resolve from the entry's folder.
process.argv = [process.argv[0], filename, ...args];
const Module = require("module");
const main = new Module(filename, null);
main.filename = filename;
main.paths = Module._nodeModulePaths(path.dirname(filename));
require.main = main;
main._compile(code, filename);
