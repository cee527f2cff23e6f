import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig, IometeConfig, isProduction } from "../config";
import { awsTargetOf } from "../config/aws";
import { karpenterReleaseOf } from "../config/kubernetes-side";
import { IOMETE_STACK_TAG_KEY, iometeKubernetesStackId, IometeNames, iometeNames, KUBERNETES_SIDE_PLANNER_GROUP } from "../config/naming";
import { AwsTarget, s3Arn } from "../lib/arn";
import { EksAccessGrant, EksCluster } from "../modules/eks-cluster";
import { EncryptedBucket, grantObjects, READ_WRITE_VERSIONED_OBJECT_ACTIONS } from "../modules/encrypted-bucket";
import { DISCOVERY_TAG, Karpenter } from "../modules/karpenter";
import { KmsKey } from "../modules/kms-key";
import { loadBalancerControllerRole } from "../modules/load-balancer-controller";
import { Network } from "../modules/network";
import { WorkloadIdentityRole } from "../modules/workload-identity-role";
import { suppressRule } from "../rules";
import { acceptConfiguredRisks } from "./support/accepted-risks";
import { clusterSideAccess } from "./support/cluster-side-access";
import { useRoleBoundaries } from "./support/role-boundaries";
import { useRemoteState } from "./support/remote-state";
import { PROJECT_VERSION } from "../lib/project-version";
import { requireTerraformVersion } from "./support/terraform-versions";
import { vendorCluster, vendorNetwork } from "../modules/vendor-cluster";

export { iometeStackId } from "../config/naming";

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

/** The Kubernetes side's roles on the data plane's cluster (its plan role's reads: the cloud settings Secret, no other). */
export function kubernetesSideAccess(env: EnvironmentConfig): EksAccessGrant[] {
  return env.iomete?.kubernetes?.enabled ? clusterSideAccess(env, iometeKubernetesStackId(env.name), KUBERNETES_SIDE_PLANNER_GROUP) : [];
}

/** Whether the Kubernetes side installs Istio's gateway, which the AWS Load Balancer Controller serves. */
export function servesIngressGateway(iomete: IometeConfig): boolean {
  return Boolean(iomete.kubernetes?.enabled && iomete.kubernetes.istio.enabled);
}

