import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig, IometeConfig } from "../config";
import { partitionOf } from "../config/aws";
import { IOMETE_STACK_TAG_KEY, iometeNames } from "../config/naming";
import { EksCluster } from "../modules/eks-cluster";
import { EncryptedBucket } from "../modules/encrypted-bucket";
import { Karpenter } from "../modules/karpenter";
import { KmsKey } from "../modules/kms-key";
import { Network } from "../modules/network";
import { WorkloadIdentityRole } from "../modules/workload-identity-role";
import { suppressRule } from "../rules";
import { acceptConfiguredRisks } from "./accepted-risks";
import { useRoleBoundaries } from "./role-boundaries";
import { useRemoteState } from "./remote-state";
import { PROJECT_VERSION } from "./version";
import { requireTerraformVersion } from "./terraform-versions";

/** Stack id of an environment's IOMETE data plane. */
export function iometeStackId(environmentName: string): string {
  return `iomete-data-plane-${environmentName}`;
}

/** The per-stack tag of IOMETE's set: the deployer policy requires it next to the ownership tag. */
export { IOMETE_STACK_TAG_KEY } from "../config/naming";

/**
 * IOMETE's four ownership tags (the module's), on every taggable resource
 * through the provider's default tags. The deployer policy and SCPs gate on
 * the first one.
 */
export function iometeTags(iomete: IometeConfig): Record<string, string> {
  return {
    [iomete.ownershipTag.key]: iomete.ownershipTag.value,
    [IOMETE_STACK_TAG_KEY]: iomete.clusterName,
    "iomete.com/terraform": "true",
    "iomete.com/terraform_module_version": PROJECT_VERSION,
  };
}

export interface IometeDataPlaneStackProps {
  readonly environment: EnvironmentConfig;
}

/**
 * IOMETE's data plane in one account and region: what IOMETE's public module
 * deploys, under the same names, tags and outputs so IOMETE's control plane and
 * charts find them, with the module's weak points fixed (validated inputs, no
 * open API endpoint by default, KMS-encrypted and TLS-only buckets, access
 * entries, IRSA/Pod Identity roles scoped to their resources).
 */
export class IometeDataPlaneStack extends TerraformStack {
  readonly network: Network;
  readonly eks: EksCluster;
  readonly karpenter: Karpenter;
  readonly lakehouseBucket: EncryptedBucket;
  readonly assetsBucket: EncryptedBucket;

  constructor(scope: Construct, id: string, props: IometeDataPlaneStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.iomete) throw new Error(`IometeDataPlaneStack ${id}: environment ${env.name} has no iomete section`);
    const iomete = env.iomete;
    const { id: accountId, region } = env.account;
    const partition = partitionOf(region);
    const names = iometeNames(iomete.clusterName);
    const ownershipTags = { ...env.tags, ...iometeTags(iomete) };
    const boundary = env.permissionsBoundaryArn;
    const discoveryTag = { "karpenter.sh/discovery": iomete.clusterName };

