// `npm run workflows`: see commands/workflows.ts.
import { runCommand } from "./cli";
import { workflowsCommand } from "./commands/workflows";

runCommand(workflowsCommand);
