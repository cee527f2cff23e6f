import { bucketArns } from "./shared";
import { TypePermissions } from "../types";

export const awsS3Bucket: TypePermissions = {
  purpose: "Buckets (data, assets, state)",
  arns: bucketArns,
  rules: [
    // Provider 6 sends the tags in CreateBucket, so the request tag gates it, and it tags with s3:TagResource.
    { phase: "create", actions: ["s3:CreateBucket", "s3:TagResource"], gate: { kind: "request-tag" } },
    {
      phase: "read",
      actions: [
        "s3:ListBucket",
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
    // Tags change through S3 Control's tagging API (the bucket-tagging fallback runs only when that is refused).
    { phase: "update", actions: ["s3:TagResource", "s3:UntagResource"], gate: { kind: "name" } },
    { phase: "delete", actions: ["s3:DeleteBucket"], gate: { kind: "name" } },
  ],
  calls: {
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
};
