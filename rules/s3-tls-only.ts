import { statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const S3TlsOnly: ResourceRule = {
  id: "S3-TLS-ONLY",
  level: "error",
  finding: "S3 bucket policy does not refuse requests without TLS",
  fix: 'Add a bucket policy statement denying s3:* when aws:SecureTransport is "false" (EncryptedBucket does).',
  appliesTo: ["aws_s3_bucket"],
  check(bucket, stack) {
    const policies = stack.referring("aws_s3_bucket_policy", "bucket", bucket!);
    const denies = policies
      .flatMap((p) => statementsOf(p.attributes.policy))
      .some((s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
    return denies ? undefined : policies.length ? "its policy has no deny on aws:SecureTransport false" : "no bucket policy";
  },
};
