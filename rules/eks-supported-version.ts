import { EKS_VERSIONS } from "../config/aws";
import { ResourceRule } from "./types";

export const EksSupportedVersion: ResourceRule = {
  id: "EKS-SUPPORTED-VERSION",
  level: "error",
  finding: "EKS cluster runs a Kubernetes version outside the supported set",
  fix: `Use one of ${EKS_VERSIONS.join(", ")}; upgrade one minor version at a time.`,
  appliesTo: ["aws_eks_cluster"],
  check(cluster) {
    const version = cluster.attributes.version;
    return (EKS_VERSIONS as readonly string[]).includes(version) ? undefined : `version ${version ?? "(left to AWS)"}`;
  },
};
