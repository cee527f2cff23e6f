import { EncryptedBucket } from "../../modules/encrypted-bucket";
import { Role } from "../../modules/iam-role";
import { KmsKey } from "../../modules/kms-key";
import { policy, resource, resources, statement, synthJson, testStack } from "../support/helpers";

const keyProps = { description: "demo", alias: "demo", target: { partition: "aws", account: "123456789012" } };

function synthBucket(props: Partial<ConstructorParameters<typeof EncryptedBucket>[2]> = {}) {
  const stack = testStack();
  const key = new KmsKey(stack, "key", keyProps);
  const bucket = new EncryptedBucket(stack, "bucket", { bucketName: "demo-data", partition: "aws", kmsKey: key, ...props });
  return { json: synthJson(stack), bucket };
}

describe("KmsKey", () => {
  it("rotates, waits 30 days before deletion, and delegates to IAM through the account root", () => {
    const stack = testStack();
    const key = new KmsKey(stack, "key", keyProps);
    const json = synthJson(stack);
    expect(resource(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(statement(resource(json, "aws_kms_key").policy, "EnableIamPolicies")).toEqual({
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "kms:*",
      Resource: "*",
    });
    expect(resource(json, "aws_kms_alias").name).toBe("alias/demo");
    expect(key.aliasName).toBe("alias/demo");
  });

  it.each([
    [{ deletionWindowInDays: 5 }, /deletionWindowInDays 5 must be a whole number from 7 to 30/],
    [{ alias: "alias/aws/s3" }, /alias "alias\/aws\/s3" is reserved for AWS-managed keys/],
  ])("fails for %p", (change, message) => {
    expect(() => new KmsKey(testStack(), "key", { ...keyProps, ...change })).toThrow(message);
  });
});

describe("EncryptedBucket", () => {
  it("encrypts with the customer key and the bucket key", () => {
    const { json } = synthBucket();
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/) },
        bucket_key_enabled: true,
      },
    ]);
  });

  it("blocks all four kinds of public access and enforces bucket-owner ownership", () => {
    const { json } = synthBucket();
    expect(resource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  it("refuses non-TLS requests in its policy, written after the public-access block", () => {
    const { json, bucket } = synthBucket({
      additionalPolicyStatements: [{ Sid: "Extra", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::demo-data" }],
    });
    const bucketPolicy = resource(json, "aws_s3_bucket_policy");
    expect(statement(bucketPolicy.policy, "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::demo-data", "arn:aws:s3:::demo-data/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(statement(bucketPolicy.policy, "Extra")).toBeDefined();
    expect(bucketPolicy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
    expect(bucket.bucketArn).toBe("arn:aws:s3:::demo-data");
  });

  it("versions by default and expires noncurrent versions and stale uploads", () => {
    const { json } = synthBucket();
    expect(resource(json, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules.map((r: any) => r.id)).toEqual(["abort-incomplete-multipart-uploads", "expire-noncurrent-versions"]);
    expect(rules[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(resource(json, "aws_s3_bucket").force_destroy).toBe(false);
  });

  it("expires current objects when asked and skips versioning when off", () => {
    const { json } = synthBucket({ versioned: false, expirationDays: 180 });
    expect(resources(json, "aws_s3_bucket_versioning")).toHaveLength(0);
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules.map((r: any) => r.id)).toEqual(["abort-incomplete-multipart-uploads", "expire-objects"]);
    expect(rules[1].expiration).toEqual([{ days: 180 }]);
  });

  it.each([
    [{ expirationDays: 0 }, /expirationDays 0 must be a whole number of days, at least 1/],
    [{ versioned: false, noncurrentVersionExpirationDays: 30 }, /noncurrentVersionExpirationDays needs versioned: true/],
  ])("fails for %p", (change, message) => {
    expect(() => synthBucket(change)).toThrow(message);
  });
});

describe("Role", () => {
  it("names attachments after their policies and keeps inline policies separate", () => {
    const stack = testStack();
    new Role(stack, "role", {
      roleName: "demo",
      description: "demo",
      trustStatements: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"],
      inlinePolicies: { Read: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
    });
    const json = synthJson(stack);
    expect(Object.keys(json.resource.aws_iam_role_policy_attachment)[0]).toMatch(/^role_managed_AmazonEKSWorkerNodePolicy_/);
    expect(resource(json, "aws_iam_role").permissions_boundary).toBeUndefined();
    expect(JSON.parse(resource(json, "aws_iam_role_policy").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
    });
  });
});

describe("grants", () => {
  const role = (stack: ReturnType<typeof testStack>, id: string) =>
    new Role(stack, id, {
      roleName: id,
      description: id,
      trustStatements: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  const inline = (json: ReturnType<typeof synthJson>, name: string) =>
    policy(resource(json, "aws_iam_role_policy", `inline_${name}`).policy).Statement;

  it("KmsKey.grant writes the role's statement and names the role in the key policy, for the same actions, once per role", () => {
    const stack = testStack();
    const key = new KmsKey(stack, "key", keyProps);
    const reader = role(stack, "reader");
    const writer = role(stack, "writer");
    key.grant(reader, ["kms:Decrypt"], { policyName: "Key" });
    key.grant(reader, ["kms:Decrypt"], { policyName: "Key" });
    key.grantEncryptDecrypt(writer, { policyName: "Key", sid: "Write" });
    const json = synthJson(stack);
    const keyPolicy = policy(resource(json, "aws_kms_key").policy).Statement;
    expect(keyPolicy.filter((s) => /^KeyUsers/.test(s.Sid))).toEqual([
      { Sid: "KeyUsers", Effect: "Allow", Principal: { AWS: expect.stringMatching(/aws_iam_role\.reader/) }, Action: ["kms:Decrypt"], Resource: "*" },
      {
        Sid: "KeyUsers2",
        Effect: "Allow",
        Principal: { AWS: expect.stringMatching(/aws_iam_role\.writer/) },
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        Resource: "*",
      },
    ]);
    const policies = resources(json, "aws_iam_role_policy").map((p) => ({ role: p.role, statements: policy(p.policy).Statement }));
    expect(policies).toEqual([
      {
        role: expect.stringMatching(/reader/),
        statements: [{ Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: expect.stringMatching(/aws_kms_key\.key/) }],
      },
      {
        role: expect.stringMatching(/writer/),
        statements: [
          {
            Sid: "Write",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Resource: expect.stringMatching(/aws_kms_key/),
          },
        ],
      },
    ]);
  });

  it("EncryptedBucket.grantRead narrowed to a prefix lists and reads only under it, and may only decrypt", () => {
    const stack = testStack();
    const key = new KmsKey(stack, "key", keyProps);
    const bucket = new EncryptedBucket(stack, "bucket", { bucketName: "demo-data", partition: "aws", kmsKey: key });
    bucket.grantRead(role(stack, "models"), { policyName: "Models", sid: "Checkpoints", prefix: "checkpoints/" });
    const json = synthJson(stack);
    expect(inline(json, "Models")).toEqual([
      {
        Sid: "CheckpointsList",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::demo-data",
        Condition: { StringLike: { "s3:prefix": "checkpoints/*" } },
      },
      { Sid: "CheckpointsObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::demo-data/checkpoints/*" },
      { Sid: "UseBucketKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: expect.stringMatching(/aws_kms_key/) },
    ]);
  });

  it("EncryptedBucket.grantReadWrite adds version actions only when asked, and the key's write actions", () => {
    const stack = testStack();
    const key = new KmsKey(stack, "key", keyProps);
    const bucket = new EncryptedBucket(stack, "bucket", { bucketName: "demo-data", partition: "aws", kmsKey: key });
    bucket.grantReadWrite(role(stack, "app"), { policyName: "App" });
    bucket.grantReadWrite(role(stack, "lake"), { policyName: "Lake", withVersions: true });
    const json = synthJson(stack);
    const actionsOf = (name: string) => Object.fromEntries(inline(json, name).map((s) => [s.Sid, s.Action]));
    expect(actionsOf("App")).toEqual({
      BucketList: ["s3:ListBucket", "s3:GetBucketLocation"],
      BucketObjects: ["s3:GetObject", "s3:PutObject"],
      UseBucketKey: ["kms:Decrypt", "kms:GenerateDataKey"],
    });
    expect(actionsOf("Lake").BucketObjects).toEqual([
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:GetObjectVersion",
      "s3:DeleteObjectVersion",
    ]);
  });
});
