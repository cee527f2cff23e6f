import { clusterArns } from "./shared";
import { iamArn } from "../../../lib/arn";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/** An endpoint change can only set what the config says (the key is absent from updates that leave it alone). */
const endpointUpdates = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  BoolIfExists: { "eks:endpointPublicAccess": clusterSettings(instance, ctx).Bool["eks:endpointPublicAccess"] },
});

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

/** A block attribute as the model holds it (cdktf keeps single blocks as objects or one-element lists). */
function block(value: unknown): Record<string, unknown> {
  return ((Array.isArray(value) ? value[0] : value) ?? {}) as Record<string, unknown>;
}

/** Service-linked roles EKS needs in the account. */
const SERVICE_LINKED_ROLES = ["eks.amazonaws.com", "eks-nodegroup.amazonaws.com"];

export const awsEksCluster: TypePermissions = {
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
  calls: {
    type: "aws_eks_cluster",
    source: {
      files: ["internal/service/eks/cluster.go"],
      commit: "fff78e64ecf10b98405e2008b59cb59ff0ed0b1d",
    },
    create: ["eks:CreateCluster", "eks:DescribeCluster"],
    read: ["eks:DescribeCluster"],
    update: {
      "access_config.authentication_mode": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      compute_config: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      control_plane_scaling_config: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      deletion_protection: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      enabled_cluster_log_types: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      encryption_config: ["eks:AssociateEncryptionConfig", "eks:DescribeUpdate"],
      force_update_version: [],
      "kubernetes_network_config.elastic_load_balancing": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      "outpost_config.outpost_arns": [],
      remote_network_config: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      storage_config: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      tags: ["eks:TagResource", "eks:UntagResource"],
      upgrade_policy: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      version: ["eks:DescribeUpdate", "eks:UpdateClusterVersion"],
      "vpc_config.endpoint_private_access": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      "vpc_config.endpoint_public_access": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      "vpc_config.public_access_cidrs": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      "vpc_config.security_group_ids": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      "vpc_config.subnet_ids": ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
      zonal_shift_config: ["eks:DescribeUpdate", "eks:UpdateClusterConfig"],
    },
    delete: ["eks:DeleteCluster", "eks:DescribeCluster"],
    import: ["eks:DescribeCluster"],
    notes:
      "Create: conn.CreateCluster (retried on IAM propagation errors) with Tags, EncryptionConfig (key_arn passed through), " +
      "Logging, ResourcesVpcConfig, AccessConfig (authentication_mode, bootstrap_cluster_creator_admin_permissions), Version etc.; " +
      "waitClusterCreated polls findClusterByName (DescribeCluster) until ACTIVE, then Read (DescribeCluster). " +
      "Update: version -> UpdateClusterVersion (Force = force_update_version); every other handled argument -> its own " +
      "UpdateClusterConfig call; each followed by waitClusterUpdateSuccessful, which polls DescribeUpdate. compute_config, " +
      "kubernetes_network_config and storage_config are sent together in one UpdateClusterConfig (Auto Mode); only " +
      "kubernetes_network_config.elastic_load_balancing is updatable (ip_family, service_ipv4_cidr are ForceNew); " +
      "compute_config.node_role_arn forces replacement when an existing role is changed (CustomizeDiff). vpc_config: " +
      "endpoint_private_access/endpoint_public_access/public_access_cidrs share one UpdateClusterConfig; subnet_ids and " +
      "security_group_ids each get a separate one. encryption_config: AssociateEncryptionConfig only when going from none " +
      "to one block; removal forces replacement; changing an existing block makes no call. access_config: only " +
      "authentication_mode (bootstrap_cluster_creator_admin_permissions is ForceNew). force_update_version alone makes no call " +
      "(only used with a version change); outpost_config.outpost_arns is not ForceNew but Update does not handle it (no call). " +
      "name, role_arn, bootstrap_self_managed_addons, outpost_config.control_plane_instance_type are ForceNew. " +
      "Delete: DeleteCluster (retried on ResourceInUseException 'in progress'), then waitClusterDeleted polls DescribeCluster. " +
      "No KMS, EC2 or IAM SDK calls are made by the provider for this resource (EKS itself validates role/subnets/SGs/key). " +
      "Tags via tags_gen.go updateTags. Commit fff78e64 is a 2026 snapshot (adds resource identity/custom importer, v6.38+); " +
      "its CRUD calls are identical to an undated 2026 pre-identity snapshot also read, and the v6.25.0 schema " +
      "(control_plane_scaling_config, deletion_protection, force_update_version present) matches.",
  },
  acceptedGaps: [
    {
      operations: ["update encryption_config"],
      action: "eks:AssociateEncryptionConfig",
      reason: "called only to add encryption to a cluster created without it; every cluster of the stacks is created with secrets encryption",
    },
  ],
};
