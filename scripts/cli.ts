import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { CONFIG_DIR_VARIABLE, ConfigError, EnvironmentConfig, loadEnvironments } from "../config";
import { DeployedFacts } from "../permissions/types";
import { defineStacks } from "../stacks/app";
import { ProvisionerStack, provisionerStackId } from "../stacks/provisioner-stack";

/** A command-line mistake: printed as is, exit code 2. */
export class UsageError extends Error {}

/** `--help`: the command's help, printed on standard output with exit code 0, and nothing done. */
export class HelpRequested extends UsageError {}

/** Where every command finds its environments, for `--help`. */
const ENVIRONMENTS_HELP =
  "Environments: the files of ./environments (or of the folder STACKS_CONFIG_DIR names), else the built-in set; " +
  "STACKS_ENVIRONMENTS=dev,prod keeps some. Relative paths resolve from the folder you ran npm in.";

/** A command's help: its usage line, what it does, and each flag. */
export function helpText(usage: string, about: string, flags: Record<string, string>, footer = ENVIRONMENTS_HELP): string {
  const entries = Object.entries({ ...flags, help: "prints this help and does nothing else" });
  const width = Math.max(...entries.map(([name]) => name.length)) + 2;
  return [usage, "", about, "", ...entries.map(([name, what]) => `  --${name.padEnd(width)}${what}`), ...(footer ? ["", footer] : [])].join("\n");
}

const isHelp = (arg: string) => arg === "--help" || arg === "-h";

/** An argument no flag of the command matches, naming those it has. */
function notAFlag(arg: string, allowed: Record<string, string>, usage: string): UsageError {
  const names = Object.keys(allowed).map((f) => `--${f}`);
  return new UsageError(`${JSON.stringify(arg)} is not a flag of this command; allowed: ${names.length ? names.join(", ") : "none"}\n${usage}`);
}

/**
 * Parses `--name value` flags strictly: unknown flags, missing values and
 * repeated flags are errors that name the flag and what is allowed. `--help`
 * anywhere answers with the help and nothing else. Flags named in `switches` take
 * no value (`--validate`): present, they read "true".
 */
