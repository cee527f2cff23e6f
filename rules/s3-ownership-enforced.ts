import { ResourceRule } from "./types";

export const S3OwnershipEnforced: ResourceRule = {
  id: "S3-OWNERSHIP-ENFORCED",
  level: "error",
  finding: "S3 bucket still honours ACLs (object ownership is not BucketOwnerEnforced)",
  fix: "Add aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced.",
  appliesTo: ["aws_s3_bucket"],
  check(bucket, stack) {
    const enforced = stack
      .referring("aws_s3_bucket_ownership_controls", "bucket", bucket!)
      .some((o) => o.attributes.rule?.object_ownership === "BucketOwnerEnforced");
    return enforced ? undefined : "object ownership is not enforced";
  },
};
