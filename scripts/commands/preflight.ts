/**
 * `npm run preflight -- --env <env> [--stack <id>] [--out <file>] [--mfa true|false]`: asks AWS
 * itself what the offline proof proves. For each vendor stack of the environment, IAM's
 * SimulatePrincipalPolicy gets the deployer and planner roles as deployed in the account, with the
 * requests the proof makes; the command reports where IAM disagrees and exits 0 only when it
 * agrees everywhere. `--validate` instead sends every generated policy to Access Analyzer.
 */
import * as fs from "fs";
import * as path from "path";
import { EnvironmentConfig } from "../../config";
import { sampleDeployedFacts } from "../../permissions/sample-world";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { Command, CommandContext, environmentStacks, parseFlags, UsageError } from "../cli";
import { writeFileWhole } from "../owned-folder";
import { generatedPolicies } from "../policy-files";
import { AwsAccess, awsAccess, PreflightError } from "../preflight/aws";
import { NOT_SEEN_BY_IAM, PreflightReport, renderMarkdown, stackReport, StackReport, summaryLines } from "../preflight/report";
import { preflightRequests, PreflightStack } from "../preflight/requests";
import { batchesOf, simulate } from "../preflight/simulation";
import { deployedFactsOfAccount } from "../preflight/facts";
import { checkNewAccess, failingFindings, validatePolicies, validationLines } from "../preflight/validate";

const USAGE = "usage: npm run preflight -- --env <environment> [--stack <stack id>] [--out <file.md|file.json>] [--mfa true|false] [--validate]";
const ABOUT =
  "Asks IAM (SimulatePrincipalPolicy) whether the deployer and planner roles deployed in the account allow what the offline proof " +
  "says they allow and deny what it says they deny, with the same requests; exits 0 only when AWS agrees. Uses the AWS SDK's " +
  "standard credentials and endpoint settings (AWS_PROFILE, AWS_ENDPOINT_URL_IAM, ...). With --validate, sends every generated " +
  "policy to Access Analyzer's ValidatePolicy and each deployer's to CheckNoNewAccess against the account's version instead.";
const FLAGS = {
  env: "an environment name (required)",
  stack: "one vendor stack id of that environment (default: all)",
  out: "also write the report to this file: .md for Markdown, .json for JSON (replaces only a report this command wrote)",
  mfa: "true or false: aws:MultiFactorAuthPresent as a person's session has it (default: absent, as in a CI session)",
  validate: "check the generated policies' text with Access Analyzer instead of simulating (no value)",
};
/** What marks a report this command wrote, so that --out replaces nothing else. */
const MARK = { md: "<!-- written by npm run preflight -->", json: '"writtenBy": "npm run preflight"' };

export const preflightCommand: Command = async (context) => {
  const flags = parseFlags(context.args, FLAGS, USAGE, ABOUT, ["validate"]);
  if (!flags.env) throw new UsageError(`--env is required\n${USAGE}`);
  if (flags.mfa !== undefined && !["true", "false"].includes(flags.mfa)) {
    throw new UsageError(`--mfa ${JSON.stringify(flags.mfa)} is not allowed; allowed: true, false (or leave it out: the key is absent)`);
  }
  const out = flags.out === undefined ? undefined : reportFile(context, flags.out);
  // --validate sends the documents as the provisioner deploys them (what `npm run policy` writes); a simulation asks
  // the proof's requests, in the world the proof takes the stacks to live in.
  const { env, provisioner } = environmentStacks(context, flags.env, flags.validate ? {} : { deployedFacts: (e) => sampleDeployedFacts([e]) });
  const stackIds = provisioner.vendors.map((v) => v.model.stackId);
  if (flags.stack && !stackIds.includes(flags.stack)) {
    throw new UsageError(`--stack ${JSON.stringify(flags.stack)} is not a vendor stack of ${env.name}; its stacks: ${stackIds.join(", ")}`);
  }
  const aws = awsAccess(env.account.region);
  const caller = await aws.callerIdentity();
  if (caller.account !== env.account.id) {
    throw new PreflightError(
      `The credentials are for account ${caller.account} (${caller.arn}), but ${env.name} deploys into ${env.account.id}; use credentials of that account.`,
    );
  }
  if (flags.validate) return validate(context, aws, { env, provisioner, stack: flags.stack }, out);
  const facts = await deployedFactsOfAccount(aws, env, stackIds);
  for (const [stackId, { source }] of facts) context.warn(`${stackId}: deployed ids ${source}`);
  // Stacks narrowed to what their first deploy made are asked about those ids, as the account's deployer has them.
  const world = [...facts.values()].some((f) => f.readFromAccount)
    ? environmentStacks(context, flags.env, { deployedFacts: () => new Map([...facts].map(([id, f]) => [id, f.facts])) }).provisioner
    : provisioner;
  const stacks: PreflightStack[] = world.vendors
    .filter((v) => !flags.stack || v.model.stackId === flags.stack)
    .map((v) => ({
      stackId: v.model.stackId,
      model: v.model,
      deployer: world.policySets.get(v.model.stackId)!,
      planner: world.planPolicySets.get(v.model.stackId),
      facts: facts.get(v.model.stackId)?.facts,
    }));
  const reports: StackReport[] = [];
  for (const stack of stacks) {
    const { requests, unresolved } = await preflightRequests(env, stack, world.policySets, {
      mfa: flags.mfa === undefined ? undefined : flags.mfa === "true",
    });
    const batches = await batchesOf(requests);
    const step = Math.max(1, Math.ceil(batches.length / 10));
    const answers = await simulate(aws, batches, (done) => {
      if (done % step === 0 || done === batches.length) context.warn(`${stack.stackId}: ${done}/${batches.length} SimulatePrincipalPolicy calls`);
    });
    const documents = { deployer: stack.deployer.documents, ...(stack.planner ? { planner: stack.planner.documents } : {}) };
    const source = facts.get(stack.stackId)?.source ?? "none: it has no deployed ids";
    reports.push({ ...stackReport(stack.stackId, requests, answers, batches.length, documents, unresolved), deployedIds: source });
  }
  const report: PreflightReport = {
    environment: env.name,
    account: env.account.id,
    region: env.account.region,
    caller: caller.arn,
    mfa: flags.mfa === undefined ? "absent" : (flags.mfa as "true" | "false"),
    agrees: reports.every((r) => r.disagreements.length === 0),
    stacks: reports,
    notSeen: NOT_SEEN_BY_IAM,
  };
  for (const line of summaryLines(report)) context.print(line);
  if (out) write(context, out, renderMarkdown(report), report);
  return report.agrees ? 0 : 1;
};

