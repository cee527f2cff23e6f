import { EnvironmentConfig } from "../config";
import { shapeOf } from "../config/environment-kind";
import { CallerRole, operationsFor, acceptedGapFor } from "./gates";
import { isLiteral, referencesIn, ResourceInstance, StackModel } from "./model";
import { ArnContext, CallSite, ContextValue, DeployedFacts, typePermissionsFor } from "./types";
import { iamArn, regionalArn } from "../lib/arn";
import { actionData, concreteArn, RequestShape } from "./action-data";
import { worldOf } from "./sample-world";

/**
 * The requests Terraform really makes for a stack, as AWS authorizes them: every call of the
 * provider's data (`permissions/types/`) for every operation the role runs on each resource
 * and data source the stack declares, on each resource the call acts on (the action's
 * resource types, from AWS's service authorization data), with the context AWS builds: the
 * tags sent and the tags the resource carries, and the condition keys the resource's
 * arguments set. The proofs send these against the policies the provisioner deploys; none of
 * it comes from the rules that write those policies.
 */

export interface CallRequest {
  /** `<type> <operation>: <action> on <pattern>`. */
  readonly label: string;
  readonly type: string;
  readonly operation: string;
  readonly action: string;
  /** The ARN pattern of the resource acted on (AWS-chosen ids as `*`). */
  readonly pattern: string;
  readonly resource: string;
  readonly shape: RequestShape;
  /**
   * How the resource is told apart from anyone else's: by its tags (AWS picks its id), by the
   * name the stack gives it, or not at all (AWS's own: an image, a service-linked role, "*").
   */
  readonly identity: "tags" | "name" | "aws";
  /** The request creates the resource it acts on, which carries no tags yet. */
  readonly creates: boolean;
}

/** A resource a call can act on, as AWS sees it. */
interface Target {
  readonly pattern: string;
  readonly own: boolean;
  readonly tags: Record<string, string>;
  readonly context: Record<string, ContextValue>;
  readonly identity: CallRequest["identity"];
}

const TAGGING =
  /^(ec2:(CreateTags|DeleteTags)|[a-z0-9-]+:(TagResource|UntagResource|TagRole|UntagRole|TagInstanceProfile|UntagInstanceProfile|TagOpenIDConnectProvider|UntagOpenIDConnectProvider|TagQueue|UntagQueue|TagLogGroup|UntagLogGroup|AddTagsToResource|RemoveTagsFromResource))$/;
const UNTAGGING = /:(DeleteTags|Untag\w*|RemoveTagsFromResource)$/;
const REQUEST_TAG = "aws:RequestTag/${TagKey}";
const RESOURCE_TAG = "aws:ResourceTag/${TagKey}";
/** The tag change a day-2 `tags` update makes in the proof. */
const DAY2_TAG = { CostCenter: "platform" };

/** The tags an instance carries: the provider's default tags and its own literal ones (a tag resource: its one tag). */
export function tagsOf(model: StackModel, instance: ResourceInstance): Record<string, string> {
  if (instance.type === "aws_ec2_tag") return { [String(instance.attributes.key)]: String(instance.attributes.value) };
  const own = (instance.attributes.tags ?? {}) as Record<string, unknown>;
  return { ...model.defaultTags, ...Object.fromEntries(Object.entries(own).filter((e): e is [string, string] => isLiteral(e[1]))) };
}

/** What AWS knows of an existing resource beyond its tags: a key's aliases, a role's boundary. */
function resourceFacts(model: StackModel, instance: ResourceInstance): Record<string, ContextValue> {
  if (instance.type === "aws_kms_key") {
    const aliases = model.instances
      .filter((i) => i.type === "aws_kms_alias" && referencesIn(i.attributes.target_key_id).some((r) => r.id === instance.id))
      .map((i) => String(i.attributes.name));
    return aliases.length ? { "kms:ResourceAliases": aliases } : {};
  }
  if (instance.type === "aws_iam_role" && isLiteral(instance.attributes.permissions_boundary)) {
    return { "iam:PermissionsBoundary": instance.attributes.permissions_boundary };
  }
  return {};
}

/** How a resource is told apart (see CallRequest): AWS's own (no account, or any), by tags where AWS picks the id, else by name. */
function identityOf(pattern: string): CallRequest["identity"] {
  const account = pattern.split(":")[4];
  if (account === "" || account === "*") return "aws";
  return pattern.split(":").slice(5).join(":").includes("*") ? "tags" : "name";
}

/**
 * The resources an instance's type says its calls act on, each with what AWS knows of it: the
 * tags and facts of the instance it belongs to (a role policy's ARN is its role's).
 */
