// `npm run report`: see commands/report.ts.
import { runCommand } from "./cli";
import { reportCommand } from "./commands/report";

runCommand(reportCommand);
