import { Construct } from "constructs";
import { Fn, ITerraformDependable, TerraformLocal } from "cdktf";
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
import { DEFAULT_EKS_VERSION, EksAccessPolicyName, EksUpgradePolicy, isArmInstanceType, optionalAddonRole, OptionalEksAddon } from "../config/aws";
import { addonRoleName, EksNames, eksNames } from "../config/naming";
import { AwsTarget, awsManagedPolicyArn, formatArn, regionalArn } from "../lib/arn";
import { CONTROL_PLANE_LOG_DEFAULTS, NODE_GROUP_DEFAULTS, withDefaults } from "../config/defaults";
import { grantEbsKey } from "./ebs-key";
import { Role } from "./iam-role";
import { KmsKey } from "./kms-key";
import { WorkloadIdentityCluster, WorkloadIdentityRole } from "./workload-identity-role";

export interface EksNodeGroupProps {
  /** One architecture: all x86_64 or all Graviton (the AMI follows). @default NODE_GROUP_DEFAULTS.instanceTypes (t3a.xlarge) */
  readonly instanceTypes?: string[];
  /** @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** @default 1 */
  readonly minSize?: number;
  /** @default 3 */
  readonly maxSize?: number;
  /** Read at creation only: autoscalers own it afterwards. @default 1 */
  readonly desiredSize?: number;
  /** Root volume (GiB), always encrypted. @default 100 */
  readonly volumeSizeGiB?: number;
  /** @default "gp3" */
  readonly volumeType?: string;
  /** One-minute CloudWatch metrics. @default false */
  readonly detailedMonitoring?: boolean;
}

export type { EksAccessPolicyName } from "../config/aws";

