import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml, parseAllDocuments, parseDocument } from "yaml";
import { BUILT_IN_ENVIRONMENTS } from "./environments";
import { ConfigError } from "./errors";
import { EnvironmentConfig } from "./schema";
import { EnvironmentSource, validateEnvironments } from "./validate";

export { ConfigError } from "./errors";
export * from "./schema";
export { DeployerShape, ENVIRONMENT_KINDS, EnvironmentKind, isProduction, kindFromName, shapeOf } from "./environment-kind";
export { validateEnvironments } from "./validate";

/** Environment variable naming a folder of environment files that replaces the built-in environments. */
export const CONFIG_DIR_VARIABLE = "STACKS_CONFIG_DIR";
/** Environment variable limiting synthesis to some environments: `dev,prod`. */
export const SELECT_VARIABLE = "STACKS_ENVIRONMENTS";
/** The folder read when STACKS_CONFIG_DIR is not set, if it exists. */
export const DEFAULT_CONFIG_DIR = "environments";

const ENVIRONMENT_FILE = /\.(json|ya?ml)$/;

/** The built-in environments (config/environments/), as read when no folder of environment files is given. */
export function builtInSources(): EnvironmentSource[] {
  return BUILT_IN_ENVIRONMENTS.map((input) => ({ source: "built-in", input }));
}

/** The built-in environments, validated: what the product's figures, benchmarks and tests are about. */
export function builtInEnvironments(): EnvironmentConfig[] {
  return validateEnvironments(builtInSources());
}

/**
 * Reads the environments to synthesize: the files of STACKS_CONFIG_DIR (or of
 * ./environments when that folder exists), otherwise the built-in ones; then
 * validates them all and keeps those STACKS_ENVIRONMENTS selects.
 * Throws ConfigError listing every problem.
 */
export function loadEnvironments(variables: NodeJS.ProcessEnv = process.env, workingDirectory: string = process.cwd()): EnvironmentConfig[] {
  const configuredDir = variables[CONFIG_DIR_VARIABLE];
  const dir = configuredDir ? path.resolve(workingDirectory, configuredDir) : path.resolve(workingDirectory, DEFAULT_CONFIG_DIR);
  let sources: EnvironmentSource[];
  if (configuredDir || fs.existsSync(dir)) {
    sources = readEnvironmentFiles(dir, configuredDir ? CONFIG_DIR_VARIABLE : "default folder");
  } else {
    sources = builtInSources();
  }
  return selectEnvironments(validateEnvironments(sources), variables[SELECT_VARIABLE]);
}

/** Reads every `*.json`, `*.yaml` and `*.yml` file of a folder, in name order. */
export function readEnvironmentFiles(dir: string, origin = CONFIG_DIR_VARIABLE): EnvironmentSource[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError([`${origin}: "${dir}" is not a folder; it must hold one <environment>.json or .yaml file per environment`]);
  }
  const entries = fs.readdirSync(dir).filter((name) => ENVIRONMENT_FILE.test(name));
  if (entries.length === 0) {
    throw new ConfigError([`${origin}: "${dir}" holds no environment files (*.json, *.yaml, *.yml)`]);
  }
  const problems: string[] = [];
  const files: string[] = [];
  for (const name of entries.sort()) {
    const notAFile = whyNotAFile(path.join(dir, name));
    if (notAFile) problems.push(`${path.join(dir, name)}: ${notAFile}; rename it or move it out of ${dir}`);
    else files.push(name);
  }
  const sources: EnvironmentSource[] = [];
  for (const file of files) {
    const fullPath = path.join(dir, file);
    // A byte-order mark (some Windows editors write one) is not part of the content.
    const text = fs.readFileSync(fullPath, "utf8").replace(/^\uFEFF/, "");
    try {
      sources.push({ source: fullPath, input: file.endsWith(".json") ? parseJsonStrictly(text) : parseOneYamlDocument(text) });
    } catch (error) {
      // The depth scan reads quotes and comments loosely: a nesting it missed still gets a sentence, not a stack overflow.
      const why =
        error instanceof RangeError
          ? `nests deeper than a parser can follow; an environment file needs at most ${MAX_NESTING} levels`
          : (error as Error).message;
      problems.push(`${fullPath}: cannot be parsed as ${file.endsWith(".json") ? "JSON" : "YAML"}: ${why}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return sources;
}

/** Keeps the environments named in a comma-separated selection; no selection keeps all. */
export function selectEnvironments(environments: EnvironmentConfig[], selection: string | undefined): EnvironmentConfig[] {
  if (!selection || selection.trim() === "") return environments;
  const wanted = selection
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const known = environments.map((e) => e.name);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError([
      `${SELECT_VARIABLE}: ${JSON.stringify(selection)} names unknown environment${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; known: ${known.join(", ")}`,
    ]);
  }
  return environments.filter((e) => wanted.includes(e.name));
}

/**
 * Why an entry named like an environment file is not one to read, following a symbolic link to
 * its target (a link to a file is read); undefined for a file.
 */
function whyNotAFile(entry: string): string | undefined {
  try {
    return fs.statSync(entry).isFile() ? undefined : "is a folder, not an environment file";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return "is a symbolic link that loops, not an environment file";
    if (code === "ENOENT") return `is a symbolic link to ${JSON.stringify(fs.readlinkSync(entry))}, which does not exist`;
    return `cannot be read (${code})`;
  }
}

/** How deep an environment file may nest (it needs a handful of levels); deeper is refused before any parser recurses. */
const MAX_NESTING = 64;

/** The deepest nesting of JSON or YAML flow brackets in a text, outside quoted strings. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

function refuseDeepNesting(text: string): void {
  const depth = bracketDepth(text);
  if (depth > MAX_NESTING) throw new Error(`nests ${depth} levels deep; an environment file needs at most ${MAX_NESTING}`);
}

/** JSON, refusing a key given twice in one object (JSON.parse would silently keep the last). */
function parseJsonStrictly(text: string): unknown {
  refuseDeepNesting(text);
  const value = JSON.parse(text);
  // YAML is a superset of JSON; its parser reports duplicate keys with their line.
  const duplicate = parseDocument(text, { uniqueKeys: true }).errors.find((e) => e.code === "DUPLICATE_KEY");
  if (duplicate) {
    // The error points at the repeated key: a JSON string.
    const key = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(duplicate.pos[0]))?.[0] ?? "(unreadable)";
    throw new Error(`the key ${key} is given twice in one object (line ${duplicate.linePos?.[0].line ?? "?"}); JSON would keep only the last`);
  }
  return value;
}

/** One YAML document: an environment per file. */
function parseOneYamlDocument(text: string): unknown {
  refuseDeepNesting(text);
  const documents = parseAllDocuments(text);
  if (Array.isArray(documents) && documents.length > 1) {
    throw new Error(`holds ${documents.length} YAML documents (separated by ---); put one environment per file`);
  }
  return parseYaml(text);
}
