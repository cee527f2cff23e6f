import { ProviderCalls } from "./types";

/**
 * EC2 networking resources, read from hashicorp/terraform-provider-aws `internal/service/ec2/`.
 *
 * Version caveat: the source index holds several snapshots per file but exposes only some of
 * them by commit, and none could be pinned exactly at the v6.25.0 tag (December 2025). Each
 * entry names the commit of the snapshot actually read through repo+path (for some files that
 * is an older aws-sdk-go v1 snapshot, for others a 2026 snapshot); where a newer aws-sdk-go-v2
 * snapshot was also read from the index without a commit, the notes say so. Every argument
 * listed was cross-checked against the v6.25.0 schema shipped in @cdktf/provider-aws 21.22.1
 * (node_modules), which pins the set of arguments; finders come from find.go (commit
 * 00a35305dc1b297a6fcdecdfbba33f1e63c3da39, a 2026 snapshot), waiters from wait.go (commit
 * 011a8eed43ed7763ef9de18cbb776eb29c762452, a 2024 snapshot) and status.go (index snapshots): every
 * waiter polls the resource's own finder, so it adds no action beyond that Describe call.
 *
 * Conventions:
 *  - Every EC2 SDK operation used here has an IAM action of the same name (conn.X -> "ec2:X");
 *    none differ (paginated Describe* calls are the same action).
 *  - `create` is the whole Create handler, which ends by calling Read, so it includes the
 *    Read calls. EC2 checks ec2:CreateTags when a create call carries TagSpecifications
 *    (tag-on-create, the usual case with `tags` or provider default_tags), so every resource
 *    that tags on create lists ec2:CreateTags in `create`.
 *  - `update` lists the calls made for the argument's change itself (mutation + waiter); every
 *    Update handler then runs Read again (see `read`). `tags`: @Tags(identifierAttribute="id")
 *    -> generated updateTags (tags_gen.go): ec2:DeleteTags for removed keys, ec2:CreateTags for
 *    added/changed keys. Read takes tags from the Describe* response (setTagsOut), so
 *    ec2:DescribeTags is not called for these resources.
 *  - Calls reachable only for unusual arguments or error/fallback paths are named in `notes`,
 *    not in the arrays. The `region` argument (provider v6) is ForceNew and not listed.
 */
