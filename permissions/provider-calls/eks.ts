import { ProviderCalls } from "./types";

/**
 * EKS resources, read from hashicorp/terraform-provider-aws `internal/service/eks/`.
 *
 * Version caveat: the source index holds many snapshots per file but only exposes some of
 * them by commit; no snapshot could be pinned exactly at the v6.25.0 tag (December 4, 2025).
 * Each entry names the commit actually read, and every argument listed was cross-checked
 * against the v6.25.0 schema shipped in @cdktf/provider-aws 21.22.1 (node_modules), and
 * against the provider CHANGELOG entries for EKS between v6.23.0 and v6.31.0.
 *
 * Conventions:
 *  - Every EKS SDK v2 operation used here has an IAM action of the same name
 *    (conn.X -> "eks:X"); none differ.
 *  - `update` lists the calls made for the argument's change itself (mutation + waiter).
 *    Every Update handler then runs the resource Read again (see `read`).
 *  - `tags`: `@Tags(identifierAttribute=...)` -> generated updateTags (tags_gen.go):
 *    eks:UntagResource for removed keys, eks:TagResource for added/changed keys. Tags on
 *    create are sent in the Create* call's `Tags`. Read takes tags from the Describe*
 *    response (setTagsOut), so eks:ListTagsForResource is not called.
 *  - Only calls the provider makes are recorded. IAM checks that AWS runs server-side
 *    on the caller for these APIs (e.g. iam:PassRole when a role ARN is handed to EKS,
 *    KMS grants for secrets encryption) are not SDK calls and are not listed.
 */
