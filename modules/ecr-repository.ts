import { Construct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository as EcrRepositoryResource } from "@cdktf/provider-aws/lib/ecr-repository";
import { ECR_KEEP_LAST_IMAGES } from "../config/defaults";
import { KmsKey } from "./kms-key";

export interface EcrRepositoryProps {
  /** IMPORTANT: changing it replaces the repository and its images. */
  readonly repositoryName: string;
  readonly kmsKey: KmsKey;
  /** Images kept; older ones expire. @default ECR_KEEP_LAST_IMAGES (30) */
  readonly keepLastImages?: number;
}

/**
 * A private ECR repository: tags immutable (a tag always means the same image),
 * images scanned on push, encrypted with the deployment's key, and a lifecycle
 * rule that keeps the newest images only.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-best-practices.html
 */
export class EcrRepository extends Construct {
  readonly repositoryName: string;
  readonly repositoryUrl: string;
  readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    const keep = props.keepLastImages ?? ECR_KEEP_LAST_IMAGES;
    if (!Number.isInteger(keep) || keep < 1) {
      throw new Error(`EcrRepository ${this.node.path}: keepLastImages ${keep} must be a whole number, at least 1`);
    }
    const repository = new EcrRepositoryResource(this, "Resource", {
      name: props.repositoryName,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKey.keyArn }],
      forceDelete: false,
    });
    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Keep the newest ${keep} images`,
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keep },
            action: { type: "expire" },
          },
        ],
      }),
    });
    this.repositoryName = props.repositoryName;
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
  }
}
