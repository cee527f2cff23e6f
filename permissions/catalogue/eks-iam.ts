import { PolicyConditions } from "../../lib/policy-document";
import { ResourceInstance, isLiteral, literalsOf } from "../model";
import { ArnContext, Catalogue } from "./types";
import { iamArn, regionalArn } from "../../lib/arn";

const eksArn = (ctx: ArnContext, resource: string) => regionalArn(ctx, "eks", resource);

/** Every EKS OIDC provider of the account in the region. */
export const eksOidcProviderPattern = (ctx: { partition: string; region: string; account: string }) =>
  iamArn(ctx, `oidc-provider/oidc.eks.${ctx.region}.amazonaws.com/id/*`);

/** The stack's clusters, by their literal names (an existing cluster it reads counts: its workload roles associate with it). */
const clusters = (ctx: ArnContext) => literalsOf(ctx.model, "aws_eks_cluster", "name");
const clusterArns = (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `cluster/${c}`));
/** ARNs of a cluster's sub-resources (`nodegroup`, `addon`, `access-entry`, `podidentityassociation`). */
const clusterChildren = (kind: string) => (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `${kind}/${c}/*`));

/** The stack's roles by name: IAM names are global in the account, so ARNs carry the exact names. */
export const roleArns = (_: ResourceInstance, ctx: ArnContext) => literalsOf(ctx.model, "aws_iam_role", "name").map((n) => iamArn(ctx, `role/${n}`));
const instanceProfileArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_iam_instance_profile", "name").map((n) => iamArn(ctx, `instance-profile/${n}`));

/** Role-changing calls name the boundary every role of the stack carries (when one is set). */
const withBoundary = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const boundaries = literalsOf(ctx.model, "aws_iam_role", "permissions_boundary");
  return boundaries.length ? { StringEquals: { "iam:PermissionsBoundary": boundaries } } : {};
};

/** Service-linked roles EKS needs in the account. */
const SERVICE_LINKED_ROLES = ["eks.amazonaws.com", "eks-nodegroup.amazonaws.com"];

/** A block attribute as the model holds it (cdktf keeps single blocks as objects or one-element lists). */
function block(value: unknown): Record<string, unknown> {
  return ((Array.isArray(value) ? value[0] : value) ?? {}) as Record<string, unknown>;
}

/**
 * What the stack's clusters are created with: creator-admin and a public endpoint only where
 * the config asks for them (EKS's own default for a public endpoint is on).
 */
const clusterSettings = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const clusters = ctx.model.instances.filter((i) => i.type === "aws_eks_cluster");
  const values = (read: (cluster: ResourceInstance) => unknown) => [...new Set(clusters.map((c) => String(read(c) ?? false)))];
  return {
    Bool: {
      "eks:bootstrapClusterCreatorAdminPermissions": values((c) => block(c.attributes.access_config).bootstrap_cluster_creator_admin_permissions),
      "eks:endpointPublicAccess": values((c) => block(c.attributes.vpc_config).endpoint_public_access),
    },
  };
};

/** An endpoint change can only set what the config says (the key is absent from updates that leave it alone). */
const endpointUpdates = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  BoolIfExists: { "eks:endpointPublicAccess": clusterSettings(instance, ctx).Bool["eks:endpointPublicAccess"] },
});

/** Access entries only for the stack's own roles and the principals its config names. */
const accessEntryPrincipals = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ArnEquals: {
    "eks:principalArn": [...new Set([...roleArns(instance, ctx), ...literalsOf(ctx.model, "aws_eks_access_entry", "principal_arn")])].sort(),
  },
});

/** Only the access policies the stack associates (cluster-admin for its configured admins, nothing else). */
const accessPolicies = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ArnEquals: { "eks:policyArn": literalsOf(ctx.model, "aws_eks_access_policy_association", "policy_arn") },
});

const EKS_DESCRIBE_REASON = "EKS lists addon versions and configurations for the whole service; no resource-level permission";

