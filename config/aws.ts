import type { AwsTarget } from "../lib/arn";
/** Facts about AWS that validation and ARN construction need. */
import zoneData from "./data/availability-zones.json";
import instanceTypeData from "./data/ec2-instance-types.json";

/**
 * Regions this project accepts: commercial and GovCloud. China is left out on
 * purpose: its service principals and endpoint names differ (amazonaws.com.cn,
 * cn.com.amazonaws...) and nothing here is tested against them.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

/** The ARN partition of a region: `aws` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** EKS's access policies an access entry may get here (https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html). */
export const EKS_ACCESS_POLICIES = [
  "AmazonEKSClusterAdminPolicy",
  "AmazonEKSAdminPolicy",
  "AmazonEKSAdminViewPolicy",
  "AmazonEKSEditPolicy",
  "AmazonEKSViewPolicy",
] as const;
export type EksAccessPolicyName = (typeof EKS_ACCESS_POLICIES)[number];

/** EKS managed addons the clusters install. */
export const EKS_ADDONS = ["vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "eks-pod-identity-agent"] as const;

/**
 * EKS addons a config may add (`eks.addons`), with the IAM each needs: an IRSA role for
 * its service account with AWS's managed policies, or none. Each runs as pods: after the nodes.
 */
export const OPTIONAL_EKS_ADDONS = {
  "metrics-server": {},
  "snapshot-controller": {},
  "eks-node-monitoring-agent": {},
  "aws-efs-csi-driver": {
    role: {
      suffix: "efs-csi-role",
      namespace: "kube-system",
      serviceAccount: "efs-csi-controller-sa",
      managedPolicies: ["service-role/AmazonEFSCSIDriverPolicy"],
    },
  },
  "amazon-cloudwatch-observability": {
    role: {
      suffix: "cloudwatch-role",
      namespace: "amazon-cloudwatch",
      serviceAccount: "cloudwatch-agent",
      managedPolicies: ["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"],
    },
  },
} as const satisfies Record<string, { role?: { suffix: string; namespace: string; serviceAccount: string; managedPolicies: readonly string[] } }>;
export type OptionalEksAddon = keyof typeof OPTIONAL_EKS_ADDONS;

/** The IRSA role an optional addon's service account needs: the role name's suffix, the account, AWS's managed policies. */
export interface OptionalAddonRole {
  readonly suffix: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly managedPolicies: readonly string[];
}

/** The role of an optional addon, or undefined for one that calls no AWS API. */
export function optionalAddonRole(addon: OptionalEksAddon): OptionalAddonRole | undefined {
  return (OPTIONAL_EKS_ADDONS[addon] as { role?: OptionalAddonRole }).role;
}
export const OPTIONAL_EKS_ADDON_NAMES = Object.keys(OPTIONAL_EKS_ADDONS) as OptionalEksAddon[];

/**
 * Availability zones where EKS cannot place a control plane
 * (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html).
 */
export const EKS_UNSUPPORTED_ZONE_IDS = ["use1-az3", "usw1-az2", "cac1-az3"];

/** Characters IAM, and so every tagged resource here, accepts in tag keys and values. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Graviton (arm64) instance families: a `g` among the attributes after the generation (m7g, c7gn,
 * t4g, x2gd), and `a1`, the first Graviton, named before that convention.
 */
export function isArmInstanceType(instanceType: string): boolean {
  return /^([a-z]+\d+[a-z]*g[a-z]*|a1)\./.test(instanceType);
}

/** EKS Kubernetes versions accepted for new clusters. */
export const EKS_VERSIONS = ["1.31", "1.32", "1.33", "1.34"] as const;
export const DEFAULT_EKS_VERSION = "1.33";
/** PostgreSQL major versions RDS supports in standard support (RDS applies the minor versions). */
export const POSTGRES_MAJOR_VERSIONS = ["15", "16", "17"] as const;
export const DEFAULT_POSTGRES_MAJOR_VERSION = "17";

/** EKS's support policies (`upgrade_policy.support_type`): STANDARD upgrades a version at the end of standard support. */
export const EKS_UPGRADE_POLICIES = ["STANDARD", "EXTENDED"] as const;
export type EksUpgradePolicy = (typeof EKS_UPGRADE_POLICIES)[number];

/** The only values CloudWatch Logs accepts for `retention_in_days`. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** SSM Parameter Store: a parameter name has at most 15 levels of hierarchy (segments after /). */
export const SSM_MAX_HIERARCHY_LEVELS = 15;

/** IAM role and instance-profile names are at most 64 characters. */
export const IAM_ROLE_NAME_MAX = 64;

/**
 * S3 general-purpose bucket naming rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 * Returns the rule a name breaks, or undefined when it is valid.
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3-63 characters long (it has ${name.length})`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
  if (name.includes("..")) return "must not contain two adjacent dots";
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return "must not be formatted as an IP address";
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) return `must not start with the reserved prefix "${prefix}"`;
  }
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (name.endsWith(suffix)) return `must not end with the reserved suffix "${suffix}"`;
  }
  return undefined;
}

/** Every EC2 instance type (config/data/ec2-instance-types.json, from the EC2 API model). */
export const EC2_INSTANCE_TYPES: ReadonlySet<string> = new Set(instanceTypeData.types);

/** Why a name is not an instance type, with the nearest real ones of its family; undefined when it is one. */
export function instanceTypeProblem(name: string): string | undefined {
  // Mac instances run only on Dedicated Hosts, which neither EKS nodes nor the bastion use.
  if (/^mac[0-9-]/.test(name) && EC2_INSTANCE_TYPES.has(name))
    return "is a Mac instance type, which runs only on a Dedicated Host: EKS nodes and the bastion cannot use it";
  // A malformed name has its own message from the format check.
  if (EC2_INSTANCE_TYPES.has(name) || !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(name)) return undefined;
  const family = name.split(".")[0];
  const sizes = [...EC2_INSTANCE_TYPES].filter((t) => t.startsWith(`${family}.`));
  const near = sizes.filter((t) => t.startsWith(name.slice(0, Math.max(family.length + 2, name.length - 2))));
  const hint = near.length
    ? `; did you mean ${near.slice(0, 3).join(", ")}?`
    : sizes.length
      ? `; ${family} has ${sizes.slice(0, 6).join(", ")}${sizes.length > 6 ? ", ..." : ""}`
      : "";
  return `is not an EC2 instance type${hint}`;
}

/** The zone names of each region (config/data/availability-zones.json, with its source). */
export const AVAILABILITY_ZONES: Readonly<Record<string, readonly string[]>> = zoneData.regions;

/** Zones a created network spans: EKS needs subnets in two zones at least; the layout has room for three. */
export const AZ_COUNT = { min: 2, max: 3 } as const;

/** Managed policies IAM attaches to one role (the default quota). */
export const MANAGED_POLICIES_PER_ROLE = 10;
/** The most "Managed policies per role" can be raised to (Service Quotas). */
export const MANAGED_POLICIES_PER_ROLE_MAX = 20;
/** Managed policies the bastion's role can take besides AmazonSSMManagedInstanceCore. */
export const BASTION_EXTRA_POLICIES_MAX = MANAGED_POLICIES_PER_ROLE - 1;

/** Partition, region and account of an environment's account section: what every ARN of its stacks shares. */
export function awsTargetOf(account: { readonly id: string; readonly region: string }): AwsTarget {
  return { partition: partitionOf(account.region), region: account.region, account: account.id };
}
