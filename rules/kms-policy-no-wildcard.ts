import { list, principalsOf, statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const KmsPolicyNoWildcard: ResourceRule = {
  id: "KMS-POLICY-NO-WILDCARD",
  level: "error",
  finding: "KMS key policy grants kms:* to a principal other than the account root",
  fix: "Keep kms:* for the account root (which delegates to IAM) and grant named principals only the actions they use.",
  appliesTo: ["aws_kms_key"],
  check(key) {
    const bad = statementsOf(key.attributes.policy).find(
      (s) =>
        s.Effect === "Allow" &&
        list(s.Action).some((a) => a === "*" || a === "kms:*") &&
        principalsOf(s).some((p) => !/^arn:aws(-us-gov)?:iam::\d{12}:root$/.test(p)),
    );
    return bad ? `statement ${bad.Sid ?? "(no Sid)"} grants kms:* to ${principalsOf(bad).join(", ")}` : undefined;
  },
};
