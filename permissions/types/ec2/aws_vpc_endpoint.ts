import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsVpcEndpoint: TypePermissions = {
  ...taggedEc2({
    purpose: "S3 gateway endpoint: lakehouse traffic stays off the NAT",
    resourceType: "vpc-endpoint",
    create: ["ec2:CreateVpcEndpoint"],
    read: ["ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists", "ec2:DescribeNetworkInterfaces"],
    update: ["ec2:ModifyVpcEndpoint"],
    delete: ["ec2:DeleteVpcEndpoints"],
    parents: [
      { resourceType: "vpc", actions: ["ec2:CreateVpcEndpoint"] },
      { resourceType: "route-table", actions: ["ec2:CreateVpcEndpoint"] },
      { resourceType: "route-table", actions: ["ec2:ModifyVpcEndpoint"], phase: "update" },
    ],
  }),
  calls: {
    type: "aws_vpc_endpoint",
    source: {
      files: ["internal/service/ec2/vpc_endpoint.go", "internal/service/ec2/find.go"],
      commit: "008db85aad5e56627b1eecab8830464a282552ed",
    },
    create: ["ec2:CreateTags", "ec2:CreateVpcEndpoint", "ec2:DescribeNetworkInterfaces", "ec2:DescribePrefixLists", "ec2:DescribeVpcEndpoints"],
    read: ["ec2:DescribeNetworkInterfaces", "ec2:DescribePrefixLists", "ec2:DescribeVpcEndpoints"],
    update: {
      auto_accept: ["ec2:AcceptVpcEndpointConnections", "ec2:DescribeVpcEndpointServiceConfigurations", "ec2:DescribeVpcEndpoints"],
      dns_options: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      ip_address_type: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      policy: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      private_dns_enabled: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      route_table_ids: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      security_group_ids: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      subnet_configuration: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      subnet_ids: ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DeleteVpcEndpoints", "ec2:DescribeVpcEndpoints"],
    import: ["ec2:DescribeNetworkInterfaces", "ec2:DescribePrefixLists", "ec2:DescribeVpcEndpoints"],
    notes:
      "Create: conn.CreateVpcEndpoint (ClientToken, TagSpecifications, route_table_ids/security_group_ids/subnet_ids " +
      "passed in the call); when auto_accept = true and the endpoint is pendingAcceptance: vpcEndpointAccept = " +
      "findVPCEndpointServiceConfigurationByServiceName (DescribeVpcEndpointServiceConfigurations) + " +
      "AcceptVpcEndpointConnections + waitVPCEndpointAccepted (not listed in create: same-account endpoint services only); " +
      "waitVPCEndpointAvailable (findVPCEndpointByID -> DescribeVpcEndpoints); in partitions without tag-on-create the " +
      "create is retried without TagSpecifications and tags are added by createTags (ec2:CreateTags). Read: " +
      "findVPCEndpointByID (DescribeVpcEndpoints); findPrefixListByName (DescribePrefixLists, prefix-list-name = " +
      "service_name) whenever the endpoint has a service name; findSubnetConfigurationsByNetworkInterfaceIDs " +
      "(DescribeNetworkInterfaces, one call per endpoint ENI: Interface/GatewayLoadBalancer endpoints only, none for " +
      "Gateway endpoints). Update: auto_accept (only on change to true while pendingAcceptance) -> vpcEndpointAccept; all " +
      "other listed arguments are combined into one ModifyVpcEndpoint (Add/Remove route tables, security groups, subnets; " +
      "PolicyDocument or ResetPolicy; DnsOptions; IpAddressType; PrivateDnsEnabled; SubnetConfigurations) + " +
      "waitVPCEndpointAvailable (DescribeVpcEndpoints). private_dns_enabled is forced to replacement for non-Interface " +
      "endpoints (CustomizeDiff). resource_configuration_arn, service_name, service_network_arn, service_region, " +
      "vpc_endpoint_type, vpc_id are ForceNew. Delete: DeleteVpcEndpoints (Unsuccessful items turned into errors) + " +
      "waitVPCEndpointDeleted (DescribeVpcEndpoints). Import: resource identity on id (passthrough), then Read. The " +
      "commit read is a 2026 snapshot whose dns_options adds private_dns_preference/private_dns_specified_domains (both " +
      "ForceNew, not in the v6.25.0 schema); the calls are unchanged by that.",
  },
};
