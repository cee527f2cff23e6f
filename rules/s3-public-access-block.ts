import { ResourceRule } from "./types";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const S3PublicAccessBlock: ResourceRule = {
  id: "S3-PUBLIC-ACCESS-BLOCK",
  level: "error",
  finding: "S3 bucket does not block all four kinds of public access",
  fix: "Add an aws_s3_bucket_public_access_block with all four flags true.",
  appliesTo: ["aws_s3_bucket"],
  check(bucket, stack) {
    const blocks = stack.referring("aws_s3_bucket_public_access_block", "bucket", bucket!);
    if (blocks.length === 0) return "no public access block";
    const missing = FLAGS.filter((flag) => !blocks.some((b) => b.attributes[flag] === true));
    return missing.length ? `${missing.join(", ")} not true` : undefined;
  },
};
