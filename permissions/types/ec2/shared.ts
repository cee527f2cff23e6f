import { PolicyConditions } from "../../../lib/policy-document";
import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { EC2_DESCRIBE_REASON } from "../shared";
import { ActionRule, ArnContext, CatalogueEntry } from "../types";

export function ec2Arn(ctx: Pick<ArnContext, "partition" | "region" | "account">, resourceType: string, id = "*"): string {
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
export function taggedEc2(spec: TaggedEc2): CatalogueEntry {
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
export function onEksClusterGroup(entry: CatalogueEntry, actions: { create: string[]; update: string[]; delete: string[] }): CatalogueEntry {
  const clusterGroups = (_: ResourceInstance, ctx: ArnContext) =>
    literalsOf(ctx.model, "aws_eks_cluster", "name").length ? [ec2Arn(ctx, "security-group")] : [];
  const ofOwnClusters = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => ({
    StringEquals: { "aws:ResourceTag/aws:eks:cluster-name": literalsOf(ctx.model, "aws_eks_cluster", "name") },
  });
  return {
    ...entry,
    rules: [
      ...entry.rules,
      ...(["create", "update", "delete"] as const).map((phase) => ({
        phase,
        actions: actions[phase],
        gate: { kind: "name" as const },
        resources: clusterGroups,
        conditions: ofOwnClusters,
      })),
    ],
  };
}
