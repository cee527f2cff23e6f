import { noAwsCall } from "./shared";

export const kubernetesSecretV1 = noAwsCall(
  "kubernetes_secret_v1",
  "IOMETE's cloud settings, written write-only",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_secret_v1.go"],
);
