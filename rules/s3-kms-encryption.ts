import { ResourceRule } from "./types";

export const S3KmsEncryption: ResourceRule = {
  id: "S3-KMS-ENCRYPTION",
  level: "error",
  finding: "S3 bucket is not encrypted with KMS by default",
  fix: "Give the bucket an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms and a customer key (EncryptedBucket does).",
  appliesTo: ["aws_s3_bucket"],
  check(bucket, stack) {
    const configs = stack.referring("aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket!);
    const kms = configs.some((c) =>
      ([] as any[]).concat(c.attributes.rule ?? []).some((r) => r.apply_server_side_encryption_by_default?.sse_algorithm === "aws:kms"),
    );
    return kms ? undefined : configs.length ? "its default encryption is not aws:kms" : "no server-side encryption configuration";
  },
};
