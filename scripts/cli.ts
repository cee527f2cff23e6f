import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ConfigError, EnvironmentConfig, loadEnvironments } from "../config";
import { defineStacks } from "../stacks/app";
import { ProvisionerStack, provisionerStackId } from "../stacks/provisioner-stack";

/** A command-line mistake: printed as is, exit code 2. */
export class UsageError extends Error {}

/**
 * Parses `--name value` flags strictly: unknown flags, missing values and
 * repeated flags are errors that name the flag and what is allowed.
 */
export function parseFlags(argv: readonly string[], allowed: Record<string, string>, usage: string): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new UsageError(usage);
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !(name in allowed)) {
      throw new UsageError(
        `${JSON.stringify(arg)} is not a flag of this command; allowed: ${Object.keys(allowed)
          .map((f) => `--${f}`)
          .join(", ")}\n${usage}`,
      );
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value (${allowed[name]})\n${usage}`);
    if (name in flags) throw new UsageError(`--${name} is given twice`);
    flags[name] = value;
  }
  return flags;
}

/** The environment's stacks, defined (not synthesized), with its provisioner. */
export function environmentStacks(
  context: CommandContext,
  environmentName: string,
): { env: EnvironmentConfig; provisioner: ProvisionerStack; app: App } {
  const environments = loadEnvironments(context.env, context.cwd);
  const env = environments.find((e) => e.name === environmentName);
  if (!env)
    throw new UsageError(
      `--env ${JSON.stringify(environmentName)} is not a configured environment; known: ${environments.map((e) => e.name).join(", ")}`,
    );
  // The app writes nothing there (stacks are defined, not synthesized), but cdktf creates the folder.
  const app = new App({ outdir: context.scratch("stacks-"), stackTraces: false });
  const stacks = defineStacks(app, [env]);
  const provisioner = stacks.find((s) => s.node.id === provisionerStackId(env.name)) as ProvisionerStack;
  return { env, provisioner, app };
}

/** The file an output folder of ours holds: which command wrote it and which files. */
export const OUTPUT_MARKER = ".platform-stacks-output.json";

/**
 * Writes a command's output folder all at once, and only where that cannot lose a
 * user's file: into a new or empty folder, or over this command's own earlier output
 * (the marker file lists what it wrote, and the folder holds nothing else). Anything
 * else (`--out .`, a checkout, a folder of notes) is refused with exit 2 and left as
 * it was. The files go to a scratch folder beside the target first, so a failure
 * leaves the previous output whole.
 */
export function writeOwnedFolder(target: string, files: Record<string, string>, command: string, cwd = process.cwd()): void {
  const resolved = path.resolve(cwd, target);
  const refuse = (why: string) => new UsageError(`--out ${JSON.stringify(target)}: ${why}; give a new or empty folder. Nothing was written.`);
  if (fs.existsSync(resolved)) {
    if (!fs.statSync(resolved).isDirectory()) throw refuse("is a file, not a folder");
    const present = listFiles(resolved);
    if (present.length > 0) {
      const marker = path.join(resolved, OUTPUT_MARKER);
      if (!fs.existsSync(marker))
        throw refuse(
          `holds ${present.length} file(s) this command did not write (${present.slice(0, 3).join(", ")}${present.length > 3 ? ", ..." : ""})`,
        );
      const owned = JSON.parse(fs.readFileSync(marker, "utf8")) as { command?: string; files?: string[] };
      if (owned.command !== command) throw refuse(`holds the output of ${JSON.stringify(owned.command)}, not of ${command}`);
      const foreign = present.filter((f) => f !== OUTPUT_MARKER && !(owned.files ?? []).includes(f));
      if (foreign.length) throw refuse(`holds file(s) added after ${command} wrote it (${foreign.slice(0, 3).join(", ")})`);
    }
  }
  const parent = path.dirname(resolved);
  fs.mkdirSync(parent, { recursive: true });
  // Made with mkdir, not mkdtemp: it becomes the output folder, which keeps the default mode (mkdtemp's is private).
  const scratch = path.join(parent, `.${path.basename(resolved)}-new-${crypto.randomBytes(6).toString("hex")}`);
  fs.mkdirSync(scratch);
  let retired: string | undefined;
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      fs.writeFileSync(path.join(scratch, name), content);
    }
    fs.writeFileSync(path.join(scratch, OUTPUT_MARKER), `${JSON.stringify({ command, files: Object.keys(files).sort() }, null, 2)}\n`);
    if (fs.existsSync(resolved)) {
      // Only an empty folder or our own earlier output gets here.
      retired = `${scratch}-old`;
      fs.renameSync(resolved, retired);
    }
    fs.renameSync(scratch, resolved);
  } catch (error) {
    if (retired && !fs.existsSync(resolved)) fs.renameSync(retired, resolved);
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (retired) fs.rmSync(retired, { recursive: true, force: true });
  }
}

/** Every file below a folder, as relative paths. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) =>
      path.relative(dir, path.join((entry as fs.Dirent & { parentPath?: string; path?: string }).parentPath ?? (entry as any).path, entry.name)),
    )
    .sort();
}

/** What a command gets from whoever runs it: a process (`runCommand`) or a test (`execute`). */
export interface CommandContext {
  /** The arguments after the command's name. */
  readonly args: readonly string[];
  /** Where relative paths (`--out`, STACKS_CONFIG_DIR) resolve from. */
  readonly cwd: string;
  /** The environment variables the command reads (STACKS_CONFIG_DIR, STACKS_ENVIRONMENTS, TMPDIR). */
  readonly env: NodeJS.ProcessEnv;
  /** Prints a line on standard output. */
  print(line: string): void;
  /** A new scratch folder under TMPDIR, removed when the command ends, however it ends. */
  scratch(prefix: string): string;
}

/** A command's main: it exits 0 unless it returns another code; see `execute` for errors. */
export type Command = (context: CommandContext) => Promise<number | void> | number | void;

/** Where a command's output goes. */
export interface CommandStreams {
  readonly cwd: string;
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
  const context: CommandContext = {
    args,
    cwd: streams.cwd,
    env: streams.env,
    print: (line) => streams.stdout(`${line}\n`),
    scratch: (prefix) => {
      const dir = fs.mkdtempSync(path.join(tmpdir, prefix));
      scratchFolders.push(dir);
      return dir;
    },
  };
  try {
    return (await command(context)) ?? 0;
  } catch (error) {
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

/** Runs a command as this process: its arguments, folder, environment and streams; its exit code. */
export async function runCommand(command: Command, args: readonly string[] = process.argv.slice(2)): Promise<void> {
  // As console does: a reader that went away (`npm run -s stacks | head`) is no failure of the command.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  process.exitCode = await execute(command, args, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
