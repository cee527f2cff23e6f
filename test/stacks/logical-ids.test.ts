import { Testing } from "cdktf";
import { defineStacks } from "../../stacks/app";
import { builtInConfig, synthJson } from "../support/helpers";

/**
 * The Terraform addresses of what holds data or identity: renaming a construct id changes the
 * address, and Terraform then destroys the live resource and creates an empty one. Written out
 * as literals, so a rename fails here and not in someone's plan.
 */
const STATEFUL_TYPES = [
  "aws_s3_bucket",
  "aws_dynamodb_table",
  "aws_kms_key",
  "aws_eks_cluster",
  "aws_db_instance",
  "aws_ecr_repository",
  "aws_sqs_queue",
];

const PINNED: Record<string, Record<string, string[]>> = {
  "state-backend-111111111111-eu-west-1": {
    aws_s3_bucket: ["state_bucket_056651A1"],
    aws_dynamodb_table: ["lock_table"],
    aws_kms_key: ["state_key_DD66A881"],
  },
  "iomete-data-plane-dev": {
    aws_s3_bucket: ["assets_bucket_214BC791", "lakehouse_bucket_427E48BF"],
    aws_kms_key: ["eks_encryption_key_A6FA3171", "storage_key_FD143A1D"],
    aws_eks_cluster: ["eks_3E955FF2"],
    aws_sqs_queue: ["karpenter_interruption_queue_0C26403C"],
  },
  "poolside-dev": {
    aws_s3_bucket: ["bucket_43879C71"],
    aws_kms_key: ["eks_encryption_key_A6FA3171", "key_FEDD6EC0"],
    aws_eks_cluster: ["eks_3E955FF2"],
    aws_ecr_repository: ["repository_core_api_58C2A416", "repository_inference_0111A4FD", "repository_web_assistant_C9CF7B8B"],
    aws_db_instance: ["database_instance_D7FC2283"],
  },
};

const stacks = defineStacks(Testing.app(), [builtInConfig("dev")]);

it.each(Object.keys(PINNED))("keeps the addresses of %s's stateful resources", (stackId) => {
  const stack = stacks.find((s) => s.node.id === stackId);
  expect(stack).toBeDefined();
  const resources = synthJson(stack!).resource ?? {};
  const addresses = Object.fromEntries(STATEFUL_TYPES.filter((t) => resources[t]).map((t) => [t, Object.keys(resources[t]).sort()]));
  expect(addresses).toEqual(PINNED[stackId]);
});
