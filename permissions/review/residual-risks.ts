import { DeployerShape } from "../../config/environment-kind";
import { asList, PolicyStatement } from "../../lib/policy-document";
import { StackModel, worksInsideACluster } from "../model";

/**
 * What a deployer (or a role the stack creates) can still do beyond the stack, after every
 * condition AWS offers: each with why IAM cannot close it and what does. The attacker's proof
 * (test/permissions/attacker-proof.ts) denies everything else it tries, the chain tests
 * (test/permissions/chains.test.ts) prove each closer, and the security report lists these per
 * stack.
 */
export interface ResidualRisk {
  readonly id: string;
  /** The actions it concerns. */
  readonly actions: readonly string[];
  /** The ARN patterns of the generated policy it concerns. */
  readonly resource: RegExp;
  /** The foreign targets (as the attacker's proof names them) it concerns; `*` for every one. */
  readonly targets: readonly string[] | "*";
  readonly risk: string;
  readonly reason: string;
  readonly closedBy: string;
  /** Only for deployers of these shapes (staging keeps no deletes). */
  readonly shapes?: readonly DeployerShape[];
  /** For a residual of a role the stack creates (not of its deployer): whether the stack has that role. */
  readonly inStack?: (model: StackModel) => boolean;
}

/** The attacker's targets a request tag cannot tell from a resource being created: they carry no vendor's ownership key. */
const NOT_A_VENDORS = ["an untagged resource", "an AWS-created resource of another cluster", "another team's tagged resource"];
const REAPPLY =
  "Apply provisioner-<env> again right after each vendor stack's first deploy (the runbook's step 7): it then reads the ids from the stack's state.";

