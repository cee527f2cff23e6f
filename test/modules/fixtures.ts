import { TerraformStack } from "cdktf";
import { iometeNames } from "../../config/naming";
import { NODE_GROUP_DEFAULTS } from "../../config/defaults";
import { EksCluster, EksClusterProps } from "../../modules/eks-cluster";

/** An EksCluster with small, valid props, for module tests. */
export function eksCluster(stack: TerraformStack, overrides: Partial<EksClusterProps> = {}): EksCluster {
  return new EksCluster(stack, "eks", {
    clusterName: "demo",
    names: iometeNames("demo"),
    kubernetesVersion: "1.33",
    target: { partition: "aws", region: "eu-west-1", account: "123456789012" },
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-01", "subnet-02", "subnet-03"],
    endpointPublicAccess: true,
    publicAccessCidrs: ["203.0.113.0/24"],
    clusterAdminArns: ["arn:aws:iam::123456789012:role/admin"],
    bootstrapCreatorAdmin: false,
    controlPlaneLogs: { enabled: true, retentionDays: 90 },
    nodeGroup: { ...NODE_GROUP_DEFAULTS, instanceTypes: ["t3a.xlarge"] },
    nodeSecurityGroupTags: { "karpenter.sh/discovery": "demo" },
    instanceTags: { "iomete.com/managed": "true" },
    ...overrides,
  });
}
