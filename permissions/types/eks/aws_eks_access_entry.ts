import { clusterArns, entryPrincipalArn, principalEntries } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/**
 * Each entry for exactly its own principal (the stack's roles and the principals its config names),
 * of exactly its own type.
 */
const ownPrincipal = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ArnEquals: { "eks:principalArn": entryPrincipalArn(instance, ctx) ?? "" },
  StringEquals: { "eks:accessEntryType": String(instance.attributes.type ?? "STANDARD") },
});

export const awsEksAccessEntry: TypePermissions = {
  purpose: "Who may use the cluster (admins, Karpenter's nodes, the Kubernetes side's deployer and planner)",
  // One principal's entries: a statement on them never reaches another principal's (the planner's).
  arns: principalEntries,
  rules: [
    { phase: "create", actions: ["eks:CreateAccessEntry"], gate: { kind: "request-tag" }, resources: clusterArns, conditions: ownPrincipal },
    { phase: "read", actions: ["eks:DescribeAccessEntry"], gate: { kind: "resource-tag" } },
    // Kubernetes groups and user names change only with the entry's own arguments, which the stacks never set.
    { phase: "update", actions: ["eks:UpdateAccessEntry", "eks:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DeleteAccessEntry"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ instance, ctx, action }) =>
    action === "eks:CreateAccessEntry"
      ? { "eks:principalArn": entryPrincipalArn(instance, ctx) ?? "", "eks:accessEntryType": String(instance.attributes.type ?? "STANDARD") }
      : undefined,
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
