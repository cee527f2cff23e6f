import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { BackendS3Locked } from "./backend-s3-locked";
import { DynamodbPitrEncryption } from "./dynamodb-pitr-encryption";
import { Ec2NoKeyPair } from "./ec2-no-key-pair";
import { Ec2EncryptedVolumes } from "./ec2-encrypted-volumes";
import { Ec2Imdsv2 } from "./ec2-imdsv2";
import { Ec2NoOpenIngress } from "./ec2-no-open-ingress";
import { EcrImmutableScan } from "./ecr-immutable-scan";
import { EksControlPlaneLogging } from "./eks-control-plane-logging";
import { EksPublicEndpoint } from "./eks-public-endpoint-open";
import { EksSecretsEncryption } from "./eks-secrets-encryption";
import { EksSupportedVersion } from "./eks-supported-version";
import { EksUpgradePolicy } from "./eks-upgrade-policy";
import { EksDeletionProtection } from "./eks-deletion-protection";
import { RdsSecureInstance } from "./rds-secure-instance";
import { HelmChartPinned } from "./helm-chart-pinned";
import { IamNoWildcardActions } from "./iam-no-wildcard-actions";
import { IamOidcTrustConditions } from "./iam-oidc-trust-conditions";
import { IamPermissionsBoundary } from "./iam-permissions-boundary";
import { IamTrustNoWildcard } from "./iam-trust-no-wildcard";
import { K8sNamespaceLabelled } from "./k8s-namespace-labelled";
import { K8sNoKeyLiteral } from "./k8s-no-key-literal";
import { K8sProviderExecAuth } from "./k8s-provider-exec-auth";
import { KmsDeletionWindow } from "./kms-deletion-window";
import { KmsPolicyNoWildcard } from "./kms-policy-no-wildcard";
import { KmsRotation } from "./kms-rotation";
import { LogsRetention } from "./logs-retention";
import { S3KmsEncryption } from "./s3-kms-encryption";
import { S3NoPublicGrant } from "./s3-no-public-grant";
import { S3OwnershipEnforced } from "./s3-ownership-enforced";
import { S3PublicAccessBlock } from "./s3-public-access-block";
import { S3TlsOnly } from "./s3-tls-only";
import { S3Versioning } from "./s3-versioning";
import { SqsEncryptionTls } from "./sqs-encryption-tls";
import { StackSelfContained } from "./stack-self-contained";
import { TagsOwnership } from "./tags-ownership";
import { CheckResult, Finding, ResourceRule, Rule, StackRule, StackRuleContext, StackView, Suppression, SynthResource } from "./types";

export * from "./types";

/** The rule pack, one rule per file. */
export const RULES: readonly Rule[] = [
  S3KmsEncryption,
  S3PublicAccessBlock,
  S3TlsOnly,
  S3Versioning,
  S3OwnershipEnforced,
  S3NoPublicGrant,
  KmsRotation,
  KmsDeletionWindow,
  KmsPolicyNoWildcard,
  EksSecretsEncryption,
  EksControlPlaneLogging,
  EksPublicEndpoint,
  EksSupportedVersion,
  EksUpgradePolicy,
  EksDeletionProtection,
  RdsSecureInstance,
  Ec2Imdsv2,
  Ec2EncryptedVolumes,
  Ec2NoOpenIngress,
  Ec2NoKeyPair,
  IamPermissionsBoundary,
  IamNoWildcardActions,
  IamTrustNoWildcard,
  IamOidcTrustConditions,
  LogsRetention,
  SqsEncryptionTls,
  EcrImmutableScan,
  DynamodbPitrEncryption,
  TagsOwnership,
  BackendS3Locked,
  HelmChartPinned,
  K8sNamespaceLabelled,
  K8sNoKeyLiteral,
  K8sProviderExecAuth,
  StackSelfContained,
];

/** A suppression's reason must say something. */
export const SUPPRESSION_REASON_MIN = 10;
export const SUPPRESSION_RULE_ID = "RULE-SUPPRESSION-REASON";

/**
 * The construct metadata the pack keeps, as cdk-nag keeps its suppressions: a suppression
 * travels with its construct, and a stack carries the context the pack was applied with.
 * cdktf writes no custom metadata into the synthesized JSON.
 */
const SUPPRESSION = "rule-pack:suppression";
const CONTEXT = "rule-pack:context";

/**
 * Turns one rule off for a construct and everything under it, with the reason a
 * reviewer will read (listed in the security report). A reason under ten
 * characters is itself an error.
 */
export function suppressRule(scope: IConstruct, ruleId: string, reason: string): void {
  scope.node.addMetadata(SUPPRESSION, { ruleId, reason });
}