function targetsOfInstance(model: StackModel, ctx: ArnContext, instance: ResourceInstance, own: boolean): Target[] {
  const named = namedInstances(model, instance).map((n) => n.instance);
  const entry = typePermissionsFor(instance);
  const stacks = entry.arns(instance, ctx).map((pattern): Target => {
    const owner = named.find((i) => typePermissionsFor(i).arns(i, ctx).includes(pattern)) ?? instance;
    return { pattern, own, tags: tagsOf(model, owner), context: resourceFacts(model, owner), identity: identityOf(pattern) };
  });
  const awsNamed = (entry.awsNamedArns?.(instance, ctx) ?? []).map((pattern): Target => ({
    pattern,
    own,
    tags: tagsOf(model, instance),
    context: {},
    identity: "aws",
  }));
  return [...stacks, ...awsNamed];
}

/** Arguments that name another resource by its name rather than by reference (a cluster the user owns). */
const NAMED_BY: Record<string, string> = { cluster_name: "aws_eks_cluster" };

/** The instances an instance's arguments name: by reference (a resource or a data source), or by a literal name. */
function namedInstances(model: StackModel, instance: ResourceInstance): Array<{ instance: ResourceInstance; attribute: string }> {
  const byReference = referencesIn(instance.attributes).flatMap((r) => {
    const found = model.instances.find((i) => i.type === r.type && i.id === r.id && i.kind === r.kind);
    return found ? [{ instance: found, attribute: r.attribute }] : [];
  });
  const byName = Object.entries(NAMED_BY).flatMap(([argument, type]) => {
    const value = instance.attributes[argument];
    const found = isLiteral(value) ? model.instances.find((i) => i.type === type && i.attributes.name === value) : undefined;
    return found ? [{ instance: found, attribute: "name" }] : [];
  });
  return [...byReference, ...byName];
}

