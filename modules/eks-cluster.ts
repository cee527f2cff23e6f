import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { isArmInstanceType } from "../config/aws";
import { awsManagedPolicy, Role } from "./iam-role";
import { KmsKey } from "./kms-key";
import { WorkloadIdentityRole } from "./workload-identity-role";
import { EksNames } from "../config/naming";

/** Names of everything the module creates (config/naming.ts's `EksNames`: one home for the scheme). */
export type EksClusterNames = EksNames;

export interface EksNodeGroupProps {
  readonly instanceTypes: string[];
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  /** Root volume (GiB), always encrypted. */
  readonly volumeSizeGiB: number;
  readonly volumeType: string;
  readonly detailedMonitoring: boolean;
}

export interface EksClusterProps {
  /** IMPORTANT: changing it replaces the cluster. */
  readonly clusterName: string;
  readonly names: EksClusterNames;
  readonly kubernetesVersion: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Private subnets for the control plane's interfaces and the nodes (all of them, not only the first). */
  readonly subnetIds: string[];
  readonly vpcId: string;
  readonly endpointPublicAccess: boolean;
  /** CIDRs allowed to reach the public endpoint; required when it is on. */
  readonly publicAccessCidrs: string[];
  /** Principals given AmazonEKSClusterAdminPolicy through access entries. */
  readonly clusterAdminArns: string[];
  /** IMPORTANT: changing it replaces the cluster. */
  readonly bootstrapCreatorAdmin: boolean;
  /** Control-plane logging into `/aws/eks/<cluster>/cluster`. */
  readonly controlPlaneLogs: { readonly enabled: boolean; readonly retentionDays: number };
  readonly nodeGroup: EksNodeGroupProps;
  /** Tags the node security group carries (e.g. `karpenter.sh/discovery`). @default none */
  readonly nodeSecurityGroupTags?: Record<string, string>;
  /**
   * Tags for the instances, volumes and interfaces the node group launches:
   * provider default tags do not reach them, and tag-gated permissions need them.
   */
  readonly instanceTags: Record<string, string>;
  /** Pinned addon versions by addon name. @default EKS's default for the cluster version */
  readonly addonVersions?: Record<string, string>;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
}

/** Control-plane log types shipped when logging is on (IOMETE's set). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator"];

/**
 * An EKS cluster in the shape IOMETE's module builds (terraform-aws-modules/eks
 * v19 as IOMETE configures it), with its weak points fixed: secrets encrypted
 * with a dedicated rotating key, control-plane logs encrypted and retained,
 * access entries instead of the aws-auth ConfigMap, a managed node group over
 * every private subnet with IMDSv2 and encrypted volumes, the VPC CNI and EBS
 * CSI drivers on their own IRSA roles instead of the node role.
 * https://docs.aws.amazon.com/eks/latest/best-practices/security.html
 */
export class EksCluster extends Construct {
  readonly cluster: EksClusterResource;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly clusterEndpoint: string;
  readonly certificateAuthorityData: string;
  readonly oidcIssuerUrl: string;
  /** The issuer without `https://`, the prefix of IRSA condition keys. */
  readonly oidcIssuerHost: string;
  readonly oidcProviderArn: string;
  readonly platformVersion: string;
  readonly status: string;
  readonly primarySecurityGroupId: string;
  readonly nodeSecurityGroupId: string;
  readonly nodeRoleArn: string;
  readonly nodeGroup: EksNodeGroup;
  readonly encryptionKey: KmsKey;
  readonly logGroupName?: string;

