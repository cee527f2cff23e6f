import { LIST_REASON } from "../shared";
import { regionalArn } from "../../../lib/arn";
import { ResourceInstance, literalsOf } from "../../model";
import { ArnContext, TypePermissions } from "../types";

const parameterArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_ssm_parameter", "name").map((p) => regionalArn(ctx, "ssm", `parameter${p}`));

export const awsSsmParameter: TypePermissions = {
  purpose: "Outputs published for the deployment tooling",
  arns: parameterArns,
  rules: [
    { phase: "create", actions: ["ssm:PutParameter", "ssm:AddTagsToResource"], gate: { kind: "request-tag" } },
    { phase: "read", actions: ["ssm:GetParameter", "ssm:ListTagsForResource"], gate: { kind: "name" } },
    { phase: "read", actions: ["ssm:DescribeParameters"], gate: { kind: "unscoped", reason: LIST_REASON } },
    { phase: "update", actions: ["ssm:PutParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["ssm:DeleteParameter"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_ssm_parameter",
    source: {
      files: ["internal/service/ssm/parameter.go", "internal/service/ssm/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "0073593e7d6993ba482409f4dc35438daaa79bb3",
    },
    create: ["ssm:AddTagsToResource", "ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource", "ssm:PutParameter"],
    read: ["ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource"],
    update: {
      allowed_pattern: ["ssm:PutParameter"],
      arn: ["ssm:PutParameter"],
      description: ["ssm:PutParameter"],
      insecure_value: ["ssm:PutParameter"],
      key_id: ["ssm:PutParameter"],
      overwrite: [],
      tags: ["ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
      tier: ["ssm:PutParameter"],
      type: ["ssm:PutParameter"],
      value: ["ssm:PutParameter"],
      value_wo_version: ["ssm:PutParameter"],
    },
    delete: ["ssm:DeleteParameter"],
    import: ["ssm:DescribeParameters", "ssm:GetParameter", "ssm:ListTagsForResource"],
    notes:
      "parameter.go at 0073593e (aws-sdk-go-v2, identity-enabled, preIdentityVersion v6.7.0, value_wo write-only support). The stored " +
      "tags_gen.go (01d3fa8b22561c3568c6678a4c937d57e9231f32, aws-sdk-go v1) names ListTagsForResource / AddTagsToResource / " +
      'RemoveTagsFromResource with ResourceType Parameter (@Tags(identifierAttribute="id", resourceType="Parameter")). ' +
      "Create: PutParameter (resent without Tier on 'Tier is not supported'); tags go in PutParameter only when Overwrite is false, " +
      "otherwise createTags -> AddTagsToResource; then read. Read: GetParameter (WithDecryption = true) and DescribeParameters " +
      "(Name Equals filter, paginated); the read does not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: any change except overwrite/tags/tags_all -> one PutParameter (Overwrite from shouldUpdateParameter); name and data_type " +
      "are ForceNew, and tier Advanced -> Standard forces replacement; value_wo is write-only, so its change is driven by " +
      "value_wo_version; overwrite makes no call. Delete: DeleteParameter by name. Import: custom importer (name or ARN parsed without a " +
      "call), then read. IAM (not provider calls): for SecureString with a customer managed key, PutParameter needs kms:Encrypt and " +
      "GetParameter WithDecryption needs kms:Decrypt on that key; tag-on-create needs ssm:AddTagsToResource.",
  },
};
