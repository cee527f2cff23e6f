import { EnvironmentConfig } from "../config";
import {
  deployerRoleName,
  iometeKubernetesStackId,
  iometeNames,
  iometeStackId,
  POOLSIDE_STACK_TAG_KEY,
  poolsideKubernetesStackId,
  poolsideNames,
  poolsideStackId,
  roleBoundaryArn,
  stateKey,
} from "../config/naming";
import { ExpectedDecision, GuardRequest, guardRequests, ShapeInRegion } from "./expectations";
import { DeployerPolicySet } from "./index";
import { literalsOf, StackModel, worksInsideACluster } from "./model";

/**
 * The deployer's named denials, as requests with the decision the policies must give: the
 * ownership tag, the boundary, the roles it passes, other regions, the state backend. The
 * offline proof asks them of the policies the provisioner deploys; the preflight asks IAM.
 * (Every call Terraform makes, and its lookalikes, come from requests.ts and lookalikes.ts.)
 */

/** The sample VPC and key the guard requests act on (any of the stack's: the tag decides). */
const SAMPLE_VPC = "vpc/vpc-0a1b2c3d4e5f67890";
const SAMPLE_KEY = "key/1234abcd-12ab-34cd-56ef-1234567890ab";

export const GUARDS = {
  ownershipTag: "cannot remove or change the ownership tag",
  keylessUntag: "cannot strip every tag from a resource with a keyless DeleteTags",
  boundary: "cannot create a role without the permissions boundary, or strip it",
  passRole: "passes only the stack's own roles, and only to the service that takes them",
  region: "cannot act in another region",
  stateBackend: "cannot delete the state bucket or the lock table",
  stateObject: "reads and writes its own state object and lock item only",
} as const;

interface GuardContext {
  readonly env: EnvironmentConfig;
  readonly stackId: string;
  readonly set: DeployerPolicySet;
  readonly model: StackModel;
  /** The stack's ownership tag, and its scope tag where it has one: what its existing resources carry. */
  readonly ownTags: Record<string, string>;
  /** The first role the stack declares. */
  readonly ownRole: string;
  readonly roleName: string;
  readonly request: (
    guard: keyof typeof GUARDS,
    label: string,
    action: string,
    resource: string,
    shape: ShapeInRegion,
    expect: ExpectedDecision,
  ) => GuardRequest;
}

/** The guard requests of one stack's deployer (none for a stack inside a cluster: it creates no AWS resource). */
export function deployerGuardRequests(env: EnvironmentConfig, stackId: string, set: DeployerPolicySet, model: StackModel): GuardRequest[] {
  if (worksInsideACluster(model)) return [];
  const tag = set.derived.ownershipTag;
  const roleName = literalsOf(model, "aws_iam_role", "name")[0];
  const c: GuardContext = {
    env,
    stackId,
    set,
    model,
    ownTags: { [tag.key]: tag.value, ...(set.derived.scopeTag ? { [set.derived.scopeTag.key]: set.derived.scopeTag.value } : {}) },
    roleName,
    ownRole: `arn:aws:iam::${env.account.id}:role/${roleName}`,
    request: (guard, ...rest) => guardRequests(GUARDS[guard], env.account.region)(...rest),
  };
  return [...tagGuards(c), ...boundaryGuards(c), ...passRoleGuards(c), ...regionAndStateGuards(c)];
}

