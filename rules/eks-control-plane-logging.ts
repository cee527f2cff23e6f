import { ResourceRule } from "./types";

const REQUIRED = ["api", "audit", "authenticator"];

export const EksControlPlaneLogging: ResourceRule = {
  id: "EKS-CONTROL-PLANE-LOGGING",
  level: "warning",
  finding: "EKS control plane does not log audit, api and authenticator",
  fix: "Keep logs.enabled true (the stacks' default) so the three log types go to /aws/eks/<cluster>/cluster.",
  appliesTo: ["aws_eks_cluster"],
  check(cluster) {
    const missing = REQUIRED.filter((t) => !([] as string[]).concat(cluster.attributes.enabled_cluster_log_types ?? []).includes(t));
    return missing.length ? `missing ${missing.join(", ")}` : undefined;
  },
};
