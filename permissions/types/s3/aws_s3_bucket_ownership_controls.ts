import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketOwnershipControls: TypePermissions = {
  ...bucketSetting("Bucket owner enforced (no ACLs)", ["s3:GetBucketOwnershipControls"], ["s3:PutBucketOwnershipControls"]),
  calls: {
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
};
