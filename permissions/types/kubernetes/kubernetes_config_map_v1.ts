import { noAwsCall } from "./shared";

export const kubernetesConfigMapV1 = noAwsCall(
  "kubernetes_config_map_v1",
  "The program of the Jobs that make the Spark webhook's certificates",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_config_map_v1.go"],
);