async function validate(
  context: CommandContext,
  aws: AwsAccess,
  scope: { env: EnvironmentConfig; provisioner: ProvisionerStack; stack?: string },
  out: ReportFile | undefined,
): Promise<number> {
  const { env, provisioner } = scope;
  const { policies } = generatedPolicies(env, provisioner, scope.stack);
  const validations = await validatePolicies(aws, policies, (line) => context.warn(line));
  const checks = await checkNewAccess(aws, env, policies, (line) => context.warn(line));
  const failing = failingFindings(validations);
  const newAccess = checks.filter((c) => c.result === "FAIL");
  const lines = validationLines(validations, checks);
  for (const line of lines) context.print(line);
  const passed = !failing.length && !newAccess.length;
  context.print(
    passed
      ? `Access Analyzer: ${policies.length} policies with no ERROR or SECURITY_WARNING finding; no deployer grants access its deployed version does not.`
      : `Access Analyzer: ${failing.length} ERROR or SECURITY_WARNING finding(s); ${newAccess.length} deployer(s) grant access their deployed version does not (${newAccess.map((c) => c.stackId).join(", ") || "none"}).`,
  );
  if (out) {
    const markdown = [`# Policy validation of ${env.name}`, "", passed ? "**Passed.**" : "**Failed.**", "", ...lines.map((l) => `- ${l}`), ""].join(
      "\n",
    );
    write(context, out, markdown, { environment: env.name, passed, validations, newAccess: checks });
  }
  return passed ? 0 : 1;
}

interface ReportFile {
  readonly file: string;
  readonly format: "md" | "json";
}

/** Where --out writes, checked before anything is asked of AWS: a .md or .json file that is new or a report of ours. */
function reportFile(context: CommandContext, given: string): ReportFile {
  const file = path.resolve(context.invokedFrom, given);
  const format = path.extname(file).toLowerCase().slice(1);
  if (format !== "md" && format !== "json") {
    throw new UsageError(`--out ${JSON.stringify(given)} must end in .md (Markdown) or .json (JSON)`);
  }
  if (fs.existsSync(file)) {
    if (!fs.statSync(file).isFile()) throw new UsageError(`--out ${JSON.stringify(given)} is a folder; name a file`);
    if (!fs.readFileSync(file, "utf8").includes(MARK[format])) {
      throw new UsageError(
        `--out ${JSON.stringify(given)} exists and is not a report npm run preflight wrote; it is left as it is: name another file`,
      );
    }
  }
  return { file, format };
}

function write(context: CommandContext, out: ReportFile, markdown: string, value: object): void {
  const text = out.format === "md" ? `${MARK.md}\n${markdown}` : `${JSON.stringify({ writtenBy: "npm run preflight", ...value }, null, 2)}\n`;
  writeFileWhole(out.file, text);
  context.print(`Wrote ${path.relative(context.invokedFrom, out.file) || out.file}.`);
}
