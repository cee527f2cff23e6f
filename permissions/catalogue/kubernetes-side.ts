import { s3Arn } from "../../lib/arn";
import { isLiteral, ResourceInstance } from "../model";
import { ArnContext, Catalogue, CatalogueEntry } from "./types";

/**
 * Types of the Kubernetes-side stack. Helm releases, Kubernetes objects and TLS
 * keys make no AWS call: the cluster's API authorizes them through the deployer's
 * EKS access entry (created by the data-plane stack), and TLS keys are computed
 * locally. What AWS sees is the read of the data plane's state.
 */
function noAwsCall(purpose: string): CatalogueEntry {
  return { purpose, arns: () => [], rules: [] };
}

/** The state object a `terraform_remote_state` (S3 backend) reads; none unless bucket and key are literals (then nothing is granted). */
function remoteStateObject(instance: ResourceInstance): { bucket: string; key: string } | undefined {
  const config = (instance.attributes.config ?? {}) as { bucket?: unknown; key?: unknown };
  return isLiteral(config.bucket) && isLiteral(config.key) ? { bucket: config.bucket, key: config.key } : undefined;
}

const stateObjectArn = (instance: ResourceInstance, ctx: ArnContext) => {
  const state = remoteStateObject(instance);
  return state ? [s3Arn(ctx.partition, `${state.bucket}/${state.key}`)] : [];
};

export const kubernetesSideCatalogue: Catalogue = {
  terraform_remote_state: {
    purpose: "Reads another stack's outputs from its state (the data plane's, for the Kubernetes side)",
    arns: stateObjectArn,
    rules: [
      // Read only, and listing only its key as the stack's own backend statement does (the S3 backend's workspace listing under
      // `env:/` is refused, which it tolerates for the default workspace).
      { phase: "read", actions: ["s3:GetObject"], gate: { kind: "name" } },
      {
        phase: "read",
        actions: ["s3:ListBucket"],
        gate: { kind: "name" },
        resources: (instance, ctx) => {
          const state = remoteStateObject(instance);
          return state ? [s3Arn(ctx.partition, state.bucket)] : [];
        },
        conditions: (instance) => ({ StringEquals: { "s3:prefix": remoteStateObject(instance)?.key ?? "" } }),
      },
    ],
  },
  helm_release: noAwsCall("Helm releases in the cluster (Karpenter, Istio, IOMETE's data-plane-base)"),
  kubernetes_namespace_v1: noAwsCall("Namespaces IOMETE and Istio run in"),
  kubernetes_secret_v1: noAwsCall("IOMETE's cloud settings and the Spark webhook's certificates"),
  kubernetes_storage_class_v1: noAwsCall("The default gp3 StorageClass"),
  tls_private_key: noAwsCall("Keys of the Spark webhook's CA and server certificate"),
  tls_self_signed_cert: noAwsCall("The Spark webhook's CA"),
  tls_cert_request: noAwsCall("The Spark webhook's certificate request"),
  tls_locally_signed_cert: noAwsCall("The Spark webhook's server certificate"),
};
