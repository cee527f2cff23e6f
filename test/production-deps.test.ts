import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";

/**
 * What main.ts and the commands in scripts/ load must be installed by a production
 * install (`npm ci --omit=dev`): every package their bundles read or leave external
 * is a dependency, never a devDependency.
 */
const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const entries = [
  "main.ts",
  ...fs
    .readdirSync(path.join(root, "scripts"))
    .filter((f) => /^(?!workflow-files|deploy-plan|cli)[\w-]+\.ts$/.test(f))
    .map((f) => `scripts/${f}`),
];

const packageOf = (specifier: string) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);

it.each(entries)("%s needs only production dependencies", (entry) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    metafile: true,
    packages: "external",
    logLevel: "silent",
  });
  const imported = new Set<string>();
  for (const input of Object.values<any>(result.metafile.inputs)) {
    for (const imp of input.imports)
      if (imp.external && !imp.path.startsWith(".") && !imp.path.startsWith("node:") && !builtinModules.includes(imp.path))
        imported.add(packageOf(imp.path));
  }
  // The check sees what it should: the app's bundle leaves cdktf and the provider external.
  if (entry === "main.ts") expect([...imported]).toEqual(expect.arrayContaining(["cdktf", "@cdktf/provider-aws"]));
  const notProduction = [...imported].filter((name) => !pkg.dependencies[name]);
  expect(notProduction).toEqual([]);
});

it("runs the runner itself on production dependencies (esbuild)", () => {
  expect(pkg.dependencies.esbuild).toBeDefined();
});
