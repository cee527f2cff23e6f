import { ProviderCalls } from "./types";

/**
 * S3 bucket resources and the DynamoDB table, read from hashicorp/terraform-provider-aws
 * `internal/service/s3/` and `internal/service/dynamodb/`.
 *
 * Version caveat: the source index keeps many snapshots of each file but exposes only some
 * of them by commit, and none could be pinned at the v6.25.0 tag (December 4, 2025). The
 * aws-sdk-go-v2 snapshots read are from early 2026 (`Copyright IBM Corp. 2014, 2026`). Each
 * entry names the commit actually read; the argument lists were checked against the v6.25.0
 * schema shipped in @cdktf/provider-aws 21.22.1 (node_modules), and arguments or behaviour
 * that arrived after v6.25.0 are left out and called out in the entry's notes.
 *
 * Conventions:
 *  - IAM action names follow the Service Authorization Reference; where the S3 SDK operation
 *    has another name the notes give it (HeadBucket -> s3:ListBucket, GetBucketEncryption ->
 *    s3:GetEncryptionConfiguration, DeleteBucketLifecycle -> s3:PutLifecycleConfiguration, ...).
 *  - `create` is everything the create handler runs: the create call, its waiters, and the
 *    Read it ends with (plus the tag listing of the transparent-tagging interceptor).
 *  - `update` lists, per argument, the calls its change makes itself (mutation + waiter).
 *    Every Update handler then runs the resource Read again (see `read`), except
 *    aws_s3_bucket_public_access_block which skips it.
 *  - `import` is the Read that follows the (API-free) import of the identifier.
 *  - Only calls the provider makes are recorded in the arrays. Fallback paths that only run
 *    after an AccessDenied, paths the configuration does not reach, and IAM checks AWS runs
 *    server-side for an API (e.g. KMS grants, iam:PassRole) are described in the notes.
 */