export function parseFlags(
  argv: readonly string[],
  allowed: Record<string, string>,
  usage: string,
  about = "",
  switches: readonly string[] = [],
): Record<string, string> {
  if (argv.some(isHelp)) throw new HelpRequested(helpText(usage, about, allowed));
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !(name in allowed)) throw notAFlag(arg, allowed, usage);
    if (switches.includes(name) && inline !== undefined) throw new UsageError(`--${name} takes no value: ${allowed[name]}\n${usage}`);
    const value = switches.includes(name) ? "true" : (inline ?? argv[++i]);
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value: ${allowed[name]}\n${usage}`);
    if (name in flags) throw new UsageError(`--${name} is given twice`);
    flags[name] = value;
  }
  return flags;
}

/** Parses flags that take no value (`--suite`), as strictly as parseFlags. */
export function parseSwitches(argv: readonly string[], allowed: Record<string, string>, usage: string, about: string, footer?: string): Set<string> {
  if (argv.some(isHelp)) throw new HelpRequested(helpText(usage, about, allowed, footer));
  const switches = new Set<string>();
  for (const arg of argv) {
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    if (!(name in allowed)) throw notAFlag(arg, allowed, usage);
    switches.add(name);
  }
  return switches;
}

/** The environment's stacks, defined (not synthesized), with its provisioner. */
export function environmentStacks(
  context: CommandContext,
  environmentName: string,
  options: { deployedFacts?: (env: EnvironmentConfig) => ReadonlyMap<string, DeployedFacts> } = {},
): { env: EnvironmentConfig; provisioner: ProvisionerStack; app: App } {
  const environments = loadEnvironments(context.env, context.cwd);
  const env = environments.find((e) => e.name === environmentName);
  if (!env)
    throw new UsageError(
      `--env ${JSON.stringify(environmentName)} is not a configured environment; known: ${environments.map((e) => e.name).join(", ")}`,
    );
  // The app writes nothing there (stacks are defined, not synthesized), but cdktf creates the folder.
  const app = new App({ outdir: context.scratch("stacks-"), stackTraces: false });
  const stacks = defineStacks(app, [env], { deployedFacts: options.deployedFacts?.(env) });
  const provisioner = stacks.find((s) => s.node.id === provisionerStackId(env.name)) as ProvisionerStack;
  return { env, provisioner, app };
}

/** What a command gets from whoever runs it: a process (`runCommand`) or a test (`execute`). */
export interface CommandContext {
  /** The arguments after the command's name. */
  readonly args: readonly string[];
  /** The project: its environments/ folder, and default output folders (policies/, reports/, .github/workflows). */
  readonly cwd: string;
  /** Where the user stood: relative paths they give (`--out`, STACKS_CONFIG_DIR) resolve from here. */
  readonly invokedFrom: string;
  /** The environment variables the command reads (STACKS_CONFIG_DIR, STACKS_ENVIRONMENTS, TMPDIR). */
  readonly env: NodeJS.ProcessEnv;
  /** Prints a line on standard output. */
  print(line: string): void;
  /** Prints a line on standard error: something the user should act on, though the command succeeded. */
  warn(line: string): void;
  /** A new scratch folder under TMPDIR, removed when the command ends, however it ends. */
  scratch(prefix: string): string;
}

/** A command's main: it exits 0 unless it returns another code; see `execute` for errors. */
export type Command = (context: CommandContext) => Promise<number | void> | number | void;

/** Where a command's output goes. */
export interface CommandStreams {
  readonly cwd: string;
  /** Where the user stood, when not the project (npm runs scripts in the project and says where in INIT_CWD). */
  readonly invokedFrom?: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs a command and returns its exit code: a mistake in the command line
 * (UsageError) is printed as is with 2, invalid configuration with 1, anything
 * else as "Failed: ..." with 1 (its stack trace too when DEBUG is set). Its
 * scratch folders are gone when this returns.
 */
export async function execute(command: Command, args: readonly string[], streams: CommandStreams): Promise<number> {
  const scratchFolders: string[] = [];
  const tmpdir = streams.env.TMPDIR || streams.env.TMP || streams.env.TEMP || os.tmpdir();
  const invokedFrom = streams.invokedFrom ?? streams.cwd;
  const context: CommandContext = {
    args,
    cwd: streams.cwd,
    invokedFrom,
    env: withUserPaths(streams.env, invokedFrom),
    print: (line) => streams.stdout(`${line}\n`),
    warn: (line) => streams.stderr(`${line}\n`),
    scratch: (prefix) => {
      const dir = fs.mkdtempSync(path.join(tmpdir, prefix));
      scratchFolders.push(dir);
      return dir;
    },
  };
  try {
    return (await command(context)) ?? 0;
  } catch (error) {
    if (error instanceof HelpRequested) {
      streams.stdout(`${error.message}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      streams.stderr(`${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      streams.stderr(`${error.message}\n`);
      return 1;
    }
    streams.stderr(`Failed: ${(error as Error).message}\n`);
    if (streams.env.DEBUG) streams.stderr(`${(error as Error).stack}\n`);
    return 1;
  } finally {
    for (const dir of scratchFolders) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment with a relative STACKS_CONFIG_DIR made absolute from where the user stood: the path is theirs, not the project's. */
export function withUserPaths(env: NodeJS.ProcessEnv, invokedFrom: string): NodeJS.ProcessEnv {
  const configDir = env[CONFIG_DIR_VARIABLE];
  return configDir ? { ...env, [CONFIG_DIR_VARIABLE]: path.resolve(invokedFrom, configDir) } : env;
}

/**
 * Where the user stood when npm started this process as the script `npmScript`: npm runs
 * scripts in the project and keeps the folder it was run in as INIT_CWD. Trusted only for
 * that script (a process started by another, `npm test`'s, inherits its INIT_CWD).
 */
export function userFolder(env: NodeJS.ProcessEnv, npmScript: string | undefined, cwd: string): string {
  return npmScript !== undefined && env.npm_lifecycle_event === npmScript && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** Runs a command as this process: its arguments, folder, environment and streams; its exit code. */
export async function runCommand(command: Command, args: readonly string[] = process.argv.slice(2), npmScript?: string): Promise<void> {
  // As console does: a reader that went away (`npm run -s stacks | head`) is no failure of the command.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  process.exitCode = await execute(command, args, {
    cwd: process.cwd(),
    invokedFrom: userFolder(process.env, npmScript, process.cwd()),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
