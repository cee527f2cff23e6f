import { ResourceRule } from "./types";

export const KmsDeletionWindow: ResourceRule = {
  id: "KMS-DELETION-WINDOW",
  level: "error",
  finding: "KMS key can be deleted with less than a week's notice",
  fix: "Set deletion_window_in_days to 7-30 (KmsKey uses 30).",
  appliesTo: ["aws_kms_key"],
  check(key) {
    const days = key.attributes.deletion_window_in_days;
    // Left out, AWS waits 30 days.
    return days === undefined || days >= 7 ? undefined : `deletion_window_in_days is ${days}`;
  },
};
