import { minorOf } from "../config/kubernetes-side";
import { PolicyStatement } from "../lib/policy-document";
import karpenterIam from "./data/karpenter-iam.json";

/**
 * The IAM artefacts vendors publish for their controllers, kept as pinned data
 * (`modules/data/`), each with where it was taken from. The stacks write their
 * own, narrower policies; the tests prove those against these, per version.
 */

/** Where a vendor artefact was taken from: enough to fetch the same bytes again. */
export interface VendorSource {
  readonly repository: string;
  readonly tag: string;
  readonly commit: string;
  readonly path: string;
}

/** Karpenter's published IAM for one minor release (its getting-started CloudFormation template). */
export interface KarpenterOfficialIam {
  readonly source: VendorSource;
  /** The AWS managed policies its node role attaches, by name. */
  readonly nodeRoleManagedPolicies: readonly string[];
  /** The controller's policies, by the template's resource name, with the template's `${...}` placeholders. */
  readonly controllerPolicies: Readonly<Record<string, readonly PolicyStatement[]>>;
}

/** Karpenter's published IAM by minor release: the Karpenter versions the config accepts are exactly these. */
export const KARPENTER_OFFICIAL_IAM = karpenterIam as unknown as Readonly<Record<string, KarpenterOfficialIam>>;

/** What the template's placeholders stand for in one deployment. */
export interface KarpenterTemplateValues {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  readonly queueArn: string;
}

/** The controller's statements of a release with its placeholders filled, as CloudFormation would fill them. */
export function karpenterOfficialStatements(minor: string, values: KarpenterTemplateValues): PolicyStatement[] {
  const official = KARPENTER_OFFICIAL_IAM[minor];
  if (!official) throw new Error(`No published Karpenter IAM is pinned for ${minor}; known: ${Object.keys(KARPENTER_OFFICIAL_IAM).join(", ")}`);
  const placeholders: Record<string, string> = {
    "AWS::Partition": values.partition,
    "AWS::Region": values.region,
    "AWS::AccountId": values.account,
    ClusterName: values.clusterName,
    "KarpenterNodeRole.Arn": values.nodeRoleArn,
    "KarpenterInterruptionQueue.Arn": values.queueArn,
  };
  const text = JSON.stringify(Object.values(official.controllerPolicies).flat()).replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (!(name in placeholders)) throw new Error(`Karpenter ${minor}'s template uses ${whole}, which nothing here fills`);
    return placeholders[name];
  });
  return JSON.parse(text) as PolicyStatement[];
}

/**
 * The AWS Load Balancer Controller's published policy, carried unchanged in
 * modules/data/aws-load-balancer-controller-iam-policy.json: the same bytes in every
 * release from v2.13.0 to v3.5.0 (charts 1.13-1.17 and 3.0-3.5).
 */
export const LOAD_BALANCER_CONTROLLER_POLICY_SOURCE = {
  repository: "kubernetes-sigs/aws-load-balancer-controller",
  path: "docs/install/iam_policy.json",
  releases: "v2.13.0 to v3.5.0",
  sha256: "16f232c9d9f79366fe949c4550ad517a202380058a9e48d45a4e215044a20a6a",
} as const;

/** The inline policy names that carry, or are proven against, a vendor's published policy. */
export const KARPENTER_CONTROLLER_POLICY_NAME = "KarpenterController";
export const LOAD_BALANCER_CONTROLLER_POLICY_NAME = "AWSLoadBalancerControllerIAMPolicy";

/**
 * What a role's policies were proven against: the vendor's published artefact, with its release and
 * where it was read. `karpenterVersion`: the Karpenter release the environment runs.
 */
export function vendorArtefactsOf(role: { name: string; inlinePolicyNames: readonly string[] }, karpenterVersion: string): string[] {
  const minor = minorOf(karpenterVersion);
  const karpenter = KARPENTER_OFFICIAL_IAM[minor];
  const karpenterSource = karpenter ? `${karpenter.source.repository} ${karpenter.source.tag}, ${karpenter.source.path}` : "not pinned";
  const artefacts: string[] = [];
  if (role.inlinePolicyNames.includes(KARPENTER_CONTROLLER_POLICY_NAME)) {
    artefacts.push(
      `Karpenter ${minor}'s published controller policy (${karpenterSource}): every call it grants allowed, nothing broader without a stated reason`,
    );
  }
  if (role.name.endsWith("-karpenter-node"))
    artefacts.push(`Karpenter ${minor}'s published node role (${karpenterSource}): its managed policies, but those it says why not`);
  if (role.inlinePolicyNames.includes(LOAD_BALANCER_CONTROLLER_POLICY_NAME)) {
    const { repository, path, releases } = LOAD_BALANCER_CONTROLLER_POLICY_SOURCE;
    artefacts.push(`the AWS Load Balancer Controller's published policy (${repository} ${path}, ${releases}), carried unchanged`);
  }
  return artefacts;
}
