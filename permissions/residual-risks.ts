import { asList, PolicyStatement } from "../lib/policy-document";

/**
 * What a deployer can still do to a resource that is not its stack's, after every
 * condition AWS offers: each with why IAM cannot close it and what would. The
 * attacker's proof (test/permissions/attacker-proof.ts) denies everything else, and
 * the security report lists these per stack.
 */
export interface ResidualRisk {
  readonly id: string;
  /** The actions it concerns. */
  readonly actions: readonly string[];
  /** The ARN patterns of the generated policy it concerns. */
  readonly resource: RegExp;
  /** The foreign targets (as the proof names them) it concerns; `*` for every one. */
  readonly targets: readonly string[] | "*";
  readonly risk: string;
  readonly reason: string;
  readonly closedBy: string;
  /** Only for deployers of this shape (staging's "no deletes" promise). */
  readonly onlyIn?: "staging";
}

const UNTAGGED = ["an untagged resource", "an AWS-created resource of another cluster"];

export const ACCEPTED_RESIDUALS: readonly ResidualRisk[] = [
  {
    id: "kms-untagged-unaliased-key",
    actions: ["kms:TagResource"],
    resource: /:kms:[^:]*:\d+:key\/\*$/,
    targets: UNTAGGED,
    risk: "A customer key in the account and region that carries no tag and no alias can be tagged as the stack's, and then managed as its own.",
    reason:
      "KMS checks kms:TagResource against every key of the account when CreateKey carries tags, and no condition tells that check from tagging an existing key. " +
      "Keys with any tag of another owner, or any alias that is not the stack's (the state key among them), are refused.",
    closedBy:
      "Give every key an alias or an owner tag (then it is refused), or key policies that name their principals instead of delegating to the account.",
  },
  {
    id: "oidc-untagged-provider",
    actions: ["iam:TagOpenIDConnectProvider"],
    resource: /:oidc-provider\/oidc\.eks\.[^/]+\/id\/\*$/,
    targets: UNTAGGED,
    risk: "Until the provisioner is applied again after the stack's first deploy, an EKS OIDC provider of the region that carries no tag can be tagged as the stack's, and then changed or deleted.",
    reason:
      "IAM checks the tag action when CreateOpenIDConnectProvider carries tags, and the provider's id is the cluster's issuer id, unknown until the cluster exists. " +
      "The provisioner reads it from the stack's state (`oidc_provider_arn`) and, once applied again, names only that provider. Providers tagged by another vendor or stack are refused at all times.",
    closedBy: "Apply provisioner-<env> again right after each vendor stack's first deploy (the runbook's step 7).",
  },
  {
    id: "default-security-group-adoption",
    actions: ["ec2:CreateTags"],
    resource: /:ec2:[^:]*:\d+:security-group\/\*$/,
    targets: UNTAGGED,
    risk: "Until the provisioner is applied again after the stack's first deploy, a security group that carries no tag, in any VPC, can be tagged as the stack's (the adoption of the VPC's default group), and then have its rules changed.",
    reason:
      "AWS creates a VPC's default security group untagged and the VPC's id is unknown until the VPC exists. The provisioner reads it from the stack's state (`vpc_id`) and, once applied again, holds the adoption to that VPC (ec2:Vpc). " +
      "Groups tagged by another vendor or stack are refused at all times.",
    closedBy: "Apply provisioner-<env> again right after each vendor stack's first deploy (the runbook's step 7).",
  },
  {
    id: "run-instances-network-interface",
    actions: ["ec2:RunInstances"],
    resource: /:network-interface\/\*$/,
    targets: "*",
    risk: "RunInstances may use an existing network interface instead of a new one.",
    reason:
      "The new interface's ARN is network-interface/* and the provider does not tag it. The instance must still launch into one of the stack's subnets with its security groups (both tag-gated), so only interfaces in the stack's own subnets qualify.",
    closedBy: "An ec2:Subnet condition on the stack's subnet ids from its outputs.",
  },
  {
    id: "run-instances-amazon-images",
    actions: ["ec2:RunInstances"],
    resource: /::image\/\*$/,
    targets: "*",
    risk: "The bastion may be launched from any Amazon-owned image, not only the one the stack looks up.",
    reason:
      "Amazon's public images carry no tag of ours; the statement is held to ec2:Owner = amazon, which refuses every image of another account or of the Marketplace.",
    closedBy: "Nothing needed beyond ec2:Owner: the image runs only with the stack's own role, subnet and groups.",
  },
  {
    id: "eks-service-linked-roles",
    actions: ["iam:CreateServiceLinkedRole"],
    resource: /:role\/aws-service-role\//,
    targets: "*",
    risk: "Creates EKS's service-linked roles when the account has none.",
    reason:
      "AWS defines these roles and their policies; the statement is held to iam:AWSServiceName of EKS and its node groups, and there is at most one of each per account.",
    closedBy: "Nothing needed: creating them grants nothing beyond what AWS's EKS service already has.",
  },
  {
    id: "aws-public-parameters",
    actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:ListTagsForResource"],
    resource: /:ssm:[^:]*:\*:parameter\/aws\/service\//,
    targets: "*",
    risk: "Reads AWS's public SSM parameters and their tags (the latest AMI ids).",
    reason: "Public parameters belong to AWS and carry no tag; read only.",
    closedBy: "Nothing needed.",
  },
  // Not about a foreign resource's ARN (the attacker's proof never meets them), but what the
  // deployer can still do with the stack's own resources.
  {
    id: "role-trust-rewrite",
    actions: ["iam:UpdateAssumeRolePolicy"],
    resource: /:role\//,
    targets: [],
    risk: "The deployer can change who may assume the stack's own roles (another account included); whoever it names gets that role's permissions.",
    reason:
      "IAM offers no condition on a trust policy's content. The deployer itself may never assume a role (DenyAssumingRoles), and each role stays under its generated boundary: its own declared permissions, nothing more.",
    closedBy:
      "The resource control policy the provisioner attaches with `provisioner.scp.organizationId`: only the organization's principals and AWS services assume the stacks' roles.",
  },
  {
    id: "run-code-as-own-roles",
    actions: ["ec2:RunInstances", "ec2:CreateLaunchTemplateVersion", "eks:AssociateAccessPolicy"],
    resource: /:(instance|launch-template|access-entry)\//,
    targets: [],
    risk: "The deployer can run code with the stack's own roles: user data on the bastion or a node template version, or a cluster-admin access entry for a stack role.",
    reason:
      "RunInstances and launch templates offer no condition on user data. The code runs with the stack's roles only, each held to its generated boundary, with IMDSv2 and the stack's own instance profile.",
    closedBy: "Nothing in IAM; review every plan (the deploy workflow applies only a reviewed plan).",
  },
  {
    id: "pod-identity-any-service-account",
    actions: ["eks:CreatePodIdentityAssociation", "eks:UpdatePodIdentityAssociation"],
    resource: /:eks:[^:]*:\d+:(cluster|podidentityassociation)\//,
    targets: [],
    risk: "The deployer can bind the stack's own roles to any service account of the stack's own cluster.",
    reason:
      "EKS offers no condition on the namespace or service account of an association. Only the stack's roles can be passed (iam:PassRole), on the stack's cluster, each held to its generated boundary.",
    closedBy: "Nothing in IAM; the cluster's own admission control (who may create pods with which service account) decides who gets the role.",
  },
  {
    id: "own-bucket-tag-set",
    actions: ["s3:PutBucketTagging"],
    resource: /:s3:::/,
    targets: [],
    risk: "PutBucketTagging replaces the whole tag set of the stack's own buckets, ownership tag included.",
    reason:
      "S3 evaluates no tag condition keys for PutBucketTagging; the statement names the stack's own buckets only, and buckets are gated by name, not by tag.",
    closedBy: "S3 ABAC on the buckets (aws_s3_bucket_abac), which moves tagging to s3:TagResource with tag conditions.",
  },
  {
    id: "own-queue-policy",
    actions: ["sqs:SetQueueAttributes"],
    resource: /:sqs:/,
    targets: [],
    risk: "The deployer can rewrite the policy of the stack's own interruption queue.",
    reason: "SQS offers no condition on the attributes a SetQueueAttributes call sets; the queue is the stack's own (tag-gated).",
    closedBy: "An SCP denying sqs:SetQueueAttributes outside the deploy workflow's reviewed plans.",
  },
  {
    id: "staging-data-destroying-updates",
    actions: ["s3:PutLifecycleConfiguration", "s3:PutBucketVersioning"],
    resource: /:s3:::/,
    targets: [],
    risk: "In staging (no deletes), a lifecycle rule or suspended versioning on the stack's own buckets can still expire data.",
    reason: "S3 offers no condition on a lifecycle rule's content or the versioning status; the statements name the stack's own buckets only.",
    closedBy: "S3 Object Lock or an SCP denying these calls in staging outside reviewed plans.",
    onlyIn: "staging",
  },
  {
    id: "managed-policies-on-any-resource",
    actions: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
    resource: /:role\//,
    targets: [],
    risk: "Roles attach AWS-managed policies (EKS, CNI, EBS CSI, ECR read, SSM core) that act on every resource of their services; a role's boundary keeps them as AWS wrote them.",
    reason:
      'AWS writes these policies with Resource "*" (some with tag conditions); every EKS node and driver needs them. Reads of any ECR image and SSM parameter come with them.',
    closedBy: "Replace a managed policy with a scoped inline copy where your security team requires it.",
  },
];

/** The accepted residual for an attacker's request, if any. */
export function residualFor(action: string, pattern: string, target: string): ResidualRisk | undefined {
  return ACCEPTED_RESIDUALS.find((r) => r.actions.includes(action) && r.resource.test(pattern) && (r.targets === "*" || r.targets.includes(target)));
}

/** The residuals a deployer holds: some Allow grants one of its actions on one of its patterns. */
export function residualsOf(statements: readonly PolicyStatement[], shape?: string): ResidualRisk[] {
  const allows = statements.filter((s) => s.Effect === "Allow");
  return ACCEPTED_RESIDUALS.filter(
    (r) =>
      (!r.onlyIn || r.onlyIn === shape) &&
      allows.some((s) => asList(s.Action).some((a) => r.actions.includes(a)) && asList(s.Resource).some((p) => r.resource.test(p))),
  );
}
