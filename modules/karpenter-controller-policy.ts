import { AwsTarget, formatArn, regionalArn } from "../lib/arn";
import { PolicyStatement } from "../lib/policy-document";

/** The tag Karpenter's resources carry and its discovery selectors match. */
export const DISCOVERY_TAG = "karpenter.sh/discovery";

export interface KarpenterControllerPolicyProps {
  readonly target: AwsTarget;
  /** The literal cluster name: the discovery tag's value and the cluster's ARN. */
  readonly clusterName: string;
  readonly queueArn: string;
  readonly nodeRoleArn: string;
  readonly instanceProfileArn: string;
  /**
   * The NodePool may ask for Spot capacity: Karpenter's first Spot launch in an account creates EC2
   * Spot's service-linked role, which needs iam:CreateServiceLinkedRole of the caller (Karpenter's
   * own policy leaves it to a manual step). @default false
   */
  readonly launchesSpot?: boolean;
}

/** EC2 Spot's service-linked role, as AWS names it. */
const SPOT_SERVICE = "spot.amazonaws.com";

/**
 * Karpenter v1's controller policy (karpenter.sh's CloudFormation reference),
 * narrowed: it launches into, tags, terminates and deletes only what carries
 * `karpenter.sh/discovery = <cluster>`, and reads only its own queue, node
 * instance profile and cluster.
 */
export function karpenterControllerPolicy(props: KarpenterControllerPolicyProps): PolicyStatement[] {
  const { target, clusterName, queueArn, nodeRoleArn } = props;
  const { partition, region } = target;
  const ec2 = (resource: string) => formatArn({ partition, service: "ec2", region, account: "*", resource });
  // Images, snapshots and AMI parameters belong to no account of the caller's.
  const unowned = (service: string, resource: string) => formatArn({ partition, service, region, resource });
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
      Resource: unowned("ssm", "parameter/aws/service/*"),
    },
    {
      Sid: "LaunchFromImages",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [unowned("ec2", "image/*"), unowned("ec2", "snapshot/*"), ec2("capacity-reservation/*")],
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
      Resource: props.instanceProfileArn,
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
      Resource: regionalArn(target, "eks", `cluster/${clusterName}`),
    },
    ...(props.launchesSpot
      ? [
          {
            Sid: "SpotServiceLinkedRole",
            Effect: "Allow" as const,
            Action: "iam:CreateServiceLinkedRole",
            Resource: formatArn({
              partition,
              service: "iam",
              region: "",
              account: "*",
              resource: `role/aws-service-role/${SPOT_SERVICE}/AWSServiceRoleForEC2Spot`,
            }),
            Condition: { StringEquals: { "iam:AWSServiceName": SPOT_SERVICE } },
          },
        ]
      : []),
  ];
}
