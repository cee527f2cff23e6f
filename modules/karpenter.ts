import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { CHART_VERSION_DEFAULTS } from "../config/kubernetes-side";
import { iometeNames } from "../config/naming";
import { iamArn, regionalArn } from "../lib/arn";
import { denyInsecureTransport, renderPolicy } from "../lib/policy-document";
import { EksCluster, eksNodeRole } from "./eks-cluster";
import { grantEbsKey } from "./ebs-key";
import { karpenterControllerPolicy } from "./karpenter-controller-policy";
import { KARPENTER_CONTROLLER_POLICY_NAME } from "./vendor-policies";
import { WorkloadIdentityRole } from "./workload-identity-role";

export { DISCOVERY_TAG } from "./karpenter-controller-policy";

export interface KarpenterNames {
  readonly karpenterQueue: string;
  readonly karpenterRulePrefix: string;
  readonly karpenterNodeRole: string;
  readonly karpenterControllerRole: string;
}

export interface KarpenterProps {
  /** The cluster Karpenter scales: its name, account, region and partition come from it. */
  readonly cluster: EksCluster;
  /** @default IOMETE's names for the cluster (`Karpenter-<cluster>`, `<cluster>-karpenter-node`, ...) */
  readonly names?: KarpenterNames;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** The account's default EBS encryption key, when customer-managed: Karpenter launches encrypted volumes with it. @default none */
  readonly ebsKmsKeyArn?: string;
  /** The NodePool may launch Spot capacity (its first launch creates EC2 Spot's service-linked role). @default false */
  readonly launchesSpot?: boolean;
  /** The Karpenter release the cluster runs (its chart version). @default the pinned chart's */
  readonly karpenterVersion?: string;
  /** The nodes' role gets AmazonSSMManagedInstanceCore (Session Manager), as Karpenter's published node role has. @default true */
  readonly nodeSessionManager?: boolean;
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

/**
 * What Karpenter needs on the AWS side: the interruption queue fed by
 * EventBridge, the role and instance profile of the nodes it launches (with
 * the access entry that lets them join), and the controller's Pod Identity role.
 *
 * The controller may only launch from, tag, terminate and delete what Karpenter tagged as
 * this cluster's (as its published policy says), into the subnets and security groups
 * carrying `karpenter.sh/discovery = <cluster>` (the EC2NodeClass finds them by it).
 * https://karpenter.sh/docs/reference/cloudformation/
 */
export class Karpenter extends Construct {
  readonly queueName: string;
  readonly queueArn: string;
  readonly nodeRoleName: string;
  readonly nodeRoleArn: string;
  readonly instanceProfileName: string;
  readonly controllerRoleArn: string;

  private readonly cluster: EksCluster;
  private readonly names: KarpenterNames;
  private readonly permissionsBoundaryArn?: string;
  private readonly ebsKmsKeyArn?: string;
  private readonly launchesSpot: boolean;

  private readonly nodeSessionManager: boolean;
  private readonly karpenterVersion: string;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    this.cluster = props.cluster;
    this.names = props.names ?? iometeNames(props.cluster.literalName);
    this.permissionsBoundaryArn = props.permissionsBoundaryArn;
    this.ebsKmsKeyArn = props.ebsKmsKeyArn;
    this.launchesSpot = props.launchesSpot ?? false;
    this.nodeSessionManager = props.nodeSessionManager ?? true;
    this.karpenterVersion = props.karpenterVersion ?? CHART_VERSION_DEFAULTS.karpenter;
    this.queueName = this.names.karpenterQueue;
    this.queueArn = regionalArn(this.cluster.target, "sqs", this.names.karpenterQueue);
    this.nodeRoleName = this.names.karpenterNodeRole;
    this.nodeRoleArn = iamArn(this.cluster.target, `role/${this.names.karpenterNodeRole}`);
    this.instanceProfileName = this.names.karpenterNodeRole;

    const queue = this.createInterruptionQueue();
    this.routeInterruptionEvents(queue);
    this.createNodeRole();
    this.controllerRoleArn = this.createControllerRole();
  }

  /** SQS-encrypted, five minutes of retention (events are stale after that), TLS only. */
  private createInterruptionQueue(): SqsQueue {
    const queue = new SqsQueue(this, "interruption_queue", {
      name: this.names.karpenterQueue,
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
    return queue;
  }

  private routeInterruptionEvents(queue: SqsQueue): void {
    for (const event of INTERRUPTION_EVENTS) {
      const rule = new CloudwatchEventRule(this, `rule_${event.key.replace(/-/g, "_")}`, {
        name: `${this.names.karpenterRulePrefix}-${event.key}`,
        description: `Karpenter interruption: ${event.detailType}`,
        eventPattern: JSON.stringify({ source: [event.source], "detail-type": [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `target_${event.key.replace(/-/g, "_")}`, {
        rule: rule.name,
        targetId: INTERRUPTION_TARGET_ID,
        arn: queue.arn,
      });
    }
  }

  /** The role and instance profile of the nodes Karpenter launches, with the access entry that lets them join. */
  private createNodeRole(): void {
    const nodeRole = eksNodeRole(this, "node_role", {
      roleName: this.names.karpenterNodeRole,
      description: `Nodes Karpenter launches for ${this.cluster.literalName}`,
      partition: this.cluster.target.partition,
      permissionsBoundaryArn: this.permissionsBoundaryArn,
      sessionManager: this.nodeSessionManager,
    });
    if (this.ebsKmsKeyArn) grantEbsKey(nodeRole, this.ebsKmsKeyArn);
    new IamInstanceProfile(this, "node_instance_profile", { name: this.names.karpenterNodeRole, role: nodeRole.roleName });
    this.cluster.grantNodeAccess("karpenter_node_access", nodeRole.roleArn);
  }

  private createControllerRole(): string {
    const controller = new WorkloadIdentityRole(this, "controller_role", {
      roleName: this.names.karpenterControllerRole,
      description: `Karpenter controller of ${this.cluster.literalName}`,
      mode: "pod-identity",
      serviceAccounts: [{ namespace: "kube-system", name: "karpenter" }],
      cluster: this.cluster,
      inlinePolicies: {
        [KARPENTER_CONTROLLER_POLICY_NAME]: karpenterControllerPolicy({
          target: this.cluster.target,
          clusterName: this.cluster.literalName,
          queueArn: this.queueArn,
          nodeRoleArn: this.nodeRoleArn,
          instanceProfileArn: iamArn(this.cluster.target, `instance-profile/${this.names.karpenterNodeRole}`),
          launchesSpot: this.launchesSpot,
          karpenterVersion: this.karpenterVersion,
        }),
      },
      permissionsBoundaryArn: this.permissionsBoundaryArn,
    });
    // RunInstances with volumes encrypted by the account's key needs the key's grants for the caller.
    if (this.ebsKmsKeyArn) grantEbsKey(controller.role, this.ebsKmsKeyArn);
    return controller.roleArn;
  }
}
