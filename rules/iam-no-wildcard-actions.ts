import { list, statementsOf } from "./policy-helpers";
import { Rule } from "./types";

export const IamNoWildcardActions: Rule = {
  id: "IAM-NO-WILDCARD-ACTIONS",
  level: "error",
  finding: 'IAM policy allows Action "*" or "<service>:*"',
  fix: "Name the actions the principal needs; a documented exception needs a suppression with its reason.",
  appliesTo: ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"],
  check(policy) {
    const bad = statementsOf(policy!.attributes.policy).find((s) => s.Effect === "Allow" && list(s.Action).some((a) => a === "*" || /^[\w-]+:\*$/.test(a)));
    return bad ? `statement ${bad.Sid ?? "(no Sid)"} allows ${list(bad.Action).filter((a) => a === "*" || /:\*$/.test(a)).join(", ")}` : undefined;
  },
};
