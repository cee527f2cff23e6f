/**
 * `npm run policy -- --env <env> [--stack <id>] [--out <dir>]`: writes the
 * generated policy documents as JSON for a security team to review and apply,
 * without deploying anything (SEC provisioner's `export-iam-policy`).
 */
import { renderPolicy } from "../../lib/policy-document";
import { replaceTokens } from "../../permissions/quotas";
import { deployerRoleName, deployerTrust, DeployTimeValue, GITHUB_OIDC_HOST, plannerRoleName, planTrust } from "../../stacks/provisioner-stack";
import * as path from "path";
import { Command, environmentStacks, parseFlags, UsageError } from "../cli";
import { reportWrite, writeOwnedFolder } from "../owned-folder";

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
  // What the provisioner reads from a vendor stack's state when applied is written as it reads before that stack's
  // first deploy: these are the documents it attaches then (deploy-time-values.json says what each becomes after).
  const used = new Set<string>();
  const asDeployedFirst = (text: string) =>
    replaceTokens(text, (token) => {
      const value = provisioner.deployTimeValues.get(token);
      if (!value) throw new Error(`a value of the provisioner's policies (${token}) is not one it reads from a vendor stack's state`);
      used.add(token);
      return value.firstDeploy;
    });
  const pretty = (value: unknown) => asDeployedFirst(`${JSON.stringify(value, null, 2)}\n`);
  const files: Record<string, string> = {};
  const githubProvider = `arn:aws:iam::${env.account.id}:oidc-provider/${GITHUB_OIDC_HOST}`;
  for (const [stackId, set] of provisioner.policySets) {
    if (flags.stack && stackId !== flags.stack) continue;
    set.documents.forEach((document, i) => (files[`${stackId}/${deployerRoleName(stackId)}-${i + 1}.json`] = pretty(document)));
    // Staging's: the provisioner attaches it once the stack is deployed.
    if (set.onceDeployed) files[`${stackId}/${deployerRoleName(stackId)}-once-deployed.json`] = pretty(set.onceDeployed);
    files[`${stackId}/${deployerRoleName(stackId)}-trust.json`] = pretty(JSON.parse(renderPolicy(deployerTrust(env, githubProvider))));
    const plan = provisioner.planPolicySets.get(stackId);
    if (plan) {
      plan.documents.forEach((document, i) => (files[`${stackId}/${plannerRoleName(stackId)}-${i + 1}.json`] = pretty(document)));
      const model = provisioner.vendors.find((v) => v.model.stackId === stackId)!.model;
      files[`${stackId}/${plannerRoleName(stackId)}-trust.json`] = pretty(JSON.parse(renderPolicy(planTrust(env, githubProvider, model))));
    }
  }
  for (const boundary of provisioner.roleBoundaries) {
    if (!flags.stack || boundary.stackId === flags.stack)
      files[`${boundary.stackId}/boundaries/${boundary.policyName}.json`] = pretty(JSON.parse(renderPolicy(boundary.statements)));
  }
  if (provisioner.scpDocument) files["scp.json"] = pretty(JSON.parse(renderPolicy(provisioner.scpDocument)));
  if (provisioner.rcpDocument) files["rcp.json"] = pretty(JSON.parse(renderPolicy(provisioner.rcpDocument)));
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
