import { queueArns } from "./shared";
import { TypePermissions } from "../types";

export const awsSqsQueuePolicy: TypePermissions = {
  purpose: "Who may send to the queue (EventBridge), TLS only",
  arns: queueArns,
  rules: [
    { phase: "create", actions: ["sqs:SetQueueAttributes"], gate: { kind: "resource-tag" } },
    { phase: "read", actions: ["sqs:GetQueueAttributes"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_sqs_queue_policy",
    source: {
      files: ["internal/service/sqs/queue_policy.go", "internal/service/sqs/attribute_funcs.go", "internal/service/sqs/queue.go"],
      commit: "013f1736b90439e5a19567a87d3e5cd11858c420",
    },
    create: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    read: ["sqs:GetQueueAttributes"],
    update: {
      policy: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    },
    delete: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    import: ["sqs:GetQueueAttributes"],
    notes:
      "The commit is that of attribute_funcs.go ('Copyright IBM Corp. 2014, 2026'), which holds every API call (queueAttributeHandler " +
      'Upsert/Read/Delete). queue_policy.go\'s 2026 version (@IdentityVersion(1), @CustomInherentRegionIdentity("queue_url")) was ' +
      "read from the index, which did not expose its commit; it only wires the handler for the Policy attribute. " +
      "Create and update (same Upsert): SetQueueAttributes(Policy) on queue_url (retried on InvalidAttributeValue 'Invalid value for the " +
      "parameter Policy'), then GetQueueAttributes waiter, then read. Read: GetQueueAttributes(Policy). queue_url is ForceNew. " +
      'Delete: SetQueueAttributes(Policy = ""), then GetQueueAttributes waiter. No tags. Import: resource identity, then read.',
  },
};
