import { statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const SqsEncryptionTls: ResourceRule = {
  id: "SQS-ENCRYPTION-TLS",
  level: "error",
  finding: "SQS queue is unencrypted or accepts requests without TLS",
  fix: "Set sqs_managed_sse_enabled (or a KMS key) and a queue policy denying sqs:* when aws:SecureTransport is false.",
  appliesTo: ["aws_sqs_queue"],
  check(queue, stack) {
    const a = queue.attributes;
    if (!a.sqs_managed_sse_enabled && !a.kms_master_key_id) return "no server-side encryption";
    const tls = stack
      .referring("aws_sqs_queue_policy", "queue_url", queue!)
      .flatMap((p) => statementsOf(p.attributes.policy))
      .some((s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
    return tls ? undefined : "no policy denying non-TLS requests";
  },
};
