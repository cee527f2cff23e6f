import { principalEntries } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance } from "../../model";
import { TypePermissions } from "../types";

/** Only the access policy this association gives (cluster-admin for configured admins, admin view for the planner). */
const ownPolicy = (instance: ResourceInstance): PolicyConditions => ({ ArnEquals: { "eks:policyArn": String(instance.attributes.policy_arn) } });

export const awsEksAccessPolicyAssociation: TypePermissions = {
  purpose: "Gives access entries their EKS access policy (cluster-admin; admin view for the Kubernetes side's planner)",
  // The association's own principal's entry, with its own policy: cluster-admin never reaches the planner's entry.
  arns: principalEntries,
  rules: [
    { phase: "create", actions: ["eks:AssociateAccessPolicy"], gate: { kind: "resource-tag" }, conditions: ownPolicy },
    { phase: "read", actions: ["eks:ListAssociatedAccessPolicies"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DisassociateAccessPolicy"], gate: { kind: "resource-tag" }, conditions: ownPolicy },
  ],
  requestContext: ({ instance, action }) =>
    ["eks:AssociateAccessPolicy", "eks:DisassociateAccessPolicy"].includes(action)
      ? { "eks:policyArn": String(instance.attributes.policy_arn) }
      : undefined,
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
