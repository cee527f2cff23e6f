import { repositoryArns } from "./shared";
import { keyUsedBy } from "../kms/shared";
import { TypePermissions } from "../types";

export const awsEcrRepository: TypePermissions = {
  purpose: "Image repositories",
  arns: repositoryArns,
  rules: [
    { phase: "create", actions: ["ecr:CreateRepository", "ecr:TagResource"], gate: { kind: "request-tag" } },
    // ECR describes the stack's key and takes a grant on it (retired with the repository) with the caller's permission.
    ...keyUsedBy("encryption_configuration", ["kms:DescribeKey", "kms:CreateGrant"], "ecr"),
    { phase: "read", actions: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["ecr:PutImageScanningConfiguration", "ecr:TagResource", "ecr:UntagResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["ecr:DeleteRepository"], gate: { kind: "resource-tag" } },
    ...keyUsedBy("encryption_configuration", ["kms:RetireGrant"], "ecr", "delete"),
  ],
  requestContext: ({ ctx, action }) =>
    action.startsWith("kms:")
      ? { "kms:ViaService": `ecr.${ctx.region}.amazonaws.com`, ...(action === "kms:CreateGrant" ? { "kms:GrantIsForAWSResource": "true" } : {}) }
      : undefined,
  calls: {
    type: "aws_ecr_repository",
    source: {
      files: [
        "internal/service/ecr/repository.go",
        "internal/service/ecr/repositories_data_source.go",
        "internal/service/ecr/tags_gen.go",
        "internal/provider/sdkv2/tags_interceptor.go",
      ],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: ["ecr:CreateRepository", "ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:TagResource"],
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    update: {
      force_delete: [],
      image_scanning_configuration: ["ecr:PutImageScanningConfiguration"],
      image_tag_mutability: ["ecr:PutImageTagMutability"],
      image_tag_mutability_exclusion_filter: ["ecr:PutImageTagMutability"],
      tags: ["ecr:TagResource", "ecr:UntagResource"],
    },
    delete: ["ecr:DeleteRepository", "ecr:DescribeRepositories"],
    import: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    authorizedAlso: {
      create: ["kms:DescribeKey", "kms:CreateGrant"].map((action) => ({ action, whenSet: "encryption_configuration" })),
      delete: [{ action: "kms:RetireGrant", whenSet: "encryption_configuration" }],
    },
    notes:
      "repository.go is the 'Copyright IBM Corp. 2014, 2026' aws-sdk-go-v2 version (@IdentityAttribute(\"name\")), read from the index " +
      "without a commit (its path lookup serves only an aws-sdk-go v1 version, 0072eea2d6046230a1fb7717741c17fd2122175e); the commit " +
      "recorded is the one at which the same-vintage ecr/lifecycle_policy.go was read. findRepositories (DescribeRepositories paginator) " +
      "is in repositories_data_source.go. The stored tags_gen.go (050ac11163cab8cdae5936a7f40b0e528ff780df) names ListTagsForResource / " +
      'TagResource / UntagResource on the repository ARN (@Tags(identifierAttribute="arn")). ' +
      "Create: CreateRepository with encryption_configuration, image_tag_mutability (+ exclusion filters), image_scanning_configuration " +
      "and tags (resent without tags where the partition does not support tag-on-create, then createTags -> TagResource), then read. " +
      "Read: DescribeRepositories by name (retried while new); the read does not set tags, so the interceptor calls ListTagsForResource. " +
      "Update: image_tag_mutability / image_tag_mutability_exclusion_filter -> PutImageTagMutability; image_scanning_configuration -> " +
      "PutImageScanningConfiguration; force_delete makes no call; encryption_configuration (and its kms_key) and name are ForceNew. " +
      "Delete: DeleteRepository (Force = force_delete), then DescribeRepositories until RepositoryNotFound. Import: resource identity " +
      "(name), then read. IAM (not provider calls): tag-on-create also needs ecr:TagResource; with KMS encryption ECR creates a grant " +
      "on the caller's behalf, so the caller also needs kms:CreateGrant, kms:DescribeKey (and kms:RetireGrant on delete) on the key.",
  },
  acceptedGaps: [
    {
      operations: ["update image_tag_mutability", "update image_tag_mutability_exclusion_filter"],
      action: "ecr:PutImageTagMutability",
      reason:
        "the rule pack requires IMMUTABLE tags on every repository (ECR-IMMUTABLE-SCAN): a change to MUTABLE fails synth first, so the one change this call could make is the one forbidden",
    },
  ],
};
