import { PolicyConditions } from "../../lib/policy-document";
import { ResourceInstance, isLiteral, literalsOf } from "../model";
import { ArnContext, Catalogue } from "./types";
import { regionalArn, s3Arn } from "../../lib/arn";

const regional = (ctx: ArnContext, service: string, resource: string) => regionalArn(ctx, service, resource);

/** The stack's buckets by name: tag conditions on buckets need ABAC, names always work. */
const bucketArns = (_: ResourceInstance, ctx: ArnContext) => literalsOf(ctx.model, "aws_s3_bucket", "bucket").map((b) => s3Arn(ctx.partition, b));
const keyArns = (_: ResourceInstance, ctx: ArnContext) => [regional(ctx, "kms", "key/*")];
const queueArns = (_: ResourceInstance, ctx: ArnContext) => literalsOf(ctx.model, "aws_sqs_queue", "name").map((q) => regional(ctx, "sqs", q));
const ruleArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_cloudwatch_event_rule", "name").map((r) => regional(ctx, "events", `rule/${r}`));
const repositoryArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_ecr_repository", "name").map((r) => regional(ctx, "ecr", `repository/${r}`));
const parameterArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_ssm_parameter", "name").map((p) => regional(ctx, "ssm", `parameter${p}`));
const logGroupArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_cloudwatch_log_group", "name").flatMap((g) => [
    regional(ctx, "logs", `log-group:${g}`),
    regional(ctx, "logs", `log-group:${g}:*`),
  ]);

/** S3 bucket sub-resources (encryption, versioning, ...): one get/put pair on the stack's buckets. */
function bucketSetting(purpose: string, read: string[], write: string[]) {
  return {
    purpose,
    arns: bucketArns,
    rules: [
      { phase: "read" as const, actions: read, gate: { kind: "name" as const } },
      { phase: "create" as const, actions: write, gate: { kind: "name" as const } },
    ],
  };
}

/**
 * A key the deployer touches carries no alias but the stack's own (vacuously true for a key
 * being created, which has none yet): keys are `key/*` ARNs, so this keeps off aliased keys
 * that are not the stack's, the state key among them, whatever tags they carry.
 */
const onlyOwnAliases = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
  "ForAllValues:StringEquals": { "kms:ResourceAliases": literalsOf(ctx.model, "aws_kms_alias", "name") },
});

/** The event sources the stack's rules match: a rule on any other pattern is not the stack's to write. */
const ruleSources = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const sources = new Set<string>();
  for (const pattern of literalsOf(ctx.model, "aws_cloudwatch_event_rule", "event_pattern")) {
    for (const source of ([] as string[]).concat(JSON.parse(pattern).source ?? [])) sources.add(source);
  }
  return { "ForAllValues:StringEquals": { "events:source": [...sources].sort() } };
};

const LIST_REASON = "the service's List/Describe call for the whole account supports no resource-level permission; read-only";

