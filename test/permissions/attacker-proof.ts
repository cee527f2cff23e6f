import { PolicyDocument, PolicyStatement } from "../../lib/policy-document";
import { ArnContext, typePermissionsFor } from "../../permissions/types";
import { TAG_ACTIONS, UNTAG_ACTIONS } from "../../permissions/derive";
import { StackModel } from "../../permissions/model";
import { residualFor, residualsOf } from "../../permissions/review/residual-risks";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { deployedPolicies, DeployPhase } from "./deployed-policies";
import { eksOidcProviderPattern } from "../../permissions/types/iam/shared";
import { planObjectPrefix } from "../../config/naming";
import { partitionOf } from "../../config/aws";
import { DeployedEnvironment } from "./fixtures";
import { deployedFactsOf } from "../../permissions/sample-world";
import { decide, Decision } from "./harness";
import { actionTouches, concreteArn, RequestShape } from "../../permissions/action-data";

/**
 * The deployer judged as an attacker who holds it (a compromised CI job) would use it:
 * every action it is allowed, sent with the stack's own tags, against resources that are
 * not the stack's — untagged ones, the other vendor's, a sibling stack's, an AWS-created
 * lookalike, the state backend's — must be denied, except the residual risks the report
 * lists with their reason (`permissions/review/residual-risks.ts`).
 */

const asList = (value: string | string[] | undefined) => ([] as string[]).concat(value ?? []);
const TAGGING = new Set([...TAG_ACTIONS, ...UNTAG_ACTIONS]);

/**
 * Condition keys the attacker cannot choose or that describe the target, not the request. aws:ViaAWSService
 * is among them: only an AWS service acting for the caller sends it true (RDS creating the master user's
 * secret for a database the stack may create), and that service chooses what it touches; the attacker's
 * own calls send false.
 */
const TARGET_KEYS = /^(aws:RequestTag\/|aws:ResourceTag\/|aws:TagKeys$|kms:ResourceAliases$|ec2:CreateAction$|aws:ViaAWSService$)/;

/** The values that satisfy a statement's other conditions (boundary, attached policy, ...): the attack is about the target alone. */
function satisfyingContext(statement: PolicyStatement): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (operator === "Null") continue;
    for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
      if (TARGET_KEYS.test(key)) continue;
      const values = asList(value as string | string[]);
      context[key] = operator.startsWith("ForAllValues") || operator.startsWith("ForAnyValue") ? values.slice(0, 1) : values[0];
    }
  }
  return context;
}

export interface ForeignTarget {
  readonly name: string;
  readonly resourceTags: Record<string, string>;
  /** Context the target brings (a key's aliases). */
  readonly context?: Record<string, string | string[]>;
}

/** The resources an attacker aims at, for one stack. */
export function foreignTargets(ownKey: string, scope: { key: string; value: string } | undefined, otherVendorKeys: string[]): ForeignTarget[] {
  return [
    { name: "an untagged resource", resourceTags: {} },
    { name: "another team's tagged resource", resourceTags: { team: "finance" } },
    { name: "another vendor's resource", resourceTags: Object.fromEntries(otherVendorKeys.map((k) => [k, "true"])) },
    ...(scope ? [{ name: "a sibling stack's resource", resourceTags: { [ownKey]: "true", [scope.key]: "another-stack" } }] : []),
    { name: "an AWS-created resource of another cluster", resourceTags: { "aws:eks:cluster-name": "another-cluster" } },
    { name: "an untagged key with someone else's alias", resourceTags: {}, context: { "kms:ResourceAliases": ["alias/finance-data"] } },
  ];
}

export interface AttackCase {
  readonly stackId: string;
  readonly sid: string;
  readonly action: string;
  readonly pattern: string;
  readonly target: ForeignTarget;
  readonly shape: RequestShape;
}

/** (action, pattern) pairs whose call creates the resource at the pattern: a foreign resource cannot stand there. */
function createdPairs(model: StackModel, ctx: ArnContext): Set<string> {
  const pairs = new Set<string>();
  for (const instance of model.instances) {
    for (const rule of typePermissionsFor(instance).rules) {
      if (rule.gate.kind !== "request-tag") continue;
      for (const pattern of (rule.resources ?? typePermissionsFor(instance).arns)(instance, ctx)) {
        for (const action of rule.actions) if (!TAGGING.has(action)) pairs.add(`${action}|${pattern}`);
      }
    }
  }
  return pairs;
}

/**
 * Every (allowed action, ARN pattern with an AWS-chosen id) of a stack's policies against every
 * foreign target. Exact names are the stack's own by construction (the main proof denies a
 * name the stack does not own); `*` resources are the read-only wildcard list.
 */
