import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsSubnet: TypePermissions = {
  ...taggedEc2({
    purpose: "Public (load balancers, NAT) and private (nodes) subnets per zone",
    resourceType: "subnet",
    create: ["ec2:CreateSubnet"],
    read: ["ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces"],
    update: ["ec2:ModifySubnetAttribute"],
    delete: ["ec2:DeleteSubnet"],
    parents: [{ resourceType: "vpc", actions: ["ec2:CreateSubnet"] }],
  }),
  calls: {
    type: "aws_subnet",
    source: {
      files: ["internal/service/ec2/vpc_subnet.go", "internal/service/ec2/find.go", "internal/service/ec2/vpc_network_interface.go"],
      commit: "00cda125a19d31754cb0d073cf551264c57955cb",
    },
    create: ["ec2:CreateSubnet", "ec2:CreateTags", "ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
    read: ["ec2:DescribeSubnets"],
    update: {
      assign_ipv6_address_on_creation: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      customer_owned_ipv4_pool: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      enable_dns64: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      enable_lni_at_device_index: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      enable_resource_name_dns_a_record_on_launch: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      enable_resource_name_dns_aaaa_record_on_launch: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      ipv6_cidr_block: ["ec2:AssociateSubnetCidrBlock", "ec2:DescribeSubnets", "ec2:DisassociateSubnetCidrBlock"],
      map_customer_owned_ip_on_launch: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      map_public_ip_on_launch: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      private_dns_hostname_type_on_launch: ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DeleteSubnet", "ec2:DescribeNetworkInterfaces"],
    import: ["ec2:DescribeSubnets"],
    notes:
      "Create: conn.CreateSubnet (TagSpecifications), waitSubnetAvailable (DescribeSubnets), IPv6 association wait " +
      "(DescribeSubnets) when an IPv6 block is associating, then modifySubnetAttributesOnCreate: one ModifySubnetAttribute " +
      "(+ wait polling DescribeSubnets) per attribute whose configured value differs from the new subnet's, e.g. " +
      "map_public_ip_on_launch = true for a public subnet; with all defaults no ModifySubnetAttribute is made. Read: " +
      "findSubnetByID (DescribeSubnets). Update: each attribute is its own ModifySubnetAttribute (+ matching " +
      "waitSubnet*Updated, DescribeSubnets); customer_owned_ipv4_pool and map_customer_owned_ip_on_launch share one call. " +
      "ipv6_cidr_block: DisassociateSubnetCidrBlock of the old association + wait, AssociateSubnetCidrBlock + wait " +
      "(DescribeSubnets); CustomizeDiff forces replacement when the old block was set with assign_ipv6_address_on_creation. " +
      "availability_zone, availability_zone_id, cidr_block, ipv6_native, outpost_arn, vpc_id are ForceNew. Delete: " +
      "deleteLingeringENIs always lists ENIs in the subnet (DescribeNetworkInterfaces); only if lingering Lambda/Comprehend/" +
      "DMS ENIs are found does it call ec2:DetachNetworkInterface/ec2:DeleteNetworkInterface (not listed). Then DeleteSubnet " +
      "(retried on DependencyViolation in the pre-2026 snapshot). The 2026 snapshot read by commit adds, only on " +
      "DependencyViolation, a GuardDuty cleanup (ec2:DescribeVpcs, ec2:DescribeVpcEndpoints, ec2:ModifyVpcEndpoint) that " +
      "the code itself says needs no new permissions for users without GuardDuty VPC monitoring; it also adds IPAM " +
      "arguments (ipv4_ipam_pool_id etc.) that are not in the v6.25.0 schema. A 6.x index snapshot without a commit " +
      "(identity + list resource, no IPAM/GuardDuty) makes the same listed calls. Import: identity/passthrough, then Read.",
  },
};
