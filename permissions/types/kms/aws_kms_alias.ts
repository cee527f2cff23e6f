import { LIST_REASON } from "../shared";
import { keyArns, onlyOwnAliases } from "./shared";
import { regionalArn } from "../../../lib/arn";
import { isLiteral } from "../../model";
import { TypePermissions } from "../types";

export const awsKmsAlias: TypePermissions = {
  purpose: "Readable names of the keys",
  arns: (instance, ctx) =>
    isLiteral(instance.attributes.name) ? [regionalArn(ctx, "kms", String(instance.attributes.name))] : [regionalArn(ctx, "kms", "alias/*")],
  rules: [
    { phase: "create", actions: ["kms:CreateAlias"], gate: { kind: "name" } },
    { phase: "create", actions: ["kms:CreateAlias"], gate: { kind: "resource-tag" }, resources: keyArns, conditions: onlyOwnAliases },
    { phase: "read", actions: ["kms:ListAliases"], gate: { kind: "unscoped", reason: LIST_REASON } },
    { phase: "delete", actions: ["kms:DeleteAlias"], gate: { kind: "name" } },
    { phase: "delete", actions: ["kms:DeleteAlias"], gate: { kind: "resource-tag" }, resources: keyArns, conditions: onlyOwnAliases },
  ],
  calls: {
    type: "aws_kms_alias",
    source: {
      files: ["internal/service/kms/alias.go"],
      commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
    },
    create: ["kms:CreateAlias", "kms:ListAliases"],
    read: ["kms:ListAliases"],
    update: {
      target_key_id: ["kms:UpdateAlias"],
    },
    delete: ["kms:DeleteAlias"],
    import: ["kms:ListAliases"],
    notes:
      "The index serves alias.go at 01c08000 (aws-sdk-go v1); a later aws-sdk-go-v2 version (findAliasByName/findAliases) was read " +
      "from the index without a commit and makes the same calls. No stored 2025 version could be reached. " +
      "Create: CreateAlias, retried on NotFoundException; read: ListAliases (paginated, filtered by alias name; no tags, no @Tags). " +
      "name and name_prefix are ForceNew; target_key_id -> UpdateAlias. Delete: DeleteAlias. Import: passthrough, then read. " +
      "IAM (not a separate call): CreateAlias/UpdateAlias/DeleteAlias are authorized on both the alias and the key ARN.",
  },
  acceptedGaps: [
    {
      operations: ["update target_key_id"],
      action: "kms:UpdateAlias",
      reason:
        "an alias never moves to another key: moved onto a key of someone else's that was tagged as the stack's, it would make that key pass as the stack's own " +
        "(its policy could then be rewritten); a replaced key's alias is replaced with it (terraform apply -replace)",
    },
  ],
};
