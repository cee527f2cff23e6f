import { noAwsCall } from "./shared";

export const kubernetesServiceAccountV1 = noAwsCall(
  "kubernetes_service_account_v1",
  "The identity of the Jobs that make the Spark webhook's certificates in the cluster",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_service_account_v1.go"],
);