export const eksIamCatalogue: Catalogue = {
  aws_eks_cluster: {
    purpose: "The Kubernetes control plane",
    arns: clusterArns,
    rules: [
      // CreateCluster supports no resource ARN: the request tag is its only gate.
      { phase: "create", actions: ["eks:CreateCluster"], gate: { kind: "request-tag" }, resources: () => ["*"], conditions: clusterSettings },
      { phase: "create", actions: ["eks:TagResource"], gate: { kind: "request-tag" } },
      // A fresh account has no EKS service-linked roles yet; CreateCluster and CreateNodegroup make them.
      {
        phase: "create",
        actions: ["iam:CreateServiceLinkedRole"],
        gate: { kind: "name" },
        resources: (_, ctx) => SERVICE_LINKED_ROLES.map((service) => iamArn(ctx, `role/aws-service-role/${service}/*`)),
        conditions: () => ({ StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLES } }),
      },
      {
        phase: "read",
        actions: ["eks:DescribeCluster", "eks:ListTagsForResource", "eks:DescribeUpdate", "eks:ListUpdates"],
        gate: { kind: "resource-tag" },
      },
      {
        phase: "read",
        actions: ["ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "ec2:DescribeAccountAttributes"],
        gate: { kind: "unscoped", reason: "EC2 Describe calls support no resource-level permissions; read-only" },
      },
      { phase: "update", actions: ["eks:UpdateClusterConfig"], gate: { kind: "resource-tag" }, conditions: endpointUpdates },
      { phase: "update", actions: ["eks:UpdateClusterVersion", "eks:TagResource", "eks:UntagResource"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["eks:DeleteCluster"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_eks_node_group: {
    purpose: "The managed node group",
    arns: clusterChildren("nodegroup"),
    rules: [
      { phase: "create", actions: ["eks:CreateNodegroup"], gate: { kind: "request-tag" }, resources: clusterArns },
      { phase: "read", actions: ["eks:DescribeNodegroup", "eks:ListTagsForResource"], gate: { kind: "resource-tag" } },
      { phase: "read", actions: ["eks:ListUpdates", "eks:DescribeUpdate"], gate: { kind: "resource-tag" }, resources: clusterArns },
      {
        phase: "read",
        actions: [
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcs",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeKeyPairs",
          "ec2:DescribeRouteTables",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:DescribeAccountAttributes",
        ],
        gate: { kind: "unscoped", reason: "EC2 Describe calls support no resource-level permissions; read-only" },
      },
      {
        phase: "update",
        actions: ["eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion", "eks:TagResource", "eks:UntagResource"],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["eks:DeleteNodegroup"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_eks_addon: {
    purpose: "EKS-managed addons: VPC CNI, CoreDNS, kube-proxy, EBS CSI, Pod Identity agent",
    arns: clusterChildren("addon"),
    rules: [
      { phase: "create", actions: ["eks:CreateAddon"], gate: { kind: "request-tag" }, resources: clusterArns },
      { phase: "read", actions: ["eks:DescribeAddon", "eks:ListTagsForResource"], gate: { kind: "resource-tag" } },
      // An add-on update is followed through the cluster's updates.
      { phase: "read", actions: ["eks:DescribeUpdate"], gate: { kind: "resource-tag" }, resources: clusterArns },
      {
        phase: "read",
        actions: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration"],
        gate: { kind: "unscoped", reason: EKS_DESCRIBE_REASON },
      },
      { phase: "update", actions: ["eks:UpdateAddon", "eks:TagResource", "eks:UntagResource"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["eks:DeleteAddon"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_eks_access_entry: {
    purpose: "Who may use the cluster (admins, Karpenter's nodes, the Kubernetes side's deployer and planner)",
    arns: clusterChildren("access-entry"),
    rules: [
      {
        phase: "create",
        actions: ["eks:CreateAccessEntry"],
        gate: { kind: "request-tag" },
        resources: clusterArns,
        conditions: accessEntryPrincipals,
      },
      { phase: "read", actions: ["eks:DescribeAccessEntry"], gate: { kind: "resource-tag" } },
      { phase: "update", actions: ["eks:UpdateAccessEntry", "eks:TagResource", "eks:UntagResource"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["eks:DeleteAccessEntry"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_eks_access_policy_association: {
    purpose: "Gives access entries their EKS access policy (cluster-admin; admin view for the Kubernetes side's planner)",
    arns: clusterChildren("access-entry"),
    rules: [
      { phase: "create", actions: ["eks:AssociateAccessPolicy"], gate: { kind: "resource-tag" }, conditions: accessPolicies },
      { phase: "read", actions: ["eks:ListAssociatedAccessPolicies"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["eks:DisassociateAccessPolicy"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_eks_cluster_data: {
    purpose: "The user's own cluster, read by name (Poolside's existing-cluster mode)",
    arns: (instance, ctx) => (isLiteral(instance.attributes.name) ? [eksArn(ctx, `cluster/${instance.attributes.name}`)] : []),
    rules: [{ phase: "read", actions: ["eks:DescribeCluster"], gate: { kind: "name" } }],
  },
  aws_eks_pod_identity_association: {
    purpose: "Binds a Kubernetes service account to its role (EKS Pod Identity)",
    arns: clusterChildren("podidentityassociation"),
    rules: [
      { phase: "create", actions: ["eks:CreatePodIdentityAssociation"], gate: { kind: "request-tag" }, resources: clusterArns },
      { phase: "read", actions: ["eks:DescribePodIdentityAssociation"], gate: { kind: "resource-tag" } },
      { phase: "update", actions: ["eks:UpdatePodIdentityAssociation", "eks:TagResource", "eks:UntagResource"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["eks:DeletePodIdentityAssociation"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_iam_role: {
    purpose: "Roles of the control plane, nodes, drivers and workloads",
    arns: (instance, ctx) => (isLiteral(instance.attributes.name) ? [iamArn(ctx, `role/${instance.attributes.name}`)] : roleArns(instance, ctx)),
    rules: [
      { phase: "create", actions: ["iam:CreateRole"], gate: { kind: "request-tag" }, conditions: withBoundary },
      { phase: "create", actions: ["iam:TagRole"], gate: { kind: "request-tag" } },
      {
        phase: "read",
        actions: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"],
        gate: { kind: "name" },
      },
      {
        phase: "update",
        actions: ["iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole"],
        gate: { kind: "resource-tag" },
      },
      { phase: "update", actions: ["iam:PutRolePermissionsBoundary"], gate: { kind: "resource-tag" }, conditions: withBoundary },
      { phase: "delete", actions: ["iam:DeleteRole"], gate: { kind: "resource-tag" } },
      // Deleting a role first takes it out of any instance profile still holding it.
      { phase: "delete", actions: ["iam:RemoveRoleFromInstanceProfile"], gate: { kind: "resource-tag" }, resources: instanceProfileArns },
    ],
  },
  aws_iam_role_policy: {
    purpose: "A role's inline policy",
    arns: roleArns,
    rules: [
      { phase: "create", actions: ["iam:PutRolePolicy"], gate: { kind: "resource-tag" }, conditions: withBoundary },
      { phase: "read", actions: ["iam:GetRolePolicy"], gate: { kind: "name" } },
      { phase: "delete", actions: ["iam:DeleteRolePolicy"], gate: { kind: "resource-tag" }, conditions: withBoundary },
    ],
  },
  aws_iam_role_policy_attachment: {
    purpose: "Attaches a managed policy to a role",
    arns: roleArns,
    rules: [
      {
        phase: "create",
        actions: ["iam:AttachRolePolicy"],
        gate: { kind: "resource-tag" },
        // Only the policies the stack attaches, never AdministratorAccess.
        conditions: (instance, ctx) => ({
          ...withBoundary(instance, ctx),
          ArnEquals: { "iam:PolicyARN": literalsOf(ctx.model, "aws_iam_role_policy_attachment", "policy_arn") },
        }),
      },
      { phase: "read", actions: ["iam:ListAttachedRolePolicies"], gate: { kind: "name" } },
      { phase: "delete", actions: ["iam:DetachRolePolicy"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_iam_instance_profile: {
    purpose: "Instance profiles of the bastion and Karpenter's nodes",
    arns: instanceProfileArns,
    rules: [
      { phase: "create", actions: ["iam:CreateInstanceProfile", "iam:TagInstanceProfile"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["iam:GetInstanceProfile"], gate: { kind: "name" } },
      // Reading a profile reads its role too.
      { phase: "read", actions: ["iam:GetRole"], gate: { kind: "name" }, resources: roleArns },
      // Changing the profile's role removes the old one first.
      {
        phase: "update",
        actions: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_iam_openid_connect_provider: {
    purpose: "The cluster's OIDC issuer, trusted for IRSA",
    // The issuer id is the cluster's, unknown until it exists: every EKS provider of the region until
    // the provisioner reads the stack's own from its state.
    arns: (_, ctx) => [ctx.deployed?.oidcProviderArn ?? eksOidcProviderPattern(ctx)],
    rules: [
      { phase: "create", actions: ["iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"], gate: { kind: "resource-tag" } },
      {
        phase: "update",
        actions: [
          "iam:UpdateOpenIDConnectProviderThumbprint",
          "iam:AddClientIDToOpenIDConnectProvider",
          "iam:RemoveClientIDFromOpenIDConnectProvider",
          "iam:TagOpenIDConnectProvider",
          "iam:UntagOpenIDConnectProvider",
        ],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["iam:DeleteOpenIDConnectProvider"], gate: { kind: "resource-tag" } },
    ],
  },
};
