import { PolicyConditions } from "../../../lib/policy-document";
import { iamArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

/** Every EKS OIDC provider of the account in the region. */
export const eksOidcProviderPattern = (ctx: { partition: string; region: string; account: string }) =>
  iamArn(ctx, `oidc-provider/oidc.eks.${ctx.region}.amazonaws.com/id/*`);

/** The stack's roles by name: IAM names are global in the account, so ARNs carry the exact names. */
export const roleArns = (_: ResourceInstance, ctx: ArnContext) => literalsOf(ctx.model, "aws_iam_role", "name").map((n) => iamArn(ctx, `role/${n}`));
export const instanceProfileArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_iam_instance_profile", "name").map((n) => iamArn(ctx, `instance-profile/${n}`));

/** Role-changing calls name the boundary every role of the stack carries (when one is set). */
export const withBoundary = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const boundaries = literalsOf(ctx.model, "aws_iam_role", "permissions_boundary");
  return boundaries.length ? { StringEquals: { "iam:PermissionsBoundary": boundaries } } : {};
};
