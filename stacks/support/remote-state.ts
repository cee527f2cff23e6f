import { S3Backend, TerraformStack } from "cdktf";
import { StateBackendConfig } from "../../config";
import { partitionOf } from "../../config/aws";

// State naming lives with the other names (config/naming.ts); re-exported for the stacks.
export { stateKey, stateKeyAlias } from "../../config/naming";
import { stateKey, stateKeyAlias } from "../../config/naming";
import { regionalArn } from "../../lib/arn";

/**
 * Points a stack at the shared S3 state bucket with DynamoDB locking, state
 * encrypted with the bucket's customer-managed key. With
 * `useLockfile` Terraform (>= 1.10) also takes an S3 lock file next to the state,
 * so a team can move off DynamoDB without a window where nothing locks.
 */
export function useRemoteState(stack: TerraformStack, backend: StateBackendConfig, stackId: string, accountId: string): S3Backend {
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: stateKey(backend, stackId),
    region: backend.region,
    encrypt: true,
    // Without a key, `encrypt` asks for SSE-S3 on every write, overriding the bucket's KMS default.
    // The alias is known before the key exists, so the bootstrap stack need not be read first.
    kmsKeyId: regionalArn({ partition: partitionOf(backend.region), region: backend.region, account: accountId }, "kms", stateKeyAlias(backend)),
    dynamodbTable: backend.lockTable,
  });
  // cdktf 0.21's S3BackendConfig predates `use_lockfile`; the override writes it as Terraform expects.
  if (backend.useLockfile) s3.addOverride("use_lockfile", true);
  return s3;
}
