/**
 * Every name the IOMETE stack derives from the cluster name, in one place, so
 * that validation can check their lengths before anything is synthesized and
 * the stack and its tests use exactly the same names.
 */
export interface IometeNames {
  readonly clusterRole: string;
  readonly nodeRole: string;
  readonly nodeGroup: string;
  readonly nodeSecurityGroup: string;
  readonly launchTemplate: string;
  readonly lakehouseRole: string;
  readonly ebsCsiRole: string;
  readonly vpcCniRole: string;
  readonly karpenterNodeRole: string;
  readonly karpenterControllerRole: string;
  readonly karpenterQueue: string;
  readonly karpenterRulePrefix: string;
  readonly clusterKeyAlias: string;
  readonly storageKeyAlias: string;
  readonly clusterLogGroup: string;
}

export function iometeNames(clusterName: string): IometeNames {
  return {
    clusterRole: `${clusterName}-cluster-role`,
    nodeRole: `${clusterName}-node-role`,
    nodeGroup: `${clusterName}-ng`,
    nodeSecurityGroup: `${clusterName}-node`,
    launchTemplate: `${clusterName}-ng`,
    lakehouseRole: `${clusterName}-lakehouse-role`,
    // IOMETE's module names it this way; its charts do not read the name, but
    // operators who know the module look for it.
    ebsCsiRole: `AmazonEKS_EBS_CSI_DriverRole-${clusterName}`,
    vpcCniRole: `${clusterName}-vpc-cni-role`,
    karpenterNodeRole: `${clusterName}-karpenter-node`,
    karpenterControllerRole: `${clusterName}-karpenter-controller`,
    karpenterQueue: `Karpenter-${clusterName}`,
    karpenterRulePrefix: `${clusterName}-karpenter`,
    clusterKeyAlias: `alias/eks/${clusterName}`,
    storageKeyAlias: `alias/${clusterName}-storage`,
    clusterLogGroup: `/aws/eks/${clusterName}/cluster`,
  };
}

/** Names whose length AWS limits, with the limit, for validation. */
export function iometeNameLimits(names: IometeNames): Array<{ what: string; name: string; max: number }> {
  const role = (what: string, name: string) => ({ what, name, max: 64 });
  return [
    role("cluster role", names.clusterRole),
    role("node role", names.nodeRole),
    role("lakehouse role", names.lakehouseRole),
    role("EBS CSI role", names.ebsCsiRole),
    role("VPC CNI role", names.vpcCniRole),
    role("Karpenter node role", names.karpenterNodeRole),
    role("Karpenter controller role", names.karpenterControllerRole),
    // EventBridge rule names: 64 characters; the longest suffix is "-capacity-interruption".
    { what: "Karpenter EventBridge rule", name: `${names.karpenterRulePrefix}-capacity-interruption`, max: 64 },
    { what: "Karpenter queue", name: names.karpenterQueue, max: 80 },
    { what: "node group", name: names.nodeGroup, max: 63 },
  ];
}
