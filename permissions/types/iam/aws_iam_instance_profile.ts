import { instanceProfileArns, passRole, roleArns } from "./shared";
import { TypePermissions } from "../types";

export const awsIamInstanceProfile: TypePermissions = {
  purpose: "Instance profiles of the bastion and Karpenter's nodes",
  arns: instanceProfileArns,
  rules: [
    { phase: "create", actions: ["iam:CreateInstanceProfile", "iam:TagInstanceProfile"], gate: { kind: "request-tag" } },
    // Adding the role to the profile passes it (to EC2, which the profile is for).
    passRole("create", "role", ["ec2.amazonaws.com"]),
    { phase: "read", actions: ["iam:GetInstanceProfile"], gate: { kind: "name" } },
    // Reading a profile reads its role too.
    { phase: "read", actions: ["iam:GetRole"], gate: { kind: "name" }, resources: roleArns },
    // Changing the profile's role removes the old one first.
    {
      phase: "update",
      actions: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
      gate: { kind: "resource-tag" },
    },
    { phase: "delete", actions: ["iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ action }) => (action === "iam:PassRole" ? { "iam:PassedToService": "ec2.amazonaws.com" } : undefined),
  calls: {
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
    // AddRoleToInstanceProfile passes the role (IAM's API reference: the caller needs iam:PassRole on it).
    authorizedAlso: { create: [{ action: "iam:PassRole", whenSet: "role" }], update: { role: ["iam:PassRole"] } },
    notes:
      "Source: hashicorp/terraform-provider-aws instance_profile.go@013f1736 (header 'Copyright IBM Corp. 2014, 2026', aws-sdk-go-v2); tags.go@0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (instanceProfileCreateTags/instanceProfileUpdateTags); findRoleByName from role.go (GetRole). " +
      "Create: CreateInstanceProfile with Tags; if the partition rejects tag-on-create it is retried without Tags and iam:TagInstanceProfile is then called via instanceProfileCreateTags (IAM itself requires iam:TagInstanceProfile to pass Tags on create). Then tfresource.RetryWhenNotFound polls GetInstanceProfile; if `role` is set, AddRoleToInstanceProfile (retried on eventual-consistency errors); waitInstanceProfileReady polls GetInstanceProfile until the ARN parses; then Read. " +
      "Read: GetInstanceProfile (findInstanceProfileByName); if a role is attached, GetRole (findRoleByName) and, if that role no longer exists (NoSuchEntity), RemoveRoleFromInstanceProfile before returning an error. Tags come from GetInstanceProfile (setTagsOut); ListInstanceProfileTags is not on this path. " +
      "Update: role change -> RemoveRoleFromInstanceProfile (old, if any) and AddRoleToInstanceProfile (new, if any); tags -> tagging interceptor (resourceType 'InstanceProfile', identifier id = name): UntagInstanceProfile/TagInstanceProfile. The Update handler always runs waitInstanceProfileReady (GetInstanceProfile), which is why GetInstanceProfile is in both update lists, and ends with Read. name/name_prefix/path are ForceNew. " +
      "Delete: RemoveRoleFromInstanceProfile if `role` is set (NoSuchEntity ignored), then DeleteInstanceProfile. Import: ImportStatePassthroughContext (no API call), then Read.",
  },
  acceptedGaps: [
    {
      operations: ["create", "read", "import"],
      action: "iam:RemoveRoleFromInstanceProfile",
      reason: "called by a read only when the profile's role was deleted outside Terraform; in staging that cleanup is left to an administrator",
    },
  ],
};