function tagGuards({ env, set, ownTags, ownRole, request }: GuardContext): GuardRequest[] {
  const { id: account, region } = env.account;
  const tag = set.derived.ownershipTag;
  const vpc = `arn:aws:ec2:${region}:${account}:${SAMPLE_VPC}`;
  const removing = { resourceTags: ownTags, requestTags: { [tag.key]: tag.value } };
  return [
    request("ownershipTag", "removes the ownership tag of a VPC", "ec2:DeleteTags", vpc, removing, "ExplicitlyDenied"),
    request(
      "ownershipTag",
      "removes the ownership tag of a key",
      "kms:UntagResource",
      `arn:aws:kms:${region}:${account}:${SAMPLE_KEY}`,
      removing,
      "ExplicitlyDenied",
    ),
    request("ownershipTag", "removes the ownership tag of a role", "iam:UntagRole", ownRole, removing, "ExplicitlyDenied"),
    request(
      "ownershipTag",
      "changes the ownership tag of a VPC",
      "ec2:CreateTags",
      vpc,
      { resourceTags: ownTags, requestTags: { [tag.key]: "false" }, context: { "ec2:CreateAction": "CreateVpc" } },
      "ExplicitlyDenied",
    ),
    request(
      "keylessUntag",
      "with no tag keys on a subnet",
      "ec2:DeleteTags",
      `arn:aws:ec2:${region}:${account}:subnet/subnet-0a1b2c3d4e5f67890`,
      { resourceTags: ownTags },
      "ExplicitlyDenied",
    ),
  ];
}

function boundaryGuards({ env, model, ownTags, ownRole, roleName, request }: GuardContext): GuardRequest[] {
  const roleShape = (boundary: string) => ({ requestTags: { ...model.defaultTags }, context: { "iam:PermissionsBoundary": boundary } });
  return [
    request("boundary", "with the stack's boundary", "iam:CreateRole", ownRole, roleShape(roleBoundaryArn(env, roleName)), "Allowed"),
    request(
      "boundary",
      "with AdministratorAccess as its boundary",
      "iam:CreateRole",
      ownRole,
      roleShape(`arn:aws:iam::${env.account.id}:policy/AdministratorAccess`),
      "ExplicitlyDenied",
    ),
    request("boundary", "of the stack's role", "iam:DeleteRolePermissionsBoundary", ownRole, { resourceTags: ownTags }, "ExplicitlyDenied"),
  ];
}

function passRoleGuards({ env, set, request }: GuardContext): GuardRequest[] {
  const pass = set.derived.passRoles[0];
  if (!pass) return [];
  const to = (service: string) => ({ context: { "iam:PassedToService": service } });
  const other = `arn:aws:iam::${env.account.id}:role/OrganizationAccountAccessRole`;
  return [
    request("passRole", `of ${pass.roleArn} to ${pass.services[0]}`, "iam:PassRole", pass.roleArn, to(pass.services[0]), "Allowed"),
    request("passRole", `of ${pass.roleArn} to lambda.amazonaws.com`, "iam:PassRole", pass.roleArn, to("lambda.amazonaws.com"), "Denied"),
    request("passRole", `of OrganizationAccountAccessRole to ${pass.services[0]}`, "iam:PassRole", other, to(pass.services[0]), "Denied"),
  ];
}

function regionAndStateGuards({ env, stackId, model, ownTags, request }: GuardContext): GuardRequest[] {
  const account = env.account.id;
  const backend = env.stateBackend;
  const table = `arn:aws:dynamodb:${backend.region}:${account}:table/${backend.lockTable}`;
  const object = (stack: string) => `arn:aws:s3:::${backend.bucket}/${stateKey(backend, stack)}`;
  return [
    request(
      "region",
      "in us-east-1",
      "ec2:CreateVpc",
      `arn:aws:ec2:us-east-1:${account}:${SAMPLE_VPC}`,
      { region: "us-east-1", requestTags: { ...model.defaultTags } },
      "ExplicitlyDenied",
    ),
    request("stateBackend", "of the state bucket", "s3:DeleteBucket", `arn:aws:s3:::${backend.bucket}`, {}, "ExplicitlyDenied"),
    request("stateBackend", "of the lock table", "dynamodb:DeleteTable", table, { resourceTags: ownTags }, "ExplicitlyDenied"),
    request("stateObject", "of its own state", "s3:PutObject", object(stackId), {}, "Allowed"),
    request("stateObject", "of another stack's state", "s3:PutObject", object("other-stack"), {}, "Denied"),
    request("stateObject", "on the lock table", "dynamodb:PutItem", table, {}, "Allowed"),
  ];
}

