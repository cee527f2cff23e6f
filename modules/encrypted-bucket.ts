import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { KmsKey } from "./kms-key";
import { denyInsecureTransport, PolicyStatement, renderPolicy } from "./policy-document";

export interface EncryptedBucketProps {
  /** Globally unique bucket name. IMPORTANT: changing it replaces the bucket (and its data). */
  readonly bucketName: string;
  readonly partition: string;
  /** Customer-managed key for SSE-KMS. */
  readonly kmsKey: KmsKey;
  /** Keep every version of every object; on for buckets where data lives. @default true */
  readonly versioned?: boolean;
  /** Expire current objects after this many days. @default never */
  readonly expirationDays?: number;
  /** Delete noncurrent versions after this many days (versioned buckets only). @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Statements added to the bucket policy after the TLS-only deny. @default none */
  readonly additionalPolicyStatements?: PolicyStatement[];
}

/**
 * An S3 bucket with the controls a security review expects: SSE-KMS with a
 * customer key and the bucket key (fewer KMS calls), all four public-access
 * blocks, ACLs disabled (bucket owner enforced), a policy refusing non-TLS
 * requests, versioning where data lives, and lifecycle clean-up of incomplete
 * uploads. https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export class EncryptedBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: EncryptedBucketProps) {
    super(scope, id);
    const versioned = props.versioned ?? true;
    for (const [prop, days] of [
      ["expirationDays", props.expirationDays],
      ["noncurrentVersionExpirationDays", props.noncurrentVersionExpirationDays],
    ] as const) {
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new Error(`EncryptedBucket ${this.node.path}: ${prop} ${days} must be a whole number of days, at least 1`);
      }
    }
    if (!versioned && props.noncurrentVersionExpirationDays !== undefined) {
      throw new Error(`EncryptedBucket ${this.node.path}: noncurrentVersionExpirationDays needs versioned: true`);
    }

    this.bucket = new S3Bucket(this, "Resource", { bucket: props.bucketName, forceDestroy: false });
    this.bucketName = props.bucketName;
    this.bucketArn = `arn:${props.partition}:s3:::${props.bucketName}`;

    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKey.keyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    let versioning: S3BucketVersioningA | undefined;
    if (versioned) {
      versioning = new S3BucketVersioningA(this, "versioning", {
        bucket: this.bucket.id,
        versioningConfiguration: { status: "Enabled" },
      });
    }
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([denyInsecureTransport("s3:*", [this.bucketArn, `${this.bucketArn}/*`]), ...(props.additionalPolicyStatements ?? [])]),
      // S3 rejects a bucket policy while the public-access block is being written.
      dependsOn: [publicAccessBlock],
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: "abort-incomplete-multipart-uploads",
        status: "Enabled",
        filter: [{ prefix: "" }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ];
    if (props.expirationDays !== undefined) {
      rules.push({ id: "expire-objects", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: props.expirationDays }] });
    }
    if (versioned) {
      rules.push({
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
      });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: rules,
      // The provider's docs: configure versioning first when rules act on versions.
      dependsOn: versioning ? [versioning] : undefined,
    });
  }
}
