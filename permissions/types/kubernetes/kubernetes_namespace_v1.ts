import { noAwsCall } from "./shared";

export const kubernetesNamespaceV1 = noAwsCall(
  "kubernetes_namespace_v1",
  "Namespaces IOMETE and Istio run in",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_namespace_v1.go"],
);
