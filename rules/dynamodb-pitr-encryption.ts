import { ResourceRule } from "./types";

export const DynamodbPitrEncryption: ResourceRule = {
  id: "DYNAMODB-PITR-ENCRYPTION",
  level: "error",
  finding: "DynamoDB table lacks point-in-time recovery or customer-managed encryption",
  fix: "Set point_in_time_recovery.enabled and server_side_encryption.enabled (with a KMS key).",
  appliesTo: ["aws_dynamodb_table"],
  check(table) {
    const a = table.attributes;
    const problems = [
      a.point_in_time_recovery?.enabled !== true && "no point-in-time recovery",
      a.server_side_encryption?.enabled !== true && "no server-side encryption with KMS",
    ].filter(Boolean);
    return problems.length ? problems.join(", ") : undefined;
  },
};
