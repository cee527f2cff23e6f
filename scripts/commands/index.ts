import { Command } from "../cli";
import { checkCommand } from "./check";
import { docsCommand } from "./docs";
import { policyCommand } from "./policy";
import { preflightCommand } from "./preflight";
import { reportCommand } from "./report";
import { stacksCommand } from "./stacks";
import { vendorPoliciesCommand } from "./vendor-policies";
import { workflowsCommand } from "./workflows";

/** Every command of `scripts/run-command.ts`, by the name `npm run <name>` gives it. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  check: checkCommand,
  docs: docsCommand,
  policy: policyCommand,
  preflight: preflightCommand,
  report: reportCommand,
  stacks: stacksCommand,
  "vendor-policies": vendorPoliciesCommand,
  workflows: workflowsCommand,
};
