import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { s3Arn } from "../lib/arn";
import { EncryptedBucket, lockDownBucket } from "./encrypted-bucket";

export interface AccessLogBucketProps {
  /** IMPORTANT: changing it replaces the bucket and its logs. */
  readonly bucketName: string;
  /** The bucket whose requests are logged. */
  readonly source: EncryptedBucket;
  readonly account: string;
  readonly partition: string;
  /** Days logs are kept. @default 365 */
  readonly retentionDays?: number;
}

/**
 * S3 server access logs of a bucket, in a bucket of their own: owner-enforced, all four
 * public-access blocks, TLS only, and written by the S3 logging service for that one
 * bucket of this account only. SSE-S3, not SSE-KMS: server access logging cannot deliver
 * to a bucket whose default encryption is KMS (the stack suppresses the rules that expect it,
 * and versioning, with that reason).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new Error(`AccessLogBucket ${this.node.path}: retentionDays ${retentionDays} must be a whole number of days, at least 1`);
    }
    const bucket = new S3Bucket(this, "Resource", { bucket: props.bucketName, forceDestroy: false });
    this.bucketName = props.bucketName;
    this.bucketArn = s3Arn(props.partition, props.bucketName);
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    lockDownBucket(this, bucket, this.bucketArn, [
      {
        Sid: "S3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${this.bucketArn}/*`,
        Condition: { ArnLike: { "aws:SourceArn": props.source.bucketArn }, StringEquals: { "aws:SourceAccount": props.account } },
      },
    ]);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [{ id: "expire-logs", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: retentionDays }] }],
    });
    new S3BucketLoggingA(this, "logging", { bucket: props.source.bucketName, targetBucket: bucket.id, targetPrefix: `${props.source.bucketName}/` });
  }
}
