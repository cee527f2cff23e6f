/**
 * `npm run policy -- --env <env> [--stack <id>] [--out <dir>]`: writes the
 * generated policy documents as JSON for a security team to review and apply,
 * without deploying anything (SEC provisioner's `export-iam-policy`).
 */
import { renderPolicy } from "../../lib/policy-document";
import { withDeployedFacts } from "../../permissions/report";
import { deployerRoleName, deployerTrust, GITHUB_OIDC_HOST, plannerRoleName, planTrust } from "../../stacks/provisioner-stack";
import { Command, environmentStacks, parseFlags, UsageError, writeOwnedFolder } from "../cli";

const USAGE = "usage: npm run policy -- --env <environment> [--stack <stack id>] [--out <folder>]";

export const policyCommand: Command = (context) => {
  const flags = parseFlags(context.args, { env: "an environment name", stack: "a vendor stack id", out: "a folder" }, USAGE);
  if (!flags.env) throw new UsageError(`--env is required\n${USAGE}`);
  const { env, provisioner } = environmentStacks(context, flags.env);
  const stackIds = [...provisioner.policySets.keys()];
  if (flags.stack && !stackIds.includes(flags.stack)) {
    throw new UsageError(`--stack ${JSON.stringify(flags.stack)} is not a vendor stack of ${env.name}; its stacks: ${stackIds.join(", ")}`);
  }
  const out = flags.out ?? `policies/${env.name}`;
  // Ids read from a stack's state at apply time are "*" here: what the first deploy needs.
  const pretty = (value: unknown) => withDeployedFacts(`${JSON.stringify(value, null, 2)}\n`, "*");
  const files: Record<string, string> = {};
  const githubProvider = `arn:aws:iam::${env.account.id}:oidc-provider/${GITHUB_OIDC_HOST}`;
  for (const [stackId, set] of provisioner.policySets) {
    if (flags.stack && stackId !== flags.stack) continue;
    set.documents.forEach((document, i) => (files[`${stackId}/${deployerRoleName(stackId)}-${i + 1}.json`] = pretty(document)));
    files[`${stackId}/${deployerRoleName(stackId)}-trust.json`] = pretty(JSON.parse(renderPolicy(deployerTrust(env, githubProvider))));
    const plan = provisioner.planPolicySets.get(stackId);
    if (plan) {
      plan.documents.forEach((document, i) => (files[`${stackId}/${plannerRoleName(stackId)}-${i + 1}.json`] = pretty(document)));
      files[`${stackId}/${plannerRoleName(stackId)}-trust.json`] = pretty(JSON.parse(renderPolicy(planTrust(env, githubProvider))));
    }
  }
  for (const boundary of provisioner.roleBoundaries) {
    if (!flags.stack || boundary.stackId === flags.stack)
      files[`${boundary.stackId}/boundaries/${boundary.policyName}.json`] = pretty(JSON.parse(renderPolicy(boundary.statements)));
  }
  if (provisioner.scpDocument) files["scp.json"] = pretty(JSON.parse(renderPolicy(provisioner.scpDocument)));
  if (provisioner.rcpDocument) files["rcp.json"] = pretty(JSON.parse(renderPolicy(provisioner.rcpDocument)));
  writeOwnedFolder(out, files, "npm run policy", context.cwd);
  context.print(`Wrote ${Object.keys(files).length} policy documents for ${env.name} to ${out}/:`);
  for (const name of Object.keys(files).sort()) context.print(`  ${name}`);
  if (Object.values(files).some((text) => text.includes(`"ec2:Vpc"`))) {
    context.print(
      "ec2:Vpc is vpc/* here, as the first deploy needs; after it, set it to the stack's vpc_id output (the provisioner stack does this itself when applied again).",
    );
  }
};