export const eksCalls: ProviderCalls[] = [
  {
    type: "aws_eks_cluster_data",
    source: { files: ["internal/service/eks/cluster_data_source.go"], commit: "0010044f3e160a5c3b3250cc2c040e7cc0760018" },
    create: [],
    read: ["eks:DescribeCluster"],
    update: {},
    delete: [],
    import: [],
    notes: "Data source aws_eks_cluster: FindClusterByName -> DescribeCluster; tags come with it.",
  },
  {
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
  {
    type: "aws_eks_node_group",
    source: {
      files: ["internal/service/eks/node_group.go"],
      commit: "012e0a32f0686212f447447fd3d81c3d0ce256ad",
    },
    create: ["eks:CreateNodegroup", "eks:DescribeNodegroup"],
    read: ["eks:DescribeNodegroup"],
    update: {
      force_update_version: [],
      labels: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      "launch_template.version": ["eks:DescribeUpdate", "eks:UpdateNodegroupVersion"],
      node_repair_config: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      release_version: ["eks:DescribeUpdate", "eks:UpdateNodegroupVersion"],
      scaling_config: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      tags: ["eks:TagResource", "eks:UntagResource"],
      taint: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      update_config: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      version: ["eks:DescribeUpdate", "eks:UpdateNodegroupVersion"],
    },
    delete: ["eks:DeleteNodegroup", "eks:DescribeNodegroup"],
    import: ["eks:DescribeNodegroup"],
    notes:
      "Create: conn.CreateNodegroup with Tags, labels, launch_template, scaling_config, taints, update_config, version etc.; " +
      "waitNodegroupCreated polls findNodegroupByTwoPartKey (DescribeNodegroup), then Read (DescribeNodegroup). " +
      "Update: changes to launch_template (only version is updatable; id/name are ForceNew), release_version or version -> one " +
      "UpdateNodegroupVersion (Force = force_update_version); changes to labels, scaling_config, taint, update_config or " +
      "node_repair_config -> one UpdateNodegroupConfig; each followed by waitNodegroupUpdateSuccessful, which polls " +
      "DescribeUpdate. force_update_version alone makes no call. ami_type, capacity_type, cluster_name, disk_size, " +
      "instance_types, node_group_name(_prefix), node_role_arn, remote_access, subnet_ids are ForceNew. " +
      "Delete: DeleteNodegroup, then waitNodegroupDeleted polls DescribeNodegroup. No EC2/Auto Scaling/IAM SDK calls. " +
      "Version caveat: the snapshot read (012e0a32, 2025, aws-sdk-go-v2) predates v6.25.0's extra node_repair_config " +
      "sub-arguments (max_parallel_nodes_repaired_*, max_unhealthy_node_threshold_*, node_repair_config_overrides); those go " +
      "through the same node_repair_config -> UpdateNodegroupConfig path. update_config.update_strategy was added in v6.26.0, " +
      "after 6.25.0.",
  },
  {
    type: "aws_eks_addon",
    source: {
      files: ["internal/service/eks/addon.go", "internal/service/eks/pod_identity_association.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["eks:CreateAddon", "eks:DescribeAddon", "eks:DescribePodIdentityAssociation"],
    read: ["eks:DescribeAddon", "eks:DescribePodIdentityAssociation"],
    update: {
      addon_version: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      configuration_values: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      pod_identity_association: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      preserve: [],
      resolve_conflicts_on_create: [],
      resolve_conflicts_on_update: [],
      service_account_role_arn: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      tags: ["eks:TagResource", "eks:UntagResource"],
    },
    delete: ["eks:DeleteAddon", "eks:DescribeAddon"],
    import: ["eks:DescribeAddon", "eks:DescribePodIdentityAssociation"],
    notes:
      "Create: conn.CreateAddon (retried on InvalidParameterException 'CREATE_FAILED'/'does not exist') with Tags, " +
      "addon_version, configuration_values, pod_identity_association, resolve_conflicts_on_create, service_account_role_arn; " +
      "waitAddonCreated polls findAddonByTwoPartKey (DescribeAddon), then Read. Read: DescribeAddon, plus, for each pod " +
      "identity association ARN the add-on returns, flattenAddonPodIdentityAssociations calls findPodIdentityAssociationByTwoPartKey " +
      "(eks:DescribePodIdentityAssociation, defined in pod_identity_association.go) - only when pod_identity_association is in use. " +
      "Update: a change to addon_version, configuration_values, pod_identity_association or service_account_role_arn -> one " +
      "UpdateAddon (which also carries resolve_conflicts_on_update), then waitAddonUpdateSuccessful polls DescribeUpdate " +
      "(findAddonUpdateByThreePartKey). resolve_conflicts_on_update, resolve_conflicts_on_create and preserve are " +
      "Optional non-ForceNew arguments whose change alone makes no call (preserve is sent with DeleteAddon). " +
      "addon_name and cluster_name are ForceNew. Delete: DeleteAddon (Preserve), then waitAddonDeleted polls DescribeAddon. " +
      "Snapshot 00a35305 is a 2026 snapshot; its schema matches v6.25.0 (resolve_conflicts_on_create/_on_update, " +
      "pod_identity_association, configuration_values, timeouts).",
  },
  {
    type: "aws_eks_access_entry",
    source: {
      files: ["internal/service/eks/access_entry.go"],
      commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
    },
    create: ["eks:CreateAccessEntry", "eks:DescribeAccessEntry"],
    read: ["eks:DescribeAccessEntry"],
    update: {
      kubernetes_groups: ["eks:UpdateAccessEntry"],
      tags: ["eks:TagResource", "eks:UntagResource"],
      user_name: ["eks:UpdateAccessEntry"],
    },
    delete: ["eks:DeleteAccessEntry"],
    import: ["eks:DescribeAccessEntry"],
    notes:
      "Create: conn.CreateAccessEntry (retried on 'The specified principalArn is invalid: invalid principal') with Tags, " +
      "type, kubernetes_groups, user_name; then Read (findAccessEntryByTwoPartKey -> DescribeAccessEntry). No waiters. " +
      "Update: any change other than tags/tags_all -> UpdateAccessEntry (sends both kubernetes_groups and user_name). " +
      "cluster_name, principal_arn and type are ForceNew. Delete: DeleteAccessEntry, no waiter. Import id " +
      "'cluster_name:principal_arn', passthrough then Read.",
  },
  {
    type: "aws_eks_access_policy_association",
    source: {
      files: ["internal/service/eks/access_policy_association.go"],
      commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
    },
    create: ["eks:AssociateAccessPolicy", "eks:ListAssociatedAccessPolicies"],
    read: ["eks:ListAssociatedAccessPolicies"],
    update: {},
    delete: ["eks:DisassociateAccessPolicy"],
    import: ["eks:ListAssociatedAccessPolicies"],
    notes:
      "No Update function: every argument (access_scope and its type/namespaces, cluster_name, policy_arn, principal_arn) is " +
      "ForceNew and the resource has no tags. Create: conn.AssociateAccessPolicy (retried on ResourceNotFoundException " +
      "'The specified principalArn could not be found'), then Read. Read: findAccessPolicyAssociationByThreePartKey pages " +
      "ListAssociatedAccessPolicies (paginator) for the principal and filters on policy_arn. Delete: DisassociateAccessPolicy, " +
      "no waiter. Import id 'cluster_name#principal_arn#policy_arn', passthrough then Read.",
  },
  {
    type: "aws_eks_pod_identity_association",
    source: {
      files: ["internal/service/eks/pod_identity_association.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["eks:CreatePodIdentityAssociation"],
    read: ["eks:DescribePodIdentityAssociation"],
    update: {
      disable_session_tags: ["eks:UpdatePodIdentityAssociation"],
      role_arn: ["eks:UpdatePodIdentityAssociation"],
      tags: ["eks:TagResource", "eks:UntagResource"],
      target_role_arn: ["eks:UpdatePodIdentityAssociation"],
    },
    delete: ["eks:DeletePodIdentityAssociation"],
    import: ["eks:DescribePodIdentityAssociation"],
    notes:
      'Framework resource (@FrameworkResource, @Tags(identifierAttribute="association_arn")). Create: ' +
      "conn.CreatePodIdentityAssociation (retried on 'Role provided in the request does not exist') with Tags; state is set " +
      "from the create output, no Read or waiter after create. Read: findPodIdentityAssociationByTwoPartKey -> " +
      "DescribePodIdentityAssociation. Update: a change to disable_session_tags, role_arn or target_role_arn -> " +
      "UpdatePodIdentityAssociation (same retry); tags through the tagging interceptor (updateTags). cluster_name, namespace " +
      "and service_account are RequiresReplace. Delete: DeletePodIdentityAssociation, no waiter. Import id " +
      "'cluster_name,association_id' is parsed locally, then Read. Snapshot 00a35305 is a 2026 snapshot; its schema " +
      "matches v6.25.0 (disable_session_tags, target_role_arn).",
  },
];
