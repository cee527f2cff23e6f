import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { partitionOf } from "../config/aws";
import { StateBackendConfig } from "../config";
import { EncryptedBucket } from "../modules/encrypted-bucket";
import { plansPrefix } from "../config/naming";
import { KmsKey } from "../modules/kms-key";
import { stateKeyAlias, useRemoteState } from "./support/remote-state";
import { requireTerraformVersion } from "./support/terraform-versions";

export interface StateBackendStackProps {
  readonly accountId: string;
  readonly backend: StateBackendConfig;
  /** Tags for every resource (the environments' shared tags). */
  readonly tags: Record<string, string>;
  /**
   * Where the local state lives before it is migrated, relative to the stack's
   * working directory (`cdktf.out/stacks/<id>`). Keep it outside `cdktf.out`:
   * the cdktf CLI deletes the folders of stacks a synth did not produce.
   * @default `terraform.<id>.tfstate` in the working directory
   */
  readonly localStatePath?: string;
}

/** Stack id of the bootstrap stack of an account and region. */
export function stateBackendStackId(accountId: string, region: string): string {
  return `state-backend-${accountId}-${region}`;
}

/** Tag that marks the state backend's resources, which the deployer must never delete. */
export const STATE_BACKEND_TAGS = { "platform-stacks/component": "terraform-state" };

/** Days a reviewed plan stays in the state bucket: GitHub keeps a deployment waiting for approval up to 30 days. */
export const REVIEWED_PLAN_EXPIRATION_DAYS = 30;

/**
 * Bootstrap stack: the S3 bucket holding every other stack's state and the
 * DynamoDB table that locks it, for one account and region. Its own state
 * starts local (the bucket does not exist yet); once deployed, set
 * `stateBackend.bootstrapStateInBucket` and migrate it into the bucket.
 */
export class StateBackendStack extends TerraformStack {
  readonly bucket: EncryptedBucket;
  readonly lockTable: DynamodbTable;

  constructor(scope: Construct, id: string, props: StateBackendStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const { backend, accountId } = props;
    const partition = partitionOf(backend.region);

    new AwsProvider(this, "aws", {
      region: backend.region,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags: { ...props.tags, ...STATE_BACKEND_TAGS } }],
    });
    if (backend.bootstrapStateInBucket) {
      useRemoteState(this, backend, id, accountId);
    } else {
      new LocalBackend(this, { path: props.localStatePath ?? `terraform.${id}.tfstate` });
    }

    const key = new KmsKey(this, "state_key", {
      description: `Terraform state in ${backend.bucket}`,
      alias: stateKeyAlias(backend),
      target: { partition, account: accountId },
    });
    this.bucket = new EncryptedBucket(this, "state_bucket", {
      bucketName: backend.bucket,
      partition,
      kmsKey: key,
      versioned: true,
      // Old state versions are the way back from a bad apply; keep them a quarter.
      noncurrentVersionExpirationDays: 90,
      // A reviewed plan is applied within the run that made it, or never: Terraform refuses a plan older than the state.
      expiringPrefixes: [{ prefix: plansPrefix(backend), days: REVIEWED_PLAN_EXPIRATION_DAYS }],
    });
    this.lockTable = new DynamodbTable(this, "lock_table", {
      name: backend.lockTable,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: key.keyArn },
      deletionProtectionEnabled: true,
    });

    new TerraformOutput(this, "state_bucket_name", { value: backend.bucket });
    new TerraformOutput(this, "lock_table_name", { value: backend.lockTable });
    new TerraformOutput(this, "state_key_arn", { value: key.keyArn });
  }
}
