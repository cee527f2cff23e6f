import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

const vpc = taggedEc2({
  purpose: "The stack's own network",
  resourceType: "vpc",
  create: ["ec2:CreateVpc"],
  read: ["ec2:DescribeVpcs", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups"],
  update: ["ec2:ModifyVpcAttribute"],
  delete: ["ec2:DeleteVpc"],
});

export const awsVpc: TypePermissions = {
  ...vpc,
  // Every refresh reads the DNS attributes, on the VPC itself (the one Describe call EC2 scopes to a resource).
  rules: [...vpc.rules, { phase: "read", actions: ["ec2:DescribeVpcAttribute"], gate: { kind: "resource-tag" } }],
  calls: {
    type: "aws_vpc",
    source: {
      files: ["internal/service/ec2/vpc_.go", "internal/service/ec2/find.go", "internal/service/ec2/wait.go"],
      commit: "00081ce41cc691433ac19bf42227cdabffd0454d",
    },
    create: [
      "ec2:CreateTags",
      "ec2:CreateVpc",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeVpcs",
      "ec2:ModifyVpcAttribute",
    ],
    read: ["ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcAttribute", "ec2:DescribeVpcs"],
    update: {
      assign_generated_ipv6_cidr_block: ["ec2:AssociateVpcCidrBlock", "ec2:DescribeVpcs", "ec2:DisassociateVpcCidrBlock"],
      enable_dns_hostnames: ["ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute"],
      enable_dns_support: ["ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute"],
      enable_network_address_usage_metrics: ["ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute"],
      instance_tenancy: ["ec2:ModifyVpcTenancy"],
      ipv6_cidr_block: ["ec2:AssociateVpcCidrBlock", "ec2:DescribeVpcs", "ec2:DisassociateVpcCidrBlock"],
      ipv6_cidr_block_network_border_group: ["ec2:AssociateVpcCidrBlock", "ec2:DescribeVpcs", "ec2:DisassociateVpcCidrBlock"],
      ipv6_ipam_pool_id: ["ec2:AssociateVpcCidrBlock", "ec2:DescribeVpcs", "ec2:DisassociateVpcCidrBlock"],
      ipv6_netmask_length: [],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DeleteVpc", "ec2:DescribeVpcs"],
    import: ["ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcAttribute", "ec2:DescribeVpcs"],
    notes:
      "Create: conn.CreateVpc (TagSpecifications; retried on 'is not monitored by IPAM'), waitVPCCreated polls findVPCByID " +
      "(DescribeVpcs); with an IPv6 block waitVPCIPv6CIDRBlockAssociationCreated polls DescribeVpcs; " +
      "modifyVPCAttributesOnCreate calls ModifyVpcAttribute only for enable_dns_hostnames/enable_dns_support/" +
      "enable_network_address_usage_metrics values that differ from the AWS defaults (typically enable_dns_hostnames = true), " +
      "each followed by waitVPCAttributeUpdated (DescribeVpcAttribute). Read: findVPCByID (DescribeVpcs), three " +
      "DescribeVpcAttribute calls (enableDnsHostnames, enableDnsSupport, enableNetworkAddressUsageMetrics), " +
      "findVPCDefaultNetworkACL (DescribeNetworkAcls), findVPCMainRouteTable (DescribeRouteTables), " +
      "findVPCDefaultSecurityGroup (DescribeSecurityGroups). Update: IPv6 changes go through " +
      "modifyVPCIPv6CIDRBlockAssociation: DisassociateVpcCidrBlock of the old association (if any) + wait, " +
      "AssociateVpcCidrBlock + wait (both waiters poll DescribeVpcs). instance_tenancy: ModifyVpcTenancy only for " +
      "dedicated -> default; any other change is ForceNew (CustomizeDiff). ipv6_netmask_length is not ForceNew but the " +
      "Update handler does not react to it alone (it is only sent with an ipv6_cidr_block/ipv6_ipam_pool_id change). " +
      "cidr_block, ipv4_ipam_pool_id, ipv4_netmask_length are ForceNew. Delete: DeleteVpc (retried on DependencyViolation), " +
      "then RetryUntilNotFound on findVPCByID (DescribeVpcs); when ipv4_ipam_pool_id/ipv6_ipam_pool_id (non-Amazon pool) " +
      "is set it also waits on ec2:GetIpamPoolAllocations (not listed: IPAM is not the typical config). Import: " +
      "resourceVPCImport sets assign_generated_ipv6_cidr_block=false, then Read. Snapshot read by commit is mid-2024 " +
      "(aws-sdk-go-v2, *V2 finder names); a late-2024 index snapshot without a commit makes the same calls; the 2026 " +
      "find.go names the attribute finder findVPCAttributeByTwoPartKey (still DescribeVpcAttribute).",
  },
};
