import { keyArns, onlyOwnAliases, ownAliasedKey } from "./shared";
import { TypePermissions } from "../types";

export const awsKmsKey: TypePermissions = {
  purpose: "Customer-managed keys (cluster secrets and logs, buckets, state)",
  arns: keyArns,
  rules: [
    // CreateKey has no resource ARN: the request tag is its only gate.
    { phase: "create", actions: ["kms:CreateKey"], gate: { kind: "request-tag" }, resources: () => ["*"] },
    // KMS checks TagResource against every key of the account when CreateKey carries tags, so a
    // request tag cannot tell a new key from an existing untagged one: the alias condition keeps
    // off every key that carries an alias not the stack's (the state key, every aliased key).
    { phase: "create", actions: ["kms:TagResource"], gate: { kind: "request-tag" }, conditions: onlyOwnAliases },
    {
      phase: "read",
      actions: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
      gate: { kind: "resource-tag" },
      conditions: onlyOwnAliases,
    },
    {
      phase: "update",
      actions: ["kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:TagResource", "kms:UntagResource"],
      gate: { kind: "resource-tag" },
      conditions: ownAliasedKey,
    },
    { phase: "delete", actions: ["kms:ScheduleKeyDeletion"], gate: { kind: "resource-tag" }, conditions: onlyOwnAliases },
  ],
  calls: {
    type: "aws_kms_key",
    source: {
      files: [
        "internal/service/kms/key.go",
        "internal/service/kms/tags_gen.go",
        "internal/service/kms/wait.go",
        "internal/provider/sdkv2/tags_interceptor.go",
      ],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: [
      "kms:CreateKey",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    update: {
      bypass_policy_lockout_safety_check: [],
      deletion_window_in_days: [],
      description: ["kms:DescribeKey", "kms:UpdateKeyDescription"],
      enable_key_rotation: ["kms:DisableKeyRotation", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      is_enabled: ["kms:DescribeKey", "kms:DisableKey", "kms:EnableKey"],
      policy: ["kms:GetKeyPolicy", "kms:PutKeyPolicy"],
      rotation_period_in_days: ["kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      tags: ["kms:ListResourceTags", "kms:TagResource", "kms:UntagResource"],
    },
    delete: ["kms:DescribeKey", "kms:ScheduleKeyDeletion"],
    import: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    // Tags sent in CreateKey.
    authorizedAlso: { create: ["kms:TagResource"] },
    notes:
      "key.go is the 'Copyright IBM Corp. 2014, 2026' version (aws-sdk-go-v2), the nearest stored to 6.25.0; tags_gen.go read at " +
      "01606926a0c0ab9174aec440f976a48b0baee722, wait.go at 05a1e29e0514387764be3ba3fc5fe15671fc4250. " +
      "Create: CreateKey carries description, policy and tags (retried on MalformedPolicyDocumentException for IAM propagation); " +
      "then EnableKeyRotation (with RotationPeriodInDays) only if enable_key_rotation, waiting on GetKeyRotationStatus; DisableKey only " +
      "if is_enabled = false, waiting on DescribeKey; waits for the policy with GetKeyPolicy and for tags with ListResourceTags; then reads. " +
      "Read (findKeyInfo): DescribeKey, GetKeyPolicy (policy name 'default'), GetKeyRotationStatus (only for Origin AWS_KMS keys), " +
      "ListResourceTags (paginated); the read sets tags itself. A key in PendingDeletion counts as gone. " +
      "Update: is_enabled -> EnableKey before / DisableKey after the other changes, each followed by a DescribeKey waiter; " +
      "enable_key_rotation -> EnableKeyRotation or DisableKeyRotation, then GetKeyRotationStatus waiter; rotation_period_in_days -> " +
      "EnableKeyRotation only while enable_key_rotation is true (no call otherwise); description -> UpdateKeyDescription + DescribeKey " +
      "waiter; policy -> PutKeyPolicy (with bypass_policy_lockout_safety_check) + GetKeyPolicy waiter; bypass_policy_lockout_safety_check " +
      "and deletion_window_in_days make no call of their own (used by PutKeyPolicy / ScheduleKeyDeletion). tags -> generated updateTags: " +
      "UntagResource / TagResource, then waitTagsPropagated (ListResourceTags). " +
      "Delete: ScheduleKeyDeletion (PendingWindowInDays = deletion_window_in_days), then waits with DescribeKey until the key leaves " +
      "Enabled/Disabled. Import: resource identity (id), then read. " +
      "IAM (not a separate call): CreateKey with Tags also needs kms:TagResource.",
  },
  acceptedGaps: [
    {
      operations: ["create"],
      action: "kms:DisableKey",
      reason: "called only with is_enabled = false; the stacks' keys are created enabled",
    },
    {
      operations: ["update enable_key_rotation"],
      action: "kms:DisableKeyRotation",
      reason: "the rule pack requires rotation on every key (KMS-ROTATION); turning it off fails synth first",
    },
  ],
};
