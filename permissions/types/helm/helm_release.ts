import { noAwsCall } from "../kubernetes/shared";

export const helmRelease = noAwsCall(
  "helm_release",
  "Helm releases in the cluster (Karpenter, Istio, IOMETE's data-plane-base)",
  "terraform-provider-helm 3.1.1",
  ["helm/resource_helm_release.go (hashicorp/terraform-provider-helm)"],
);
