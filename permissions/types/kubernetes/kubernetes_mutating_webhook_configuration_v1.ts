import { noAwsCall } from "./shared";

export const kubernetesMutatingWebhookConfigurationV1 = noAwsCall(
  "kubernetes_mutating_webhook_configuration_v1",
  "IOMETE's Spark operator webhook configuration (its CA is set by a Job)",
  "terraform-provider-kubernetes 2.38.0",
  ["kubernetes/resource_kubernetes_mutating_webhook_configuration_v1.go"],
);
