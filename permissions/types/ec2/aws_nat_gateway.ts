import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsNatGateway: TypePermissions = {
  ...taggedEc2({
    purpose: "Outbound internet for the private subnets",
    resourceType: "natgateway",
    create: ["ec2:CreateNatGateway"],
    read: ["ec2:DescribeNatGateways"],
    delete: ["ec2:DeleteNatGateway"],
    parents: [
      { resourceType: "subnet", actions: ["ec2:CreateNatGateway"] },
      { resourceType: "elastic-ip", actions: ["ec2:CreateNatGateway"] },
    ],
  }),
  calls: {
    type: "aws_nat_gateway",
    source: {
      files: ["internal/service/ec2/vpc_nat_gateway.go", "internal/service/ec2/find.go", "internal/service/ec2/wait.go"],
      commit: "04088eaa54948421bf1ef7494ae2b2c01d9243e3",
    },
    create: ["ec2:CreateNatGateway", "ec2:CreateTags", "ec2:DescribeNatGateways"],
    read: ["ec2:DescribeNatGateways"],
    update: {
      availability_zone_address: [
        "ec2:AssociateNatGatewayAddress",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeNatGateways",
        "ec2:DisassociateNatGatewayAddress",
      ],
      secondary_allocation_ids: ["ec2:AssociateNatGatewayAddress", "ec2:DescribeNatGateways", "ec2:DisassociateNatGatewayAddress"],
      secondary_private_ip_address_count: [],
      secondary_private_ip_addresses: ["ec2:AssignPrivateNatGatewayAddress", "ec2:DescribeNatGateways", "ec2:UnassignPrivateNatGatewayAddress"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DeleteNatGateway", "ec2:DescribeNatGateways"],
    import: ["ec2:DescribeNatGateways"],
    notes:
      "Create: conn.CreateNatGateway (ClientToken, TagSpecifications, allocation_id/subnet_id for zonal, or " +
      "availability_mode/availability_zone_address/vpc_id for regional), waitNATGatewayCreated (findNATGatewayByID -> " +
      "DescribeNatGateways), then Read (DescribeNatGateways). Update, zonal private: secondary_private_ip_addresses -> " +
      "AssignPrivateNatGatewayAddress / UnassignPrivateNatGatewayAddress + per-IP waiters (DescribeNatGateways). Zonal " +
      "public: secondary_allocation_ids -> AssociateNatGatewayAddress (carrying added secondary_private_ip_addresses) + wait, " +
      "and for removals findNATGatewayByID + DisassociateNatGatewayAddress + wait. Regional (availability_mode = regional, " +
      "v6.24.0+): availability_zone_address -> per-AZ AssociateNatGatewayAddress + wait and DisassociateNatGatewayAddress " +
      "+ wait; DescribeAvailabilityZones only when an entry gives availability_zone_id without availability_zone. " +
      "secondary_private_ip_address_count: no call (CustomizeDiff forces replacement for private; not allowed for public). " +
      "allocation_id, availability_mode, connectivity_type, private_ip, subnet_id, vpc_id are ForceNew. Delete: " +
      "DeleteNatGateway, waitNATGatewayDeleted (DescribeNatGateways). Import: passthrough, then Read. The commit read is a " +
      "2024 snapshot (zonal only); the regional branches were read from index snapshots without a commit (one matching the " +
      "v6.25.0 schema with availability_mode/availability_zone_address, and a 2026 one whose delete adds an attached-" +
      "appliance wait on the NAT gateway before DeleteNatGateway).",
  },
};