/** A managed node group beside the main one (GPU nodes), with its own AMI type, taints and labels. */
export interface ExtraNodeGroupProps extends EksNodeGroupProps {
  /** Construct id suffix and name suffix: `<cluster>-<key>`. IMPORTANT: changing it replaces the group. */
  readonly key: string;
  /** EKS AMI type (`AL2023_x86_64_NVIDIA`, `BOTTLEROCKET_x86_64_NVIDIA`). */
  readonly amiType: string;
  /** @default none */
  readonly taints?: Array<{ readonly key: string; readonly value?: string; readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE" }>;
  /** Kubernetes labels of its nodes. @default none */
  readonly labels?: Record<string, string>;
  /** Reserved capacity the group launches into. @default none: on demand (or Spot) */
  readonly capacityReservation?: NodeGroupCapacityReservation;
  /** Where its nodes run (the reservation's zone). @default every subnet of the cluster */
  readonly subnetIds?: string[];
}

/** An On-Demand Capacity Reservation (by id or resource group) or a Capacity Block for ML (by id, with its instance type). */
export interface NodeGroupCapacityReservation {
  readonly type: "on-demand" | "capacity-block";
  readonly id?: string;
  readonly resourceGroupArn?: string;
  /** Required for a Capacity Block: its launch template names the instance type, the node group none. */
  readonly instanceType?: string;
}

/**
 * A principal and what it gets on the cluster: an access policy on the whole cluster, or
 * Kubernetes groups that RBAC objects (created inside the cluster) bind to.
 */
export type EksAccessGrant =
  | { readonly principalArn: string; readonly accessPolicy: EksAccessPolicyName }
  | { readonly principalArn: string; readonly kubernetesGroups: readonly string[] };

export interface EksClusterProps {
  /** IMPORTANT: changing it replaces the cluster. */
  readonly clusterName: string;
  /** Names of the roles, node group, security group, key alias and log group. @default eksNames(clusterName) */
  readonly names?: EksNames;
  /** @default DEFAULT_EKS_VERSION */
  readonly kubernetesVersion?: string;
  /** Partition, region and account of the cluster. */
  readonly target: AwsTarget;
  /** Private subnets for the control plane's interfaces and the nodes (all of them, not only the first). */
  readonly subnetIds: string[];
  readonly vpcId: string;
  /** @default false: the API is reachable from inside the VPC only */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs allowed to reach the public endpoint; required when it is on. @default none */
  readonly publicAccessCidrs?: string[];
  /** Principals given AmazonEKSClusterAdminPolicy through access entries. @default none */
  readonly clusterAdminArns?: string[];
  /** Other principals and the EKS access policy each gets, cluster-wide. @default none */
  readonly accessGrants?: EksAccessGrant[];
  /** IMPORTANT: changing it replaces the cluster. @default false */
  readonly bootstrapCreatorAdmin?: boolean;
  /** At the end of a version's standard support: STANDARD upgrades it; EXTENDED keeps it at six times the price. @default "STANDARD" */
  readonly upgradePolicy?: EksUpgradePolicy;
  /** EKS refuses to delete the cluster while on; a destroy turns it off first. @default true */
  readonly deletionProtection?: boolean;
  /** ARC zonal shift away from an impaired Availability Zone. @default true */
  readonly zonalShift?: boolean;
  /** Control-plane logging into `/aws/eks/<cluster>/cluster`. @default CONTROL_PLANE_LOG_DEFAULTS (on, 90 days) */
  readonly controlPlaneLogs?: { readonly enabled: boolean; readonly retentionDays: number };
  /** @default NODE_GROUP_DEFAULTS, field by field */
  readonly nodeGroup?: EksNodeGroupProps;
  /** Node groups beside the main one, on the same node role, security group and subnets. @default none */
  readonly extraNodeGroups?: ExtraNodeGroupProps[];
  /** Tags the node security group carries (e.g. `karpenter.sh/discovery`). @default none */
  readonly nodeSecurityGroupTags?: Record<string, string>;
  /**
   * IOMETE's module's layout: the node security group carries `kubernetes.io/cluster/<cluster> = owned`
   * and the nodes carry only it, not EKS's cluster group as well (which EKS tags the same way):
   * Kubernetes' load-balancer code wants exactly one group with that tag per node.
   * IMPORTANT: changing it rolls the node group onto a new launch template version. @default false
   */
  readonly nodeSecurityGroupOwnsCluster?: boolean;
  /** Networks and security groups (VPN, CI runners, a bastion) allowed to the API on 443. @default none */
  readonly operatorAccess?: { readonly cidrs?: string[]; readonly securityGroupIds?: string[] };
  /**
   * Tags for the instances, volumes and interfaces the node group launches:
   * provider default tags do not reach them, and tag-gated permissions need them.
   */
  readonly instanceTags: Record<string, string>;
  /**
   * Tags the EBS CSI driver puts on every volume and snapshot it makes (its add-on's `extraVolumeTags`),
   * as the nodes carry them: the driver role's generated boundary lets it act only on what carries them.
   * @default none
   */
  readonly storageDriverTags?: Record<string, string>;
  /** Addons beyond the five every cluster gets, each with its IRSA role where it needs one. @default none */
  readonly optionalAddons?: OptionalEksAddon[];
  /** Pinned addon versions by addon name. @default EKS's default for the cluster version */
  readonly addonVersions?: Record<string, string>;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /**
   * The customer-managed key of the account's default EBS encryption, when there is one:
   * the node role and the EBS CSI driver's role may use it. @default none (AWS's EBS key)
   */
  readonly ebsKmsKeyArn?: string;
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
export class EksCluster extends Construct implements WorkloadIdentityCluster {
  readonly cluster: EksClusterResource;
  /** The cluster's name as a Terraform reference: using it orders what depends on the cluster after it. */
  readonly clusterName: string;
  /** The configured name as plain text, for ARNs and tag conditions that policies must hold literally. */
  readonly literalName: string;
  readonly names: EksNames;
  readonly target: AwsTarget;
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
  private readonly nodeGroupProps: Required<EksNodeGroupProps>;
  private readonly logs: { readonly enabled: boolean; readonly retentionDays: number };

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    this.props = props;
    this.literalName = props.clusterName;
    this.names = props.names ?? eksNames(props.clusterName);
    this.target = props.target;
    this.nodeGroupProps = withDefaults({ ...NODE_GROUP_DEFAULTS, instanceTypes: [...NODE_GROUP_DEFAULTS.instanceTypes] }, props.nodeGroup ?? {});
    this.logs = props.controlPlaneLogs ?? CONTROL_PLANE_LOG_DEFAULTS;
    validate(this.node.path, props, this.nodeGroupProps);

