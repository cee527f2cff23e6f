import { ResourceRule } from "./types";

export const KmsRotation: ResourceRule = {
  id: "KMS-ROTATION",
  level: "error",
  finding: "KMS key does not rotate",
  fix: "Set enable_key_rotation = true (KmsKey does).",
  appliesTo: ["aws_kms_key"],
  check: (key) => (key.attributes.enable_key_rotation === true ? undefined : "enable_key_rotation is not true"),
};
