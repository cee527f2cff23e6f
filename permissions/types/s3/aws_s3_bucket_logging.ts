import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketLogging: TypePermissions = {
  ...bucketSetting("Server access logs of a bucket into its log bucket", ["s3:GetBucketLogging"], ["s3:PutBucketLogging"]),
  calls: {
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
};
