import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsEip: TypePermissions = {
  ...taggedEc2({
    purpose: "Public addresses of the NAT gateways",
    resourceType: "elastic-ip",
    create: ["ec2:AllocateAddress"],
    read: ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    delete: ["ec2:ReleaseAddress", "ec2:DisassociateAddress"],
  }),
  calls: {
    type: "aws_eip",
    source: {
      files: ["internal/service/ec2/ec2_eip.go", "internal/service/ec2/find.go"],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: ["ec2:AllocateAddress", "ec2:CreateTags", "ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    read: ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    update: {
      associate_with_private_ip: ["ec2:AssociateAddress", "ec2:DescribeAddresses", "ec2:DisassociateAddress"],
      customer_owned_ipv4_pool: [],
      instance: ["ec2:AssociateAddress", "ec2:DescribeAddresses", "ec2:DisassociateAddress"],
      network_interface: ["ec2:AssociateAddress", "ec2:DescribeAddresses", "ec2:DisassociateAddress"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DisassociateAddress", "ec2:ReleaseAddress"],
    import: ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    notes:
      "Create: conn.AllocateAddress (TagSpecifications), RetryWhenNotFound on findEIPByAllocationID (DescribeAddresses); " +
      "only when instance or network_interface is set: associateEIP -> ec2:AssociateAddress + wait on " +
      "findEIPByAssociationID (DescribeAddresses) (not listed in create: a plain EIP, e.g. for a NAT gateway, has neither). " +
      "Read: findEIPByAllocationID (DescribeAddresses) and findEIPDomainNameAttributeByAllocationID " +
      "(DescribeAddressesAttribute, attribute domain-name, for ptr_record; InvalidAction/NotFound tolerated). Update " +
      "(associate_with_private_ip/instance/network_interface share one branch): DisassociateAddress when an association " +
      "exists, AssociateAddress + wait (DescribeAddresses) when a new target is set. customer_owned_ipv4_pool is not ForceNew " +
      "but Update makes no call for it. address, domain, ipam_pool_id, network_border_group, public_ipv4_pool are ForceNew. " +
      "Delete: DisassociateAddress whenever state still holds an association_id (e.g. an EIP that was attached to a NAT " +
      "gateway; InvalidAssociationID.NotFound is ignored, an authorization error is not), then ReleaseAddress; with ipam_pool_id it " +
      "also waits on ec2:GetIpamPoolAllocations (not listed). Import: passthrough (an IP is converted to the allocation " +
      "ID in Read), then Read. Standard-domain (EC2-Classic) IDs error out without calls.",
  },
};
