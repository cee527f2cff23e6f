import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketServerSideEncryptionConfiguration: TypePermissions = {
  ...bucketSetting("SSE-KMS with the bucket key", ["s3:GetEncryptionConfiguration"], ["s3:PutEncryptionConfiguration"]),
  calls: {
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
};
