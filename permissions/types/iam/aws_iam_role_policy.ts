import { ownRoleArns, withBoundary } from "./shared";
import { TypePermissions } from "../types";

export const awsIamRolePolicy: TypePermissions = {
  purpose: "A role's inline policy",
  arns: ownRoleArns,
  rules: [
    { phase: "create", actions: ["iam:PutRolePolicy"], gate: { kind: "resource-tag" }, conditions: withBoundary },
    { phase: "read", actions: ["iam:GetRolePolicy"], gate: { kind: "name" } },
    { phase: "delete", actions: ["iam:DeleteRolePolicy"], gate: { kind: "resource-tag" }, conditions: withBoundary },
  ],
  calls: {
    type: "aws_iam_role_policy",
    source: {
      files: ["internal/service/iam/role_policy.go"],
      commit: "49510fe15afe35f94cf4a1ef9d56ab12bcd13911",
    },
    create: ["iam:GetRolePolicy", "iam:PutRolePolicy"],
    read: ["iam:GetRolePolicy"],
    update: {
      policy: ["iam:PutRolePolicy"],
    },
    delete: ["iam:DeleteRolePolicy"],
    import: ["iam:GetRolePolicy"],
    notes:
      "Source: role_policy.go at commit 49510fe1 is the stored copy in the fork sushan-suresh/terraform-provider-aws (6.x, aws-sdk-go-v2, identity annotations, before the IBM header). Its calls are the same as the newest stored text (id 4616927945, header 'Copyright IBM Corp. 2014, 2026') and as hashicorp/terraform-provider-aws@02f97af85f89a04e8ed89f5e8b64a9a67f3cfe07 (older SDK v1 version). Create and Update are both resourceRolePolicyPut: PutRolePolicy (idempotent); on create, tfresource.RetryWhenNotFound polls GetRolePolicy (findRolePolicyByTwoPartKey) until the policy is visible, then Read (GetRolePolicy). Only `policy` can be updated (name, name_prefix, role are ForceNew). Delete: DeleteRolePolicy (NoSuchEntity ignored). Import: identity/ID handler (rolePolicyImportID parses '<role>:<name>', no API call), then Read. No tags.",
  },
};
