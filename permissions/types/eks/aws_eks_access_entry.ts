import { clusterArns, clusterChildren } from "./shared";
import { roleArns } from "../iam/shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance, literalsOf } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/** Access entries only for the stack's own roles and the principals its config names. */
const accessEntryPrincipals = (instance: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ArnEquals: {
    "eks:principalArn": [...new Set([...roleArns(instance, ctx), ...literalsOf(ctx.model, "aws_eks_access_entry", "principal_arn")])].sort(),
  },
});

export const awsEksAccessEntry: TypePermissions = {
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
};
