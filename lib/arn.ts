/**
 * The one place ARNs are spelled out. Stacks, modules and the permission
 * derivation build every ARN they name through here, so a partition or an
 * empty field (S3 has no region or account, IAM no region) is right everywhere.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** Where a stack deploys: the partition, region and account its resources' ARNs share. */
export interface AwsTarget {
  readonly partition: string;
  readonly region: string;
  /** The 12-digit account id. */
  readonly account: string;
}

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  /** @default "" (global services such as IAM and S3) */
  readonly region?: string;
  /** @default "" (S3 buckets, AWS-owned resources such as foundation models); `*` or `aws` where that is meant */
  readonly account?: string;
  /** `type/id`, `type:id` or a bare id, as the service spells it. */
  readonly resource: string;
}

export function formatArn(parts: ArnParts): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region ?? ""}:${parts.account ?? ""}:${parts.resource}`;
}

/** A resource of a regional service in the target's region and account. */
export function regionalArn(target: AwsTarget, service: string, resource: string): string {
  return formatArn({ partition: target.partition, service, region: target.region, account: target.account, resource });
}

/** An IAM resource of the account (`role/...`, `policy/...`, `instance-profile/...`, `oidc-provider/...`, `root`). */
export function iamArn(target: Pick<AwsTarget, "partition" | "account">, resource: string): string {
  return formatArn({ partition: target.partition, service: "iam", account: target.account, resource });
}

/** A bucket, or with a key or pattern after `/`, its objects. */
export function s3Arn(partition: string, bucketAndKey: string): string {
  return formatArn({ partition, service: "s3", resource: bucketAndKey });
}

/** An AWS-managed IAM policy (`service-role/...` paths included). */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return formatArn({ partition, service: "iam", account: "aws", resource: `policy/${name}` });
}
