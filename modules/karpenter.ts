import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { EksCluster, eksNodeRole } from "./eks-cluster";
import { denyInsecureTransport, PolicyStatement, renderPolicy } from "./policy-document";
import { WorkloadIdentityRole } from "./workload-identity-role";

export interface KarpenterNames {
  readonly karpenterQueue: string;
  readonly karpenterRulePrefix: string;
  readonly karpenterNodeRole: string;
  readonly karpenterControllerRole: string;
}

export interface KarpenterProps {
  readonly cluster: EksCluster;
  /** The literal cluster name (for ARNs and tag conditions). */
  readonly clusterName: string;
  readonly names: KarpenterNames;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
}

/** Karpenter's interruption events: the five EventBridge rules, keyed by the suffix of their names. */
export const INTERRUPTION_EVENTS: ReadonlyArray<{ key: string; source: string; detailType: string }> = [
  { key: "health", source: "aws.health", detailType: "AWS Health Event" },
  { key: "spot-interruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
  { key: "rebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
  { key: "instance-state-change", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
  { key: "capacity-interruption", source: "aws.ec2", detailType: "EC2 Capacity Reservation Instance Interruption Warning" },
];

export const INTERRUPTION_TARGET_ID = "KarpenterInterruptionQueueTarget";
const DISCOVERY_TAG = "karpenter.sh/discovery";

/**
 * What Karpenter needs on the AWS side: the interruption queue fed by
 * EventBridge, the role and instance profile of the nodes it launches (with
 * the access entry that lets them join), and the controller's Pod Identity role.
 *
 * The controller may only launch, tag, terminate and delete what carries
 * `karpenter.sh/discovery = <cluster>`, so the EC2NodeClass must set that tag
 * (the stack outputs it); subnets and security groups are found by the same tag.
 * https://karpenter.sh/docs/reference/cloudformation/
 */
export class Karpenter extends Construct {
  readonly queueName: string;
  readonly queueArn: string;
  readonly nodeRoleName: string;
  readonly nodeRoleArn: string;
  readonly instanceProfileName: string;
  readonly controllerRoleArn: string;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { names, partition, region, accountId } = props;
    this.queueName = names.karpenterQueue;
    this.queueArn = `arn:${partition}:sqs:${region}:${accountId}:${names.karpenterQueue}`;

    const queue = new SqsQueue(this, "interruption_queue", {
      name: names.karpenterQueue,
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
    });
    new SqsQueuePolicy(this, "interruption_queue_policy", {
      queueUrl: queue.url,
      policy: renderPolicy([
        {
          Sid: "EventBridgeDelivers",
          Effect: "Allow",
          Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
          Action: "sqs:SendMessage",
          Resource: this.queueArn,
        },
        denyInsecureTransport("sqs:*", [this.queueArn]),
      ]),
    });

    for (const event of INTERRUPTION_EVENTS) {
      const rule = new CloudwatchEventRule(this, `rule_${event.key.replace(/-/g, "_")}`, {
        name: `${names.karpenterRulePrefix}-${event.key}`,
        description: `Karpenter interruption: ${event.detailType}`,
        eventPattern: JSON.stringify({ source: [event.source], "detail-type": [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `target_${event.key.replace(/-/g, "_")}`, {
        rule: rule.name,
        targetId: INTERRUPTION_TARGET_ID,
        arn: queue.arn,
      });
    }

    const nodeRole = eksNodeRole(this, "node_role", {
      roleName: names.karpenterNodeRole,
      description: `Nodes Karpenter launches for ${props.clusterName}`,
      partition,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
    this.nodeRoleName = names.karpenterNodeRole;
    this.nodeRoleArn = `arn:${partition}:iam::${accountId}:role/${names.karpenterNodeRole}`;
    new IamInstanceProfile(this, "node_instance_profile", { name: names.karpenterNodeRole, role: nodeRole.roleName });
    this.instanceProfileName = names.karpenterNodeRole;
    props.cluster.grantNodeAccess("karpenter_node_access", nodeRole.roleArn);

    const controller = new WorkloadIdentityRole(this, "controller_role", {
      roleName: names.karpenterControllerRole,
      description: `Karpenter controller of ${props.clusterName}`,
      mode: "pod-identity",
      serviceAccounts: [{ namespace: "kube-system", name: "karpenter" }],
      clusterName: props.cluster.clusterName,
      inlinePolicies: { KarpenterController: controllerPolicy(props, this.queueArn, this.nodeRoleArn) },
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
    this.controllerRoleArn = controller.roleArn;
  }
}

function controllerPolicy(props: KarpenterProps, queueArn: string, nodeRoleArn: string): PolicyStatement[] {
  const { partition, region, accountId, clusterName } = props;
  const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:*:${resource}`;
  const launched = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(ec2);
  const discovered = { StringEquals: { [`aws:ResourceTag/${DISCOVERY_TAG}`]: clusterName } };
  return [
    {
      Sid: "RegionalReadActions",
      Effect: "Allow",
      // Describe calls support no resource-level scoping.
      Action: [
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": region } },
    },
    { Sid: "PricingRead", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    {
      Sid: "AmiParameters",
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
    },
    {
      Sid: "LaunchFromImages",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [`arn:${partition}:ec2:${region}::image/*`, `arn:${partition}:ec2:${region}::snapshot/*`, ec2("capacity-reservation/*")],
    },
    {
      Sid: "LaunchIntoDiscoveredNetwork",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [ec2("subnet/*"), ec2("security-group/*")],
      Condition: discovered,
    },
    {
      Sid: "LaunchFromOwnLaunchTemplates",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: ec2("launch-template/*"),
      Condition: discovered,
    },
    {
      Sid: "CreateWithDiscoveryTag",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: launched,
      Condition: { StringEquals: { [`aws:RequestTag/${DISCOVERY_TAG}`]: clusterName } },
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: launched,
      Condition: {
        StringEquals: {
          [`aws:RequestTag/${DISCOVERY_TAG}`]: clusterName,
          "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
        },
      },
    },
    {
      Sid: "TagOwnInstances",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance/*"),
      Condition: {
        ...discovered,
        "ForAllValues:StringEquals": { "aws:TagKeys": ["karpenter.sh/nodeclaim", "eks:eks-cluster-name", "Name"] },
      },
    },
    {
      Sid: "DeleteOwnInstancesAndTemplates",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: discovered,
    },
    {
      Sid: "PassNodeRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    },
    {
      Sid: "ReadNodeInstanceProfile",
      Effect: "Allow",
      Action: "iam:GetInstanceProfile",
      Resource: `arn:${partition}:iam::${accountId}:instance-profile/${props.names.karpenterNodeRole}`,
    },
    {
      Sid: "InterruptionQueue",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      Resource: queueArn,
    },
    {
      Sid: "ApiServerDiscovery",
      Effect: "Allow",
      Action: "eks:DescribeCluster",
      Resource: `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`,
    },
  ];
}