/** The resources of the stack an instance's arguments name, and those AWS made for them (the cluster's security group). */
function referencedTargets(model: StackModel, ctx: ArnContext, instance: ResourceInstance): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const { instance: referenced, attribute } of namedInstances(model, instance)) {
    const key = `${referenced.type}.${referenced.id}.${attribute}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reference = { type: referenced.type, attribute };
    if (reference.type === "aws_eks_cluster" && reference.attribute.includes("cluster_security_group_id")) {
      // EKS creates the cluster's security group and tags it with a key only AWS may set.
      targets.push({
        pattern: regionalArn(ctx, "ec2", "security-group/*"),
        own: false,
        tags: { "aws:eks:cluster-name": String(referenced.attributes.name) },
        context: {},
        identity: "aws",
      });
      continue;
    }
    targets.push(...targetsOfInstance(model, ctx, referenced, false));
  }
  return targets;
}

/** Resources AWS owns or creates that a call must be allowed on, by the action's required resource type. */
function awsTargets(ctx: ArnContext, typeName: string, call: Record<string, ContextValue>): Target[] {
  const aws = (pattern: string, context: Record<string, ContextValue> = {}): Target[] => [
    { pattern, own: false, tags: {}, context, identity: "aws" },
  ];
  switch (typeName) {
    case "image":
      // A public image of Amazon's (the latest Amazon Linux, looked up in AWS's public parameter).
      return aws(regionalArn({ ...ctx, account: "" }, "ec2", "image/*"), { "ec2:Owner": "amazon" });
    case "network-interface":
      // The instance's primary interface, created by the call, untagged.
      return aws(regionalArn(ctx, "ec2", "network-interface/*"));
    case "role":
      // A service-linked role AWS creates on first use: its path names the service.
      return call["iam:AWSServiceName"] ? aws(iamArn(ctx, `role/aws-service-role/${call["iam:AWSServiceName"]}/*`)) : [];
    default:
      return [];
  }
}

const WILDCARD: Target = { pattern: "*", own: false, tags: {}, context: {}, identity: "aws" };

/** The resources one call acts on, as AWS authorizes it. */
async function targetsOfCall(call: CallSite, model: StackModel, context: Record<string, ContextValue>): Promise<Target[] | undefined> {
  const data = await actionData(call.action);
  if (data.wildcardOnly) return [WILDCARD];
  // A service-linked role is named after the service AWS creates it for, whatever the call names.
  if (call.action === "iam:CreateServiceLinkedRole") return awsTargets(call.ctx, "role", context);
  const declared = typePermissionsFor(call.instance).callTargets?.(call);
  const touches = (t: Target) => t.pattern === "*" || data.types.some((type) => type.pattern.test(concreteArn(t.pattern)));
  const own = targetsOfInstance(model, call.ctx, call.instance, true).filter(touches);
  const others = [
    ...referencedTargets(model, call.ctx, call.instance),
    ...(declared ?? []).flatMap((i) => targetsOfInstance(model, call.ctx, i, false)),
  ].filter(touches);
  // The type says this call acts on nothing here (a role in no instance profile is removed from none).
  if (declared && !declared.length && !own.length && !others.length) return undefined;
  // Tagging acts on the resource being tagged: the instance's own, or what it names (aws_ec2_tag's subnet).
  if (TAGGING.test(call.action)) return own.length ? own : others;
  const chosen = [...own, ...others];
  for (const type of data.types.filter((t) => t.required && !chosen.some((c) => t.pattern.test(concreteArn(c.pattern))))) {
    chosen.push(...awsTargets(call.ctx, type.name, context));
  }
  return chosen;
}

type CallRequests = { requests: CallRequest[]; unresolved: string[] };
const requestCache = new WeakMap<StackModel, Map<string, Promise<CallRequests>>>();

/**
 * Every request a role makes for a stack; `unresolved` lists the calls for which no resource is known. Worked out once per
 * stack, role and world. `facts`: what the stack's first deploy produced (default: the proof's samples; the preflight gives
 * the account's).
 */
export function callRequests(env: EnvironmentConfig, model: StackModel, role: CallerRole, facts?: DeployedFacts): Promise<CallRequests> {
  let byRole = requestCache.get(model);
  if (!byRole) requestCache.set(model, (byRole = new Map()));
  const key = `${env.account.id}|${env.account.region}|${role}|${JSON.stringify(facts ?? null)}`;
  let requests = byRole.get(key);
  if (!requests) byRole.set(key, (requests = requestsOf(env, model, role, facts)));
  return requests;
}

async function requestsOf(env: EnvironmentConfig, model: StackModel, role: CallerRole, facts?: DeployedFacts): Promise<CallRequests> {
  const ctx = worldOf(env, model, facts);
  const region = env.account.region;
  const requests = new Map<string, CallRequest>();
  const unresolved: string[] = [];
  for (const instance of model.instances) {
    const entry = typePermissionsFor(instance);
    for (const { operation, actions } of operationsFor(entry, instance, role, shapeOf(env))) {
      const createAction = actions.find((a) => a.startsWith("ec2:") && /^ec2:(Create|Run|Allocate)/.test(a) && a !== "ec2:CreateTags");
      for (const action of actions) {
        if (acceptedGapFor(entry, operation, action, instance)) continue;
        const call: CallSite = { instance, ctx, operation, action };
        const context = { ...(entry.requestContext?.(call) ?? {}) };
        const targets = await targetsOfCall(call, model, context);
        if (!targets) continue;
        if (!targets.length) unresolved.push(`${entry.calls.type} ${operation}: ${action} acts on no resource the proof knows`);
        const data = await actionData(action);
        for (const target of targets) {
          // What AWS's authorization data says of this action on this resource type: a create sends the new
          // resource's tags (aws:RequestTag) and the resource carries none yet (no aws:ResourceTag).
          const type = data.types.find((t) => target.pattern !== "*" && t.pattern.test(concreteArn(target.pattern)));
          const reads = /^(Read|List)$/.test(data.accessLevel);
          const sendsTags = !reads && (data.actionKeys.includes(REQUEST_TAG) || !!type?.ownKeys.includes(REQUEST_TAG));
          const untags = UNTAGGING.test(action);
          const creates = operation === "create" && target.own && sendsTags && !untags && !type?.ownKeys.includes(RESOURCE_TAG);
          const dayTwoTags = operation === "update tags" && TAGGING.test(action);
          // A day-2 tags update sends the changed tag; any other tagging sends the tags the instance sets.
          const requestTags = untags
            ? undefined
            : operation === "create" && sendsTags
              ? tagsOf(model, instance)
              : dayTwoTags
                ? DAY2_TAG
                : TAGGING.test(action)
                  ? tagsOf(model, instance)
                  : undefined;
          const shape: RequestShape = {
            region,
            ...(requestTags ? { requestTags } : {}),
            ...(creates ? {} : { resourceTags: target.tags }),
            context: {
              ...(creates ? {} : target.context),
              ...context,
              ...(action === "ec2:CreateTags" && creates && createAction ? { "ec2:CreateAction": createAction.split(":")[1] } : {}),
              ...(UNTAGGING.test(action) ? { "aws:TagKeys": Object.keys(DAY2_TAG) } : {}),
            },
          };
          const request: CallRequest = {
            label: `${entry.calls.type} ${operation}: ${action} on ${target.pattern}`,
            type: entry.calls.type,
            operation,
            action,
            pattern: target.pattern,
            resource: concreteArn(target.pattern),
            shape,
            identity: target.identity,
            creates,
          };
          requests.set(JSON.stringify([action, request.resource, shape]), request);
        }
      }
    }
  }
  return { requests: [...requests.values()], unresolved };
}