  private readonly props: EksClusterProps;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    this.props = props;
    validate(this.node.path, props);
    const { names, partition } = props;
    const logGroupArn = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:${names.clusterLogGroup}`;

    this.encryptionKey = new KmsKey(this, "encryption_key", {
      description: `${props.clusterName} cluster encryption key`,
      alias: names.clusterKeyAlias,
      accountId: props.accountId,
      partition,
      additionalStatements: props.controlPlaneLogs.enabled
        ? [
            {
              Sid: "ControlPlaneLogEncryption",
              Effect: "Allow",
              Principal: { Service: `logs.${props.region}.amazonaws.com` },
              Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
              Resource: "*",
              Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
            },
          ]
        : [],
    });

    // Created before the cluster, so EKS does not create it unencrypted and unretained.
    const logGroup = props.controlPlaneLogs.enabled
      ? new CloudwatchLogGroup(this, "control_plane_logs", {
          name: names.clusterLogGroup,
          retentionInDays: props.controlPlaneLogs.retentionDays,
          kmsKeyId: this.encryptionKey.keyArn,
        })
      : undefined;
    this.logGroupName = logGroup ? names.clusterLogGroup : undefined;

    const clusterRole = new Role(this, "cluster_role", {
      roleName: names.clusterRole,
      description: `EKS control plane of ${props.clusterName}`,
      trustStatements: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      managedPolicyArns: [awsManagedPolicy(partition, "AmazonEKSClusterPolicy"), awsManagedPolicy(partition, "AmazonEKSVPCResourceController")],
      inlinePolicies: {
        ClusterEncryption: [
          {
            Sid: "UseClusterKey",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
            Resource: this.encryptionKey.keyArn,
          },
        ],
      },
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    this.cluster = new EksClusterResource(this, "Resource", {
      name: props.clusterName,
      roleArn: clusterRole.roleArn,
      version: props.kubernetesVersion,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: props.endpointPublicAccess,
        publicAccessCidrs: props.endpointPublicAccess ? props.publicAccessCidrs : undefined,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.encryptionKey.keyArn } },
      enabledClusterLogTypes: props.controlPlaneLogs.enabled ? CONTROL_PLANE_LOG_TYPES : [],
      accessConfig: {
        authenticationMode: "API",
        bootstrapClusterCreatorAdminPermissions: props.bootstrapCreatorAdmin,
      },
      dependsOn: [...clusterRole.withPermissions, ...(logGroup ? [logGroup] : [])],
    });
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.clusterEndpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.platformVersion = this.cluster.platformVersion;
    this.status = this.cluster.status;
    this.primarySecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

    const oidcProvider = new IamOpenidConnectProvider(this, "oidc_provider", {
      url: this.oidcIssuerUrl,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: `${props.clusterName}-irsa` },
    });
    this.oidcProviderArn = oidcProvider.arn;
    // A local keeps the quoted `replace(...)` expression out of policy JSON strings.
    this.oidcIssuerHost = new TerraformLocal(this, "oidc_issuer_host", Fn.replace(this.oidcIssuerUrl, "https://", "")).asString;

    for (const principalArn of props.clusterAdminArns) {
      // The whole ARN: role names repeat across accounts.
      const key = principalArn.replace(/^arn:[^:]+:iam::/, "").replace(/[^A-Za-z0-9]/g, "_");
      const entry = new EksAccessEntry(this, `admin_${key}`, { clusterName: this.clusterName, principalArn, type: "STANDARD" });
      new EksAccessPolicyAssociation(this, `admin_${key}_policy`, {
        clusterName: this.clusterName,
        principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: "cluster" },
        dependsOn: [entry],
      });
    }

    const nodeSecurityGroup = new SecurityGroup(this, "node_security_group", {
      name: names.nodeSecurityGroup,
      description: `EKS nodes of ${props.clusterName}`,
      vpcId: props.vpcId,
      tags: { Name: names.nodeSecurityGroup, ...props.nodeSecurityGroupTags },
    });
    this.nodeSecurityGroupId = nodeSecurityGroup.id;
    new VpcSecurityGroupIngressRule(this, "node_ingress_self", {
      securityGroupId: nodeSecurityGroup.id,
      referencedSecurityGroupId: nodeSecurityGroup.id,
      ipProtocol: "-1",
      description: "Node to node, all traffic",
    });
    new VpcSecurityGroupIngressRule(this, "node_ingress_cluster", {
      securityGroupId: nodeSecurityGroup.id,
      referencedSecurityGroupId: this.primarySecurityGroupId,
      ipProtocol: "-1",
      description: "Control plane to nodes, all traffic",
    });
    // Nodes that carry only the node group (Karpenter's) must still reach the API server.
    new VpcSecurityGroupIngressRule(this, "cluster_ingress_nodes_https", {
      securityGroupId: this.primarySecurityGroupId,
      referencedSecurityGroupId: nodeSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "Nodes to the Kubernetes API",
    });
    new VpcSecurityGroupEgressRule(this, "node_egress_all", {
      securityGroupId: nodeSecurityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "-1",
      description: "Nodes reach AWS APIs and registries through the NAT",
    });

    const nodeRole = eksNodeRole(this, "node_role", {
      roleName: names.nodeRole,
      description: `Managed node group of ${props.clusterName}`,
      partition,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
    this.nodeRoleArn = nodeRole.roleArn;

    const launchTemplate = new LaunchTemplate(this, "node_launch_template", {
      name: names.launchTemplate,
      description: `Nodes of ${props.clusterName}: IMDSv2, encrypted root volume`,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: [nodeSecurityGroup.id, this.primarySecurityGroupId],
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: props.nodeGroup.volumeSizeGiB, volumeType: props.nodeGroup.volumeType, encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      // Hop limit 2: pods on the node still reach IMDS through the extra network hop.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
      monitoring: { enabled: props.nodeGroup.detailedMonitoring },
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...props.instanceTags, Name: names.nodeGroup },
      })),
    });

    const vpcCniRole = new WorkloadIdentityRole(this, "vpc_cni_role", {
      roleName: names.vpcCniRole,
      description: `VPC CNI (aws-node) of ${props.clusterName}`,
      mode: "irsa",
      serviceAccounts: [{ namespace: "kube-system", name: "aws-node" }],
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuerHost: this.oidcIssuerHost,
      managedPolicyArns: [awsManagedPolicy(partition, "AmazonEKS_CNI_Policy")],
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
    const ebsCsiRole = new WorkloadIdentityRole(this, "ebs_csi_role", {
      roleName: names.ebsCsiRole,
      description: `EBS CSI driver of ${props.clusterName}`,
      mode: "irsa",
      serviceAccounts: [{ namespace: "kube-system", name: "ebs-csi-controller-sa" }],
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuerHost: this.oidcIssuerHost,
      managedPolicyArns: [awsManagedPolicy(partition, "service-role/AmazonEBSCSIDriverPolicy")],
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    // Installed before the nodes, so they come up with networking (IOMETE: conflicts resolved by overwrite).
    const vpcCni = this.addon("vpc-cni", { serviceAccountRoleArn: vpcCniRole.roleArn });
    const podIdentityAgent = this.addon("eks-pod-identity-agent", {});
    this.addon("kube-proxy", {});

    this.nodeGroup = new EksNodeGroup(this, "node_group", {
      clusterName: this.clusterName,
      nodeGroupName: names.nodeGroup,
      nodeRoleArn: nodeRole.roleArn,
      subnetIds: props.subnetIds,
      amiType: props.nodeGroup.instanceTypes.every(isArmInstanceType) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      instanceTypes: props.nodeGroup.instanceTypes,
      capacityType: props.nodeGroup.capacityType,
      scalingConfig: { minSize: props.nodeGroup.minSize, maxSize: props.nodeGroup.maxSize, desiredSize: props.nodeGroup.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      launchTemplate: { id: launchTemplate.id, version: Fn.tostring(launchTemplate.latestVersion) },
      // Autoscalers own the desired size once the group exists.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      dependsOn: [...nodeRole.withPermissions, vpcCni, podIdentityAgent],
    });

    // These run as pods: without nodes they would sit DEGRADED and time out.
    this.addon("coredns", { dependsOn: [this.nodeGroup] });
    this.addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebsCsiRole.roleArn, dependsOn: [this.nodeGroup] });
  }

  /**
   * Lets instances with this role join the cluster (an EC2_LINUX access entry),
   * for nodes not launched by the managed node group, such as Karpenter's.
   */
  grantNodeAccess(id: string, nodeRoleArn: string): EksAccessEntry {
    return new EksAccessEntry(this, id, { clusterName: this.clusterName, principalArn: nodeRoleArn, type: "EC2_LINUX" });
  }

  private addon(name: string, options: { serviceAccountRoleArn?: string; dependsOn?: EksNodeGroup[] }): EksAddon {
    return new EksAddon(this, `addon_${name.replace(/-/g, "_")}`, {
      clusterName: this.clusterName,
      addonName: name,
      addonVersion: this.props.addonVersions?.[name],
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      serviceAccountRoleArn: options.serviceAccountRoleArn,
      dependsOn: options.dependsOn,
    });
  }
}

/**
 * The role of EKS worker nodes: join the cluster and pull images. The VPC CNI's
 * AmazonEKS_CNI_Policy is not on it: the CNI runs on its own IRSA role.
 */
export function eksNodeRole(
  scope: Construct,
  id: string,
  props: { roleName: string; description: string; partition: string; permissionsBoundaryArn?: string },
): Role {
  return new Role(scope, id, {
    roleName: props.roleName,
    description: props.description,
    trustStatements: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    managedPolicyArns: [
      awsManagedPolicy(props.partition, "AmazonEKSWorkerNodePolicy"),
      awsManagedPolicy(props.partition, "AmazonEC2ContainerRegistryReadOnly"),
    ],
    permissionsBoundaryArn: props.permissionsBoundaryArn,
  });
}

function validate(path: string, props: EksClusterProps): void {
  const problems: string[] = [];
  const ng = props.nodeGroup;
  if (props.subnetIds.length < 2) problems.push(`subnetIds: EKS needs at least two subnets in different zones (got ${props.subnetIds.length})`);
  if (props.endpointPublicAccess && props.publicAccessCidrs.length === 0)
    problems.push("publicAccessCidrs: must list CIDRs when endpointPublicAccess is true");
  if (ng.instanceTypes.length === 0) problems.push("nodeGroup.instanceTypes: needs at least one instance type");
  if (new Set(ng.instanceTypes.map(isArmInstanceType)).size > 1) {
    problems.push(`nodeGroup.instanceTypes: ${ng.instanceTypes.join(", ")} mix arm64 (Graviton) and x86_64; one node group runs one architecture`);
  }
  if (!(ng.minSize <= ng.desiredSize && ng.desiredSize <= ng.maxSize)) {
    problems.push(`nodeGroup: sizes must satisfy minSize <= desiredSize <= maxSize (got ${ng.minSize}, ${ng.desiredSize}, ${ng.maxSize})`);
  }
  if (problems.length > 0) throw new Error(`EksCluster ${path}: ${problems.join("; ")}`);
}
