import { ResourceRule } from "./types";

export const EksSecretsEncryption: ResourceRule = {
  id: "EKS-SECRETS-ENCRYPTION",
  level: "error",
  finding: "EKS cluster does not encrypt Kubernetes secrets with a KMS key",
  fix: 'Set encryption_config with resources ["secrets"] and a provider key (EksCluster does).',
  appliesTo: ["aws_eks_cluster"],
  check(cluster) {
    const config = cluster.attributes.encryption_config;
    return config?.provider?.key_arn && ([] as string[]).concat(config.resources ?? []).includes("secrets") ? undefined : "no secrets encryption";
  },
};
