import { LIST_REASON } from "../shared";
import { regionalArn } from "../../../lib/arn";
import { keyUsedBy } from "../kms/shared";
import { ResourceInstance, literalsOf } from "../../model";
import { ArnContext, TypePermissions } from "../types";

const logGroupArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_cloudwatch_log_group", "name").flatMap((g) => [
    regionalArn(ctx, "logs", `log-group:${g}`),
    regionalArn(ctx, "logs", `log-group:${g}:*`),
  ]);

export const awsCloudwatchLogGroup: TypePermissions = {
  purpose: "Control-plane logs",
  arns: logGroupArns,
  rules: [
    // CloudWatch Logs checks the older TagLogGroup or the newer TagResource, depending on the API version.
    { phase: "create", actions: ["logs:CreateLogGroup", "logs:TagResource", "logs:TagLogGroup"], gate: { kind: "request-tag" } },
    { phase: "read", actions: ["logs:DescribeLogGroups"], gate: { kind: "unscoped", reason: LIST_REASON } },
    { phase: "read", actions: ["logs:ListTagsForResource"], gate: { kind: "resource-tag" } },
    // CloudWatch Logs uses the stack's key with the caller's permission, through the service only.
    ...keyUsedBy("kms_key_id", ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], "logs"),
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
  requestContext: ({ ctx, action }) => (action.startsWith("kms:") ? { "kms:ViaService": `logs.${ctx.region}.amazonaws.com` } : undefined),
  calls: {
    type: "aws_cloudwatch_log_group",
    source: {
      files: ["internal/service/logs/group.go", "internal/service/logs/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "0073593e7d6993ba482409f4dc35438daaa79bb3",
    },
    create: ["logs:CreateLogGroup", "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:PutRetentionPolicy"],
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    update: {
      kms_key_id: ["logs:AssociateKmsKey", "logs:DisassociateKmsKey"],
      retention_in_days: ["logs:DeleteRetentionPolicy", "logs:PutRetentionPolicy"],
      skip_destroy: [],
      tags: ["logs:TagResource", "logs:UntagResource"],
    },
    delete: ["logs:DeleteLogGroup"],
    import: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    authorizedAlso: {
      // Tags sent in CreateLogGroup (either tagging action, by API version); the key CloudWatch Logs uses on the caller's behalf.
      create: [
        "logs:TagResource",
        "logs:TagLogGroup",
        ...["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"].map((action) => ({ action, whenSet: "kms_key_id" })),
      ],
      update: { kms_key_id: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"] },
    },
    notes:
      "group.go at 0073593e (aws-sdk-go-v2, identity-enabled, preIdentityVersion v6.7.0); tags_gen.go read at " +
      '07e0d0b940f57c782f8fcc9ccfd8b19f59383b51. @Tags(identifierAttribute="arn"): tags use the generic generated functions ' +
      "ListTagsForResource / TagResource / UntagResource on the log group ARN (':*' suffix trimmed). The older TagLogGroup / " +
      "UntagLogGroup / ListTagsLogGroup helpers (log_group_tags_gen.go) are not used by this version. " +
      "Create: CreateLogGroup (kms_key_id, log_group_class and tags in the request); PutRetentionPolicy only if retention_in_days is set " +
      "and the class is not DELIVERY (retried on AccessDenied for IAM propagation); then read. Read: DescribeLogGroups " +
      "(LogGroupNamePrefix = name, exact match) and, because the read does not set tags, the interceptor's ListTagsForResource. " +
      "Update: retention_in_days -> PutRetentionPolicy, or DeleteRetentionPolicy when set to 0; kms_key_id -> AssociateKmsKey, or " +
      "DisassociateKmsKey when removed; skip_destroy makes no call. Delete: DeleteLogGroup unless skip_destroy (retried on " +
      "OperationAbortedException). Import: resource identity (name), then read. " +
      "IAM (not a separate call): CreateLogGroup with tags also needs logs:TagResource.",
  },
};
