import { ResourceRule } from "./types";

export const IamPermissionsBoundary: ResourceRule = {
  id: "IAM-PERMISSIONS-BOUNDARY",
  level: "error",
  finding: "IAM role lacks the configured permissions boundary",
  fix: "Create roles through Role / WorkloadIdentityRole in a vendor stack: the stack puts each under the configured boundary, or its own generated one.",
  appliesTo: ["aws_iam_role"],
  check(role, stack) {
    const boundary = stack.context.permissionsBoundaryArn;
    if (!boundary) return undefined;
    const expected = typeof boundary === "string" ? boundary : boundary(String(role.attributes.name));
    const actual = role.attributes.permissions_boundary;
    return actual === expected ? undefined : actual ? `boundary ${actual}, not ${expected}` : "no permissions boundary";
  },
};
