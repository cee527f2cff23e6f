import { ProviderCalls } from "./types";

/**
 * The Kubernetes-side stack's types. Helm, Kubernetes and TLS resources call no AWS
 * API (their providers talk to the cluster, authorized by the EKS access entry, or
 * compute keys locally), so every list is empty; the AWS side of reaching the
 * cluster is `aws eks get-token`, which signs an STS GetCallerIdentity request and
 * needs no IAM permission. Reading another stack's state is Terraform's S3 backend.
 */
const noAwsCall = (type: string, provider: string, files: string[]): ProviderCalls => ({
  type,
  source: { files, commit: provider },
  create: [],
  read: [],
  update: {},
  delete: [],
  import: [],
  notes: "Talks to the Kubernetes API or computes locally: no AWS call.",
});

export const kubernetesSideCalls: ProviderCalls[] = [
  {
    type: "terraform_remote_state",
    source: {
      files: [
        "internal/backend/remote-state/s3/backend_state.go (hashicorp/terraform)",
        "internal/backend/remote-state/s3/client.go (hashicorp/terraform)",
      ],
      commit: "terraform v1.11 S3 backend",
    },
    create: [],
    // StateMgr lists workspaces (tolerating AccessDenied for the default one), then the client gets the object; SSE-KMS decrypts with the state key.
    read: ["s3:ListBucket", "s3:GetObject"],
    update: {},
    delete: [],
    import: [],
    notes: "A data source: read only. The state key's kms:Decrypt is the backend statement's.",
  },
  noAwsCall("helm_release", "terraform-provider-helm 3.1.1", ["helm/resource_helm_release.go (hashicorp/terraform-provider-helm)"]),
  noAwsCall("kubernetes_namespace_v1", "terraform-provider-kubernetes 2.38.0", ["kubernetes/resource_kubernetes_namespace_v1.go"]),
  noAwsCall("kubernetes_secret_v1", "terraform-provider-kubernetes 2.38.0", ["kubernetes/resource_kubernetes_secret_v1.go"]),
  noAwsCall("kubernetes_storage_class_v1", "terraform-provider-kubernetes 2.38.0", ["kubernetes/resource_kubernetes_storage_class_v1.go"]),
  noAwsCall("tls_private_key", "terraform-provider-tls 4.1.0", ["internal/provider/resource_private_key.go"]),
  noAwsCall("tls_self_signed_cert", "terraform-provider-tls 4.1.0", ["internal/provider/resource_self_signed_cert.go"]),
  noAwsCall("tls_cert_request", "terraform-provider-tls 4.1.0", ["internal/provider/resource_cert_request.go"]),
  noAwsCall("tls_locally_signed_cert", "terraform-provider-tls 4.1.0", ["internal/provider/resource_locally_signed_cert.go"]),
];
