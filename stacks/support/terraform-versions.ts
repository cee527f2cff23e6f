import { TerraformStack } from "cdktf";

/**
 * The Terraform versions the synthesized JSON is written for: write-only arguments (the
 * Kubernetes side's Secrets, kept out of state) need 1.11, the S3 backend's lock files 1.10,
 * and 2.x may change the JSON syntax. Every runner (a laptop, CI, the
 * deploy workflow) then refuses a Terraform the stacks were not written for, instead
 * of planning with it. The AWS provider is pinned exactly by the prebuilt bindings
 * (`required_providers.aws.version`, 6.25.0 for @cdktf/provider-aws 21.22.1).
 */
export const TERRAFORM_REQUIRED_VERSION = ">= 1.11.0, < 2.0.0";

export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride("terraform.required_version", TERRAFORM_REQUIRED_VERSION);
}
