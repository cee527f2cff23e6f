import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig, PoolsideConfig } from "../config";
import { partitionOf } from "../config/aws";
import { POOLSIDE_STACK_TAG_KEY, PoolsideNames, poolsideNames } from "../config/naming";
import { Bastion } from "../modules/bastion";
import { EcrRepository } from "../modules/ecr-repository";
import { EksCluster } from "../modules/eks-cluster";
import { EncryptedBucket } from "../modules/encrypted-bucket";
import { Role } from "../modules/iam-role";
import { KmsKey } from "../modules/kms-key";
import { Network } from "../modules/network";
import { PolicyStatement } from "../modules/policy-document";
import { SsmParameters } from "../modules/ssm-parameters";
import { WorkloadIdentityRole } from "../modules/workload-identity-role";
import { stateKeyAlias, useRemoteState } from "./remote-state";
import { acceptConfiguredRisks } from "./accepted-risks";
import { useRoleBoundaries } from "./role-boundaries";
// The AWS Load Balancer Controller's official IAM policy (docs/install/iam_policy.json of
// kubernetes-sigs/aws-load-balancer-controller, Apache-2.0), kept as data and used unchanged.
import loadBalancerControllerPolicy from "../modules/data/aws-load-balancer-controller-iam-policy.json";
import { requireTerraformVersion } from "./terraform-versions";

/** Stack id of an environment's Poolside deployment. */
export function poolsideStackId(environmentName: string): string {
  return `poolside-${environmentName}`;
}

/** The per-stack tag: the deployer policy requires it next to the ownership tag. */
export { POOLSIDE_STACK_TAG_KEY } from "../config/naming";

/** The vendor's ownership tag plus the deployment name, on every taggable resource through default_tags. */
export function poolsideTags(poolside: PoolsideConfig): Record<string, string> {
  return { [poolside.ownershipTag.key]: poolside.ownershipTag.value, [POOLSIDE_STACK_TAG_KEY]: poolside.deploymentName };
}

/** The service accounts of Poolside's pods that use the pod role. */
export const POOLSIDE_POD_SERVICE_ACCOUNTS = [
  { namespace: "poolside", name: "core-api-sa" },
  { namespace: "poolside-models", name: "inference" },
];

