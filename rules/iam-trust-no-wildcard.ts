import { principalsOf, statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const IamTrustNoWildcard: ResourceRule = {
  id: "IAM-TRUST-NO-WILDCARD",
  level: "error",
  finding: 'IAM trust policy lets principal "*" assume the role without a condition',
  fix: "Name the principals, or add conditions that pin who may assume the role.",
  appliesTo: ["aws_iam_role"],
  check(role) {
    const bad = statementsOf(role.attributes.assume_role_policy).find((s) => s.Effect === "Allow" && principalsOf(s).includes("*") && !s.Condition);
    return bad ? `statement ${bad.Sid ?? "(no Sid)"}` : undefined;
  },
};
