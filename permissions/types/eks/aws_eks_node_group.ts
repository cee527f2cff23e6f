import { clusterArns, clusterChildren } from "./shared";
import { passRole, serviceLinkedRoleOnFirstUse } from "../iam/shared";
import { ContextValue, TypePermissions } from "../types";

/** The service-linked role EKS creates on an account's first managed node group, with the caller's permission. */
const NODEGROUP_SERVICE_LINKED_ROLE = "eks-nodegroup.amazonaws.com";

export const awsEksNodeGroup: TypePermissions = {
  purpose: "The managed node group",
  arns: clusterChildren("nodegroup"),
  rules: [
    { phase: "create", actions: ["eks:CreateNodegroup"], gate: { kind: "request-tag" }, resources: clusterArns },
    passRole("create", "node_role_arn", ["eks.amazonaws.com"]),
    // The node group's own service-linked role creates Auto Scaling's, and Auto Scaling's creates EC2 Spot's
    // (AWSServiceRoleForAmazonEKSNodegroup, AutoScalingServiceRolePolicy): the caller needs only this one.
    serviceLinkedRoleOnFirstUse(NODEGROUP_SERVICE_LINKED_ROLE),
    { phase: "read", actions: ["eks:DescribeNodegroup"], gate: { kind: "resource-tag" } },
    // A node group update is followed through the cluster's updates.
    { phase: "update", actions: ["eks:DescribeUpdate"], gate: { kind: "resource-tag" }, resources: clusterArns },
    {
      phase: "update",
      actions: ["eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion", "eks:UntagResource"],
      gate: { kind: "resource-tag" },
    },
    { phase: "delete", actions: ["eks:DeleteNodegroup"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ action }): Record<string, ContextValue> | undefined =>
    action === "iam:PassRole"
      ? { "iam:PassedToService": "eks.amazonaws.com" }
      : action === "iam:CreateServiceLinkedRole"
        ? { "iam:AWSServiceName": NODEGROUP_SERVICE_LINKED_ROLE }
        : undefined,
  calls: {
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
      tags: ["eks:UntagResource"],
      taint: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      update_config: ["eks:DescribeUpdate", "eks:UpdateNodegroupConfig"],
      version: ["eks:DescribeUpdate", "eks:UpdateNodegroupVersion"],
    },
    delete: ["eks:DeleteNodegroup", "eks:DescribeNodegroup"],
    import: ["eks:DescribeNodegroup"],
    authorizedAlso: {
      // The node role handed to EKS; the account's node-group service-linked role.
      create: ["iam:PassRole", "iam:CreateServiceLinkedRole"],
    },
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
};
