import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// scripts/run-ts.cjs, the fast runner the app and the commands run through.
const root = path.resolve(__dirname, "..");
const runTs = (entry: string) =>
  spawnSync(process.execPath, [path.join(root, "scripts/run-ts.cjs"), entry], { cwd: root, encoding: "utf8", timeout: 60_000 });

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

  it("serves the cached bundle while nothing changed, and rebuilds when a source changes", () => {
    fs.mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, `cached-${process.pid}.ts`);
    fs.writeFileSync(entry, 'console.log("one");\n');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(entry, past, past);
    expect(runTs(entry).stdout.trim()).toBe("one");
    expect(runTs(entry).stdout.trim()).toBe("one");
    fs.writeFileSync(entry, 'console.log("two, longer");\n');
    expect(runTs(entry).stdout.trim()).toBe("two, longer");
  });
});
