import { clusterArns, clusterChildren } from "./shared";
import { passRole } from "../iam/shared";
import { TypePermissions } from "../types";

export const awsEksPodIdentityAssociation: TypePermissions = {
  purpose: "Binds a Kubernetes service account to its role (EKS Pod Identity)",
  arns: clusterChildren("podidentityassociation"),
  rules: [
    { phase: "create", actions: ["eks:CreatePodIdentityAssociation"], gate: { kind: "request-tag" }, resources: clusterArns },
    // The association's role handed to EKS Pod Identity (on create, or when it changes).
    passRole("create", "role_arn", ["eks.amazonaws.com", "pods.eks.amazonaws.com"]),
    { phase: "read", actions: ["eks:DescribePodIdentityAssociation"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["eks:UpdatePodIdentityAssociation", "eks:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["eks:DeletePodIdentityAssociation"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ action }) => (action === "iam:PassRole" ? { "iam:PassedToService": "pods.eks.amazonaws.com" } : undefined),
  calls: {
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
      tags: ["eks:UntagResource"],
      target_role_arn: ["eks:UpdatePodIdentityAssociation"],
    },
    delete: ["eks:DeletePodIdentityAssociation"],
    import: ["eks:DescribePodIdentityAssociation"],
    authorizedAlso: {
      // The role handed to EKS Pod Identity (on create, or when it changes).
      create: ["iam:PassRole"],
      update: { role_arn: ["iam:PassRole"] },
    },
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
};
