import { PolicyConditions } from "../../../lib/policy-document";
import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ActionRule, ArnContext } from "../types";

export const keyArns = (_: ResourceInstance, ctx: ArnContext) => [regionalArn(ctx, "kms", "key/*")];

/**
 * A key the deployer touches carries no alias but the stack's own (vacuously true for a key
 * being created, which has none yet): keys are `key/*` ARNs, so this keeps off aliased keys
 * that are not the stack's, the state key among them, whatever tags they carry.
 */
export const onlyOwnAliases = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  "ForAllValues:StringEquals": { "kms:ResourceAliases": literalsOf(ctx.model, "aws_kms_alias", "name") },
});

/**
 * A key that carries one of the stack's aliases (and no other): what a change of an existing
 * key's policy, rotation, description or tags needs. A key of someone else's that was tagged as
 * the stack's has none of its aliases, so it can be neither re-keyed nor re-policied.
 */
export const ownAliasedKey = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ...onlyOwnAliases(instance, ctx),
  "ForAnyValue:StringEquals": { "kms:ResourceAliases": literalsOf(ctx.model, "aws_kms_alias", "name") },
});

/** Whether an instance names a key in an argument (a block holding one counts). */
function namesKey(instance: ResourceInstance, argument: string): boolean {
  const value = instance.attributes[argument];
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/**
 * The KMS calls AWS makes with the caller's permission when a resource is created (or changed)
 * with one of the stack's keys in `argument` (EKS secrets, an encrypted log group or
 * repository): on the stack's own keys only, grants only for AWS resources.
 */
export function keyUsedBy(argument: string, actions: string[], viaService?: string, phase: "create" | "delete" = "create"): ActionRule[] {
  const keys = (instance: ResourceInstance, ctx: ArnContext) => (namesKey(instance, argument) ? keyArns(instance, ctx) : []);
  // Only through the service that uses the key for the caller, where that service calls KMS with the caller's permission.
  const via = (ctx: ArnContext): PolicyConditions =>
    viaService ? { StringEquals: { "kms:ViaService": `${viaService}.${ctx.region}.amazonaws.com` } } : {};
  const grants = actions.filter((a) => a === "kms:CreateGrant");
  const others = actions.filter((a) => a !== "kms:CreateGrant");
  return [
    ...(others.length
      ? [
          {
            phase,
            actions: others,
            gate: { kind: "resource-tag" as const },
            resources: keys,
            conditions: (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({ ...onlyOwnAliases(instance, ctx), ...via(ctx) }),
          },
        ]
      : []),
    ...(grants.length
      ? [
          {
            phase,
            actions: grants,
            gate: { kind: "resource-tag" as const },
            resources: keys,
            conditions: (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
              ...onlyOwnAliases(instance, ctx),
              ...via(ctx),
              Bool: { "kms:GrantIsForAWSResource": "true" },
            }),
          },
        ]
      : []),
  ];
}
