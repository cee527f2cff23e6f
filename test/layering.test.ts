import * as fs from "fs";
import * as path from "path";

/**
 * Layers that point one way. Each folder of the product imports only the folders below it
 * (type-only imports count: a cycle of types is still a cycle to read), and no file takes part
 * in an import cycle, within a folder or across them.
 */
const root = path.resolve(__dirname, "..");

/** What each folder may import besides itself. lib/ is the bottom; config/ holds the names, limits and defaults both config and modules need. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  lib: [],
  config: ["lib"],
  modules: ["config", "lib"],
  rules: ["config", "lib"],
  // The engine: the deployer and planner derived from each type's data alone.
  permissions: ["config", "lib"],
  // The review material (report, residual risks, chains, the vendors' baselines): the report shows the vendors'
  // published policies, kept as data beside the modules that grant them.
  "permissions/review": ["config", "lib", "modules", "permissions"],
  stacks: ["config", "lib", "modules", "permissions", "rules"],
  scripts: ["config", "lib", "modules", "permissions", "permissions/review", "rules", "stacks"],
};
/** Subfolders that are a layer of their own, apart from their folder's. */
const SUBLAYERS = Object.keys(ALLOWED).filter((layer) => layer.includes("/"));

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^"']*?from\s*"(\.[^"]+)"|\bimport\s*\(\s*"(\.[^"]+)"\s*\)|\brequire\(\s*"(\.[^"]+)"\s*\)/g;

function sourcesOf(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) found.push(full);
    }
  };
  walk(path.join(root, folder));
  // A folder's files, without those of its sublayers.
  return found.filter((file) => layerOf(file) === folder);
}

/** The layer of a file: its top folder, or the sublayer it is in. */
function layerOf(file: string): string {
  const relative = path.relative(root, file).split(path.sep).join("/");
  return SUBLAYERS.find((layer) => relative.startsWith(`${layer}/`)) ?? relative.split("/")[0];
}

/** The project's files each file imports (relative imports that resolve to a .ts file of ours). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of Object.keys(ALLOWED).flatMap(sourcesOf)) {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2] ?? m[3])
      .map((spec) => path.resolve(path.dirname(file), spec))
      .flatMap((base) => [`${base}.ts`, path.join(base, "index.ts")].filter((candidate) => fs.existsSync(candidate)).slice(0, 1));
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();

it.each(Object.keys(ALLOWED))("%s/ imports only the layers below it", (folder) => {
  const offenders = [...graph]
    .filter(([file]) => layerOf(file) === folder)
    .flatMap(([file, targets]) =>
      targets
        .filter((t) => layerOf(t) !== folder && !ALLOWED[folder].includes(layerOf(t)))
        .map((t) => `${path.relative(root, file)} -> ${path.relative(root, t)}`),
    );
  expect(offenders).toEqual([]);
});

it("has no import cycle anywhere (Tarjan's strongly connected components over every file)", () => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(path.relative(root, w));
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  expect(cycles).toEqual([]);
});

it("sees the imports it judges (a file that imports nothing of ours would hide a broken pattern)", () => {
  expect(graph.get(path.join(root, "stacks", "poolside-stack.ts"))).toEqual(expect.arrayContaining([path.join(root, "config", "index.ts")]));
  expect(graph.get(path.join(root, "config", "schema.ts"))).toEqual(expect.arrayContaining([path.join(root, "config", "defaults.ts")]));
  expect([...graph.values()].flat().length).toBeGreaterThan(300);
});
