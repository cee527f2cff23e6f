import { s3BucketNameProblem } from "./aws";
import { cidrsOverlap, isNetworkAddress, parseCidr } from "./cidr";
import { iometeNameLimits, iometeNames, nameLimitProblem } from "./naming";

/**
 * Checks of a single value, each returning what is wrong (to follow the value
 * in the message) or undefined. The schema runs them per field, so one run
 * reports them all; checks that relate fields live in validate.ts.
 */

/** The range of VPC prefixes the subnet layout fits in (a /24 still leaves /28 subnets, AWS's smallest). */
export const VPC_PREFIX_RANGE = { min: 16, max: 24 };
const EKS_CLUSTER_NAME_MAX = 100;

export function cidrProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr) return "is not a valid IPv4 CIDR (a.b.c.d/n, n from 0 to 32)";
  if (!isNetworkAddress(cidr)) return "has host bits set; use the network address";
  return undefined;
}

/** Ranges a VPC cannot use: "this" network, loopback, link-local, multicast and reserved. */
const RESERVED_RANGES = ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/3"].map((c) => ({ text: c, cidr: parseCidr(c)! }));

export function vpcCidrProblem(text: string): string | undefined {
  const problem = cidrProblem(text);
  if (problem) return problem;
  const vpc = parseCidr(text)!;
  const reserved = RESERVED_RANGES.find((r) => cidrsOverlap(r.cidr, vpc));
  if (reserved) return `overlaps the reserved range ${reserved.text}; use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)`;
  const { prefix } = vpc;
  if (prefix < VPC_PREFIX_RANGE.min || prefix > VPC_PREFIX_RANGE.max) {
    return `must be a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} (AWS allows /16-/28; the subnet layout needs room)`;
  }
  return undefined;
}

export function bucketNameProblem(name: string): string | undefined {
  const problem = s3BucketNameProblem(name);
  return problem && `is not a valid S3 bucket name: it ${problem}`;
}

export function clusterNameProblem(name: string): string | undefined {
  if (name.length > EKS_CLUSTER_NAME_MAX) return `is longer than EKS's ${EKS_CLUSTER_NAME_MAX} characters`;
  // The node security group is named after the cluster, and EC2 reserves that prefix.
  if (name.toLowerCase().startsWith("sg-")) return 'must not start with "sg-": security group names derive from it and EC2 reserves that prefix';
  return nameLimitProblem(iometeNameLimits(iometeNames(name)), "cluster name");
}

export function tagKeyProblem(key: string): string | undefined {
  return key.toLowerCase().startsWith("aws:") ? 'is reserved: tag keys may not start with "aws:"' : undefined;
}
