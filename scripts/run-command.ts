/**
 * `node scripts/run-ts.cjs scripts/run-command.ts <command> [flags]`: what `npm run
 * policy`, `report`, `check`, `stacks` and `workflows` run. One entry for all of them, so
 * run-ts builds and caches one bundle (the first command run after a change warms them all).
 */
import { Command, runCommand, UsageError } from "./cli";
import { COMMANDS } from "./commands";

const [name = "", ...args] = process.argv.slice(2);
const unknown: Command = () => {
  throw new UsageError(
    `${JSON.stringify(name)} is not a command; commands: ${Object.keys(COMMANDS).join(", ")}\nusage: node scripts/run-ts.cjs scripts/run-command.ts <command> [flags]`,
  );
};
// package.json's script for each command has the command's name (`npm run policy` runs `... run-command.ts policy`).
runCommand(Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : unknown, args, name);
