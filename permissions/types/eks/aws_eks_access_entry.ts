import { clusterArns, entryPrincipalArn, principalEntries } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { isLiteral, ResourceInstance } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/** The Kubernetes groups the stack gives an entry: an entry's groups are RBAC subjects (`system:masters` is cluster admin). */
const groupsOf = (instance: ResourceInstance): string[] => {
  const groups = instance.attributes.kubernetes_groups;
  return Array.isArray(groups) ? groups.filter(isLiteral) : [];
};

/**
 * Each entry for exactly its own principal (the stack's roles and the principals its config names),
 * of exactly its own type, with exactly its own Kubernetes groups (none, unless it declares some)
 * and no Kubernetes user name: a group is as strong as an access policy.
 */
const ownPrincipal = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const groups = groupsOf(instance);
  return {
    ArnEquals: { "eks:principalArn": entryPrincipalArn(instance, ctx) ?? "" },
    StringEquals: { "eks:accessEntryType": String(instance.attributes.type ?? "STANDARD") },
    ...(groups.length ? { "ForAllValues:StringEquals": { "eks:kubernetesGroups": groups } } : {}),
    Null: { ...(groups.length ? {} : { "eks:kubernetesGroups": "true" }), "eks:username": "true" },
  };
};

export const awsEksAccessEntry: TypePermissions = {
  purpose: "Who may use the cluster (admins, Karpenter's nodes, the Kubernetes side's deployer and planner)",
  // One principal's entries: a statement on them never reaches another principal's (the planner's).
  arns: principalEntries,
  rules: [
    { phase: "create", actions: ["eks:CreateAccessEntry"], gate: { kind: "request-tag" }, resources: clusterArns, conditions: ownPrincipal },
    { phase: "read", actions: ["eks:DescribeAccessEntry"], gate: { kind: "resource-tag" } },
    // Kubernetes groups and user names change only with the entry's own arguments, which the stacks never set.
    { phase: "update", actions: ["eks:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DeleteAccessEntry"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ instance, ctx, action }) =>
    action === "eks:CreateAccessEntry"
      ? {
          "eks:principalArn": entryPrincipalArn(instance, ctx) ?? "",
          "eks:accessEntryType": String(instance.attributes.type ?? "STANDARD"),
          ...(groupsOf(instance).length ? { "eks:kubernetesGroups": groupsOf(instance) } : {}),
        }
      : undefined,
  acceptedGaps: [
    {
      operations: ["update kubernetes_groups", "update user_name"],
      action: "eks:UpdateAccessEntry",
      reason:
        "UpdateAccessEntry has no condition key: granted, it would put any group (system:masters) on any entry the stack owns. " +
        "A change of an entry's groups replaces it (taint it, or change its groups in a stack that recreates it) with CreateAccessEntry, which pins them.",
    },
  ],
  calls: {
    type: "aws_eks_access_entry",
    source: {
      files: ["internal/service/eks/access_entry.go"],
      commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
    },
    create: ["eks:CreateAccessEntry", "eks:DescribeAccessEntry"],
    read: ["eks:DescribeAccessEntry"],
    update: {
      kubernetes_groups: ["eks:UpdateAccessEntry"],
      tags: ["eks:UntagResource"],
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
};
