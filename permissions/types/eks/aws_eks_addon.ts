import { clusterArns, clusterChildren } from "./shared";
import { passRole } from "../iam/shared";
import { TypePermissions } from "../types";

export const awsEksAddon: TypePermissions = {
  purpose: "EKS-managed addons: VPC CNI, CoreDNS, kube-proxy, EBS CSI, Pod Identity agent",
  arns: clusterChildren("addon"),
  rules: [
    { phase: "create", actions: ["eks:CreateAddon"], gate: { kind: "request-tag" }, resources: clusterArns },
    // The driver's IRSA role handed to EKS, on create or when it changes.
    passRole("create", "service_account_role_arn", ["eks.amazonaws.com"]),
    { phase: "read", actions: ["eks:DescribeAddon"], gate: { kind: "resource-tag" } },
    // An add-on update is followed through the cluster's updates.
    { phase: "update", actions: ["eks:DescribeUpdate"], gate: { kind: "resource-tag" }, resources: clusterArns },
    { phase: "update", actions: ["eks:UpdateAddon", "eks:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DeleteAddon"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ action }) => (action === "iam:PassRole" ? { "iam:PassedToService": "eks.amazonaws.com" } : undefined),
  calls: {
    type: "aws_eks_addon",
    source: {
      files: ["internal/service/eks/addon.go", "internal/service/eks/pod_identity_association.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["eks:CreateAddon", "eks:DescribeAddon", { action: "eks:DescribePodIdentityAssociation", whenSet: "pod_identity_association" }],
    read: ["eks:DescribeAddon", { action: "eks:DescribePodIdentityAssociation", whenSet: "pod_identity_association" }],
    update: {
      addon_version: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      configuration_values: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      pod_identity_association: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      preserve: [],
      resolve_conflicts_on_create: [],
      resolve_conflicts_on_update: [],
      service_account_role_arn: ["eks:DescribeUpdate", "eks:UpdateAddon"],
      tags: ["eks:UntagResource"],
    },
    delete: ["eks:DeleteAddon", "eks:DescribeAddon"],
    import: ["eks:DescribeAddon", { action: "eks:DescribePodIdentityAssociation", whenSet: "pod_identity_association" }],
    authorizedAlso: {
      // The service account's role handed to EKS (on create, or when it changes).
      create: [{ action: "iam:PassRole", whenSet: "service_account_role_arn" }],
      update: { service_account_role_arn: ["iam:PassRole"] },
    },
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
};
