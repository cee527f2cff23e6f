import { StackModel } from "../model";

/**
 * The chains an attacker who holds the CI job (a deployer) or opens a pull request (a planner)
 * would try, each with what denies it and the test that sends its requests against the policies
 * the provisioner deploys (before and after the vendor stacks' first deploy). The report lists them;
 * test/permissions/chains-list.test.ts checks that each named test exists.
 */
export interface ProvenChain {
  readonly id: string;
  /** What the attacker tries. */
  readonly attempt: string;
  /** What refuses it. */
  readonly deniedBy: string;
  /** The test that proves it: its file and the words of its title. */
  readonly provenBy: { readonly file: string; readonly title: string };
  /** Only for stacks that declare what the chain needs (the bastion, say). */
  readonly inStack?: (model: StackModel) => boolean;
}

const CHAINS_TEST = "test/permissions/chains.test.ts";
const ORGANIZATION_TEST = "test/permissions/organization-policies.test.ts";

export const PROVEN_CHAINS: readonly ProvenChain[] = [
  {
    id: "foreign-resources",
    attempt:
      "Every allowed action, sent with the stack's own tags, on an untagged resource, another vendor's, a sibling stack's, another team's tagged one, " +
      "an AWS-created one of another cluster, or a key carrying an alias not the stack's.",
    deniedBy: "Each statement's gate: the ownership and stack tags on the resource, the stack's own names, its own aliases.",
    provenBy: { file: "test/permissions/attacker-proof.ts", title: "are denied every allowed action on every foreign resource it could touch" },
  },
  {
    id: "terraform-lookalikes",
    attempt:
      "Each call Terraform makes, on what is not the stack's: a create without the ownership tag, with another value or carrying another vendor's key; " +
      "an untag that takes the ownership or stack tag away with another key; a name the stack does not own.",
    deniedBy: "aws:RequestTag and aws:TagKeys on creates; DenyRemovingOwnershipTag (ForAnyValue aws:TagKeys); the stack's names.",
    provenBy: { file: "test/permissions/call-proofs.ts", title: "and deny it on what is not the stack's" },
  },
  {
    id: "trust-rewrite",
    attempt:
      "Rewrite a workload role's trust to another GitHub repository, account or cluster, then use the role (its driver's managed policy reaches the whole account).",
    deniedBy:
      "Only IRSA and instance-profile roles under their own generated boundary may get a new trust, and that boundary denies every session that did not come " +
      "from the cluster's OIDC provider (aws:FederatedProvider) or the stack's VPC (aws:Ec2InstanceSourceVpc); a Pod Identity or service role's trust is " +
      "written once. With the RCP: no assume from outside the organization, no SAML, no GitHub Actions token on any stack role.",
    provenBy: { file: CHAINS_TEST, title: "a role's session from anywhere but the way its trust says gets nothing" },
  },
  {
    id: "trust-rcp",
    attempt: "Assume a stack role from another organization, through SAML, or with a GitHub Actions token, whatever its trust says.",
    deniedBy: "The resource control policy (`provisioner.scp.organizationId`).",
    provenBy: {
      file: ORGANIZATION_TEST,
      title: "the RCP keeps every stack role to the organization, its IRSA roles to their cluster, and GitHub's tokens out",
    },
  },
  {
    id: "access-entry-widening",
    attempt: "Associate AmazonEKSClusterAdminPolicy with the planner's (a pull request's) access entry, or change an entry's Kubernetes groups.",
    deniedBy:
      "Access policies only per principal (eks:principalArn in the ARN) and policy (eks:policyArn) the stack declares; no eks:UpdateAccessEntry.",
    provenBy: { file: CHAINS_TEST, title: "chain 2: the deployer gives no principal's access entry more than its own access policy" },
  },
  {
    id: "account-public-access",
    attempt: "Turn off the account's S3 Block Public Access, then open a bucket policy to the world.",
    deniedBy: "No deployer has s3:PutAccountPublicAccessBlock; with `provisioner.blockPublicS3Access` the provisioner turns all four settings on.",
    provenBy: { file: CHAINS_TEST, title: "chain 3: the deployer never changes the account's S3 Block Public Access" },
  },
  {
    id: "data-to-another-account",
    attempt: "Reach the stack's own buckets, keys, queues or secrets from another organization's principal, or over plain HTTP.",
    deniedBy: "The data perimeter RCP (`provisioner.scp.dataPerimeter`); without it this stays a residual (own-data-policies).",
    provenBy: { file: ORGANIZATION_TEST, title: "the data perimeter keeps S3, KMS, SQS, Secrets Manager and STS to the organization's principals" },
  },
  {
    id: "ownership-scp",
    attempt: "Create a vendor resource without its ownership tag, or remove the tag (alone or with another key), whatever the IAM policies become.",
    deniedBy: "The ownership SCP (`provisioner.scp`): each vendor's deployers create only with its tag; nobody removes it.",
    provenBy: { file: ORGANIZATION_TEST, title: "the SCP denies what it says, to whom it says, and the lookalikes of each" },
  },
  {
    id: "lock-and-digest",
    attempt: "From a pull request's plan: write the state's digest item (later runs fail their checksum) or another stack's lock item.",
    deniedBy: "The planner's PutItem and DeleteItem are held to its own lock item (dynamodb:LeadingKeys); the digest is read-only to it.",
    provenBy: { file: CHAINS_TEST, title: "chain 4: a plan takes and releases only its own lock item" },
  },
  {
    id: "bastion-reach",
    attempt: "From the bastion (Poolside's tooling): overwrite or unlock the platform's own state, or delete another deployment's user pool.",
    deniedBy:
      "Explicit denies on the platform's state object, its .tflock and its lock and digest items; dynamodb:LeadingKeys under the deployment's prefix; the deployment tag on user pools.",
    provenBy: { file: CHAINS_TEST, title: "chain 5: the bastion (Poolside's tooling) keeps off the platform's own state" },
    inStack: (model) => model.instances.some((i) => i.type === "aws_instance"),
  },
  {
    id: "github-oidc-provider",
    attempt:
      "Tag the account's GitHub Actions OIDC provider as the stack's, then remove its audience or delete it (the exported policy applied by hand).",
    deniedBy:
      "The OIDC provider statements name the region's EKS issuer pattern, in the exported policy as in the deployed one (deploy-time-values.json).",
    provenBy: { file: CHAINS_TEST, title: "chain 6: no deployer may tag, change or delete GitHub's OIDC provider" },
  },
  {
    id: "key-adoption",
    attempt:
      "Rewrite the policy, rotation or description of a key tagged as the stack's but not aliased as its own, or move the stack's alias to another key.",
    deniedBy: "Key updates need one of the stack's aliases on the key (kms:ResourceAliases); no kms:UpdateAlias.",
    provenBy: { file: CHAINS_TEST, title: "chain 7: a key tagged as the stack's but without its alias gets no new policy" },
    inStack: (model) => model.instances.some((i) => i.type === "aws_kms_alias"),
  },
  {
    id: "staging-data-destruction",
    attempt: "In staging, destroy data by an update: object or image expiry, one-day log retention, versioning off, a key policy that locks the key.",
    deniedBy: "Staging's once-deployed policy denies those updates once the provisioner reads that the stack is deployed.",
    provenBy: { file: CHAINS_TEST, title: "chain 8: staging destroys no data by an update once deployed" },
  },
  {
    id: "weakened-settings",
    attempt: "Turn off the control plane's audit logs, put the bastion back on IMDSv1, make image tags mutable, pass the lakehouse role to EKS.",
    deniedBy:
      "eks:loggingType/* on UpdateClusterConfig; ec2:Attribute/HttpTokens = required; no ecr:PutImageTagMutability; PassRole per role and service.",
    provenBy: { file: CHAINS_TEST, title: "chain 9: control-plane logging stays on, the bastion stays on IMDSv2" },
  },
  {
    id: "service-linked-roles",
    attempt: "Create a service-linked role of another service in a fresh account.",
    deniedBy: "iam:CreateServiceLinkedRole only for eks and eks-nodegroup (iam:AWSServiceName), the two Terraform's calls need.",
    provenBy: { file: CHAINS_TEST, title: "a fresh account: the deployer creates EKS's two service-linked roles, and no other" },
    inStack: (model) => model.instances.some((i) => i.type === "aws_eks_cluster" && i.kind === "resource"),
  },
];

/** The chains that concern a stack. */
export function chainsOf(model: StackModel): ProvenChain[] {
  return PROVEN_CHAINS.filter((c) => !c.inStack || c.inStack(model));
}
