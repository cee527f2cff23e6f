import { noAwsCall } from "./shared";

export const kubernetesClusterRoleBindingV1 = noAwsCall(
  "kubernetes_cluster_role_binding_v1",
  "Binds the plan role's group to its cluster-wide reads, and the certificate Jobs to their access",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_cluster_role_binding_v1.go"],
);
