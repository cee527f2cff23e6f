import { PolicyConditions } from "../../lib/policy-document";
import { isLiteral, literalsOf, ResourceInstance } from "../model";
import { ActionRule, ArnContext, Catalogue, CatalogueEntry } from "./types";
import { formatArn, iamArn, regionalArn } from "../../lib/arn";

/** Why EC2's Describe calls are `*`: AWS offers no resource-level permission for them. */
export const EC2_DESCRIBE_REASON = "EC2 Describe calls support no resource-level permissions; read-only";

export function ec2Arn(ctx: ArnContext, resourceType: string, id = "*"): string {
  return regionalArn(ctx, "ec2", `${resourceType}/${id}`);
}

interface TaggedEc2 {
  readonly purpose: string;
  /** The IAM resource type (`vpc`, `subnet`, `natgateway`, ...). */
  readonly resourceType: string;
  readonly create: string[];
  readonly read: string[];
  readonly update?: string[];
  readonly delete?: string[];
  /** Existing resources the create calls also act on (the VPC of a subnet), which must carry the tag. */
  readonly parents?: Array<{ resourceType: string; actions: string[]; phase?: "create" | "update" | "delete" }>;
}

/**
 * An EC2 resource whose id AWS picks: created only with the ownership tag in the
 * request (and EC2's CreateTags only as part of that create), changed and
 * deleted only while it carries the tag.
 */
function taggedEc2(spec: TaggedEc2): CatalogueEntry {
  const own = (_: ResourceInstance, ctx: ArnContext) => [ec2Arn(ctx, spec.resourceType)];
  const rules: ActionRule[] = [
    { phase: "create", actions: spec.create, gate: { kind: "request-tag" } },
    { phase: "create", actions: ["ec2:CreateTags"], gate: { kind: "tag-on-create", createActions: spec.create.map((a) => a.split(":")[1]) } },
    { phase: "read", actions: spec.read, gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON } },
  ];
  if (spec.update?.length) rules.push({ phase: "update", actions: spec.update, gate: { kind: "resource-tag" } });
  // Day 2: a changed `tags` or default tag is CreateTags/DeleteTags on the resource, which must already be the stack's.
  rules.push({ phase: "update", actions: ["ec2:CreateTags", "ec2:DeleteTags"], gate: { kind: "resource-tag" } });
  if (spec.delete?.length) rules.push({ phase: "delete", actions: spec.delete, gate: { kind: "resource-tag" } });
  for (const parent of spec.parents ?? []) {
    rules.push({
      phase: parent.phase ?? "create",
      actions: parent.actions,
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, parent.resourceType)],
    });
  }
  return { purpose: spec.purpose, arns: own, rules };
}

/**
 * A rule type that may also act on the security group EKS creates for the stack's
 * cluster: AWS tags it `aws:eks:cluster-name = <cluster>` (a reserved key nobody else
 * can set), not with the stack's tags, and the stacks add a rule to it.
 */
function onEksClusterGroup(entry: CatalogueEntry, change: string[], remove: string[]): CatalogueEntry {
  const clusterGroups = (_: ResourceInstance, ctx: ArnContext) =>
    literalsOf(ctx.model, "aws_eks_cluster", "name").length ? [ec2Arn(ctx, "security-group")] : [];
  const ofOwnClusters = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
    StringEquals: { "aws:ResourceTag/aws:eks:cluster-name": literalsOf(ctx.model, "aws_eks_cluster", "name") },
  });
  return {
    ...entry,
    rules: [
      ...entry.rules,
      { phase: "create", actions: change, gate: { kind: "name" }, resources: clusterGroups, conditions: ofOwnClusters },
      // Replacing a rule revokes the old one: a change of the group's rules, allowed in staging too.
      { phase: "update", actions: remove, gate: { kind: "name" }, resources: clusterGroups, conditions: ofOwnClusters },
    ],
  };
}

