import { spawnSync } from "child_process";
import * as path from "path";

// `npm run lint`, inside `npm test`: ESLint (typescript-eslint) and Prettier's check.
const root = path.resolve(__dirname, "..");
const node = (script: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "node_modules", script), ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });

it("passes ESLint with no finding", () => {
  const result = node("eslint/bin/eslint.js", ["--max-warnings", "0", "--cache", "--cache-location", "node_modules/.cache/eslint/", "."]);
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("is formatted as Prettier writes it", () => {
  const result = node("prettier/bin/prettier.cjs", [
    "--check",
    "--cache",
    "--cache-location",
    "node_modules/.cache/prettier/.prettier-cache",
    "--log-level",
    "warn",
    ".",
  ]);
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});
