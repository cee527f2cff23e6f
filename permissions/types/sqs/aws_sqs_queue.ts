import { queueArns } from "./shared";
import { TypePermissions } from "../types";

export const awsSqsQueue: TypePermissions = {
  purpose: "Karpenter's interruption queue",
  arns: queueArns,
  rules: [
    { phase: "create", actions: ["sqs:CreateQueue", "sqs:TagQueue"], gate: { kind: "request-tag" } },
    { phase: "read", actions: ["sqs:GetQueueAttributes", "sqs:ListQueueTags"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["sqs:DeleteQueue"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_sqs_queue",
    source: {
      files: ["internal/service/sqs/queue.go", "internal/service/sqs/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["sqs:CreateQueue", "sqs:GetQueueAttributes", "sqs:ListQueueTags", "sqs:TagQueue"],
    read: ["sqs:GetQueueAttributes", "sqs:ListQueueTags"],
    update: {
      content_based_deduplication: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      deduplication_scope: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      delay_seconds: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      fifo_throughput_limit: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      kms_data_key_reuse_period_seconds: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      kms_master_key_id: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      max_message_size: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      message_retention_seconds: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      policy: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      receive_wait_time_seconds: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      redrive_allow_policy: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      redrive_policy: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      sqs_managed_sse_enabled: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
      tags: ["sqs:TagQueue", "sqs:UntagQueue"],
      visibility_timeout_seconds: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    },
    delete: ["sqs:DeleteQueue", "sqs:GetQueueAttributes"],
    import: ["sqs:GetQueueAttributes", "sqs:ListQueueTags"],
    notes:
      "queue.go is the 'Copyright IBM Corp. 2014, 2026' version (aws-sdk-go-v2, identity version 1); the stored tags_gen.go " +
      "(086f618968427673c6817b455d8aae8ade31b6c3, aws-sdk-go v1) names the same operations: ListQueueTags, TagQueue, UntagQueue " +
      '(identifier = queue URL, @Tags(identifierAttribute="id")). ' +
      "Create: CreateQueue with attributes and tags (retried on QueueDeletedRecently; resent without tags where the partition does not " +
      "support tag-on-create, then createTags -> TagQueue), waits with GetQueueAttributes(All) until the attributes match, then reads. " +
      "Read: GetQueueAttributes(All); the read does not set tags, so the interceptor calls ListQueueTags. " +
      "Update: any change other than tags -> one SetQueueAttributes with the changed attributes, then a GetQueueAttributes waiter; " +
      "fifo_queue, name and name_prefix are ForceNew. Delete: DeleteQueue, then GetQueueAttributes until QueueDoesNotExist. " +
      "Import: resource identity (url), then read. " +
      "IAM (not a separate call): CreateQueue with tags also needs sqs:TagQueue; an SSE-KMS queue's key is used by SQS only at " +
      "send/receive time, not by these calls.",
  },
};