export const ec2Catalogue: Catalogue = {
  aws_vpc: taggedEc2({
    purpose: "The stack's own network",
    resourceType: "vpc",
    create: ["ec2:CreateVpc"],
    read: [
      "ec2:DescribeVpcs",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcClassicLink",
      "ec2:DescribeAccountAttributes",
    ],
    update: ["ec2:ModifyVpcAttribute", "ec2:DescribeVpcAttribute"],
    delete: ["ec2:DeleteVpc"],
  }),
  aws_subnet: taggedEc2({
    purpose: "Public (load balancers, NAT) and private (nodes) subnets per zone",
    resourceType: "subnet",
    create: ["ec2:CreateSubnet"],
    read: ["ec2:DescribeSubnets", "ec2:DescribeAccountAttributes", "ec2:DescribeNetworkInterfaces"],
    update: ["ec2:ModifySubnetAttribute"],
    delete: ["ec2:DeleteSubnet"],
    parents: [{ resourceType: "vpc", actions: ["ec2:CreateSubnet"] }],
  }),
  aws_internet_gateway: taggedEc2({
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
  aws_eip: taggedEc2({
    purpose: "Public addresses of the NAT gateways",
    resourceType: "elastic-ip",
    create: ["ec2:AllocateAddress"],
    read: ["ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"],
    delete: ["ec2:ReleaseAddress", "ec2:DisassociateAddress"],
  }),
  aws_nat_gateway: taggedEc2({
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
  aws_route_table: taggedEc2({
    purpose: "Routes of the public subnets and of each private zone",
    resourceType: "route-table",
    create: ["ec2:CreateRouteTable"],
    read: ["ec2:DescribeRouteTables", "ec2:DescribeAccountAttributes"],
    // Deleting a table first detaches its subnets.
    delete: ["ec2:DeleteRouteTable", "ec2:DisassociateRouteTable"],
    parents: [
      { resourceType: "vpc", actions: ["ec2:CreateRouteTable"] },
      { resourceType: "subnet", actions: ["ec2:DisassociateRouteTable"], phase: "delete" },
    ],
  }),
  aws_route: {
    purpose: "Default routes to the internet gateway and NAT",
    arns: (_, ctx) => [ec2Arn(ctx, "route-table")],
    rules: [
      { phase: "create", actions: ["ec2:CreateRoute"], gate: { kind: "resource-tag" } },
      { phase: "update", actions: ["ec2:ReplaceRoute"], gate: { kind: "resource-tag" } },
      { phase: "delete", actions: ["ec2:DeleteRoute"], gate: { kind: "resource-tag" } },
      {
        phase: "read",
        actions: ["ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces"],
        gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
      },
    ],
  },
  aws_route_table_association: {
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
        actions: ["ec2:DescribeRouteTables", "ec2:DescribeAccountAttributes", "ec2:DescribeSubnets"],
        gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
      },
    ],
  },
  aws_vpc_endpoint: taggedEc2({
    purpose: "S3 gateway endpoint: lakehouse traffic stays off the NAT",
    resourceType: "vpc-endpoint",
    create: ["ec2:CreateVpcEndpoint"],
    read: [
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribePrefixLists",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeNetworkInterfaces",
    ],
    update: ["ec2:ModifyVpcEndpoint"],
    delete: ["ec2:DeleteVpcEndpoints"],
    parents: [
      { resourceType: "vpc", actions: ["ec2:CreateVpcEndpoint"] },
      { resourceType: "route-table", actions: ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint"] },
    ],
  }),
  aws_default_security_group: {
    purpose: "The VPC's default security group, stripped of its rules",
    arns: (_, ctx) => [ec2Arn(ctx, "security-group")],
    rules: [
      {
        phase: "create",
        actions: ["ec2:CreateTags"],
        gate: {
          kind: "adopt",
          reason: "AWS creates a VPC's default security group without tags; the stack tags it (only with its own tag keys) before removing its rules",
        },
        // Only the group of the stack's own VPC, once the provisioner has read its id from the stack's state.
        conditions: (_, ctx): PolicyConditions => (ctx.deployed?.vpcId ? { ArnLike: { "ec2:Vpc": ec2Arn(ctx, "vpc", ctx.deployed.vpcId) } } : {}),
      },
      { phase: "create", actions: ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"], gate: { kind: "resource-tag" } },
      {
        phase: "read",
        actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
        gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
      },
      // Day 2: a dropped tag on the group (once adopted, it carries the stack's tags).
      { phase: "update", actions: ["ec2:CreateTags", "ec2:DeleteTags"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_security_group: taggedEc2({
    purpose: "Security groups of the nodes and the bastion",
    resourceType: "security-group",
    create: ["ec2:CreateSecurityGroup"],
    read: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeAccountAttributes", "ec2:DescribeNetworkInterfaces"],
    // The provider removes the default allow-all egress rule of a new group.
    update: ["ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"],
    delete: ["ec2:DeleteSecurityGroup"],
    parents: [{ resourceType: "vpc", actions: ["ec2:CreateSecurityGroup"] }],
  }),
  aws_vpc_security_group_ingress_rule: onEksClusterGroup(
    taggedEc2({
      purpose: "One inbound rule of a security group",
      resourceType: "security-group-rule",
      create: ["ec2:AuthorizeSecurityGroupIngress"],
      read: ["ec2:DescribeSecurityGroupRules"],
      update: ["ec2:ModifySecurityGroupRules"],
      // Revoking acts on the group (the rule is no IAM resource of its own for it).
      parents: [
        { resourceType: "security-group", actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:ModifySecurityGroupRules"] },
        { resourceType: "security-group", actions: ["ec2:RevokeSecurityGroupIngress"], phase: "delete" },
      ],
    }),
    ["ec2:AuthorizeSecurityGroupIngress", "ec2:ModifySecurityGroupRules"],
    ["ec2:RevokeSecurityGroupIngress"],
  ),
  aws_vpc_security_group_egress_rule: taggedEc2({
    purpose: "One outbound rule of a security group",
    resourceType: "security-group-rule",
    create: ["ec2:AuthorizeSecurityGroupEgress"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: ["ec2:ModifySecurityGroupRules"],
    // Revoking acts on the group (the rule is no IAM resource of its own for it).
    parents: [
      { resourceType: "security-group", actions: ["ec2:AuthorizeSecurityGroupEgress", "ec2:ModifySecurityGroupRules"] },
      { resourceType: "security-group", actions: ["ec2:RevokeSecurityGroupEgress"], phase: "delete" },
    ],
  }),
  aws_launch_template: taggedEc2({
    purpose: "Node settings: IMDSv2, encrypted volumes, instance tags",
    resourceType: "launch-template",
    create: ["ec2:CreateLaunchTemplate"],
    read: ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeInstanceTypes"],
    update: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
    delete: ["ec2:DeleteLaunchTemplate"],
  }),
  aws_instance: {
    purpose: "The bastion host",
    // The provider tags the instance and its volumes in RunInstances; the network interface carries no tags.
    arns: (_, ctx) => [ec2Arn(ctx, "instance"), ec2Arn(ctx, "volume")],
    rules: [
      // The instance: only with IMDSv2 required and the stack's own instance profile (so no other role's credentials).
      {
        phase: "create",
        actions: ["ec2:RunInstances"],
        gate: { kind: "request-tag" },
        resources: (_, ctx) => [ec2Arn(ctx, "instance")],
        conditions: (_, ctx) => ({
          StringEquals: { "ec2:MetadataHttpTokens": "required" },
          ArnEquals: {
            "ec2:InstanceProfile": literalsOf(ctx.model, "aws_iam_instance_profile", "name").map((n) => iamArn(ctx, `instance-profile/${n}`)),
          },
        }),
      },
      { phase: "create", actions: ["ec2:RunInstances"], gate: { kind: "request-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "volume")] },
      { phase: "create", actions: ["ec2:RunInstances"], gate: { kind: "name" }, resources: (_, ctx) => [ec2Arn(ctx, "network-interface")] },
      { phase: "create", actions: ["ec2:CreateTags"], gate: { kind: "tag-on-create", createActions: ["RunInstances"] } },
      // Launching also uses the AMI (AWS's, untaggable by us: only Amazon-owned images) and the stack's subnet and security group.
      {
        phase: "create",
        actions: ["ec2:RunInstances"],
        gate: { kind: "name" },
        resources: (_, ctx) => [formatArn({ partition: ctx.partition, service: "ec2", region: ctx.region, resource: "image/*" })],
        conditions: () => ({ StringEquals: { "ec2:Owner": "amazon" } }),
      },
      {
        phase: "create",
        actions: ["ec2:RunInstances"],
        gate: { kind: "resource-tag" },
        resources: (_, ctx) => [ec2Arn(ctx, "subnet"), ec2Arn(ctx, "security-group")],
      },
      {
        phase: "read",
        actions: [
          "ec2:DescribeInstances",
          "ec2:DescribeVolumes",
          "ec2:DescribeTags",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeInstanceCreditSpecifications",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeImages",
          "ec2:DescribeVpcs",
          "ec2:DescribeIamInstanceProfileAssociations",
          "ec2:DescribeVolumesModifications",
        ],
        gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
      },
      { phase: "read", actions: ["ec2:DescribeInstanceAttribute"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "instance")] },
      {
        phase: "update",
        // Changing the instance type stops and starts the instance.
        actions: [
          "ec2:ModifyInstanceAttribute",
          "ec2:ModifyInstanceMetadataOptions",
          "ec2:MonitorInstances",
          "ec2:UnmonitorInstances",
          "ec2:StopInstances",
          "ec2:StartInstances",
        ],
        gate: { kind: "resource-tag" },
        resources: (_, ctx) => [ec2Arn(ctx, "instance")],
      },
      { phase: "delete", actions: ["ec2:TerminateInstances"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "instance")] },
      // Day 2: another instance profile (its role must be one the deployer may pass: the stack's own), a resized root volume.
      {
        phase: "update",
        actions: ["ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation", "ec2:DisassociateIamInstanceProfile"],
        gate: { kind: "resource-tag" },
        resources: (_, ctx) => [ec2Arn(ctx, "instance")],
      },
      { phase: "update", actions: ["ec2:ModifyVolume"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "volume")] },
      // Day 2: changed tags or volume tags on the stack's own instance and volumes.
      { phase: "update", actions: ["ec2:CreateTags", "ec2:DeleteTags"], gate: { kind: "resource-tag" } },
    ],
  },
  aws_ec2_tag: {
    purpose: "Karpenter's discovery tag on subnets of an existing VPC",
    // The subnets are named in config: exact ARNs, never subnet/*.
    arns: (instance, ctx) => (isLiteral(instance.attributes.resource_id) ? [ec2Arn(ctx, "subnet", instance.attributes.resource_id)] : []),
    rules: [
      // The only change made to a network the stack does not own: one tag key with the stack's value,
      // on a subnet that does not carry that key with another value (another cluster's).
      {
        phase: "create",
        actions: ["ec2:CreateTags"],
        gate: { kind: "name" },
        conditions: (instance) => ({
          StringEquals: { [`aws:RequestTag/${instance.attributes.key}`]: String(instance.attributes.value) },
          StringEqualsIfExists: { [`aws:ResourceTag/${instance.attributes.key}`]: String(instance.attributes.value) },
          "ForAllValues:StringEquals": { "aws:TagKeys": [String(instance.attributes.key)] },
        }),
      },
      {
        phase: "delete",
        actions: ["ec2:DeleteTags"],
        gate: { kind: "name" },
        // Only the stack's own value is removed.
        conditions: (instance) => ({
          StringEquals: { [`aws:ResourceTag/${instance.attributes.key}`]: String(instance.attributes.value) },
          "ForAllValues:StringEquals": { "aws:TagKeys": [String(instance.attributes.key)] },
        }),
      },
      { phase: "read", actions: ["ec2:DescribeTags"], gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON } },
    ],
  },
  aws_availability_zones: {
    purpose: "Looks up the region's zones",
    arns: () => ["*"],
    rules: [{ phase: "read", actions: ["ec2:DescribeAvailabilityZones"], gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON } }],
  },
};
