import { s3Arn } from "../../../lib/arn";
import { ResourceInstance, isLiteral } from "../../model";
import { ArnContext, TypePermissions } from "../types";

const stateObjectArn = (instance: ResourceInstance, ctx: ArnContext) => {
  const state = remoteStateObject(instance);
  return state ? [s3Arn(ctx.partition, `${state.bucket}/${state.key}`)] : [];
};

/** The state object a `terraform_remote_state` (S3 backend) reads; none unless bucket and key are literals (then nothing is granted). */
function remoteStateObject(instance: ResourceInstance): { bucket: string; key: string } | undefined {
  const config = (instance.attributes.config ?? {}) as { bucket?: unknown; key?: unknown };
  return isLiteral(config.bucket) && isLiteral(config.key) ? { bucket: config.bucket, key: config.key } : undefined;
}

export const terraformRemoteState: TypePermissions = {
  purpose: "Reads another stack's outputs from its state (the data plane's, for the Kubernetes side)",
  arns: stateObjectArn,
  rules: [
    // Read only, and listing only its key as the stack's own backend statement does (the S3 backend's workspace listing under
    // `env:/` is refused, which it tolerates for the default workspace).
    { phase: "read", actions: ["s3:GetObject"], gate: { kind: "name" } },
    {
      phase: "read",
      actions: ["s3:ListBucket"],
      gate: { kind: "name" },
      resources: (instance, ctx) => {
        const state = remoteStateObject(instance);
        return state ? [s3Arn(ctx.partition, state.bucket)] : [];
      },
      conditions: (instance) => ({ StringEquals: { "s3:prefix": remoteStateObject(instance)?.key ?? "" } }),
    },
  ],
  calls: {
    type: "terraform_remote_state",
    source: {
      files: [
        "internal/backend/remote-state/s3/backend_state.go (hashicorp/terraform)",
        "internal/backend/remote-state/s3/client.go (hashicorp/terraform)",
      ],
      commit: "terraform v1.11 S3 backend",
    },
    create: [],
    // StateMgr lists workspaces (tolerating AccessDenied for the default one), then the client gets the object; SSE-KMS decrypts with the state key.
    read: ["s3:ListBucket", "s3:GetObject"],
    update: {},
    delete: [],
    import: [],
    notes: "A data source: read only. The state key's kms:Decrypt is the backend statement's.",
  },
};
