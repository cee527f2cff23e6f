import { noAwsCall } from "./shared";

export const kubernetesRoleV1 = noAwsCall(
  "kubernetes_role_v1",
  "The plan role's reads in one namespace: Helm's releases, the stack's Secrets by name, and the certificate Jobs' access",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_role_v1.go"],
);
