import { ProviderCalls } from "./types";

/**
 * Read from hashicorp/terraform-provider-aws (stored copies in the source index), aiming at
 * release 6.25.0 (December 2025). Conventions used throughout:
 * - `create` lists every action the create handler can call, conditional ones included, plus the
 *   refresh it ends with (each create handler tail-calls its read handler).
 * - `update` maps each updatable (non-ForceNew) argument to the calls its change makes, waiters
 *   included; every update handler also ends with the read handler, whose actions are in `read`
 *   and are not repeated per argument. An argument mapped to `[]` is updatable but makes no call
 *   of its own.
 * - `tags`: resources annotated `@Tags(identifierAttribute=...)` get tag updates from the
 *   transparent-tagging interceptor (internal/provider/sdkv2/tags_interceptor.go, read at
 *   2c53338d0ee302f0b27030251ca3abdcb2ef75d1), which calls the service's generated updateTags.
 *   After a read handler that does not set tags itself, the same interceptor calls the service's
 *   generated listTags, so that list action is part of `read` (and of `create`/`import`).
 * - `import`: every type here imports by passthrough, resource identity or an id-parsing importer
 *   that makes no API call, then refreshes: `import` equals `read`.
 * No SDK operation used here has an IAM action of a different name; where IAM requires an extra
 * permission the code never calls (e.g. tag-on-create), it is only mentioned in the notes.
 */
