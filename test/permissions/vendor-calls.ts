import { asList, PolicyConditions, PolicyDocument, PolicyStatement } from "../../lib/policy-document";
import { decide } from "./harness";
import { actionTouches, RequestShape } from "../../permissions/action-data";

/**
 * The calls a vendor's published policy grants, and requests that make them: what the proofs
 * of the workload roles against the vendors' artefacts (Karpenter's policy, AWS's managed
 * policies) ask of the simulator.
 */

/** One action of a statement on one resource pattern it names. */
export interface Call {
  readonly sid: string;
  readonly action: string;
  readonly resource: string;
  readonly statement: PolicyStatement;
}

/** Every action of every statement on every resource it names that the action acts on. */
export async function callsOf(statements: readonly PolicyStatement[]): Promise<Call[]> {
  const calls: Call[] = [];
  for (const statement of statements) {
    for (const action of asList(statement.Action)) {
      for (const resource of asList(statement.Resource)) {
        if (resource === "*" || (await actionTouches(action, resource))) calls.push({ sid: statement.Sid ?? "", action, resource, statement });
      }
    }
  }
  return calls;
}

/** How the caller really calls: the tags on what it creates and on what it acts on, and values for tag keys a statement lists. */
export interface Caller {
  readonly region: string;
  /** What AWS puts in the context of the role's session (its OIDC provider, VPC or Pod Identity tags). */
  readonly session: Record<string, string>;
  /** The tags the caller sets on what it creates. */
  readonly createTags: Record<string, string>;
  /** The tags a resource of the call carries. */
  resourceTagsOf(arn: string): Record<string, string>;
  /** A value for a tag key a statement lists in aws:TagKeys. */
  tagValueOf(key: string): string;
}

const valuesOf = (conditions: PolicyConditions, operator: string, key: string) => asList(conditions[operator]?.[key]);

/**
 * A request the statement allows for the action on the resource. `real`: as the caller makes it (the
 * tags it sets, the resource's real tags); otherwise the least the statement asks for (its own
 * conditions' keys only, no IfExists key), to find a statement of ours that asks for less than the
 * published one.
 */
export function requestFor(caller: Caller, statement: PolicyStatement, action: string, resource: string, real: boolean): RequestShape {
  const conditions = statement.Condition ?? {};
  const requestTags: Record<string, string> = {};
  const resourceTags: Record<string, string> = real ? { ...caller.resourceTagsOf(resource) } : {};
  const context: Record<string, string | string[]> = {};
  const tagKeys = valuesOf(conditions, "ForAllValues:StringEquals", "aws:TagKeys");
  const creates = Object.values(conditions).some((byKey) =>
    Object.keys(byKey).some((k) => k.startsWith("aws:RequestTag/") || k === "ec2:CreateAction"),
  );
  if (tagKeys.length) for (const key of tagKeys) requestTags[key] = caller.tagValueOf(key);
  else if (creates && real) Object.assign(requestTags, caller.createTags);
  for (const [operator, byKey] of Object.entries(conditions)) {
    if (operator.startsWith("ForAllValues:") || (!real && operator.endsWith("IfExists"))) continue;
    for (const [key, value] of Object.entries(byKey)) {
      const values = asList(value as string | string[]);
      // ec2:CreateAction names the call that creates; StringLike "*" takes any value.
      const chosen = values.find((v) => `ec2:${v}` === action) ?? (values[0] === "*" ? "default" : values[0]);
      if (key.startsWith("aws:RequestTag/")) requestTags[key.slice("aws:RequestTag/".length)] ??= chosen;
      else if (/^(aws|ec2):ResourceTag\//.test(key)) resourceTags[key.replace(/^(aws|ec2):ResourceTag\//, "")] ??= chosen;
      else context[key] = chosen;
    }
  }
  // EC2 also sends a resource's tags as ec2:ResourceTag/* (AWS's managed policies use them), where it sends aws:ResourceTag/*.
  const ec2Tags =
    action.startsWith("ec2:") && resource !== "*"
      ? Object.fromEntries(Object.entries(resourceTags).map(([k, v]) => [`ec2:ResourceTag/${k}`, v]))
      : {};
  return { region: caller.region, context: { ...caller.session, ...ec2Tags, ...context }, requestTags, resourceTags };
}

/**
 * The simulator's decision; for a resource of no account's (`arn:aws:ssm:<region>::parameter/aws/service/...`,
 * AWS's public AMI parameters), which it cannot place, whether the identity policies and the boundary each
 * name the action on the same pattern with no condition: the only way either side grants it.
 */
export async function decideCall(call: Call, input: Parameters<typeof decide>[0]): Promise<string> {
  if (!/^arn:[^:]+:ssm:[^:]*::/.test(call.resource)) return decide(input);
  const grants = (documents: PolicyDocument[]) =>
    documents
      .flatMap((p) => p.Statement)
      .some((s) => s.Effect === "Allow" && !s.Condition && asList(s.Action).includes(call.action) && asList(s.Resource).includes(call.resource));
  return grants(input.identityPolicies ?? []) && (!input.boundary || grants([input.boundary])) ? "Allowed" : "ImplicitlyDenied";
}
