import { EC2_DESCRIBE_REASON } from "../shared";
import { ec2Arn } from "./shared";
import { TypePermissions } from "../types";

export const awsRoute: TypePermissions = {
  purpose: "Default routes to the internet gateway and NAT",
  arns: (_, ctx) => [ec2Arn(ctx, "route-table")],
  rules: [
    { phase: "create", actions: ["ec2:CreateRoute"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["ec2:ReplaceRoute"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["ec2:DeleteRoute"], gate: { kind: "resource-tag" } },
    {
      phase: "read",
      actions: ["ec2:DescribeRouteTables"],
      gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
    },
  ],
  calls: {
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
};
