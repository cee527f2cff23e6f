/**
 * `npm run policy -- --env <env> [--stack <id>] [--out <dir>]`: writes the
 * generated policy documents as JSON for a security team to review and apply,
 * without deploying anything (SEC provisioner's `export-iam-policy`).
 */
import { DeployTimeValue } from "../../stacks/provisioner-stack";
import * as path from "path";
import { Command, environmentStacks, parseFlags, UsageError } from "../cli";
import { reportWrite, writeOwnedFolder } from "../owned-folder";
import { generatedPolicies } from "../policy-files";

const USAGE = "usage: npm run policy -- --env <environment> [--stack <stack id>] [--out <folder>]";
const ABOUT =
  "Writes the deployer and planner policies, their trust policies, the roles' boundaries and the SCP/RCP of one environment as JSON, " +
  "for a security team to review and apply; deploys nothing. Over its own earlier output it rewrites only what it writes " +
  "(--stack: that stack's files) and keeps, and names, any file changed since it wrote it.";
const FLAGS = {
  env: "an environment name (required)",
  stack: "a vendor stack id of that environment: only its files are written",
  out: "a folder to write (default: policies/<environment> in the project)",
};

export const policyCommand: Command = (context) => {
  const flags = parseFlags(context.args, FLAGS, USAGE, ABOUT);
  if (!flags.env) throw new UsageError(`--env is required\n${USAGE}`);
  const { env, provisioner } = environmentStacks(context, flags.env);
  const stackIds = [...provisioner.policySets.keys()];
  if (flags.stack && !stackIds.includes(flags.stack)) {
    throw new UsageError(`--stack ${JSON.stringify(flags.stack)} is not a vendor stack of ${env.name}; its stacks: ${stackIds.join(", ")}`);
  }
  const out = flags.out ?? path.join(context.cwd, "policies", env.name);
  const { policies, used } = generatedPolicies(env, provisioner, flags.stack);
  const files: Record<string, string> = Object.fromEntries(policies.map((p) => [p.file, p.text]));
  const deployTime = [...used].map((token) => provisioner.deployTimeValues.get(token)!);
  for (const stackId of new Set(deployTime.map((v) => v.stackId))) {
    const own = deployTimeValues(
      deployTime.filter((v) => v.stackId === stackId),
      env.name,
    );
    files[`${stackId}/deploy-time-values.json`] = `${JSON.stringify(own, null, 2)}\n`;
  }
  const written = writeOwnedFolder({
    target: out,
    from: context.invokedFrom,
    command: "npm run policy",
    files,
    // With --stack, the other stacks' files of an earlier run stay; the account-wide SCP and RCP are rewritten.
    replaces: (file) => !flags.stack || !file.includes("/") || file.startsWith(`${flags.stack}/`),
  });
  reportWrite(context, written, files, `policy documents for ${env.name}`);
  for (const value of deployTimeValues(deployTime, env.name)) {
    context.print(`${value.stack}'s ${value.output}: written as ${JSON.stringify(value.writtenAs)} (before its first deploy); ${value.after}.`);
  }
  for (const name of Object.keys(files).filter((f) => f.endsWith("-once-deployed.json"))) {
    context.print(`${name}: provisioner-${env.name} attaches it once the stack is deployed (staging keeps no data-destroying update).`);
  }
};

/** What a value read at apply time is written as here, and what it becomes. */
function deployTimeValues(values: DeployTimeValue[], environmentName: string) {
  return [...new Map(values.map((v) => [`${v.stackId}|${v.output}`, v])).values()]
    .sort((a, b) => `${a.stackId}|${a.output}`.localeCompare(`${b.stackId}|${b.output}`))
    .map((v) => ({
      stack: v.stackId,
      output: v.output,
      writtenAs: v.firstDeploy,
      after: `provisioner-${environmentName} applied again after ${v.stackId}'s first deploy writes its ${v.output} output instead`,
    }));
}
