import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig, isProduction, PoolsideConfig } from "../config";
import { awsTargetOf } from "../config/aws";
import { POOLSIDE_KUBERNETES_PLANNER_GROUP, POOLSIDE_STACK_TAG_KEY, poolsideKubernetesStackId, PoolsideNames, poolsideNames } from "../config/naming";
import { AccessLogBucket } from "../modules/access-log-bucket";
import { Bastion } from "../modules/bastion";
import { EcrRepository } from "../modules/ecr-repository";
import { EksAccessGrant, EksCluster, ExtraNodeGroupProps } from "../modules/eks-cluster";
import { ExistingEksCluster } from "../modules/existing-eks-cluster";
import { EncryptedBucket } from "../modules/encrypted-bucket";
import { Role } from "../modules/iam-role";
import { KmsKey } from "../modules/kms-key";
import { Network } from "../modules/network";
import { AwsTarget, formatArn, iamArn, regionalArn } from "../lib/arn";
import { SsmParameters } from "../modules/ssm-parameters";
import { WorkloadIdentityRole } from "../modules/workload-identity-role";
import { suppressRule } from "../rules";
import { useRemoteState } from "./support/remote-state";
import { bastionPolicies, externalSecretsPolicies, podRolePolicies } from "../modules/poolside-policies";
import { PostgresDatabase } from "../modules/postgres-database";
import { acceptConfiguredRisks } from "./support/accepted-risks";
import { clusterSideAccess } from "./support/cluster-side-access";
import { useRoleBoundaries } from "./support/role-boundaries";
// The AWS Load Balancer Controller's official IAM policy (docs/install/iam_policy.json of
// kubernetes-sigs/aws-load-balancer-controller, Apache-2.0), kept as data and used unchanged.
import { loadBalancerControllerRole } from "../modules/load-balancer-controller";
import { requireTerraformVersion } from "./support/terraform-versions";
import { vendorCluster, vendorNetwork } from "../modules/vendor-cluster";

export { poolsideStackId } from "../config/naming";

/** The per-stack tag: the deployer policy requires it next to the ownership tag. */
export { POOLSIDE_STACK_TAG_KEY } from "../config/naming";

/** The vendor's ownership tag plus the deployment name, on every taggable resource through default_tags. */
export function poolsideTags(poolside: PoolsideConfig): Record<string, string> {
  return { [poolside.ownershipTag.key]: poolside.ownershipTag.value, [POOLSIDE_STACK_TAG_KEY]: poolside.deploymentName };
}

/** The service accounts of Poolside's pods that use the pod role (core-api). */
export const POOLSIDE_POD_SERVICE_ACCOUNTS = [{ namespace: "poolside", name: "core-api-sa" }];

/** The Kubernetes side's roles on the cluster (its plan role's reads: no Secret at all). */
export function poolsideKubernetesAccess(env: EnvironmentConfig): EksAccessGrant[] {
  return env.poolside?.kubernetes?.enabled ? clusterSideAccess(env, poolsideKubernetesStackId(env.name), POOLSIDE_KUBERNETES_PLANNER_GROUP) : [];
}

/** The External Secrets Operator's service account (its chart's defaults). */
export const EXTERNAL_SECRETS_SERVICE_ACCOUNTS = [{ namespace: "external-secrets", name: "external-secrets" }];

/** Poolside's model-serving pods: their own role, reading the checkpoints only. */
export const POOLSIDE_INFERENCE_SERVICE_ACCOUNTS = [{ namespace: "poolside-models", name: "inference" }];

export interface PoolsideStackProps {
  readonly environment: EnvironmentConfig;
}

/**
 * Poolside's self-managed deployment: network and EKS cluster (the modules the
 * IOMETE stack uses), a bastion reached only through SSM, ECR repositories, the
 * deployment's bucket and key, the EKS pod role with Poolside's six policies, the
 * Bedrock customization role, the AWS Load Balancer Controller's role, and SSM
 * parameters holding what the deployment tooling reads. Poolside's Terraform is
 * not public: where its IAM page is silent, this follows what an operator would
 * expect, and every `*` resource left is one the API requires.
 */
