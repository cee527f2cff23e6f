import { EC2_DESCRIBE_REASON } from "../shared";
import { ec2Arn } from "./shared";
import { TypePermissions } from "../types";

export const awsRouteTableAssociation: TypePermissions = {
  purpose: "Attaches each subnet to its route table",
  arns: (_, ctx) => [ec2Arn(ctx, "route-table"), ec2Arn(ctx, "subnet")],
  rules: [
    { phase: "create", actions: ["ec2:AssociateRouteTable"], gate: { kind: "resource-tag" } },
    {
      phase: "update",
      actions: ["ec2:ReplaceRouteTableAssociation"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "route-table")],
    },
    { phase: "delete", actions: ["ec2:DisassociateRouteTable"], gate: { kind: "resource-tag" } },
    {
      phase: "read",
      actions: ["ec2:DescribeRouteTables"],
      gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
    },
  ],
  calls: {
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
};