export const serviceCalls: ProviderCalls[] = [
  {
    type: "aws_kms_key",
    source: {
      files: [
        "internal/service/kms/key.go",
        "internal/service/kms/tags_gen.go",
        "internal/service/kms/wait.go",
        "internal/provider/sdkv2/tags_interceptor.go",
      ],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: [
      "kms:CreateKey",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    update: {
      bypass_policy_lockout_safety_check: [],
      deletion_window_in_days: [],
      description: ["kms:DescribeKey", "kms:UpdateKeyDescription"],
      enable_key_rotation: ["kms:DisableKeyRotation", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      is_enabled: ["kms:DescribeKey", "kms:DisableKey", "kms:EnableKey"],
      policy: ["kms:GetKeyPolicy", "kms:PutKeyPolicy"],
      rotation_period_in_days: ["kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      tags: ["kms:ListResourceTags", "kms:TagResource", "kms:UntagResource"],
    },
    delete: ["kms:DescribeKey", "kms:ScheduleKeyDeletion"],
    import: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    notes:
      "key.go is the 'Copyright IBM Corp. 2014, 2026' version (aws-sdk-go-v2), the nearest stored to 6.25.0; tags_gen.go read at " +
      "01606926a0c0ab9174aec440f976a48b0baee722, wait.go at 05a1e29e0514387764be3ba3fc5fe15671fc4250. " +
      "Create: CreateKey carries description, policy and tags (retried on MalformedPolicyDocumentException for IAM propagation); " +
      "then EnableKeyRotation (with RotationPeriodInDays) only if enable_key_rotation, waiting on GetKeyRotationStatus; DisableKey only " +
      "if is_enabled = false, waiting on DescribeKey; waits for the policy with GetKeyPolicy and for tags with ListResourceTags; then reads. " +
      "Read (findKeyInfo): DescribeKey, GetKeyPolicy (policy name 'default'), GetKeyRotationStatus (only for Origin AWS_KMS keys), " +
      "ListResourceTags (paginated); the read sets tags itself. A key in PendingDeletion counts as gone. " +
      "Update: is_enabled -> EnableKey before / DisableKey after the other changes, each followed by a DescribeKey waiter; " +
      "enable_key_rotation -> EnableKeyRotation or DisableKeyRotation, then GetKeyRotationStatus waiter; rotation_period_in_days -> " +
      "EnableKeyRotation only while enable_key_rotation is true (no call otherwise); description -> UpdateKeyDescription + DescribeKey " +
      "waiter; policy -> PutKeyPolicy (with bypass_policy_lockout_safety_check) + GetKeyPolicy waiter; bypass_policy_lockout_safety_check " +
      "and deletion_window_in_days make no call of their own (used by PutKeyPolicy / ScheduleKeyDeletion). tags -> generated updateTags: " +
      "UntagResource / TagResource, then waitTagsPropagated (ListResourceTags). " +
      "Delete: ScheduleKeyDeletion (PendingWindowInDays = deletion_window_in_days), then waits with DescribeKey until the key leaves " +
      "Enabled/Disabled. Import: resource identity (id), then read. " +
      "IAM (not a separate call): CreateKey with Tags also needs kms:TagResource.",
  },
  {
    type: "aws_kms_alias",
    source: {
      files: ["internal/service/kms/alias.go"],
      commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
    },
    create: ["kms:CreateAlias", "kms:ListAliases"],
    read: ["kms:ListAliases"],
    update: {
      target_key_id: ["kms:UpdateAlias"],
    },
    delete: ["kms:DeleteAlias"],
    import: ["kms:ListAliases"],
    notes:
      "The index serves alias.go at 01c08000 (aws-sdk-go v1); a later aws-sdk-go-v2 version (findAliasByName/findAliases) was read " +
      "from the index without a commit and makes the same calls. No stored 2025 version could be reached. " +
      "Create: CreateAlias, retried on NotFoundException; read: ListAliases (paginated, filtered by alias name; no tags, no @Tags). " +
      "name and name_prefix are ForceNew; target_key_id -> UpdateAlias. Delete: DeleteAlias. Import: passthrough, then read. " +
      "IAM (not a separate call): CreateAlias/UpdateAlias/DeleteAlias are authorized on both the alias and the key ARN.",
  },
  {
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
  {
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
  {
    type: "aws_sqs_queue_policy",
    source: {
      files: ["internal/service/sqs/queue_policy.go", "internal/service/sqs/attribute_funcs.go", "internal/service/sqs/queue.go"],
      commit: "013f1736b90439e5a19567a87d3e5cd11858c420",
    },
    create: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    read: ["sqs:GetQueueAttributes"],
    update: {
      policy: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    },
    delete: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    import: ["sqs:GetQueueAttributes"],
    notes:
      "The commit is that of attribute_funcs.go ('Copyright IBM Corp. 2014, 2026'), which holds every API call (queueAttributeHandler " +
      'Upsert/Read/Delete). queue_policy.go\'s 2026 version (@IdentityVersion(1), @CustomInherentRegionIdentity("queue_url")) was ' +
      "read from the index, which did not expose its commit; it only wires the handler for the Policy attribute. " +
      "Create and update (same Upsert): SetQueueAttributes(Policy) on queue_url (retried on InvalidAttributeValue 'Invalid value for the " +
      "parameter Policy'), then GetQueueAttributes waiter, then read. Read: GetQueueAttributes(Policy). queue_url is ForceNew. " +
      'Delete: SetQueueAttributes(Policy = ""), then GetQueueAttributes waiter. No tags. Import: resource identity, then read.',
  },
  {
    type: "aws_cloudwatch_event_rule",
    source: {
      files: ["internal/service/events/rule.go", "internal/service/events/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "0cdab4ae09a963535e03dde0bff4784afe8e3517",
    },
    create: ["events:DescribeRule", "events:ListTagsForResource", "events:PutRule", "events:TagResource"],
    read: ["events:DescribeRule", "events:ListTagsForResource"],
    update: {
      description: ["events:PutRule"],
      event_pattern: ["events:PutRule"],
      force_destroy: [],
      is_enabled: ["events:PutRule"],
      role_arn: ["events:PutRule"],
      schedule_expression: ["events:PutRule"],
      state: ["events:PutRule"],
      tags: ["events:TagResource", "events:UntagResource"],
    },
    delete: ["events:DeleteRule"],
    import: ["events:DescribeRule", "events:ListTagsForResource"],
    notes:
      "rule.go at 0cdab4ae is a 'Copyright IBM Corp. 2014, 2025' aws-sdk-go-v2 version; the stored tags_gen.go " +
      "(050ac11163cab8cdae5936a7f40b0e528ff780df, aws-sdk-go v1) names ListTagsForResource / TagResource / UntagResource on the rule ARN " +
      '(@Tags(identifierAttribute="arn")). ' +
      "Create: PutRule with tags (retried on 'cannot be assumed by principal'; resent without tags where the partition does not support " +
      "tag-on-create, then createTags -> TagResource), waits until DescribeRule finds it, then reads. Read: DescribeRule; the read does " +
      "not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: any change other than tags/tags_all/force_destroy -> PutRule (the whole rule, tags included for aws:RequestTag ABAC); " +
      "event_bus_name, name and name_prefix are ForceNew; force_destroy makes no call (used by DeleteRule's Force). " +
      "Delete: DeleteRule (retried while the rule still has targets). Import: resource identity (name), then read.",
  },
  {
    type: "aws_cloudwatch_event_target",
    source: {
      files: ["internal/service/events/target.go"],
      commit: "0762c41e2027fcd3cb8340d3e6886c6975fc0a59",
    },
    create: ["events:ListTargetsByRule", "events:PutTargets"],
    read: ["events:ListTargetsByRule"],
    update: {
      appsync_target: ["events:PutTargets"],
      arn: ["events:PutTargets"],
      batch_target: ["events:PutTargets"],
      dead_letter_config: ["events:PutTargets"],
      ecs_target: ["events:PutTargets"],
      force_destroy: [],
      http_target: ["events:PutTargets"],
      input: ["events:PutTargets"],
      input_path: ["events:PutTargets"],
      input_transformer: ["events:PutTargets"],
      kinesis_target: ["events:PutTargets"],
      redshift_target: ["events:PutTargets"],
      retry_policy: ["events:PutTargets"],
      role_arn: ["events:PutTargets"],
      run_command_targets: ["events:PutTargets"],
      sagemaker_pipeline_target: ["events:PutTargets"],
      sqs_target: ["events:PutTargets"],
    },
    delete: ["events:RemoveTargets"],
    import: ["events:ListTargetsByRule"],
    notes:
      "target.go at 0762c41e is an aws-sdk-go-v2 version from 2024 ('Copyright (c) HashiCorp, Inc.'); no later version was reachable " +
      "in the index. Its update handler sends PutTargets for a change to any argument except force_destroy, so appsync_target (absent " +
      "from that version, present in the provider's 5.100+ schema) is listed with the same call as an inference, not read. " +
      "Create: PutTargets (a FailedEntries result is an error), then read. Read: ListTargetsByRule (Limit 100, paginated, filtered by " +
      "target_id); no tags (no @Tags; ecs_target.tags go inside PutTargets). rule, target_id and event_bus_name are ForceNew. " +
      "Delete: RemoveTargets (Force = force_destroy). Import: importer parses EVENTBUSNAME/RULE/TARGETID without a call, then read. " +
      "IAM (not a separate call): when role_arn is set, PutTargets needs iam:PassRole on that role.",
  },
  {
    type: "aws_ecr_repository",
    source: {
      files: [
        "internal/service/ecr/repository.go",
        "internal/service/ecr/repositories_data_source.go",
        "internal/service/ecr/tags_gen.go",
        "internal/provider/sdkv2/tags_interceptor.go",
      ],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["ecr:CreateRepository", "ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:TagResource"],
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    update: {
      force_delete: [],
      image_scanning_configuration: ["ecr:PutImageScanningConfiguration"],
      image_tag_mutability: ["ecr:PutImageTagMutability"],
      image_tag_mutability_exclusion_filter: ["ecr:PutImageTagMutability"],
      tags: ["ecr:TagResource", "ecr:UntagResource"],
    },
    delete: ["ecr:DeleteRepository", "ecr:DescribeRepositories"],
    import: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    notes:
      "repository.go is the 'Copyright IBM Corp. 2014, 2026' aws-sdk-go-v2 version (@IdentityAttribute(\"name\")), read from the index " +
      "without a commit (its path lookup serves only an aws-sdk-go v1 version, 0072eea2d6046230a1fb7717741c17fd2122175e); the commit " +
      "recorded is the one at which the same-vintage ecr/lifecycle_policy.go was read. findRepositories (DescribeRepositories paginator) " +
      "is in repositories_data_source.go. The stored tags_gen.go (050ac11163cab8cdae5936a7f40b0e528ff780df) names ListTagsForResource / " +
      'TagResource / UntagResource on the repository ARN (@Tags(identifierAttribute="arn")). ' +
      "Create: CreateRepository with encryption_configuration, image_tag_mutability (+ exclusion filters), image_scanning_configuration " +
      "and tags (resent without tags where the partition does not support tag-on-create, then createTags -> TagResource), then read. " +
      "Read: DescribeRepositories by name (retried while new); the read does not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: image_tag_mutability / image_tag_mutability_exclusion_filter -> PutImageTagMutability; image_scanning_configuration -> " +
      "PutImageScanningConfiguration; force_delete makes no call; encryption_configuration (and its kms_key) and name are ForceNew. " +
      "Delete: DeleteRepository (Force = force_delete), then DescribeRepositories until RepositoryNotFound. Import: resource identity " +
      "(name), then read. IAM (not provider calls): tag-on-create also needs ecr:TagResource; with KMS encryption ECR creates a grant " +
      "on the caller's behalf, so the caller also needs kms:CreateGrant, kms:DescribeKey (and kms:RetireGrant on delete) on the key.",
  },
  {
    type: "aws_ecr_lifecycle_policy",
    source: {
      files: ["internal/service/ecr/lifecycle_policy.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["ecr:GetLifecyclePolicy", "ecr:PutLifecyclePolicy"],
    read: ["ecr:GetLifecyclePolicy"],
    update: {},
    delete: ["ecr:DeleteLifecyclePolicy"],
    import: ["ecr:GetLifecyclePolicy"],
    notes:
      "lifecycle_policy.go 'Copyright IBM Corp. 2014, 2026' version. No update handler: policy and repository are both ForceNew. " +
      "Create: PutLifecyclePolicy, then read. Read: GetLifecyclePolicy (retried while new). Delete: DeleteLifecyclePolicy " +
      "(LifecyclePolicyNotFound / RepositoryNotFound ignored). No tags. Import: resource identity (repository), then read.",
  },
  {
    type: "aws_ssm_parameter",
    source: {
      files: ["internal/service/ssm/parameter.go", "internal/service/ssm/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "0073593e7d6993ba482409f4dc35438daaa79bb3",
    },
    create: ["ssm:AddTagsToResource", "ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource", "ssm:PutParameter"],
    read: ["ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource"],
    update: {
      allowed_pattern: ["ssm:PutParameter"],
      arn: ["ssm:PutParameter"],
      description: ["ssm:PutParameter"],
      insecure_value: ["ssm:PutParameter"],
      key_id: ["ssm:PutParameter"],
      overwrite: [],
      tags: ["ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
      tier: ["ssm:PutParameter"],
      type: ["ssm:PutParameter"],
      value: ["ssm:PutParameter"],
      value_wo_version: ["ssm:PutParameter"],
    },
    delete: ["ssm:DeleteParameter"],
    import: ["ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource"],
    notes:
      "parameter.go at 0073593e (aws-sdk-go-v2, identity-enabled, preIdentityVersion v6.7.0, value_wo write-only support). The stored " +
      "tags_gen.go (01d3fa8b22561c3568c6678a4c937d57e9231f32, aws-sdk-go v1) names ListTagsForResource / AddTagsToResource / " +
      'RemoveTagsFromResource with ResourceType Parameter (@Tags(identifierAttribute="id", resourceType="Parameter")). ' +
      "Create: PutParameter (resent without Tier on 'Tier is not supported'); tags go in PutParameter only when Overwrite is false, " +
      "otherwise createTags -> AddTagsToResource; then read. Read: GetParameter (WithDecryption = true) and DescribeParameters " +
      "(Name Equals filter, paginated); the read does not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: any change except overwrite/tags/tags_all -> one PutParameter (Overwrite from shouldUpdateParameter); name and data_type " +
      "are ForceNew, and tier Advanced -> Standard forces replacement; value_wo is write-only, so its change is driven by " +
      "value_wo_version; overwrite makes no call. Delete: DeleteParameter by name. Import: custom importer (name or ARN parsed without a " +
      "call), then read. IAM (not provider calls): for SecureString with a customer managed key, PutParameter needs kms:Encrypt and " +
      "GetParameter WithDecryption needs kms:Decrypt on that key; tag-on-create needs ssm:AddTagsToResource.",
  },
  {
    type: "aws_ssm_parameter_data",
    source: {
      files: ["internal/service/ssm/parameter_data_source.go", "internal/service/ssm/parameter.go"],
      commit: "01c22b083972e4c5027c0e60b814ba6dee7255a6",
    },
    create: [],
    read: ["ssm:GetParameter"],
    update: {},
    delete: [],
    import: [],
    notes:
      "Data source aws_ssm_parameter (@SDKDataSource, no @Tags), 'Copyright IBM Corp. 2014, 2025' version. Read: findParameterByName " +
      "(parameter.go) -> GetParameter with WithDecryption = with_decryption (default true); load_value only controls whether the value " +
      "is stored. IAM (not a provider call): decrypting a SecureString under a customer managed key also needs kms:Decrypt.",
  },
];