/** ECR actions the bastion needs on the deployment's repositories (Poolside's list, plus the layer check `docker push` makes first). */
const BASTION_ECR_REPOSITORY_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:CompleteLayerUpload",
  "ecr:DescribeImages",
  "ecr:DescribeRepositories",
  "ecr:GetDownloadUrlForLayer",
  "ecr:InitiateLayerUpload",
  "ecr:ListImages",
  "ecr:ListTagsForResource",
  "ecr:PutImage",
  "ecr:PutImageTagMutability",
  "ecr:TagResource",
  "ecr:UntagResource",
  "ecr:UploadLayerPart",
];

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
  readonly bastion: Bastion;
  readonly key: KmsKey;
  readonly bucket: EncryptedBucket;
  readonly repositories: EcrRepository[];

  constructor(scope: Construct, id: string, props: PoolsideStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.poolside) throw new Error(`PoolsideStack ${id}: environment ${env.name} has no poolside section`);
    const poolside = env.poolside;
    const { id: accountId, region } = env.account;
    const partition = partitionOf(region);
    const names = poolsideNames(poolside.deploymentName, poolside.rolePrefix, poolside.clusterName);
    this.names = names;
    const tags = { ...env.tags, ...poolsideTags(poolside) };
    const boundary = env.permissionsBoundaryArn;
    // ARN of a regional resource of this account.
    const arn: ArnBuilder = (service, resource) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;

    new AwsProvider(this, "aws", { region, allowedAccountIds: [accountId], defaultTags: [{ tags }] });
    useRemoteState(this, env.stateBackend, id, accountId);

    const network = new Network(this, "network", {
      name: poolside.clusterName,
      region,
      vpc: poolside.network,
      publicSubnetTags: { "kubernetes.io/role/elb": "1" },
      privateSubnetTags: { "kubernetes.io/role/internal-elb": "1" },
    });
    const eks = new EksCluster(this, "eks", {
      clusterName: poolside.clusterName,
      names,
      kubernetesVersion: poolside.eks.kubernetesVersion,
      accountId,
      region,
      partition,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      endpointPublicAccess: poolside.eks.endpointPublicAccess,
      publicAccessCidrs: poolside.eks.publicAccessCidrs,
      clusterAdminArns: poolside.eks.clusterAdminArns,
      bootstrapCreatorAdmin: poolside.eks.bootstrapCreatorAdmin,
      controlPlaneLogs: poolside.logs,
      nodeGroup: poolside.eks.nodeGroup,
      instanceTags: tags,
      addonVersions: poolside.eks.addonVersions,
      permissionsBoundaryArn: boundary,
    });
    acceptConfiguredRisks(eks, poolside.eks, "poolside.eks");

    this.key = new KmsKey(this, "key", {
      description: `Poolside deployment ${poolside.deploymentName}: bucket, repositories, parameters`,
      alias: names.keyAlias,
      accountId,
      partition,
    });
    this.bucket = new EncryptedBucket(this, "bucket", { bucketName: poolside.bucketName, partition, kmsKey: this.key, versioned: true });
    const bucketArn = this.bucket.bucketArn;

    this.repositories = poolside.ecr.repositories.map(
      (name) =>
        new EcrRepository(this, `repository_${name.replace(/[^a-z0-9]/g, "_")}`, {
          repositoryName: `${names.resourcePrefix}-${name}`,
          kmsKey: this.key,
          keepLastImages: poolside.ecr.keepLastImages,
        }),
    );

    // Foundation models belong to no account: their ARNs have an empty account field.
    const foundationModel = (model: string) => `arn:${partition}:bedrock:${region}::foundation-model/${model}`;
    const foundationModels = poolside.bedrock.foundationModelIds.map(foundationModel);
    const customModels = arn("bedrock", "custom-model/*");
    const customizationJobs = arn("bedrock", "model-customization-job/*");
    const customizationRoleArn = `arn:${partition}:iam::${accountId}:role/${names.customizationRole}`;

    const customizationRole = new Role(this, "customization_role", {
      roleName: names.customizationRole,
      description: `Bedrock model customization jobs of Poolside deployment ${poolside.deploymentName}`,
      trustStatements: [
        {
          Sid: "BedrockCustomizationJobs",
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "sts:AssumeRole",
          // Confused-deputy guard: only this account's customization jobs.
          Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": customizationJobs } },
        },
      ],
      inlinePolicies: {
        TrainingData: [
          { Sid: "ListBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
          { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucketArn}/*` },
          { Sid: "UseDeploymentKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: this.key.keyArn },
        ],
      },
      permissionsBoundaryArn: boundary,
    });

    const podRole = new WorkloadIdentityRole(this, "pod_role", {
      roleName: names.podRole,
      description: `Poolside application pods of deployment ${poolside.deploymentName}`,
      mode: poolside.workloadIdentity,
      serviceAccounts: POOLSIDE_POD_SERVICE_ACCOUNTS,
      oidcProviderArn: eks.oidcProviderArn,
      oidcIssuerHost: eks.oidcIssuerHost,
      clusterName: eks.clusterName,
      inlinePolicies: podRolePolicies({
        bucketArn,
        keyArn: this.key.keyArn,
        foundationModels,
        allFoundationModels: foundationModel("*"),
        customModels,
        provisionedModels: arn("bedrock", "provisioned-model/*"),
        customizationJobs,
        customizationRoleArn,
      }),
      permissionsBoundaryArn: boundary,
    });

    const loadBalancerControllerRole = new WorkloadIdentityRole(this, "load_balancer_controller_role", {
      roleName: names.loadBalancerControllerRole,
      description: `AWS Load Balancer Controller of ${poolside.clusterName}`,
      mode: poolside.workloadIdentity,
      serviceAccounts: [{ namespace: "kube-system", name: "aws-load-balancer-controller" }],
      oidcProviderArn: eks.oidcProviderArn,
      oidcIssuerHost: eks.oidcIssuerHost,
      clusterName: eks.clusterName,
      inlinePolicies: { AWSLoadBalancerControllerIAMPolicy: loadBalancerControllerPolicy.Statement as PolicyStatement[] },
      permissionsBoundaryArn: boundary,
    });

    this.bastion = new Bastion(this, "bastion", {
      name: names.bastion,
      roleName: names.bastionRole,
      partition,
      vpcId: network.vpcId,
      subnetId: network.privateSubnetIds[0],
      instanceType: poolside.bastion.instanceType,
      volumeSizeGiB: poolside.bastion.volumeSizeGiB,
      detailedMonitoring: poolside.bastion.detailedMonitoring,
      deployerPolicyArns: poolside.bastion.deployerPolicyArns,
      volumeTags: tags,
      policies: bastionPolicies({ env, poolside, names, arn, partition }),
      permissionsBoundaryArn: boundary,
    });

    // The key policy names the roles that use the key (their IAM policies grant the same).
    this.key.addToResourcePolicy({
      Sid: "KeyUsers",
      Effect: "Allow",
      Principal: { AWS: [podRole.roleArn, customizationRole.roleArn, this.bastion.roleArn] },
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"],
      Resource: "*",
    });

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
        region: { value: region, description: "Region of the deployment" },
        "cluster/name": { value: eks.clusterName, description: "EKS cluster name" },
        "cluster/endpoint": { value: eks.clusterEndpoint, description: "Kubernetes API endpoint" },
        "cluster/oidc-provider-arn": { value: eks.oidcProviderArn, description: "IAM OIDC provider of the cluster" },
        "bucket/name": { value: poolside.bucketName, description: "Poolside data bucket" },
        "kms/key-arn": { value: this.key.keyArn, description: "Key of the bucket, repositories and parameters" },
        "roles/eks-pod-role-arn": { value: podRole.roleArn, description: "Role of Poolside's application pods" },
        "roles/load-balancer-controller-role-arn": {
          value: loadBalancerControllerRole.roleArn,
          description: "Role of the AWS Load Balancer Controller",
        },
        "roles/bedrock-customization-role-arn": { value: customizationRole.roleArn, description: "Role Bedrock customization jobs run as" },
        ...repositoryParameters,
      },
    });

    const output = (name: string, value: unknown, description: string) => new TerraformOutput(this, name, { value, description });
    output("bastion_instance_id", this.bastion.instanceId, "Bastion instance (SSM Session Manager only)");
    output("bastion_session_command", `aws ssm start-session --target ${this.bastion.instanceId} --region ${region}`, "Opens a shell on the bastion");
    output(
      "repository_urls",
      Object.fromEntries(this.repositories.map((r, i) => [poolside.ecr.repositories[i], r.repositoryUrl])),
      "ECR repository URL per image",
    );
    output("bucket_name", poolside.bucketName, "Poolside data bucket");
    output("kms_key_arn", this.key.keyArn, "Key of the deployment's bucket, repositories and parameters");
    output("eks_pod_role_arn", podRole.roleArn, "Role of Poolside's application pods");
    output("load_balancer_controller_role_arn", loadBalancerControllerRole.roleArn, "Role of the AWS Load Balancer Controller");
    output("bedrock_customization_role_arn", customizationRole.roleArn, "Role Bedrock customization jobs run as");
    output("bastion_role_arn", this.bastion.roleArn, "Instance role of the bastion");
    output("cluster_name", eks.clusterName, "EKS cluster name");
    output("cluster_endpoint", eks.clusterEndpoint, "Kubernetes API endpoint");
    output(
      "eks_update_kubeconfig_command",
      `aws eks update-kubeconfig --region ${region} --name ${poolside.clusterName}`,
      "Writes a kubeconfig for the cluster",
    );
    output("parameter_path", poolside.parameterPath, "SSM path holding the deployment's parameters");
    output("oidc_provider_arn", eks.oidcProviderArn, "IAM OIDC provider of the cluster (the provisioner reads it back to narrow its deployer)");
    output("vpc_id", network.vpcId, "VPC of the deployment (the provisioner reads it back to narrow its deployer)");
    useRoleBoundaries(this, env);
  }
}

type ArnBuilder = (service: string, resource: string) => string;

/** Poolside's six pod-role policies, each scoped to the deployment's own resources. */
function podRolePolicies(p: {
  bucketArn: string;
  keyArn: string;
  foundationModels: string[];
  allFoundationModels: string;
  customModels: string;
  provisionedModels: string;
  customizationJobs: string;
  customizationRoleArn: string;
}): Record<string, PolicyStatement[]> {
  return {
    S3Access: [
      { Sid: "ListBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: p.bucketArn },
      { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${p.bucketArn}/*` },
    ],
    MarketplaceMetering: [{ Sid: "MeterUsage", Effect: "Allow", Action: "aws-marketplace:MeterUsage", Resource: "*" }],
    KmsAccess: [
      {
        Sid: "UseDeploymentKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
        Resource: p.keyArn,
      },
    ],
    BedrockReadOnly: [
      { Sid: "ListModels", Effect: "Allow", Action: ["bedrock:ListFoundationModels", "bedrock:ListCustomModels"], Resource: "*" },
      { Sid: "GetFoundationModels", Effect: "Allow", Action: "bedrock:GetFoundationModel", Resource: p.allFoundationModels },
    ],
    BedrockInvoke: [
      {
        Sid: "InvokeModels",
        Effect: "Allow",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        // Custom models are invoked through their provisioned throughput.
        Resource: [...p.foundationModels, p.customModels, p.provisionedModels],
      },
    ],
    BedrockCustomization: [
      {
        Sid: "CustomizationJobs",
        Effect: "Allow",
        Action: ["bedrock:CreateModelCustomizationJob", "bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"],
        Resource: [p.customizationJobs, p.customModels, ...p.foundationModels],
      },
      {
        Sid: "PassCustomizationRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: p.customizationRoleArn,
        Condition: { StringEquals: { "iam:PassedToService": "bedrock.amazonaws.com" } },
      },
    ],
  };
}

/** The bastion's named policies: Poolside's list, each scoped as tightly as its API allows. */
function bastionPolicies(p: {
  env: EnvironmentConfig;
  poolside: PoolsideConfig;
  names: PoolsideNames;
  arn: ArnBuilder;
  partition: string;
}): Record<string, PolicyStatement[]> {
  const { env, poolside, names, arn, partition } = p;
  const ownership = { key: `aws:ResourceTag/${poolside.ownershipTag.key}`, value: poolside.ownershipTag.value };
  const backend = env.stateBackend;
  const statePrefix = `${backend.keyPrefix ? `${backend.keyPrefix}/` : ""}${names.resourcePrefix}/`;
  const stateBucketArn = `arn:${partition}:s3:::${backend.bucket}`;
  return {
    EcrRepositories: [
      {
        Sid: "DeploymentRepositories",
        Effect: "Allow",
        Action: BASTION_ECR_REPOSITORY_ACTIONS,
        Resource: arn("ecr", `repository/${names.resourcePrefix}-*`),
      },
      { Sid: "RegistryAuthentication", Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:DescribeRegistry"], Resource: "*" },
    ],
    CognitoManagement: [
      {
        Sid: "CreateTaggedUserPools",
        Effect: "Allow",
        Action: "cognito-idp:CreateUserPool",
        Resource: "*",
        Condition: { StringEquals: { [`aws:RequestTag/${poolside.ownershipTag.key}`]: poolside.ownershipTag.value } },
      },
      {
        Sid: "ManageOwnUserPools",
        Effect: "Allow",
        Action: [
          "cognito-idp:CreateUserPoolClient",
          "cognito-idp:CreateUserPoolDomain",
          "cognito-idp:DeleteUserPool",
          "cognito-idp:DeleteUserPoolClient",
          "cognito-idp:DeleteUserPoolDomain",
          "cognito-idp:DescribeUserPool",
          "cognito-idp:DescribeUserPoolClient",
          "cognito-idp:GetUserPoolMfaConfig",
          "cognito-idp:ListTagsForResource",
          "cognito-idp:ListUserPoolClients",
          "cognito-idp:SetUserPoolMfaConfig",
          "cognito-idp:TagResource",
          "cognito-idp:UpdateUserPool",
          "cognito-idp:UpdateUserPoolClient",
          "cognito-idp:UpdateUserPoolDomain",
        ],
        Resource: arn("cognito-idp", "userpool/*"),
        Condition: { StringEquals: { [ownership.key]: ownership.value } },
      },
      { Sid: "ListUserPools", Effect: "Allow", Action: ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPoolDomain"], Resource: "*" },
    ],
    DeploymentParameters: [
      {
        Sid: "ReadWriteDeploymentParameters",
        Effect: "Allow",
        Action: [
          "ssm:PutParameter",
          "ssm:DeleteParameter",
          "ssm:DeleteParameters",
          "ssm:GetParameter",
          "ssm:GetParameters",
          "ssm:GetParametersByPath",
        ],
        Resource: [arn("ssm", `parameter${poolside.parameterPath}`), arn("ssm", `parameter${poolside.parameterPath}/*`)],
      },
    ],
    CertificatesRead: [
      { Sid: "ListCertificates", Effect: "Allow", Action: "acm:ListCertificates", Resource: "*" },
      {
        Sid: "ReadCertificates",
        Effect: "Allow",
        Action: ["acm:DescribeCertificate", "acm:GetCertificate", "acm:ListTagsForCertificate"],
        Resource: arn("acm", "certificate/*"),
      },
    ],
    TerraformState: [
      {
        Sid: "LockTableItems",
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        Resource: `arn:${partition}:dynamodb:${backend.region}:${env.account.id}:table/${backend.lockTable}`,
      },
      {
        Sid: "StateObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: `${stateBucketArn}/${statePrefix}*`,
      },
      {
        Sid: "ListStateObjects",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: stateBucketArn,
        Condition: { StringLike: { "s3:prefix": `${statePrefix}*` } },
      },
      {
        Sid: "UseStateKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        Resource: `arn:${partition}:kms:${backend.region}:${env.account.id}:key/*`,
        Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": stateKeyAlias(backend) } },
      },
    ],
  };
}
