import { minorOf } from "../config/kubernetes-side";
import { AwsTarget, formatArn, iamArn, regionalArn } from "../lib/arn";
import { asList, PolicyStatement } from "../lib/policy-document";
import { KARPENTER_OFFICIAL_IAM } from "./vendor-policies";

/** The tag Karpenter's resources carry and its discovery selectors match. */
export const DISCOVERY_TAG = "karpenter.sh/discovery";

export interface KarpenterControllerPolicyProps {
  readonly target: AwsTarget;
  /** The literal cluster name: the discovery tag's value and the cluster's ARN. */
  readonly clusterName: string;
  readonly queueArn: string;
  readonly nodeRoleArn: string;
  readonly instanceProfileArn: string;
  /** The Karpenter release the cluster runs (its chart version): the calls it makes differ by minor release. */
  readonly karpenterVersion: string;
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
 * What Karpenter's published policy grants that this one does not, and why Karpenter never
 * needs it here: by statement Sid of the template, the whole statement or only the actions
 * and resource types named. The proof (test/modules/karpenter-vendor-policy.test.ts) asks
 * every other call of the published policy of each release of ours.
 */
export const KARPENTER_OFFICIAL_NOT_GRANTED: ReadonlyArray<{ readonly sid: string; readonly only?: string; readonly reason: string }> = [
  ...["AllowScopedInstanceProfileCreationActions", "AllowScopedInstanceProfileTagActions", "AllowScopedInstanceProfileActions"].map((sid) => ({
    sid,
    reason:
      "the EC2NodeClass names the instance profile the data plane made (spec.instanceProfile, never spec.role), so Karpenter never " +
      "creates, tags, fills or deletes one; its finalizer lists only the profiles under its own path and reads the legacy name, both granted",
  })),
  ...["placement-group", "ec2:DescribePlacementGroups"].map((only) => ({
    sid: only.startsWith("ec2:") ? "AllowRegionalReadActions" : "AllowScopedEC2InstanceAccessActions",
    only,
    reason: "the EC2NodeClass sets no placementGroupSelector, the only use Karpenter 1.11 makes of placement groups",
  })),
];

/**
 * What this policy grants beyond Karpenter's published one, by Sid, and why; the proof
 * requires a reason here for every statement the published policy does not cover.
 */
export const KARPENTER_BEYOND_OFFICIAL: Readonly<Record<string, string>> = {
  SpotServiceLinkedRole:
    "only when the NodePool may ask for Spot: Karpenter's first Spot launch in an account creates EC2 Spot's service-linked role, " +
    "which Karpenter's docs leave to a manual step",
  UseEbsKey: "only with a customer-managed default EBS key: RunInstances encrypts the nodes' volumes with it",
  GrantsForVolumes: "only with a customer-managed default EBS key: EC2 takes grants on it for the volumes it attaches",
};

/** The managed policies of Karpenter's published node role its nodes' role here goes without, and why. */
export const KARPENTER_NODE_POLICIES_NOT_ATTACHED: Readonly<Record<string, string>> = {
  AmazonEKS_CNI_Policy: "the VPC CNI runs on its own IRSA role (aws-node), so no pod on a node inherits the ENI rights",
  AmazonSSMManagedInstanceCore: "only when iomete.kubernetes.karpenter.sessionManager is false: no Session Manager access to the nodes",
};

/** Whether Karpenter's published policy for the release grants the action at all. */
function officialGrants(minor: string, action: string): boolean {
  const official = KARPENTER_OFFICIAL_IAM[minor];
  if (!official) throw new Error(`Karpenter ${minor} has no published policy pinned in modules/data/karpenter-iam.json`);
  return Object.values(official.controllerPolicies).some((statements) => statements.some((s) => asList(s.Action).includes(action)));
}

/**
 * Karpenter v1's controller policy as its release publishes it (modules/data/karpenter-iam.json),
 * narrowed: it launches, tags, terminates and deletes only what Karpenter tagged as this
 * cluster's (`kubernetes.io/cluster/<cluster> = owned`, `eks:eks-cluster-name`, a NodePool),
 * into the subnets and security groups carrying `karpenter.sh/discovery = <cluster>`, and
 * reads only its own queue, the node instance profiles and the cluster.
 */
export function karpenterControllerPolicy(props: KarpenterControllerPolicyProps): PolicyStatement[] {
  const { target, clusterName, queueArn, nodeRoleArn } = props;
  const { partition, region } = target;
  const minor = minorOf(props.karpenterVersion);
  const ec2 = (resource: string) => formatArn({ partition, service: "ec2", region, account: "*", resource });
  // Images, snapshots and AMI parameters belong to no account of the caller's.
  const unowned = (service: string, resource: string) => formatArn({ partition, service, region, resource });
  const launched = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(ec2);
  // Karpenter sets these on everything it creates, after the EC2NodeClass's own tags, so no NodeClass overrides them.
  const owned = `kubernetes.io/cluster/${clusterName}`;
  const created = {
    StringEquals: { [`aws:RequestTag/${owned}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": clusterName },
    StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
  };
  const ownedByKarpenter = { StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" }, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } };
  const discovered = { StringEquals: { [`aws:ResourceTag/${DISCOVERY_TAG}`]: clusterName } };
  return [
    {
      Sid: "RegionalReadActions",
      Effect: "Allow",
      // Describe calls support no resource-level scoping.
      Action: [
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
      Condition: ownedByKarpenter,
    },
    {
      Sid: "CreateTaggedAsOwned",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: launched,
      Condition: created,
    },
    {
      Sid: "TagOnCreate",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: launched,
      Condition: {
        ...created,
        StringEquals: { ...created.StringEquals, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
      },
    },
    {
      Sid: "TagOwnInstances",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance/*"),
      Condition: {
        ...ownedByKarpenter,
        // Names its NodeClaim on the instance; never another cluster's name.
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": clusterName },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["karpenter.sh/nodeclaim", "eks:eks-cluster-name", "Name"] },
      },
    },
    {
      Sid: "DeleteOwnInstancesAndTemplates",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: ownedByKarpenter,
    },
    {
      Sid: "PassNodeRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    },
    {
      Sid: "ReadNodeInstanceProfiles",
      Effect: "Allow",
      Action: "iam:GetInstanceProfile",
      // The data plane's, and `<cluster>_<hash>`: the legacy name the EC2NodeClass finalizer reads before it lets go.
      Resource: [props.instanceProfileArn, iamArn(target, `instance-profile/${clusterName}_*`)],
    },
    ...(officialGrants(minor, "iam:ListInstanceProfiles")
      ? [
          {
            // The finalizer and the garbage collector list the profiles under /karpenter/<region>/<cluster>/; IAM scopes no list by path.
            Sid: "ListInstanceProfiles",
            Effect: "Allow" as const,
            Action: "iam:ListInstanceProfiles",
            Resource: "*",
          },
        ]
      : []),
    {
      Sid: "InterruptionQueue",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
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
