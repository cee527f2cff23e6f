import { ResourceRule } from "./types";

export const S3Versioning: ResourceRule = {
  id: "S3-VERSIONING",
  level: "error",
  finding: "S3 bucket holding data is not versioned",
  fix: "Add aws_s3_bucket_versioning with status Enabled; for a bucket of regenerated data, suppress with the reason.",
  appliesTo: ["aws_s3_bucket"],
  check(bucket, stack) {
    const enabled = stack
      .referring("aws_s3_bucket_versioning", "bucket", bucket!)
      .some((v) => v.attributes.versioning_configuration?.status === "Enabled");
    return enabled ? undefined : "no versioning";
  },
};
