import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

const INLINE_RULES = "only for inline ingress/egress blocks; the stacks write each rule as its own resource (aws_vpc_security_group_*_rule)";

export const awsSecurityGroup: TypePermissions = {
  ...taggedEc2({
    purpose: "Security groups of the nodes and the bastion",
    resourceType: "security-group",
    create: ["ec2:CreateSecurityGroup"],
    read: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeNetworkInterfaces"],
    // The provider removes the default allow-all egress rule of a new group.
    update: ["ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"],
    delete: ["ec2:DeleteSecurityGroup"],
    parents: [{ resourceType: "vpc", actions: ["ec2:CreateSecurityGroup"] }],
  }),
  calls: {
    type: "aws_security_group",
    source: {
      files: [
        "internal/service/ec2/vpc_security_group.go",
        "internal/service/ec2/find.go",
        "internal/service/ec2/status.go",
        "internal/service/ec2/wait.go",
        "internal/service/ec2/vpc_network_interface.go",
      ],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: [
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:DescribeSecurityGroups",
      "ec2:RevokeSecurityGroupEgress",
    ],
    read: ["ec2:DescribeSecurityGroups"],
    update: {
      egress: ["ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress"],
      ingress: ["ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress"],
      revoke_rules_on_delete: ["ec2:DescribeSecurityGroups"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: [
      "ec2:DeleteNetworkInterface",
      "ec2:DeleteSecurityGroup",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroupRules",
      "ec2:DescribeSecurityGroups",
      "ec2:DetachNetworkInterface",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
    ],
    import: ["ec2:DescribeSecurityGroups"],
    notes:
      'Source: vpc_security_group.go@01606926 (aws-sdk-go-v2, @SDKResource("aws_security_group"), @Tags(identifierAttribute="id"), @IdentityAttribute("id") with preIdentityVersion v6.7.0; header still \'Copyright (c) HashiCorp, Inc.\', so a 6.x snapshot shortly before 6.25.0). ' +
      "Helpers: findSecurityGroupByID in find.go@00a35305dc1b (DescribeSecurityGroups paginator, GroupIds=[id]); statusSecurityGroup (status.go, SDK v2 copy, stored text id 2228338710) -> findSecurityGroupByID; deleteLingeringENIs/detachNetworkInterface/deleteNetworkInterface in vpc_network_interface.go (SDK v2 copy, stored text id 1223601590; the index does not expose its commit). " +
      "Create: CreateSecurityGroup (GroupName, Description, VpcId, TagSpecifications for security-group: tag-on-create is authorized as ec2:CreateTags, no separate call); waitSecurityGroupCreated polls DescribeSecurityGroups; RevokeSecurityGroupEgress twice to remove AWS's default allow-all egress (0.0.0.0/0, then ::/0 whose InvalidPermission.NotFound/InvalidParameterValue is ignored); then the Update function (DescribeSecurityGroups, then AuthorizeSecurityGroupIngress/AuthorizeSecurityGroupEgress for inline ingress/egress blocks: on create the old set is empty so nothing is revoked); then Read. " +
      "Read/import: DescribeSecurityGroups only (tags from the response). Import is by id through the generated identity importer, then Read. " +
      "Update: every Update run starts with findSecurityGroupByID (DescribeSecurityGroups) and ends with Read. ingress/egress: the old and new rule sets are diffed; removed permissions are revoked first (RevokeSecurityGroupIngress/RevokeSecurityGroupEgress with IpPermissions), added ones then authorized (AuthorizeSecurityGroupIngress/AuthorizeSecurityGroupEgress). revoke_rules_on_delete only changes state (no call besides the unconditional DescribeSecurityGroups). name, name_prefix, description and vpc_id are ForceNew. " +
      "Delete: deleteLingeringENIs always lists ENIs with DescribeNetworkInterfaces (filter group-id); only for lingering Lambda ('AWS Lambda VPC ENI*' description), Comprehend (RequesterId ':Comprehend') or DMS ('DMSNetworkInterface') ENIs does it DetachNetworkInterface (Force, then waits with DescribeNetworkInterfaces) and DeleteNetworkInterface. If revoke_rules_on_delete = true: DescribeSecurityGroups (relatedSGs), DescribeSecurityGroupRules (filter group-id over this and related groups), then RevokeSecurityGroupIngress/RevokeSecurityGroupEgress by SecurityGroupRuleIds, also for rules in OTHER groups that reference this one. DeleteSecurityGroup is retried on DependencyViolation/InvalidGroup.InUse for 1 minute; if still blocked and revoke_rules_on_delete = true, the revoke pass is repeated with an unfiltered DescribeSecurityGroupRules (every group in the region) before retrying for the rest of the delete timeout. InvalidGroup.NotFound ends the delete; otherwise RetryUntilNotFound polls DescribeSecurityGroups until the group is gone.",
  },
  acceptedGaps: [
    { operations: ["create"], action: "ec2:AuthorizeSecurityGroupIngress", reason: INLINE_RULES },
    { operations: ["create"], action: "ec2:AuthorizeSecurityGroupEgress", reason: INLINE_RULES },
    {
      operations: ["delete"],
      action: "ec2:DetachNetworkInterface",
      reason:
        "only for interfaces Lambda, DMS or Comprehend left in the group; nothing of the kind runs in the stacks' groups, and detaching would reach interfaces the stack does not own",
    },
    {
      operations: ["delete"],
      action: "ec2:DeleteNetworkInterface",
      reason:
        "only for interfaces Lambda, DMS or Comprehend left in the group; nothing of the kind runs in the stacks' groups, and deleting would reach interfaces the stack does not own",
    },
  ],
};
