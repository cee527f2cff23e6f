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
  "modules/poolside-policies.ts bastionPolicies": "the bastion's named policies, Poolside's list",
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

it("keeps stacks/'s root for stacks: each file there defines a stack (app.ts: the app's list of them), helpers live in stacks/support/", () => {
  const dir = path.join(root, "stacks");
  const notStacks = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== "app.ts")
    .filter((entry) => !/export (abstract )?class \w+ extends (TerraformStack|\w+Stack)\b/.test(fs.readFileSync(path.join(dir, entry.name), "utf8")))
    .map((entry) => entry.name);
  expect(notStacks).toEqual([]);
  expect(fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).isDirectory())).toEqual(["support"]);
});

/**
 * Writes into a framework's or the runtime's internals, found in a file's syntax: deep imports
 * into cdktf's or constructs' `lib/`, assignments to a prototype, to a runtime global (`Error`,
 * `Object`, `Module`, `require`, ...: `process` only for its argv and exit code), to an export of
 * an imported package, or to a framework method (`prepareStack`, `resolve`, `toTerraform`,
 * `synthesizer`) of anything but `this`.
 */
function internalWrites(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const packages = new Set<string>();
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText(source).split("\n")[0]}`;
  // A package's or Node's own module: what it exports is not ours to change.
  const isPackage = (specifier: string) => !specifier.startsWith(".");
  const RUNTIME = new Set([
    "Error",
    "Object",
    "Function",
    "Array",
    "Promise",
    "Module",
    "require",
    "globalThis",
    "global",
    "console",
    "JSON",
    "Reflect",
  ]);
  const FRAMEWORK_METHODS = new Set(["prepareStack", "resolve", "toTerraform", "synthesizer"]);
  const rootOf = (e: ts.Expression): ts.Expression =>
    ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? rootOf(e.expression) : e;
  const chainOf = (e: ts.Expression): string[] =>
    ts.isPropertyAccessExpression(e)
      ? [...chainOf(e.expression), e.name.text]
      : ts.isElementAccessExpression(e)
        ? [...chainOf(e.expression), "[]"]
        : ts.isIdentifier(e)
          ? [e.text]
          : ["?"];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) ||
      (ts.isCallExpression(node) && node.expression.getText(source) === "require")
    ) {
      const specifier = ts.isImportDeclaration(node)
        ? (node.moduleSpecifier as ts.StringLiteral).text
        : ((node.arguments[0] as ts.StringLiteral | undefined)?.text ?? "");
      if (/^(cdktf|constructs)\/lib\//.test(specifier)) found.push(where(node));
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (isPackage(specifier) && clause) {
        if (clause.name) packages.add(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) packages.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) packages.add(element.name.text);
      }
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const target = node.left;
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        const chain = chainOf(target);
        const base = rootOf(target);
        const name = ts.isIdentifier(base) ? base.text : "";
        const processAllowed = name === "process" && ["argv", "exitCode"].includes(chain[1]) && chain.length === 2;
        if (
          chain.includes("prototype") ||
          chain.includes("__proto__") ||
          (RUNTIME.has(name) && !processAllowed) ||
          (name === "process" && !processAllowed && chain[1] !== "env") ||
          packages.has(name) ||
          (FRAMEWORK_METHODS.has(chain[chain.length - 1]) && base.kind !== ts.SyntaxKind.ThisKeyword)
        )
          found.push(where(node));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("writes into a framework's or the runtime's internals", () => {
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return ["node_modules", "fixtures", "cdktf.out", ".git"].includes(entry.name) ? [] : files(full);
      return /\.(ts|cjs|mjs|js)$/.test(entry.name) ? [full] : [];
    });

  it("finds none in the product, its scripts or its tests", () => {
    const all = [
      ...[...SOURCE_DIRS, "test"].flatMap((dir) => files(path.join(root, dir))),
      ...["main.ts", "jest.config.js", "eslint.config.mjs"].map((f) => path.join(root, f)),
    ];
    expect(all.length).toBeGreaterThan(100);
    expect(all.flatMap((file) => internalWrites(path.relative(root, file), fs.readFileSync(file, "utf8")))).toEqual([]);
  });

  it.each([
    ["a framework prototype's method", 'import { ref } from "cdktf";\nconst r = Object.getPrototypeOf(ref("x"));\nr.resolve = () => 1;'],
    ["a stack's preparation", "stack.prepareStack = () => undefined;"],
    ["cdktf's private stack-trace capture", 'import * as traces from "cdktf/lib/tokens/private/stack-trace";\ntraces.captureStackTrace = () => [];'],
    ["a required internal", 'const t = require("cdktf/lib/tokens/private/stack-trace");'],
    ["V8's stack formatting", "Error.prepareStackTrace = () => '';"],
    ["the module system", "require.main = module;"],
    ["a prototype", "Array.prototype.last = function () {};"],
    ["an imported package's export", 'import * as yaml from "yaml";\nyaml.parse = () => ({});'],
    ["a Node module's export", 'import * as fs from "fs";\nfs.readFileSync = () => "";'],
    ["the process's streams", "process.stdout.write = () => true;"],
  ])("flags %s", (_what, text) => {
    expect(internalWrites("probe.ts", text)).not.toEqual([]);
  });

  it("lets code write its own objects, process.exitCode and process.env", () => {
    expect(
      internalWrites(
        "probe.ts",
        "const o = { a: 1 };\no.a = 2;\nthis.resolve = 1;\nprocess.exitCode = 1;\nprocess.env.X = 'y';\nprocess.env[k] = v;\nconst m = new Map();",
      ),
    ).toEqual([]);
  });
});
