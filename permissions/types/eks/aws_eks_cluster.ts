import { clusterArns } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { blockOf, ResourceInstance } from "../../model";
import { keyUsedBy } from "../kms/shared";
import { passRole, serviceLinkedRoleOnFirstUse } from "../iam/shared";
import { ArnContext, TypePermissions } from "../types";

const ownClusters = (ctx: ArnContext) => ctx.model.instances.filter((i) => i.type === "aws_eks_cluster" && i.kind === "resource");
const valuesOf = (ctx: ArnContext, read: (cluster: ResourceInstance) => unknown) => [
  ...new Set(ownClusters(ctx).map((c) => String(read(c) ?? false))),
];

/** The control-plane log types the stack's clusters enable (the audit log among them). */
const logTypes = (ctx: ArnContext): string[] =>
  [...new Set(ownClusters(ctx).flatMap((c) => (Array.isArray(c.attributes.enabled_cluster_log_types) ? c.attributes.enabled_cluster_log_types : [])))]
    .map(String)
    .sort();

/**
 * What the stack's clusters are created with: creator-admin and a public endpoint only where
 * the config asks for them (EKS's own default for a public endpoint is on), its log types on.
 */
const clusterSettings = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  Bool: {
    "eks:bootstrapClusterCreatorAdminPermissions": valuesOf(
      ctx,
      (c) => blockOf(c.attributes.access_config).bootstrap_cluster_creator_admin_permissions,
    ),
    "eks:endpointPublicAccess": valuesOf(ctx, (c) => blockOf(c.attributes.vpc_config).endpoint_public_access),
    ...Object.fromEntries(logTypes(ctx).map((type) => [`eks:loggingType/${type}`, "true"])),
  },
});

/**
 * An update may set only what the config says (each key is absent from updates that leave its
 * setting alone): the endpoint's exposure, the authentication mode, and the control-plane log
 * types the stack enables, which no update may turn off.
 */
const clusterUpdates = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const modes = valuesOf(ctx, (c) => blockOf(c.attributes.access_config).authentication_mode).filter((m) => m !== "false");
  return {
    BoolIfExists: {
      "eks:endpointPublicAccess": valuesOf(ctx, (c) => blockOf(c.attributes.vpc_config).endpoint_public_access),
      ...Object.fromEntries(logTypes(ctx).map((type) => [`eks:loggingType/${type}`, "true"])),
    },
    ...(modes.length ? { StringEqualsIfExists: { "eks:authenticationMode": modes } } : {}),
  };
};

/** The service-linked role EKS creates on an account's first cluster, with the caller's permission. */
const EKS_SERVICE_LINKED_ROLE = "eks.amazonaws.com";

export const awsEksCluster: TypePermissions = {
  purpose: "The Kubernetes control plane",
  arns: clusterArns,
  rules: [
    // CreateCluster supports no resource ARN: the request tag is its only gate.
    { phase: "create", actions: ["eks:CreateCluster"], gate: { kind: "request-tag" }, resources: () => ["*"], conditions: clusterSettings },
    { phase: "create", actions: ["eks:TagResource"], gate: { kind: "request-tag" } },
    serviceLinkedRoleOnFirstUse(EKS_SERVICE_LINKED_ROLE),
    passRole("create", "role_arn", ["eks.amazonaws.com"]),
    // Secrets encryption: EKS describes the stack's key and takes a grant on it, with the caller's permission.
    ...keyUsedBy("encryption_config", ["kms:DescribeKey", "kms:CreateGrant"]),
    { phase: "read", actions: ["eks:DescribeCluster"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["eks:DescribeUpdate"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["eks:UpdateClusterConfig"], gate: { kind: "resource-tag" }, conditions: clusterUpdates },
    { phase: "update", actions: ["eks:UpdateClusterVersion", "eks:TagResource", "eks:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DeleteCluster"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ instance, operation, action }) => {
    const vpc = blockOf(instance.attributes.vpc_config);
    const access = blockOf(instance.attributes.access_config);
    const logging = Object.fromEntries(
      (Array.isArray(instance.attributes.enabled_cluster_log_types) ? instance.attributes.enabled_cluster_log_types : []).map((type) => [
        `eks:loggingType/${type}`,
        "true",
      ]),
    );
    if (action === "eks:CreateCluster")
      return {
        "eks:endpointPublicAccess": String(vpc.endpoint_public_access ?? true),
        "eks:bootstrapClusterCreatorAdminPermissions": String(access.bootstrap_cluster_creator_admin_permissions ?? true),
        ...logging,
      };
    if (action === "eks:UpdateClusterConfig") {
      if (operation === "update vpc_config") return { "eks:endpointPublicAccess": String(vpc.endpoint_public_access ?? true) };
      if (operation === "update enabled_cluster_log_types") return logging;
      if (operation === "update access_config" && access.authentication_mode) return { "eks:authenticationMode": String(access.authentication_mode) };
      return {};
    }
    if (action === "iam:PassRole") return { "iam:PassedToService": "eks.amazonaws.com" };
    if (action === "iam:CreateServiceLinkedRole") return { "iam:AWSServiceName": EKS_SERVICE_LINKED_ROLE };
    if (action === "kms:CreateGrant") return { "kms:GrantIsForAWSResource": "true" };
    return undefined;
  },
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
    authorizedAlso: {
      // Tags sent in CreateCluster (eks:TagResource); the account's EKS service-linked role on its first cluster; the
      // cluster role handed to EKS; the secrets key EKS describes and takes a grant on.
      create: [
        "eks:TagResource",
        "iam:CreateServiceLinkedRole",
        "iam:PassRole",
        { action: "kms:DescribeKey", whenSet: "encryption_config" },
        { action: "kms:CreateGrant", whenSet: "encryption_config" },
      ],
    },
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
