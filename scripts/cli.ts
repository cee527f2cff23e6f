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
export function parseFlags(argv: string[], allowed: Record<string, string>, usage: string): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new UsageError(usage);
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!name || !(name in allowed)) {
      throw new UsageError(`${JSON.stringify(arg)} is not a flag of this command; allowed: ${Object.keys(allowed).map((f) => `--${f}`).join(", ")}\n${usage}`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value (${allowed[name]})\n${usage}`);
    if (name in flags) throw new UsageError(`--${name} is given twice`);
    flags[name] = value;
  }
  return flags;
}

/** The environment's stacks, defined (not synthesized), with its provisioner. */
export function environmentStacks(environmentName: string): { env: EnvironmentConfig; provisioner: ProvisionerStack; app: App } {
  const environments = loadEnvironments();
  const env = environments.find((e) => e.name === environmentName);
  if (!env) throw new UsageError(`--env ${JSON.stringify(environmentName)} is not a configured environment; known: ${environments.map((e) => e.name).join(", ")}`);
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "stacks-")), stackTraces: false });
  const stacks = defineStacks(app, [env]);
  const provisioner = stacks.find((s) => s.node.id === provisionerStackId(env.name)) as ProvisionerStack;
  return { env, provisioner, app };
}

/** Writes a folder of files all at once: into a scratch folder, then renamed over the target. */
export function writeFolderAtomically(target: string, files: Record<string, string>): void {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-`));
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      fs.writeFileSync(path.join(scratch, name), content);
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(scratch, target);
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** Runs a command's main, turning known errors into a message and an exit code. */
export async function runCommand(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`Failed: ${(error as Error).message}`);
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  }
}
