#!/usr/bin/env node
// Runs a TypeScript entry point fast: esbuild bundles it with its dependencies
// (cdktf, the provider classes it imports, zod, yaml) into one CommonJS file and
// Node runs it: one file to load instead of ~550 saves a sixth of synth time.
// No type checking here; `npm test` runs tsc.
// Why not ts-node or tsx: their per-module hooks and source-mapped stack traces
// (cdktf captures one for every token) cost more than the synth itself.
// The bundle is cached in node_modules/.cache/run-ts (see cache-dir.cjs) and rebuilt when any of
// its source files changes (size or modification time, dependencies included),
// which saves the time esbuild takes to bundle. The cache key holds what else
// shapes the bundle: the entry, tsconfig.json, the build options and esbuild's
// version. A file changed while esbuild was reading it (modified after the build
// began) is never recorded as seen: that bundle is used once, not cached.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.cjs <entry.ts> [args...]");
  process.exit(2);
}
const root = path.resolve(__dirname, "..");
const filename = path.resolve(entry);
const debug = Boolean(process.env.DEBUG);
const { cacheDir: cacheDirOf, readOrEmpty, writeWhole } = require("./cache-dir.cjs");
const cacheDir = cacheDirOf("run-ts");
/** What shapes the bundle besides its sources: build options, tsconfig.json, esbuild's version. */
function buildOptions() {
  return {
    entryPoints: [filename],
    absWorkingDir: root,
    write: false,
    bundle: true,
    // Test-only packages and esbuild itself load as usual when a script needs them.
    // typescript: only `npm run docs` uses it (to read the schema's doc comments), and it is 9 MB to bundle.
    // The AWS SDK: only `npm run preflight` loads it, when it runs.
    external: ["@cloud-copilot/*", "@aws-sdk/*", "esbuild", "typescript"],
    platform: "node",
    format: "cjs",
    target: "node20",
    metafile: true,
    // esbuild's default, stated: a bundle of ASCII only is read back as latin1, a third of the time of utf8.
    charset: "ascii",
    // Source maps only when debugging: they make every cdktf token slower.
    sourcemap: debug ? "inline" : false,
    logLevel: "error",
  };
}
const esbuildVersion = JSON.parse(readOrEmpty(path.join(root, "node_modules", "esbuild", "package.json")) || "{}").version ?? "unknown";
const cacheKey = crypto
  .createHash("sha256")
  .update(JSON.stringify([buildOptions(), readOrEmpty(path.join(root, "tsconfig.json")), esbuildVersion]))
  .digest("hex")
  .slice(0, 16);
// A build is two files: `<key>.<hash>.js` (the bundle) and `<key>.meta.json`, written
// last, naming the entry, the inputs with their stamps and the bundle's hash, so a
// reader never pairs a bundle with another build's metadata.
const metaFile = path.join(cacheDir, `${cacheKey}.meta.json`);
const bundleFile = (codeHash) => path.join(cacheDir, `${cacheKey}.${codeHash}.js`);

/** Size and modification time of each input, to tell whether a cached bundle is stale. */
function fingerprint(inputs) {
  return inputs.map((input) => {
    try {
      const stat = fs.statSync(path.resolve(root, input));
      return `${input}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return `${input}:missing`;
    }
  });
}

function cachedBundle() {
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
    const current = fingerprint(meta.inputs);
    if (!current.every((stamp, i) => stamp === meta.stamps[i])) return undefined;
    return { code: fs.readFileSync(bundleFile(meta.codeHash), "latin1"), codeHash: meta.codeHash };
  } catch {
    return undefined;
  }
}

function build() {
  // Required here, not at the top: a cache hit never loads esbuild.
  const esbuild = require("esbuild");
  // Whole milliseconds, a second early: file systems keep coarse times.
  const startedAt = Date.now() - 1000;
  let result;
  try {
    result = esbuild.buildSync(buildOptions());
  } catch {
    process.exit(1); // esbuild has printed the error
  }
  const code = result.outputFiles[0].text;
  const codeHash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
  const inputs = Object.keys(result.metafile.inputs);
  const stamps = fingerprint(inputs);
  // A file modified since the build began may have been read before the change: this
  // bundle runs now, but is not cached, so the next run rebuilds with the change.
  const changedDuringBuild = inputs.some((input) => {
    try {
      return fs.statSync(path.resolve(root, input)).mtimeMs >= startedAt;
    } catch {
      return true;
    }
  });
  if (changedDuringBuild) return { code, codeHash };
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    writeWhole(bundleFile(codeHash), code);
    writeWhole(metaFile, JSON.stringify({ entry: filename, inputs, stamps, codeHash }));
    prune(codeHash);
  } catch {
    // A read-only node_modules only costs the cache.
  }
  return { code, codeHash };
}

/**
 * After a rebuild, drops what no run can use again, so the cache holds one build per
 * entry: this entry's older bundles and their V8 caches, the builds of entries whose
 * file is gone (a deleted or temporary script), and files of an older cache layout.
 */
function prune(codeHash) {
  const remove = (name) => fs.rmSync(path.join(cacheDir, name), { force: true });
  const names = fs.readdirSync(cacheDir);
  const live = new Set([cacheKey]);
  for (const name of names.filter((n) => n.endsWith(".meta.json") && !n.startsWith(`${cacheKey}.`))) {
    try {
      if (fs.existsSync(JSON.parse(fs.readFileSync(path.join(cacheDir, name), "utf8")).entry)) live.add(name.split(".")[0]);
    } catch {
      // unreadable: dropped below
    }
  }
  for (const name of names) {
    const [key, hash] = name.split(".");
    if (name.endsWith(".tmp")) {
      // Another run's write in progress, or left by a run killed while writing.
      if ((fs.statSync(path.join(cacheDir, name), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < Date.now() - 10 * 60 * 1000) remove(name);
      continue;
    }
    if (!live.has(key)) remove(name);
    else if (key === cacheKey && name !== `${cacheKey}.meta.json` && hash !== codeHash) remove(name);
  }
}

const { code, codeHash } = cachedBundle() ?? build();
if (debug) process.setSourceMapsEnabled(true);

// Compiled from memory as if it were the entry file, so dependencies resolve
// from the entry's folder and __dirname is the entry's. V8's code cache for the
// bundle is kept next to it: compiling 4 MB of JavaScript is a tenth of synth time.
process.argv = [process.argv[0], filename, ...args];
const Module = require("module");
const vm = require("vm");
const main = new Module(filename, null);
main.filename = filename;
main.paths = Module._nodeModulePaths(path.dirname(filename));
// One V8 cache per set of Node flags (cdktf's CLI sets NODE_OPTIONS; a direct run does not):
// V8 rejects a cache made under other flags, and each would throw the other's away.
const flagsKey = crypto
  .createHash("sha256")
  .update(JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ""]))
  .digest("hex")
  .slice(0, 8);
const codeCacheFile = path.join(cacheDir, `${cacheKey}.${codeHash}.${flagsKey}.v8`);
let cachedData;
try {
  cachedData = fs.readFileSync(codeCacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(code), { filename, cachedData });
if (!cachedData || script.cachedDataRejected) {
  // Written once the run is over, when V8 has compiled what the run used.
  process.once("exit", () => {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      writeWhole(codeCacheFile, script.createCachedData());
    } catch {
      // no cache, no harm
    }
  });
}
const localRequire = Module.createRequire(filename);
script.runInThisContext().call(
  main.exports,
  main.exports,
  Object.assign((id) => main.require(id), localRequire, { main }),
  main,
  filename,
  path.dirname(filename),
);