    new AwsProvider(this, "aws", {
      region,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags: ownershipTags }],
    });
    useRemoteState(this, env.stateBackend, id, accountId);

    this.network = new Network(this, "network", {
      name: iomete.clusterName,
      region,
      vpc: iomete.network,
      publicSubnetTags: { "kubernetes.io/role/elb": "1" },
      privateSubnetTags: { "kubernetes.io/role/internal-elb": "1" },
      discoveryTags: discoveryTag,
    });

    this.eks = new EksCluster(this, "eks", {
      clusterName: iomete.clusterName,
      names,
      kubernetesVersion: iomete.eks.kubernetesVersion,
      accountId,
      region,
      partition,
      vpcId: this.network.vpcId,
      subnetIds: this.network.privateSubnetIds,
      endpointPublicAccess: iomete.eks.endpointPublicAccess,
      publicAccessCidrs: iomete.eks.publicAccessCidrs,
      clusterAdminArns: iomete.eks.clusterAdminArns,
      bootstrapCreatorAdmin: iomete.eks.bootstrapCreatorAdmin,
      controlPlaneLogs: iomete.logs,
      nodeGroup: iomete.eks.nodeGroup,
      nodeSecurityGroupTags: discoveryTag,
      instanceTags: ownershipTags,
      addonVersions: iomete.eks.addonVersions,
      permissionsBoundaryArn: boundary,
    });
    acceptConfiguredRisks(this.eks, iomete.eks, "iomete.eks");

    this.karpenter = new Karpenter(this, "karpenter", {
      cluster: this.eks,
      clusterName: iomete.clusterName,
      names,
      accountId,
      region,
      partition,
      permissionsBoundaryArn: boundary,
    });

    const storageKey = new KmsKey(this, "storage_key", {
      description: `${iomete.clusterName} lakehouse and assets buckets`,
      alias: names.storageKeyAlias,
      accountId,
      partition,
    });
    this.lakehouseBucket = new EncryptedBucket(this, "lakehouse_bucket", {
      bucketName: iomete.lakehouseBucketName,
      partition,
      kmsKey: storageKey,
      versioned: true,
    });
    // Assets are regenerated (logs, Spark history): no versions, and IOMETE's 180-day expiry.
    this.assetsBucket = new EncryptedBucket(this, "assets_bucket", {
      bucketName: iomete.assetsBucketName,
      partition,
      kmsKey: storageKey,
      versioned: false,
      expirationDays: iomete.assetsExpirationDays,
    });
    suppressRule(
      this.assetsBucket,
      "S3-VERSIONING",
      "Assets (logs, Spark history) are regenerated and expire after 180 days as IOMETE's module does; versions would only keep deleted copies",
    );

    const buckets = [this.lakehouseBucket.bucketArn, this.assetsBucket.bucketArn];
    const lakehouseRole = new WorkloadIdentityRole(this, "lakehouse_role", {
      roleName: names.lakehouseRole,
      description: `IOMETE lakehouse workloads of ${iomete.clusterName}`,
      mode: "irsa",
      serviceAccounts: iomete.lakehouseServiceAccounts.map((name) => ({ namespace: "iomete-system", name })),
      oidcProviderArn: this.eks.oidcProviderArn,
      oidcIssuerHost: this.eks.oidcIssuerHost,
      inlinePolicies: {
        LakehouseBuckets: [
          {
            Sid: "ObjectAccess",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:DeleteObjectVersion"],
            Resource: buckets.map((arn) => `${arn}/*`),
          },
          { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: buckets },
        ],
        // IOMETE's module grants kms:* here; the buckets need only these.
        LakehouseKey: [
          {
            Sid: "UseStorageKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
            Resource: storageKey.keyArn,
          },
        ],
      },
      permissionsBoundaryArn: boundary,
    });

    // IOMETE's ten outputs, under the module's names.
    const output = (name: string, value: unknown, description: string, sensitive = false) =>
      new TerraformOutput(this, name, { value, description, sensitive });
    output(
      "eks_update_kubeconfig_command",
      `aws eks update-kubeconfig --region ${region} --name ${iomete.clusterName}`,
      "Command that writes a kubeconfig for the cluster",
    );
    output("cluster_arn", this.eks.clusterArn, "EKS cluster ARN");
    output("cluster_endpoint", this.eks.clusterEndpoint, "Kubernetes API endpoint");
    output("cluster_certificate_authority_data", this.eks.certificateAuthorityData, "Base64 CA data of the API endpoint");
    output("cluster_name", this.eks.clusterName, "EKS cluster name");
    output("cluster_oidc_issuer_url", this.eks.oidcIssuerUrl, "OIDC issuer of the cluster");
    output("cluster_platform_version", this.eks.platformVersion, "EKS platform version");
    output("cluster_status", this.eks.status, "EKS cluster status");
    output("cluster_primary_security_group_id", this.eks.primarySecurityGroupId, "Security group EKS created for the cluster");
    output("nat_public_ips", this.network.natPublicIps, "Public IPs of the NAT gateways (empty for an existing VPC)");
    // What IOMETE's Helm installs (Karpenter, data-plane-base) need from the AWS side.
    output(
      "oidc_provider_arn",
      this.eks.oidcProviderArn,
      "IAM OIDC provider of the cluster, for IRSA (the provisioner reads it back to narrow its deployer)",
    );
    output("vpc_id", this.network.vpcId, "VPC of the data plane (the provisioner reads it back to narrow its deployer)");
    output("private_subnet_ids", this.network.privateSubnetIds, "Private subnets the nodes run in");
    output("karpenter_queue_name", this.karpenter.queueName, "Karpenter interruption queue");
    output("karpenter_node_instance_profile_name", this.karpenter.instanceProfileName, "Instance profile for the EC2NodeClass");
    output("karpenter_node_role_name", this.karpenter.nodeRoleName, "Role of the nodes Karpenter launches");
    output("karpenter_node_role_arn", this.karpenter.nodeRoleArn, "Role ARN of the nodes Karpenter launches");
    output("karpenter_controller_role_arn", this.karpenter.controllerRoleArn, "Karpenter controller role (Pod Identity, kube-system/karpenter)");
    output("karpenter_node_class_tags", discoveryTag, "Tags the EC2NodeClass must set: the controller may only manage instances that carry them");
    output("lakehouse_role_arn", lakehouseRole.roleArn, "Role of IOMETE's lakehouse workloads (iomete-system)");
    output("lakehouse_bucket_name", iomete.lakehouseBucketName, "Lakehouse data bucket");
    output("assets_bucket_name", iomete.assetsBucketName, "Cluster assets bucket");
    output("storage_kms_key_arn", storageKey.keyArn, "Key of the lakehouse and assets buckets");
    output("cluster_kms_key_arn", this.eks.encryptionKey.keyArn, "Key of the cluster's secrets and control-plane logs");
    useRoleBoundaries(this, env);
  }
}
