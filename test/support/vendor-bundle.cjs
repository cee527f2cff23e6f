// The third-party packages the code imports (cdktf, constructs, the providers, zod,
// yaml), bundled into one file that every test file loads in one go.
//
// Jest gives each test file its own module registry, so each one required cdktf and
// the ~100 provider modules again, ~600 files through Jest's resolver and loader: a
// fifth of a second per test file that builds stacks, seven seconds a run. Through
// one bundle it is a twelfth. It is the same code: the app itself runs bundled the
// same way (scripts/run-ts.cjs), and one bundle keeps one instance of each package
// per test file, as before. Our own modules still load one by one, through swc.
//
// `vendorModuleMap()` (jest.config.js's moduleNameMapper) finds every specifier of
// those packages in our sources, bundles them with esbuild into
// node_modules/.cache/jest-vendor (scripts/cache-dir.cjs; rebuilt when the specifiers, package-lock.json or
// esbuild change) and maps each specifier to a one-line module that picks it out of
// the bundle. A package imported only by a file the scan misses still works: it loads
// from node_modules and reaches cdktf through the map, so there is still one cdktf.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const { cacheDir: cacheDirOf, readOrEmpty, writeWhole } = require("../../scripts/cache-dir.cjs");
const cacheDir = cacheDirOf("jest-vendor");
const PACKAGES = /^(cdktf|constructs|@cdktf\/provider-[a-z0-9-]+|zod|yaml)(\/|$)/;
const SPECIFIER = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^import\s+)(["'])([^"']+)\1/gm;
const SKIP = new Set(["node_modules", ".git", "cdktf.out", ".gen", "coverage"]);

/** Every specifier of those packages in the repository's TypeScript files. */
function specifiers() {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        for (const [, , specifier] of fs.readFileSync(full, "utf8").matchAll(SPECIFIER)) if (PACKAGES.test(specifier)) found.add(specifier);
      }
    }
  };
  walk(root);
  return [...found].sort();
}

function build(dir, specs) {
  const esbuild = require("esbuild");
  fs.mkdirSync(path.join(dir, "modules"), { recursive: true });
  const result = esbuild.buildSync({
    // Resolved from the project, wherever the cache folder is.
    stdin: {
      contents: `module.exports = {\n${specs.map((s) => `  ${JSON.stringify(s)}: require(${JSON.stringify(s)}),`).join("\n")}\n};\n`,
      resolveDir: root,
      sourcefile: "jest-vendor-entry.js",
    },
    absWorkingDir: root,
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
  writeWhole(path.join(dir, "vendor.js"), result.outputFiles[0].text);
  specs.forEach((s, i) => writeWhole(path.join(dir, "modules", `${i}.js`), `module.exports = require("../vendor.js")[${JSON.stringify(s)}];\n`));
  // Written last: a folder with this file is complete.
  writeWhole(path.join(dir, "specifiers.json"), JSON.stringify(specs));
}

/** moduleNameMapper entries: each specifier, exactly, to its module in the bundle. */
function vendorModuleMap() {
  const specs = specifiers();
  const key = crypto
    .createHash("sha256")
    // What is installed (npm's record in node_modules), not only what the lock file asks for: a
    // test run between a pull and `npm ci` must not keep its bundle of the old packages.
    .update(
      JSON.stringify([
        specs,
        readOrEmpty(path.join(root, "package-lock.json")),
        readOrEmpty(path.join(root, "node_modules/.package-lock.json")),
        readOrEmpty(path.join(root, "node_modules/esbuild/package.json")),
      ]),
    )
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(cacheDir, key);
  if (!fs.existsSync(path.join(dir, "specifiers.json"))) {
    build(dir, specs);
    // The builds for other specifiers or versions go once a day old: a Jest run started
    // just before (another worktree, --watch) may still be loading one.
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const old of fs.readdirSync(cacheDir)) {
      const folder = path.join(cacheDir, old);
      // Another run may have removed it since it was listed.
      if (old !== key && (fs.statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < dayAgo)
        fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(specs.map((s, i) => [`^${s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`, path.join(dir, "modules", `${i}.js`)]));
}

module.exports = { vendorModuleMap, specifiers };
