import { EC2_DESCRIBE_REASON } from "../shared";
import { ec2Arn } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { TypePermissions } from "../types";

export const awsDefaultSecurityGroup: TypePermissions = {
  purpose: "The VPC's default security group, stripped of its rules",
  arns: (_, ctx) => [ec2Arn(ctx, "security-group")],
  rules: [
    {
      phase: "create",
      actions: ["ec2:CreateTags"],
      gate: {
        kind: "adopt",
        reason: "AWS creates a VPC's default security group without tags; the stack tags it (only with its own tag keys) before removing its rules",
      },
      // Only the group of the stack's own VPC, once the provisioner has read its id from the stack's state.
      conditions: (_, ctx): PolicyConditions => (ctx.deployed?.vpcId ? { ArnLike: { "ec2:Vpc": ec2Arn(ctx, "vpc", ctx.deployed.vpcId) } } : {}),
    },
    { phase: "create", actions: ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"], gate: { kind: "resource-tag" } },
    {
      phase: "read",
      actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
      gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
    },
    // Day 2: a dropped tag on the group (once adopted, it carries the stack's tags).
    { phase: "update", actions: ["ec2:CreateTags", "ec2:DeleteTags"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_default_security_group",
    source: {
      files: ["internal/service/ec2/vpc_default_security_group.go", "internal/service/ec2/vpc_security_group.go", "internal/service/ec2/find.go"],
      commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
    },
    create: [
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateTags",
      "ec2:DeleteTags",
      "ec2:DescribeSecurityGroupRules",
      "ec2:DescribeSecurityGroups",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
    ],
    read: ["ec2:DescribeSecurityGroups"],
    update: {
      egress: ["ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress"],
      ingress: ["ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress"],
      revoke_rules_on_delete: ["ec2:DescribeSecurityGroups"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:DescribeSecurityGroups"],
    },
    delete: [],
    import: ["ec2:DescribeSecurityGroups"],
    notes:
      "Adopts the VPC's existing default group; nothing is created. Create (resourceDefaultSecurityGroupCreate): " +
      "findSecurityGroup with group-name=default and vpc-id (DescribeSecurityGroups); then updateTags directly (not tag-on-" +
      "create): DeleteTags for tags on the group not in config, CreateTags for configured ones, only if they differ; " +
      "forceRevokeSecurityGroupRules(searchAll=false): relatedSGs -> findSecurityGroupByID (DescribeSecurityGroups), " +
      "DescribeSecurityGroupRules filtered on those groups, then RevokeSecurityGroupIngress / RevokeSecurityGroupEgress " +
      "per rule (the default group's self-ingress and allow-all egress rules); then resourceSecurityGroupUpdate: " +
      "findSecurityGroupByID (DescribeSecurityGroups) and updateSecurityGroupRules for ingress/egress (Revoke* of removed, " +
      "Authorize* of added IpPermissions); then Read (resourceSecurityGroupRead -> DescribeSecurityGroups). Update: " +
      "resourceSecurityGroupUpdate always calls DescribeSecurityGroups first (so it is listed for every argument), then " +
      "only ingress/egress changes make rule calls; revoke_rules_on_delete is unused ('Not used' in the schema) and tags go " +
      "through the transparent tagging interceptor (updateTags). vpc_id is ForceNew. Delete: schema.NoopContext - no " +
      "calls, the group is only dropped from state. Import: passthrough, then Read. Commit read for " +
      "vpc_security_group.go (shared Read/Update/forceRevoke): 01606926a0c0ab9174aec440f976a48b0baee722.",
  },
  acceptedGaps: [
    {
      operations: ["create"],
      action: "ec2:AuthorizeSecurityGroupIngress",
      reason: "the stacks give the default group no rules: it is adopted only to remove them",
    },
    {
      operations: ["create"],
      action: "ec2:AuthorizeSecurityGroupEgress",
      reason: "the stacks give the default group no rules: it is adopted only to remove them",
    },
  ],
};
