import { noAwsCall } from "./shared";

export const kubernetesJobV1 = noAwsCall(
  "kubernetes_job_v1",
  "The Jobs that make the Spark webhook's certificates and set its CA, inside the cluster",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_job_v1.go"],
);