    this.encryptionKey = this.createEncryptionKey();
    const logGroup = this.createControlPlaneLogGroup();
    this.logGroupName = logGroup ? this.names.clusterLogGroup : undefined;
    const clusterRole = this.createClusterRole();
    this.cluster = this.createControlPlane(clusterRole, logGroup);
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.clusterEndpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.platformVersion = this.cluster.platformVersion;
    this.status = this.cluster.status;
    this.primarySecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    this.oidcProviderArn = this.createOidcProvider();
    // A local keeps the quoted `replace(...)` expression out of policy JSON strings.
    this.oidcIssuerHost = new TerraformLocal(this, "oidc_issuer_host", Fn.replace(this.oidcIssuerUrl, "https://", "")).asString;
    this.addAccessEntries();
    this.allowOperators();
    this.nodeSecurityGroupId = this.createNodeSecurityGroup();
    const nodeRole = eksNodeRole(this, "node_role", {
      roleName: this.names.nodeRole,
      description: `Managed node group of ${props.clusterName}`,
      partition: this.target.partition,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
    this.nodeRoleArn = nodeRole.roleArn;
    if (props.ebsKmsKeyArn) grantEbsKey(nodeRole, props.ebsKmsKeyArn);
    this.nodeGroup = this.createNodeGroupWithAddons(nodeRole);
  }

  /**
   * Lets instances with this role join the cluster (an EC2_LINUX access entry),
   * for nodes not launched by the managed node group, such as Karpenter's.
   */
  grantNodeAccess(id: string, nodeRoleArn: string): EksAccessEntry {
    return new EksAccessEntry(this, id, { clusterName: this.clusterName, principalArn: nodeRoleArn, type: "EC2_LINUX" });
  }

  /** The secrets key; when logging is on, CloudWatch Logs may use it for this cluster's log group only. */
  private createEncryptionKey(): KmsKey {
    const logGroupArn = regionalArn(this.target, "logs", `log-group:${this.names.clusterLogGroup}`);
    return new KmsKey(this, "encryption_key", {
      description: `${this.props.clusterName} cluster encryption key`,
      alias: this.names.clusterKeyAlias,
      target: this.target,
      additionalStatements: this.logs.enabled
        ? [
            {
              Sid: "ControlPlaneLogEncryption",
              Effect: "Allow",
              Principal: { Service: `logs.${this.target.region}.amazonaws.com` },
              Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
              Resource: "*",
              Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
            },
          ]
        : [],
    });
  }

  /** Created before the cluster, so EKS does not create it unencrypted and unretained. */
  private createControlPlaneLogGroup(): CloudwatchLogGroup | undefined {
    if (!this.logs.enabled) return undefined;
    return new CloudwatchLogGroup(this, "control_plane_logs", {
      name: this.names.clusterLogGroup,
      retentionInDays: this.logs.retentionDays,
      kmsKeyId: this.encryptionKey.keyArn,
    });
  }

  private createClusterRole(): Role {
    const partition = this.target.partition;
    return new Role(this, "cluster_role", {
      roleName: this.names.clusterRole,
      description: `EKS control plane of ${this.props.clusterName}`,
      trustStatements: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      managedPolicyArns: [awsManagedPolicyArn(partition, "AmazonEKSClusterPolicy"), awsManagedPolicyArn(partition, "AmazonEKSVPCResourceController")],
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
      permissionsBoundaryArn: this.props.permissionsBoundaryArn,
    });
  }

  private createControlPlane(clusterRole: Role, logGroup: CloudwatchLogGroup | undefined): EksClusterResource {
    const props = this.props;
    const endpointPublicAccess = props.endpointPublicAccess ?? false;
    return new EksClusterResource(this, "Resource", {
      name: props.clusterName,
      roleArn: clusterRole.roleArn,
      version: props.kubernetesVersion ?? DEFAULT_EKS_VERSION,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess,
        publicAccessCidrs: endpointPublicAccess ? props.publicAccessCidrs : undefined,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.encryptionKey.keyArn } },
      enabledClusterLogTypes: this.logs.enabled ? CONTROL_PLANE_LOG_TYPES : [],
      accessConfig: {
        authenticationMode: "API",
        bootstrapClusterCreatorAdminPermissions: props.bootstrapCreatorAdmin ?? false,
      },
      // Set, not left to EKS: its default moves a cluster past standard support into extended support, at six times the price.
      upgradePolicy: { supportType: props.upgradePolicy ?? "STANDARD" },
      deletionProtection: props.deletionProtection ?? true,
      zonalShiftConfig: { enabled: props.zonalShift ?? true },
      dependsOn: [...clusterRole.withPermissions, ...(logGroup ? [logGroup] : [])],
    });
  }

  private createOidcProvider(): string {
    const oidcProvider = new IamOpenidConnectProvider(this, "oidc_provider", {
      url: this.oidcIssuerUrl,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: `${this.props.clusterName}-irsa` },
    });
    return oidcProvider.arn;
  }

