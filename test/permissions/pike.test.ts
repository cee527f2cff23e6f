import * as fs from "fs";
import * as path from "path";
import { TYPE_PERMISSIONS } from "../../permissions/types";

const CATALOGUE = Object.fromEntries(TYPE_PERMISSIONS);

/**
 * A second opinion: every action Pike (JamesWoolfenden/pike) lists for applying,
 * modifying or destroying a Terraform type we use is in our catalogue entry for
 * it, or reviewed here as not needed, with the reason. Dropping an action from
 * the catalogue that Pike expects makes this fail.
 */
/** Where the provider's Go source (each type's `calls`) and Pike disagree, the source wins. */
const NOT_CALLED = "terraform-provider-aws 6.25.0 makes no such call for this type (its Go source, recorded in the type's calls)";
const notCalled = (...actions: string[]) => Object.fromEntries(actions.map((a) => [a, NOT_CALLED]));

const REVIEWED_NOT_NEEDED: Record<string, Record<string, string>> = {
  aws_cloudwatch_log_group: notCalled("logs:ListTagsLogGroup"),
  aws_kms_alias: {
    "kms:UpdateAlias": "an alias never moves to another key (the type's accepted gap): a replaced key's alias is replaced with it",
  },
  aws_iam_openid_connect_provider: {
    "ec2:DescribeAccountAttributes": "the provider reads no EC2 attribute for an IAM OIDC provider",
    ...notCalled("iam:ListOpenIDConnectProviderTags"),
  },
  aws_instance: notCalled("ec2:DescribeNetworkInterfaces"),
  aws_route: notCalled("ec2:DescribeNetworkInterfaces"),
  aws_route_table: notCalled("ec2:DescribeAccountAttributes"),
  aws_route_table_association: notCalled("ec2:DescribeAccountAttributes", "ec2:DescribeSubnets"),
  aws_security_group: notCalled("ec2:DescribeAccountAttributes"),
  aws_sqs_queue: notCalled("sqs:GetQueueUrl"),
  aws_ssm_parameter: notCalled("ssm:GetParameters"),
  aws_cloudwatch_event_rule: {
    "events:PutTargets": "granted by aws_cloudwatch_event_target's entry",
    "events:RemoveTargets": "granted by aws_cloudwatch_event_target's entry",
  },
  aws_default_security_group: {
    "ec2:AuthorizeSecurityGroupIngress": "the group is kept without rules",
    "ec2:AuthorizeSecurityGroupEgress": "the group is kept without rules",
  },
  aws_dynamodb_table: { "dynamodb:UpdateTimeToLive": "the lock table has no TTL" },
  aws_eip: { "ec2:AssociateAddress": "the NAT gateway takes the allocation; no separate association" },
  aws_eks_access_entry: {
    "eks:UpdateAccessEntry":
      "the type's accepted gap: it has no condition key, so groups (system:masters) could go on any entry; a change of groups replaces the entry",
    "eks:AssociateAccessPolicy": "granted by aws_eks_access_policy_association's entry",
    "eks:ListAssociatedAccessPolicies": "granted by aws_eks_access_policy_association's entry",
  },
  aws_eks_addon: {
    "eks:CreatePodIdentityAssociation": "the addons take IRSA roles; associations have their own entry",
    "eks:DeletePodIdentityAssociation": "the addons take IRSA roles; associations have their own entry",
    ...notCalled("eks:DescribeAddonVersions", "eks:ListTagsForResource"),
  },
  aws_eks_cluster: {
    "eks:CreateAccessEntry": "access entries have their own entry",
    "iam:AddRoleToInstanceProfile": "instance profiles are not part of a cluster (their own entry)",
    "iam:DeleteInstanceProfile": "instance profiles are not part of a cluster (their own entry)",
    "iam:GetInstanceProfile": "instance profiles are not part of a cluster (their own entry)",
    "iam:RemoveRoleFromInstanceProfile": "instance profiles are not part of a cluster (their own entry)",
    "iam:TagInstanceProfile": "instance profiles are not part of a cluster (their own entry)",
    "iam:PassRole": "generated per role and the service it is passed to",
    ...notCalled("ec2:DescribeAccountAttributes", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "eks:ListTagsForResource"),
  },
  aws_eks_node_group: {
    "iam:GetRole": "granted by aws_iam_role's entry",
    "iam:ListAttachedRolePolicies": "granted by aws_iam_role's entry",
    "iam:PassRole": "generated per role and the service it is passed to",
    "ec2:CreateTags": "EKS launches and tags the nodes with its service-linked role, not the deployer",
    "ec2:DeleteTags": "EKS launches and tags the nodes with its service-linked role, not the deployer",
    "ec2:RunInstances": "EKS launches the nodes with its service-linked role, not the deployer",
    // EKS reads the subnets, groups and launch template itself, with its node-group service-linked role.
    ...notCalled(
      "ec2:DescribeAccountAttributes",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeKeyPairs",
      "ec2:DescribeRouteTables",
      "ec2:DescribeLaunchTemplates",
      "ec2:DescribeLaunchTemplateVersions",
      "eks:ListUpdates",
    ),
  },
  aws_eks_pod_identity_association: {
    "iam:PassRole": "generated per role and the service it is passed to",
    "iam:GetRole": "granted by aws_iam_role's entry",
  },
  aws_iam_instance_profile: {
    "iam:PassRole": "generated per role and the service it is passed to",
    "iam:GetRole": "granted by aws_iam_role's entry",
  },
  aws_nat_gateway: {
    "ec2:AssociateNatGatewayAddress": "no secondary addresses are configured",
    "ec2:DisassociateNatGatewayAddress": "no secondary addresses are configured",
    "ec2:AssignPrivateNatGatewayAddress": "no secondary addresses are configured",
    "ec2:UnassignPrivateNatGatewayAddress": "no secondary addresses are configured",
  },
  aws_s3_bucket_lifecycle_configuration: {
    "s3:GetBucketLogging": "bucket logging is not configured here",
    "s3:PutBucketLogging": "bucket logging is not configured here",
  },
  aws_sqs_queue_policy: { "sqs:ListQueueTags": "queue tags are read by aws_sqs_queue's entry" },
  aws_subnet: {
    "ec2:AssociateSubnetCidrBlock": "no IPv6 or secondary CIDRs",
    "ec2:DisassociateSubnetCidrBlock": "no IPv6 or secondary CIDRs",
    ...notCalled("ec2:DescribeAccountAttributes"),
  },
  aws_vpc: { "ec2:ModifyVpcTenancy": "tenancy stays default", ...notCalled("ec2:DescribeAccountAttributes") },
  aws_vpc_endpoint: {
    "vpc-lattice:CreateServiceNetworkVpcEndpointAssociation": "no service-network endpoints",
    "vpc-lattice:DescribeServiceNetworkVpcEndpointAssociation": "no service-network endpoints",
    "vpce:AllowMultiRegion": "no cross-region endpoints",
    ...notCalled("ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"),
  },
};

describe("the catalogue against Pike's mappings", () => {
  const dir = path.resolve(__dirname, "../fixtures/pike-mapping");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
  const used = files.map((f) => f.replace(/\.json$/, "")).filter((type) => CATALOGUE[type]);

  it("has Pike's opinion on most of the types the stacks use", () => {
    expect(used.length).toBeGreaterThan(30);
  });

  it.each(used)("%s: holds every action Pike lists, or says why not", (type) => {
    const pike = JSON.parse(fs.readFileSync(path.join(dir, `${type}.json`), "utf8"))[0] as Record<string, string[]>;
    const ours = new Set(CATALOGUE[type].rules.flatMap((r) => r.actions).map((a) => a.toLowerCase()));
    const reviewed = REVIEWED_NOT_NEEDED[type] ?? {};
    const missing = [...new Set([...(pike.apply ?? []), ...(pike.modify ?? []), ...(pike.destroy ?? [])])].filter(
      (action) => !ours.has(action.toLowerCase()) && !reviewed[action],
    );
    expect(missing).toEqual([]);
  });
});
