import { clusterChildren } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance, literalsOf } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/** Only the access policies the stack associates (cluster-admin for its configured admins, nothing else). */
const accessPolicies = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  ArnEquals: { "eks:policyArn": literalsOf(ctx.model, "aws_eks_access_policy_association", "policy_arn") },
});

export const awsEksAccessPolicyAssociation: TypePermissions = {
  purpose: "Gives access entries their EKS access policy (cluster-admin; admin view for the Kubernetes side's planner)",
  arns: clusterChildren("access-entry"),
  rules: [
    { phase: "create", actions: ["eks:AssociateAccessPolicy"], gate: { kind: "resource-tag" }, conditions: accessPolicies },
    { phase: "read", actions: ["eks:ListAssociatedAccessPolicies"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DisassociateAccessPolicy"], gate: { kind: "resource-tag" } },
  ],
  calls: {
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
};
