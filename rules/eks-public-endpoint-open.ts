import { isProduction } from "../config/environment-kind";
import { ResourceRule } from "./types";

export const EksPublicEndpoint: ResourceRule = {
  id: "EKS-PUBLIC-ENDPOINT-OPEN",
  level: "warning",
  finding: "EKS API endpoint is open to the whole internet",
  fix: "Turn endpointPublicAccess off or list your CIDRs in publicAccessCidrs (an error in a production environment).",
  appliesTo: ["aws_eks_cluster"],
  check(cluster, stack) {
    const vpc = cluster.attributes.vpc_config ?? {};
    if (vpc.endpoint_public_access === false) return undefined;
    const cidrs: string[] = vpc.public_access_cidrs ?? ["0.0.0.0/0"]; // AWS's default when left out
    if (!cidrs.includes("0.0.0.0/0")) return undefined;
    const detail = "public access from 0.0.0.0/0";
    return isProduction({ kind: stack.context.environmentKind }) ? { detail, level: "error" } : detail;
  },
};
