/**
 * `npm run report -- --env <env> [--out <dir>]`: a Markdown security review per
 * vendor stack (resources, roles, the deployer's permissions with their
 * conditions, the "*" list, the ownership tag and SCP, a diagram), and the
 * figures side by side with the vendor's published list.
 */
import { iometePublishedActionCount } from "../../permissions/review/vendor-baseline";
import { figuresOf, providerOperationCount, securityReport } from "../../permissions/review/report";
import { modelOfStack } from "../../permissions/model";
import { suppressionsOf } from "../../rules";
import * as path from "path";
import { Command, environmentStacks, parseFlags, UsageError } from "../cli";
import { reportWrite, writeOwnedFolder } from "../owned-folder";

const USAGE = "usage: npm run report -- --env <environment> [--out <folder>]";
const ABOUT =
  "Writes a Markdown security review per vendor stack of one environment (resources, roles, the deployer's and planner's " +
  "permissions with their conditions, attack chains, the ownership tag) and prints the figures beside the vendor's published list.";
const FLAGS = { env: "an environment name (required)", out: "a folder to write (default: reports/<environment> in the project)" };

export const reportCommand: Command = async (context) => {
  const flags = parseFlags(context.args, FLAGS, USAGE, ABOUT);
  if (!flags.env) throw new UsageError(`--env is required\n${USAGE}`);
  const { env, provisioner, app } = environmentStacks(context, flags.env);
  const iomete = await iometePublishedActionCount();
  const files: Record<string, string> = {};
  context.print("stack                          actions  statements  policies  characters  actions on *  terraform ops  vendor's list");
  for (const [stackId, set] of provisioner.policySets) {
    const stack = app.node.findChild(stackId);
    const model = modelOfStack(stack as never);
    const baseline = stackId.startsWith("iomete-") ? iomete.actions : undefined;
    files[`${stackId}.md`] = securityReport(
      env,
      model,
      set,
      baseline,
      suppressionsOf(stack as never),
      provisioner.planPolicySets.get(stackId),
      provisioner.deployTimeValues,
    );
    const f = figuresOf(set);
    context.print(
      `${stackId.padEnd(30)} ${String(f.actions).padStart(7)} ${String(f.statements).padStart(11)} ${String(f.policies).padStart(9)} ${String(f.characters).padStart(11)} ${String(f.wildcardActions).padStart(13)} ${String(providerOperationCount(model)).padStart(14)}  ${baseline ?? "(none published)"}`,
    );
  }
  const out = flags.out ?? path.join(context.cwd, "reports", env.name);
  context.print("");
  reportWrite(
    context,
    writeOwnedFolder({ target: out, from: context.invokedFrom, command: "npm run report", files }),
    files,
    `security reviews for ${env.name}`,
  );
};
