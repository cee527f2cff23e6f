import { S3Backend, TerraformStack } from "cdktf";
import { StateBackendConfig } from "../config";

/** The state object key of a stack: `[<keyPrefix>/]<stack id>/terraform.tfstate`. */
export function stateKey(backend: StateBackendConfig, stackId: string): string {
  return `${backend.keyPrefix ? `${backend.keyPrefix}/` : ""}${stackId}/terraform.tfstate`;
}

/**
 * Points a stack at the shared S3 state bucket with DynamoDB locking. With
 * `useLockfile` Terraform (>= 1.10) also takes an S3 lock file next to the state,
 * so a team can move off DynamoDB without a window where nothing locks.
 */
export function useRemoteState(stack: TerraformStack, backend: StateBackendConfig, stackId: string): S3Backend {
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: stateKey(backend, stackId),
    region: backend.region,
    encrypt: true,
    dynamodbTable: backend.lockTable,
  });
  // cdktf 0.21's S3BackendConfig predates `use_lockfile`; the override writes it as Terraform expects.
  if (backend.useLockfile) s3.addOverride("use_lockfile", true);
  return s3;
}