export const CLUSTER_STACK_GUARD =
  "sending its vendor's own tags, touches nothing of the vendor's stack in AWS: no access entry of its own making, no role, no data";

/** What a cluster-side attempt aims at: the vendor stack's cluster, a role it creates, its deployer, its data. */
interface ClusterSideTargets {
  readonly clusterName: string;
  readonly ownTags: Record<string, string>;
  readonly workloadRole: string;
  readonly vendorStackId: string;
  readonly dataObject: string;
}

function clusterSideTargets(env: EnvironmentConfig, stackId: string): ClusterSideTargets | undefined {
  const { iomete, poolside } = env;
  if (stackId === iometeKubernetesStackId(env.name) && iomete) {
    return {
      clusterName: iomete.clusterName,
      ownTags: { "iomete.com/managed": "true", "iomete.com/cluster_name": iomete.clusterName },
      workloadRole: iometeNames(iomete.clusterName).lakehouseRole,
      vendorStackId: iometeStackId(env.name),
      dataObject: `${iomete.lakehouseBucketName}/warehouse/part-0000.parquet`,
    };
  }
  if (stackId === poolsideKubernetesStackId(env.name) && poolside) {
    return {
      clusterName: poolside.clusterName,
      ownTags: { [poolside.ownershipTag.key]: poolside.ownershipTag.value, [POOLSIDE_STACK_TAG_KEY]: poolside.deploymentName },
      workloadRole: poolsideNames(poolside.deploymentName, poolside.rolePrefix, poolside.clusterName).podRole,
      vendorStackId: poolsideStackId(env.name),
      dataObject: `${poolside.bucketName}/models/weights.safetensors`,
    };
  }
  return undefined;
}

/**
 * The guard requests of a stack inside a cluster (a Kubernetes side), for its deployer and its
 * planner alike: whatever tags of its vendor it sends, it reaches nothing of the vendor's stack in AWS.
 */
export function clusterStackGuardRequests(env: EnvironmentConfig, stackId: string): GuardRequest[] {
  const targets = clusterSideTargets(env, stackId);
  if (!targets) return [];
  const { id: account, region } = env.account;
  const { clusterName, ownTags } = targets;
  const cluster = `arn:aws:eks:${region}:${account}:cluster/${clusterName}`;
  const workloadRole = `arn:aws:iam::${account}:role/${targets.workloadRole}`;
  const guarded = guardRequests(CLUSTER_STACK_GUARD, region);
  const attempt = (label: string, action: string, resource: string, shape: ShapeInRegion) => guarded(label, action, resource, shape, "Denied");
  return [
    attempt("of its own making on the cluster", "eks:CreateAccessEntry", cluster, { requestTags: ownTags }),
    attempt(
      "to an access entry",
      "eks:AssociateAccessPolicy",
      `arn:aws:eks:${region}:${account}:access-entry/${clusterName}/role/${account}/x/*`,
      {},
    ),
    attempt("of the cluster", "eks:UpdateClusterConfig", cluster, { resourceTags: ownTags }),
    attempt("of a workload role", "iam:CreateRole", workloadRole, { requestTags: ownTags }),
    attempt("on a workload role", "iam:PutRolePolicy", workloadRole, { resourceTags: ownTags }),
    attempt("of the vendor stack's deployer", "sts:AssumeRole", `arn:aws:iam::${account}:role/${deployerRoleName(targets.vendorStackId)}`, {}),
    attempt("of the vendor's data", "s3:GetObject", `arn:aws:s3:::${targets.dataObject}`, { resourceTags: ownTags }),
    attempt("with the vendor's tags", "ec2:RunInstances", `arn:aws:ec2:${region}:${account}:instance/*`, { requestTags: ownTags }),
    attempt("with a key carrying the vendor's tags", "kms:Decrypt", `arn:aws:kms:${region}:${account}:key/11111111-2222-3333-4444-555555555555`, {
      resourceTags: ownTags,
    }),
  ];
}
