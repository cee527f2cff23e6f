import { repositoryArns } from "./shared";
import { TypePermissions } from "../types";

export const awsEcrLifecyclePolicy: TypePermissions = {
  purpose: "Keeps the newest images",
  arns: repositoryArns,
  rules: [
    { phase: "create", actions: ["ecr:PutLifecyclePolicy"], gate: { kind: "resource-tag" } },
    { phase: "read", actions: ["ecr:GetLifecyclePolicy"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["ecr:DeleteLifecyclePolicy"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_ecr_lifecycle_policy",
    source: {
      files: ["internal/service/ecr/lifecycle_policy.go"],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["ecr:GetLifecyclePolicy", "ecr:PutLifecyclePolicy"],
    read: ["ecr:GetLifecyclePolicy"],
    update: {},
    delete: ["ecr:DeleteLifecyclePolicy"],
    import: ["ecr:GetLifecyclePolicy"],
    notes:
      "lifecycle_policy.go 'Copyright IBM Corp. 2014, 2026' version. No update handler: policy and repository are both ForceNew. " +
      "Create: PutLifecyclePolicy, then read. Read: GetLifecyclePolicy (retried while new). Delete: DeleteLifecyclePolicy " +
      "(LifecyclePolicyNotFound / RepositoryNotFound ignored). No tags. Import: resource identity (repository), then read.",
  },
};
