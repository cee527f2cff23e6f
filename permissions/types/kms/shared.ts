import { PolicyConditions } from "../../../lib/policy-document";
import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const keyArns = (_: ResourceInstance, ctx: ArnContext) => [regionalArn(ctx, "kms", "key/*")];

/**
 * A key the deployer touches carries no alias but the stack's own (vacuously true for a key
 * being created, which has none yet): keys are `key/*` ARNs, so this keeps off aliased keys
 * that are not the stack's, the state key among them, whatever tags they carry.
 */
export const onlyOwnAliases = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  "ForAllValues:StringEquals": { "kms:ResourceAliases": literalsOf(ctx.model, "aws_kms_alias", "name") },
});
