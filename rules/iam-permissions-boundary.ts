import { Rule } from "./types";

export const IamPermissionsBoundary: Rule = {
  id: "IAM-PERMISSIONS-BOUNDARY",
  level: "error",
  finding: "IAM role lacks the configured permissions boundary",
  fix: "Create roles through Role / WorkloadIdentityRole with the environment's permissionsBoundaryArn.",
  appliesTo: ["aws_iam_role"],
  check(role, stack) {
    const expected = stack.context.permissionsBoundaryArn;
    if (!expected) return undefined;
    const actual = role!.attributes.permissions_boundary;
    return actual === expected ? undefined : actual ? `boundary ${actual}, not ${expected}` : "no permissions boundary";
  },
};
