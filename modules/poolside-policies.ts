import { EnvironmentConfig, PoolsideConfig } from "../config";
import { POOLSIDE_STACK_TAG_KEY, PoolsideNames, stateKey, stateKeyAlias } from "../config/naming";
import { AwsTarget, regionalArn, s3Arn } from "../lib/arn";
import { PolicyStatement } from "../lib/policy-document";

/**
 * The Poolside stack's policies as data: what its roles may do beyond the
 * grants the bucket and key write themselves.
 */

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

/**
 * Poolside's pod-role policies beside the bucket and key (granted by the bucket as
 * `S3Access` and `KmsAccess`), each scoped to the deployment's own resources.
 */
export function podRolePolicies(p: {
  foundationModels: string[];
  allFoundationModels: string;
  customModels: string;
  provisionedModels: string;
  customizationJobs: string;
  customizationRoleArn: string;
  inferenceProfiles: string[];
  profileModels: Array<{ profileArn: string; modelArn: string }>;
}): Record<string, PolicyStatement[]> {
  return {
    MarketplaceMetering: [{ Sid: "MeterUsage", Effect: "Allow", Action: "aws-marketplace:MeterUsage", Resource: "*" }],
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
      ...(p.inferenceProfiles.length
        ? [
            {
              Sid: "InvokeInferenceProfiles",
              Effect: "Allow" as const,
              Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
              Resource: p.inferenceProfiles,
            },
            // The profile's model in the regions it routes to, reachable only through the profile.
            ...p.profileModels.map(({ profileArn, modelArn }, i) => ({
              Sid: `ProfileModel${i + 1}`,
              Effect: "Allow" as const,
              Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
              Resource: modelArn,
              Condition: { StringEquals: { "bedrock:InferenceProfileArn": profileArn } },
            })),
          ]
        : []),
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
export function bastionPolicies(p: {
  env: EnvironmentConfig;
  poolside: PoolsideConfig;
  names: PoolsideNames;
  target: AwsTarget;
  /** The platform stack's id: its own state is never the bastion's, even under the deployment's prefix. */
  stackId: string;
}): Record<string, PolicyStatement[]> {
  const { env, poolside, names, target } = p;
  const partition = target.partition;
  const arn = (service: string, resource: string) => regionalArn(target, service, resource);
  // The state lives in the backend's region, which may differ from the deployment's.
  const stateTarget: AwsTarget = { ...target, region: env.stateBackend.region };
  const ownership = { key: `aws:ResourceTag/${poolside.ownershipTag.key}`, value: poolside.ownershipTag.value };
  // A user pool is the deployment's by Poolside's ownership tag, and never another deployment's: a pool tagged with
  // another deployment's name is refused (one without the deployment tag is reachable from every deployment's bastion).
  const deployment = { key: POOLSIDE_STACK_TAG_KEY, value: poolside.deploymentName };
  const backend = env.stateBackend;
  const statePrefix = `${backend.keyPrefix ? `${backend.keyPrefix}/` : ""}${names.resourcePrefix}/`;
  const stateBucketArn = s3Arn(partition, backend.bucket);
  // The platform's own state (this stack's), which may sit under the same prefix: never the bastion's to read, write or unlock.
  const platformState = `${stateBucketArn}/${stateKey(backend, p.stackId)}`;
  const platformLock = `${backend.bucket}/${stateKey(backend, p.stackId)}`;
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
        Condition: {
          StringEquals: { [`aws:RequestTag/${poolside.ownershipTag.key}`]: poolside.ownershipTag.value },
          StringEqualsIfExists: { [`aws:RequestTag/${deployment.key}`]: deployment.value },
        },
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
        Condition: {
          StringEquals: { [ownership.key]: ownership.value },
          StringEqualsIfExists: { [`aws:ResourceTag/${deployment.key}`]: deployment.value },
        },
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
    // `aws eks update-kubeconfig` reads the cluster's endpoint and CA; the access entry does the rest.
    ClusterAccess: [
      { Sid: "DescribeOwnCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: arn("eks", `cluster/${poolside.clusterName}`) },
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
        Resource: regionalArn(stateTarget, "dynamodb", `table/${backend.lockTable}`),
        // Lock and digest items of the deployment's own state keys only (Terraform's LockID is "<bucket>/<key>").
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": `${backend.bucket}/${statePrefix}*` } },
      },
      {
        Sid: "NotThePlatformsLock",
        Effect: "Deny",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        Resource: regionalArn(stateTarget, "dynamodb", `table/${backend.lockTable}`),
        Condition: { "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [platformLock, `${platformLock}-md5`] } },
      },
      {
        Sid: "StateObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: `${stateBucketArn}/${statePrefix}*`,
      },
      {
        Sid: "NotThePlatformsState",
        Effect: "Deny",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: [platformState, `${platformState}.tflock`],
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
        Resource: regionalArn(stateTarget, "kms", "key/*"),
        Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": stateKeyAlias(backend) } },
      },
    ],
  };
}

/**
 * The External Secrets Operator's policy: the database's secret (when there is one) and the
 * deployment's parameters, read only, and the deployment's key to decrypt them through those two
 * services only.
 */
export function externalSecretsPolicies(p: {
  /** The database's secret: a configured one by ARN, or the one RDS keeps for the stack's instance (by the tag RDS sets on it). */
  secret?: { arn: string } | { managedFor: { databaseArn: string; target: AwsTarget } };
  parameterArns: string[];
  keyArn: string;
  region: string;
}): Record<string, PolicyStatement[]> {
  const read = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"];
  const secret: PolicyStatement[] = !p.secret
    ? []
    : "arn" in p.secret
      ? [{ Sid: "DatabaseSecret", Effect: "Allow", Action: read, Resource: p.secret.arn }]
      : [
          {
            Sid: "DatabaseSecret",
            Effect: "Allow",
            Action: read,
            // RDS names its secret rds!db-<uuid> and tags it with its instance, a tag only RDS can set (aws: prefix).
            Resource: regionalArn(p.secret.managedFor.target, "secretsmanager", "secret:rds!db-*"),
            Condition: { StringEquals: { "aws:ResourceTag/aws:rds:primaryDBInstanceArn": p.secret.managedFor.databaseArn } },
          },
        ];
  return {
    ReadDeploymentSecrets: [
      ...secret,
      {
        Sid: "DeploymentParameters",
        Effect: "Allow",
        Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
        Resource: p.parameterArns,
      },
      {
        Sid: "DecryptThroughThoseServices",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: p.keyArn,
        Condition: { StringEquals: { "kms:ViaService": [`secretsmanager.${p.region}.amazonaws.com`, `ssm.${p.region}.amazonaws.com`] } },
      },
    ],
  };
}
