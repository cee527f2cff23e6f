import { PolicyConditions } from "../lib/policy-document";
import { Gate } from "./types";

/**
 * Merging the candidate statements the derivation makes, one per rule of each resource, into
 * as few statements as keep the same grants: joined by service, gate and conditions.
 */

/** One candidate statement: actions on resources under one gate and its conditions. */
export interface Candidate {
  actions: Set<string>;
  resources: string[];
  conditions: PolicyConditions;
  /** The conditions as JSON: what the merges compare, spelled once per candidate (there are thousands). */
  conditionsKey: string;
  gate: Gate["kind"];
  reason?: string;
}

const conditionKeys = new Map<string, string>();
/** A short key per distinct set of conditions: candidates are grouped by it. */
export function keyOf(conditions: PolicyConditions): string {
  const text = JSON.stringify(conditions);
  let key = conditionKeys.get(text);
  if (key === undefined) conditionKeys.set(text, (key = `c${conditionKeys.size}`));
  return key;
}

export function mergeConditions(a: PolicyConditions, b: PolicyConditions): PolicyConditions {
  const result: PolicyConditions = { ...a };
  for (const [operator, keys] of Object.entries(b)) result[operator] = { ...(result[operator] ?? {}), ...keys };
  return result;
}

/**
 * Joins candidates of one service that share gate and conditions into one
 * statement. The action-resource pairs this adds are inert: each action applies
 * only to its own resource types, and every ARN is the stack's own or tag-gated.
 */
export function mergeCandidates(candidates: Candidate[]): Candidate[] {
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
