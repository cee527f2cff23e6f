import { spawnSync } from "child_process";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of ours
const { cacheDir } = require("../scripts/cache-dir.cjs");

// swc strips types without checking them; this is where the types are checked.
it("type-checks (tsc --noEmit)", () => {
  const root = path.resolve(__dirname, "..");
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(
    process.execPath,
    [tsc, "--noEmit", "-p", root, "--incremental", "--tsBuildInfoFile", path.join(cacheDir("tsc"), "tsbuildinfo")],
    { cwd: root, encoding: "utf8", timeout: 120_000 },
  );
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});
