/**
 * `npm run stacks -- [--env <name>]`: prints, as JSON,
 * every stack of the configured environments in deploy order (bootstrap, then
 * provisioner, then vendor stacks) and, as `matrix`, the vendor stacks CI deploys,
 * each with its deployer role, region and GitHub environment.
 *
 * For scripts and people who want the deploy order; `npm run workflows` writes the
 * GitHub workflows from the same data (scripts/deploy-plan.ts).
 */
import { loadEnvironments } from "../../config";
import { deployPlan } from "../deploy-plan";
import { Command, parseFlags, UsageError } from "../cli";

const USAGE = "usage: npm run stacks -- [--env <environment>]";
const ABOUT =
  "Prints, as JSON, every stack of the configured environments in deploy order (bootstrap, provisioner, vendor, cluster) " +
  "and, as matrix, the stacks CI plans and deploys, each with its deployer and planner roles, region and GitHub environment.";

export const stacksCommand: Command = (context) => {
  const flags = parseFlags(context.args, { env: "an environment name: that environment's stacks only" }, USAGE, ABOUT);
  const environments = loadEnvironments(context.env, context.cwd);
  const selected = flags.env === undefined ? environments : environments.filter((e) => e.name === flags.env);
  if (selected.length === 0) {
    throw new UsageError(`--env ${JSON.stringify(flags.env)} is not a configured environment; known: ${environments.map((e) => e.name).join(", ")}`);
  }
  context.print(JSON.stringify(deployPlan(selected), null, 2));
};
