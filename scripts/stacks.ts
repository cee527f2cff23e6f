// `node scripts/run-ts.cjs scripts/stacks.ts`: see commands/stacks.ts.
import { runCommand } from "./cli";
import { stacksCommand } from "./commands/stacks";

runCommand(stacksCommand);
