import { regionalArn } from "../../../lib/arn";
import { literalsOf } from "../../model";
import { TypePermissions } from "../types";

export const awsDynamodbTable: TypePermissions = {
  purpose: "The Terraform lock table",
  arns: (_, ctx) => literalsOf(ctx.model, "aws_dynamodb_table", "name").map((t) => regionalArn(ctx, "dynamodb", `table/${t}`)),
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
    // A refresh of a table encrypted with DynamoDB's AWS-managed key describes that key (by its alias).
    {
      phase: "read",
      actions: ["kms:DescribeKey"],
      gate: { kind: "name" },
      resources: (_, ctx) => [regionalArn(ctx, "kms", "key/*")],
      conditions: () => ({ "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/aws/dynamodb" } }),
    },
  ],
  calls: {
    type: "aws_dynamodb_table",
    source: {
      files: ["internal/service/dynamodb/table.go"],
      commit: "fc669c1045a49ffc3a1809e35e235163cd338b5c",
    },
    create: [
      "dynamodb:CreateTable",
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
      "dynamodb:TagResource",
      "dynamodb:UpdateContinuousBackups",
      "kms:DescribeKey",
    ],
    read: [
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
      "kms:DescribeKey",
    ],
    update: {
      attribute: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      billing_mode: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      deletion_protection_enabled: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      global_secondary_index: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      global_table_witness: [],
      import_table: [],
      on_demand_throughput: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      point_in_time_recovery: ["dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups"],
      read_capacity: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      replica: [
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:DescribeTable",
        "dynamodb:ListTagsOfResource",
        "dynamodb:TagResource",
        "dynamodb:UntagResource",
        "dynamodb:UpdateContinuousBackups",
        "dynamodb:UpdateTable",
      ],
      restore_source_name: [],
      restore_source_table_arn: [],
      server_side_encryption: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      stream_enabled: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      stream_view_type: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      table_class: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      tags: ["dynamodb:ListTagsOfResource", "dynamodb:TagResource", "dynamodb:UntagResource"],
      ttl: ["dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive"],
      warm_throughput: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
      write_capacity: ["dynamodb:DescribeTable", "dynamodb:UpdateTable"],
    },
    delete: ["dynamodb:DeleteTable", "dynamodb:DescribeTable"],
    import: [
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
      "kms:DescribeKey",
    ],
    notes:
      "Helpers also read: status.go/wait.go (waiters poll DescribeTable, DescribeContinuousBackups for PITR, DescribeTimeToLive for TTL), generate.go (tags: -ListTagsOp=ListTagsOfResource -UpdateTags -Wait), kms key.go (findDefaultKeyARNForService) - index snapshots, no commit reported. " +
      "DynamoDB SDK operation names equal the IAM action names. " +
      "CREATE (config: name, PAY_PER_REQUEST, hash_key, point_in_time_recovery, server_side_encryption with a KMS key, deletion_protection_enabled, tags): CreateTable with Tags, DeletionProtectionEnabled and SSESpecification " +
      "(tags in CreateTable are also authorized against dynamodb:TagResource; AWS checks KMS permissions on the CMK for the SSE key server-side - kms:DescribeKey/kms:CreateGrant - these are not provider calls); " +
      "waitTableActive + warm-throughput wait (DescribeTable); PITR enabled -> UpdateContinuousBackups (retried while 'Backups are being enabled') + wait on DescribeContinuousBackups; then Read; tags are read back with ListTagsOfResource. " +
      "Paths this config does not reach: ttl.enabled -> UpdateTimeToLive + DescribeTimeToLive wait; GSIs -> DescribeTable waits; replica -> UpdateTable/DescribeTable/UpdateContinuousBackups per region (+ AWS-side dynamodb:CreateTableReplica etc.); " +
      "restore_source_name/restore_source_table_arn -> RestoreTableToPointInTime; import_table -> ImportTable + DescribeImport. " +
      "READ: DescribeTable; DescribeContinuousBackups; DescribeTimeToLive; ListTagsOfResource (transparent tagging); when the table has an SSE description, clearSSEDefaultKey calls kms DescribeKey on alias/aws/dynamodb (kms:DescribeKey; an error is ignored). " +
      "With replicas, Read also calls DescribeContinuousBackups and DescribeTable in each replica region and kms:DescribeKey on each replica region's alias/aws/dynamodb. " +
      "UPDATE: billing_mode/read_capacity/write_capacity/deletion_protection_enabled/on_demand_throughput/stream_enabled/table_class/warm_throughput -> UpdateTable then DescribeTable waits; stream_view_type with streams on -> two UpdateTable (disable, re-enable) + waits; " +
      "global_secondary_index -> UpdateTable per phase (delete, update, create) + DescribeTable waits; attribute diffs are dropped unless global_secondary_index also changes (then sent with the GSI create); server_side_encryption -> UpdateTable + DescribeTable wait (AWS-side KMS checks as above); " +
      "tags -> UntagResource (removed keys) + TagResource (added/changed) + ListTagsOfResource wait for propagation, and with propagate_tags replicas the same in each replica region. " +
      "global_table_witness, import_table, and clearing restore_source_name/restore_source_table_arn make no call (setting those to another value forces replacement). " +
      "name, hash_key, range_key, local_secondary_index, restore_date_time, restore_to_latest_time force replacement; region and timeouts are not listed. " +
      "The 2026 snapshot read also has restore_backup_arn (RestoreTableFromBackup) and GSI key_schema, which v6.25.0 does not have; they are not listed. " +
      "DELETE: DeleteTable (retried on LimitExceeded/ResourceInUse), then DescribeTable until gone; with replicas first UpdateTable (replica delete) + DescribeTable waits. " +
      "deletion_protection_enabled=true makes DeleteTable fail: the provider does not turn it off first.",
  },
};