  private addAccessEntries(): void {
    for (const principalArn of this.props.clusterAdminArns ?? []) this.grantAccess("admin", principalArn, "AmazonEKSClusterAdminPolicy");
    for (const grant of this.props.accessGrants ?? []) {
      if ("accessPolicy" in grant) this.grantAccess("access", grant.principalArn, grant.accessPolicy);
      else this.grantGroups("access", grant.principalArn, grant.kubernetesGroups);
    }
  }

  /** An access entry that puts the principal in Kubernetes groups, and nothing more: RBAC inside the cluster says what they may do. */
  private grantGroups(prefix: string, principalArn: string, kubernetesGroups: readonly string[]): void {
    new EksAccessEntry(this, `${prefix}_${accessEntryKey(principalArn)}_groups`, {
      clusterName: this.clusterName,
      principalArn,
      type: "STANDARD",
      kubernetesGroups: [...kubernetesGroups],
    });
  }

  /**
   * An access entry for the principal with the access policy on the whole cluster (ids
   * `<prefix>_<account>_<path>`); `after` is what must exist first (the principal's role).
   */
  grantAccess(prefix: string, principalArn: string, accessPolicy: EksAccessPolicyName, after: ITerraformDependable[] = []): void {
    const key = accessEntryKey(principalArn);
    const entry = new EksAccessEntry(this, `${prefix}_${key}`, {
      clusterName: this.clusterName,
      principalArn,
      type: "STANDARD",
      dependsOn: after.length ? after : undefined,
    });
    new EksAccessPolicyAssociation(this, `${prefix}_${key}_policy`, {
      clusterName: this.clusterName,
      principalArn,
      policyArn: formatArn({ partition: this.target.partition, service: "eks", account: "aws", resource: `cluster-access-policy/${accessPolicy}` }),
      accessScope: { type: "cluster" },
      dependsOn: [entry],
    });
  }

  /** The API on 443 from the operators' networks and groups, through EKS's cluster security group (ids follow the value, not the order). */
  private allowOperators(): void {
    const access = this.props.operatorAccess ?? {};
    for (const cidr of access.cidrs ?? []) {
      new VpcSecurityGroupIngressRule(this, `operator_${cidr.replace(/[^0-9]/g, "_")}`, {
        securityGroupId: this.primarySecurityGroupId,
        cidrIpv4: cidr,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "Operators to the Kubernetes API",
      });
    }
    for (const groupId of access.securityGroupIds ?? [])
      this.allowApiFrom(`operator_${groupId.replace(/-/g, "_")}`, groupId, "Operators to the Kubernetes API");
  }

