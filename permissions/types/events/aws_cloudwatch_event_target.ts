import { queueArns } from "../sqs/shared";
import { ruleArns } from "./shared";
import { TypePermissions } from "../types";

export const awsCloudwatchEventTarget: TypePermissions = {
  purpose: "Sends the events to the queue",
  arns: ruleArns,
  rules: [
    // Targets only the stack's own queues: never another account's bus or function.
    {
      phase: "create",
      actions: ["events:PutTargets"],
      gate: { kind: "resource-tag" },
      conditions: (instance, ctx) => ({ "ForAllValues:ArnEquals": { "events:TargetArn": queueArns(instance, ctx) } }),
    },
    { phase: "read", actions: ["events:ListTargetsByRule"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["events:RemoveTargets"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_cloudwatch_event_target",
    source: {
      files: ["internal/service/events/target.go"],
      commit: "0762c41e2027fcd3cb8340d3e6886c6975fc0a59",
    },
    create: ["events:ListTargetsByRule", "events:PutTargets"],
    read: ["events:ListTargetsByRule"],
    update: {
      appsync_target: ["events:PutTargets"],
      arn: ["events:PutTargets"],
      batch_target: ["events:PutTargets"],
      dead_letter_config: ["events:PutTargets"],
      ecs_target: ["events:PutTargets"],
      force_destroy: [],
      http_target: ["events:PutTargets"],
      input: ["events:PutTargets"],
      input_path: ["events:PutTargets"],
      input_transformer: ["events:PutTargets"],
      kinesis_target: ["events:PutTargets"],
      redshift_target: ["events:PutTargets"],
      retry_policy: ["events:PutTargets"],
      role_arn: ["events:PutTargets"],
      run_command_targets: ["events:PutTargets"],
      sagemaker_pipeline_target: ["events:PutTargets"],
      sqs_target: ["events:PutTargets"],
    },
    delete: ["events:RemoveTargets"],
    import: ["events:ListTargetsByRule"],
    notes:
      "target.go at 0762c41e is an aws-sdk-go-v2 version from 2024 ('Copyright (c) HashiCorp, Inc.'); no later version was reachable " +
      "in the index. Its update handler sends PutTargets for a change to any argument except force_destroy, so appsync_target (absent " +
      "from that version, present in the provider's 5.100+ schema) is listed with the same call as an inference, not read. " +
      "Create: PutTargets (a FailedEntries result is an error), then read. Read: ListTargetsByRule (Limit 100, paginated, filtered by " +
      "target_id); no tags (no @Tags; ecs_target.tags go inside PutTargets). rule, target_id and event_bus_name are ForceNew. " +
      "Delete: RemoveTargets (Force = force_destroy). Import: importer parses EVENTBUSNAME/RULE/TARGETID without a call, then read. " +
      "IAM (not a separate call): when role_arn is set, PutTargets needs iam:PassRole on that role.",
  },
};