export class PoolsideStack extends TerraformStack {
  readonly names: PoolsideNames;
  /** None in existing-cluster mode (`poolside.existingCluster`), as the cluster and bastion. */
  readonly network?: Network;
  /** The cluster the roles trust: created here, or the user's (existing-cluster mode). */
  readonly eks: EksCluster | ExistingEksCluster;
  readonly bastion?: Bastion;
  readonly key: KmsKey;
  readonly bucket: EncryptedBucket;
  readonly repositories: EcrRepository[];
  readonly customizationRole: Role;
  readonly podRole: WorkloadIdentityRole;
  readonly inferenceRole: WorkloadIdentityRole;
  readonly loadBalancerControllerRole: WorkloadIdentityRole;
  /** Poolside's PostgreSQL, when the stack creates it (`poolside.database.mode: create`). */
  readonly database?: PostgresDatabase;
  /** What the application reads to reach its database: created here, or the configured one. None with `mode: none`. */
  readonly databaseConnection?: { readonly endpoint: string; readonly secretArn: string };
  /** The External Secrets Operator's role: the database's secret and the deployment's parameters, read only. */
  readonly externalSecretsRole: WorkloadIdentityRole;

  private readonly environment: EnvironmentConfig;
  private readonly poolside: PoolsideConfig;
  private readonly target: AwsTarget;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: PoolsideStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.poolside) throw new Error(`PoolsideStack ${id}: environment ${env.name} has no poolside section`);
    this.environment = env;
    const poolside = (this.poolside = env.poolside);
    this.target = awsTargetOf(env.account);
    this.names = poolsideNames(poolside.deploymentName, poolside.rolePrefix, poolside.clusterName);
    this.tags = { ...env.tags, ...poolsideTags(poolside) };

    new AwsProvider(this, "aws", { region: this.target.region, allowedAccountIds: [this.target.account], defaultTags: [{ tags: this.tags }] });
    useRemoteState(this, env.stateBackend, id, this.target.account);
    if (poolside.existingCluster) {
      // Attach to the user's cluster: only roles, repositories, parameters, bucket and key are created.
      this.eks = new ExistingEksCluster(this, "existing_cluster", { clusterName: poolside.clusterName, target: this.target });
    } else {
      this.network = vendorNetwork(this, { name: poolside.clusterName, region: this.target.region, vpc: poolside.network });
      this.eks = this.createCluster(this.network);
    }
    this.key = new KmsKey(this, "key", {
      description: `Poolside deployment ${poolside.deploymentName}: bucket, repositories, parameters`,
      alias: this.names.keyAlias,
      target: this.target,
    });
    this.bucket = new EncryptedBucket(this, "bucket", {
      bucketName: poolside.bucketName,
      partition: this.target.partition,
      kmsKey: this.key,
      versioned: true,
    });
    if (poolside.bucketAccessLogs) this.logBucketAccess(poolside.bucketAccessLogs.retentionDays);
    this.repositories = this.createRepositories();
    this.customizationRole = this.createCustomizationRole();
    this.podRole = this.createPodRole();
    this.inferenceRole = this.createInferenceRole();
    this.loadBalancerControllerRole = this.createLoadBalancerControllerRole();
    this.database = this.createDatabase();
    this.databaseConnection = this.database ?? this.configuredDatabase();
    this.externalSecretsRole = this.createExternalSecretsRole();
    if (this.eks instanceof EksCluster) this.bastion = this.createBastion(this.eks, this.network!);
    this.createParameters();
    this.addOutputs();
    useRoleBoundaries(this, env);
  }

  /** Server access logs of the deployment's bucket, in a bucket of their own. */
  private logBucketAccess(retentionDays: number): void {
    const logs = new AccessLogBucket(this, "bucket_access_logs", {
      bucketName: `${this.poolside.bucketName}-logs`,
      source: this.bucket,
      account: this.target.account,
      partition: this.target.partition,
      retentionDays,
    });
    suppressRule(logs, "S3-KMS-ENCRYPTION", "S3 server access logging delivers only to buckets encrypted with SSE-S3, never SSE-KMS");
    suppressRule(logs, "S3-VERSIONING", "Access logs are written once by S3 and expire; versions would only keep deleted copies");
  }

  private createCluster(network: Network): EksCluster {
    const { poolside } = this;
    const cluster = vendorCluster(this, {
      clusterName: poolside.clusterName,
      names: this.names,
      target: this.target,
      network,
      eks: poolside.eks,
      logs: poolside.logs,
      instanceTags: this.tags,
      storageDriverTags: poolsideTags(this.poolside),
      extraNodeGroups: poolside.gpuNodeGroup ? [this.gpuNodeGroup(network, poolside.gpuNodeGroup)] : [],
      accessGrants: poolsideKubernetesAccess(this.environment),
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
      production: isProduction(this.environment),
    });
    acceptConfiguredRisks(cluster, poolside.eks, "poolside.eks");
    return cluster;
  }

  /** The GPU group; in a reservation's zone, that zone's private subnet only (validation made sure the network lists it). */
  private gpuNodeGroup(network: Network, gpu: NonNullable<PoolsideConfig["gpuNodeGroup"]>): ExtraNodeGroupProps {
    const { capacityReservation, ...group } = gpu;
    const zones = this.poolside.network.mode === "create" ? this.poolside.network.availabilityZones : undefined;
    const zone = capacityReservation?.availabilityZone;
    return {
      key: "gpu",
      volumeType: "gp3",
      ...group,
      ...(capacityReservation ? { capacityReservation } : {}),
      ...(zone && zones ? { subnetIds: [network.privateSubnetIds[zones.indexOf(zone)]] } : {}),
    };
  }

  private createRepositories(): EcrRepository[] {
    const { ecr } = this.poolside;
    return ecr.repositories.map(
      (name) =>
        new EcrRepository(this, `repository_${name.replace(/[^a-z0-9]/g, "_")}`, {
          repositoryName: `${this.names.resourcePrefix}-${name}`,
          kmsKey: this.key,
          keepLastImages: ecr.keepLastImages,
        }),
    );
  }

  /** The role Bedrock customization jobs run as: the bucket's training data and the key, this account's jobs only. */
  private createCustomizationRole(): Role {
    const role = new Role(this, "customization_role", {
      roleName: this.names.customizationRole,
      description: `Bedrock model customization jobs of Poolside deployment ${this.poolside.deploymentName}`,
      trustStatements: [
        {
          Sid: "BedrockCustomizationJobs",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "sts:AssumeRole",
          // Confused-deputy guard: only this account's customization jobs.
          Condition: {
            StringEquals: { "aws:SourceAccount": this.target.account },
            ArnLike: { "aws:SourceArn": this.bedrockArns().customizationJobs },
          },
        },
      ],
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
    this.bucket.grantReadWrite(role, { policyName: "TrainingData", key: { sid: "UseDeploymentKey" } });
    return role;
  }

  /** Poolside's application pods: the bucket and key (as `S3Access` and `KmsAccess`), Marketplace metering and Bedrock. */
  private createPodRole(): WorkloadIdentityRole {
    const bedrock = this.bedrockArns();
    const role = new WorkloadIdentityRole(this, "pod_role", {
      roleName: this.names.podRole,
      description: `Poolside application pods of deployment ${this.poolside.deploymentName}`,
      mode: this.poolside.workloadIdentity,
      serviceAccounts: POOLSIDE_POD_SERVICE_ACCOUNTS,
      cluster: this.eks,
      inlinePolicies: podRolePolicies({ ...bedrock, customizationRoleArn: iamArn(this.target, `role/${this.names.customizationRole}`) }),
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
      sizedBy: `poolside.bedrock.foundationModelIds (from ${this.environment.source})`,
    });
    this.bucket.grantReadWrite(role.role, {
      policyName: "S3Access",
      key: {
        policyName: "KmsAccess",
        sid: "UseDeploymentKey",
        actions: ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
      },
    });
    return role;
  }

  /** Inference pods read model checkpoints under `poolside.models.prefix`: no write, no Bedrock, no Marketplace. */
  private createInferenceRole(): WorkloadIdentityRole {
    const role = new WorkloadIdentityRole(this, "inference_role", {
      roleName: this.names.inferenceRole,
      description: `Poolside inference pods of deployment ${this.poolside.deploymentName}`,
      mode: this.poolside.workloadIdentity,
      serviceAccounts: POOLSIDE_INFERENCE_SERVICE_ACCOUNTS,
      cluster: this.eks,
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
    this.bucket.grantRead(role.role, { policyName: "ModelCheckpoints", sid: "Checkpoints", prefix: this.poolside.models.prefix });
    return role;
  }

  /** The database in the stack's private subnets, or (beside an existing cluster) in the configured ones. */
  private createDatabase(): PostgresDatabase | undefined {
    const { database } = this.poolside;
    if (database.mode !== "create") return undefined;
    const production = isProduction(this.environment);
    const placement =
      this.eks instanceof EksCluster
        ? { vpcId: this.network!.vpcId, subnetIds: this.network!.privateSubnetIds, clientSecurityGroupIds: [this.eks.nodeSecurityGroupId] }
        : { vpcId: database.vpcId!, subnetIds: database.subnetIds!, clientSecurityGroupIds: database.clientSecurityGroupIds! };
    return new PostgresDatabase(this, "database", {
      identifier: this.names.database,
      engineVersion: database.engineVersion,
      instanceClass: database.instanceClass,
      allocatedStorageGiB: database.allocatedStorageGiB,
      maxAllocatedStorageGiB: database.maxAllocatedStorageGiB,
      ...placement,
      kmsKey: this.key,
      multiAz: database.multiAz ?? production,
      backupRetentionDays: database.backupRetentionDays,
      // Staging keeps its data too: its deployer cannot delete, and nobody deletes it by accident.
      deletionProtection: database.deletionProtection ?? this.environment.kind !== "development",
    });
  }

  private configuredDatabase(): { endpoint: string; secretArn: string } | undefined {
    const { database } = this.poolside;
    return database.mode === "existing" ? { endpoint: database.endpoint!, secretArn: database.secretArn! } : undefined;
  }

  /** The External Secrets Operator's role: the database's secret and the deployment's parameters, nothing else. */
  private createExternalSecretsRole(): WorkloadIdentityRole {
    return new WorkloadIdentityRole(this, "external_secrets_role", {
      roleName: this.names.externalSecretsRole,
      description: `External Secrets Operator of Poolside deployment ${this.poolside.deploymentName}: its database secret and parameters, read only`,
      mode: this.poolside.workloadIdentity,
      serviceAccounts: EXTERNAL_SECRETS_SERVICE_ACCOUNTS,
      cluster: this.eks,
      inlinePolicies: externalSecretsPolicies({
        secret: this.database
          ? { managedFor: { databaseArn: regionalArn(this.target, "rds", `db:${this.names.database}`), target: this.target } }
          : this.databaseConnection && { arn: this.databaseConnection.secretArn },
        // GetParametersByPath is authorized on the path itself, the others on each parameter under it.
        parameterArns: [
          regionalArn(this.target, "ssm", `parameter${this.poolside.parameterPath}`),
          regionalArn(this.target, "ssm", `parameter${this.poolside.parameterPath}/*`),
        ],
        keyArn: this.key.keyArn,
        region: this.target.region,
      }),
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
  }

  private createLoadBalancerControllerRole(): WorkloadIdentityRole {
    return loadBalancerControllerRole(this, "load_balancer_controller_role", {
      roleName: this.names.loadBalancerControllerRole,
      clusterName: this.poolside.clusterName,
      mode: this.poolside.workloadIdentity,
      cluster: this.eks,
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
  }

  /** The bastion Poolside's tooling runs from; it reads and writes the deployment's SecureString parameters with the key. */
  private createBastion(eks: EksCluster, network: Network): Bastion {
    const { bastion } = this.poolside;
    const created = new Bastion(this, "bastion", {
      name: this.names.bastion,
      roleName: this.names.bastionRole,
      partition: this.target.partition,
      vpcId: network.vpcId,
      subnetId: network.privateSubnetIds[0],
      instanceType: bastion.instanceType,
      volumeSizeGiB: bastion.volumeSizeGiB,
      detailedMonitoring: bastion.detailedMonitoring,
      deployerPolicyArns: bastion.deployerPolicyArns,
      volumeTags: this.tags,
      policies: bastionPolicies({ env: this.environment, poolside: this.poolside, names: this.names, target: this.target, stackId: this.node.id }),
      permissionsBoundaryArn: this.environment.permissionsBoundaryArn,
    });
    this.key.grantEncryptDecrypt(created.role, { policyName: "DeploymentKey", sid: "UseDeploymentKey" });
    // The documented place Poolside's tooling runs from: it reaches the API and holds an access entry.
    eks.allowApiFrom("bastion_api", created.securityGroupId, "Bastion to the Kubernetes API");
    if (bastion.clusterAccess !== "none") {
      // The literal ARN (the deployer policy names it); the entry waits for the role it names.
      eks.grantAccess("bastion", iamArn(this.target, `role/${this.names.bastionRole}`), bastion.clusterAccess, created.role.withPermissions);
    }
    return created;
  }

  /** Bedrock ARNs: foundation models belong to no account, so their ARNs have an empty account field. */
  private bedrockArns() {
    const { partition, region } = this.target;
    const foundationModel = (model: string) => formatArn({ partition, service: "bedrock", region, resource: `foundation-model/${model}` });
    const profiles = this.poolside.bedrock.inferenceProfileIds;
    return {
      inferenceProfiles: profiles.map((id) => regionalArn(this.target, "bedrock", `inference-profile/${id}`)),
      // A profile routes to its model in several regions: the model's ARN in any region, only through the profile.
      profileModels: profiles.map((id) => ({
        profileArn: regionalArn(this.target, "bedrock", `inference-profile/${id}`),
        modelArn: formatArn({ partition, service: "bedrock", region: "*", resource: `foundation-model/${id.slice(id.indexOf(".") + 1)}` }),
      })),
      foundationModels: this.poolside.bedrock.foundationModelIds.map(foundationModel),
      allFoundationModels: foundationModel("*"),
      customModels: regionalArn(this.target, "bedrock", "custom-model/*"),
      provisionedModels: regionalArn(this.target, "bedrock", "provisioned-model/*"),
      customizationJobs: regionalArn(this.target, "bedrock", "model-customization-job/*"),
    };
  }

  /** What the deployment tooling reads, under the configured path, encrypted with the deployment key. */
  private createParameters(): void {
    const { poolside, eks } = this;
    const repositoryParameters = Object.fromEntries(
      this.repositories.map((repository, i) => [
        `ecr/${poolside.ecr.repositories[i]}/url`,
        { value: repository.repositoryUrl, description: `Repository URL of image ${poolside.ecr.repositories[i]}` },
      ]),
    );
    new SsmParameters(this, "parameters", {
      path: poolside.parameterPath,
      kmsKey: this.key,
      parameters: {
        region: { value: this.target.region, description: "Region of the deployment" },
        "cluster/name": { value: eks.clusterName, description: "EKS cluster name" },
        "cluster/endpoint": { value: eks.clusterEndpoint, description: "Kubernetes API endpoint" },
        "cluster/oidc-provider-arn": { value: eks.oidcProviderArn, description: "IAM OIDC provider of the cluster" },
        "bucket/name": { value: poolside.bucketName, description: "Poolside data bucket" },
        "kms/key-arn": { value: this.key.keyArn, description: "Key of the bucket, repositories and parameters" },
        "roles/eks-pod-role-arn": { value: this.podRole.roleArn, description: "Role of Poolside's application pods" },
        "roles/inference-role-arn": {
          value: this.inferenceRole.roleArn,
          description: "Role of Poolside's inference pods (poolside-models/inference)",
        },
        "roles/load-balancer-controller-role-arn": {
          value: this.loadBalancerControllerRole.roleArn,
          description: "Role of the AWS Load Balancer Controller",
        },
        "roles/bedrock-customization-role-arn": { value: this.customizationRole.roleArn, description: "Role Bedrock customization jobs run as" },
        "roles/external-secrets-role-arn": { value: this.externalSecretsRole.roleArn, description: "Role of the External Secrets Operator" },
        ...(this.databaseConnection
          ? {
              "database/endpoint": { value: this.databaseConnection.endpoint, description: "PostgreSQL endpoint (host:port)" },
              "database/secret-arn": {
                value: this.databaseConnection.secretArn,
                description: "Secrets Manager secret of the database's credentials",
              },
            }
          : {}),
        ...repositoryParameters,
      },
    });
  }

  private addOutputs(): void {
    const { poolside, eks, bastion } = this;
    const region = this.target.region;
    const output = (name: string, value: unknown, description: string) => new TerraformOutput(this, name, { value, description });
    if (bastion) {
      output("bastion_instance_id", bastion.instanceId, "Bastion instance (SSM Session Manager only)");
      output("bastion_session_command", `aws ssm start-session --target ${bastion.instanceId} --region ${region}`, "Opens a shell on the bastion");
      output("bastion_role_arn", bastion.roleArn, "Instance role of the bastion");
    }
    output(
      "repository_urls",
      Object.fromEntries(this.repositories.map((r, i) => [poolside.ecr.repositories[i], r.repositoryUrl])),
      "ECR repository URL per image",
    );
    output("bucket_name", poolside.bucketName, "Poolside data bucket");
    output("kms_key_arn", this.key.keyArn, "Key of the deployment's bucket, repositories and parameters");
    output("eks_pod_role_arn", this.podRole.roleArn, "Role of Poolside's application pods");
    output(
      "inference_role_arn",
      this.inferenceRole.roleArn,
      "Role of Poolside's inference pods (poolside-models/inference), reading the model checkpoints",
    );
    output("load_balancer_controller_role_arn", this.loadBalancerControllerRole.roleArn, "Role of the AWS Load Balancer Controller");
    output("bedrock_customization_role_arn", this.customizationRole.roleArn, "Role Bedrock customization jobs run as");
    output("external_secrets_role_arn", this.externalSecretsRole.roleArn, "Role of the External Secrets Operator");
    if (this.databaseConnection) {
      output("database_endpoint", this.databaseConnection.endpoint, "PostgreSQL endpoint (host:port)");
      output("database_secret_arn", this.databaseConnection.secretArn, "Secrets Manager secret of the database's credentials (kept by RDS)");
    }
    output("cluster_name", eks.clusterName, "EKS cluster name");
    output("cluster_endpoint", eks.clusterEndpoint, "Kubernetes API endpoint");
    if (eks instanceof EksCluster) output("cluster_certificate_authority_data", eks.certificateAuthorityData, "Base64 CA data of the API endpoint");
    output(
      "eks_update_kubeconfig_command",
      `aws eks update-kubeconfig --region ${region} --name ${poolside.clusterName}`,
      "Writes a kubeconfig for the cluster",
    );
    output("parameter_path", poolside.parameterPath, "SSM path holding the deployment's parameters");
    output("oidc_provider_arn", eks.oidcProviderArn, "IAM OIDC provider of the cluster (the provisioner reads it back to narrow its deployer)");
    if (this.network) output("vpc_id", this.network.vpcId, "VPC of the deployment (the provisioner reads it back to narrow its deployer)");
  }
}
