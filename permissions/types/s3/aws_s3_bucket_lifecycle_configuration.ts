import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketLifecycleConfiguration: TypePermissions = {
  ...bucketSetting("Expiry of old versions, assets and stale uploads", ["s3:GetLifecycleConfiguration"], ["s3:PutLifecycleConfiguration"]),
  calls: {
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
};
