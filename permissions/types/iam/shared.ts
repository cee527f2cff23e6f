import { asList, PolicyConditions, statementsOf } from "../../../lib/policy-document";
import { iamArn } from "../../../lib/arn";
import { isRoleBoundaryPolicyName } from "../../../config/naming";
import { isLiteral, literalsOf, referencedInstance, ResourceInstance } from "../../model";
import { ActionRule, ArnContext, Phase } from "../types";

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

/** The stack's role an argument of an instance names (by reference, name or ARN). */
export const roleNamedBy = (argument: string) => (instance: ResourceInstance, ctx: ArnContext) =>
  referencedInstance(ctx.model, instance.attributes[argument], "aws_iam_role");

/**
 * iam:PassRole on the one role of the stack an instance hands to a service (the cluster's role
 * to EKS, a profile's role to EC2), and only to that service: a role no resource hands over
 * (IOMETE's lakehouse role) is never passable.
 */
export function passRole(
  phase: Phase,
  roleOf: string | ((instance: ResourceInstance, ctx: ArnContext) => ResourceInstance | undefined),
  services: string[],
): ActionRule {
  const find = typeof roleOf === "string" ? roleNamedBy(roleOf) : roleOf;
  return {
    phase,
    actions: ["iam:PassRole"],
    gate: { kind: "name" },
    resources: (instance, ctx) => {
      const name = find(instance, ctx)?.attributes.name;
      return isLiteral(name) ? [iamArn(ctx, `role/${name}`)] : [];
    },
    conditions: () => ({ StringEquals: { "iam:PassedToService": services.length === 1 ? services[0] : services } }),
  };
}

/**
 * Where a role's sessions come from, as its trust policy says, and so what AWS lets its
 * boundary check about a session (see `permissions/boundary.ts`):
 * - `web-identity`: IRSA, through the cluster's OIDC provider (`aws:FederatedProvider`);
 * - `ec2`: an instance profile (`aws:Ec2InstanceSourceVpc`);
 * - `pod-identity`: EKS Pod Identity (the session tags it sets, `aws:PrincipalTag/eks-cluster-name`);
 * - `service`: another AWS service (EKS's control plane, Bedrock), whose sessions carry no such mark.
 */
export type SessionOrigin = "web-identity" | "ec2" | "pod-identity" | "service";

export function sessionOriginOf(role: ResourceInstance): SessionOrigin {
  const principals = statementsOf(role.attributes.assume_role_policy).map((s) => (s.Principal ?? {}) as { Service?: unknown; Federated?: unknown });
  if (principals.some((p) => p.Federated)) return "web-identity";
  const services = principals.flatMap((p) => asList(p.Service));
  if (services.includes("ec2.amazonaws.com")) return "ec2";
  if (services.includes("pods.eks.amazonaws.com")) return "pod-identity";
  return "service";
}

/**
 * Roles whose boundary pins their sessions to the stack (so a rewritten trust hands out nothing usable):
 * IRSA and instance-profile roles under their own generated boundary (`<role>-boundary` or
 * `<prefix>-<role>`). A boundary the config names is the user's, shared by every role: it pins nothing.
 */
export const sessionPinnedByBoundary = (role: ResourceInstance) => {
  const boundary = role.attributes.permissions_boundary;
  const roleName = role.attributes.name;
  if (!isLiteral(boundary) || !isLiteral(roleName)) return false;
  return isRoleBoundaryPolicyName(boundary.split("/").pop()!, roleName) && ["web-identity", "ec2"].includes(sessionOriginOf(role));
};

/** The one role a policy or attachment belongs to (its `role` argument), or every role of the stack when that is not known. */
export const ownRoleArns = (instance: ResourceInstance, ctx: ArnContext) => {
  const name = roleNamedBy("role")(instance, ctx)?.attributes.name;
  return isLiteral(name) ? [iamArn(ctx, `role/${name}`)] : roleArns(instance, ctx);
};

/**
 * The service-linked role AWS creates on an account's first use of a service (EKS's, its node
 * groups', RDS's), with the caller's permission: that role only, for that service only.
 */
export function serviceLinkedRoleOnFirstUse(serviceName: string): ActionRule {
  return {
    phase: "create",
    actions: ["iam:CreateServiceLinkedRole"],
    gate: { kind: "name" },
    resources: (_, ctx) => [iamArn(ctx, `role/aws-service-role/${serviceName}/*`)],
    conditions: () => ({ StringEquals: { "iam:AWSServiceName": serviceName } }),
  };
}
