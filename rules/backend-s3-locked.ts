import { StackRule } from "./types";

export const BackendS3Locked: StackRule = {
  id: "BACKEND-S3-LOCKED",
  level: "error",
  finding: "Stack state is not in the encrypted, locked S3 backend",
  fix: "Call useRemoteState (S3 backend with encrypt and dynamodb_table or use_lockfile).",
  appliesTo: "stack",
  check(stack) {
    if (stack.context.isBootstrap) return undefined;
    const s3 = stack.backend.s3;
    if (!s3) return `backend ${Object.keys(stack.backend)[0] ?? "(none)"}`;
    if (s3.encrypt !== true) return "encrypt is not true";
    return s3.dynamodb_table || s3.use_lockfile ? undefined : "no lock table or lock file";
  },
};
