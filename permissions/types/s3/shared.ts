import { s3Arn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext, CatalogueEntry } from "../types";

/** The stack's buckets by name: tag conditions on buckets need ABAC, names always work. */
export const bucketArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_s3_bucket", "bucket").map((b) => s3Arn(ctx.partition, b));

/** S3 bucket sub-resources (encryption, versioning, ...): one get/put pair on the stack's buckets. */
export function bucketSetting(purpose: string, read: string[], write: string[]): CatalogueEntry {
  return {
    purpose,
    arns: bucketArns,
    rules: [
      { phase: "read", actions: read, gate: { kind: "name" } },
      { phase: "create", actions: write, gate: { kind: "name" } },
    ],
  };
}