/** The suppressions on a construct and everything under it (a stack, or the whole app). */
export function suppressionsOf(scope: IConstruct): Suppression[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === SUPPRESSION).map((m) => ({ path: c.node.path, ...(m.data as Omit<Suppression, "path">) })),
    );
}

/**
 * Applies the rule pack to a stack: records, on the stack, what the rules need to know
 * about it. `checkSynthesizedApp` checks the stacks that carry it, and no others, over
 * their synthesized JSON, where references are resolved (a construct visit would still
 * see tokens).
 */
export function applyRulePack(stack: TerraformStack, context: StackRuleContext): void {
  stack.node.addMetadata(CONTEXT, context);
}

/** The context the pack was last applied to a stack with, if it was. */
function ruleContextOf(stack: TerraformStack): StackRuleContext | undefined {
  return stack.node.metadata.filter((m) => m.type === CONTEXT).at(-1)?.data as StackRuleContext | undefined;
}

/** Builds the rules' view of one synthesized stack. */
export function stackViewOf(stackId: string, json: any, context: StackRuleContext): StackView {
  const resources: SynthResource[] = Object.entries<Record<string, any>>(json.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries<Record<string, any>>(byId).map(([id, attributes]) => ({
      type,
      id,
      path: attributes["//"]?.metadata?.path ?? `${stackId}/${id}`,
      attributes,
    })),
  );
  const byType = new Map<string, SynthResource[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  return {
    stackId,
    context,
    resources,
    defaultTags: json.provider?.aws?.find((p: any) => !p.alias)?.default_tags?.[0]?.tags ?? {},
    providers: json.provider ?? {},
    backend: json.terraform?.backend ?? {},
    document: json,
    ofType: (type) => byType.get(type) ?? [],
    referring: (type, attribute, target) =>
      (byType.get(type) ?? []).filter((r) => String(r.attributes[attribute] ?? "").includes(`${target.type}.${target.id}.`)),
  };
}

/** Runs every rule over a stack, minus the suppressed ones. */
export function checkStack(view: StackView, active: readonly Suppression[] = [], rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const s of active) {
    if (s.reason.trim().length < SUPPRESSION_REASON_MIN) {
      findings.push({
        stackId: view.stackId,
        path: s.path,
        ruleId: SUPPRESSION_RULE_ID,
        level: "error",
        message: `suppression of ${s.ruleId} has no real reason (${JSON.stringify(s.reason)}); write at least ${SUPPRESSION_REASON_MIN} characters saying why`,
        fix: "Give the suppression a reason a reviewer can judge, or fix the finding.",
      });
    }
  }
  const suppressed = (ruleId: string, path: string) =>
    active.some((s) => s.ruleId === ruleId && s.reason.trim().length >= SUPPRESSION_REASON_MIN && (path === s.path || path.startsWith(`${s.path}/`)));
  const report = (rule: Rule, path: string, result: CheckResult) => {
    if (result === undefined) return;
    const { detail, level } = typeof result === "string" ? { detail: result, level: rule.level } : result;
    findings.push({ stackId: view.stackId, path, ruleId: rule.id, level, message: `${rule.finding}: ${detail}`, fix: rule.fix });
  };
  for (const rule of rules) {
    if (rule.appliesTo === "stack") {
      if (!suppressed(rule.id, view.stackId)) report(rule, view.stackId, (rule as StackRule).check(view));
      continue;
    }
    const resourceRule = rule as ResourceRule;
    for (const target of resourceRule.appliesTo.flatMap((t) => view.ofType(t))) {
      if (!suppressed(rule.id, target.path)) report(rule, target.path, resourceRule.check(target, view));
    }
  }
  return findings;
}

export class RuleViolationError extends Error {
  constructor(readonly findings: Finding[]) {
    super(
      `Security rules failed (${findings.filter((f) => f.level === "error").length} errors):\n${formatFindings(findings.filter((f) => f.level === "error"))}`,
    );
    this.name = "RuleViolationError";
  }
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.level.toUpperCase()} ${f.ruleId} ${f.stackId} ${f.path}\n      ${f.message}\n      fix: ${f.fix}`).join("\n");
}

/** Checks every stack the pack was applied to, from the synthesized output in `outdir`. */
export function checkSynthesizedApp(root: IConstruct, outdir: string): Finding[] {
  return root.node.findAll().flatMap((node) => {
    const context = node instanceof TerraformStack ? ruleContextOf(node) : undefined;
    if (!context) return [];
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", node.node.id, "cdk.tf.json"), "utf8"));
    return checkStack(stackViewOf(node.node.id, json, context), suppressionsOf(node));
  });
}
