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
