import { EnvironmentConfig } from "../../config";
import { awsTargetOf } from "../../config/aws";
import { deployerRoleArn, plannerRoleArn } from "../../config/naming";
import { EksAccessGrant } from "../../modules/eks-cluster";

/**
 * A Kubernetes side's roles on its vendor stack's cluster, created there as access entries: the
 * deployer installs charts that create CRDs, cluster roles and webhook configurations, which only
 * cluster admin may; the planner (when GitHub's CI plans) is only put in `plannerGroup`, to which
 * the Kubernetes side binds the reads its refresh needs (PlannerRbac).
 */
export function clusterSideAccess(env: EnvironmentConfig, stackId: string, plannerGroup: string): EksAccessGrant[] {
  const target = awsTargetOf(env.account);
  const grants: EksAccessGrant[] = [{ principalArn: deployerRoleArn(target, stackId), accessPolicy: "AmazonEKSClusterAdminPolicy" }];
  if (env.provisioner.github) grants.push({ principalArn: plannerRoleArn(target, stackId), kubernetesGroups: [plannerGroup] });
  return grants;
}
