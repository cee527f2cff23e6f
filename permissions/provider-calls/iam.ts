import { ProviderCalls } from "./types";

/**
 * IAM actions terraform-provider-aws (6.x, around 6.25.0) calls for the IAM types this
 * project uses, read from internal/service/iam/*.go. SDK calls map 1:1 to IAM actions
 * (conn.GetRole -> iam:GetRole; paginators such as NewListRolePoliciesPaginator call
 * iam:ListRolePolicies). Create and Update end by calling Read, so the create arrays
 * include the Read calls; the per-argument update lists hold only what that argument's
 * change calls (the tail Read adds the `read` actions).
 *
 * Tags: these resources use the provider's transparent tagging (`@Tags(...)`). Tags go in
 * the Create call's `Tags`; if the partition rejects tag-on-create
 * (errs.IsUnsupportedOperationInPartitionError), Create is retried without tags and the tags
 * are then applied separately (roleCreateTags / instanceProfileCreateTags /
 * openIDConnectProviderCreateTags in tags.go, which call the Tag* action only). Tag changes
 * are applied by the tagging interceptor before the Update handler via updateTags ->
 * roleUpdateTags / instanceProfileUpdateTags / openIDConnectProviderUpdateTags
 * (Untag* for removed keys, Tag* for added/changed keys). Read sets tags from the Get*
 * response (setTagsOut), so the interceptor's ListRoleTags / ListInstanceProfileTags /
 * ListOpenIDConnectProviderTags fallback (only used when Read did not set tags) is not
 * on these resources' normal path.
 */
export const iamCalls: ProviderCalls[] = [
  {
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
  {
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
  {
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
  {
    type: "aws_iam_instance_profile",
    source: {
      files: ["internal/service/iam/instance_profile.go", "internal/service/iam/role.go", "internal/service/iam/tags.go"],
      commit: "013f1736b90439e5a19567a87d3e5cd11858c420",
    },
    create: [
      "iam:AddRoleToInstanceProfile",
      "iam:CreateInstanceProfile",
      "iam:GetInstanceProfile",
      "iam:GetRole",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
    ],
    read: ["iam:GetInstanceProfile", "iam:GetRole", "iam:RemoveRoleFromInstanceProfile"],
    update: {
      role: ["iam:AddRoleToInstanceProfile", "iam:GetInstanceProfile", "iam:RemoveRoleFromInstanceProfile"],
      tags: ["iam:GetInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
    },
    delete: ["iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile"],
    import: ["iam:GetInstanceProfile", "iam:GetRole", "iam:RemoveRoleFromInstanceProfile"],
    notes:
      "Source: hashicorp/terraform-provider-aws instance_profile.go@013f1736 (header 'Copyright IBM Corp. 2014, 2026', aws-sdk-go-v2); tags.go@0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (instanceProfileCreateTags/instanceProfileUpdateTags); findRoleByName from role.go (GetRole). " +
      "Create: CreateInstanceProfile with Tags; if the partition rejects tag-on-create it is retried without Tags and iam:TagInstanceProfile is then called via instanceProfileCreateTags (IAM itself requires iam:TagInstanceProfile to pass Tags on create). Then tfresource.RetryWhenNotFound polls GetInstanceProfile; if `role` is set, AddRoleToInstanceProfile (retried on eventual-consistency errors); waitInstanceProfileReady polls GetInstanceProfile until the ARN parses; then Read. " +
      "Read: GetInstanceProfile (findInstanceProfileByName); if a role is attached, GetRole (findRoleByName) and, if that role no longer exists (NoSuchEntity), RemoveRoleFromInstanceProfile before returning an error. Tags come from GetInstanceProfile (setTagsOut); ListInstanceProfileTags is not on this path. " +
      "Update: role change -> RemoveRoleFromInstanceProfile (old, if any) and AddRoleToInstanceProfile (new, if any); tags -> tagging interceptor (resourceType 'InstanceProfile', identifier id = name): UntagInstanceProfile/TagInstanceProfile. The Update handler always runs waitInstanceProfileReady (GetInstanceProfile), which is why GetInstanceProfile is in both update lists, and ends with Read. name/name_prefix/path are ForceNew. " +
      "Delete: RemoveRoleFromInstanceProfile if `role` is set (NoSuchEntity ignored), then DeleteInstanceProfile. Import: ImportStatePassthroughContext (no API call), then Read.",
  },
  {
    type: "aws_iam_openid_connect_provider",
    source: {
      files: ["internal/service/iam/openid_connect_provider.go", "internal/service/iam/tags.go"],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: ["iam:CreateOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"],
    read: ["iam:GetOpenIDConnectProvider"],
    update: {
      client_id_list: ["iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider"],
      tags: ["iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider"],
      thumbprint_list: ["iam:UpdateOpenIDConnectProviderThumbprint"],
    },
    delete: ["iam:DeleteOpenIDConnectProvider"],
    import: ["iam:GetOpenIDConnectProvider"],
    notes:
      "Source: hashicorp/terraform-provider-aws openid_connect_provider.go@01606926 (6.x, aws-sdk-go-v2, @ArnIdentity, preIdentityVersion v6.4.0; header still 'Copyright (c) HashiCorp, Inc.', so slightly older than 6.25.0); tags.go@0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (openIDConnectProviderCreateTags/openIDConnectProviderUpdateTags). " +
      "Create: CreateOpenIDConnectProvider with Url, ClientIDList, ThumbprintList (if set) and Tags; if the partition rejects tag-on-create it is retried without Tags and iam:TagOpenIDConnectProvider is then called via openIDConnectProviderCreateTags (IAM itself requires iam:TagOpenIDConnectProvider to pass Tags on create); then Read. " +
      "Read: GetOpenIDConnectProvider (findOpenIDConnectProviderByARN); tags come from the response (setTagsOut), so ListOpenIDConnectProviderTags is not on this path. " +
      "Update: thumbprint_list -> UpdateOpenIDConnectProviderThumbprint, only when the new list is non-empty (clearing it makes no call; issue #40509); client_id_list (a set, not ForceNew) -> AddClientIDToOpenIDConnectProvider for each added ID, RemoveClientIDFromOpenIDConnectProvider for each removed ID; tags -> tagging interceptor (resourceType 'OIDCProvider', identifier arn): UntagOpenIDConnectProvider/TagOpenIDConnectProvider. url is ForceNew. Update ends with Read. " +
      "Delete: DeleteOpenIDConnectProvider (NoSuchEntity ignored). Import: ARN identity import (no Importer function, no API call), then Read.",
  },
];
