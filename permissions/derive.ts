import { EnvironmentConfig, OwnershipTag } from "../config";
import { DeployerShape, shapeOf } from "../config/environment-kind";
import { partitionOf } from "../config/aws";
import { asList, PolicyConditions, PolicyStatement } from "../lib/policy-document";
import { ArnContext, DeployedFacts, Gate, typePermissionsFor } from "./types";
import { gatedCalls } from "./gates";
import { literalsOf, StackModel, tagKeysOf } from "./model";
import { Candidate, keyOf, mergeCandidates, mergeConditions } from "./merge";
import { backendStatements } from "./backend-statements";
import { deployerDenies } from "./denies";

export { DeployerShape, shapeOf } from "../config/environment-kind";
export { backendStatements } from "./backend-statements";
export {
  denyTaggingOtherValues,
  deployerDenies,
  STAGING_DENIED,
  STAGING_PROTECTED_UPDATES,
  stagingProtection,
  TAG_ACTIONS,
  UNTAG_ACTIONS,
} from "./denies";

/** A statement with `*` resources, and why. */
export interface WildcardGrant {
  readonly sid: string;
  readonly actions: string[];
  readonly reason: string;
}

export interface DerivedPermissions {
  readonly stackId: string;
  readonly shape: DeployerShape;
  readonly ownershipTag: OwnershipTag;
  /** The stack's own tag (cluster or deployment name), required next to the ownership tag. */
  readonly scopeTag?: OwnershipTag;
  /** Tag keys the stack sends: the only keys creates may carry. */
  readonly tagKeys: string[];
  /** Allow statements, then the denies that hold whatever they say. */
  readonly statements: PolicyStatement[];
  readonly wildcards: WildcardGrant[];
  /** Roles the deployer may pass, with the services they may be passed to (each handed over by a resource of the stack). */
  readonly passRoles: Array<{ roleArn: string; services: string[] }>;
}

/** What else the provisioner knows when it derives one stack's deployer. */
export interface DerivationOptions {
  /**
   * Ownership tag keys of the other vendors in the environment: a resource that
   * carries one is never tagged or untagged by this deployer.
   */
  readonly otherOwnershipKeys?: readonly string[];
  /** Ids read back from the stack's state after its first deploy. */
  readonly deployed?: DeployedFacts;
  /**
   * The plan role's permissions instead of the deployer's: the catalogue's reads of the
   * stack's resources, the state object read, and the lock (item, or lock file) only.
   */
  readonly readOnly?: boolean;
}

/**
 * The deployer's permissions for one stack, derived from what the stack declares
 * (its resources and their names and tags) through the catalogue.
 */
export function derivePermissions(
  model: StackModel,
  environment: EnvironmentConfig,
  ownershipTag: OwnershipTag,
  scopeTag?: OwnershipTag,
  options: DerivationOptions = {},
): DerivedPermissions {
  const shape = shapeOf(environment);
  const ctx: ArnContext = {
    partition: partitionOf(environment.account.region),
    region: environment.account.region,
    account: environment.account.id,
    model,
    deployed: options.deployed,
  };
  const tagKeys = tagKeysOf(model);
  const candidates = candidatesOf(model, ctx, shape, tagKeys, ownershipTag, scopeTag, options);
  const merged = mergeCandidates(candidates);
  const wildcards: WildcardGrant[] = [];
  const statements: PolicyStatement[] = [];
  const sids = new Map<string, number>();
  for (const c of merged) {
    const actions = [...c.actions].sort();
    const base = `${GATE_SID[c.gate]}${serviceSid(actions)}`;
    const count = (sids.get(base) ?? 0) + 1;
    sids.set(base, count);
    const sid = count === 1 ? base : `${base}${count}`;
    statements.push({
      Sid: sid,
      Effect: "Allow",
      Action: actions,
      Resource: c.resources.length === 1 ? c.resources[0] : c.resources,
      ...(Object.keys(c.conditions).length ? { Condition: c.conditions } : {}),
    });
    if (c.resources.includes("*"))
      wildcards.push({ sid, actions, reason: c.reason ?? "the create call has no resource ARN; the ownership request tag is its gate" });
  }

  statements.push(...backendStatements(environment.stateBackend, model.stackId, environment.account.id, options.readOnly ? "plan" : "deploy"));
  statements.push(
    ...deployerDenies(
      environment,
      [ownershipTag, ...(scopeTag ? [scopeTag] : [])],
      literalsOf(model, "aws_iam_role", "permissions_boundary"),
      shape,
      options.otherOwnershipKeys ?? [],
    ),
  );
  return { stackId: model.stackId, shape, ownershipTag, scopeTag, tagKeys, statements, wildcards, passRoles: passRolesOf(statements) };
}

