import { EnvironmentConfig } from "../../config";
import { GeneratedPolicy } from "../policy-files";
import { AwsAccess, Finding, PolicyType } from "./aws";

/**
 * `--validate`: the checks AWS offers on policy text. Every generated policy goes to Access
 * Analyzer's ValidatePolicy (as the type IAM attaches it as); each stack's deployer policies,
 * taken together, go to CheckNoNewAccess against the versions deployed in the account, so a
 * change that grants more is named before it merges.
 */

/** Findings of these types fail the check; others (WARNING, SUGGESTION) are shown. */
export const FAILING_FINDINGS = ["ERROR", "SECURITY_WARNING"];

export interface Validation {
  readonly file: string;
  readonly findings: Finding[];
}

export interface NewAccessCheck {
  readonly stackId: string;
  /** PASS, FAIL (grants access the deployed policies do not), or NOT_DEPLOYED (nothing to compare with). */
  readonly result: string;
  readonly message: string;
  readonly reasons: string[];
}

const TYPES: Record<GeneratedPolicy["kind"], { type: PolicyType; resourceType?: string }> = {
  deployer: { type: "IDENTITY_POLICY" },
  "deployer-once-deployed": { type: "IDENTITY_POLICY" },
  planner: { type: "IDENTITY_POLICY" },
  boundary: { type: "IDENTITY_POLICY" },
  trust: { type: "RESOURCE_POLICY", resourceType: "AWS::IAM::AssumeRolePolicyDocument" },
  scp: { type: "SERVICE_CONTROL_POLICY" },
  rcp: { type: "RESOURCE_CONTROL_POLICY" },
};

export async function validatePolicies(
  aws: AwsAccess,
  policies: readonly GeneratedPolicy[],
  progress: (line: string) => void,
): Promise<Validation[]> {
  const validations: Validation[] = [];
  for (const policy of policies) {
    const { type, resourceType } = TYPES[policy.kind];
    validations.push({ file: policy.file, findings: await aws.validatePolicy(compact(policy.text), type, resourceType) });
  }
  progress(`ValidatePolicy: ${validations.length} policies sent`);
  return validations;
}

/** Each stack's deployer policies as one document, against the same parts as deployed. */
export async function checkNewAccess(
  aws: AwsAccess,
  env: EnvironmentConfig,
  policies: readonly GeneratedPolicy[],
  progress: (line: string) => void,
): Promise<NewAccessCheck[]> {
  const checks: NewAccessCheck[] = [];
  const stacks = [...new Set(policies.filter((p) => p.kind === "deployer").map((p) => p.stackId!))];
  for (const stackId of stacks) {
    const parts = policies.filter((p) => p.kind === "deployer" && p.stackId === stackId);
    const deployed: string[] = [];
    for (const part of parts) {
      const text = await aws.deployedPolicy(`arn:aws:iam::${env.account.id}:policy/${part.managedPolicyName}`);
      if (text !== undefined) deployed.push(text);
    }
    if (!deployed.length) {
      checks.push({ stackId, result: "NOT_DEPLOYED", message: "its deployer policies are not in the account yet: nothing to compare", reasons: [] });
      continue;
    }
    const answer = await aws.checkNoNewAccess(together(parts.map((p) => p.text)), together(deployed));
    checks.push({ stackId, ...answer });
  }
  progress(`CheckNoNewAccess: ${checks.length} deployer(s) compared with the account`);
  return checks;
}

const compact = (text: string) => JSON.stringify(JSON.parse(text));

/** Policy parts as one document (the role holds them all: a statement moved between parts is no new access). */
function together(texts: string[]): string {
  const statements = texts.flatMap((text) => ([] as unknown[]).concat((JSON.parse(text) as { Statement: unknown }).Statement));
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function failingFindings(validations: readonly Validation[]): Array<{ file: string; finding: Finding }> {
  return validations.flatMap((v) =>
    v.findings.filter((f) => FAILING_FINDINGS.includes(f.findingType ?? "")).map((finding) => ({ file: v.file, finding })),
  );
}

export function validationLines(validations: readonly Validation[], checks: readonly NewAccessCheck[]): string[] {
  const lines = validations.flatMap((v) =>
    v.findings.map(
      (f) =>
        `${v.file}: ${f.findingType} ${f.issueCode}: ${(f.findingDetails ?? "").replace(/\s+/g, " ")}${f.learnMoreLink ? ` (${f.learnMoreLink})` : ""}`,
    ),
  );
  for (const check of checks) {
    const why = check.reasons.length ? `: ${check.reasons.join("; ")}` : "";
    lines.push(`${check.stackId} deployer against the account: ${check.result}${check.message ? ` (${check.message})` : ""}${why}`);
  }
  return lines;
}
