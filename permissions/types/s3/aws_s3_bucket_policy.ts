import { bucketArns } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketPolicy: TypePermissions = {
  purpose: "TLS-only bucket policy",
  arns: bucketArns,
  rules: [
    { phase: "read", actions: ["s3:GetBucketPolicy"], gate: { kind: "name" } },
    { phase: "create", actions: ["s3:PutBucketPolicy"], gate: { kind: "name" } },
    { phase: "delete", actions: ["s3:DeleteBucketPolicy"], gate: { kind: "name" } },
  ],
  calls: {
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
};
