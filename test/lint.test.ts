import { spawn } from "child_process";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of ours
const { cacheDir } = require("../scripts/cache-dir.cjs");

// `npm run lint`, inside `npm test`: ESLint (typescript-eslint) and Prettier's check,
// started together (each spends most of its time starting up).
const root = path.resolve(__dirname, "..");
const node = (script: string, args: string[]) =>
  new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", script), ...args], { cwd: root });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (status) => resolve({ status, output }));
  });

const eslint = node("eslint/bin/eslint.js", ["--max-warnings", "0", "--cache", "--cache-location", `${cacheDir("eslint")}/`, "."]);
const prettier = node("prettier/bin/prettier.cjs", [
  "--check",
  "--cache",
  "--cache-location",
  path.join(cacheDir("prettier"), ".prettier-cache"),
  "--log-level",
  "warn",
  ".",
]);

it("passes ESLint with no finding", async () => {
  const result = await eslint;
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 120_000);

it("is formatted as Prettier writes it", async () => {
  const result = await prettier;
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 120_000);