export function attackCases(
  deployment: DeployedEnvironment,
  stackId: string,
  model: StackModel,
  statements: PolicyStatement[],
  phase: DeployPhase = "after the first deploy",
): AttackCase[] {
  const { env, provisioner } = deployment;
  const set = provisioner.policySets.get(stackId)!;
  const { ownershipTag, scopeTag } = set.derived;
  // What a create's ARN is, as the provisioner writes it in this phase (before the first deploy, the patterns it reads then).
  const facts = deployedFactsOf(env, stackId);
  const deployed =
    phase === "first deploy"
      ? { vpcId: "*", oidcProviderArn: eksOidcProviderPattern({ partition: "aws", region: env.account.region, account: env.account.id }) }
      : facts;
  const ctx: ArnContext = { partition: "aws", region: env.account.region, account: env.account.id, model, deployed };
  const created = createdPairs(model, ctx);
  const requestTags = { ...model.defaultTags, [ownershipTag.key]: ownershipTag.value, ...(scopeTag ? { [scopeTag.key]: scopeTag.value } : {}) };
  const otherVendorKeys = set.derived.statements
    .filter((s) => s.Sid?.startsWith("DenyTaggingOtherVendors"))
    .flatMap((s) => Object.keys(s.Condition!.Null))
    .map((k) => k.split("/").slice(1).join("/"));
  const targets = foreignTargets(ownershipTag.key, scopeTag, otherVendorKeys.length ? otherVendorKeys : ["someone.else/managed"]);
  const ownPlans = `arn:${partitionOf(env.stateBackend.region)}:s3:::${env.stateBackend.bucket}/${planObjectPrefix(env.stateBackend, stackId)}*`;
  const cases: AttackCase[] = [];
  // One request per (action, pattern, target): the decision weighs every statement anyway.
  const seen = new Map<string, AttackCase>();
  for (const statement of statements.filter((s) => s.Effect === "Allow")) {
    for (const pattern of asList(statement.Resource as string | string[])) {
      // Exact names are the stack's own; a log group's trailing ":*" is its streams, not an AWS-chosen id;
      // the stack's reviewed plans are named by the workflow's run under a prefix of the state bucket only it writes.
      if (pattern === "*" || !pattern.replace(/:log-group:[^*]+:\*$/, "").includes("*") || pattern === ownPlans) continue;
      for (const action of asList(statement.Action as string | string[])) {
        if (action === "iam:PassRole" || created.has(`${action}|${pattern}`)) continue;
        const isKey = pattern.includes(":key/");
        for (const target of targets) {
          // The alias target is about keys; the others are about everything.
          if (target.context && !isKey) continue;
          const key = `${action}|${pattern}|${target.name}`;
          const earlier = seen.get(key);
          if (earlier) {
            // The same request must also satisfy this statement's other conditions.
            Object.assign(earlier.shape.context!, satisfyingContext(statement));
            continue;
          }
          const attack: AttackCase = {
            stackId,
            sid: statement.Sid ?? "",
            action,
            pattern,
            target,
            shape: {
              region: env.account.region,
              requestTags,
              resourceTags: target.resourceTags,
              context: { ...satisfyingContext(statement), ...(target.context ?? {}) },
            },
          };
          seen.set(key, attack);
          cases.push(attack);
        }
      }
    }
  }
  return cases;
}

const allowed = (d: Decision) => d === "Allowed";

/** Declares the attacker's proof for one environment's vendor stacks, against the policies the provisioner deploys. */
export function proveAgainstAttacker(label: string, deployment: () => DeployedEnvironment): void {
  describe(`the deployers of ${label}, used by an attacker`, () => {
    it.each(["first deploy", "after the first deploy"] as const)(
      "are denied every allowed action on every foreign resource it could touch, but for the listed residual risks (%s)",
      async (phase) => {
        const { env, provisioner, models } = deployment();
        const deployed = deployedPolicies(env, phase);
        const failures: string[] = [];
        const residualsSeen = new Set<string>();
        let count = 0;
        for (const [stackId, model] of models) {
          const policies: PolicyDocument[] = deployed.roles.get(deployerRoleName(stackId))!;
          const principal = `arn:aws:iam::${env.account.id}:role/${deployerRoleName(stackId)}`;
          for (const c of attackCases(
            deployment(),
            stackId,
            model,
            policies.flatMap((d) => d.Statement),
            phase,
          )) {
            const resource = concreteArn(c.pattern);
            if (!(await actionTouches(c.action, resource))) continue;
            count++;
            const decision = await decide({
              principal,
              action: c.action,
              resource,
              account: env.account.id,
              identityPolicies: policies,
              shape: c.shape,
            });
            const residual = residualFor(c.action, c.pattern, c.target.name);
            if (residual) {
              if (allowed(decision)) residualsSeen.add(`${stackId}|${residual.id}`);
              continue;
            }
            if (allowed(decision)) failures.push(`${c.stackId} ${c.sid}: ${c.action} on ${c.target.name} (${resource}) is ${decision}`);
          }
        }
        expect(count).toBeGreaterThan(50);
        expect(failures).toEqual([]);
        // Every residual met here is one the stack's policies, as deployed in this phase, list.
        for (const seen of residualsSeen) {
          const [stackId] = seen.split("|");
          const statements = deployed.roles.get(deployerRoleName(stackId))!.flatMap((d) => d.Statement);
          const shape = provisioner.policySets.get(stackId)!.derived.shape;
          expect(residualsOf(statements, shape, models.get(stackId)).map((r) => `${stackId}|${r.id}`)).toContain(seen);
        }
      },
    );
  });
}
