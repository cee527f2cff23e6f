import { list, statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const IamNoWildcardActions: ResourceRule = {
  id: "IAM-NO-WILDCARD-ACTIONS",
  level: "error",
  finding: 'IAM policy allows Action "*" or "<service>:*"',
  fix: "Name the actions the principal needs; a documented exception needs a suppression with its reason.",
  appliesTo: ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"],
  check(resource) {
    // Roles may carry inline_policy blocks; the policy resources carry `policy`.
    const documents =
      resource.type === "aws_iam_role"
        ? ([] as Array<{ policy?: string }>).concat(resource.attributes.inline_policy ?? []).map((p) => p.policy)
        : [resource.attributes.policy];
    for (const s of documents.flatMap(statementsOf)) {
      if (s.Effect !== "Allow") continue;
      // Allow with NotAction grants everything but the listed actions.
      if (s.NotAction) return `statement ${s.Sid ?? "(no Sid)"} allows everything but ${list(s.NotAction).join(", ")} (NotAction)`;
      const wide = list(s.Action).filter((a) => a === "*" || /^[\w-]+:\*$/.test(a));
      if (wide.length) return `statement ${s.Sid ?? "(no Sid)"} allows ${wide.join(", ")}`;
    }
    return undefined;
  },
};
