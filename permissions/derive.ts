import { EnvironmentConfig, OwnershipTag, StateBackendConfig } from "../config";
import { DeployerShape, shapeOf } from "../config/environment-kind";
import { partitionOf } from "../config/aws";
import { asList, PolicyConditions, PolicyStatement } from "../lib/policy-document";
import { planObjectPrefix, stateKey, stateKeyAlias } from "../config/naming";
import { ArnContext, DeployedFacts, Gate, typePermissionsFor } from "./types";
import { gatedCalls } from "./gates";
import { literalsOf, StackModel, tagKeysOf } from "./model";
import { regionalArn, s3Arn } from "../lib/arn";

export { DeployerShape, shapeOf } from "../config/environment-kind";

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
  /** Allow statements, then the guardrail denies. */
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

/** Services whose APIs are global (their calls carry us-east-1 or no region). */
export const GLOBAL_SERVICES = ["iam", "sts", "organizations", "support", "pricing"];

interface Candidate {
  actions: Set<string>;
  resources: string[];
  conditions: PolicyConditions;
  /** The conditions as JSON: what the merges compare, spelled once per candidate (there are thousands). */
  conditionsKey: string;
  gate: Gate["kind"];
  reason?: string;
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
    ...guardrails(
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
const conditionKeys = new Map<string, string>();
/** A short key per distinct set of conditions: candidates are grouped by it. */
function keyOf(conditions: PolicyConditions): string {
  const text = JSON.stringify(conditions);
  let key = conditionKeys.get(text);
  if (key === undefined) conditionKeys.set(text, (key = `c${conditionKeys.size}`));
  return key;
}

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

function mergeConditions(a: PolicyConditions, b: PolicyConditions): PolicyConditions {
  const result: PolicyConditions = { ...a };
  for (const [operator, keys] of Object.entries(b)) result[operator] = { ...(result[operator] ?? {}), ...keys };
  return result;
}

/**
 * Joins candidates of one service that share gate and conditions into one
 * statement. The action-resource pairs this adds are inert: each action applies
 * only to its own resource types, and every ARN is the stack's own or tag-gated.
 */
function mergeCandidates(candidates: Candidate[]): Candidate[] {
  const byService = new Map<string, Candidate>();
  // EC2's tag-on-create statements join into one: CreateTags during any of the stack's creates.
  const tagOnCreate = candidates.filter((c) => c.gate === "tag-on-create");
  if (tagOnCreate.length > 1) {
    const createActions = [
      ...new Set(tagOnCreate.flatMap((c) => ([] as string[]).concat(c.conditions.StringEquals["ec2:CreateAction"] as string | string[]))),
    ].sort();
    const first = tagOnCreate[0];
    const conditions = { ...first.conditions, StringEquals: { ...first.conditions.StringEquals, "ec2:CreateAction": createActions } };
    candidates = [
      ...candidates.filter((c) => c.gate !== "tag-on-create"),
      { ...first, resources: [...new Set(tagOnCreate.flatMap((c) => c.resources))].sort(), conditions, conditionsKey: keyOf(conditions) },
    ];
  }
  const joinable = joinableWithout(candidates);
  for (const [index, c] of mergeSameShape(candidates).entries()) {
    const services = [...new Set([...c.actions].map((a) => a.split(":")[0]))];
    // Candidates spanning services, and the wildcard reads (each with its reason), stay on their own.
    // A create's statement never lists another action's resources: a request tag vouches only for
    // what the call creates, so an existing parent (the VPC of a subnet) must never sit under it,
    // even where EC2 would evaluate the tag per created type (AWS's own examples keep them apart).
    const vouchedByRequestTag = c.gate === "request-tag" || c.gate === "adopt";
    const shapeKey = vouchedByRequestTag ? `${[...c.actions].sort().join(",")}|${c.resources.join(",")}` : "";
    const key = services.length === 1 && c.gate !== "unscoped" ? `${c.gate}|${c.conditionsKey}|${services[0]}|${shapeKey}` : `own-${index}`;
    // The first statement of the key it can join without widening, else a statement of its own.
    let slot = 0;
    while (byService.has(`${key}#${slot}`) && !joinable(byService.get(`${key}#${slot}`)!, c)) slot++;
    const existing = byService.get(`${key}#${slot}`);
    if (existing) {
      c.actions.forEach((a) => existing.actions.add(a));
      existing.resources = [...new Set([...existing.resources, ...c.resources])].sort();
    } else byService.set(`${key}#${slot}`, { ...c, actions: new Set(c.actions) });
  }
  return [...byService.values()];
}

const arnTypes = new Map<string, string>();
/** The resource type an ARN names (`role`, `vpc`, `log-group`, `bucket` for an S3 ARN without a key). */
function arnTypeOf(arn: string): string {
  let type = arnTypes.get(arn);
  if (type === undefined) {
    const [, , service, , , ...rest] = arn.split(":");
    const resource = rest.join(":");
    type = service === "s3" ? (resource.includes("/") ? "object" : "bucket") : resource.split(/[/:]/)[0];
    arnTypes.set(arn, type);
  }
  return type;
}

/**
 * Whether two candidates join into one statement without granting more than they do apart: a
 * joined statement grants every action on every resource, so each new (action, resource) pair
 * must be one the action cannot act on. An action acts on a resource type if some candidate
 * grants it on a resource of that type: UpdateAssumeRolePolicy on one role never joins TagRole
 * on every role (it would reach them all), while DeleteVpc joins ModifySubnetAttribute (a VPC
 * action never acts on a subnet).
 */
function joinableWithout(candidates: Candidate[]): (a: Candidate, b: Candidate) => boolean {
  const granted = new Map<string, Set<string>>();
  const typesOf = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const action of c.actions) {
      const types = typesOf.get(action) ?? new Set<string>();
      const resources = granted.get(action) ?? new Set<string>();
      for (const resource of c.resources) {
        resources.add(resource);
        types.add(arnTypeOf(resource));
      }
      typesOf.set(action, types);
      granted.set(action, resources);
    }
  }
  const widens = (actions: Iterable<string>, resources: readonly string[]) => {
    for (const action of actions) {
      const own = granted.get(action);
      const types = typesOf.get(action);
      if (resources.some((r) => !own?.has(r) && types?.has(arnTypeOf(r)))) return true;
    }
    return false;
  };
  return (a, b) => !widens(a.actions, b.resources) && !widens(b.actions, a.resources);
}

