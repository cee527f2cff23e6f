import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

// Constructors read as a list of named steps (at most 60 lines) and no function
// runs past 80, unless it is a data literal: a policy or template kept whole so
// it reads like the document it produces.
const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["lib", "config", "modules", "stacks", "permissions", "rules", "scripts"];
const CONSTRUCTOR_MAX = 60;
const FUNCTION_MAX = 80;
/** Functions that are one data literal, by file and name, with what they hold. */
const DATA_LITERALS: Record<string, string> = {
  "modules/karpenter-controller-policy.ts karpenterControllerPolicy": "Karpenter's controller policy statements",
  "stacks/poolside-policies.ts bastionPolicies": "the bastion's named policies, Poolside's list",
};

interface Measured {
  readonly where: string;
  readonly kind: "constructor" | "function";
  readonly lines: number;
}

function measure(file: string): Measured[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const relative = path.relative(root, file);
  const found: Measured[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isConstructorDeclaration(node) || ts.isFunctionLike(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = ts.isConstructorDeclaration(node) ? "constructor" : ((node as ts.FunctionLikeDeclaration).name?.getText(source) ?? "<anonymous>");
      found.push({ where: `${relative} ${name}`, kind: ts.isConstructorDeclaration(node) ? "constructor" : "function", lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "data" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const measured = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir))), path.join(root, "main.ts")].flatMap(measure);

it(`keeps every constructor within ${CONSTRUCTOR_MAX} lines`, () => {
  expect(measured.filter((m) => m.kind === "constructor" && m.lines > CONSTRUCTOR_MAX)).toEqual([]);
});

it(`keeps every function within ${FUNCTION_MAX} lines, data literals apart`, () => {
  expect(measured.filter((m) => m.lines > FUNCTION_MAX && !(m.where in DATA_LITERALS))).toEqual([]);
});

it("lists as data literals only functions that exist and need the exemption", () => {
  const long = new Set(measured.filter((m) => m.lines > FUNCTION_MAX).map((m) => m.where));
  expect(Object.keys(DATA_LITERALS).filter((where) => !long.has(where))).toEqual([]);
});

it("keeps test/'s root for test files: Jest's plumbing and shared helpers live in test/support/", () => {
  const loose = fs
    .readdirSync(path.join(root, "test"), { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".test.ts"))
    .map((entry) => entry.name);
  expect(loose).toEqual([]);
});