export const ec2NetworkCalls: ProviderCalls[] = [
  {
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
  {
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
  {
    type: "aws_internet_gateway",
    source: {
      files: ["internal/service/ec2/vpc_internet_gateway.go", "internal/service/ec2/find.go"],
      commit: "08923b68b5ad6fcfdd38362fb5247e39a9b07add",
    },
    create: ["ec2:AttachInternetGateway", "ec2:CreateInternetGateway", "ec2:CreateTags", "ec2:DescribeInternetGateways"],
    read: ["ec2:DescribeInternetGateways"],
    update: {
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      vpc_id: ["ec2:AttachInternetGateway", "ec2:DescribeInternetGateways", "ec2:DetachInternetGateway"],
    },
    delete: ["ec2:DeleteInternetGateway", "ec2:DescribeInternetGateways", "ec2:DetachInternetGateway"],
    import: ["ec2:DescribeInternetGateways"],
    notes:
      "Create: conn.CreateInternetGateway (TagSpecifications); when vpc_id is set, attachInternetGateway: " +
      "AttachInternetGateway (retried on InvalidInternetGatewayID.NotFound) + waitInternetGatewayAttached " +
      "(findInternetGatewayAttachment -> DescribeInternetGateways); then Read (findInternetGatewayByID, " +
      "DescribeInternetGateways). Update vpc_id: DetachInternetGateway from the old VPC + waitInternetGatewayDetached, " +
      "AttachInternetGateway to the new one + wait (DescribeInternetGateways). Delete: detach first when vpc_id is set " +
      "(DetachInternetGateway, retried on DependencyViolation, + wait), then DeleteInternetGateway (retried on " +
      "DependencyViolation). Import: passthrough, then Read. The commit read is an aws-sdk-go v1 snapshot (2023); an " +
      "aws-sdk-go-v2 index snapshot without a commit (resourceInternetGateway, 2024/25) makes exactly the same calls.",
  },
  {
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
  {
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
  {
    type: "aws_route_table",
    source: {
      files: ["internal/service/ec2/vpc_route_table.go", "internal/service/ec2/vpc_route_table_association.go", "internal/service/ec2/find.go"],
      commit: "022092419b7cda11527df3c6b51cbfe1876c1722",
    },
    create: ["ec2:CreateRoute", "ec2:CreateRouteTable", "ec2:CreateTags", "ec2:DescribeRouteTables"],
    read: ["ec2:DescribeRouteTables"],
    update: {
      propagating_vgws: ["ec2:DisableVgwRoutePropagation", "ec2:EnableVgwRoutePropagation"],
      route: ["ec2:CreateRoute", "ec2:DeleteRoute", "ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: ["ec2:DeleteRouteTable", "ec2:DescribeRouteTables", "ec2:DisassociateRouteTable"],
    import: ["ec2:DescribeRouteTables"],
    notes:
      "Create: conn.CreateRouteTable (TagSpecifications), waitRouteTableReady (findRouteTableByID -> DescribeRouteTables), " +
      "EnableVgwRoutePropagation per propagating_vgws entry (not listed: VGW propagation is not the typical config), " +
      "routeTableAddRoute per inline `route` block: CreateRoute (retried) + waitRouteReady (DescribeRouteTables; a " +
      "gateway_id = local route is only looked up); then Read. Read: findRouteTableByID (DescribeRouteTables); flattenRoutes " +
      "calls ec2:DescribeNetworkInterfaces for each route that has a NetworkInterfaceId (to skip cross-account service ENIs) " +
      "- not listed, since routes to an IGW/NAT gateway carry no ENI. Update: route -> CreateRoute/ReplaceRoute/DeleteRoute " +
      "with waitRouteReady/waitRouteDeleted (DescribeRouteTables); propagating_vgws -> Disable/EnableVgwRoutePropagation. " +
      "vpc_id is ForceNew. Delete: findRouteTableByID, DisassociateRouteTable + waitRouteTableAssociationDeleted " +
      "(DescribeRouteTables) for every association still on the table, DeleteRouteTable, waitRouteTableDeleted " +
      "(DescribeRouteTables). Import: passthrough, then Read. The commit read is an aws-sdk-go v1 snapshot (2023); an " +
      "aws-sdk-go-v2 index snapshot without a commit makes the same calls.",
  },
  {
    type: "aws_route",
    source: {
      files: ["internal/service/ec2/vpc_route.go", "internal/service/ec2/find.go"],
      commit: "0128541e0711766f28540143a9d73738aced60aa",
    },
    create: ["ec2:CreateRoute", "ec2:DescribeRouteTables"],
    read: ["ec2:DescribeRouteTables"],
    update: {
      carrier_gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      core_network_arn: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      egress_only_gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      local_gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      nat_gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      network_interface_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      transit_gateway_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      vpc_endpoint_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
      vpc_peering_connection_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRoute"],
    },
    delete: ["ec2:DeleteRoute", "ec2:DescribeRouteTables"],
    import: ["ec2:DescribeRouteTables"],
    notes:
      "Routes are found through the route table: findRouteByIPv4Destination/IPv6/PrefixListID -> findRouteTableByID " +
      "(DescribeRouteTables). Create: (v2 snapshot) a pre-check with the route finder that fails if a CreateRoute-origin " +
      "route already exists, CreateRoute (retried on InvalidParameterException/InvalidTransitGatewayID.NotFound), " +
      "waitRouteReady (DescribeRouteTables), Read. Update (any target argument; route_table_id and the destination_* " +
      "arguments are ForceNew): ReplaceRoute (LocalTarget for gateway_id = local) + waitRouteReady. Delete: DeleteRoute " +
      "(retried; local routes are just dropped from state) + waitRouteDeleted (DescribeRouteTables). Import: " +
      "ROUTETABLEID_DESTINATION is parsed without calls, then Read. No tags. The commit read is an aws-sdk-go v1 snapshot " +
      "(2023, still with instance_id); an aws-sdk-go-v2 index snapshot without a commit matches the v6.25.0 schema " +
      "(instance_id computed only) and makes the same calls.",
  },
  {
    type: "aws_route_table_association",
    source: {
      files: ["internal/service/ec2/vpc_route_table_association.go", "internal/service/ec2/find.go"],
      commit: "0be71beb458ad8875e0acc5c91519c0ceeb214aa",
    },
    create: ["ec2:AssociateRouteTable", "ec2:DescribeRouteTables"],
    read: ["ec2:DescribeRouteTables"],
    update: {
      route_table_id: ["ec2:DescribeRouteTables", "ec2:ReplaceRouteTableAssociation"],
    },
    delete: ["ec2:DescribeRouteTables", "ec2:DisassociateRouteTable"],
    import: ["ec2:DescribeRouteTables"],
    notes:
      "Create: conn.AssociateRouteTable (retried on InvalidRouteTableID.NotFound), waitRouteTableAssociationCreated " +
      "(findRouteTableAssociationByID -> DescribeRouteTables filtered on association id), then Read (same finder). " +
      "Update route_table_id: ReplaceRouteTableAssociation (the resource ID becomes the new association ID) + " +
      "waitRouteTableAssociationUpdated (DescribeRouteTables); if the association is gone " +
      "(InvalidAssociationID.NotFound) it falls back to the Create path (ec2:AssociateRouteTable). subnet_id and gateway_id " +
      "are ForceNew. Delete: DisassociateRouteTable + waitRouteTableAssociationDeleted (DescribeRouteTables). Import: " +
      "'subnet-or-gateway-id/route-table-id' resolved with findRouteTableByID (DescribeRouteTables), then Read. No tags. " +
      "The commit read is an aws-sdk-go v1 snapshot (2023); an aws-sdk-go-v2 index snapshot without a commit makes the " +
      "same calls.",
  },
  {
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
  {
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
  {
    type: "aws_ec2_tag",
    source: {
      files: ["internal/service/ec2/tags_gen.go", "internal/service/ec2/tags.go", "internal/service/ec2/tag_test.go"],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: ["ec2:CreateTags", "ec2:DescribeTags"],
    read: ["ec2:DescribeTags"],
    update: {
      value: ["ec2:CreateTags"],
    },
    delete: ["ec2:DeleteTags"],
    import: ["ec2:DescribeTags"],
    notes:
      "UNVERIFIED AGAINST THE RESOURCE FILE: the implementation (tag.go, tfec2.ResourceTag, id 'resource_id,key') is not " +
      "in the source index at any commit (find_files/find_string found no version). Recorded from the helpers it uses, " +
      "read at the commits given: createTags (tags.go, commit 0389eecfc28a5e2ac619651541a16d7fc289abf6) -> updateTags " +
      "with no old tags -> conn.CreateTags (retried on *.NotFound); findTag (tags_gen.go) -> conn.DescribeTags filtered " +
      "on resource-id and key; updateTags with only old tags -> conn.DeleteTags. Expected flow: Create = createTags + " +
      "RetryWhenNotFound on findTag (DescribeTags) + Read; Read = findTag (DescribeTags); Update (value; resource_id and " +
      "key are ForceNew) = createTags (CreateTags) + Read; Delete = updateTags(old={key: value}, new=nil) (DeleteTags); " +
      "Import = passthrough 'resource_id,key', then Read. tag_test.go (commit 021e60b20cb737cff59c270d617f8fb237dec712) " +
      "confirms an in-place value change step and import. Provider ignore_tags is not applied (per the docs).",
  },
  {
    type: "aws_availability_zones",
    source: {
      files: ["internal/service/ec2/ec2_availability_zones_data_source.go"],
      commit: "0a55e18ad4aba59fe70eddc96bee22fe8d133b0c",
    },
    create: [],
    read: ["ec2:DescribeAvailabilityZones"],
    update: {},
    delete: [],
    import: [],
    notes:
      'Data source (@SDKDataSource("aws_availability_zones")): one conn.DescribeAvailabilityZones call with ' +
      "AllAvailabilityZones (all_availability_zones), a state filter and custom filters; exclude_names/exclude_zone_ids " +
      "are applied client-side. Keyed without a _data suffix (no resource of that name exists), as in the catalogue.",
  },
];
