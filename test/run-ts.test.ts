import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of ours
const { cacheDir } = require("../scripts/cache-dir.cjs");

// scripts/run-ts.cjs, the fast runner the app and the commands run through.
const root = path.resolve(__dirname, "..");
const runTs = (entry: string) =>
  spawnSync(process.execPath, [path.join(root, "scripts/run-ts.cjs"), entry], { cwd: root, encoding: "utf8", timeout: 60_000 });
/** Writes a source file dated a minute ago: long before any build of it began. */
const writeOld = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
};

describe("run-ts", () => {
  const dir = path.join(root, "node_modules", ".cache", "run-ts-test");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("never serves a bundle of a file that changed while it was being built", () => {
    fs.mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, `entry-${process.pid}.ts`);
    const helper = path.join(dir, `helper-${process.pid}.ts`);
    fs.writeFileSync(entry, `import { word } from "./helper-${process.pid}";\nconsole.log(word);\n`);
    // GIVEN a file saved during the build: its modification time is after the build began.
    const during = new Date(Date.now() + 5_000);
    fs.writeFileSync(helper, 'export const word = "AAAA";\n');
    fs.utimesSync(helper, during, during);
    expect(runTs(entry).stdout.trim()).toBe("AAAA");
    // WHEN it is saved again, same size and (coarse clock) same time
    fs.writeFileSync(helper, 'export const word = "BBBB";\n');
    fs.utimesSync(helper, during, during);
    // THEN the next run sees the edit: the first bundle was never recorded as up to date.
    expect(runTs(entry).stdout.trim()).toBe("BBBB");
  });

  it("keeps text beyond ASCII as written, also from the cache (the bundle is ASCII, read back as latin1)", () => {
    const entry = path.join(dir, `text-${process.pid}.ts`);
    writeOld(entry, 'console.log("naïve café ✓ 雪 🚀");\n');
    expect(runTs(entry).stdout.trim()).toBe("naïve café ✓ 雪 🚀");
    expect(runTs(entry).stdout.trim()).toBe("naïve café ✓ 雪 🚀");
  });

  it("serves the cached bundle while nothing changed, and rebuilds when a source changes", () => {
    const entry = path.join(dir, `cached-${process.pid}.ts`);
    writeOld(entry, 'console.log("one");\n');
    expect(runTs(entry).stdout.trim()).toBe("one");
    expect(runTs(entry).stdout.trim()).toBe("one");
    fs.writeFileSync(entry, 'console.log("two, longer");\n');
    expect(runTs(entry).stdout.trim()).toBe("two, longer");
  });
});

describe("the tools' cache folder (scripts/cache-dir.cjs)", () => {
  it("is node_modules/.cache, or PLATFORM_STACKS_CACHE_DIR, a relative one being the project's", () => {
    const saved = process.env.PLATFORM_STACKS_CACHE_DIR;
    try {
      delete process.env.PLATFORM_STACKS_CACHE_DIR;
      expect(cacheDir("run-ts")).toBe(path.join(root, "node_modules", ".cache", "run-ts"));
      process.env.PLATFORM_STACKS_CACHE_DIR = "tmp/caches";
      expect(cacheDir("run-ts")).toBe(path.join(root, "tmp", "caches", "run-ts"));
      process.env.PLATFORM_STACKS_CACHE_DIR = "/var/cache/platform-stacks";
      expect(cacheDir("eslint")).toBe("/var/cache/platform-stacks/eslint");
    } finally {
      if (saved === undefined) delete process.env.PLATFORM_STACKS_CACHE_DIR;
      else process.env.PLATFORM_STACKS_CACHE_DIR = saved;
    }
  });
});

describe("run-ts's cache", () => {
  const dir = path.join(root, "node_modules", ".cache", "run-ts-prune-test");
  const cache = cacheDir("run-ts");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The cache's files for an entry: its metadata, bundles and V8 caches. */
  const filesOf = (entry: string) => {
    const meta = fs.readdirSync(cache).find((name) => {
      if (!name.endsWith(".meta.json")) return false;
      try {
        return JSON.parse(fs.readFileSync(path.join(cache, name), "utf8")).entry === entry;
      } catch {
        return false;
      }
    });
    return meta ? fs.readdirSync(cache).filter((name) => name.startsWith(`${meta.split(".")[0]}.`)) : [];
  };

  it("holds one build per entry: a rebuild drops the older bundle, and the build of an entry that is gone", () => {
    fs.mkdirSync(dir, { recursive: true });
    const first = path.join(dir, `first-${process.pid}.ts`);
    const second = path.join(dir, `second-${process.pid}.ts`);
    writeOld(first, 'console.log("first");\n');
    expect(runTs(first).stdout.trim()).toBe("first");
    const before = filesOf(first);
    expect(before.filter((f) => f.endsWith(".js"))).toHaveLength(1);
    expect(before.filter((f) => f.endsWith(".v8"))).toHaveLength(1);

    writeOld(first, 'console.log("first, again");\n');
    expect(runTs(first).stdout.trim()).toBe("first, again");
    const after = filesOf(first);
    expect(after.filter((f) => f.endsWith(".js"))).toHaveLength(1);
    expect(after.filter((f) => f.endsWith(".v8"))).toHaveLength(1);
    expect(after.filter((f) => before.includes(f))).toEqual([expect.stringMatching(/\.meta\.json$/)]);

    // GIVEN the first entry's file is gone, WHEN another entry is built, THEN the first's build goes.
    fs.rmSync(first);
    writeOld(second, 'console.log("second");\n');
    expect(runTs(second).stdout.trim()).toBe("second");
    expect(after.filter((f) => fs.existsSync(path.join(cache, f)))).toEqual([]);
    expect(filesOf(second).length).toBeGreaterThan(0);
  });
});
