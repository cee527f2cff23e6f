import { TypePermissions } from "../types";

/**
 * A type of the Kubernetes-side stack that calls no AWS API: Helm releases and Kubernetes
 * objects talk to the cluster (authorized by the deployer's EKS access entry, created by the
 * data-plane stack). Reaching the cluster is
 * `aws eks get-token`, which signs an STS GetCallerIdentity request and needs no IAM
 * permission.
 */
export function noAwsCall(type: string, purpose: string, provider: string, files: string[]): TypePermissions {
  return {
    purpose,
    arns: () => [],
    rules: [],
    calls: {
      type,
      source: { files, commit: provider },
      create: [],
      read: [],
      update: {},
      delete: [],
      import: [],
      notes: "Talks to the Kubernetes API or computes locally: no AWS call.",
    },
  };
}
