import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsRouteTable: TypePermissions = {
  ...taggedEc2({
    purpose: "Routes of the public subnets and of each private zone",
    resourceType: "route-table",
    create: ["ec2:CreateRouteTable"],
    read: ["ec2:DescribeRouteTables"],
    // Deleting a table first detaches its subnets.
    delete: ["ec2:DeleteRouteTable", "ec2:DisassociateRouteTable"],
    parents: [
      { resourceType: "vpc", actions: ["ec2:CreateRouteTable"] },
      { resourceType: "subnet", actions: ["ec2:DisassociateRouteTable"], phase: "delete" },
    ],
  }),
  calls: {
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
  acceptedGaps: [
    {
      operations: ["create"],
      action: "ec2:CreateRoute",
      reason: "only for inline route blocks; the stacks write each route as aws_route, whose entry grants it",
    },
  ],
};
