import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketVersioning: TypePermissions = {
  ...bucketSetting("Versioning where data lives", ["s3:GetBucketVersioning"], ["s3:PutBucketVersioning"]),
  calls: {
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
};
