import { iometeNames } from "../../config/naming";
import { Karpenter } from "../../modules/karpenter";
import { policy, resource, resources, statement, synthJson, testStack } from "../support/helpers";
import { eksCluster } from "./fixtures";

function synth(permissionsBoundaryArn?: string, launchesSpot?: boolean, nodeSessionManager?: boolean) {
  const stack = testStack();
  const cluster = eksCluster(stack);
  const karpenter = new Karpenter(stack, "karpenter", {
    cluster,
    names: iometeNames("demo"),
    permissionsBoundaryArn,
    launchesSpot,
    nodeSessionManager,
  });
  return { json: synthJson(stack), karpenter };
}

const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:Karpenter-demo";

describe("Karpenter", () => {
  it("creates the interruption queue Karpenter-<cluster>: 300 s retention, encrypted", () => {
    const { json, karpenter } = synth();
    expect(resource(json, "aws_sqs_queue")).toEqual({ name: "Karpenter-demo", message_retention_seconds: 300, sqs_managed_sse_enabled: true });
    expect(karpenter.queueArn).toBe(QUEUE_ARN);
  });

  it("lets only EventBridge and SQS send to the queue, and denies non-TLS access", () => {
    const { json } = synth();
    const queuePolicy = resource(json, "aws_sqs_queue_policy").policy;
    expect(statement(queuePolicy, "EventBridgeDelivers")).toEqual({
      Sid: "EventBridgeDelivers",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
      Action: "sqs:SendMessage",
      Resource: QUEUE_ARN,
    });
    expect(statement(queuePolicy, "DenyInsecureTransport")).toMatchObject({
      Effect: "Deny",
      Action: "sqs:*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("routes the five interruption events to the queue", () => {
    const { json } = synth();
    const patterns = resources(json, "aws_cloudwatch_event_rule").map((r) => JSON.parse(r.event_pattern));
    expect(patterns).toEqual(
      expect.arrayContaining([
        { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
      ]),
    );
    expect(patterns).toHaveLength(5);
    const targets = resources(json, "aws_cloudwatch_event_target");
    expect(targets).toHaveLength(5);
    for (const target of targets) {
      expect(target).toMatchObject({
        target_id: "KarpenterInterruptionQueueTarget",
        arn: expect.stringMatching(/aws_sqs_queue\.karpenter_interruption_queue_\w+\.arn/),
      });
    }
  });

  it("gives its nodes a role, an instance profile and an EC2_LINUX access entry", () => {
    const { json } = synth();
    expect(resource(json, "aws_iam_role", "karpenter_node_role").name).toBe("demo-karpenter-node");
    expect(resource(json, "aws_iam_instance_profile")).toMatchObject({
      name: "demo-karpenter-node",
      role: expect.stringMatching(/karpenter_node_role/),
    });
    expect(resource(json, "aws_eks_access_entry", "karpenter_node_access")).toMatchObject({
      type: "EC2_LINUX",
      principal_arn: expect.stringMatching(/karpenter_node_role/),
    });
  });

  it("gives its nodes the managed policies of Karpenter's published node role: pull-only images, and Session Manager unless turned off", () => {
    const policiesOf = (json: ReturnType<typeof synth>["json"]) =>
      resources(json, "aws_iam_role_policy_attachment")
        .filter((a) => /karpenter_node_role/.test(a.role))
        .map((a) => a.policy_arn.replace("arn:aws:iam::aws:policy/", ""))
        .sort();
    expect(policiesOf(synth().json)).toEqual(["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy", "AmazonSSMManagedInstanceCore"]);
    expect(policiesOf(synth(undefined, undefined, false).json)).toEqual(["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy"]);
  });

  it("binds the controller role to kube-system/karpenter through Pod Identity", () => {
    const { json } = synth();
    expect(resource(json, "aws_iam_role", "controller").name).toBe("demo-karpenter-controller");
    expect(resource(json, "aws_eks_pod_identity_association")).toMatchObject({ namespace: "kube-system", service_account: "karpenter" });
  });

  it("scopes the controller's launches, tags and deletes to what Karpenter tagged as the cluster's, its network to the discovery tag", () => {
    const { json } = synth();
    const controller = resource(json, "aws_iam_role_policy", "KarpenterController").policy;
    const ownedByKarpenter = {
      StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/demo": "owned" },
      StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
    };
    expect(statement(controller, "DeleteOwnInstancesAndTemplates")).toMatchObject({
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Condition: ownedByKarpenter,
    });
    expect(statement(controller, "LaunchFromOwnLaunchTemplates").Condition).toEqual(ownedByKarpenter);
    expect(statement(controller, "LaunchIntoDiscoveredNetwork").Condition).toEqual({
      StringEquals: { "aws:ResourceTag/karpenter.sh/discovery": "demo" },
    });
    expect(statement(controller, "CreateTaggedAsOwned").Condition).toEqual({
      StringEquals: { "aws:RequestTag/kubernetes.io/cluster/demo": "owned", "aws:RequestTag/eks:eks-cluster-name": "demo" },
      StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
    });
    expect(statement(controller, "TagOwnInstances").Condition.StringEqualsIfExists).toEqual({ "aws:RequestTag/eks:eks-cluster-name": "demo" });
    expect(statement(controller, "ReadNodeInstanceProfiles").Resource).toEqual([
      "arn:aws:iam::123456789012:instance-profile/demo-karpenter-node",
      "arn:aws:iam::123456789012:instance-profile/demo_*",
    ]);
    expect(statement(controller, "PassNodeRole")).toMatchObject({
      Resource: "arn:aws:iam::123456789012:role/demo-karpenter-node",
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    });
    expect(statement(controller, "InterruptionQueue").Resource).toBe(QUEUE_ARN);
    expect(statement(controller, "AmiParameters").Resource).toBe("arn:aws:ssm:eu-west-1::parameter/aws/service/*");
    // Every mutating EC2 statement carries a condition; only reads, pricing and the profile list use "*".
    for (const s of policy(controller).Statement) {
      if (s.Resource === "*") expect(s.Sid).toMatch(/^(RegionalReadActions|PricingRead|ListInstanceProfiles)$/);
      const actions: string[] = [].concat(s.Action);
      if (actions.some((a) => /^ec2:(Terminate|Delete|CreateTags)/.test(a))) expect(s.Condition).toBeDefined();
    }
  });

  it("may create EC2 Spot's service-linked role, and no other, only when the NodePool may ask for Spot", () => {
    const spot = policy(resource(synth(undefined, true).json, "aws_iam_role_policy", "KarpenterController").policy).Statement;
    expect(spot.filter((s: any) => [].concat(s.Action).includes("iam:CreateServiceLinkedRole" as never))).toEqual([
      {
        Sid: "SpotServiceLinkedRole",
        Effect: "Allow",
        Action: "iam:CreateServiceLinkedRole",
        Resource: "arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
        Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
      },
    ]);
    const onDemand = policy(resource(synth().json, "aws_iam_role_policy", "KarpenterController").policy).Statement;
    expect(onDemand.some((s: any) => [].concat(s.Action).includes("iam:CreateServiceLinkedRole" as never))).toBe(false);
  });

  it("puts the permissions boundary on both roles", () => {
    const { json } = synth("arn:aws:iam::123456789012:policy/boundary");
    for (const role of resources(json, "aws_iam_role").filter((r) => r.name.includes("karpenter"))) {
      expect(role.permissions_boundary).toBe("arn:aws:iam::123456789012:policy/boundary");
    }
  });
});
