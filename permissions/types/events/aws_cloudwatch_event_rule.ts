import { ruleArns } from "./shared";
import { PolicyConditions } from "../../../lib/policy-document";
import { ResourceInstance, literalsOf } from "../../model";
import { ArnContext, TypePermissions } from "../types";

/** The event sources the stack's rules match: a rule on any other pattern is not the stack's to write. */
const ruleSources = (_: ResourceInstance, ctx: ArnContext): PolicyConditions => {
  const sources = new Set<string>();
  for (const pattern of literalsOf(ctx.model, "aws_cloudwatch_event_rule", "event_pattern")) {
    for (const source of ([] as string[]).concat(JSON.parse(pattern).source ?? [])) sources.add(source);
  }
  return { "ForAllValues:StringEquals": { "events:source": [...sources].sort() } };
};

export const awsCloudwatchEventRule: TypePermissions = {
  purpose: "Karpenter's interruption events",
  arns: ruleArns,
  rules: [
    { phase: "create", actions: ["events:PutRule", "events:TagResource"], gate: { kind: "request-tag" }, conditions: ruleSources },
    { phase: "read", actions: ["events:DescribeRule", "events:ListTagsForResource"], gate: { kind: "resource-tag" } },
    {
      phase: "update",
      actions: ["events:PutRule", "events:TagResource", "events:UntagResource"],
      gate: { kind: "resource-tag" },
      conditions: ruleSources,
    },
    { phase: "delete", actions: ["events:DeleteRule"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_cloudwatch_event_rule",
    source: {
      files: ["internal/service/events/rule.go", "internal/service/events/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "0cdab4ae09a963535e03dde0bff4784afe8e3517",
    },
    create: ["events:DescribeRule", "events:ListTagsForResource", "events:PutRule", "events:TagResource"],
    read: ["events:DescribeRule", "events:ListTagsForResource"],
    update: {
      description: ["events:PutRule"],
      event_pattern: ["events:PutRule"],
      force_destroy: [],
      is_enabled: ["events:PutRule"],
      role_arn: ["events:PutRule"],
      schedule_expression: ["events:PutRule"],
      state: ["events:PutRule"],
      tags: ["events:TagResource", "events:UntagResource"],
    },
    delete: ["events:DeleteRule"],
    import: ["events:DescribeRule", "events:ListTagsForResource"],
    notes:
      "rule.go at 0cdab4ae is a 'Copyright IBM Corp. 2014, 2025' aws-sdk-go-v2 version; the stored tags_gen.go " +
      "(050ac11163cab8cdae5936a7f40b0e528ff780df, aws-sdk-go v1) names ListTagsForResource / TagResource / UntagResource on the rule ARN " +
      '(@Tags(identifierAttribute="arn")). ' +
      "Create: PutRule with tags (retried on 'cannot be assumed by principal'; resent without tags where the partition does not support " +
      "tag-on-create, then createTags -> TagResource), waits until DescribeRule finds it, then reads. Read: DescribeRule; the read does " +
      "not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: any change other than tags/tags_all/force_destroy -> PutRule (the whole rule, tags included for aws:RequestTag ABAC); " +
      "event_bus_name, name and name_prefix are ForceNew; force_destroy makes no call (used by DeleteRule's Force). " +
      "Delete: DeleteRule (retried while the rule still has targets). Import: resource identity (name), then read.",
  },
};
