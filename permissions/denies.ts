import { EnvironmentConfig, OwnershipTag } from "../config";
import { partitionOf } from "../config/aws";
import { DeployerShape, shapeOf } from "../config/environment-kind";
import { regionalArn, s3Arn } from "../lib/arn";
import { PolicyConditions, PolicyStatement } from "../lib/policy-document";

/**
 * The deployer's denies: what holds whatever its allows say (the ownership tags, the regions,
 * the state backend, role boundaries, staging's deletes), and the tagging denies the SCP shares.
 * (The rule pack's checks are rules, in rules/; these are IAM statements.)
 */

/** Services whose APIs are global (their calls carry us-east-1 or no region). */
export const GLOBAL_SERVICES = ["iam", "sts", "organizations", "support", "pricing"];

/** Actions that remove tags, per service, and those that set them. */
export const UNTAG_ACTIONS = [
  "ec2:DeleteTags",
  "eks:UntagResource",
  "iam:UntagRole",
  "iam:UntagInstanceProfile",
  "iam:UntagOpenIDConnectProvider",
  "iam:UntagPolicy",
  "kms:UntagResource",
  "logs:UntagResource",
  "logs:UntagLogGroup",
  "sqs:UntagQueue",
  "events:UntagResource",
  "ecr:UntagResource",
  "ssm:RemoveTagsFromResource",
  "dynamodb:UntagResource",
  "s3:UntagResource",
  "rds:RemoveTagsFromResource",
];
export const TAG_ACTIONS = [
  "ec2:CreateTags",
  "eks:TagResource",
  "iam:TagRole",
  "iam:TagInstanceProfile",
  "iam:TagOpenIDConnectProvider",
  "iam:TagPolicy",
  "kms:TagResource",
  "logs:TagResource",
  "logs:TagLogGroup",
  "sqs:TagQueue",
  "events:TagResource",
  "ecr:TagResource",
  "ssm:AddTagsToResource",
  "dynamodb:TagResource",
  "s3:TagResource",
  "rds:AddTagsToResource",
];

/**
 * Denies tagging and untagging a resource that carries the tag's key with another
 * value (someone else's), present-and-different only: a resource being created has no
 * tags yet. The deployer policies and the SCP share it.
 */
export function denyTaggingOtherValues(sid: string, tag: OwnershipTag, conditions: PolicyConditions = {}): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Deny",
    Action: [...TAG_ACTIONS, ...UNTAG_ACTIONS],
    Resource: "*",
    Condition: { Null: { [`aws:ResourceTag/${tag.key}`]: "false" }, StringNotEquals: { [`aws:ResourceTag/${tag.key}`]: tag.value }, ...conditions },
  };
}

/**
 * Updates that destroy data without a delete: a shorter log retention and an image or object
 * expiry rule delete what is kept, suspended versioning keeps no more versions, a key policy
 * can lock the stack's own roles out of their data. They are how staging's resources are
 * created, so its deployer makes them on the stack's first deploy, and never once it is deployed.
 */
export const STAGING_PROTECTED_UPDATES = [
  "kms:PutKeyPolicy",
  "logs:PutRetentionPolicy",
  "ecr:PutLifecyclePolicy",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketVersioning",
];

/** What staging's deployer gets once its stack is deployed: no data-destroying update, anywhere. */
export function stagingProtection(): PolicyStatement[] {
  return [{ Sid: "DenyDataDestroyingUpdatesOnceDeployed", Effect: "Deny", Action: STAGING_PROTECTED_UPDATES, Resource: "*" }];
}

/** Deletions a staging deployer may never make (the backend's object and lock-item deletes stay allowed). */
export const STAGING_DENIED = [
  "ec2:DeleteVpc",
  "ec2:DeleteSubnet",
  "ec2:DeleteNatGateway",
  "ec2:DeleteInternetGateway",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteVpcEndpoints",
  "ec2:ReleaseAddress",
  "ec2:TerminateInstances",
  "eks:DeleteCluster",
  "eks:DeleteNodegroup",
  "eks:DeleteAddon",
  "iam:DeleteRole",
  "iam:DeleteInstanceProfile",
  "iam:DeleteOpenIDConnectProvider",
  "kms:ScheduleKeyDeletion",
  "kms:DeleteAlias",
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "sqs:DeleteQueue",
  "events:DeleteRule",
  "logs:DeleteLogGroup",
  "ecr:DeleteRepository",
  "ssm:DeleteParameter",
  "ssm:DeleteParameters",
  "dynamodb:DeleteTable",
];