  /** The API on 443 from a security group (an operator's, a bastion's). */
  allowApiFrom(id: string, securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: this.primarySecurityGroupId,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description,
    });
  }

  /** The nodes' own group: node to node, control plane to nodes, nodes to the API, and egress through the NAT. */
  private createNodeSecurityGroup(): string {
    const name = this.names.nodeSecurityGroup;
    const owned = this.props.nodeSecurityGroupOwnsCluster ? { [`kubernetes.io/cluster/${this.props.clusterName}`]: "owned" } : {};
    const nodeSecurityGroup = new SecurityGroup(this, "node_security_group", {
      name,
      description: `EKS nodes of ${this.props.clusterName}`,
      vpcId: this.props.vpcId,
      tags: { Name: name, ...this.props.nodeSecurityGroupTags, ...owned },
    });
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
    return nodeSecurityGroup.id;
  }

  private createNodeLaunchTemplate(
    id = "node_launch_template",
    name = this.names.launchTemplate,
    ng: Required<EksNodeGroupProps> = this.nodeGroupProps,
    reservation?: NodeGroupCapacityReservation,
  ): LaunchTemplate {
    return new LaunchTemplate(this, id, {
      ...(reservation ? reservedCapacity(reservation) : {}),
      name,
      description: `Nodes of ${this.props.clusterName}: IMDSv2, encrypted root volume`,
      updateDefaultVersion: true,
      // With the node group owning the cluster tag, nodes carry only it (see nodeSecurityGroupOwnsCluster).
      vpcSecurityGroupIds: this.props.nodeSecurityGroupOwnsCluster
        ? [this.nodeSecurityGroupId]
        : [this.nodeSecurityGroupId, this.primarySecurityGroupId],
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: ng.volumeSizeGiB, volumeType: ng.volumeType, encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      // Hop limit 2: pods on the node still reach IMDS through the extra network hop.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
      monitoring: { enabled: ng.detailedMonitoring },
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...this.props.instanceTags, Name: name },
      })),
    });
  }

  /** The VPC CNI and EBS CSI drivers on their own IRSA roles, not the node role. */
  private createDriverRoles(): { vpcCni: WorkloadIdentityRole; ebsCsi: WorkloadIdentityRole } {
    const driverRole = (id: string, roleName: string, description: string, serviceAccount: string, managedPolicy: string) =>
      new WorkloadIdentityRole(this, id, {
        roleName,
        description: `${description} of ${this.props.clusterName}`,
        mode: "irsa",
        serviceAccounts: [{ namespace: "kube-system", name: serviceAccount }],
        cluster: this,
        managedPolicyArns: [awsManagedPolicyArn(this.target.partition, managedPolicy)],
        permissionsBoundaryArn: this.props.permissionsBoundaryArn,
      });
    const roles = {
      vpcCni: driverRole("vpc_cni_role", this.names.vpcCniRole, "VPC CNI (aws-node)", "aws-node", "AmazonEKS_CNI_Policy"),
      ebsCsi: driverRole("ebs_csi_role", this.names.ebsCsiRole, "EBS CSI driver", "ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy"),
    };
    if (this.props.ebsKmsKeyArn) grantEbsKey(roles.ebsCsi.role, this.props.ebsKmsKeyArn);
    return roles;
  }

  /** Networking addons first, then the node group over every private subnet, then the addons that run as pods. */
  private createNodeGroupWithAddons(nodeRole: Role): EksNodeGroup {
    const ng = this.nodeGroupProps;
    const launchTemplate = this.createNodeLaunchTemplate();
    const driverRoles = this.createDriverRoles();
    // Installed before the nodes, so they come up with networking (IOMETE: conflicts resolved by overwrite).
    const vpcCni = this.addon("vpc-cni", { serviceAccountRoleArn: driverRoles.vpcCni.roleArn });
    const podIdentityAgent = this.addon("eks-pod-identity-agent", {});
    this.addon("kube-proxy", {});

    const nodeGroup = new EksNodeGroup(this, "node_group", {
      clusterName: this.clusterName,
      nodeGroupName: this.names.nodeGroup,
      nodeRoleArn: nodeRole.roleArn,
      subnetIds: this.props.subnetIds,
      amiType: ng.instanceTypes.every(isArmInstanceType) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      instanceTypes: ng.instanceTypes,
      capacityType: ng.capacityType,
      scalingConfig: { minSize: ng.minSize, maxSize: ng.maxSize, desiredSize: ng.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      launchTemplate: { id: launchTemplate.id, version: Fn.tostring(launchTemplate.latestVersion) },
      // Autoscalers own the desired size once the group exists.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      dependsOn: [...nodeRole.withPermissions, vpcCni, podIdentityAgent],
    });

    // These run as pods: without nodes they would sit DEGRADED and time out.
    this.addon("coredns", { dependsOn: [nodeGroup] });
    this.addon("aws-ebs-csi-driver", {
      serviceAccountRoleArn: driverRoles.ebsCsi.roleArn,
      dependsOn: [nodeGroup],
      configurationValues: this.props.storageDriverTags
        ? JSON.stringify({ controller: { extraVolumeTags: this.props.storageDriverTags } })
        : undefined,
    });
    for (const addon of this.props.optionalAddons ?? []) this.addOptionalAddon(addon, nodeGroup);
    for (const extra of this.props.extraNodeGroups ?? []) this.createExtraNodeGroup(extra, nodeRole, nodeGroup);
    return nodeGroup;
  }

  /** A node group beside the main one (after it: the system pods run on the main group), with its own launch template. */
  private createExtraNodeGroup(extra: ExtraNodeGroupProps, nodeRole: Role, after: EksNodeGroup): EksNodeGroup {
    const ng: Required<EksNodeGroupProps> = withDefaults({ ...NODE_GROUP_DEFAULTS, instanceTypes: [...extra.instanceTypes!] }, extra);
    const name = `${this.props.clusterName}-${extra.key}`;
    const id = extra.key.replace(/[^A-Za-z0-9]/g, "_");
    const reservation = extra.capacityReservation;
    const block = reservation?.type === "capacity-block";
    const launchTemplate = this.createNodeLaunchTemplate(`${id}_launch_template`, name, ng, reservation);
    return new EksNodeGroup(this, `${id}_node_group`, {
      clusterName: this.clusterName,
      nodeGroupName: name,
      nodeRoleArn: nodeRole.roleArn,
      subnetIds: extra.subnetIds ?? this.props.subnetIds,
      amiType: extra.amiType,
      // A Capacity Block's launch template names the instance type; the group names none.
      instanceTypes: block ? undefined : ng.instanceTypes,
      capacityType: block ? "CAPACITY_BLOCK" : ng.capacityType,
      scalingConfig: { minSize: ng.minSize, maxSize: ng.maxSize, desiredSize: ng.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      launchTemplate: { id: launchTemplate.id, version: Fn.tostring(launchTemplate.latestVersion) },
      taint: extra.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      labels: extra.labels,
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      dependsOn: [after],
    });
  }

  /** An optional addon after the nodes, on an IRSA role with AWS's managed policies when it calls AWS. */
  private addOptionalAddon(name: OptionalEksAddon, nodeGroup: EksNodeGroup): void {
    const role = optionalAddonRole(name);
    const roleArn = role
      ? new WorkloadIdentityRole(this, `addon_${name.replace(/-/g, "_")}_role`, {
          roleName: addonRoleName(this.props.clusterName, role.suffix),
          description: `EKS addon ${name} of ${this.props.clusterName}`,
          mode: "irsa",
          serviceAccounts: [{ namespace: role.namespace, name: role.serviceAccount }],
          cluster: this,
          managedPolicyArns: role.managedPolicies.map((policy) => awsManagedPolicyArn(this.target.partition, policy)),
          permissionsBoundaryArn: this.props.permissionsBoundaryArn,
        }).roleArn
      : undefined;
    this.addon(name, { serviceAccountRoleArn: roleArn, dependsOn: [nodeGroup] });
  }

  private addon(name: string, options: { serviceAccountRoleArn?: string; dependsOn?: EksNodeGroup[]; configurationValues?: string }): EksAddon {
    return new EksAddon(this, `addon_${name.replace(/-/g, "_")}`, {
      clusterName: this.clusterName,
      addonName: name,
      addonVersion: this.props.addonVersions?.[name],
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      serviceAccountRoleArn: options.serviceAccountRoleArn,
      configurationValues: options.configurationValues,
      dependsOn: options.dependsOn,
    });
  }
}

/**
 * The role of EKS worker nodes: join the cluster and pull images (AmazonEC2ContainerRegistryPullOnly,
 * as AWS's and Karpenter's node roles now have: it adds pulling through a pull-through cache and
 * drops listing repositories). The VPC CNI's AmazonEKS_CNI_Policy is not on it: the CNI runs on its
 * own IRSA role. With `sessionManager`, an operator reaches the nodes through Session Manager.
 */
export function eksNodeRole(
  scope: Construct,
  id: string,
  props: { roleName: string; description: string; partition: string; permissionsBoundaryArn?: string; sessionManager?: boolean },
): Role {
  return new Role(scope, id, {
    roleName: props.roleName,
    description: props.description,
    trustStatements: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    managedPolicyArns: [
      awsManagedPolicyArn(props.partition, "AmazonEKSWorkerNodePolicy"),
      awsManagedPolicyArn(props.partition, "AmazonEC2ContainerRegistryPullOnly"),
      ...(props.sessionManager ? [awsManagedPolicyArn(props.partition, "AmazonSSMManagedInstanceCore")] : []),
    ],
    permissionsBoundaryArn: props.permissionsBoundaryArn,
  });
}

function validate(path: string, props: EksClusterProps, ng: Required<EksNodeGroupProps>): void {
  const problems: string[] = [];
  if (props.subnetIds.length < 2) problems.push(`subnetIds: EKS needs at least two subnets in different zones (got ${props.subnetIds.length})`);
  if (props.endpointPublicAccess && (props.publicAccessCidrs ?? []).length === 0)
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

/** An access entry's construct id part for its principal: the whole ARN, since role names repeat across accounts. */
function accessEntryKey(principalArn: string): string {
  return principalArn.replace(/^arn:[^:]+:iam::/, "").replace(/[^A-Za-z0-9]/g, "_");
}

/** The launch template's part for reserved capacity: the reservation it targets, and for a Capacity Block its market and instance type. */
function reservedCapacity(reservation: NodeGroupCapacityReservation) {
  const target = reservation.id ? { capacityReservationId: reservation.id } : { capacityReservationResourceGroupArn: reservation.resourceGroupArn };
  return {
    capacityReservationSpecification: { capacityReservationTarget: target },
    ...(reservation.type === "capacity-block"
      ? { instanceMarketOptions: { marketType: "capacity-block" }, instanceType: reservation.instanceType }
      : {}),
  };
}
