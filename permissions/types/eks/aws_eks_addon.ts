import { clusterArns, clusterChildren } from "./shared";
import { TypePermissions } from "../types";

const EKS_DESCRIBE_REASON = "EKS lists addon versions and configurations for the whole service; no resource-level permission";

export const awsEksAddon: TypePermissions = {
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
  calls: {
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
  acceptedGaps: [
    {
      operations: ["create", "read", "import"],
      action: "eks:DescribePodIdentityAssociation",
      reason: "called only for add-ons with pod_identity_association, which the stacks do not set (the drivers use IRSA roles)",
    },
  ],
};
