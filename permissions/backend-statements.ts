import { StateBackendConfig } from "../config";
import { partitionOf } from "../config/aws";
import { planObjectPrefix, stateKey, stateKeyAlias } from "../config/naming";
import { regionalArn, s3Arn } from "../lib/arn";
import { PolicyStatement } from "../lib/policy-document";

/**
 * What Terraform's S3 backend needs for this stack's state: its object, its lock item, the state
 * key; and the deploy workflow's reviewed plan, which the plan job writes beside the state (not
 * as an artifact anyone reading the repository can fetch) and the apply job reads back.
 */
export function backendStatements(
  backend: StateBackendConfig,
  stackId: string,
  accountId: string,
  use: "deploy" | "plan" = "deploy",
): PolicyStatement[] {
  const partition = partitionOf(backend.region);
  const bucketArn = s3Arn(partition, backend.bucket);
  const key = stateKey(backend, stackId);
  const objects = [`${bucketArn}/${key}`, ...(backend.useLockfile ? [`${bucketArn}/${key}.tflock`] : [])];
  const table = regionalArn({ partition, region: backend.region, account: accountId }, "dynamodb", `table/${backend.lockTable}`);
  const lockItem = `${backend.bucket}/${key}`;
  const digestItem = `${lockItem}-md5`;
  return [
    // A plan reads the state and takes the lock (plans with -lock=false could race an apply); it never writes the state.
    {
      Sid: "StateObject",
      Effect: "Allow",
      Action: use === "deploy" ? ["s3:GetObject", "s3:PutObject"] : "s3:GetObject",
      Resource: objects.length === 1 ? objects[0] : objects,
    },
    ...(use === "plan" && backend.useLockfile
      ? [{ Sid: "StateLockFileWrite", Effect: "Allow" as const, Action: "s3:PutObject", Resource: `${bucketArn}/${key}.tflock` }]
      : []),
    // Only the lock file is ever deleted (Terraform releases it); the state object never is.
    ...(backend.useLockfile
      ? [{ Sid: "StateLockFile", Effect: "Allow" as const, Action: "s3:DeleteObject", Resource: `${bucketArn}/${key}.tflock` }]
      : []),
    { Sid: "StateBucketList", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: { "s3:prefix": key } } },
    // The planner writes a plan it cannot read back; the deployer reads it and writes none. The apply
    // job checks the plan's digest, recorded by its own run, before applying it.
    {
      Sid: use === "deploy" ? "ReviewedPlanRead" : "ReviewedPlanWrite",
      Effect: "Allow",
      Action: use === "deploy" ? "s3:GetObject" : "s3:PutObject",
      Resource: `${bucketArn}/${planObjectPrefix(backend, stackId)}*`,
    },
    // Terraform's LockID is "<bucket>/<key>" for the lock and "<bucket>/<key>-md5" for the state's digest, which it
    // reads on every state read and writes only with the state: a plan takes and releases its lock, and never writes
    // the digest (later runs would fail its checksum); nobody here deletes a digest.
    {
      Sid: "StateLockRead",
      Effect: "Allow",
      Action: ["dynamodb:DescribeTable", "dynamodb:GetItem"],
      Resource: table,
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [lockItem, digestItem] } },
    },
    {
      Sid: "StateLock",
      Effect: "Allow",
      Action: use === "deploy" ? "dynamodb:DeleteItem" : ["dynamodb:DeleteItem", "dynamodb:PutItem"],
      Resource: table,
      Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": lockItem } },
    },
    ...(use === "deploy"
      ? [
          {
            Sid: "StateLockAndDigest",
            Effect: "Allow" as const,
            Action: "dynamodb:PutItem",
            Resource: table,
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [lockItem, digestItem] } },
          },
        ]
      : []),
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: regionalArn({ partition, region: backend.region, account: accountId }, "kms", "key/*"),
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": stateKeyAlias(backend) } },
    },
  ];
}
