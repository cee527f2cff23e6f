/**
 * Calls the provider can make that the deployer is deliberately not given (or not given
 * in that phase), each with the reason. The provider-calls test fails for any other gap,
 * and for an entry here that the provider data no longer has.
 */
export interface AcceptedCallGap {
  readonly type: string;
  /** The operations it concerns (`create`, `update tags`, ...), or every one. */
  readonly operations: readonly string[] | "*";
  readonly action: string;
  readonly reason: string;
}

const INLINE_RULES = "only for inline ingress/egress blocks; the stacks write each rule as its own resource (aws_vpc_security_group_*_rule)";
const ROLE_INLINE =
  "only with inline_policy or managed_policy_arns (and the rollback of a failed create), which the stacks never set: policies are their own resources";

export const ACCEPTED_CALL_GAPS: readonly AcceptedCallGap[] = [
  {
    type: "aws_default_security_group",
    operations: ["create"],
    action: "ec2:AuthorizeSecurityGroupIngress",
    reason: "the stacks give the default group no rules: it is adopted only to remove them",
  },
  {
    type: "aws_default_security_group",
    operations: ["create"],
    action: "ec2:AuthorizeSecurityGroupEgress",
    reason: "the stacks give the default group no rules: it is adopted only to remove them",
  },
  { type: "aws_security_group", operations: ["create"], action: "ec2:AuthorizeSecurityGroupIngress", reason: INLINE_RULES },
  { type: "aws_security_group", operations: ["create"], action: "ec2:AuthorizeSecurityGroupEgress", reason: INLINE_RULES },
  {
    type: "aws_security_group",
    operations: ["delete"],
    action: "ec2:DetachNetworkInterface",
    reason:
      "only for interfaces Lambda, DMS or Comprehend left in the group; nothing of the kind runs in the stacks' groups, and detaching would reach interfaces the stack does not own",
  },
  {
    type: "aws_security_group",
    operations: ["delete"],
    action: "ec2:DeleteNetworkInterface",
    reason:
      "only for interfaces Lambda, DMS or Comprehend left in the group; nothing of the kind runs in the stacks' groups, and deleting would reach interfaces the stack does not own",
  },
  {
    type: "aws_instance",
    operations: ["update vpc_security_group_ids"],
    action: "ec2:ModifyNetworkInterfaceAttribute",
    reason:
      "the bastion's only group is the stack's own, created with it; changing groups in place acts on its untagged interface, and allowing that would reach every interface of the account",
  },
  { type: "aws_iam_role", operations: ["create", "update inline_policy"], action: "iam:PutRolePolicy", reason: ROLE_INLINE },
  { type: "aws_iam_role", operations: ["create", "update managed_policy_arns"], action: "iam:AttachRolePolicy", reason: ROLE_INLINE },
  { type: "aws_iam_role", operations: ["create", "delete", "update managed_policy_arns"], action: "iam:DetachRolePolicy", reason: ROLE_INLINE },
  { type: "aws_iam_role", operations: ["create", "delete", "update inline_policy"], action: "iam:DeleteRolePolicy", reason: ROLE_INLINE },
  { type: "aws_iam_role", operations: ["create"], action: "iam:GetRolePolicy", reason: ROLE_INLINE },
  { type: "aws_iam_role", operations: ["create"], action: "iam:RemoveRoleFromInstanceProfile", reason: "the rollback of a failed create only" },
  {
    type: "aws_iam_role",
    operations: ["create"],
    action: "iam:DeleteRole",
    reason: "the rollback of a failed create only; staging keeps its no-delete promise and leaves such a role for an administrator",
  },
  {
    type: "aws_iam_role",
    operations: ["update permissions_boundary"],
    action: "iam:DeleteRolePermissionsBoundary",
    reason: "removing a role's boundary is denied by design (DenyRemovingBoundary): every role keeps one",
  },
  {
    type: "aws_iam_instance_profile",
    operations: ["create", "read", "import"],
    action: "iam:RemoveRoleFromInstanceProfile",
    reason: "called by a read only when the profile's role was deleted outside Terraform; in staging that cleanup is left to an administrator",
  },
  {
    type: "aws_eks_addon",
    operations: ["create", "read", "import"],
    action: "eks:DescribePodIdentityAssociation",
    reason: "called only for add-ons with pod_identity_association, which the stacks do not set (the drivers use IRSA roles)",
  },
  {
    type: "aws_eks_cluster",
    operations: ["update encryption_config"],
    action: "eks:AssociateEncryptionConfig",
    reason: "called only to add encryption to a cluster created without it; every cluster of the stacks is created with secrets encryption",
  },
  {
    type: "aws_kms_key",
    operations: ["create"],
    action: "kms:DisableKey",
    reason: "called only with is_enabled = false; the stacks' keys are created enabled",
  },
  {
    type: "aws_kms_key",
    operations: ["update enable_key_rotation"],
    action: "kms:DisableKeyRotation",
    reason: "the rule pack requires rotation on every key (KMS-ROTATION); turning it off fails synth first",
  },
  {
    type: "aws_route_table",
    operations: ["create"],
    action: "ec2:CreateRoute",
    reason: "only for inline route blocks; the stacks write each route as aws_route, whose entry grants it",
  },
  {
    type: "aws_internet_gateway",
    operations: ["update vpc_id"],
    action: "ec2:DetachInternetGateway",
    reason: "moving the gateway means a new VPC, which only a deployer that may delete (not staging's) ever makes",
  },
];
