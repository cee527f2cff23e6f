import { instanceProfileArns, roleArns, sessionPinnedByBoundary, withBoundary } from "./shared";
import { iamArn } from "../../../lib/arn";
import { isLiteral, referencedInstance } from "../../model";
import { TypePermissions } from "../types";

const ROLE_INLINE =
  "only with inline_policy or managed_policy_arns (and the rollback of a failed create), which the stacks never set: policies are their own resources";

export const awsIamRole: TypePermissions = {
  purpose: "Roles of the control plane, nodes, drivers and workloads",
  arns: (instance, ctx) => (isLiteral(instance.attributes.name) ? [iamArn(ctx, `role/${instance.attributes.name}`)] : roleArns(instance, ctx)),
  rules: [
    { phase: "create", actions: ["iam:CreateRole"], gate: { kind: "request-tag" }, conditions: withBoundary },
    { phase: "create", actions: ["iam:TagRole"], gate: { kind: "request-tag" } },
    {
      phase: "read",
      actions: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"],
      gate: { kind: "name" },
    },
    { phase: "update", actions: ["iam:UpdateRole", "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole"], gate: { kind: "resource-tag" } },
    // A new trust only for roles whose generated boundary pins their sessions to the stack (IRSA, instance
    // profiles): a trust naming anyone else hands out sessions the boundary denies everything.
    { phase: "update", actions: ["iam:UpdateAssumeRolePolicy"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["iam:PutRolePermissionsBoundary"], gate: { kind: "resource-tag" }, conditions: withBoundary },
    { phase: "delete", actions: ["iam:DeleteRole"], gate: { kind: "resource-tag" } },
    // Deleting a role first takes it out of any instance profile still holding it.
    { phase: "delete", actions: ["iam:RemoveRoleFromInstanceProfile"], gate: { kind: "resource-tag" }, resources: instanceProfileArns },
  ],
  // A role is created with its boundary (CreateRole's PermissionsBoundary); removing it from a profile acts on the profile.
  requestContext: ({ instance, action }) =>
    action === "iam:CreateRole" && isLiteral(instance.attributes.permissions_boundary)
      ? { "iam:PermissionsBoundary": instance.attributes.permissions_boundary }
      : undefined,
  callTargets: ({ instance, ctx, action }) =>
    action === "iam:RemoveRoleFromInstanceProfile"
      ? ctx.model.instances.filter(
          (i) => i.type === "aws_iam_instance_profile" && referencedInstance(ctx.model, i.attributes.role, "aws_iam_role") === instance,
        )
      : [],
  calls: {
    type: "aws_iam_role",
    source: {
      files: [
        "internal/service/iam/role.go",
        "internal/service/iam/tags.go",
        "internal/service/iam/role_policy_attachment.go",
        "internal/service/iam/instance_profiles_data_source.go",
      ],
      commit: "04d4941274692c63df52ce0b58f6e94e77598810",
    },
    create: [
      "iam:AttachRolePolicy",
      "iam:CreateRole",
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListRolePolicies",
      "iam:PutRolePolicy",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagRole",
    ],
    read: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
    update: {
      assume_role_policy: ["iam:UpdateAssumeRolePolicy"],
      description: ["iam:UpdateRoleDescription"],
      force_detach_policies: [],
      inline_policy: ["iam:DeleteRolePolicy", "iam:PutRolePolicy"],
      managed_policy_arns: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      max_session_duration: ["iam:UpdateRole"],
      permissions_boundary: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      tags: ["iam:TagRole", "iam:UntagRole"],
    },
    delete: [
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListRolePolicies",
      "iam:RemoveRoleFromInstanceProfile",
    ],
    import: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
    notes:
      "Source: role.go at commit 04d49412 is the stored copy in the upstream mirror zongruxie4/terraform-provider-aws (header 'Copyright IBM Corp. 2014, 2026', aws-sdk-go-v2); the hashicorp/terraform-provider-aws copies of role.go whose commit the index names are older (aws-sdk-go v1). The CRUD code is the same as Jinn-Niam/terraform-provider-aws@3d03644c670013342db98e24e13dd3d021fd04b6 (late 2025, before the IBM header) and the newest stored text (id 4782037191), so 6.25.0, which falls between them, has the same calls. Helpers: tags.go hashicorp@0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (roleCreateTags/roleUpdateTags); attachPolicyToRole in role_policy_attachment.go (AttachRolePolicy, retried on ConcurrentModification); findInstanceProfilesForRole in instance_profiles_data_source.go (ListInstanceProfilesForRole). " +
      "Create: CreateRole via retryCreateRole (retried on MalformedPolicyDocument 'Invalid principal in policy' and ConcurrentModification) with Tags = default+resource tags; if the partition does not support tag-on-create, CreateRole is retried without Tags and iam:TagRole is then called via roleCreateTags (error ignored when only default tags are set). Outside that fallback the code makes no separate TagRole call, but IAM itself requires iam:TagRole to pass Tags on CreateRole. inline_policy -> PutRolePolicy per policy; managed_policy_arns -> AttachRolePolicy per ARN. If an inline PutRolePolicy fails, create rolls back with deleteRole(force=true): ListInstanceProfilesForRole, RemoveRoleFromInstanceProfile, ListAttachedRolePolicies, DetachRolePolicy, ListRolePolicies, DeleteRolePolicy, DeleteRole (these are why the create list has delete actions). Create ends with Read. " +
      "Read: GetRole (findRoleByName, retried while new; waitRoleARNIsNotUniqueID polls GetRole until the ARN is a real ARN), ListRolePolicies + GetRolePolicy per name (inline_policy, deprecated but still read), ListAttachedRolePolicies (managed_policy_arns). Tags come from GetRole (setTagsOut), so ListRoleTags (roleTags) is not called on this path. " +
      "Update: permissions_boundary set -> PutRolePermissionsBoundary, cleared -> DeleteRolePermissionsBoundary; UpdateAssumeRolePolicy is retried on 'Invalid principal in policy'; inline_policy removes with DeleteRolePolicy and adds with PutRolePolicy; managed_policy_arns detaches removed ARNs with DetachRolePolicy and attaches added ones with AttachRolePolicy; tags go through the tagging interceptor (updateTags resourceType 'Role' -> roleUpdateTags: UntagRole/TagRole, identifier = name). force_detach_policies can be updated but only changes state (no API call); it changes what delete does. name/name_prefix/path are ForceNew. Every update ends with Read. " +
      "Delete (deleteRole): always ListInstanceProfilesForRole + RemoveRoleFromInstanceProfile for each profile; if force_detach_policies or managed_policy_arns is non-empty: ListAttachedRolePolicies + DetachRolePolicy each; if force_detach_policies or inline_policy is non-empty: ListRolePolicies + DeleteRolePolicy each; then DeleteRole (retried on DeleteConflict, NoSuchEntity ignored). " +
      "Import: identity-based importer (@IdentityAttribute name, @CustomImport: importer.Import then sets force_detach_policies=false) makes no API call; the Read that follows makes the listed calls.",
  },
  acceptedGaps: [
    {
      operations: ["update assume_role_policy"],
      action: "iam:UpdateAssumeRolePolicy",
      when: (role) => !sessionPinnedByBoundary(role),
      reason:
        "a service or Pod Identity role's sessions carry nothing its boundary could pin to the stack, and a boundary the config names " +
        "is the user's and pins nothing, so such a role's trust is written once, " +
        "at create; the code never changes it (a change is the role's replacement, which staging's deployer cannot make)",
    },
    { operations: ["create", "update inline_policy"], action: "iam:PutRolePolicy", reason: ROLE_INLINE },
    { operations: ["create", "update managed_policy_arns"], action: "iam:AttachRolePolicy", reason: ROLE_INLINE },
    { operations: ["create", "delete", "update managed_policy_arns"], action: "iam:DetachRolePolicy", reason: ROLE_INLINE },
    { operations: ["create", "delete", "update inline_policy"], action: "iam:DeleteRolePolicy", reason: ROLE_INLINE },
    { operations: ["create"], action: "iam:GetRolePolicy", reason: ROLE_INLINE },
    { operations: ["create"], action: "iam:RemoveRoleFromInstanceProfile", reason: "the rollback of a failed create only" },
    {
      operations: ["create"],
      action: "iam:DeleteRole",
      reason: "the rollback of a failed create only; staging keeps its no-delete promise and leaves such a role for an administrator",
    },
    {
      operations: ["update permissions_boundary"],
      action: "iam:DeleteRolePermissionsBoundary",
      reason: "removing a role's boundary is denied by design (DenyRemovingBoundary): every role keeps one",
    },
  ],
};
