import { EC2_DESCRIBE_REASON } from "../shared";
import { ec2Arn } from "./shared";
import { isLiteral } from "../../model";
import { TypePermissions } from "../types";

export const awsEc2Tag: TypePermissions = {
  purpose: "Karpenter's discovery tag on subnets of an existing VPC",
  // The subnets are named in config: exact ARNs, never subnet/*.
  arns: (instance, ctx) => (isLiteral(instance.attributes.resource_id) ? [ec2Arn(ctx, "subnet", instance.attributes.resource_id)] : []),
  rules: [
    // The only change made to a network the stack does not own: one tag key with the stack's value,
    // on a subnet that does not carry that key with another value (another cluster's).
    {
      phase: "create",
      actions: ["ec2:CreateTags"],
      gate: { kind: "name" },
      conditions: (instance) => ({
        StringEquals: { [`aws:RequestTag/${instance.attributes.key}`]: String(instance.attributes.value) },
        StringEqualsIfExists: { [`aws:ResourceTag/${instance.attributes.key}`]: String(instance.attributes.value) },
        "ForAllValues:StringEquals": { "aws:TagKeys": [String(instance.attributes.key)] },
      }),
    },
    {
      phase: "delete",
      actions: ["ec2:DeleteTags"],
      gate: { kind: "name" },
      // Only the stack's own value is removed.
      conditions: (instance) => ({
        StringEquals: { [`aws:ResourceTag/${instance.attributes.key}`]: String(instance.attributes.value) },
        "ForAllValues:StringEquals": { "aws:TagKeys": [String(instance.attributes.key)] },
      }),
    },
    { phase: "read", actions: ["ec2:DescribeTags"], gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON } },
  ],
  calls: {
    type: "aws_ec2_tag",
    source: {
      files: ["internal/service/ec2/tags_gen.go", "internal/service/ec2/tags.go", "internal/service/ec2/tag_test.go"],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: ["ec2:CreateTags", "ec2:DescribeTags"],
    read: ["ec2:DescribeTags"],
    update: {
      value: ["ec2:CreateTags"],
    },
    delete: ["ec2:DeleteTags"],
    import: ["ec2:DescribeTags"],
    notes:
      "UNVERIFIED AGAINST THE RESOURCE FILE: the implementation (tag.go, tfec2.ResourceTag, id 'resource_id,key') is not " +
      "in the source index at any commit (find_files/find_string found no version). Recorded from the helpers it uses, " +
      "read at the commits given: createTags (tags.go, commit 0389eecfc28a5e2ac619651541a16d7fc289abf6) -> updateTags " +
      "with no old tags -> conn.CreateTags (retried on *.NotFound); findTag (tags_gen.go) -> conn.DescribeTags filtered " +
      "on resource-id and key; updateTags with only old tags -> conn.DeleteTags. Expected flow: Create = createTags + " +
      "RetryWhenNotFound on findTag (DescribeTags) + Read; Read = findTag (DescribeTags); Update (value; resource_id and " +
      "key are ForceNew) = createTags (CreateTags) + Read; Delete = updateTags(old={key: value}, new=nil) (DeleteTags); " +
      "Import = passthrough 'resource_id,key', then Read. tag_test.go (commit 021e60b20cb737cff59c270d617f8fb237dec712) " +
      "confirms an in-place value change step and import. Provider ignore_tags is not applied (per the docs).",
  },
};
