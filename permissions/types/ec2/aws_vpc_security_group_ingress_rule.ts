import { onEksClusterGroup, taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsVpcSecurityGroupIngressRule: TypePermissions = {
  ...onEksClusterGroup(
    taggedEc2({
      purpose: "One inbound rule of a security group",
      resourceType: "security-group-rule",
      create: ["ec2:AuthorizeSecurityGroupIngress"],
      read: ["ec2:DescribeSecurityGroupRules"],
      update: ["ec2:ModifySecurityGroupRules"],
      // Revoking acts on the group (the rule is no IAM resource of its own for it).
      parents: [
        { resourceType: "security-group", actions: ["ec2:AuthorizeSecurityGroupIngress"] },
        { resourceType: "security-group", actions: ["ec2:ModifySecurityGroupRules"], phase: "update" },
        { resourceType: "security-group", actions: ["ec2:RevokeSecurityGroupIngress"], phase: "delete" },
      ],
    }),
    { create: ["ec2:AuthorizeSecurityGroupIngress"], update: ["ec2:ModifySecurityGroupRules"], delete: ["ec2:RevokeSecurityGroupIngress"] },
  ),
  calls: {
    type: "aws_vpc_security_group_ingress_rule",
    source: {
      files: ["internal/service/ec2/vpc_security_group_ingress_rule.go", "internal/service/ec2/find.go"],
      commit: "d2b7f56a7c451244abd1e467109ba703bd9eedd3",
    },
    create: ["ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags"],
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
    delete: ["ec2:RevokeSecurityGroupIngress"],
    import: ["ec2:DescribeSecurityGroupRules"],
    notes:
      'Source: vpc_security_group_ingress_rule.go@d2b7f56a (aws-sdk-go-v2 framework resource, @FrameworkResource("aws_vpc_security_group_ingress_rule"), @Tags(identifierAttribute="id")); the file also holds the shared securityGroupRuleResource base (Create/Read/Update/Delete/ModifyPlan) used by the egress rule. No newer hashicorp snapshot of this file is exposed by the index; the 6.x additions (region, resource identity) do not change the calls. Finder: findSecurityGroupIngressRuleByID -> findSecurityGroupRuleByID (find.go@00a35305dc1b) -> DescribeSecurityGroupRules paginator with SecurityGroupRuleIds=[id] (a rule that turns out to be egress is NotFound). ' +
      "Create: AuthorizeSecurityGroupIngress (GroupId + one IpPermission built from exactly one of cidr_ipv4/cidr_ipv6/prefix_list_id/referenced_security_group_id, with ip_protocol, from_port, to_port, description); the rule id comes from the response; then createTags -> ec2:CreateTags on the sgr- id (skipped when there are no tags). No Read after create. " +
      "Read/import: DescribeSecurityGroupRules; tags from the response. Import by id (framework.WithImportByID), then Read. " +
      "Update: any change of cidr_ipv4, cidr_ipv6, description, from_port, ip_protocol, prefix_list_id, referenced_security_group_id or to_port -> one ModifySecurityGroupRules (GroupId + SecurityGroupRuleUpdate with the full SecurityGroupRuleRequest). Changing which source attribute is used (e.g. cidr_ipv4 -> referenced_security_group_id) forces replacement (ModifyPlan); security_group_id is RequiresReplace. tags are applied by the framework tagging interceptor's updateTags; the Update method has no tag code. " +
      "Delete: RevokeSecurityGroupIngress (GroupId + SecurityGroupRuleIds=[id]); InvalidGroup.NotFound and InvalidSecurityGroupRuleId.NotFound are ignored. No waiters anywhere.",
  },
};