export const storageServicesCatalogue: Catalogue = {
  aws_s3_bucket: {
    purpose: "Buckets (data, assets, state)",
    arns: bucketArns,
    rules: [
      // Provider 6 sends the tags in CreateBucket, so the request tag gates it, and it tags with s3:TagResource.
      { phase: "create", actions: ["s3:CreateBucket", "s3:TagResource"], gate: { kind: "request-tag" } },
      {
        phase: "read",
        actions: [
          "s3:ListBucket",
          "s3:GetBucketTagging",
          "s3:GetBucketPolicy",
          "s3:GetBucketAcl",
          "s3:GetBucketCORS",
          "s3:GetBucketWebsite",
          "s3:GetBucketLogging",
          "s3:GetAccelerateConfiguration",
          "s3:GetBucketRequestPayment",
          "s3:GetReplicationConfiguration",
          "s3:GetBucketObjectLockConfiguration",
          "s3:GetEncryptionConfiguration",
          "s3:GetLifecycleConfiguration",
          "s3:GetBucketVersioning",
          // Provider 6.23+ reads and changes bucket tags through S3 Control's tagging API.
          "s3:ListTagsForResource",
        ],
        gate: { kind: "name" },
      },
      // PutBucketTagging is the provider's fallback when S3 Control tagging is refused.
      { phase: "update", actions: ["s3:TagResource", "s3:UntagResource", "s3:PutBucketTagging"], gate: { kind: "name" } },
      { phase: "delete", actions: ["s3:DeleteBucket"], gate: { kind: "name" } },
    ],
  },
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting(
    "SSE-KMS with the bucket key",
    ["s3:GetEncryptionConfiguration"],
    ["s3:PutEncryptionConfiguration"],
  ),
  aws_s3_bucket_public_access_block: bucketSetting(
    "All four public-access blocks",
    ["s3:GetBucketPublicAccessBlock"],
    ["s3:PutBucketPublicAccessBlock"],
  ),
  aws_s3_bucket_ownership_controls: bucketSetting(
    "Bucket owner enforced (no ACLs)",
    ["s3:GetBucketOwnershipControls"],
    ["s3:PutBucketOwnershipControls"],
  ),
  aws_s3_bucket_versioning: bucketSetting("Versioning where data lives", ["s3:GetBucketVersioning"], ["s3:PutBucketVersioning"]),
  aws_s3_bucket_logging: bucketSetting("Server access logs of a bucket into its log bucket", ["s3:GetBucketLogging"], ["s3:PutBucketLogging"]),
  aws_s3_bucket_lifecycle_configuration: bucketSetting(
    "Expiry of old versions, assets and stale uploads",
    ["s3:GetLifecycleConfiguration"],
    ["s3:PutLifecycleConfiguration"],
  ),
  aws_s3_bucket_policy: {
    purpose: "TLS-only bucket policy",
    arns: bucketArns,
    rules: [
      { phase: "read", actions: ["s3:GetBucketPolicy"], gate: { kind: "name" } },
      { phase: "create", actions: ["s3:PutBucketPolicy"], gate: { kind: "name" } },
      { phase: "delete", actions: ["s3:DeleteBucketPolicy"], gate: { kind: "name" } },
    ],
  },
  aws_kms_key: {
    purpose: "Customer-managed keys (cluster secrets and logs, buckets, state)",
    arns: keyArns,
    rules: [
      // CreateKey has no resource ARN: the request tag is its only gate.
      { phase: "create", actions: ["kms:CreateKey"], gate: { kind: "request-tag" }, resources: () => ["*"] },
      // KMS checks TagResource against every key of the account when CreateKey carries tags, so a
      // request tag cannot tell a new key from an existing untagged one: the alias condition keeps
      // off every key that carries an alias not the stack's (the state key, every aliased key).
      { phase: "create", actions: ["kms:TagResource"], gate: { kind: "request-tag" }, conditions: onlyOwnAliases },
      {
        phase: "read",
        actions: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
        gate: { kind: "resource-tag" },
        conditions: onlyOwnAliases,
      },
      {
        phase: "update",
        actions: ["kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:TagResource", "kms:UntagResource"],
        gate: { kind: "resource-tag" },
        conditions: onlyOwnAliases,
      },
      // Encrypted log groups, repositories and parameters are created by the deployer on the key's behalf.
      { phase: "create", actions: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"], gate: { kind: "resource-tag" }, conditions: onlyOwnAliases },
      // Grants only through the AWS services that encrypt with the key (EKS, EBS, ECR), never to a principal the caller names.
      {
        phase: "create",
        actions: ["kms:CreateGrant"],
        gate: { kind: "resource-tag" },
        conditions: (instance, ctx) => ({ ...onlyOwnAliases(instance, ctx), Bool: { "kms:GrantIsForAWSResource": "true" } }),
      },
      { phase: "delete", actions: ["kms:ScheduleKeyDeletion"], gate: { kind: "resource-tag" }, conditions: onlyOwnAliases },
    ],
  },
  aws_kms_alias: {
    purpose: "Readable names of the keys",
    arns: (instance, ctx) =>
      isLiteral(instance.attributes.name) ? [regional(ctx, "kms", String(instance.attributes.name))] : [regional(ctx, "kms", "alias/*")],
    rules: [
      { phase: "create", actions: ["kms:CreateAlias"], gate: { kind: "name" } },
      { phase: "create", actions: ["kms:CreateAlias"], gate: { kind: "resource-tag" }, resources: keyArns, conditions: onlyOwnAliases },
      { phase: "read", actions: ["kms:ListAliases"], gate: { kind: "unscoped", reason: LIST_REASON } },
      { phase: "update", actions: ["kms:UpdateAlias"], gate: { kind: "name" } },
      { phase: "update", actions: ["kms:UpdateAlias"], gate: { kind: "resource-tag" }, resources: keyArns, conditions: onlyOwnAliases },
      { phase: "delete", actions: ["kms:DeleteAlias"], gate: { kind: "name" } },
      { phase: "delete", actions: ["kms:DeleteAlias"], gate: { kind: "resource-tag" }, resources: keyArns, conditions: onlyOwnAliases },
    ],
  },
  aws_dynamodb_table: {
    purpose: "The Terraform lock table",
    arns: (_, ctx) => literalsOf(ctx.model, "aws_dynamodb_table", "name").map((t) => regional(ctx, "dynamodb", `table/${t}`)),
    rules: [
      { phase: "create", actions: ["dynamodb:CreateTable", "dynamodb:TagResource"], gate: { kind: "request-tag" } },
      {
        phase: "read",
        actions: ["dynamodb:DescribeTable", "dynamodb:ListTagsOfResource", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive"],
        gate: { kind: "resource-tag" },
      },
      {
        phase: "update",
        actions: ["dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource"],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["dynamodb:DeleteTable"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_cloudwatch_log_group: {
    purpose: "Control-plane logs",
    arns: logGroupArns,
    rules: [
      // CloudWatch Logs checks the older TagLogGroup or the newer TagResource, depending on the API version.
      { phase: "create", actions: ["logs:CreateLogGroup", "logs:TagResource", "logs:TagLogGroup"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["logs:DescribeLogGroups"], gate: { kind: "unscoped", reason: LIST_REASON } },
      { phase: "read", actions: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"], gate: { kind: "resource-tag" } },
      // Dropping the retention or the key are updates of the group, not deletions of logs.
      {
        phase: "update",
        actions: [
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:AssociateKmsKey",
          "logs:DisassociateKmsKey",
          "logs:TagResource",
          "logs:UntagResource",
        ],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["logs:DeleteLogGroup"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_sqs_queue: {
    purpose: "Karpenter's interruption queue",
    arns: queueArns,
    rules: [
      { phase: "create", actions: ["sqs:CreateQueue", "sqs:TagQueue"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"], gate: { kind: "resource-tag" } },
      { phase: "update", actions: ["sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["sqs:DeleteQueue"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_sqs_queue_policy: {
    purpose: "Who may send to the queue (EventBridge), TLS only",
    arns: queueArns,
    rules: [
      { phase: "create", actions: ["sqs:SetQueueAttributes"], gate: { kind: "resource-tag" } },
      { phase: "read", actions: ["sqs:GetQueueAttributes"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_cloudwatch_event_rule: {
    purpose: "Karpenter's interruption events",
    arns: ruleArns,
    rules: [
      { phase: "create", actions: ["events:PutRule", "events:TagResource"], gate: { kind: "request-tag" }, conditions: ruleSources },
      { phase: "read", actions: ["events:DescribeRule", "events:ListTagsForResource"], gate: { kind: "resource-tag" } },
      {
        phase: "update",
        actions: ["events:PutRule", "events:TagResource", "events:UntagResource"],
        gate: { kind: "resource-tag" },
        conditions: ruleSources,
      },
      { phase: "delete", actions: ["events:DeleteRule"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_cloudwatch_event_target: {
    purpose: "Sends the events to the queue",
    arns: ruleArns,
    rules: [
      // Targets only the stack's own queues: never another account's bus or function.
      {
        phase: "create",
        actions: ["events:PutTargets"],
        gate: { kind: "resource-tag" },
        conditions: (instance, ctx) => ({ "ForAllValues:ArnEquals": { "events:TargetArn": queueArns(instance, ctx) } }),
      },
      { phase: "read", actions: ["events:ListTargetsByRule"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["events:RemoveTargets"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_ecr_repository: {
    purpose: "Image repositories",
    arns: repositoryArns,
    rules: [
      { phase: "create", actions: ["ecr:CreateRepository", "ecr:TagResource"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"], gate: { kind: "resource-tag" } },
      {
        phase: "update",
        actions: ["ecr:PutImageTagMutability", "ecr:PutImageScanningConfiguration", "ecr:TagResource", "ecr:UntagResource"],
        gate: { kind: "resource-tag" },
      },
      { phase: "delete", actions: ["ecr:DeleteRepository"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_ecr_lifecycle_policy: {
    purpose: "Keeps the newest images",
    arns: repositoryArns,
    rules: [
      { phase: "create", actions: ["ecr:PutLifecyclePolicy"], gate: { kind: "resource-tag" } },
      { phase: "read", actions: ["ecr:GetLifecyclePolicy"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["ecr:DeleteLifecyclePolicy"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_ssm_parameter: {
    purpose: "Outputs published for the deployment tooling",
    arns: parameterArns,
    rules: [
      { phase: "create", actions: ["ssm:PutParameter", "ssm:AddTagsToResource"], gate: { kind: "request-tag" } },
      { phase: "read", actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:ListTagsForResource"], gate: { kind: "name" } },
      { phase: "read", actions: ["ssm:DescribeParameters"], gate: { kind: "unscoped", reason: LIST_REASON } },
      { phase: "update", actions: ["ssm:PutParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["ssm:DeleteParameter"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_ssm_parameter_data: {
    purpose: "Looks up the latest Amazon Linux AMI (AWS's public parameter)",
    // AWS's public parameters; "*" for the account, which IAM documents as empty and simulators reject.
    arns: (instance, ctx) => [regionalArn({ ...ctx, account: "*" }, "ssm", `parameter${instance.attributes.name}`)],
    rules: [{ phase: "read", actions: ["ssm:GetParameter"], gate: { kind: "name" } }],
  },
};