const GATE_SID: Record<Gate["kind"], string> = {
  "request-tag": "CreateTagged",
  "tag-on-create": "TagOnCreate",
  "resource-tag": "ManageTagged",
  name: "OwnNames",
  adopt: "AdoptDefault",
  unscoped: "Unscoped",
};

function serviceSid(actions: string[]): string {
  const services = [...new Set(actions.map((a) => a.split(":")[0]))];
  return services.map((s) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())).join("");
}

/**
 * One candidate statement per rule of each of the stack's resources (and data sources), holding
 * the calls of that resource the rule confines: the planner's are the refresh and import calls,
 * the deployer's every call of create, update (per argument the resource sets) and delete.
 */
function candidatesOf(
  model: StackModel,
  ctx: ArnContext,
  shape: ReturnType<typeof shapeOf>,
  tagKeys: string[],
  ownershipTag: OwnershipTag,
  scopeTag: OwnershipTag | undefined,
  options: DerivationOptions,
): Candidate[] {
  // A gate's conditions (and their JSON), made once: most rules add none of their own, and no candidate changes them.
  const conditionsOfGate = new Map<Gate, { conditions: PolicyConditions; key: string }>();
  const gated = (gate: Gate) => {
    let entry = conditionsOfGate.get(gate);
    if (!entry) {
      const conditions = gateConditions(gate, ownershipTag, tagKeys, scopeTag);
      conditionsOfGate.set(gate, (entry = { conditions, key: keyOf(conditions) }));
    }
    return entry;
  };
  const candidates: Candidate[] = [];
  const role = options.readOnly ? "planner" : "deployer";
  for (const instance of model.instances) {
    const entry = typePermissionsFor(instance);
    for (const [rule, actions] of gatedCalls(entry, instance, role, shape)) {
      const resources = rule.gate.kind === "unscoped" ? ["*"] : (rule.resources ?? entry.arns)(instance, ctx);
      if (resources.length === 0) continue;
      const gate = gated(rule.gate);
      const own = rule.conditions?.(instance, ctx);
      const conditions = own ? mergeConditions(gate.conditions, own) : gate.conditions;
      candidates.push({
        actions,
        resources: [...new Set(resources)].sort(),
        conditions,
        conditionsKey: own ? keyOf(conditions) : gate.key,
        gate: rule.gate.kind,
        reason: "reason" in rule.gate ? rule.gate.reason : undefined,
      });
    }
  }
  return candidates;
}

/**
 * The gate's conditions. The scope tag (IOMETE's cluster name, Poolside's
 * deployment) joins the vendor's ownership tag, so one stack's deployer cannot
 * touch another stack of the same vendor in the same account.
 */
function gateConditions(gate: Gate, tag: OwnershipTag, tagKeys: string[], scope?: OwnershipTag): PolicyConditions {
  const requestTag = { [`aws:RequestTag/${tag.key}`]: tag.value, ...(scope ? { [`aws:RequestTag/${scope.key}`]: scope.value } : {}) };
  const resourceTag = { [`aws:ResourceTag/${tag.key}`]: tag.value, ...(scope ? { [`aws:ResourceTag/${scope.key}`]: scope.value } : {}) };
  const onlyStackKeys = { "ForAllValues:StringEquals": { "aws:TagKeys": tagKeys } };
  switch (gate.kind) {
    case "request-tag":
      return { StringEquals: requestTag, ...onlyStackKeys };
    case "tag-on-create":
      return {
        StringEquals: { ...requestTag, "ec2:CreateAction": gate.createActions.length === 1 ? gate.createActions[0] : gate.createActions },
        ...onlyStackKeys,
      };
    case "adopt":
      // Only a group that carries no ownership tag yet: nobody else's.
      return { StringEquals: requestTag, ...onlyStackKeys, Null: { [`aws:ResourceTag/${tag.key}`]: "true" } };
    case "resource-tag":
      return { StringEquals: resourceTag };
    case "name":
    case "unscoped":
      return {};
  }
}

/** The roles the statements let the deployer pass, with the services each may be passed to. */
function passRolesOf(statements: PolicyStatement[]): Array<{ roleArn: string; services: string[] }> {
  const roles = new Map<string, Set<string>>();
  for (const s of statements.filter((s) => s.Effect === "Allow" && asList(s.Action).includes("iam:PassRole"))) {
    const services = asList(s.Condition?.StringEquals?.["iam:PassedToService"]);
    for (const roleArn of asList(s.Resource)) services.forEach((service) => roles.set(roleArn, (roles.get(roleArn) ?? new Set()).add(service)));
  }
  return [...roles].map(([roleArn, services]) => ({ roleArn, services: [...services].sort() })).sort((x, y) => x.roleArn.localeCompare(y.roleArn));
}