/** Joins candidates that differ only in actions, then those that differ only in resources. */
function mergeSameShape(candidates: Candidate[]): Candidate[] {
  const byResources = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.gate}|${c.conditionsKey}|${c.resources.join(",")}`;
    const existing = byResources.get(key);
    if (existing) c.actions.forEach((a) => existing.actions.add(a));
    else byResources.set(key, { ...c, actions: new Set(c.actions) });
  }
  const byActions = new Map<string, Candidate>();
  for (const c of byResources.values()) {
    if (c.resources.includes("*")) {
      byActions.set(`${c.gate}|${c.conditionsKey}|*|${[...c.actions].sort().join(",")}`, c);
      continue;
    }
    const key = `${c.gate}|${c.conditionsKey}|${[...c.actions].sort().join(",")}`;
    const existing = byActions.get(key);
    if (existing) existing.resources = [...new Set([...existing.resources, ...c.resources])].sort();
    else byActions.set(key, c);
  }
  // Wildcard reads are few and each carries its own reason: keep one statement per reason.
  const result: Candidate[] = [];
  const unscoped = new Map<string, Candidate>();
  for (const c of byActions.values()) {
    if (c.gate !== "unscoped") {
      result.push(c);
      continue;
    }
    const existing = unscoped.get(c.reason ?? "");
    if (existing) c.actions.forEach((a) => existing.actions.add(a));
    else unscoped.set(c.reason ?? "", c);
  }
  return [...result, ...unscoped.values()];
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

/**
 * What Terraform's S3 backend needs for this stack's state: its object, its lock item, the state
 * key; and the deploy workflow's reviewed plan, which the plan job writes beside the state (not
 * as an artifact anyone reading the repository can fetch) and the apply job reads back.
 */
export function backendStatements(
  backend: StateBackendConfig,
  stackId: string,
  accountId: string,
  use: "deploy" | "plan" = "deploy",
): PolicyStatement[] {
  const partition = partitionOf(backend.region);
  const bucketArn = s3Arn(partition, backend.bucket);
  const key = stateKey(backend, stackId);
  const objects = [`${bucketArn}/${key}`, ...(backend.useLockfile ? [`${bucketArn}/${key}.tflock`] : [])];
  const table = regionalArn({ partition, region: backend.region, account: accountId }, "dynamodb", `table/${backend.lockTable}`);
  const lockItem = `${backend.bucket}/${key}`;
  const digestItem = `${lockItem}-md5`;
  return [
    // A plan reads the state and takes the lock (plans with -lock=false could race an apply); it never writes the state.
    {
      Sid: "StateObject",
      Effect: "Allow",
      Action: use === "deploy" ? ["s3:GetObject", "s3:PutObject"] : "s3:GetObject",
      Resource: objects.length === 1 ? objects[0] : objects,
    },
    ...(use === "plan" && backend.useLockfile
      ? [{ Sid: "StateLockFileWrite", Effect: "Allow" as const, Action: "s3:PutObject", Resource: `${bucketArn}/${key}.tflock` }]
      : []),
    // Only the lock file is ever deleted (Terraform releases it); the state object never is.
    ...(backend.useLockfile
      ? [{ Sid: "StateLockFile", Effect: "Allow" as const, Action: "s3:DeleteObject", Resource: `${bucketArn}/${key}.tflock` }]
      : []),
    { Sid: "StateBucketList", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: { "s3:prefix": key } } },
    // The planner writes a plan it cannot read back; the deployer reads it and writes none. The apply
    // job checks the plan's digest, recorded by its own run, before applying it.
    {
      Sid: use === "deploy" ? "ReviewedPlanRead" : "ReviewedPlanWrite",
      Effect: "Allow",
      Action: use === "deploy" ? "s3:GetObject" : "s3:PutObject",
      Resource: `${bucketArn}/${planObjectPrefix(backend, stackId)}*`,
    },
    // Terraform's LockID is "<bucket>/<key>" for the lock and "<bucket>/<key>-md5" for the state's digest, which it
    // reads on every state read and writes only with the state: a plan takes and releases its lock, and never writes
    // the digest (later runs would fail its checksum); nobody here deletes a digest.
    {
      Sid: "StateLockRead",
      Effect: "Allow",
      Action: ["dynamodb:DescribeTable", "dynamodb:GetItem"],
      Resource: table,
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [lockItem, digestItem] } },
    },
    {
      Sid: "StateLock",
      Effect: "Allow",
      Action: use === "deploy" ? "dynamodb:DeleteItem" : ["dynamodb:DeleteItem", "dynamodb:PutItem"],
      Resource: table,
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": lockItem } },
    },
    ...(use === "deploy"
      ? [
          {
            Sid: "StateLockAndDigest",
            Effect: "Allow" as const,
            Action: "dynamodb:PutItem",
            Resource: table,
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [lockItem, digestItem] } },
          },
        ]
      : []),
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: regionalArn({ partition, region: backend.region, account: accountId }, "kms", "key/*"),
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": stateKeyAlias(backend) } },
    },
  ];
}

/** Actions that remove tags, per service, and those that set them. */
export const UNTAG_ACTIONS = [
  "ec2:DeleteTags",
  "eks:UntagResource",
  "iam:UntagRole",
  "iam:UntagInstanceProfile",
  "iam:UntagOpenIDConnectProvider",
  "iam:UntagPolicy",
  "kms:UntagResource",
  "logs:UntagResource",
  "logs:UntagLogGroup",
  "sqs:UntagQueue",
  "events:UntagResource",
  "ecr:UntagResource",
  "ssm:RemoveTagsFromResource",
  "dynamodb:UntagResource",
  "s3:UntagResource",
  "rds:RemoveTagsFromResource",
];
export const TAG_ACTIONS = [
  "ec2:CreateTags",
  "eks:TagResource",
  "iam:TagRole",
  "iam:TagInstanceProfile",
  "iam:TagOpenIDConnectProvider",
  "iam:TagPolicy",
  "kms:TagResource",
  "logs:TagResource",
  "logs:TagLogGroup",
  "sqs:TagQueue",
  "events:TagResource",
  "ecr:TagResource",
  "ssm:AddTagsToResource",
  "dynamodb:TagResource",
  "s3:TagResource",
  "rds:AddTagsToResource",
];

/**
 * Denies tagging and untagging a resource that carries the tag's key with another
 * value (someone else's), present-and-different only: a resource being created has no
 * tags yet. The deployer policies and the SCP share it.
 */
export function denyTaggingOtherValues(sid: string, tag: OwnershipTag, conditions: PolicyConditions = {}): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Deny",
    Action: [...TAG_ACTIONS, ...UNTAG_ACTIONS],
    Resource: "*",
    Condition: { Null: { [`aws:ResourceTag/${tag.key}`]: "false" }, StringNotEquals: { [`aws:ResourceTag/${tag.key}`]: tag.value }, ...conditions },
  };
}

/**
 * Updates that destroy data without a delete: a shorter log retention and an image or object
 * expiry rule delete what is kept, suspended versioning keeps no more versions, a key policy
 * can lock the stack's own roles out of their data. They are how staging's resources are
 * created, so its deployer makes them on the stack's first deploy, and never once it is deployed.
 */
export const STAGING_PROTECTED_UPDATES = [
  "kms:PutKeyPolicy",
  "logs:PutRetentionPolicy",
  "ecr:PutLifecyclePolicy",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketVersioning",
];

/** What staging's deployer gets once its stack is deployed: no data-destroying update, anywhere. */
export function stagingProtection(): PolicyStatement[] {
  return [{ Sid: "DenyDataDestroyingUpdatesOnceDeployed", Effect: "Deny", Action: STAGING_PROTECTED_UPDATES, Resource: "*" }];
}

/** Deletions a staging deployer may never make (the backend's object and lock-item deletes stay allowed). */
export const STAGING_DENIED = [
  "ec2:DeleteVpc",
  "ec2:DeleteSubnet",
  "ec2:DeleteNatGateway",
  "ec2:DeleteInternetGateway",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteVpcEndpoints",
  "ec2:ReleaseAddress",
  "ec2:TerminateInstances",
  "eks:DeleteCluster",
  "eks:DeleteNodegroup",
  "eks:DeleteAddon",
  "iam:DeleteRole",
  "iam:DeleteInstanceProfile",
  "iam:DeleteOpenIDConnectProvider",
  "kms:ScheduleKeyDeletion",
  "kms:DeleteAlias",
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "sqs:DeleteQueue",
  "events:DeleteRule",
  "logs:DeleteLogGroup",
  "ecr:DeleteRepository",
  "ssm:DeleteParameter",
  "ssm:DeleteParameters",
  "dynamodb:DeleteTable",
];

/**
 * The denies that keep tags the deployer's own: the ownership and stack tags can be neither
 * removed nor changed, and nothing someone else owns can be tagged or untagged.
 */
function tagGuardrails(tags: OwnershipTag[], otherOwnershipKeys: readonly string[]): PolicyStatement[] {
  return [
    {
      Sid: "DenyRemovingOwnershipTag",
      Effect: "Deny",
      Action: UNTAG_ACTIONS,
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": tags.map((t) => t.key) } },
    },
    // EC2's DeleteTags without keys removes every tag, and a ForAnyValue condition is then vacuous.
    { Sid: "DenyRemovingAllTags", Effect: "Deny", Action: UNTAG_ACTIONS, Resource: "*", Condition: { Null: { "aws:TagKeys": "true" } } },
    ...tags.map((tag, i) => ({
      Sid: i === 0 ? "DenyChangingOwnershipTag" : "DenyChangingStackTag",
      Effect: "Deny" as const,
      Action: TAG_ACTIONS,
      Resource: "*",
      Condition: { Null: { [`aws:RequestTag/${tag.key}`]: "false" }, StringNotEquals: { [`aws:RequestTag/${tag.key}`]: tag.value } },
    })),
    // Tagging never takes over what is someone else's: a resource whose ownership or stack tag
    // has another value (another vendor's stack, a sibling stack), or that carries another
    // vendor's ownership key. Present-and-different only: a resource being created has no tags yet.
    ...tags.map((tag, i) => denyTaggingOtherValues(i === 0 ? "DenyTaggingOthersResources" : "DenyTaggingOtherStacksResources", tag)),
    ...otherOwnershipKeys
      .filter((key) => !tags.some((t) => t.key === key))
      .map((key, i) => ({
        Sid: `DenyTaggingOtherVendors${i === 0 ? "" : i + 1}`,
        Effect: "Deny" as const,
        Action: [...TAG_ACTIONS, ...UNTAG_ACTIONS],
        Resource: "*",
        Condition: { Null: { [`aws:ResourceTag/${key}`]: "false" } },
      })),
  ];
}

/**
 * Denies that hold whatever the allows say: the ownership tag can be neither
 * removed nor changed (or the deployer could adopt or release resources), nothing
 * happens outside the configured regions, the state backend is never deleted,
 * and roles carry the boundary.
 */
export function guardrails(
  environment: EnvironmentConfig,
  tags: OwnershipTag[],
  boundaries: string[],
  shape: DeployerShape = shapeOf(environment),
  otherOwnershipKeys: readonly string[] = [],
): PolicyStatement[] {
  const backend = environment.stateBackend;
  const partition = partitionOf(environment.account.region);
  const regions = [...new Set([environment.account.region, backend.region])];
  const statements: PolicyStatement[] = [
    ...tagGuardrails(tags, otherOwnershipKeys),
    // The deployer creates roles but never becomes one: no planted trust policy hands it their credentials.
    {
      Sid: "DenyAssumingRoles",
      Effect: "Deny",
      Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:SetSourceIdentity", "sts:TagSession"],
      Resource: "*",
    },
    // A key policy that locks everyone else out (and AWS's own check skipped) is never the deployer's to write.
    {
      Sid: "DenyKeyPolicyLockout",
      Effect: "Deny",
      Action: ["kms:CreateKey", "kms:PutKeyPolicy"],
      Resource: "*",
      Condition: { Bool: { "kms:BypassPolicyLockoutSafetyCheck": "true" } },
    },
    {
      Sid: "DenyOutsideRegions",
      Effect: "Deny",
      NotAction: GLOBAL_SERVICES.map((s) => `${s}:*`),
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": regions.length === 1 ? regions[0] : regions } },
    },
    {
      Sid: "DenyDeletingStateBackend",
      Effect: "Deny",
      Action: ["s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "dynamodb:DeleteTable"],
      Resource: [
        s3Arn(partition, backend.bucket),
        regionalArn({ partition, region: backend.region, account: environment.account.id }, "dynamodb", `table/${backend.lockTable}`),
      ],
    },
  ];
  if (shape === "staging") {
    // Staging's allows hold no delete actions; this makes it hold whatever the catalogue later grows.
    statements.push({
      Sid: "DenyDeletesInStaging",
      Effect: "Deny",
      Action: STAGING_DENIED,
      Resource: "*",
    });
  }
  if (boundaries.length) {
    statements.push(
      {
        Sid: "DenyRolesWithoutBoundary",
        Effect: "Deny",
        Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
        Resource: "*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundaries.length === 1 ? boundaries[0] : boundaries } },
      },
      { Sid: "DenyRemovingBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
    );
  }
  return statements;
}
