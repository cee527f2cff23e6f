import { EksConfig } from "../../config";
import { EksCluster } from "../../modules/eks-cluster";
import { suppressRule } from "../../rules";

/**
 * A risk the config accepts in writing becomes a suppression with that reason, so
 * `npm run check` and the security report list it instead of synth failing on it:
 * `acknowledgeOpenPublicAccess: true` on an API endpoint open to the internet.
 */
export function acceptConfiguredRisks(cluster: EksCluster, eks: EksConfig, field: string): void {
  if (eks.acknowledgeOpenPublicAccess && eks.endpointPublicAccess && eks.publicAccessCidrs.includes("0.0.0.0/0")) {
    suppressRule(
      cluster.cluster,
      "EKS-PUBLIC-ENDPOINT-OPEN",
      `accepted in config: ${field}.acknowledgeOpenPublicAccess is true, the API endpoint is open to ${eks.publicAccessCidrs.join(", ")}`,
    );
  }
}
