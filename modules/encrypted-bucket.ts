import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { s3Arn } from "../lib/arn";
import { NONCURRENT_VERSION_EXPIRATION_DAYS } from "../config/defaults";
import { Role } from "./iam-role";
import { KmsKey } from "./kms-key";
import { denyInsecureTransport, PolicyStatement, renderPolicy } from "../lib/policy-document";

/** Where a bucket grant writes the role's side, and what it grants on the bucket's key. */
export interface BucketGrantOptions {
  /** The role's inline policy the S3 statements go to. */
  readonly policyName: string;
  /** Prefix of the statements' Sids (`<sid>List`, `<sid>Objects`). @default "Bucket" */
  readonly sid?: string;
  /** Objects under this key prefix only (`models/`): listing and object access are both narrowed. @default the whole bucket */
  readonly prefix?: string;
  /** The grant on the bucket's key; `KmsKey.grant` writes it to the role and the key policy. @default the S3 policy, Sid "UseBucketKey", the actions the S3 access needs */
  readonly key?: { readonly policyName?: string; readonly sid?: string; readonly actions?: string[] };
}

/** Object actions of a read-write grant; versioned buckets add the version-level ones. */
const READ_WRITE_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject"];
const VERSION_ACTIONS = ["s3:DeleteObject", "s3:GetObjectVersion", "s3:DeleteObjectVersion"];

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
  /** Delete noncurrent versions after this many days (versioned buckets only). @default NONCURRENT_VERSION_EXPIRATION_DAYS (90) */
  readonly noncurrentVersionExpirationDays?: number;
  /** Objects under these prefixes (and their old versions) expire after the days given. @default none */
  readonly expiringPrefixes?: ReadonlyArray<{ readonly prefix: string; readonly days: number }>;
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
  readonly kmsKey: KmsKey;
  readonly versioned: boolean;

  private readonly props: EncryptedBucketProps;

  constructor(scope: Construct, id: string, props: EncryptedBucketProps) {
    super(scope, id);
    this.props = props;
    this.versioned = props.versioned ?? true;
    this.kmsKey = props.kmsKey;
    this.validate();
    this.bucket = new S3Bucket(this, "Resource", { bucket: props.bucketName, forceDestroy: false });
    this.bucketName = props.bucketName;
    this.bucketArn = s3Arn(props.partition, props.bucketName);

    this.encryptWithKey();
    lockDownBucket(this, this.bucket, this.bucketArn, props.additionalPolicyStatements);
    const versioning = this.versioned
      ? new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } })
      : undefined;
    this.addLifecycleRules(versioning);
  }

  private validate(): void {
    const props = this.props;
    for (const [prop, days] of [
      ["expirationDays", props.expirationDays],
      ["noncurrentVersionExpirationDays", props.noncurrentVersionExpirationDays],
    ] as const) {
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new Error(`EncryptedBucket ${this.node.path}: ${prop} ${days} must be a whole number of days, at least 1`);
      }
    }
    if (!this.versioned && props.noncurrentVersionExpirationDays !== undefined) {
      throw new Error(`EncryptedBucket ${this.node.path}: noncurrentVersionExpirationDays needs versioned: true`);
    }
  }

  /** SSE-KMS with the customer key and the bucket key (fewer KMS calls). */
  private encryptWithKey(): void {
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.kmsKey.keyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
  }

  /** Incomplete uploads always go after 7 days; expiry of objects and of noncurrent versions as configured. */
  private addLifecycleRules(versioning: S3BucketVersioningA | undefined): void {
    const props = this.props;
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
    for (const { prefix, days } of props.expiringPrefixes ?? []) {
      rules.push({
        id: `expire-${prefix.replace(/[^A-Za-z0-9-]/g, "-").replace(/-+$/, "")}`,
        status: "Enabled",
        filter: [{ prefix }],
        expiration: [{ days }],
        ...(this.versioned ? { noncurrentVersionExpiration: [{ noncurrentDays: 1 }] } : {}),
      });
    }
    if (this.versioned) {
      rules.push({
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? NONCURRENT_VERSION_EXPIRATION_DAYS }],
      });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: rules,
      // The provider's docs: configure versioning first when rules act on versions.
      dependsOn: versioning ? [versioning] : undefined,
    });
  }

  /** Read objects (under `prefix`) and list them; decrypt with the bucket's key. */
  grantRead(role: Role, options: BucketGrantOptions): void {
    this.grant(role, ["s3:GetObject"], ["kms:Decrypt"], options);
  }

  /**
   * Read and write objects (under `prefix`) and list them; encrypt and decrypt with
   * the bucket's key. `withVersions` adds deleting objects and reading and deleting
   * their versions, for workloads that manage their data's history.
   */
  grantReadWrite(role: Role, options: BucketGrantOptions & { readonly withVersions?: boolean }): void {
    const objectActions = options.withVersions ? READ_WRITE_VERSIONED_OBJECT_ACTIONS : READ_WRITE_OBJECT_ACTIONS;
    this.grant(role, objectActions, ["kms:Decrypt", "kms:GenerateDataKey"], options);
  }

  private grant(role: Role, objectActions: string[], keyActions: string[], options: BucketGrantOptions): void {
    grantObjects(role, this.bucketArn, objectActions, options);
    this.kmsKey.grant(role, options.key?.actions ?? keyActions, {
      policyName: options.key?.policyName ?? options.policyName,
      sid: options.key?.sid ?? "UseBucketKey",
    });
  }
}

/**
 * What every bucket here has, whatever its encryption: all four public-access blocks, ACLs
 * disabled (bucket owner enforced), and a policy refusing requests that are not over TLS,
 * with `statements` after it. Ids `public_access_block`, `ownership` and `policy` under `scope`.
 */
export function lockDownBucket(scope: Construct, bucket: S3Bucket, bucketArn: string, statements: PolicyStatement[] = []): void {
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public_access_block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
  new S3BucketPolicy(scope, "policy", {
    bucket: bucket.id,
    policy: renderPolicy([denyInsecureTransport("s3:*", [bucketArn, `${bucketArn}/*`]), ...statements]),
    // S3 rejects a bucket policy while the public-access block is being written.
    dependsOn: [publicAccessBlock],
  });
}

/**
 * The role's S3 side of a bucket grant: list (under the prefix) and the object actions.
 * Also for a bucket this code does not create (IOMETE's existing lakehouse bucket).
 */
export function grantObjects(
  role: Role,
  bucketArn: string,
  objectActions: string[],
  options: Pick<BucketGrantOptions, "policyName" | "sid" | "prefix">,
): void {
  const sid = options.sid ?? "Bucket";
  const prefix = options.prefix ?? "";
  role.addToInlinePolicy(options.policyName, {
    Sid: `${sid}List`,
    Effect: "Allow",
    // GetBucketLocation carries no prefix: a prefix grant lists only (Hadoop's S3A asks for the region when it is not configured).
    Action: prefix ? "s3:ListBucket" : ["s3:ListBucket", "s3:GetBucketLocation"],
    Resource: bucketArn,
    ...(prefix ? { Condition: { StringLike: { "s3:prefix": `${prefix}*` } } } : {}),
  });
  role.addToInlinePolicy(options.policyName, { Sid: `${sid}Objects`, Effect: "Allow", Action: objectActions, Resource: `${bucketArn}/${prefix}*` });
}

/** Object actions of a read-write grant on a versioned bucket whose workload manages its data's history. */
export const READ_WRITE_VERSIONED_OBJECT_ACTIONS = [...READ_WRITE_OBJECT_ACTIONS, ...VERSION_ACTIONS];
