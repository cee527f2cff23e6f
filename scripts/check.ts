// `npm run check`: see commands/check.ts.
import { runCommand } from "./cli";
import { checkCommand } from "./commands/check";

runCommand(checkCommand);
