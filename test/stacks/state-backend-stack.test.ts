import { Testing } from "cdktf";
import { StateBackendStack, stateBackendStackId } from "../../stacks/state-backend-stack";
import { builtIn, builtInConfig, resource, statement, synthJson, validate } from "../support/helpers";

function synth(env = builtInConfig("dev")) {
  const id = stateBackendStackId(env.account.id, env.stateBackend.region);
  const stack = new StateBackendStack(Testing.app(), id, { accountId: env.account.id, backend: env.stateBackend, tags: env.tags });
  return { id, text: Testing.synth(stack), json: synthJson(stack) };
}

describe.each(["dev", "staging", "prod"] as const)("StateBackendStack of %s's account", (name) => {
  const env = builtInConfig(name);
  const { id, text, json } = synth(env);

  it("matches the reviewed snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  it("holds the bucket and lock table every stack of the account points at", () => {
    expect(id).toBe(`state-backend-${env.account.id}-eu-west-1`);
    expect(resource(json, "aws_s3_bucket").bucket).toBe(env.stateBackend.bucket);
    expect(resource(json, "aws_dynamodb_table").name).toBe(env.stateBackend.lockTable);
  });
});

describe("StateBackendStack", () => {
  const env = builtInConfig("dev");
  const { id, json } = synth(env);

  it("is one stack per account and region", () => {
    expect(id).toBe("state-backend-111111111111-eu-west-1");
  });

  it("starts with local state, since the bucket does not exist yet", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.state-backend-111111111111-eu-west-1.tfstate" } });
  });

  it("creates the lock table Terraform expects: LockID string hash key, on demand, PITR, encrypted, protected", () => {
    expect(resource(json, "aws_dynamodb_table")).toEqual({
      name: "terraform-state-locks",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/aws_kms_key\.state_key_\w+\.arn/) },
      deletion_protection_enabled: true,
    });
  });

  it("creates the state bucket versioned, KMS-encrypted, private and TLS-only, expiring old versions", () => {
    expect(resource(json, "aws_s3_bucket").bucket).toBe("tfstate-111111111111-eu-west-1");
    expect(resource(json, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(resource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(statement(resource(json, "aws_s3_bucket_policy").policy, "DenyInsecureTransport").Condition).toEqual({
      Bool: { "aws:SecureTransport": "false" },
    });
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules.find((r: any) => r.id === "expire-noncurrent-versions").noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    // The deploy workflow's reviewed plans go after 30 days (an approval waits at most that long), old versions after a day.
    expect(rules.find((r: any) => r.id === "expire-plans")).toMatchObject({
      filter: [{ prefix: "plans/" }],
      expiration: [{ days: 30 }],
      noncurrent_version_expiration: [{ noncurrent_days: 1 }],
    });
    expect(resource(json, "aws_kms_key").enable_key_rotation).toBe(true);
    // The vendor stacks' backends name this alias in kms_key_id.
    expect(resource(json, "aws_kms_alias").name).toBe(`alias/terraform-state-${env.stateBackend.bucket}`);
  });

  it("tags its resources as the state backend and guards the account", () => {
    expect(json.provider!.aws[0]).toMatchObject({
      allowed_account_ids: ["111111111111"],
      default_tags: [{ tags: { Environment: "dev", CostCenter: "platform", "platform-stacks/component": "terraform-state" } }],
    });
  });

  it("moves its own state into the bucket once bootstrapStateInBucket is on", () => {
    const input = builtIn("dev");
    input.stateBackend = { bootstrapStateInBucket: true, useLockfile: true };
    const { json: migrated } = synth(validate(input)[0]);
    expect(migrated.terraform.backend).toEqual({
      s3: {
        bucket: "tfstate-111111111111-eu-west-1",
        key: "state-backend-111111111111-eu-west-1/terraform.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:eu-west-1:111111111111:alias/terraform-state-tfstate-111111111111-eu-west-1",
        dynamodb_table: "terraform-state-locks",
        use_lockfile: true,
      },
    });
  });

  it("prefixes state keys when keyPrefix is set", () => {
    const input = builtIn("dev");
    input.stateBackend = { bootstrapStateInBucket: true, keyPrefix: "platform/iomete" };
    const { json: prefixed } = synth(validate(input)[0]);
    expect(prefixed.terraform.backend!.s3.key).toBe("platform/iomete/state-backend-111111111111-eu-west-1/terraform.tfstate");
  });
});
