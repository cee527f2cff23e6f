import { Command, execute } from "../../scripts/cli";
import { builtInProject } from "./projects";

/** What a command printed and the exit code it ended with. */
export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command of scripts/ in this process, as its own process would run it
 * (scripts/cli.ts's `execute`, which `runCommand` calls with the process's
 * arguments, folder, environment and streams), without starting Node and
 * loading the app again. It runs in a project folder of its own (the built-in
 * set) unless the test names one.
 */
export async function runInProcess(
  command: Command,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const status = await execute(command, args, {
    // Not this checkout: what a team keeps in its environments/ must not decide a product test.
    cwd: options.cwd ?? builtInProject(),
    env: { ...process.env, STACKS_CONFIG_DIR: "", STACKS_ENVIRONMENTS: "", ...options.env },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}