/** Every tag IOMETE's resources carry: the environment's, then IOMETE's four (which win). */
export function iometeResourceTags(env: EnvironmentConfig): Record<string, string> {
  return { ...env.tags, ...iometeTags(env.iomete!) };
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
  readonly storageKey: KmsKey;
  /** None when the config names an existing lakehouse bucket. */
  readonly lakehouseBucket?: EncryptedBucket;
  readonly assetsBucket: EncryptedBucket;
  readonly lakehouseRole: WorkloadIdentityRole;

  private readonly environment: EnvironmentConfig;
  private readonly iomete: IometeConfig;
  private readonly target: AwsTarget;
  private readonly names: IometeNames;
  /** `karpenter.sh/discovery = <cluster>`: subnets, the node security group and Karpenter's instances carry it. */
  private readonly discoveryTag: Record<string, string>;

  constructor(scope: Construct, id: string, props: IometeDataPlaneStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.iomete) throw new Error(`IometeDataPlaneStack ${id}: environment ${env.name} has no iomete section`);
    this.environment = env;
    this.iomete = env.iomete;
    this.target = awsTargetOf(env.account);
    this.names = iometeNames(this.iomete.clusterName);
    this.discoveryTag = { [DISCOVERY_TAG]: this.iomete.clusterName };
    const ownershipTags = iometeResourceTags(env);

    new AwsProvider(this, "aws", { region: this.target.region, allowedAccountIds: [this.target.account], defaultTags: [{ tags: ownershipTags }] });
    useRemoteState(this, env.stateBackend, id, this.target.account);
    this.network = vendorNetwork(this, {
      name: this.iomete.clusterName,
      region: this.target.region,
      vpc: this.iomete.network,
      discoveryTags: this.discoveryTag,
    });
    this.eks = vendorCluster(this, {
      clusterName: this.iomete.clusterName,
      names: this.names,
      target: this.target,
      network: this.network,
      eks: this.iomete.eks,
      logs: this.iomete.logs,
      nodeSecurityGroupTags: this.discoveryTag,
      // IOMETE's module tags the node group kubernetes.io/cluster/<cluster> = owned; its nodes carry only that group.
      nodeSecurityGroupOwnsCluster: true,
      ebsKmsKeyArn: this.iomete.ebsKmsKeyArn,
      accessGrants: kubernetesSideAccess(env),
      instanceTags: ownershipTags,
      storageDriverTags: { [this.iomete.ownershipTag.key]: this.iomete.ownershipTag.value, [IOMETE_STACK_TAG_KEY]: this.iomete.clusterName },
      permissionsBoundaryArn: env.permissionsBoundaryArn,
      production: isProduction(env),
    });
    acceptConfiguredRisks(this.eks, this.iomete.eks, "iomete.eks");
    this.karpenter = new Karpenter(this, "karpenter", {
      cluster: this.eks,
      names: this.names,
      permissionsBoundaryArn: env.permissionsBoundaryArn,
      ebsKmsKeyArn: this.iomete.ebsKmsKeyArn,
      launchesSpot: this.iomete.kubernetes?.karpenter.nodePool.capacityTypes.includes("spot") ?? false,
      nodeSessionManager: this.iomete.kubernetes?.karpenter.sessionManager ?? true,
      karpenterVersion: karpenterReleaseOf(this.iomete),
    });
    if (servesIngressGateway(this.iomete)) this.createLoadBalancerControllerRole();
    this.storageKey = new KmsKey(this, "storage_key", {
      description: `${this.iomete.clusterName} lakehouse and assets buckets`,
      alias: this.names.storageKeyAlias,
      target: this.target,
    });
    [this.lakehouseBucket, this.assetsBucket] = this.createBuckets();
    this.lakehouseRole = this.createLakehouseRole();
    this.addOutputs();
    useRoleBoundaries(this, env);
  }

  /**
   * The lakehouse bucket keeps versions (unless it exists already: then nothing is created);
   * assets are regenerated (logs, Spark history): no versions, and IOMETE's 180-day expiry.
   */
  private createBuckets(): [EncryptedBucket | undefined, EncryptedBucket] {
    const lakehouse = this.iomete.existingLakehouseBucket
      ? undefined
      : new EncryptedBucket(this, "lakehouse_bucket", {
          bucketName: this.iomete.lakehouseBucketName,
          partition: this.target.partition,
          kmsKey: this.storageKey,
          versioned: true,
        });
    const assets = new EncryptedBucket(this, "assets_bucket", {
      bucketName: this.iomete.assetsBucketName,
      partition: this.target.partition,
      kmsKey: this.storageKey,
      versioned: false,
      expirationDays: this.iomete.assetsExpirationDays,
    });
    suppressRule(
      assets,
      "S3-VERSIONING",
      "Assets (logs, Spark history) are regenerated and expire after 180 days as IOMETE's module does; versions would only keep deleted copies",
    );
    return [lakehouse, assets];
  }

  /** The role of the AWS Load Balancer Controller the Kubernetes side installs; Pod Identity, as Karpenter's, so its chart needs no ARN. */
  private createLoadBalancerControllerRole(): void {
    loadBalancerControllerRole(this, "load_balancer_controller_role", {
      roleName: this.names.loadBalancerControllerRole,
      clusterName: this.iomete.clusterName,
      mode: "pod-identity",
      cluster: this.eks,
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
  }

  /** IOMETE's lakehouse workloads (IRSA in iomete-system): both buckets with their versions, and the storage key. */
  private createLakehouseRole(): WorkloadIdentityRole {
    const role = new WorkloadIdentityRole(this, "lakehouse_role", {
      roleName: this.names.lakehouseRole,
      description: `IOMETE lakehouse workloads of ${this.iomete.clusterName}`,
      mode: "irsa",
      serviceAccounts: this.iomete.lakehouseServiceAccounts.map((name) => ({ namespace: "iomete-system", name })),
      cluster: this.eks,
      sizedBy: `iomete.lakehouseServiceAccounts (from ${this.environment.source})`,
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
    // IOMETE's module grants kms:* on the key; the buckets need only these.
    const key = {
      policyName: "LakehouseKey",
      sid: "UseStorageKey",
      actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
    };
    if (this.lakehouseBucket) {
      this.lakehouseBucket.grantReadWrite(role.role, { policyName: "LakehouseBuckets", sid: "Lakehouse", withVersions: true, key });
    } else {
      this.grantExistingLakehouseBucket(role, key.actions);
    }
    this.assetsBucket.grantReadWrite(role.role, { policyName: "LakehouseBuckets", sid: "Assets", withVersions: true, key });
    return role;
  }

  /** The user's own lakehouse bucket, by name: the same object actions, and its key when it has a customer-managed one. */
  private grantExistingLakehouseBucket(role: WorkloadIdentityRole, keyActions: string[]): void {
    grantObjects(role.role, s3Arn(this.target.partition, this.iomete.lakehouseBucketName), READ_WRITE_VERSIONED_OBJECT_ACTIONS, {
      policyName: "LakehouseBuckets",
      sid: "Lakehouse",
    });
    const keyArn = this.iomete.existingLakehouseBucket?.kmsKeyArn;
    if (keyArn) role.role.addToInlinePolicy("LakehouseKey", { Sid: "UseLakehouseBucketKey", Effect: "Allow", Action: keyActions, Resource: keyArn });
  }

  /** IOMETE's ten outputs under the module's names, then what the Kubernetes side and the provisioner read back. */
  private addOutputs(): void {
    const { eks, network, karpenter, iomete } = this;
    // `sensitive: false` spelled out, as IOMETE's outputs are: none of these is a secret.
    const output = (name: string, value: unknown, description: string) => new TerraformOutput(this, name, { value, description, sensitive: false });
    output(
      "eks_update_kubeconfig_command",
      `aws eks update-kubeconfig --region ${this.target.region} --name ${iomete.clusterName}`,
      "Command that writes a kubeconfig for the cluster",
    );
    output("cluster_arn", eks.clusterArn, "EKS cluster ARN");
    output("cluster_endpoint", eks.clusterEndpoint, "Kubernetes API endpoint");
    output("cluster_certificate_authority_data", eks.certificateAuthorityData, "Base64 CA data of the API endpoint");
    output("cluster_name", eks.clusterName, "EKS cluster name");
    output("cluster_oidc_issuer_url", eks.oidcIssuerUrl, "OIDC issuer of the cluster");
    output("cluster_platform_version", eks.platformVersion, "EKS platform version");
    output("cluster_status", eks.status, "EKS cluster status");
    output("cluster_primary_security_group_id", eks.primarySecurityGroupId, "Security group EKS created for the cluster");
    output("nat_public_ips", network.natPublicIps, "Public IPs of the NAT gateways (empty for an existing VPC)");
    // What IOMETE's Helm installs (Karpenter, data-plane-base) need from the AWS side.
    output(
      "oidc_provider_arn",
      eks.oidcProviderArn,
      "IAM OIDC provider of the cluster, for IRSA (the provisioner reads it back to narrow its deployer)",
    );
    output("vpc_id", network.vpcId, "VPC of the data plane (the provisioner reads it back to narrow its deployer)");
    output("private_subnet_ids", network.privateSubnetIds, "Private subnets the nodes run in");
    output("public_subnet_ids", network.publicSubnetIds, "Public subnets, for an internet-facing gateway's load balancer");
    output("karpenter_queue_name", karpenter.queueName, "Karpenter interruption queue");
    output("karpenter_node_instance_profile_name", karpenter.instanceProfileName, "Instance profile for the EC2NodeClass");
    output("karpenter_node_role_name", karpenter.nodeRoleName, "Role of the nodes Karpenter launches");
    output("karpenter_node_role_arn", karpenter.nodeRoleArn, "Role ARN of the nodes Karpenter launches");
    output("karpenter_controller_role_arn", karpenter.controllerRoleArn, "Karpenter controller role (Pod Identity, kube-system/karpenter)");
    output(
      "karpenter_node_class_tags",
      this.discoveryTag,
      "Tags the EC2NodeClass must set: the controller may only manage instances that carry them",
    );
    output("lakehouse_role_arn", this.lakehouseRole.roleArn, "Role of IOMETE's lakehouse workloads (iomete-system)");
    output("lakehouse_bucket_name", iomete.lakehouseBucketName, "Lakehouse data bucket");
    output("assets_bucket_name", iomete.assetsBucketName, "Cluster assets bucket");
    output("storage_kms_key_arn", this.storageKey.keyArn, "Key of the lakehouse and assets buckets");
    output("cluster_kms_key_arn", eks.encryptionKey.keyArn, "Key of the cluster's secrets and control-plane logs");
  }
}