export const s3DynamodbCalls: ProviderCalls[] = [
  {
    type: "aws_s3_bucket",
    source: {
      files: ["internal/service/s3/bucket.go", "internal/service/s3/delete.go", "internal/service/s3/tags.go"],
      commit: "bc6ffa6bedf06ebf1813d2b5344a4ba1d8ed6c7e",
    },
    create: [
      "s3:CreateBucket",
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketLogging",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketPolicy",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketVersioning",
      "s3:GetBucketWebsite",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:ListBucket",
      "s3:ListTagsForResource",
      "s3:TagResource",
    ],
    read: [
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketLogging",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketPolicy",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketVersioning",
      "s3:GetBucketWebsite",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:ListBucket",
      "s3:ListTagsForResource",
    ],
    update: {
      acceleration_status: ["s3:PutAccelerateConfiguration"],
      acl: ["s3:PutBucketAcl"],
      cors_rule: ["s3:PutBucketCORS"],
      force_destroy: [],
      grant: ["s3:GetBucketAcl", "s3:PutBucketAcl"],
      lifecycle_rule: ["s3:PutLifecycleConfiguration"],
      logging: ["s3:PutBucketLogging"],
      object_lock_configuration: ["s3:PutBucketObjectLockConfiguration"],
      policy: ["s3:DeleteBucketPolicy", "s3:PutBucketPolicy"],
      replication_configuration: ["s3:PutReplicationConfiguration"],
      request_payer: ["s3:PutBucketRequestPayment"],
      server_side_encryption_configuration: ["s3:PutEncryptionConfiguration"],
      tags: ["s3:TagResource", "s3:UntagResource"],
      versioning: ["s3:PutBucketVersioning"],
      website: ["s3:DeleteBucketWebsite", "s3:PutBucketWebsite"],
    },
    delete: ["s3:DeleteBucket", "s3:ListBucket"],
    import: [
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketLogging",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketPolicy",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketVersioning",
      "s3:GetBucketWebsite",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:ListBucket",
      "s3:ListTagsForResource",
    ],
    notes:
      "Files: bucket.go @bc6ffa6b, tags.go @53e740ca07f3dc82e6cacca2c312b0cc302654d1, delete.go (emptyBucket) read from the index's aws-sdk-go-v2 snapshot (no commit reported); " +
      "tfs3control.ListTags/UpdateTags = generated listTags/updateTags of internal/service/s3control (exports.go @bbde2ff5). " +
      "CREATE: CreateBucket (ACL private, LocationConstraint outside us-east-1) carries the tags in CreateBucketConfiguration.Tags since v6.23.0 (PR #45251, ABAC support); AWS authorizes that as s3:CreateBucket + s3:TagResource (source comment: 'Tag on create requires the s3:TagResource IAM permission'). " +
      "If CreateBucket fails with 'is not authorized to perform: s3:TagResource' (or UnsupportedArgument) the provider retries without tags and then tags after create via bucketCreateTags -> bucketUpdateTags = GetBucketTagging (s3:GetBucketTagging) + PutBucketTagging (s3:PutBucketTagging). " +
      "In us-east-1 a HeadBucket (s3:ListBucket) runs before CreateBucket to refuse an existing bucket; after CreateBucket the waiter polls HeadBucket (s3:ListBucket). Create then runs resourceBucketUpdate (no calls for unset deprecated arguments; acl is skipped for a new bucket) and Read. " +
      "object_lock_enabled=true sends ObjectLockEnabledForBucket, which AWS also authorizes against s3:PutBucketObjectLockConfiguration and s3:PutBucketVersioning (not in the arrays; not used here). " +
      "READ (SDK -> IAM): HeadBucket -> s3:ListBucket; GetBucketPolicy; GetBucketAcl; GetBucketCors -> s3:GetBucketCORS; GetBucketWebsite; GetBucketVersioning; GetBucketAccelerateConfiguration -> s3:GetAccelerateConfiguration; GetBucketRequestPayment; GetBucketLogging; " +
      "GetBucketLifecycleConfiguration -> s3:GetLifecycleConfiguration; GetBucketReplication -> s3:GetReplicationConfiguration; GetBucketEncryption -> s3:GetEncryptionConfiguration; GetObjectLockConfiguration -> s3:GetBucketObjectLockConfiguration; " +
      "manager.GetBucketRegion (HeadBucket with the caller's credentials) -> s3:ListBucket. Each Get* is retried on NoSuchBucket; 'not found'/MethodNotAllowed/NotImplemented answers are tolerated, AccessDenied is not (read fails). " +
      "TAGS (ServicePackage.ListTags/UpdateTags, resourceType Bucket): when the provider knows the account ID it uses the S3 Control tagging APIs on the bucket ARN, whether or not bucket ABAC is enabled: ListTagsForResource -> s3:ListTagsForResource, UntagResource -> s3:UntagResource (removed keys), TagResource -> s3:TagResource (added/changed keys). " +
      "Only on 'is not authorized to perform: s3:ListTagsForResource|s3:TagResource|s3:UntagResource' (or MethodNotAllowed), or with no account ID (skip_requesting_account_id), it falls back to the bucket tagging APIs: GetBucketTagging -> s3:GetBucketTagging, PutBucketTagging -> s3:PutBucketTagging, DeleteBucketTagging -> s3:PutBucketTagging. " +
      "Granting the S3 Control actions avoids the fallback (and the S3 Control APIs are the ones ABAC needs). ABAC itself is the separate aws_s3_bucket_abac resource (PutBucketAbac/GetBucketAbac). " +
      "UPDATE SDK names: PutBucketAccelerateConfiguration; PutBucketCors/DeleteBucketCors -> s3:PutBucketCORS; PutBucketLifecycleConfiguration/DeleteBucketLifecycle -> s3:PutLifecycleConfiguration; PutObjectLockConfiguration -> s3:PutBucketObjectLockConfiguration; " +
      "PutBucketReplication/DeleteBucketReplication -> s3:PutReplicationConfiguration (AWS also checks iam:PassRole on the replication role); PutBucketEncryption/DeleteBucketEncryption -> s3:PutEncryptionConfiguration; grant with grants -> GetBucketAcl (owner) + PutBucketAcl, grant emptied or acl changed -> PutBucketAcl (canned). " +
      "force_destroy changes state only. bucket, bucket_prefix, object_lock_enabled and object_lock_configuration.object_lock_enabled force replacement; region (6.x per-resource region) is not listed. " +
      "DELETE: DeleteBucket, then HeadBucket (s3:ListBucket) until gone. Only if DeleteBucket answers BucketNotEmpty AND force_destroy=true: emptyBucket pages ListObjectVersions (s3:ListBucketVersions) and deletes every version and delete marker with DeleteObjects " +
      '(DeleteObject for keys outside the XML character range), with VersionId -> s3:DeleteObjectVersion (objects of a never-versioned bucket come back with VersionId "null"; AWS may evaluate s3:DeleteObject for those); BypassGovernanceRetention (s3:BypassGovernanceRetention) only when object_lock_configuration is enabled in config, and on AccessDenied then PutObjectLegalHold (s3:PutObjectLegalHold) + DeleteObject; then DeleteBucket again.',
  },
  {
    type: "aws_s3_bucket_server_side_encryption_configuration",
    source: {
      files: ["internal/service/s3/bucket_server_side_encryption_configuration.go"],
      commit: "bc6ffa6bedf06ebf1813d2b5344a4ba1d8ed6c7e",
    },
    create: ["s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration"],
    read: ["s3:GetEncryptionConfiguration"],
    update: {
      rule: ["s3:PutEncryptionConfiguration"],
    },
    delete: ["s3:PutEncryptionConfiguration"],
    import: ["s3:GetEncryptionConfiguration"],
    notes:
      "SDK: PutBucketEncryption -> s3:PutEncryptionConfiguration (retried on NoSuchBucket/OperationAborted); GetBucketEncryption -> s3:GetEncryptionConfiguration (create waits until it is found, then Read); " +
      "DeleteBucketEncryption -> s3:PutEncryptionConfiguration (no wait: the bucket keeps a default SSE configuration). The provider makes no KMS call for a kms_master_key_id. " +
      "rule (incl. apply_server_side_encryption_by_default, bucket_key_enabled, blocked_encryption_types) is the only in-place argument in v6.25.0: bucket and expected_bucket_owner force replacement there. " +
      "The snapshot read (2026) already has PR #46262 (Feb 2026): expected_bucket_owner deprecated and changed in place when set to the caller's account (that update calls PutBucketEncryption) - not in v6.25.0.",
  },
  {
    type: "aws_s3_bucket_public_access_block",
    source: {
      files: ["internal/service/s3/bucket_public_access_block.go"],
      commit: "ee797bc5f92b1e5e4dd790b0584c77596ddd3521",
    },
    create: ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
    read: ["s3:GetBucketPublicAccessBlock"],
    update: {
      block_public_acls: ["s3:PutBucketPublicAccessBlock"],
      block_public_policy: ["s3:PutBucketPublicAccessBlock"],
      ignore_public_acls: ["s3:PutBucketPublicAccessBlock"],
      restrict_public_buckets: ["s3:PutBucketPublicAccessBlock"],
      skip_destroy: ["s3:PutBucketPublicAccessBlock"],
    },
    delete: ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
    import: ["s3:GetBucketPublicAccessBlock"],
    notes:
      "SDK: PutPublicAccessBlock -> s3:PutBucketPublicAccessBlock; GetPublicAccessBlock -> s3:GetBucketPublicAccessBlock; DeletePublicAccessBlock -> s3:PutBucketPublicAccessBlock. " +
      "Create: Put (retried on NoSuchBucket), wait until Get finds it, Read. Update: one unconditional PutPublicAccessBlock with all four flags, whichever argument changed (so a skip_destroy-only change also calls it); no Read after update (eventual consistency workaround). " +
      "Delete: DeletePublicAccessBlock, then Get until not found; with skip_destroy=true (argument since v6.4.0) delete makes no call at all. bucket forces replacement.",
  },
  {
    type: "aws_s3_bucket_ownership_controls",
    source: {
      files: ["internal/service/s3/bucket_ownership_controls.go"],
      commit: "f128c8c71cd6b3318453e93eaf8d5cf78d0ce2d0",
    },
    create: ["s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls"],
    read: ["s3:GetBucketOwnershipControls"],
    update: {
      rule: ["s3:PutBucketOwnershipControls"],
    },
    delete: ["s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls"],
    import: ["s3:GetBucketOwnershipControls"],
    notes:
      "SDK: PutBucketOwnershipControls; GetBucketOwnershipControls (create waits until found, then Read); DeleteBucketOwnershipControls -> s3:PutBucketOwnershipControls (retried on OperationAborted), then Get until not found. " +
      "bucket forces replacement.",
  },
  {
    type: "aws_s3_bucket_logging",
    source: {
      files: ["internal/service/s3/bucket_logging.go"],
      commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
    },
    create: ["s3:PutBucketLogging", "s3:GetBucketLogging"],
    read: ["s3:GetBucketLogging"],
    update: {
      target_bucket: ["s3:PutBucketLogging"],
      target_prefix: ["s3:PutBucketLogging"],
      target_grant: ["s3:PutBucketLogging"],
      target_object_key_format: ["s3:PutBucketLogging"],
    },
    delete: ["s3:PutBucketLogging"],
    import: ["s3:GetBucketLogging"],
    notes:
      "SDK: PutBucketLogging (retried on NoSuchBucket), then GetBucketLogging until found, then Read; delete puts an empty BucketLoggingStatus. bucket forces replacement.",
  },
  {
    type: "aws_s3_bucket_versioning",
    source: {
      files: ["internal/service/s3/bucket_versioning.go"],
      commit: "ee797bc5f92b1e5e4dd790b0584c77596ddd3521",
    },
    create: ["s3:GetBucketVersioning", "s3:PutBucketVersioning"],
    read: ["s3:GetBucketVersioning"],
    update: {
      mfa: ["s3:PutBucketVersioning"],
      versioning_configuration: ["s3:PutBucketVersioning"],
    },
    delete: ["s3:PutBucketVersioning"],
    import: ["s3:GetBucketVersioning"],
    notes:
      "SDK: PutBucketVersioning; GetBucketVersioning (Read waits for a settled status, 3 consecutive answers). Create skips PutBucketVersioning when status is 'Disabled' (adoption of an unversioned bucket). " +
      "Delete suspends versioning with PutBucketVersioning (Status=Suspended), makes no call when status is 'Disabled', and tolerates an Object Lock configuration that forbids the change. " +
      "mfa/mfa_delete changes need the MFA token AWS checks on the request. bucket and (in v6.25.0) expected_bucket_owner force replacement; the 2026 snapshot read already has PR #46262 (expected_bucket_owner deprecated, in place when set to the caller's account) - not in v6.25.0.",
  },
  {
    type: "aws_s3_bucket_lifecycle_configuration",
    source: {
      files: ["internal/service/s3/bucket_lifecycle_configuration.go"],
      commit: "bc6ffa6bedf06ebf1813d2b5344a4ba1d8ed6c7e",
    },
    create: ["s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
    read: ["s3:GetLifecycleConfiguration"],
    update: {
      rule: ["s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
      transition_default_minimum_object_size: ["s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
    },
    delete: ["s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
    import: ["s3:GetLifecycleConfiguration"],
    notes:
      "Plugin-framework resource. SDK: PutBucketLifecycleConfiguration -> s3:PutLifecycleConfiguration (retried on NoSuchBucket); GetBucketLifecycleConfiguration -> s3:GetLifecycleConfiguration " +
      "(create and update wait until the returned rules equal the sent ones, 10 consecutive matches; Read re-polls for 2 min until stable); DeleteBucketLifecycle -> s3:PutLifecycleConfiguration, then Get until not found. " +
      "Update puts the whole configuration (rule + transition_default_minimum_object_size) whichever changed. bucket and expected_bucket_owner force replacement; timeouts changes make no call.",
  },
  {
    type: "aws_s3_bucket_policy",
    source: {
      files: ["internal/service/s3/bucket_policy.go"],
      commit: "53e740ca07f3dc82e6cacca2c312b0cc302654d1",
    },
    create: ["s3:GetBucketPolicy", "s3:PutBucketPolicy"],
    read: ["s3:GetBucketPolicy"],
    update: {
      policy: ["s3:PutBucketPolicy"],
    },
    delete: ["s3:DeleteBucketPolicy", "s3:GetBucketPolicy"],
    import: ["s3:GetBucketPolicy"],
    notes:
      "SDK: PutBucketPolicy (retried on MalformedPolicy/NoSuchBucket; create and update share the handler); create waits until GetBucketPolicy finds it, then Read; " +
      "DeleteBucketPolicy, then GetBucketPolicy until not found. Import is identity-based (@IdentityAttribute bucket), then Read. bucket forces replacement. " +
      "With block_public_policy on the bucket, AWS rejects a public policy (not a permission matter).",
  },
  {
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
];
