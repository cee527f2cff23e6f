import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsVpcSecurityGroupEgressRule: TypePermissions = {
  ...taggedEc2({
    purpose: "One outbound rule of a security group",
    resourceType: "security-group-rule",
    create: ["ec2:AuthorizeSecurityGroupEgress"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: ["ec2:ModifySecurityGroupRules"],
    // Revoking acts on the group (the rule is no IAM resource of its own for it).
    parents: [
      { resourceType: "security-group", actions: ["ec2:AuthorizeSecurityGroupEgress"] },
      { resourceType: "security-group", actions: ["ec2:ModifySecurityGroupRules"], phase: "update" },
      { resourceType: "security-group", actions: ["ec2:RevokeSecurityGroupEgress"], phase: "delete" },
    ],
  }),
  calls: {
    type: "aws_vpc_security_group_egress_rule",
    source: {
      files: [
        "internal/service/ec2/vpc_security_group_egress_rule.go",
        "internal/service/ec2/vpc_security_group_ingress_rule.go",
        "internal/service/ec2/find.go",
      ],
      commit: "0810b274e37c33156c6e5afb8f7bff3b621e8007",
    },
    create: ["ec2:AuthorizeSecurityGroupEgress", "ec2:CreateTags"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: {
      cidr_ipv4: ["ec2:ModifySecurityGroupRules"],
      cidr_ipv6: ["ec2:ModifySecurityGroupRules"],
      description: ["ec2:ModifySecurityGroupRules"],
      from_port: ["ec2:ModifySecurityGroupRules"],
      ip_protocol: ["ec2:ModifySecurityGroupRules"],
      prefix_list_id: ["ec2:ModifySecurityGroupRules"],
      referenced_security_group_id: ["ec2:ModifySecurityGroupRules"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      to_port: ["ec2:ModifySecurityGroupRules"],
    },
    delete: ["ec2:RevokeSecurityGroupEgress"],
    import: ["ec2:DescribeSecurityGroupRules"],
    notes:
      'Source: vpc_security_group_egress_rule.go@0810b274 (aws-sdk-go-v2, @FrameworkResource("aws_vpc_security_group_egress_rule"), @Tags(identifierAttribute="id")) supplies only create/delete/findByID; Create/Read/Update/Delete/ModifyPlan are the shared securityGroupRuleResource base in vpc_security_group_ingress_rule.go@d2b7f56a7c45. Finder: findSecurityGroupEgressRuleByID -> findSecurityGroupRuleByID (find.go@00a35305dc1b) -> DescribeSecurityGroupRules with SecurityGroupRuleIds=[id] (a rule that turns out to be ingress is NotFound). ' +
      "Create: AuthorizeSecurityGroupEgress (GroupId + one IpPermission from exactly one of cidr_ipv4/cidr_ipv6/prefix_list_id/referenced_security_group_id, with ip_protocol, ports, description); then createTags -> ec2:CreateTags on the sgr- id (skipped without tags). No Read after create. " +
      "Read/import: DescribeSecurityGroupRules; tags from the response; import by id then Read. " +
      "Update: cidr_ipv4, cidr_ipv6, description, from_port, ip_protocol, prefix_list_id, referenced_security_group_id, to_port -> one ModifySecurityGroupRules; switching the source attribute forces replacement; security_group_id is RequiresReplace; tags via the framework tagging interceptor's updateTags (DeleteTags/CreateTags). " +
      "Delete: RevokeSecurityGroupEgress (GroupId + SecurityGroupRuleIds=[id]); InvalidGroup.NotFound and InvalidSecurityGroupRuleId.NotFound are ignored. No waiters.",
  },
};
