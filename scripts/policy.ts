// `npm run policy`: see commands/policy.ts.
import { runCommand } from "./cli";
import { policyCommand } from "./commands/policy";

runCommand(policyCommand);
