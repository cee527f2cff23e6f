import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { EksConfig, LogsConfig, NetworkConfig } from "../config";
import { deployerRoleArn, EksNames } from "../config/naming";
import { AwsTarget } from "../lib/arn";
import { EksAccessGrant, EksCluster, ExtraNodeGroupProps } from "./eks-cluster";
import { Network } from "./network";

/** What both vendor stacks hand their cluster: the validated `eks` and `logs` sections plus what the stack computed. */
export interface VendorClusterProps {
  readonly clusterName: string;
  readonly names: EksNames;
  readonly target: AwsTarget;
  readonly network: Network;
  readonly eks: EksConfig;
  readonly logs: LogsConfig;
  readonly instanceTags: Record<string, string>;
  /** The stack's ownership and scope tags: the EBS CSI driver tags its volumes with them, and its boundary requires them. */
  readonly storageDriverTags: Record<string, string>;
  /** @default none */
  readonly nodeSecurityGroupTags?: Record<string, string>;
  /** Principals beyond the configured admins, with their access policies. @default none */
  readonly accessGrants?: EksAccessGrant[];
  /** IOMETE's layout: the node group carries the cluster tag, nodes only it. @default false */
  readonly nodeSecurityGroupOwnsCluster?: boolean;
  /** The account's default EBS encryption key, when customer-managed. @default none */
  readonly ebsKmsKeyArn?: string;
  /** Node groups beside the main one (Poolside's GPU group). @default none */
  readonly extraNodeGroups?: ExtraNodeGroupProps[];
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** A production environment: its cluster is protected from deletion unless `eks.deletionProtection` says otherwise. */
  readonly production: boolean;
}

/** The EKS cluster of a vendor stack, from its config section: one mapping for IOMETE and Poolside. */
export function vendorCluster(scope: Construct, props: VendorClusterProps): EksCluster {
  const { eks } = props;
  const cluster = new EksCluster(scope, "eks", {
    clusterName: props.clusterName,
    names: props.names,
    kubernetesVersion: eks.kubernetesVersion,
    target: props.target,
    vpcId: props.network.vpcId,
    subnetIds: props.network.privateSubnetIds,
    endpointPublicAccess: eks.endpointPublicAccess,
    publicAccessCidrs: eks.publicAccessCidrs,
    clusterAdminArns: eks.clusterAdminArns,
    accessGrants: [...deployerAccess(scope, props), ...(props.accessGrants ?? [])],
    operatorAccess: eks.operatorAccess,
    nodeSecurityGroupOwnsCluster: props.nodeSecurityGroupOwnsCluster,
    ebsKmsKeyArn: props.ebsKmsKeyArn,
    extraNodeGroups: props.extraNodeGroups,
    bootstrapCreatorAdmin: eks.bootstrapCreatorAdmin,
    upgradePolicy: eks.upgradePolicy,
    deletionProtection: eks.deletionProtection ?? props.production,
    zonalShift: eks.zonalShift,
    controlPlaneLogs: props.logs,
    nodeGroup: eks.nodeGroup,
    nodeSecurityGroupTags: props.nodeSecurityGroupTags,
    instanceTags: props.instanceTags,
    storageDriverTags: props.storageDriverTags,
    optionalAddons: eks.addons,
    addonVersions: eks.addonVersions,
    permissionsBoundaryArn: props.permissionsBoundaryArn,
  });
  return cluster;
}

/** `eks.deployerAccess`: an access entry for the stack's own deployer role (named after the stack). */
function deployerAccess(scope: Construct, props: VendorClusterProps): EksAccessGrant[] {
  const policy = props.eks.deployerAccess;
  if (policy === "none") return [];
  return [{ principalArn: deployerRoleArn(props.target, TerraformStack.of(scope).node.id), accessPolicy: policy }];
}

/** The network of a vendor stack: load-balancer role tags on the subnets, and discovery tags on the private ones when given. */
export function vendorNetwork(
  scope: Construct,
  props: { name: string; region: string; vpc: NetworkConfig; discoveryTags?: Record<string, string> },
): Network {
  return new Network(scope, "network", {
    name: props.name,
    region: props.region,
    vpc: props.vpc,
    publicSubnetTags: { "kubernetes.io/role/elb": "1" },
    privateSubnetTags: { "kubernetes.io/role/internal-elb": "1" },
    discoveryTags: props.discoveryTags,
  });
}
