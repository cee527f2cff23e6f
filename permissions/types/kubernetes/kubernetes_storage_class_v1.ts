import { noAwsCall } from "./shared";

export const kubernetesStorageClassV1 = noAwsCall(
  "kubernetes_storage_class_v1",
  "The default gp3 StorageClass",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_storage_class_v1.go"],
);