export const ACCEPTED_RESIDUALS: readonly ResidualRisk[] = [
  {
    id: "kms-unaliased-key-adoption",
    actions: ["kms:TagResource"],
    resource: /:kms:[^:]*:\d+:key\/\*$/,
    targets: NOT_A_VENDORS,
    risk:
      "A customer key of the account and region that has no alias and no vendor's ownership tag (another team's tagged key included) can be tagged as the stack's. " +
      "In dev and prod it can then be scheduled for deletion, or get the stack's alias (deleted, then created anew on it) and then a new key policy; in staging, nothing beyond the tags.",
    reason:
      "KMS authorizes the tags of CreateKey as kms:TagResource on keys it does not yet know, so no condition tells a new key from an existing one without an alias. " +
      "A key with any alias not the stack's, or another value of a vendor's ownership tag, is refused; an existing key's policy, rotation and description change only while it " +
      "carries the stack's own alias, and no alias ever moves to another key.",
    closedBy: "An alias on every key (it is then refused outright), or key policies that name their principals instead of delegating to the account.",
  },
  {
    id: "oidc-provider-adoption",
    actions: ["iam:TagOpenIDConnectProvider"],
    resource: /:oidc-provider\/oidc\.eks\.[^/]+\/id\/\*$/,
    targets: NOT_A_VENDORS,
    risk:
      "Until the provisioner is applied again after the stack's first deploy, an EKS cluster's OIDC provider of the region that carries no vendor's ownership tag " +
      "(another team's tagged provider included) can be tagged as the stack's, then changed or deleted. GitHub's provider is never reachable: its ARN is not an EKS issuer's.",
    reason:
      "IAM checks the tag action when CreateOpenIDConnectProvider carries tags, and the provider's id is the cluster's issuer id, unknown until the cluster exists; " +
      "the provisioner reads it from the stack's state (`oidc_provider_arn`) and, applied again, names only that provider.",
    closedBy: REAPPLY,
  },
  {
    id: "default-security-group-adoption",
    actions: ["ec2:CreateTags"],
    resource: /:ec2:[^:]*:\d+:security-group\/\*$/,
    targets: NOT_A_VENDORS,
    risk:
      "Until the provisioner is applied again after the stack's first deploy, any security group of the region that carries no vendor's ownership tag, in any VPC " +
      "(another team's tagged group included), can be tagged as the stack's (the adoption of the VPC's default group), and then have its rules changed.",
    reason:
      "AWS creates a VPC's default security group untagged, and the VPC's id is unknown until the VPC exists; the provisioner reads it from the stack's state (`vpc_id`) " +
      "and, applied again, holds the adoption to that VPC (ec2:Vpc). Groups carrying a vendor's ownership tag of another value are refused at all times.",
    closedBy: REAPPLY,
  },
  {
    id: "staging-protection-before-reapply",
    actions: ["s3:PutLifecycleConfiguration", "s3:PutBucketVersioning", "ecr:PutLifecyclePolicy", "logs:PutRetentionPolicy", "kms:PutKeyPolicy"],
    resource: /./,
    targets: [],
    shapes: ["staging"],
    risk: "Until the provisioner is applied again after the stack's first deploy, staging's deployer may still make the updates that destroy data without a delete.",
    reason:
      "They are how a bucket's lifecycle and versioning, a repository's lifecycle and a log group's retention are created, so the first deploy needs them; " +
      "the provisioner attaches their denial once it reads from the stack's state that it is deployed.",
    closedBy: REAPPLY,
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
    risk: "Creates EKS's service-linked roles (for clusters, for managed node groups) when the account has none.",
    reason:
      "AWS defines these roles and their policies, one of each per account. The node-group role creates Auto Scaling's, and Auto Scaling's creates EC2 Spot's " +
      "(AWSServiceRoleForAmazonEKSNodegroup, AutoScalingServiceRolePolicy); the cluster role and the load balancer controller create Elastic Load Balancing's; " +
      "Karpenter's controller creates EC2 Spot's when the NodePool may ask for Spot: the deployer needs none of those.",
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
  // Not about a foreign resource's ARN (the attacker's proof never meets them): what can still be done with the stack's own.
  {
    id: "role-trust-replacement",
    actions: ["iam:CreateRole", "iam:DeleteRole"],
    resource: /:role\//,
    targets: [],
    shapes: ["dev", "prod"],
    risk:
      "In dev and prod the deployer can delete one of the stack's service or Pod Identity roles (the EKS cluster role, Bedrock's customization role, a Pod Identity role) " +
      "and create it again trusting any principal; that principal then holds the role, under its boundary.",
    reason:
      "IAM offers no condition on a trust policy's content. A role whose sessions carry an origin AWS lets its boundary check (IRSA's OIDC provider, an instance's VPC) is " +
      "fenced by that boundary: a session from anywhere else is denied everything. A service role's sessions carry no such mark, and a Pod Identity session's tags can be " +
      "set by whoever a rewritten trust lets tag sessions. Staging's deployer can neither delete a role nor rewrite these trusts (UpdateAssumeRolePolicy is not granted for them).",
    closedBy:
      "The resource control policy (`provisioner.scp.organizationId`): only the organization's principals and AWS services assume the stacks' roles or tag their sessions, " +
      "none takes a SAML identity, and only IRSA's roles a web identity, never GitHub's.",
  },
  {
    id: "run-code-as-own-roles",
    actions: ["ec2:RunInstances", "ec2:CreateLaunchTemplateVersion", "eks:AssociateAccessPolicy"],
    resource: /:(instance|launch-template|access-entry)\//,
    targets: [],
    risk:
      "The deployer can run code with the stack's own roles: user data on the bastion or a node template version; the Kubernetes side's deployer (cluster-admin) " +
      "can run a pod with any service account of the cluster, and so with any of its IRSA and Pod Identity roles.",
    reason:
      "RunInstances and launch templates offer no condition on user data, and cluster-admin is what installing the Kubernetes side needs. The code runs with the stack's " +
      "roles only, each held to its generated boundary and fenced to its own sessions.",
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
    id: "own-data-policies",
    actions: ["s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls", "kms:PutKeyPolicy", "sqs:SetQueueAttributes"],
    resource: /:(s3|kms|sqs):/,
    targets: [],
    risk: "The stack's own buckets, keys and queue take any policy the deployer writes: another account can be granted their data, a bucket's public access blocks lifted.",
    reason: "S3, KMS and SQS offer no condition on a policy's content; the statements name the stack's own buckets, keys and queue only.",
    closedBy:
      "The data perimeter resource control policy (`provisioner.scp.dataPerimeter`): whatever a bucket, key or queue policy says, only the organization's principals " +
      "and AWS services reach the data; account-wide S3 Block Public Access (`provisioner.blockPublicS3Access`): no bucket of the account can be made public.",
  },
  {
    id: "managed-policies-on-any-resource",
    actions: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
    resource: /:role\//,
    targets: [],
    risk:
      "Roles carry AWS-managed policies (EKS, CNI, ECR read, SSM core) that act on every resource of their services: the VPC CNI's may still change, delete " +
      "and assign addresses on any network interface of the region (its attach and detach are narrowed to the stack's nodes), the cluster role's any it tags. " +
      "The EBS CSI driver's boundary narrows it to volumes, snapshots and nodes carrying the stack's tags (permissions/boundary.ts, NARROWED_TO_THE_STACK).",
    reason:
      'AWS writes these policies with Resource "*" (some with tag conditions) and every EKS node and driver needs them. The VPC CNI tags the interfaces it makes ' +
      "with its node, not the stack (its cluster tag needs CLUSTER_NAME, which the vpc-cni add-on's documented schema does not take), so no tag of ours marks " +
      "them. Only sessions of the stack's own cluster, instances and pods hold them (each boundary's fence).",
    closedBy: "Replace a managed policy with a scoped inline copy where your security team requires it.",
  },
  {
    id: "planner-releases-a-running-lock",
    actions: ["dynamodb:DeleteItem", "s3:DeleteObject"],
    resource: /:(dynamodb|s3):/,
    targets: [],
    risk: "A plan (any pull request's) can delete its own stack's lock item, or lock file, while an apply holds it.",
    reason:
      "IAM cannot tell a plan's lock from an apply's: both are the item <bucket>/<key> (and <key>.tflock). Applies of a stack are serialized by the deploy workflow's " +
      "concurrency group (deploy-<env>-apply-<stack>), so a released lock lets no second apply run; a plan started during an apply fails to take the lock and is run again.",
    closedBy: "Nothing needed for the state's integrity: the apply that lost its lock reports that it cannot release it; no force-unlock is needed.",
  },
  {
    id: "reviewed-plan-written-by-a-pull-request",
    actions: ["s3:GetObject"],
    resource: /:s3:::[^/]+\/(.+\/)?plans\/[^/]+\/\*$/,
    targets: [],
    risk: "A pull request's plan job, as the stack's plan role, can write a plan object under the stack's reviewed-plans prefix of the state bucket.",
    reason:
      "Pull requests and the deploy workflow's plan jobs assume the same plan role (a pull request must plan); IAM cannot tell the two sessions apart by the object they write.",
    closedBy:
      "The apply job applies only a plan whose SHA-256 its own run's plan job recorded (`sha256sum --check`), and Terraform refuses a plan made against an older state.",
  },
  {
    id: "kubernetes-side-webhook-keys-in-earlier-states",
    actions: [],
    resource: /$^/,
    targets: [],
    inStack: worksInsideACluster,
    risk:
      "Where the IOMETE Kubernetes side was deployed by an earlier version, the Spark webhook's CA key Terraform made then is still in the state bucket's " +
      "noncurrent versions of its state, and the webhook still trusts that CA: the Job adopts the earlier Secret and issues only a new server certificate from it.",
    reason:
      "The new state drops the keys (their TLS resources are destroyed; the old Secret is forgotten, not deleted, so the webhook keeps working), but an " +
      "earlier state version is kept by the bucket's versioning for its retention, and a new CA unasked would break the webhook until the operator restarts.",
    closedBy:
      "Rotation, once, after the first apply of this version (CHANGELOG): delete the Secret, replace the secret Job (the CA Job follows), restart the " +
      "Spark operator. The earlier state versions then hold keys nothing trusts.",
  },
  {
    id: "bastion-untagged-user-pools",
    actions: [],
    resource: /$^/,
    targets: [],
    inStack: (model) => model.instances.some((i) => i.type === "aws_instance"),
    risk: "The bastion (Poolside's tooling) manages any user pool that carries Poolside's ownership tag and no deployment tag, whichever deployment created it.",
    reason:
      "User pools are named by ids AWS picks, so tags are their only owner; the bastion's policy refuses a pool tagged with another deployment's name (poolside.ai/deployment).",
    closedBy: "Create user pools with the poolside.ai/deployment tag (the bastion's policy allows it, and refuses other deployments' pools).",
  },
];

/** The accepted residual for an attacker's request, if any. */
export function residualFor(action: string, pattern: string, target: string): ResidualRisk | undefined {
  return ACCEPTED_RESIDUALS.find((r) => r.actions.includes(action) && r.resource.test(pattern) && (r.targets === "*" || r.targets.includes(target)));
}

/** The residuals a stack holds: some Allow of its deployer grants one of the actions on one of the patterns, or it has the role concerned. */
export function residualsOf(statements: readonly PolicyStatement[], shape?: DeployerShape, model?: StackModel): ResidualRisk[] {
  const allows = statements.filter((s) => s.Effect === "Allow");
  return ACCEPTED_RESIDUALS.filter((r) => {
    if (r.shapes && (!shape || !r.shapes.includes(shape))) return false;
    if (r.inStack) return !!model && r.inStack(model);
    return allows.some((s) => asList(s.Action).some((a) => r.actions.includes(a)) && asList(s.Resource).some((p) => r.resource.test(p)));
  });
}
