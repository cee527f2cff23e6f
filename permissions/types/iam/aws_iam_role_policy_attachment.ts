import { ownRoleArns, withBoundary } from "./shared";
import { literalsOf } from "../../model";
import { TypePermissions } from "../types";

export const awsIamRolePolicyAttachment: TypePermissions = {
  purpose: "Attaches a managed policy to a role",
  arns: ownRoleArns,
  rules: [
    {
      phase: "create",
      actions: ["iam:AttachRolePolicy"],
      gate: { kind: "resource-tag" },
      // Only the policies the stack attaches, never AdministratorAccess.
      conditions: (instance, ctx) => ({
        ...withBoundary(instance, ctx),
        ArnEquals: { "iam:PolicyARN": literalsOf(ctx.model, "aws_iam_role_policy_attachment", "policy_arn") },
      }),
    },
    { phase: "read", actions: ["iam:ListAttachedRolePolicies"], gate: { kind: "name" } },
    { phase: "delete", actions: ["iam:DetachRolePolicy"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ instance }) => ({ "iam:PolicyARN": String(instance.attributes.policy_arn) }),
  calls: {
    type: "aws_iam_role_policy_attachment",
    source: {
      files: ["internal/service/iam/role_policy_attachment.go"],
      commit: "04c79849dbe7fbe76c3054b364357bcdaade9ac5",
    },
    create: ["iam:AttachRolePolicy", "iam:ListAttachedRolePolicies"],
    read: ["iam:ListAttachedRolePolicies"],
    update: {},
    delete: ["iam:DetachRolePolicy"],
    import: ["iam:ListAttachedRolePolicies"],
    notes:
      "Source: hashicorp/terraform-provider-aws@04c79849 is the stored hashicorp copy whose commit the index names (SDK v1 version). The 6.x text was read from the stored copies with header 'Copyright IBM Corp. 2014, 2025' (id 10922974798) and '2014, 2026' (id 5072580831); the index gives no commit for those. The IAM calls are the same in all of them. Create: attachPolicyToRole -> AttachRolePolicy (6.x retries on ConcurrentModification), then Read. Read: findAttachedRolePolicyByTwoPartKey pages ListAttachedRolePolicies for the role and filters by policy_arn (retried while the resource is new). No Update: role and policy_arn are ForceNew. Delete: detachPolicyFromRole -> DetachRolePolicy (retried on ConcurrentModification, NoSuchEntity ignored). Import: 6.x uses identity (@IdentityAttribute role, policy_arn; rolePolicyAttachmentImportID parses '<role>/<policy_arn>', no API call), then Read. No tags.",
  },
};