/**
 * The denies that keep tags the deployer's own: the ownership and stack tags can be neither
 * removed nor changed, and nothing someone else owns can be tagged or untagged.
 */
function tagDenies(tags: OwnershipTag[], otherOwnershipKeys: readonly string[]): PolicyStatement[] {
  return [
    {
      Sid: "DenyRemovingOwnershipTag",
      Effect: "Deny",
      Action: UNTAG_ACTIONS,
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": tags.map((t) => t.key) } },
    },
    // EC2's DeleteTags without keys removes every tag, and a ForAnyValue condition is then vacuous.
    { Sid: "DenyRemovingAllTags", Effect: "Deny", Action: UNTAG_ACTIONS, Resource: "*", Condition: { Null: { "aws:TagKeys": "true" } } },
    ...tags.map((tag, i) => ({
      Sid: i === 0 ? "DenyChangingOwnershipTag" : "DenyChangingStackTag",
      Effect: "Deny" as const,
      Action: TAG_ACTIONS,
      Resource: "*",
      Condition: { Null: { [`aws:RequestTag/${tag.key}`]: "false" }, StringNotEquals: { [`aws:RequestTag/${tag.key}`]: tag.value } },
    })),
    // Tagging never takes over what is someone else's: a resource whose ownership or stack tag
    // has another value (another vendor's stack, a sibling stack), or that carries another
    // vendor's ownership key. Present-and-different only: a resource being created has no tags yet.
    ...tags.map((tag, i) => denyTaggingOtherValues(i === 0 ? "DenyTaggingOthersResources" : "DenyTaggingOtherStacksResources", tag)),
    ...otherOwnershipKeys
      .filter((key) => !tags.some((t) => t.key === key))
      .map((key, i) => ({
        Sid: `DenyTaggingOtherVendors${i === 0 ? "" : i + 1}`,
        Effect: "Deny" as const,
        Action: [...TAG_ACTIONS, ...UNTAG_ACTIONS],
        Resource: "*",
        Condition: { Null: { [`aws:ResourceTag/${key}`]: "false" } },
      })),
  ];
}

/**
 * Denies that hold whatever the allows say: the ownership tag can be neither
 * removed nor changed (or the deployer could adopt or release resources), nothing
 * happens outside the configured regions, the state backend is never deleted,
 * and roles carry the boundary.
 */
export function deployerDenies(
  environment: EnvironmentConfig,
  tags: OwnershipTag[],
  boundaries: string[],
  shape: DeployerShape = shapeOf(environment),
  otherOwnershipKeys: readonly string[] = [],
): PolicyStatement[] {
  const backend = environment.stateBackend;
  const partition = partitionOf(environment.account.region);
  const regions = [...new Set([environment.account.region, backend.region])];
  const statements: PolicyStatement[] = [
    ...tagDenies(tags, otherOwnershipKeys),
    // The deployer creates roles but never becomes one: no planted trust policy hands it their credentials.
    {
      Sid: "DenyAssumingRoles",
      Effect: "Deny",
      Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:SetSourceIdentity", "sts:TagSession"],
      Resource: "*",
    },
    // A key policy that locks everyone else out (and AWS's own check skipped) is never the deployer's to write.
    {
      Sid: "DenyKeyPolicyLockout",
      Effect: "Deny",
      Action: ["kms:CreateKey", "kms:PutKeyPolicy"],
      Resource: "*",
      Condition: { Bool: { "kms:BypassPolicyLockoutSafetyCheck": "true" } },
    },
    {
      Sid: "DenyOutsideRegions",
      Effect: "Deny",
      NotAction: GLOBAL_SERVICES.map((s) => `${s}:*`),
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": regions.length === 1 ? regions[0] : regions } },
    },
    {
      Sid: "DenyDeletingStateBackend",
      Effect: "Deny",
      Action: ["s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "dynamodb:DeleteTable"],
      Resource: [
        s3Arn(partition, backend.bucket),
        regionalArn({ partition, region: backend.region, account: environment.account.id }, "dynamodb", `table/${backend.lockTable}`),
      ],
    },
  ];
  if (shape === "staging") {
    // Staging's allows hold no delete actions; this makes it hold whatever the catalogue later grows.
    statements.push({
      Sid: "DenyDeletesInStaging",
      Effect: "Deny",
      Action: STAGING_DENIED,
      Resource: "*",
    });
  }
  if (boundaries.length) {
    statements.push(
      {
        Sid: "DenyRolesWithoutBoundary",
        Effect: "Deny",
        Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
        Resource: "*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundaries.length === 1 ? boundaries[0] : boundaries } },
      },
      { Sid: "DenyRemovingBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
    );
  }
  return statements;
}
