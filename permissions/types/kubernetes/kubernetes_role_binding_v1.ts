import { noAwsCall } from "./shared";

export const kubernetesRoleBindingV1 = noAwsCall(
  "kubernetes_role_binding_v1",
  "Binds the plan role's group to its reads in one namespace, and the certificate Jobs to their access",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_role_binding_v1.go"],
);
