import { noAwsCall } from "./shared";

export const kubernetesClusterRoleV1 = noAwsCall(
  "kubernetes_cluster_role_v1",
  "The plan role's reads of the kinds the stack manages (RBAC), and the certificate Jobs' access",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_cluster_role_v1.go"],
);
