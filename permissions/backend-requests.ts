import { EnvironmentConfig } from "../config";
import { planObjectPrefix, stateKey, stateKeyAlias } from "../config/naming";
import { ExpectedDecision, GuardRequest, guardRequests } from "./expectations";
import { isLiteral, StackModel } from "./model";

/**
 * What a stack's roles may do with the state backend, as requests with the decision each must
 * get: the deployer reads and writes its state and takes its lock; the planner reads the state,
 * takes the lock, writes a plan it cannot read back; both use the state key by its alias, list
 * only their key, read the state of the stacks theirs reads (terraform_remote_state) and no
 * other. The offline proof (planner.test.ts, kubernetes-side.test.ts) and the preflight ask them.
 */

export const STATE_GUARD = "the state backend: its own state, lock and plans; no one else's";

/** The state keys a stack reads besides its own: its terraform_remote_state sources in the same bucket. */
export function stateKeysRead(model: StackModel, bucket: string): string[] {
  return model.instances
    .filter((i) => i.type === "terraform_remote_state")
    .map((i) => i.attributes.config as Record<string, unknown> | undefined)
    .filter((c) => c?.bucket === bucket && isLiteral(c?.key))
    .map((c) => String(c!.key));
}

export function stateBackendRequests(env: EnvironmentConfig, stackId: string, role: "deployer" | "planner", model: StackModel): GuardRequest[] {
  const backend = env.stateBackend;
  const account = env.account.id;
  const bucket = `arn:aws:s3:::${backend.bucket}`;
  const key = stateKey(backend, stackId);
  const object = (k: string) => `${bucket}/${k}`;
  const table = `arn:aws:dynamodb:${backend.region}:${account}:table/${backend.lockTable}`;
  const lockOf = (k: string) => ({ "dynamodb:LeadingKeys": [`${backend.bucket}/${k}`] });
  const deploys = role === "deployer";
  const stateKeyArn = `arn:aws:kms:${backend.region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const plan = `${bucket}/${planObjectPrefix(backend, stackId)}1234567890-1.tfplan`;
  const guarded = guardRequests(STATE_GUARD, env.account.region);
  const request = (label: string, action: string, resource: string, context: Record<string, string | string[]>, expect: ExpectedDecision) =>
    guarded(label, action, resource, { context }, expect);
  const other = stateKey(backend, `other-${stackId}`);
  const requests: GuardRequest[] = [
    request("of its own state", "s3:GetObject", object(key), {}, "Allowed"),
    request("of its own state", "s3:PutObject", object(key), {}, deploys ? "Allowed" : "Denied"),
    request("of its own state", "s3:DeleteObject", object(key), {}, "Denied"),
    request("of another stack's state", "s3:GetObject", object(other), {}, "Denied"),
    request("listing its own key", "s3:ListBucket", bucket, { "s3:prefix": key }, "Allowed"),
    request("listing the whole bucket", "s3:ListBucket", bucket, { "s3:prefix": "" }, "Denied"),
    request("of a reviewed plan", "s3:GetObject", plan, {}, deploys ? "Allowed" : "Denied"),
    request("of a reviewed plan", "s3:PutObject", plan, {}, deploys ? "Denied" : "Allowed"),
    request("of its lock", "dynamodb:GetItem", table, lockOf(key), "Allowed"),
    request("of the lock table", "dynamodb:DescribeTable", table, lockOf(key), "Allowed"),
    request("of its lock", "dynamodb:PutItem", table, lockOf(key), "Allowed"),
    request("of its lock", "dynamodb:DeleteItem", table, lockOf(key), "Allowed"),
    request("of its state's digest", "dynamodb:PutItem", table, lockOf(`${key}-md5`), deploys ? "Allowed" : "Denied"),
    request("of another stack's lock", "dynamodb:PutItem", table, lockOf(other), "Denied"),
    ...["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"].map((action) =>
      request("with the state key", action, stateKeyArn, { "kms:ResourceAliases": [stateKeyAlias(backend)] }, "Allowed"),
    ),
    request("with a key that is not the state key", "kms:Decrypt", stateKeyArn, { "kms:ResourceAliases": ["alias/another-key"] }, "Denied"),
  ];
  if (backend.useLockfile) {
    requests.push(
      request("of its lock file", "s3:PutObject", object(`${key}.tflock`), {}, "Allowed"),
      request("of its lock file", "s3:DeleteObject", object(`${key}.tflock`), {}, "Allowed"),
    );
  }
  for (const read of stateKeysRead(model, backend.bucket)) {
    requests.push(
      request("of a state it reads", "s3:GetObject", object(read), {}, "Allowed"),
      request("listing a state it reads", "s3:ListBucket", bucket, { "s3:prefix": read }, "Allowed"),
      request("of a state it reads", "s3:PutObject", object(read), {}, "Denied"),
      request("of a state it reads", "dynamodb:PutItem", table, lockOf(read), "Denied"),
    );
  }
  return requests;
}
