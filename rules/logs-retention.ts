import { ResourceRule } from "./types";

export const LogsRetention: ResourceRule = {
  id: "LOGS-RETENTION",
  level: "error",
  finding: "Log group keeps logs forever (no retention)",
  fix: "Set retention_in_days (logs.retentionDays).",
  appliesTo: ["aws_cloudwatch_log_group"],
  check: (group) => (group.attributes.retention_in_days ? undefined : "retention_in_days not set"),
};
