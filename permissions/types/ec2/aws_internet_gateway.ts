import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsInternetGateway: TypePermissions = {
  ...taggedEc2({
    purpose: "Internet access for the public subnets",
    resourceType: "internet-gateway",
    create: ["ec2:CreateInternetGateway"],
    read: ["ec2:DescribeInternetGateways"],
    update: ["ec2:AttachInternetGateway"],
    delete: ["ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"],
    parents: [
      { resourceType: "vpc", actions: ["ec2:AttachInternetGateway"], phase: "update" },
      { resourceType: "vpc", actions: ["ec2:DetachInternetGateway"], phase: "delete" },
    ],
  }),
  calls: {
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
  acceptedGaps: [
    {
      operations: ["update vpc_id"],
      action: "ec2:DetachInternetGateway",
      reason: "moving the gateway means a new VPC, which only a deployer that may delete (not staging's) ever makes",
    },
  ],
};
