import * as fs from "fs";
import * as path from "path";

// test/support/sequencer.cjs: the order Jest runs the test files in.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads it as CommonJS, by path
const SlowFirst = require("./support/sequencer.cjs");

const file = (name: string) => path.join(__dirname, name);
const SIZES: Record<string, number> = {
  [file("config/cidr.test.ts")]: 9_000,
  [file("typecheck.test.ts")]: 500,
  [file("cli.test.ts")]: 4_000,
  [file("layering.test.ts")]: 2_000,
};
const tests = () =>
  Object.keys(SIZES).map((p) => ({ path: p, context: { config: { cache: false }, hasteFS: { getSize: (at: string) => SIZES[at] } } }));
const names = (sorted: Array<{ path: string }>) => sorted.map((t) => path.relative(__dirname, t.path));

describe("the test sequencer", () => {
  it("without durations (a new machine), starts the files known to be slow first, slowest first, then the rest largest first", () => {
    expect(names(new SlowFirst().sort(tests()))).toEqual(["cli.test.ts", "typecheck.test.ts", "config/cidr.test.ts", "layering.test.ts"]);
  });

  it("with durations from an earlier run, keeps Jest's order: slowest first", () => {
    const durations: Record<string, number> = {
      [file("layering.test.ts")]: 3000,
      [file("typecheck.test.ts")]: 2000,
      [file("config/cidr.test.ts")]: 100,
      [file("cli.test.ts")]: 50,
    };
    class WithDurations extends SlowFirst {
      time(test: { path: string }) {
        return durations[test.path];
      }
    }
    expect(names(new WithDurations().sort(tests()))).toEqual(["layering.test.ts", "typecheck.test.ts", "config/cidr.test.ts", "cli.test.ts"]);
  });

  it("with durations for some files only (one added since), orders each by its own, and keeps the files that failed last time first", () => {
    const durations: Record<string, number> = {
      [file("layering.test.ts")]: 3000,
      [file("config/cidr.test.ts")]: 100,
      [file("typecheck.test.ts")]: 50,
    };
    class Partly extends SlowFirst {
      time(test: { path: string }) {
        return durations[test.path];
      }
      hasFailed(test: { path: string }) {
        return test.path === file("typecheck.test.ts");
      }
    }
    // cli.test.ts has no duration: its listed 11 s puts it before layering's 3 s.
    expect(names(new Partly().sort(tests()))).toEqual(["typecheck.test.ts", "cli.test.ts", "layering.test.ts", "config/cidr.test.ts"]);
  });

  it("names only test files that exist", () => {
    for (const name of Object.keys(SlowFirst.COLD_SECONDS)) expect(fs.existsSync(file(name))).toBe(true);
  });
});
