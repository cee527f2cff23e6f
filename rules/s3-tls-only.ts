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
      // Every request of everyone: a deny of some actions, or of one principal, leaves the rest open over plain HTTP.
      .some(
        (s) =>
          s.Effect === "Deny" &&
          String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false" &&
          [s.Action].flat().some((a) => a === "s3:*" || a === "*") &&
          (s.Principal === "*" || [(s.Principal as { AWS?: unknown } | undefined)?.AWS].flat().includes("*")),
      );
    return denies ? undefined : policies.length ? "its policy has no deny of s3:* to everyone on aws:SecureTransport false" : "no bucket policy";
  },
};
